#include "outbox_delivery.h"

#include <cstdio>
#include <ctime>

namespace ecociv::server {
namespace {

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

OutboxDelivery::OutboxDelivery(std::string db_path, Target target, int every_seconds)
    : target_(std::move(target)),
      task_(std::move(db_path), every_seconds,
            [this](store::Database* db) { return DeliverInBackground(db); }) {}

OutboxDelivery::~OutboxDelivery() { Stop(); }

StatusOr<warning::DeliveryReport> OutboxDelivery::DeliverLocked(store::Database* db,
                                                                int64_t budget_ms) {
  std::lock_guard<std::mutex> lock(deliver_mu_);
  warning::DeliveryOptions options;
  options.url = target_.url;
  options.dingtalk_secret = target_.dingtalk_secret;
  options.now_unix = NowUnix();
  // A web request waits for this run: keep it short; the rest goes next time.
  options.max_messages = 200;
  options.budget_ms = budget_ms;
  options.claim_seconds = target_.claim_seconds;
  auto sender = warning::MakeHttpSender(target_.ca_file, target_.deadlines);
  {
    std::lock_guard<std::mutex> guard(sender_mu_);
    if (cancelled_) return UnavailableError("the server is stopping: nothing was sent");
    active_ = sender.get();
  }
  auto report = warning::DeliverOutbox(db, options, sender.get());
  std::lock_guard<std::mutex> guard(sender_mu_);
  active_ = nullptr;
  return report;
}

StatusOr<warning::DeliveryReport> OutboxDelivery::DeliverNow(store::Database* db) {
  if (target_.url.empty()) {
    return FailedPreconditionError(
        "no webhook URL is configured (start the server with --webhook-url URL)");
  }
  return DeliverLocked(db, kDeliverNowBudgetMs);
}

void OutboxDelivery::Start() {
  if (!target_.url.empty()) task_.Start();
}

void OutboxDelivery::Stop() {
  {
    std::lock_guard<std::mutex> guard(sender_mu_);
    cancelled_ = true;
    if (active_ != nullptr) active_->Cancel();
  }
  task_.Stop();
}

std::string OutboxDelivery::DeliverInBackground(store::Database* db) {
  auto report = DeliverLocked(db, kBackgroundBudgetMs);
  std::string summary = report.ok() ? report->Summary() : "error: " + report.status().message();
  // Failures go to the log (a failing row is retried only after its backoff,
  // so a receiver that stays down is not reported at every interval).
  if (summary.rfind("error: ", 0) == 0 || summary.find("last error") != std::string::npos) {
    std::fprintf(stderr, "ecociv serve: webhook delivery %s\n", summary.c_str());
  }
  return summary;
}

}  // namespace ecociv::server
