#include "ecociv/hj212/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ecociv/hj212/answer.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/import.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/verify.h"
#include "ecociv/store/water_store.h"
#include "hj212_test_util.h"

namespace ecociv::hj212 {
namespace {

using testing_util::HourlyAir;
using testing_util::StoreFixture;

// 2026-03-01 10:00:30 Beijing time, as Unix milliseconds.
constexpr int64_t kNowMillis = (int64_t{1772330430}) * 1000;

class IngestTest : public StoreFixture {
 protected:
  Judgement JudgeFrame(const std::string& frame) {
    frames_.push_back(frame);
    return judge_.OnFrame(frames_.back(), *registry_, "127.0.0.1:5000", kNowMillis);
  }
  Judge judge_{testing_util::SharedReadings()};
  std::vector<std::string> frames_;
};

TEST_F(IngestTest, AcceptsAHourlyPacketAndPreparesItsAnswer) {
  Judgement j = JudgeFrame(HourlyAir("AIR1", "123456", "20260301090000", "35.5", "N"));
  ASSERT_EQ(j.action, Judgement::Action::kStore) << j.refusal.reason;
  EXPECT_EQ(j.work.kind, StoreWork::Kind::kAir);
  EXPECT_EQ(j.work.subject, "T1");
  EXPECT_EQ(FormatHourLabel(j.work.air.label), "2026-03-01T10:00");
  ASSERT_FALSE(j.work.answer.empty());
  Packet answer;
  ASSERT_TRUE(ParsePacket(j.work.answer, &answer).ok());
  EXPECT_EQ(answer.cn, kCnDataAnswer);
  EXPECT_EQ(answer.mn, "AIR1");
}

TEST_F(IngestTest, RefusesWithTheReason) {
  struct Case {
    std::string frame, reason;
  };
  std::string good = HourlyAir("AIR1", "123456", "20260301090000", "35.5", "N");
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 3] = bad_crc[bad_crc.size() - 3] == '0' ? '1' : '0';
  const Case cases[] = {
      {HourlyAir("NOPE", "123456", "20260301090000", "35.5", "N"), "unknown MN NOPE"},
      {HourlyAir("AIR1", "654321", "20260301090000", "35.5", "N"), "wrong password"},
      {bad_crc, "bad CRC (the hj212 CRC of the data segment is "},
      {HourlyAir("AIR1", "123456", "20260301130000", "35.5", "N"), "s ahead of the receiver's clock"},
      {HourlyAir("AIR1", "123456", "20260301090000", "35.5", "X"), "a34004-Flag 'X' is not a data flag"},
      {HourlyAir("AIR1", "123456", "20260301093000", "35.5", "N"), "must be on the hour"},
      {HourlyAir("WAT1", "654321", "20260301090000", "35.5", "N"), "ST 22 but the device is a section"},
      {Frame("QN=1;ST=22;CN=2061;PW=123456;MN=AIR1;CP=&&&&", CrcVariant::kHj212), "QN '1' is not"},
      {Frame("QN=20260301100000123;ST=91;CN=2061;PW=123456;MN=AIR1;Flag=5;CP=&&DataTime="
             "20260301090000&&",
             CrcVariant::kHj212),
       "ST 91 (system) on data of CN 2061"},
      // The Modbus device's packets need the Modbus CRC.
      {HourlyAir("MOD1", "123456", "20260301090000", "35.5", "N"), "bad CRC (the modbus CRC"},
  };
  for (const Case& c : cases) {
    Judgement j = JudgeFrame(c.frame);
    ASSERT_EQ(j.action, Judgement::Action::kRefuse) << c.frame;
    EXPECT_NE(j.refusal.reason.find(c.reason), std::string::npos) << j.refusal.reason;
    EXPECT_TRUE(j.reply.empty());
  }
  EXPECT_EQ(JudgeFrame(HourlyAir("NOPE", "1", "20260301090000", "1", "N")).refusal.mn, "NOPE");
  EXPECT_EQ(Judge::OnGarbage("\x01hello", "bytes before ## (not a frame)").refusal.head, ".hello");
}

TEST_F(IngestTest, ClockRequestsAndUploads) {
  Judgement j = JudgeFrame(
      Frame("QN=20260301100000123;ST=22;CN=1013;PW=123456;MN=AIR1;Flag=5;CP=&&&&", CrcVariant::kHj212));
  ASSERT_EQ(j.action, Judgement::Action::kReply);
  std::vector<int> cns;
  std::string_view rest = j.reply;
  while (!rest.empty()) {
    ScanResult r = ScanFrame(rest);
    ASSERT_EQ(r.kind, ScanKind::kFrame);
    Packet p;
    ASSERT_TRUE(ParsePacket(r.frame, &p).ok());
    cns.push_back(p.cn);
    if (p.cn == kCnSetTime) {
      EXPECT_EQ(p.Find("SystemTime")->value, "20260301100030");
    }
    rest.remove_prefix(r.consumed);
  }
  EXPECT_EQ(cns, (std::vector<int>{9011, 1012, 9012}));
  // A request with a wrong password gets 9011 QnRtn=3.
  j = JudgeFrame(
      Frame("QN=20260301100000123;ST=22;CN=1013;PW=000000;MN=AIR1;Flag=5;CP=&&&&", CrcVariant::kHj212));
  ASSERT_EQ(j.action, Judgement::Action::kRefuse);
  EXPECT_NE(j.reply.find("QnRtn=3"), std::string::npos);
  // The logger's time: 45 s fast.
  j = JudgeFrame(Frame(
      "QN=20260301100000123;ST=22;CN=1011;PW=123456;MN=AIR1;Flag=4;CP=&&SystemTime=20260301100115&&",
      CrcVariant::kHj212));
  ASSERT_EQ(j.action, Judgement::Action::kStore);
  EXPECT_EQ(j.work.kind, StoreWork::Kind::kClock);
  EXPECT_EQ(j.work.clock_offset, 45);
  // The logger's answers need nothing.
  j = JudgeFrame(
      Frame("QN=20260301100000123;ST=91;CN=9012;PW=123456;MN=AIR1;Flag=4;CP=&&ExeRtn=1&&", CrcVariant::kHj212));
  EXPECT_EQ(j.action, Judgement::Action::kIgnore);
}

TEST_F(IngestTest, WritesAGroupEachPacketAllOrNothing) {
  std::vector<Judgement> judged = {
      JudgeFrame(HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N")),
      JudgeFrame(HourlyAir("AIR1", "123456", "20260301090000", "40", "M")),
      JudgeFrame(Frame("QN=20260301100000001;ST=22;CN=2011;PW=123456;MN=AIR1;Flag=4;CP=&&DataTime="
                       "20260301100000;a34004-Rtd=41.2,a34004-Flag=N&&",
                       CrcVariant::kHj212)),
      JudgeFrame(Frame("QN=20260302000100001;ST=21;CN=2031;PW=654321;MN=WAT1;Flag=5;CP=&&DataTime="
                       "20260301000000;w21003-Avg=0.512,w21003-Flag=N;w21011-Avg=0.2,w21011-Flag=D&&",
                       CrcVariant::kHj212)),
  };
  std::vector<StoreWork> works;
  for (const Judgement& j : judged) {
    ASSERT_EQ(j.action, Judgement::Action::kStore) << j.refusal.reason;
    works.push_back(j.work);
  }
  // A packet whose station disappeared fails alone.
  works.push_back(works[0]);
  works.back().subject = "GONE";
  works.back().content_sha256 = "other";
  std::vector<const StoreWork*> pointers;
  for (const StoreWork& w : works) pointers.push_back(&w);
  std::vector<std::string> peers(works.size(), "127.0.0.1:5000");
  RefusalRecord refusal{Refusal{"AIR1", "wrong password", "##0100QN=…"}, "10.0.0.9:4000",
                        kNowMillis / 1000};
  std::vector<WriteOutcome> outcomes;
  ASSERT_OK(writer_->WriteGroup(pointers, peers, {refusal}, kNowMillis / 1000, &outcomes));
  ASSERT_EQ(outcomes.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(outcomes[i].stored) << i << outcomes[i].reason;
  EXPECT_FALSE(outcomes[4].stored);
  EXPECT_NE(outcomes[4].reason.find("unknown station 'GONE'"), std::string::npos)
      << outcomes[4].reason;

  auto air = store::LoadAirDataset(db(), store::AirQuery{});
  ASSERT_TRUE(air.ok());
  const auto& pm25 = air->stations()[air->FindStation("T1")].values[int(air::Pollutant::kPM25)];
  ASSERT_EQ(air->first_label(), *ParseHourLabel("2026-03-01T09:00"));
  EXPECT_EQ(pm25[0], 355000);
  EXPECT_EQ(pm25[1], air::kMissing);  // flagged M: left out of statistics
  store::WaterQuery wq;
  wq.include_flagged = true;
  EXPECT_EQ(store::LoadWaterSamples(db(), wq, R().water_rules())->samples.size(), 2u);
  EXPECT_EQ(Text("SELECT count(*) FROM hj212_recent"), "1");
  EXPECT_EQ(Text("SELECT packets || '/' || refused FROM hj212_daily_counts WHERE mn = 'AIR1'"),
            "3/2");
  EXPECT_EQ(Text("SELECT count(*) FROM hj212_refusals"), "2");
  EXPECT_EQ(Text("SELECT last_cn FROM hj212_device_state WHERE mn = 'WAT1'"), "2031");
  EXPECT_EQ(Text("SELECT count(*) FROM change_log WHERE action = 'import.air'"), "2");
  EXPECT_EQ(Text("SELECT count(*) FROM change_log WHERE action = 'import.water'"), "1");
  // Screening comes after the commit: three batches wait for it.
  EXPECT_EQ(Text("SELECT count(*) FROM review_runs"), "0");
  EXPECT_EQ(writer_->pending_screening(), 3u);
  ASSERT_TRUE(writer_->ScreenPending().ok());
  EXPECT_EQ(Text("SELECT count(*) FROM review_runs"), "3");
  auto report = store::VerifyDatabase(db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

TEST_F(IngestTest, AResendIsANoOpAndOtherValuesAreARevision) {
  auto write = [&](const std::string& frame) {
    Judgement j = JudgeFrame(frame);
    EXPECT_EQ(j.action, Judgement::Action::kStore) << j.refusal.reason;
    std::vector<WriteOutcome> outcomes;
    EXPECT_TRUE(writer_->WriteGroup({&j.work}, {"p"}, {}, kNowMillis / 1000, &outcomes).ok());
    return outcomes[0];
  };
  EXPECT_TRUE(write(HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N", "001")).new_rows);
  WriteOutcome again = write(HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N", "002"));
  EXPECT_TRUE(again.stored);
  EXPECT_FALSE(again.new_rows);
  EXPECT_TRUE(write(HourlyAir("AIR1", "123456", "20260301080000", "36", "N", "003")).new_rows);
  EXPECT_EQ(Text("SELECT count(*) FROM air_revisions"), "1");
  EXPECT_EQ(Text("SELECT count(*) FROM change_log WHERE action = 'import.air'"), "2");
  // The second part of a split packet adds its pollutant to the hour.
  std::string part2 = Frame(
      "QN=20260301100000004;ST=22;CN=2061;PW=123456;MN=AIR1;Flag=7;PNUM=2;PNO=2;CP=&&DataTime="
      "20260301080000;a21026-Avg=9,a21026-Flag=N&&",
      CrcVariant::kHj212);
  EXPECT_TRUE(write(part2).new_rows);
  auto air = store::LoadAirDataset(db(), store::AirQuery{});
  const auto& values = air->stations()[air->FindStation("T1")].values;
  EXPECT_EQ(values[int(air::Pollutant::kPM25)][0], 360000);
  EXPECT_EQ(values[int(air::Pollutant::kSO2)][0], 90000);
}

TEST_F(IngestTest, BatchesACrashLeftUnscreenedAreScreenedNext) {
  Judgement j = JudgeFrame(HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N"));
  std::vector<WriteOutcome> outcomes;
  ASSERT_OK(writer_->WriteGroup({&j.work}, {"p"}, {}, kNowMillis / 1000, &outcomes));
  writer_.reset();  // gone before screening, as after a kill
  auto writer = PacketWriter::Create(testing_util::Open(path_), R(), WriterOptions{});
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->pending_screening(), 1u);
  ASSERT_TRUE((*writer)->ScreenPending().ok());
  EXPECT_EQ(Text("SELECT count(*) FROM review_runs"), "1");
  auto again = PacketWriter::Create(testing_util::Open(path_), R(), WriterOptions{});
  EXPECT_EQ((*again)->pending_screening(), 0u);
}

TEST_F(IngestTest, PruneDropsOldRecentDataAndRefusals) {
  ASSERT_OK(store::RunSql(db(),
                          "INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) "
                          "VALUES ('AIR1', 2011, 0, 100, ''), ('AIR1', 2011, 0, ?, '')",
                          {kNowMillis / 1000}));
  ASSERT_OK(store::RunSql(db(),
                          "INSERT INTO hj212_refusals (at, peer, mn, reason, head) VALUES "
                          "(100, '', '', '', '')",
                          {}));
  ASSERT_OK(writer_->Prune(kNowMillis / 1000));
  EXPECT_EQ(Text("SELECT count(*) FROM hj212_recent"), "1");
  EXPECT_EQ(Text("SELECT count(*) FROM hj212_refusals"), "0");
}

TEST_F(IngestTest, DevicesAreInTheChangeRecordAndVerified) {
  EXPECT_EQ(Text("SELECT count(*) FROM change_log WHERE action = 'hj212.register'"), "3");
  auto problems = VerifyDevices(db());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
  Registration r;
  r.mn = "AIR2";
  r.kind = "station";
  r.code = "T1";
  r.password = "pw";
  EXPECT_EQ(RegisterDevice(db(), r, {}).code(), StatusCode::kFailedPrecondition);
  r.code = "NOPE";
  EXPECT_EQ(RegisterDevice(db(), r, {}).message(), "unknown station 'NOPE' (import it first)");
  r.code = "T2";
  r.password = "a;b";
  EXPECT_EQ(RegisterDevice(db(), r, {}).code(), StatusCode::kInvalidArgument);
  ASSERT_OK(DeactivateDevice(db(), "MOD1", store::Actor{"admin", "replaced"}));
  auto registry = LoadRegistry(db());
  ASSERT_TRUE(registry.ok());
  EXPECT_EQ((*registry)->Find("MOD1"), nullptr);
  EXPECT_NE((*registry)->Find("WAT1"), nullptr);
  EXPECT_TRUE(VerifyDevices(db())->empty());
  ASSERT_OK(store::RunSql(db(), "UPDATE hj212_devices SET code = 'T2' WHERE mn = 'AIR1'", {}));
  problems = VerifyDevices(db());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0], "device:AIR1: changed outside ecociv");
}

}  // namespace
}  // namespace ecociv::hj212
