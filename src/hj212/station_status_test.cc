#include "ecociv/hj212/station_status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ecociv/store/import.h"
#include "ecociv/warning/workflow.h"
#include "hj212_test_util.h"

namespace ecociv::hj212 {
namespace {

int64_t UnixOf(const std::string& compact_beijing) {
  int64_t s = 0;
  EXPECT_TRUE(ParseCompactTime(compact_beijing, &s));
  return s - BeijingSecondsOfUnix(0);
}

class StationStatusTest : public testing_util::StoreFixture {
 protected:
  // Air rows for T1 from a file: `hours` hours on each of `days` days of a
  // month, from its first day.
  void ImportHours(int year, int month, int days, int hours) {
    std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\n";
    char row[128];
    for (int d = 1; d <= days; ++d) {
      for (int h = 1; h <= hours; ++h) {
        std::snprintf(row, sizeof row, "T1,%04d-%02d-%02dT%02d:00,5,20,0.5,40,60,30\n", year, month,
                      d, h);
        csv += row;
      }
    }
    std::string path = dir_ + "/air.csv";
    std::ofstream(path) << csv;
    auto r = store::ImportAirFile(db(), path, {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  StatusReport Load(const std::string& now, int year = 0, int month = 0) {
    StatusQuery q;
    q.now_unix = UnixOf(now);
    q.year = year;
    q.month = month;
    auto report = LoadStationStatus(db(), q);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : StatusReport{};
  }
};

TEST_F(StationStatusTest, CaptureAgainstTheValidityRules) {
  ImportHours(2026, 1, 27, 20);  // 27 days of 20 hours: every day and the month valid
  StatusReport r = Load("20260215120000", 2026, 1);
  EXPECT_EQ(r.min_hours_per_day, 20);
  EXPECT_EQ(r.min_days_per_month, 27);
  ASSERT_EQ(r.stations.size(), 3u);  // T1, T2, then the section
  const StationStatus& t1 = r.stations[0];
  EXPECT_EQ(t1.code, "T1");
  EXPECT_EQ(t1.days.size(), 31u);
  EXPECT_EQ(t1.valid_days, 27);
  EXPECT_TRUE(t1.month_valid);
  EXPECT_EQ(t1.received, 540);
  EXPECT_EQ(t1.expected, 744);
  EXPECT_EQ(t1.capture_rate, "72.6");  // 540 / 744 = 72.58 %
  EXPECT_FALSE(r.stations[1].month_valid);
  EXPECT_EQ(r.stations[1].capture_rate, "0.0");
  EXPECT_EQ(r.stations[2].kind, "section");
}

TEST_F(StationStatusTest, ADayShortOfAnHourAndFebruary) {
  ImportHours(2026, 2, 25, 19);  // 19 hours a day: no valid day
  StatusReport r = Load("20260310000000", 2026, 2);
  EXPECT_EQ(r.min_days_per_month, 25);
  EXPECT_EQ(r.stations[0].valid_days, 0);
  EXPECT_FALSE(r.stations[0].month_valid);
  ImportHours(2026, 2, 25, 20);
  r = Load("20260310000000", 2026, 2);
  EXPECT_EQ(r.stations[0].valid_days, 25);
  EXPECT_TRUE(r.stations[0].month_valid);
}

TEST_F(StationStatusTest, TheMonthSoFarAndTodaysCounts) {
  ImportHours(2026, 3, 1, 10);
  // 10:30 on the first: ten hours completed, all received.
  StatusReport r = Load("20260301103000");
  EXPECT_EQ(r.year, 2026);
  EXPECT_EQ(r.month, 3);
  EXPECT_EQ(r.stations[0].expected, 10);
  EXPECT_EQ(r.stations[0].capture_rate, "100.0");
  EXPECT_EQ(r.stations[0].days.size(), 1u);
  int64_t now = UnixOf("20260301103000");
  RefusalRecord refusal{Refusal{"AIR1", "wrong password", "##…"}, "10.0.0.9:4000", now};
  Judge judge(R());
  std::string frame = testing_util::HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N");
  Judgement j = judge.OnFrame(frame, *registry_, "10.0.0.9:4000", now * 1000);
  std::vector<WriteOutcome> outcomes;
  ASSERT_OK(writer_->WriteGroup({&j.work}, {"10.0.0.9:4000"}, {refusal, refusal}, now, &outcomes));
  r = Load("20260301103500");
  const StationStatus& t1 = r.stations[0];
  EXPECT_TRUE(t1.online);
  EXPECT_EQ(t1.last_peer, "10.0.0.9:4000");
  EXPECT_EQ(t1.packets_today, 1);
  EXPECT_EQ(t1.refused_today, 2);
  ASSERT_EQ(t1.refusals_today.size(), 1u);
  EXPECT_EQ(t1.refusals_today[0], (std::pair<std::string, int64_t>{"wrong password", 2}));
  EXPECT_FALSE(Load("20260301123500").stations[0].online);  // over an hour later
  nlohmann::json json = nlohmann::json::parse(StatusJson(r));
  EXPECT_EQ(json["as_of"], "2026-03-01T10:35:00+08:00");
  EXPECT_EQ(json["stations"][0]["last_packet"], "2026-03-01T10:30:00+08:00");
  EXPECT_EQ(json["stations"][0]["refusals_today"][0]["count"], 2);
  EXPECT_TRUE(json["stations"][2]["month_valid"].is_null());
  EXPECT_NE(StatusText(r).find("wrong password ×2"), std::string::npos) << StatusText(r);
}

TEST_F(StationStatusTest, SilenceRaisesANoticeOnceAndLiftsIt) {
  int64_t now = UnixOf("20260301103000");
  // Devices never heard from count from their registration (just now in
  // real time, so "now" here is far later).
  int64_t later = std::time(nullptr) + 7200;
  auto first = CheckSilence(db(), 3600, later, store::Actor{"hj212", "test"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->raised, 3);
  EXPECT_EQ(CheckSilence(db(), 3600, later + 60, {})->raised, 0);  // once per silence
  auto warnings = warning::ListWarnings(db(), true);
  ASSERT_EQ(warnings->size(), 3u);
  EXPECT_EQ((*warnings)[0].kind, "station-silent");
  EXPECT_NE((*warnings)[0].trigger.find("未上报数据"), std::string::npos);
  EXPECT_EQ(Text("SELECT count(*) FROM notification_outbox"), "3");
  // T1's logger reports again: its notice is lifted.
  Judge judge(R());
  std::string frame = testing_util::HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N");
  Judgement j = judge.OnFrame(frame, *registry_, "p", now * 1000);
  std::vector<WriteOutcome> outcomes;
  ASSERT_OK(writer_->WriteGroup({&j.work}, {"p"}, {}, later + 100, &outcomes));
  auto lifted = CheckSilence(db(), 3600, later + 120, {});
  EXPECT_EQ(lifted->lifted, 1);
  EXPECT_EQ(warning::ListWarnings(db(), true)->size(), 2u);
  auto verify = warning::VerifyWarnings(db());
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->empty());
}

}  // namespace
}  // namespace ecociv::hj212
