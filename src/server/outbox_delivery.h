// Webhook delivery for `ecociv serve --webhook-url URL [--deliver-every S]`:
// the "deliver now" route and, when an interval is given, a background thread
// that delivers the outbox every S seconds on its own Database connection
// (SQLite's 10 s busy timeout covers a request writing at the same moment).
//
// Thread safety: every method may be called from any thread. Deliveries are
// serialised by one mutex, so the background run and "deliver now" never post
// the same row twice at once (delivery stays at least once: webhook.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/webhook.h"

namespace ecociv::server {

class OutboxDelivery {
 public:
  // Where the notifications go (webhook.h): `url` empty means nothing is
  // configured (DeliverNow is FailedPrecondition).
  struct Target {
    std::string url, dingtalk_secret, ca_file;
  };
  // `every_seconds` > 0 with a URL: Start() runs the background thread.
  OutboxDelivery(std::string db_path, Target target, int every_seconds);
  ~OutboxDelivery();  // Stop()
  OutboxDelivery(const OutboxDelivery&) = delete;
  OutboxDelivery& operator=(const OutboxDelivery&) = delete;

  const std::string& url() const { return target_.url; }
  int every_seconds() const { return every_seconds_; }

  // Delivers every due notification now, using `db` (the caller's connection).
  StatusOr<warning::DeliveryReport> DeliverNow(store::Database* db);

  // Starts the background thread (no-op without a URL or interval, or twice).
  void Start();
  // Wakes the thread, lets a run in progress finish, joins. Idempotent.
  void Stop();

  // The last background run (for the outbox panel): its time (0: none yet)
  // and summary or error.
  struct LastRun {
    int64_t at = 0;
    std::string summary;
  };
  LastRun last_run() const;

 private:
  void Loop();
  StatusOr<warning::DeliveryReport> DeliverLocked(store::Database* db);

  const std::string db_path_;
  const Target target_;
  const int every_seconds_;
  std::mutex deliver_mu_;  // one delivery at a time
  mutable std::mutex state_mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  LastRun last_run_;
  std::thread thread_;
};

}  // namespace ecociv::server
