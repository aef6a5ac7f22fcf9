// Overlapping delivery runs on one store — threads here, servers in a
// deployment (the same code on either backend: ECOCIV_TEST_DB selects
// PostgreSQL): each message is posted by exactly one run, and a message whose
// sender died mid-POST is due again when its claim ends.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "../store/store_test_util.h"
#include "ecociv/store/change_log.h"
#include "ecociv/warning/webhook.h"
#include "ecociv/warning/workflow.h"
#include "warning_test_util.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kT0;

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;

constexpr int kMessages = 30;

// Counts posts by payload; each takes a little time, so runs overlap.
class CountingSender : public Sender {
 public:
  Status Post(const std::string&, const std::string& body) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    std::lock_guard<std::mutex> lock(mu_);
    ++posts_[body];
    return Status::Ok();
  }
  void Cancel() override {}
  std::map<std::string, int> posts() {
    std::lock_guard<std::mutex> lock(mu_);
    return posts_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, int> posts_;
};

// Holds its first post until Release(): a server stuck (or dead) mid-POST.
class StuckSender : public Sender {
 public:
  Status Post(const std::string&, const std::string&) override {
    std::unique_lock<std::mutex> lock(mu_);
    posting_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
    return Status::Ok();
  }
  void Cancel() override {}
  void WaitUntilPosting() {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [this] { return posting_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  bool posting_ = false, released_ = false;
};

class WebhookClaimsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ScratchDir() + "/claims.db";
    db_ = OpenOrDie(path_);
    const std::vector<Finding> findings =
        testing_util::YellowWaterFindings(kMessages, "claims-test");
    ASSERT_TRUE(RecordEvaluation(db_.get(), "claims-test", findings, {},
                                 DaysFromCivil({2026, 4, 1}), {}, kT0)
                    .ok());
    ASSERT_EQ(Undelivered(), kMessages);
  }
  int64_t Undelivered() {
    return *store::QueryInt64(
        db_.get(), "SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL");
  }
  static DeliveryOptions At(int64_t now) {
    DeliveryOptions o;
    o.url = "http://127.0.0.1:9/hook";
    o.now_unix = now;
    return o;
  }
  std::string path_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(WebhookClaimsTest, OverlappingRunsPostEachMessageOnce) {
  CountingSender sender;
  constexpr int kRuns = 3;
  std::vector<int> delivered(kRuns, -1);
  std::vector<std::thread> runs;
  for (int r = 0; r < kRuns; ++r) {
    runs.emplace_back([&, r] {
      auto db = OpenOrDie(path_);  // each run its own connection, as each server has
      auto report = DeliverOutbox(db.get(), At(kT0), &sender);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      delivered[r] = report->delivered;
    });
  }
  for (std::thread& t : runs) t.join();
  int total = 0;
  for (int d : delivered) total += d;
  EXPECT_EQ(total, kMessages);
  auto posts = sender.posts();
  EXPECT_EQ(posts.size(), size_t{kMessages});
  for (const auto& [body, count] : posts) EXPECT_EQ(count, 1) << body;
  EXPECT_EQ(Undelivered(), 0);
}

TEST_F(WebhookClaimsTest, AMessageHeldByAStuckSenderIsRetriedWhenItsClaimEnds) {
  StuckSender stuck;
  DeliveryOptions first = At(kT0);
  first.max_messages = 1;
  std::thread dead([&] {
    auto db = OpenOrDie(path_);
    (void)DeliverOutbox(db.get(), first, &stuck);
  });
  stuck.WaitUntilPosting();
  // Another server meanwhile: everything but the claimed message.
  CountingSender other;
  auto during = DeliverOutbox(db_.get(), At(kT0 + 1), &other);
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(during->delivered, kMessages - 1);
  EXPECT_EQ(during->pending_later, 1);
  EXPECT_EQ(Undelivered(), 1);
  // The claim ends: the message is due again and the other server sends it.
  auto after = DeliverOutbox(db_.get(), At(kT0 + first.claim_seconds), &other);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->delivered, 1);
  EXPECT_EQ(Undelivered(), 0);
  EXPECT_EQ(other.posts().size(), size_t{kMessages});
  stuck.Release();
  dead.join();
}

}  // namespace
}  // namespace ecociv::warning
