// `ecociv report schedule`: the periodic documents due (report/schedule.h),
// and with --run the drafting of those not yet drafted.
#include <cstdio>
#include <ctime>
#include <set>

#include <nlohmann/json.hpp>

#include "args.h"
#include "ecociv/report/pdf.h"
#include "ecociv/report/schedule.h"
#include "ecociv/server/report_scheduler.h"
#include "report_cli.h"
#include "store_cli.h"

namespace ecociv::cli {

const char* const kReportScheduleUsage =
    "  ecociv report schedule --db F [--run] [--schedule FILE.toml] [--holidays DIR]\n"
    "                         [--today YYYY-MM-DD] [--standards DIR] [--format text|json]\n";

namespace {

std::string Ids(const std::vector<int64_t>& ids) {
  std::string text;
  for (int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

void Print(const std::vector<report::ScheduledPeriod>& periods, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : periods) out.push_back(report::PeriodJson(p));
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  std::set<int> unknown;
  for (const auto& p : periods) {
    if (p.holidays_unknown_year != 0) unknown.insert(p.holidays_unknown_year);
    std::string what = p.state;
    if (!p.documents.empty()) what += " (documents " + Ids(p.documents) + ")";
    if (!p.error.empty()) what += ": " + p.error;
    std::printf("%-14s %-8s due %s  %s%s\n", p.kind.c_str(), p.period.c_str(),
                FormatDate(p.due).c_str(), what.c_str(),
                p.holidays_unknown_year != 0 ? "  (weekends only)" : "");
  }
  for (int year : unknown) {
    std::fprintf(stderr,
                 "schedule: warning: no public-holiday file for %d (config/holidays/%d.csv): its "
                 "working days are counted as Monday to Friday, without holidays or adjusted "
                 "working days\n",
                 year, year);
  }
}

}  // namespace

int ReportSchedule(const CommandArgs& argv) {
  auto args =
      Args::Parse(argv, {"db", "schedule", "holidays", "today", "standards", "format"}, {"run"});
  if (!args.ok()) return ReportError(args.status());
  const std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return ReportError(InvalidArgumentError("--format: expected text or json"));
  }
  auto config = report::LoadScheduleConfig(args->Get("schedule"), args->Get("holidays"));
  if (!config.ok()) return ReportError(config.status());
  DayNumber today = report::TodayInBeijing();
  if (args->Has("today")) {
    auto day = ParseDate(args->Get("today"));
    if (!day.ok()) return ReportError(InvalidArgumentError("--today: expected YYYY-MM-DD"));
    today = *day;
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (args->Has("run")) {
    report::ScheduleRunOptions options;
    options.today = today;
    options.now_unix = now;
    options.standards_dir = args->Get("standards");
    options.to_pdf = [](const std::string& html) { return report::HtmlToPdf(html); };
    auto approvers = server::Approvers(db->get());
    if (!approvers.ok()) return ReportError(approvers.status());
    options.approvers = *approvers;
    options.actor = store::Actor{"", "ecociv report schedule --run"};
    auto run = report::RunSchedule(db->get(), *config, options);
    if (!run.ok()) return ReportError(run.status());
    for (const std::string& line : run->lines) std::fprintf(stderr, "%s\n", line.c_str());
    std::fprintf(stderr, "schedule: %s\n", run->Summary().c_str());
  }
  auto status = report::ScheduleStatus(db->get(), *config, today, now);
  if (!status.ok()) return ReportError(status.status());
  Print(*status, format == "json");
  return kExitSuccess;
}

}  // namespace ecociv::cli
