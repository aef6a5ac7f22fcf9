// A step the server runs in the background every S seconds: the webhook
// delivery of the warning outbox (`serve --deliver-every`) and the schedule
// of periodic documents (`serve --draft-every`).
//
// The step runs on a thread of its own at once and then every S seconds, on
// a store connection of its own, opened on first use (a failed open is the
// run's error and is retried at the next interval). The thread starts with
// every signal blocked: SIGTERM and SIGINT belong to the server's sigwait
// thread (a worker that took SIGTERM would end the process at once instead of
// stopping it cleanly).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ecociv/store/database.h"

namespace ecociv::server {

class PeriodicTask {
 public:
  // One run; returns its one-line summary ("error: …" when it failed).
  using Step = std::function<std::string(store::Database* db)>;
  // `every_seconds` <= 0: Start() does nothing.
  PeriodicTask(std::string db_path, int every_seconds, Step step);
  ~PeriodicTask();  // Stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  int every_seconds() const { return every_seconds_; }
  // Starts the thread (no-op without an interval, twice, or after Stop).
  void Start();
  // Wakes the thread and joins it after the run in progress. Idempotent.
  void Stop();

  // The last run: its time (0: none yet) and summary.
  struct LastRun {
    int64_t at = 0;
    std::string summary;
  };
  LastRun last_run() const;

 private:
  void Loop();
  std::string RunOnce(std::unique_ptr<store::Database>& db);

  const std::string db_path_;
  const int every_seconds_;
  const Step step_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  LastRun last_run_;
  std::thread thread_;
};

}  // namespace ecociv::server
