// Live data over real TCP on loopback: minute and real-time packets make a
// station's provisional current hour until its hourly packet arrives, and a
// section's hourly water packets make its daily value once the day is over.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "ecociv/hj212/current_hour.h"
#include "ecociv/hj212/receiver.h"
#include "hj212_net_test_util.h"
#include "hj212_test_util.h"

namespace ecociv::hj212 {
namespace {

using testing_util::Connect;
using testing_util::ReadFrames;
using testing_util::SendAll;

std::string Packet212(const std::string& st, int cn, const std::string& mn, const std::string& pw,
                      int64_t data_time, const std::string& values, int qn) {
  char qn_text[8];
  std::snprintf(qn_text, sizeof qn_text, "%03d", qn % 1000);
  return Frame("QN=" + FormatCompactTime(data_time) + qn_text + ";ST=" + st +
                   ";CN=" + std::to_string(cn) + ";PW=" + pw + ";MN=" + mn +
                   ";Flag=5;CP=&&DataTime=" + FormatCompactTime(data_time) + ";" + values + "&&",
               CrcVariant::kHj212);
}

class LiveTest : public testing_util::StoreFixture {
 protected:
  void TearDown() override {
    if (receiver_) receiver_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  std::unique_ptr<Receiver> receiver_;
  std::thread thread_;
};

TEST_F(LiveTest, MinuteDataThenTheHourlyPacketAndHourlyWaterIntoADay) {
  ReceiverOptions options;
  options.db_path = path_;
  options.log = [](const std::string&) {};
  auto receiver = Receiver::Create(options);
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  receiver_ = std::move(*receiver);
  auto port = receiver_->Bind();
  ASSERT_TRUE(port.ok());
  thread_ = std::thread([this] { EXPECT_TRUE(receiver_->Run().ok()); });

  const int64_t now = std::time(nullptr);
  const int64_t hour = BeijingSecondsOfUnix(now) / 3600 * 3600;
  const int64_t yesterday = (BeijingSecondsOfUnix(now) / 86400 - 1) * 86400;
  int air = Connect(*port), water = Connect(*port);
  ASSERT_GE(air, 0);
  ASSERT_GE(water, 0);
  // Minute data of the hour before and of this hour, and a real-time value.
  std::string bytes;
  bytes +=
      Packet212("22", 2051, "AIR1", "123456", hour - 3600 + 60, "a34004-Avg=30.0,a34004-Flag=N", 1);
  bytes += Packet212("22", 2051, "AIR1", "123456", hour - 3600 + 120,
                     "a34004-Avg=31.0,a34004-Flag=N", 2);
  bytes += Packet212("22", 2011, "AIR1", "123456", hour + 10, "a34004-Rtd=50.5,a34004-Flag=N", 3);
  SendAll(air, bytes);
  ASSERT_EQ(ReadFrames(air, 3, 10000).size(), 3u);
  auto report = LoadCurrentHour(db(), R(), "T1", now);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->hours[0].source, "provisional");
  EXPECT_EQ(report->hours[0].values.at(0).value, "50.5");
  EXPECT_EQ(report->hours[1].source, "provisional");
  EXPECT_EQ(report->hours[1].values.at(0).value, "30.5");
  // The hour before's hourly packet: it replaces the provisional value.
  SendAll(air,
          Packet212("22", 2061, "AIR1", "123456", hour - 3600, "a34004-Avg=31.4,a34004-Flag=N", 4));
  ASSERT_EQ(ReadFrames(air, 1, 10000).size(), 1u);
  report = LoadCurrentHour(db(), R(), "T1", now);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->hours[1].source, "hourly");
  EXPECT_EQ(report->hours[1].values.at(0).value, "31.4");

  // Yesterday's 4-hourly water packets: the day's value follows within seconds.
  bytes.clear();
  const char* ph[] = {"7.10", "7.30", "7.50", "7.20", "7.40", "9.90"};
  for (int k = 0; k < 6; ++k) {
    bytes += Packet212("21", 2061, "WAT1", "654321", yesterday + k * 4 * 3600,
                       std::string("w01001-Avg=") + ph[k] + ",w01001-Flag=" + (k == 5 ? "D" : "N") +
                           ";w21003-Avg=0.4" + std::to_string(k) + ",w21003-Flag=N",
                       10 + k);
  }
  SendAll(water, bytes);
  ASSERT_EQ(ReadFrames(water, 6, 10000).size(), 6u);
  const std::string day = std::to_string(yesterday / 86400);
  std::string ph_value, nh3n_value;
  for (int i = 0; i < 100 && nh3n_value.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto rows = store::QueryRows(
        db(), "SELECT item, value FROM water_samples WHERE day = " + day + " ORDER BY item", {});
    ASSERT_TRUE(rows.ok());
    for (const auto& row : *rows) (row[0] == "ph" ? ph_value : nh3n_value) = row[1];
  }
  EXPECT_EQ(nh3n_value, "425000");  // (0.40 + … + 0.45) / 6
  EXPECT_EQ(ph_value, "7300000");   // 9.90 flagged D is left out: (7.1+7.3+7.5+7.2+7.4) / 5
  EXPECT_EQ(
      Text("SELECT count(*) FROM import_batches WHERE source LIKE 'hj212 MN=WAT1 water day %'"),
      "1");
  close(air);
  close(water);
}

}  // namespace
}  // namespace ecociv::hj212
