// Webhook delivery against a real HTTP receiver on 127.0.0.1 (cpp-httplib
// server, ephemeral port): down, then up — every notification arrives exactly
// once; backoff; quiet periods; robot error codes.
#include "ecociv/warning/webhook.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include "../store/store_test_util.h"
#include "ecociv/warning/workflow.h"
#include "warning_test_util.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kT0;

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;


// A receiver counting messages by their idempotency key.
class Receiver {
 public:
  explicit Receiver(int errcode = 0) {
    server_.Post("/hook", [this, errcode](const httplib::Request& req, httplib::Response& res) {
      auto doc = nlohmann_free_key(req.body);
      std::lock_guard<std::mutex> lock(mu_);
      ++received_[doc];
      res.set_content("{\"errcode\":" + std::to_string(errcode) + ",\"errmsg\":\"ok\"}",
                      "application/json");
    });
  }
  ~Receiver() { Stop(); }
  // Binds a free port without serving yet.
  int Bind() { return port_ = server_.bind_to_any_port("127.0.0.1"); }
  bool BindTo(int port) { return server_.bind_to_port("127.0.0.1", port); }
  void Serve() {
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::map<std::string, int> received() {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }

 private:
  // The "notification" key of the payload, found by text (no JSON library in
  // the test needed for one field).
  static std::string nlohmann_free_key(const std::string& body) {
    size_t at = body.find("\"notification\":\"");
    if (at == std::string::npos) return "?";
    at += 16;
    return body.substr(at, body.find('"', at) - at);
  }
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, int> received_;
  int port_ = 0;
};

// A port nobody listens on: bound to port 0, read back, closed.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return -1;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrDie(ScratchDir() + "/w.db");
    const std::vector<Finding> findings = testing_util::YellowWaterFindings(3, "warning-test");
    ASSERT_TRUE(RecordEvaluation(db_.get(), "warning-test", findings, {},
                                 DaysFromCivil({2026, 4, 1}), {}, kT0)
                    .ok());
  }
  StatusOr<DeliveryReport> Deliver(const std::string& url, int64_t now) {
    DeliveryOptions o;
    o.url = url;
    o.now_unix = now;
    o.base_backoff_seconds = 30;
    return DeliverOutbox(db_.get(), o, sender_.get());
  }
  int64_t Pending() {
    return *store::QueryInt64(
        db_.get(), "SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL");
  }
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Sender> sender_ = MakeHttpSender();
};

TEST_F(WebhookTest, DownThenUpEveryNotificationArrivesOnce) {
  // Find a free port, then release it: the receiver is down.
  int port = FreePort();
  ASSERT_GT(port, 0);
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  auto down = Deliver(url, kT0);
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->failed, 3);
  EXPECT_EQ(down->delivered, 0);
  EXPECT_EQ(Pending(), 3);
  // Backoff: 30 s after the first failure, nothing is due before that.
  auto early = Deliver(url, kT0 + 29);
  EXPECT_EQ(early->pending_later, 3);
  EXPECT_EQ(early->failed, 0);
  auto second = Deliver(url, kT0 + 30);  // still down: the next wait doubles
  EXPECT_EQ(second->failed, 3);
  EXPECT_EQ(*store::QueryInt64(db_.get(), "SELECT min(next_attempt_at) FROM notification_outbox"),
            kT0 + 30 + 60);
  // The receiver comes up on the same port.
  Receiver receiver;
  ASSERT_TRUE(receiver.BindTo(port));
  receiver.Serve();
  EXPECT_EQ(Deliver(url, kT0 + 60)->pending_later, 3);  // not yet due
  auto up = Deliver(url, kT0 + 90);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->delivered, 3);
  EXPECT_EQ(Pending(), 0);
  // Later runs send nothing again.
  EXPECT_EQ(Deliver(url, kT0 + 10000)->delivered, 0);
  auto got = receiver.received();
  ASSERT_EQ(got.size(), 3u);
  for (const auto& [key, count] : got) EXPECT_EQ(count, 1) << key;
  EXPECT_EQ(got.count("event-1"), 1u);
  EXPECT_EQ(*store::QueryInt64(db_.get(), "SELECT max(attempts) FROM notification_outbox"), 3);
}

TEST_F(WebhookTest, QuietPeriodDefersDelivery) {
  Receiver receiver;
  int port = receiver.Bind();
  receiver.Serve();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  ASSERT_TRUE(AddQuietPeriod(db_.get(), kT0, kT0 + 3600, "运维校准").ok());
  auto quiet = Deliver(url, kT0 + 10);
  EXPECT_TRUE(quiet->quiet);
  EXPECT_EQ(Pending(), 3);
  EXPECT_TRUE(receiver.received().empty());
  auto after = Deliver(url, kT0 + 3600);  // the period is [start, end)
  EXPECT_EQ(after->delivered, 3);
  EXPECT_FALSE(AddQuietPeriod(db_.get(), 10, 5, "x").ok());
  EXPECT_EQ(*store::QueryInt64(db_.get(),
                               "SELECT count(*) FROM change_log WHERE action = 'warning.quiet'"),
            1);
}

TEST_F(WebhookTest, RobotErrorCodeIsAFailure) {
  Receiver receiver(/*errcode=*/93000);
  int port = receiver.Bind();
  receiver.Serve();
  auto r = Deliver("http://127.0.0.1:" + std::to_string(port) + "/hook", kT0);
  EXPECT_EQ(r->failed, 3);
  EXPECT_NE(r->last_error.find("errcode 93000"), std::string::npos);
  EXPECT_EQ(Pending(), 3);
}

// The outbox panel's figures: never tried, failed (waiting), delivered, the
// last error and the next attempt; quiet periods listed and recorded by who.
TEST_F(WebhookTest, OutboxStatusAndQuietPeriods) {
  auto fresh = GetOutboxStatus(db_.get());
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->pending, 3);
  EXPECT_EQ(fresh->failed, 0);
  EXPECT_EQ(fresh->delivered, 0);
  EXPECT_EQ(fresh->last_error, "");
  EXPECT_EQ(fresh->next_attempt_at, kT0);
  int port = FreePort();
  ASSERT_GT(port, 0);
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  ASSERT_TRUE(Deliver(url, kT0).ok());
  auto down = GetOutboxStatus(db_.get());
  EXPECT_EQ(down->pending, 0);
  EXPECT_EQ(down->failed, 3);
  EXPECT_NE(down->last_error.find("POST " + url), std::string::npos) << down->last_error;
  EXPECT_EQ(down->next_attempt_at, kT0 + 30);
  Receiver receiver;
  ASSERT_TRUE(receiver.BindTo(port));
  receiver.Serve();
  ASSERT_EQ(Deliver(url, kT0 + 30)->delivered, 3);
  auto up = GetOutboxStatus(db_.get());
  EXPECT_EQ(up->delivered, 3);
  EXPECT_EQ(up->failed + up->pending, 0);
  EXPECT_EQ(up->last_error, "");
  EXPECT_EQ(up->next_attempt_at, 0);

  ASSERT_TRUE(AddQuietPeriod(db_.get(), kT0 + 100, kT0 + 200, "later", {"web-admin", "x"}).ok());
  ASSERT_TRUE(AddQuietPeriod(db_.get(), kT0, kT0 + 50, "first").ok());
  auto all = ListQuietPeriods(db_.get());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].reason, "first");
  EXPECT_EQ((*all)[1].starts, kT0 + 100);
  EXPECT_EQ(ListQuietPeriods(db_.get(), kT0 + 50)->size(), 1u);  // ended: left out
  EXPECT_EQ(*store::QueryInt64(db_.get(),
                               "SELECT count(*) FROM change_log WHERE action = 'warning.quiet' "
                               "AND who = 'web-admin'"),
            1);
  // Ending: the one in force ends now, the one not yet begun is cancelled.
  int64_t first = (*all)[0].id, later = (*all)[1].id;
  ASSERT_TRUE(EndQuietPeriod(db_.get(), first, kT0 + 10).ok());
  ASSERT_TRUE(EndQuietPeriod(db_.get(), later, kT0 + 10, {"web-admin", "cancel"}).ok());
  auto ended = ListQuietPeriods(db_.get());
  ASSERT_EQ(ended->size(), 1u);  // the cancelled one ends where it starts: never in force
  EXPECT_EQ((*ended)[0].ends, kT0 + 10);
  EXPECT_EQ(*store::QueryInt64(db_.get(),
                               "SELECT ends_at - starts_at FROM quiet_periods WHERE "
                               "id = " +
                                   std::to_string(later)),
            0);
  EXPECT_TRUE(ListQuietPeriods(db_.get(), kT0 + 10)->empty());
  EXPECT_EQ(EndQuietPeriod(db_.get(), first, kT0 + 20).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(EndQuietPeriod(db_.get(), 999, kT0).code(), StatusCode::kNotFound);
  EXPECT_EQ(*store::QueryInt64(
                db_.get(), "SELECT count(*) FROM change_log WHERE action = 'warning.quiet.end'"),
            2);
}

TEST(ParseUtc, Forms) {
  EXPECT_EQ(*ParseUtc("1970-01-01T00:00Z"), 0);
  EXPECT_EQ(*ParseUtc("2026-11-28T16:50:00Z"), 1795884600);
  EXPECT_EQ(FormatUtc(1795884600), "2026-11-28T16:50:00Z");
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(*ParseUtc(FormatUtc(951782400 + 86399)), 951782400 + 86399);  // 2000-02-29
  EXPECT_FALSE(ParseUtc("2026-11-28 16:50").ok());
  EXPECT_FALSE(ParseUtc("2026-02-30T00:00Z").ok());
}

}  // namespace
}  // namespace ecociv::warning

namespace ecociv::warning {
namespace {

// Serves `server` (http or https) on an ephemeral port of 127.0.0.1 from a
// thread until destroyed.
class Serving {
 public:
  explicit Serving(httplib::Server* server) : server_(server) {
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Serving() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server* server_;
  std::thread thread_;
  int port_ = 0;
};

// Signed delivery: the receiver sees the DingTalk timestamp and signature of
// the delivery time and checks them with the same function.
TEST_F(WebhookTest, DingTalkSecretSignsEveryMessage) {
  httplib::Server server;
  std::mutex mu;
  std::vector<std::string> seen;
  server.Post("/robot/send", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(req.get_param_value("access_token") + " " + req.get_param_value("timestamp") +
                   " " + req.get_param_value("sign"));
    res.set_content("{\"errcode\":0}", "application/json");
  });
  StatusOr<DeliveryReport> report = InternalError("not run");
  {
    Serving serving(&server);
    DeliveryOptions o;
    o.url = "http://127.0.0.1:" + std::to_string(serving.port()) + "/robot/send?access_token=abc";
    o.dingtalk_secret = "SECexample0123456789";
    o.now_unix = 1790000000;
    report = DeliverOutbox(db_.get(), o, sender_.get());
  }
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->delivered, 3);
  ASSERT_EQ(seen.size(), 3u);
  // The value of robot_signing_test.cc (decoded from the URL by the server).
  EXPECT_EQ(seen[0], "abc 1790000000000 lrQYBEqKYRxSYerSD7pTWsRMnGotv2GVNnbAQF4Szrw=");
}

TEST(WebhookUrl, Checked) {
  EXPECT_TRUE(CheckWebhookUrl("http://127.0.0.1:9/hook", "--url").ok());
  EXPECT_TRUE(CheckWebhookUrl("https://oapi.dingtalk.com/robot/send?access_token=x", "--url").ok());
  EXPECT_FALSE(CheckWebhookUrl("ftp://x/y", "--url").ok());
  EXPECT_FALSE(CheckWebhookUrl("https://", "--url").ok());
  EXPECT_FALSE(CheckWebhookUrl("http:///path", "--url").ok());
  EXPECT_NE(CheckWebhookUrl("x", "--webhook-url").message().find("--webhook-url"),
            std::string::npos);
}

// HTTPS against a local TLS receiver with a certificate made for the test
// (openssl(1)); trusted through the CA file, refused without it.
TEST_F(WebhookTest, HttpsWithAnIntranetCertificate) {
  const std::string dir = ScratchDir();
  const std::string key = dir + "/key.pem", cert = dir + "/cert.pem";
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "openssl(1) is not available";
  httplib::SSLServer server(cert.c_str(), key.c_str());
  ASSERT_TRUE(server.is_valid());
  std::atomic<int> received{0};
  server.Post("/hook", [&](const httplib::Request&, httplib::Response& res) {
    ++received;
    res.set_content("{\"errcode\":0}", "application/json");
  });
  Serving serving(&server);
  DeliveryOptions o;
  o.url = "https://127.0.0.1:" + std::to_string(serving.port()) + "/hook";
  o.now_unix = kT0;
  // Not trusted by the system store: every message fails and stays queued.
  auto untrusted = DeliverOutbox(db_.get(), o, sender_.get());
  ASSERT_TRUE(untrusted.ok());
  EXPECT_EQ(untrusted->failed, 3);
  EXPECT_EQ(received.load(), 0);
  // With the CA file: delivered (after the backoff).
  auto trusting = MakeHttpSender(cert);
  o.now_unix = kT0 + 60;
  auto trusted = DeliverOutbox(db_.get(), o, trusting.get());
  ASSERT_TRUE(trusted.ok());
  EXPECT_EQ(trusted->delivered, 3) << trusted->last_error;
  EXPECT_EQ(received.load(), 3);
  EXPECT_EQ(Pending(), 0);
}

}  // namespace
}  // namespace ecociv::warning
