// Daily values of a section from hourly water packets (water_days.h), and
// the current-hour display (current_hour.h), on the store without the network.
#include "ecociv/hj212/water_days.h"

#include <gtest/gtest.h>

#include <ctime>

#include "ecociv/hj212/current_hour.h"
#include "hj212_test_util.h"

namespace ecociv::hj212 {
namespace {

int16_t Item(const char* id) {
  return static_cast<int16_t>(testing_util::SharedReadings().water_rules().IndexOf(id));
}

TEST(WaterDayMeans, MeanOfTheValidValuesTheLastResendCountsFlaggedLeftOut) {
  const Readings& r = testing_util::SharedReadings();
  const int16_t nh3n = Item("nh3n");
  // NH3-N at 00:00, 04:00, 08:00 (08:00 resent with 0.71), 12:00 flagged M.
  std::vector<WaterHourValue> hours = {{0, nh3n, 500000, 'N'},
                                       {14400, nh3n, 600000, 'N'},
                                       {28800, nh3n, 900000, 'N'},
                                       {28800, nh3n, 710000, 'N'},
                                       {43200, nh3n, 9900000, 'M'}};
  std::vector<WaterDayValue> days = WaterDayMeans(r, hours);
  ASSERT_EQ(days.size(), 1u);
  // (0.5 + 0.6 + 0.71) / 3 = 0.603333… → 0.603333 (10⁻⁶, half to even).
  EXPECT_EQ(days[0].value, 603333);
  EXPECT_EQ(days[0].used, 3);
  EXPECT_EQ(days[0].left_out, 1);
  // Half to even at the store's scale: (0.000001 + 0.000002) / 2 = 0.0000015 → 0.000002;
  // (0.000001 + 0.000000) / 2 = 0.0000005 → 0.000000.
  EXPECT_EQ(WaterDayMeans(r, {{0, nh3n, 1, 'N'}, {3600, nh3n, 2, 'N'}})[0].value, 2);
  EXPECT_EQ(WaterDayMeans(r, {{0, nh3n, 1, 'N'}, {3600, nh3n, 0, 'N'}})[0].value, 0);
  // Only flagged values: no daily value.
  EXPECT_TRUE(WaterDayMeans(r, {{0, nh3n, 500000, 'D'}}).empty());
}

class WaterDaysTest : public testing_util::StoreFixture {
 protected:
  // An hourly packet of section S1's logger WAT1 kept by the receiver.
  void Keep(int64_t data_time, const std::string& items, int64_t received_at) {
    ASSERT_TRUE(store::RunSql(db(),
                              "INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) "
                              "VALUES ('WAT1', 2061, ?, ?, ?)",
                              {data_time, received_at, items})
                    .ok());
  }
  std::string Stored(int64_t day, const char* item) {
    return Text(
        "SELECT w.value FROM water_samples w JOIN sections s ON s.id = w.section_id "
        "WHERE s.code = 'S1' AND w.day = " +
        std::to_string(day) + " AND w.item = '" + item + "'");
  }
};

TEST_F(WaterDaysTest, AFinishedDayIsWrittenOnceAndALateHourRevisesIt) {
  const int64_t now = std::time(nullptr);
  const int64_t today = BeijingSecondsOfUnix(now) / 86400;
  const int64_t yesterday = today - 1, d0 = yesterday * 86400;
  Keep(d0, "w01001=7.1:N;w21003=0.5:N", now);
  Keep(d0 + 4 * 3600, "w01001=7.3:N;w21003=0.6:N", now);
  Keep(d0 + 8 * 3600, "w01001=9.9:M;w21003=0.71:N", now);
  Keep(today * 86400, "w21003=5:N", now);  // today: not over, not written
  store::Actor actor{"hj212", "test"};
  auto report = AggregateWaterDays(db(), R(), 0, now, actor);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->days_written, 1);
  EXPECT_EQ(Stored(yesterday, "nh3n"), "603333");
  EXPECT_EQ(Stored(yesterday, "ph"), "7200000");  // 9.9 flagged M is left out
  EXPECT_EQ(Stored(today, "nh3n"), "no row");
  // Nothing new: nothing written. Then the 08:00 hour resent with 0.8: a revision.
  report = AggregateWaterDays(db(), R(), now, now + 1, actor);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->days_written, 0);
  Keep(d0 + 8 * 3600, "w01001=7.5:N;w21003=0.8:N", now + 2);
  report = AggregateWaterDays(db(), R(), now + 1, now + 3, actor);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->days_written, 1);
  EXPECT_EQ(Stored(yesterday, "nh3n"), "633333");  // (0.5 + 0.6 + 0.8) / 3
  EXPECT_EQ(Stored(yesterday, "ph"), "7300000");
  EXPECT_EQ(Text("SELECT count(*) FROM water_revisions"), "2");
  EXPECT_EQ(Text("SELECT count(*) FROM change_log WHERE action = 'import.water'"), "2");
  // A day older than keep_days (40) is not recomputed from what is left of it.
  Keep((today - 45) * 86400, "w21003=0.2:N", now + 4);
  report = AggregateWaterDays(db(), R(), now + 4, now + 5, actor);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->days_too_old, 1);
  EXPECT_EQ(Stored(today - 45, "nh3n"), "no row");
}

TEST_F(WaterDaysTest, TheCurrentHourIsProvisionalUntilTheHourlyValueArrives) {
  const int64_t now = std::time(nullptr);
  const int64_t hour = BeijingSecondsOfUnix(now) / 3600 * 3600;  // the hour in progress
  auto minute = [&](int64_t at, int cn, const std::string& items) {
    ASSERT_TRUE(store::RunSql(db(),
                              "INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) "
                              "VALUES ('AIR1', ?, ?, ?, ?)",
                              {int64_t{cn}, at, now, items})
                    .ok());
  };
  minute(hour - 3600 + 60, 2011, "a34004=40:N");  // real-time only in the hour before
  minute(hour + 60, 2051, "a34004=35.5:N;a21026=8:N");
  minute(hour + 120, 2051, "a34004=36.0:N;a21026=9:F");
  minute(hour + 180, 2011, "a34004=99:N");  // real-time: minute data come first
  auto report = LoadCurrentHour(db(), R(), "T1", now);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->hours.size(), 2u);
  const CurrentHour& h = report->hours[0];
  EXPECT_EQ(h.source, "provisional");
  EXPECT_EQ(h.from_cn, 2051);
  ASSERT_EQ(h.values.size(), 2u);
  EXPECT_EQ(h.values[0].symbol, "SO2");  // pollutant order
  EXPECT_EQ(h.values[0].value, "8");     // 9 flagged F is left out
  EXPECT_EQ(h.values[0].flags, "F");
  EXPECT_EQ(h.values[1].symbol, "PM2.5");
  EXPECT_EQ(h.values[1].value, "35.8");  // (35.5 + 36.0) / 2 = 35.75 → 35.8 (half to even)
  EXPECT_EQ(h.values[1].count, 2);
  EXPECT_EQ(report->hours[1].source, "provisional");
  EXPECT_EQ(report->hours[1].from_cn, 2011);
  EXPECT_EQ(report->hours[1].values[0].value, "40");
  std::string json = CurrentHourJson(*report);
  EXPECT_NE(json.find("\"provisional\":true"), std::string::npos) << json;
  // The hourly packet of the hour before (DataTime = its start) replaces it, and
  // only the hourly value is in the store.
  Judge judge(R());
  Judgement j = judge.OnFrame(
      testing_util::HourlyAir("AIR1", "123456", FormatCompactTime(hour - 3600), "41.2", "N"),
      *registry_, "test", (now + 5) * 1000);
  ASSERT_EQ(j.action, Judgement::Action::kStore) << j.refusal.reason;
  std::vector<WriteOutcome> outcomes;
  ASSERT_OK(writer_->WriteGroup({&j.work}, {"test"}, {}, now, &outcomes));
  report = LoadCurrentHour(db(), R(), "T1", now);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->hours[1].source, "hourly");
  EXPECT_EQ(report->hours[1].values[0].symbol, "PM2.5");
  EXPECT_EQ(report->hours[1].values[0].value, "41.2");
  EXPECT_EQ(report->hours[0].source, "provisional");
  EXPECT_EQ(Text("SELECT count(*) FROM air_hourly"), "1");
  EXPECT_FALSE(LoadCurrentHour(db(), R(), "NOPE", now).ok());
}

}  // namespace
}  // namespace ecociv::hj212
