// The schedule of periodic documents run by `ecociv serve --draft-every S`
// (report/schedule.h): a periodic task (periodic_task.h) that runs the
// schedule every S seconds on its own Database connection. Several servers
// on one store may run it: the schedule's claims let one of them draft each
// period.
//
// Thread safety: Start and Stop from any thread; the thread owns its
// connection.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/report/schedule.h"
#include "ecociv/server/periodic_task.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// HTML → PDF (report/pdf.h HtmlToPdf, or `render` in a test), one at a time
// in this process: a render holds a headless Chromium and the cores for
// seconds, so the documents the web makes (POST /api/v1/documents) and the
// drafts of the schedule's thread take this one lock rather than each their own.
using PdfRender = std::function<StatusOr<std::string>(const std::string& html)>;
StatusOr<std::string> RenderPdfOneAtATime(const std::string& html, const PdfRender& render = {});

// The enabled users of role leader: they approve documents, and a drafted
// document's notice names them.
StatusOr<std::vector<std::string>> Approvers(store::Database* db);

class ReportScheduler {
 public:
  // `every_seconds` > 0: Start() runs the thread.
  ReportScheduler(std::string db_path, std::string standards_dir, report::ScheduleConfig config,
                  int every_seconds);
  ~ReportScheduler();  // Stop()
  ReportScheduler(const ReportScheduler&) = delete;
  ReportScheduler& operator=(const ReportScheduler&) = delete;

  int every_seconds() const { return task_.every_seconds(); }
  // Starts the thread (no-op without an interval, or twice).
  void Start() { task_.Start(); }
  // Wakes the thread and joins it after the run in progress (a PDF in
  // progress ends within its own limit). Idempotent.
  void Stop() { task_.Stop(); }
  // The last run's summary ("" before the first).
  std::string last_run() const { return task_.last_run().summary; }

 private:
  std::string RunSchedule(store::Database* db) const;

  const std::string standards_dir_;
  const report::ScheduleConfig config_;
  PeriodicTask task_;  // last: its thread calls RunSchedule
};

}  // namespace ecociv::server
