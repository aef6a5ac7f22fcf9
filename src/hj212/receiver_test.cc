// The receiver over real TCP connections on loopback.
#include "ecociv/hj212/receiver.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "ecociv/store/air_store.h"
#include "ecociv/store/verify.h"
#include "hj212_net_test_util.h"
#include "hj212_test_util.h"

namespace ecociv::hj212 {
namespace {

using testing_util::Connect;
using testing_util::HourlyAir;
using testing_util::ReadFrames;
using testing_util::SendAll;

class ReceiverTest : public testing_util::StoreFixture {
 protected:
  void StartReceiver(ReceiverOptions options = {}) {
    options.db_path = path_;
    options.log = [](const std::string&) {};
    auto receiver = Receiver::Create(options);
    ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
    receiver_ = std::move(*receiver);
    auto port = receiver_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { EXPECT_TRUE(receiver_->Run().ok()); });
  }
  void TearDown() override {
    if (receiver_) receiver_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  std::unique_ptr<Receiver> receiver_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ReceiverTest, AnswersAfterTheValueIsStored) {
  StartReceiver();
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  SendAll(fd, HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N", "123"));
  std::vector<std::string> answers = ReadFrames(fd, 1, 5000);
  ASSERT_EQ(answers.size(), 1u);
  Packet answer;
  ASSERT_TRUE(ParsePacket(answers[0], &answer).ok());
  EXPECT_EQ(answer.cn, kCnDataAnswer);
  EXPECT_EQ(answer.qn, "20260301100000123");
  // The answer came after the commit: a fresh connection sees the value.
  auto air = store::LoadAirDataset(db(), store::AirQuery{});
  ASSERT_TRUE(air.ok());
  EXPECT_EQ(air->stations()[air->FindStation("T1")].values[int(air::Pollutant::kPM25)][0], 355000);
  close(fd);
}

TEST_F(ReceiverTest, ManyConnectionsOnOneLoop) {
  StartReceiver();
  constexpr int kConnections = 60, kPackets = 5;
  std::vector<int> fds;
  for (int i = 0; i < kConnections; ++i) {
    int fd = Connect(port_);
    ASSERT_GE(fd, 0);
    fds.push_back(fd);
  }
  for (int i = 0; i < kConnections; ++i) {
    std::string bytes;
    for (int k = 0; k < kPackets; ++k) {
      char day[16];
      std::snprintf(day, sizeof day, "202601%02d%02d0000", 1 + i % 28, (i / 28) * kPackets + k);
      bytes += HourlyAir("AIR1", "123456", day, std::to_string(10 + k), "N");
    }
    SendAll(fds[i], bytes);
  }
  size_t answered = 0;
  for (int fd : fds) {
    answered += ReadFrames(fd, kPackets, 10000).size();
    close(fd);
  }
  EXPECT_EQ(answered, size_t(kConnections * kPackets));
  EXPECT_EQ(Text("SELECT count(*) FROM air_hourly"), std::to_string(kConnections * kPackets));
}

TEST_F(ReceiverTest, RefusalsGetNoAnswerAndAreRecorded) {
  StartReceiver();
  int fd = Connect(port_);
  SendAll(fd, "garbage before the frame " +
                  HourlyAir("AIR1", "000000", "20260301080000", "35.5", "N") +
                  HourlyAir("NOPE", "123456", "20260301080000", "35.5", "N") +
                  Frame("QN=20260301100000123;ST=22;CN=1013;PW=123456;MN=AIR1;Flag=5;CP=&&&&",
                        CrcVariant::kHj212));
  std::vector<std::string> frames = ReadFrames(fd, 3, 5000);
  ASSERT_EQ(frames.size(), 3u);  // only the clock request is answered: 9011, 1012, 9012
  Packet p;
  ASSERT_TRUE(ParsePacket(frames[1], &p).ok());
  EXPECT_EQ(p.cn, kCnSetTime);
  close(fd);
  for (int i = 0; i < 50 && Text("SELECT count(*) FROM hj212_refusals") != "3"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(Text("SELECT group_concat(reason, ' | ') FROM (SELECT reason FROM hj212_refusals "
                 "ORDER BY id) AS r"),
            "bytes before ## (not a frame) | wrong password | unknown MN NOPE");
  EXPECT_EQ(Text("SELECT refused FROM hj212_daily_counts WHERE mn = 'AIR1'"), "1");
}

TEST_F(ReceiverTest, BoundedBuffersAndTimeouts) {
  ReceiverOptions options;
  options.frame_timeout_seconds = 1;
  options.idle_timeout_seconds = 1;
  options.max_refusals_in_a_row = 5;
  StartReceiver(options);
  // A frame that never ends is dropped after its timeout.
  int never = Connect(port_);
  SendAll(never, "##0500QN=");
  // A silent connection is closed.
  int silent = Connect(port_);
  // A length claiming 9999 bytes: once the largest frame's worth arrived
  // without "\r\n" the bytes are refused and memory stays bounded.
  int flood = Connect(port_);
  SendAll(flood, "##9999" + std::string(30000, 'x'));
  // Refused frames in a row close the connection.
  int noisy = Connect(port_);
  std::string bad;
  for (int i = 0; i < 6; ++i) bad += HourlyAir("NOPE", "1", "20260301080000", "1", "N");
  SendAll(noisy, bad);
  bool closed = false;
  for (int fd : {never, silent, flood, noisy}) {
    ReadFrames(fd, 1, 5000, &closed);
    EXPECT_TRUE(closed) << fd;
    close(fd);
  }
  // The receiver still serves a well-behaved logger.
  int good = Connect(port_);
  SendAll(good, HourlyAir("AIR1", "123456", "20260301080000", "35.5", "N"));
  EXPECT_EQ(ReadFrames(good, 1, 5000).size(), 1u);
  close(good);
  EXPECT_GE(receiver_->stats().refused.load(), 7);
}

// kill -9 during a storm of packets: every answered value is in the store.
TEST_F(ReceiverTest, KillDuringAStormLosesNoAnsweredValue) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    ReceiverOptions options;
    options.db_path = path_;
    options.log = [](const std::string&) {};
    auto receiver = Receiver::Create(options);
    if (!receiver.ok()) _exit(3);
    auto port = (*receiver)->Bind();
    if (!port.ok()) _exit(4);
    int p = *port;
    if (write(pipe_fds[1], &p, sizeof p) != sizeof p) _exit(5);
    (void)(*receiver)->Run();
    _exit(0);
  }
  close(pipe_fds[1]);
  int port = 0;
  ASSERT_EQ(read(pipe_fds[0], &port, sizeof port), ssize_t(sizeof port));
  close(pipe_fds[0]);

  constexpr int kConnections = 16, kPackets = 400;
  std::vector<std::set<std::string>> acked(kConnections);  // DataTimes answered, by connection
  std::vector<std::thread> senders;
  for (int c = 0; c < kConnections; ++c) {
    senders.emplace_back([&, c] {
      int fd = Connect(port);
      if (fd < 0) return;
      std::string mn = c % 2 ? "MOD1" : "AIR1";
      std::string buffer;
      for (int k = 0; k < kPackets; ++k) {
        HourLabel label = *ParseHourLabel("2025-01-01T01:00") + c * kPackets + k;
        std::string t = FormatHourLabel(label - 1);  // DataTime names the hour's start
        std::string dt = t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + t.substr(11, 2) + "0000";
        std::string data = "QN=20250101000000" + std::to_string(100 + c) + ";ST=22;CN=2061;PW=123456;MN=" +
                           mn + ";Flag=5;CP=&&DataTime=" + dt + ";a34004-Avg=" +
                           std::to_string(k % 300) + ",a34004-Flag=N&&";
        SendAll(fd, Frame(data, c % 2 ? CrcVariant::kModbus : CrcVariant::kHj212));
        // The answer names the QN only; count answers in order per connection.
        std::vector<std::string> got = ReadFrames(fd, 1, 3000);
        if (got.empty()) break;
        acked[c].insert(dt);
      }
      close(fd);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  kill(child, SIGKILL);
  for (auto& t : senders) t.join();
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));

  size_t total = 0;
  auto air = store::LoadAirDataset(db(), store::AirQuery{});
  ASSERT_TRUE(air.ok()) << air.status().ToString();
  for (int c = 0; c < kConnections; ++c) {
    const auto& series = air->stations()[air->FindStation(c % 2 ? "T2" : "T1")];
    for (const std::string& dt : acked[c]) {
      int64_t seconds = 0;
      ASSERT_TRUE(ParseCompactTime(dt, &seconds));
      HourLabel label = static_cast<HourLabel>(seconds / 3600 + 1);
      int32_t index = label - air->first_label();
      ASSERT_TRUE(index >= 0 && index < air->hour_count()) << dt;
      EXPECT_NE(series.values[int(air::Pollutant::kPM25)][index], air::kMissing) << dt;
      ++total;
    }
  }
  EXPECT_GT(total, 0u);
  std::printf("kill -9 after %zu answered packets: all of them stored\n", total);
  auto report = store::VerifyDatabase(db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

}  // namespace
}  // namespace ecociv::hj212
