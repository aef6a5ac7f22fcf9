#include "outbox_delivery.h"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ecociv::server {
namespace {

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

OutboxDelivery::OutboxDelivery(std::string db_path, Target target, int every_seconds)
    : db_path_(std::move(db_path)), target_(std::move(target)), every_seconds_(every_seconds) {}

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
  std::lock_guard<std::mutex> lock(state_mu_);
  if (target_.url.empty() || every_seconds_ <= 0 || thread_.joinable() || stopping_) return;
  // The thread starts with every signal blocked: SIGTERM and SIGINT belong
  // to the server's sigwait thread (a worker that took SIGTERM would end the
  // process at once instead of stopping it cleanly). Api::Create, which calls
  // this, runs before HttpServer::Create blocks them for the process.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  thread_ = std::thread([this] { Loop(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

void OutboxDelivery::Stop() {
  {
    std::lock_guard<std::mutex> guard(sender_mu_);
    cancelled_ = true;
    if (active_ != nullptr) active_->Cancel();
  }
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

OutboxDelivery::LastRun OutboxDelivery::last_run() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return last_run_;
}

void OutboxDelivery::Loop() {
  // Its own connection, opened on first use and kept (a failed open is
  // retried at the next interval).
  std::unique_ptr<store::Database> db;
  std::unique_lock<std::mutex> lock(state_mu_);
  while (!stopping_) {
    lock.unlock();
    std::string summary;
    if (!db) {
      store::OpenOptions open;
      open.migrate = false;
      auto opened = store::OpenDatabase(db_path_, open);
      if (opened.ok()) {
        db = std::move(*opened);
      } else {
        summary = "error: " + opened.status().message();
      }
    }
    if (db) {
      auto report = DeliverLocked(db.get(), kBackgroundBudgetMs);
      summary = report.ok() ? report->Summary() : "error: " + report.status().message();
    }
    // Failures go to the log (a failing row is retried only after its backoff,
    // so a receiver that stays down is not reported at every interval).
    if (summary.rfind("error: ", 0) == 0 || summary.find("last error") != std::string::npos) {
      std::fprintf(stderr, "ecociv serve: webhook delivery %s\n", summary.c_str());
    }
    lock.lock();
    last_run_ = {NowUnix(), summary};
    wake_.wait_for(lock, std::chrono::seconds(every_seconds_), [this] { return stopping_; });
  }
}

}  // namespace ecociv::server
