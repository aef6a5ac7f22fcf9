// The schedule of periodic documents run by `ecociv serve --draft-every S`
// (report/schedule.h): a background thread that runs the schedule every S
// seconds on its own Database connection, as the warning outbox's delivery
// does (outbox_delivery.h). Several servers on one store may run it: the
// schedule's claims let one of them draft each period.
//
// Thread safety: Start and Stop from any thread; the thread owns its
// connection.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/report/schedule.h"
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

  int every_seconds() const { return every_seconds_; }
  // Starts the thread (no-op without an interval, or twice).
  void Start();
  // Wakes the thread and joins it after the run in progress (a PDF in
  // progress ends within its own limit). Idempotent.
  void Stop();
  // The last run's summary ("" before the first).
  std::string last_run() const;

 private:
  void Loop();

  const std::string db_path_, standards_dir_;
  const report::ScheduleConfig config_;
  const int every_seconds_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string last_run_;
  std::thread thread_;
};

}  // namespace ecociv::server
