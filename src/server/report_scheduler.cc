// The schedule's background runs in the server (server/report_scheduler.h).
#include "ecociv/server/report_scheduler.h"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "ecociv/report/pdf.h"
#include "ecociv/server/accounts.h"

namespace ecociv::server {

StatusOr<std::string> RenderPdfOneAtATime(const std::string& html, const PdfRender& render) {
  static std::mutex one_browser;
  std::lock_guard<std::mutex> lock(one_browser);
  return render ? render(html) : report::HtmlToPdf(html);
}

StatusOr<std::vector<std::string>> Approvers(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<User> users, ListUsers(db));
  std::vector<std::string> names;
  for (const User& u : users) {
    if (u.role == Role::kLeader && !u.disabled) names.push_back(u.name);
  }
  return names;
}

ReportScheduler::ReportScheduler(std::string db_path, std::string standards_dir,
                                 report::ScheduleConfig config, int every_seconds)
    : db_path_(std::move(db_path)),
      standards_dir_(std::move(standards_dir)),
      config_(std::move(config)),
      every_seconds_(every_seconds) {}

ReportScheduler::~ReportScheduler() { Stop(); }

void ReportScheduler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (every_seconds_ <= 0 || thread_.joinable() || stopping_) return;
  // Signals belong to the server's sigwait thread (outbox_delivery.cc).
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  thread_ = std::thread([this] { Loop(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

void ReportScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string ReportScheduler::last_run() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_run_;
}

void ReportScheduler::Loop() {
  std::unique_ptr<store::Database> db;
  std::unique_lock<std::mutex> lock(mu_);
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
      report::ScheduleRunOptions options;
      options.today = report::TodayInBeijing();
      options.now_unix = static_cast<int64_t>(std::time(nullptr));
      options.standards_dir = standards_dir_;
      options.actor = store::Actor{"ecociv serve (schedule)", ""};
      options.to_pdf = [](const std::string& html) { return RenderPdfOneAtATime(html); };
      auto approvers = Approvers(db.get());
      if (approvers.ok()) options.approvers = *approvers;
      auto run = report::RunSchedule(db.get(), config_, options);
      summary = run.ok() ? run->Summary() : "error: " + run.status().message();
      if (run.ok()) {
        for (const std::string& line : run->lines) {
          std::fprintf(stderr, "ecociv serve: schedule: %s\n", line.c_str());
        }
      } else {
        std::fprintf(stderr, "ecociv serve: schedule %s\n", summary.c_str());
      }
    }
    lock.lock();
    last_run_ = summary;
    wake_.wait_for(lock, std::chrono::seconds(every_seconds_), [this] { return stopping_; });
  }
}

}  // namespace ecociv::server
