#include "ecociv/server/periodic_task.h"

#include <signal.h>

#include <chrono>
#include <ctime>

namespace ecociv::server {

PeriodicTask::PeriodicTask(std::string db_path, int every_seconds, Step step)
    : db_path_(std::move(db_path)), every_seconds_(every_seconds), step_(std::move(step)) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (every_seconds_ <= 0 || thread_.joinable() || stopping_) return;
  // Api::Create, which starts the tasks, runs before HttpServer::Create
  // blocks the signals for the process: block them for this thread here.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  thread_ = std::thread([this] { Loop(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

void PeriodicTask::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PeriodicTask::LastRun PeriodicTask::last_run() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_run_;
}

std::string PeriodicTask::RunOnce(std::unique_ptr<store::Database>& db) {
  if (!db) {
    store::OpenOptions open;
    open.migrate = false;
    auto opened = store::OpenDatabase(db_path_, open);
    if (!opened.ok()) return "error: " + opened.status().message();
    db = std::move(*opened);
  }
  return step_(db.get());
}

void PeriodicTask::Loop() {
  std::unique_ptr<store::Database> db;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    std::string summary = RunOnce(db);
    lock.lock();
    last_run_ = {static_cast<int64_t>(std::time(nullptr)), std::move(summary)};
    wake_.wait_for(lock, std::chrono::seconds(every_seconds_), [this] { return stopping_; });
  }
}

}  // namespace ecociv::server
