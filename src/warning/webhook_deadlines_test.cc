// Webhook posts against receivers that do not answer: a socket that accepts
// and stays silent, one that trickles a byte at a time. Each post ends at its
// deadline or when cancelled, and a delivery run ends at the first silent
// answer. Deadlines are set small here; the bounds asserted are generous.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../store/store_test_util.h"
#include "ecociv/warning/webhook.h"
#include "ecociv/warning/workflow.h"
#include "warning_test_util.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kT0;

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;


// A listening socket on 127.0.0.1. The kernel completes connections from the
// backlog, so a client connects and sends; nothing is ever read or answered.
// With `trickle`, a thread accepts each connection and sends one byte every
// 50 ms, never a whole answer.
class SilentReceiver {
 public:
  explicit SilentReceiver(bool trickle = false) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    if (trickle) thread_ = std::thread([this] { Trickle(); });
  }
  ~SilentReceiver() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);  // ends a blocked accept
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

 private:
  void Trickle() {
    int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) return;
    while (!stop_ && ::send(client, "H", 1, MSG_NOSIGNAL) == 1) std::this_thread::sleep_for(50ms);
    ::close(client);
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

HttpDeadlines Short() {
  HttpDeadlines d;
  d.connect_ms = 1000;
  d.io_ms = 5000;  // longer than the total: the total must cut the post off
  d.total_ms = 300;
  return d;
}

TEST(WebhookDeadlines, ASilentReceiverIsCutOffAtTheDeadline) {
  SilentReceiver silent;
  auto sender = MakeHttpSender("", Short());
  auto start = Clock::now();
  Status s = sender->Post(silent.url() + "?access_token=SECRET", "{}");
  EXPECT_LT(Clock::now() - start, 3s);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("no answer within 300 ms"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("SECRET"), std::string::npos);  // the query is not shown
}

TEST(WebhookDeadlines, ATricklingReceiverIsCutOffAtTheDeadline) {
  SilentReceiver trickling(/*trickle=*/true);
  auto sender = MakeHttpSender("", Short());
  auto start = Clock::now();
  Status s = sender->Post(trickling.url(), "{}");
  EXPECT_LT(Clock::now() - start, 3s);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
}

// Cancel from another thread ends a post that would wait 10 s, and every
// later post fails at once.
TEST(WebhookDeadlines, CancelEndsAPostInProgress) {
  SilentReceiver silent;
  auto sender = MakeHttpSender();  // the default deadlines
  std::thread canceller([&] {
    std::this_thread::sleep_for(200ms);
    sender->Cancel();
  });
  auto start = Clock::now();
  Status s = sender->Post(silent.url(), "{}");
  canceller.join();
  EXPECT_LT(Clock::now() - start, 3s);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("cancelled"), std::string::npos) << s.message();
  EXPECT_EQ(sender->Post(silent.url(), "{}").code(), StatusCode::kUnavailable);
}

class DeliveryRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrDie(ScratchDir() + "/w.db");
    const std::vector<Finding> findings = testing_util::YellowWaterFindings(3, "warning-test");
    ASSERT_TRUE(RecordEvaluation(db_.get(), "warning-test", findings, {},
                                 DaysFromCivil({2026, 4, 1}), {}, kT0)
                    .ok());
  }
  int64_t Undelivered() {
    return *store::QueryInt64(
        db_.get(), "SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL");
  }
  std::unique_ptr<store::Database> db_;
};

// Three due messages, a silent receiver: the run ends after the first (one
// deadline, not three), the other two stay due for the next run.
TEST_F(DeliveryRunTest, ARunEndsAtTheFirstSilentAnswer) {
  SilentReceiver silent;
  auto sender = MakeHttpSender("", Short());
  DeliveryOptions o;
  o.url = silent.url();
  o.now_unix = kT0;
  auto start = Clock::now();
  auto report = DeliverOutbox(db_.get(), o, sender.get());
  EXPECT_LT(Clock::now() - start, 3s);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(report->not_tried, 2);
  EXPECT_NE(report->Summary().find("2 left for the next run"), std::string::npos);
  EXPECT_EQ(Undelivered(), 3);
  // The two not tried are still due now; the failed one waits for its backoff.
  EXPECT_EQ(*store::QueryInt64(db_.get(),
                               "SELECT count(*) FROM notification_outbox WHERE "
                               "next_attempt_at <= ?",
                               {kT0}),
            2);
}

// A sender that accepts every message after a pause.
class SlowSender : public Sender {
 public:
  Status Post(const std::string&, const std::string&) override {
    std::this_thread::sleep_for(20ms);
    ++posted;
    return Status::Ok();
  }
  int posted = 0;
};

// No message is started once the run's budget is spent.
TEST_F(DeliveryRunTest, ARunStartsNoMessageAfterItsBudget) {
  SlowSender sender;
  DeliveryOptions o;
  o.url = "http://127.0.0.1:9/hook";
  o.now_unix = kT0;
  o.budget_ms = 10;
  auto report = DeliverOutbox(db_.get(), o, &sender);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->delivered, 1);
  EXPECT_EQ(report->not_tried, 2);
  EXPECT_EQ(sender.posted, 1);
  EXPECT_EQ(Undelivered(), 2);
}

}  // namespace
}  // namespace ecociv::warning
