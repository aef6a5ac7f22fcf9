// The schedule of periodic documents (config/report-schedule.toml): the
// monthly air and water reports drafted on a day of the month after, the
// yearly ones and the bulletin on a day of the year after.
//
// Due: a (kind, period) whose due day has come, among the `lookback` latest
// periods of its kind. A run drafts each due period not yet drafted: it
// claims the period's row in report_schedule (migration 13; the primary key
// (kind, period) and the claim keep several servers on one store, and
// repeated runs, from drafting it twice), makes the document in every
// configured language that has no document of that kind, period and
// language yet (one drafted by hand counts), and in one transaction stores
// the drafts (report/publishing.h, change record "report.draft"), marks the
// period drafted and puts one notice per draft in document_outbox for the
// leaders to approve it (delivered with the warnings' webhook,
// warning/webhook.h). A failure (no data yet, no browser) marks the period
// failed with its error, tried again after retry_minutes; nothing
// half-written is stored.
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/report/document.h"
#include "ecociv/report/holidays.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct ScheduledKind {
  std::string kind;          // one of PeriodicKinds() (make_document.h)
  int month = 0;             // yearly kinds: the month of the year after (1..12); monthly: 0
  int day = 1;               // 1..28; with count_working_days 1..15
  // working_day = true: a due day that is not a working day (a weekend or a
  // public holiday, unless an adjusted working day) moves to the next one.
  bool working_day = false;
  // working_day = "count": `day` counts working days: the document is due on
  // the day-th working day of its month (the 1st working day, the 5th ...).
  bool count_working_days = false;
};

struct ScheduleConfig {
  std::vector<ScheduledKind> kinds;
  std::vector<Lang> langs;
  int lookback = 3;
  int retry_minutes = 60;
  int claim_minutes = 30;
  // Public holidays and adjusted working days (the built-in
  // config/holidays/*.csv unless the loader was given a folder).
  HolidayCalendar holidays;
};

// Parses a schedule file; InvalidArgument "source:line: what" for a missing
// or unknown key, a bad value, an unknown or repeated kind. The holidays
// are the built-in ones.
StatusOr<ScheduleConfig> ParseScheduleConfig(std::string_view text, const std::string& source);
// `path` "" → the built-in config/report-schedule.toml, else that file;
// `holidays_dir` "" → the built-in holidays, else that folder's YYYY.csv.
StatusOr<ScheduleConfig> LoadScheduleConfig(const std::string& path,
                                            const std::string& holidays_dir = "");

// The day a period's document is due ("2026-10" → the day of November).
// When a working-day rule needs a year `holidays` has no file of, its
// working days are Monday to Friday and `*unknown_year` (when given) is set
// to that year (else left alone).
StatusOr<DayNumber> DueDay(const ScheduledKind& kind, const std::string& period,
                           const HolidayCalendar& holidays, int* unknown_year = nullptr);

// Today in Beijing time.
DayNumber TodayInBeijing();

struct ScheduledPeriod {
  std::string kind, period;
  DayNumber due = 0;
  // due: to draft; drafted: done (documents), by the schedule or by hand;
  // claimed: a run is drafting it; failed: tried (error), tried again at
  // retry_at (Unix seconds).
  std::string state;
  std::vector<int64_t> documents;
  std::string error;
  int64_t retry_at = 0;
  int attempts = 0;
  // The due day's year has no public-holiday file: counted with weekends only.
  int holidays_unknown_year = 0;
};

// A period as the CLI's --format json and the web's schedule table show it
// (kind, period, due date, state, documents, attempts, error,
// holidays_unknown_year: the year without a holiday file, or null).
nlohmann::json PeriodJson(const ScheduledPeriod& p);

// The periods due by `today`, by kind in the file's order, oldest first;
// `now_unix` decides whether a claim or a retry time has passed.
StatusOr<std::vector<ScheduledPeriod>> ScheduleStatus(store::Database* db,
                                                      const ScheduleConfig& config, DayNumber today,
                                                      int64_t now_unix);

struct ScheduleRunOptions {
  DayNumber today = 0;
  int64_t now_unix = 0;
  std::string standards_dir;  // "" → the built-in standards
  // The leaders who approve (user names), named in the notices.
  std::vector<std::string> approvers;
  // HTML → PDF (report/pdf.h HtmlToPdf; a test may pass a stand-in).
  std::function<StatusOr<std::string>(const std::string& html)> to_pdf;
  store::Actor actor;  // who drafts ("" → the OS user), named in the change record
};

struct ScheduleRunReport {
  int drafted = 0;                 // periods drafted in this run
  int documents = 0;               // documents stored
  int failed = 0;                  // periods that failed (tried again later)
  int skipped = 0;                 // periods another run held, or waiting for their retry
  std::vector<std::string> lines;  // one per period taken up: what happened
  std::string Summary() const;
};

// Drafts every due period not yet drafted (see above). Idempotent: a second
// run drafts nothing new.
StatusOr<ScheduleRunReport> RunSchedule(store::Database* db, const ScheduleConfig& config,
                                        const ScheduleRunOptions& options);

// The notice of a drafted document as the outbox posts it: the robot "text"
// message (Chinese), with the document under "ecociv" and the idempotency key
// "document-ID".
std::string DocumentNoticePayload(int64_t id, const std::string& kind, const std::string& period,
                                  const std::string& lang, const std::string& title,
                                  const std::vector<std::string>& approvers);

}  // namespace ecociv::report
