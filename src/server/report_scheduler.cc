// The schedule's background runs in the server (server/report_scheduler.h).
#include "ecociv/server/report_scheduler.h"

#include <cstdio>
#include <ctime>
#include <mutex>

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
    : standards_dir_(std::move(standards_dir)),
      config_(std::move(config)),
      task_(std::move(db_path), every_seconds,
            [this](store::Database* db) { return RunSchedule(db); }) {}

ReportScheduler::~ReportScheduler() { Stop(); }

std::string ReportScheduler::RunSchedule(store::Database* db) const {
  report::ScheduleRunOptions options;
  options.today = report::TodayInBeijing();
  options.now_unix = static_cast<int64_t>(std::time(nullptr));
  options.standards_dir = standards_dir_;
  options.actor = store::Actor{"ecociv serve (schedule)", ""};
  options.to_pdf = [](const std::string& html) { return RenderPdfOneAtATime(html); };
  auto approvers = Approvers(db);
  if (approvers.ok()) options.approvers = *approvers;
  auto run = report::RunSchedule(db, config_, options);
  if (!run.ok()) {
    std::string summary = "error: " + run.status().message();
    std::fprintf(stderr, "ecociv serve: schedule %s\n", summary.c_str());
    return summary;
  }
  for (const std::string& line : run->lines) {
    std::fprintf(stderr, "ecociv serve: schedule: %s\n", line.c_str());
  }
  return run->Summary();
}

}  // namespace ecociv::server
