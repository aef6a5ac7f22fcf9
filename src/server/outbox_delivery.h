// Webhook delivery for `ecociv serve --webhook-url URL [--deliver-every S]`:
// the "deliver now" route and, when an interval is given, a periodic task
// (periodic_task.h) that delivers the outbox every S seconds on its own
// Database connection (SQLite's busy timeout, store::kBusyTimeoutMs, covers a
// request writing at the same moment).
//
// Time is bounded: each POST has its deadlines (webhook.h), a run ends at the
// first silent answer and starts no message after its budget (deliver now:
// kDeliverNowBudgetMs, background: kBackgroundBudgetMs), and Stop cancels a
// POST in progress, so the server stops within a few seconds whatever the
// receiver does.
//
// Thread safety: every method may be called from any thread. Deliveries are
// serialised by one mutex, so the background run and "deliver now" never post
// the same row twice at once (delivery stays at least once: webhook.h).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/server/periodic_task.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/webhook.h"

namespace ecociv::server {

// The longest a "deliver now" request starts messages (a web request waits
// for it), and a background run.
inline constexpr int64_t kDeliverNowBudgetMs = 15'000;
inline constexpr int64_t kBackgroundBudgetMs = 60'000;

class OutboxDelivery {
 public:
  // Where the notifications go (webhook.h): `url` empty means nothing is
  // configured (DeliverNow is FailedPrecondition).
  struct Target {
    std::string url, dingtalk_secret, ca_file;
    warning::HttpDeadlines deadlines = {};
    int64_t claim_seconds = 300;  // warning::DeliveryOptions::claim_seconds
  };
  // `every_seconds` > 0 with a URL: Start() runs the background thread.
  OutboxDelivery(std::string db_path, Target target, int every_seconds);
  ~OutboxDelivery();  // Stop()
  OutboxDelivery(const OutboxDelivery&) = delete;
  OutboxDelivery& operator=(const OutboxDelivery&) = delete;

  const std::string& url() const { return target_.url; }
  int every_seconds() const { return task_.every_seconds(); }

  // Delivers the due notifications now, using `db` (the caller's
  // connection). Unavailable once Stop has been called.
  StatusOr<warning::DeliveryReport> DeliverNow(store::Database* db);

  // Starts the background thread (no-op without a URL or interval, or twice).
  void Start();
  // Cancels the POST in progress (background or "deliver now"), refuses
  // later deliveries, wakes the thread and joins it. Idempotent.
  void Stop();

  // The last background run (for the outbox panel): its time (0: none yet)
  // and summary or error.
  using LastRun = PeriodicTask::LastRun;
  LastRun last_run() const { return task_.last_run(); }

 private:
  std::string DeliverInBackground(store::Database* db);
  StatusOr<warning::DeliveryReport> DeliverLocked(store::Database* db, int64_t budget_ms);

  const Target target_;
  std::mutex deliver_mu_;  // one delivery at a time
  std::mutex sender_mu_;   // guards the two below
  bool cancelled_ = false;
  warning::Sender* active_ = nullptr;  // the sender of the run in progress
  PeriodicTask task_;                  // last: its thread calls DeliverInBackground
};

}  // namespace ecociv::server
