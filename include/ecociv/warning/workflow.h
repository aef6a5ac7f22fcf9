// The warning workflow on the store: warnings are raised from findings,
// merged when they repeat, moved by people through
//   raised → acknowledged → assigned (unit, person, deadline, section plan)
//          → feedback → closed (销号)
// escalated automatically when an assignment's deadline passes (an escalated
// warning is assigned again), and lifted automatically when the rule's release
// condition holds. Any other transition is a FailedPrecondition error.
//
// Every step writes a warning_events row, appends a change-record entry
// (action "warning.<step>", object "warning:N") and, except for a repeat,
// queues a webhook notification in the outbox — all in one transaction.
//
// Thread safety: the functions take a Database the caller owns exclusively.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/water_warning.h"

namespace ecociv::warning {

// What evaluation hands to the store: one warning-worthy condition.
struct Finding {
  std::string kind;      // "water", "water-notice", "air"
  std::string rule_set;  // "warning-yangtze", ...
  std::string subject;   // section code, or "city/pollutant"
  std::string subject_name;
  std::string level, level_name;
  int rank = 0;
  std::string trigger;          // Chinese (stored, sent to the group robots)
  std::string figures;          // JSON object text: the figures behind it
  std::string owner;            // section chief (and unit when known)
  std::string main_pollutants;  // "氨氮(0.8);总磷(0.2)"
  std::string period;           // "2026-03" or the as-of date
  std::string trigger_en = {};  // `trigger` in English ("": shown as `trigger`)
};

// Findings of a water evaluation (warnings and early notices).
std::vector<Finding> FindingsOf(const WaterEvaluation& evaluation);

struct Warning {
  int64_t id = 0;
  std::string kind, rule_set, subject, subject_name, level, level_name;
  int rank = 0;
  std::string trigger, figures, owner, main_pollutants, state;
  std::string first_period, last_period;
  int repeats = 0;
  std::string raised_at, updated_at;
  std::string unit, person, deadline, plan, feedback;
  std::string trigger_en;  // "" for warnings stored before schema version 5
};

// One warning as a JSON object text (every field; `figures` embedded as JSON,
// `template` true for template rule sets, `trigger_en` the Chinese trigger
// for warnings stored before English texts existed). Used by `ecociv warn list --format
// json` and the web API, so both show the same document.
std::string WarningJson(const Warning& w);

struct RecordReport {
  int raised = 0, repeated = 0, upgraded = 0, lifted = 0, escalated = 0, unchanged = 0;
  int measures_escalated = 0;  // escalation steps for overdue plan measures (plan_escalation.h)
  std::string Summary() const;
};

// Records one evaluation in one transaction: each finding raises a warning or
// merges into the open one of the same kind, rule set and subject (a repeat;
// an upgrade when its rank is higher; unchanged when already recorded for that
// period at that level); open warnings of `rule_set` whose (kind, subject) is
// in `released` are lifted; assigned warnings whose deadline is before `today`
// are escalated, and so are the open water warnings of a section whose plan
// has a measure overdue on `today` (once per measure, plan_escalation.h). `now_unix` stamps the outbox rows.
struct Released {
  std::string kind, subject;
};
StatusOr<RecordReport> RecordEvaluation(store::Database* db, const std::string& rule_set,
                                        const std::vector<Finding>& findings,
                                        const std::vector<Released>& released, DayNumber today,
                                        const store::Actor& actor, int64_t now_unix);

// What a water evaluation releases: sections whose release condition holds
// ("water"), and, when early notices were evaluated, every section without a
// notice ("water-notice": its running mean is back within the target).
std::vector<Released> ReleasedOf(const WaterEvaluation& evaluation,
                                 const std::vector<std::string>& all_sections);

// Escalates every assigned warning whose deadline (YYYY-MM-DD) is before
// `today`, then the open water warnings of sections whose plan has a measure
// overdue on `today` (once per measure and warning), in one transaction.
struct EscalationReport {
  int escalated = 0;  // assignments whose deadline passed
  int measures = 0;   // escalation steps for overdue plan measures
};
StatusOr<EscalationReport> EscalateOverdue(store::Database* db, DayNumber today,
                                           const store::Actor& actor, int64_t now_unix);

// The manual steps. `note` is the comment / feedback text.
Status Acknowledge(store::Database* db, int64_t id, const std::string& note,
                   const store::Actor& actor, int64_t now_unix);
struct Assignment {
  std::string unit, person, deadline, plan;  // deadline YYYY-MM-DD; plan: 一断面一方案
};
Status Assign(store::Database* db, int64_t id, const Assignment& assignment,
              const store::Actor& actor, int64_t now_unix);
Status GiveFeedback(store::Database* db, int64_t id, const std::string& feedback,
                    const store::Actor& actor, int64_t now_unix);
// Close (销号) of a warning of kind "water" needs an approved plan of its
// section (section_plan.h): FailedPrecondition naming the section otherwise.
Status Close(store::Database* db, int64_t id, const std::string& note, const store::Actor& actor,
             int64_t now_unix);

// Findings of an air target report (kind "air", rule set "air-targets-<year>",
// subject "<city>/<pollutant>" or "<city>/good-days"): one per target at risk
// "high" (rank 1) or "missed" (rank 2); the others are released.
struct AirTargetReport;
void AirFindingsOf(const AirTargetReport& report, std::vector<Finding>* findings,
                   std::vector<Released>* released);

// Warnings, newest first; `open_only` leaves out closed and lifted ones.
StatusOr<std::vector<Warning>> ListWarnings(store::Database* db, bool open_only);
StatusOr<Warning> GetWarning(store::Database* db, int64_t id);

struct WarningEvent {
  int64_t id = 0, warning_id = 0, log_seq = 0;
  std::string at, who, action, from_state, to_state, note;
  std::string warning_sha256;  // the warning row as this step left it ("" before version 5)
};
StatusOr<std::vector<WarningEvent>> ListEvents(store::Database* db, int64_t warning_id);

// Checks the warning tables against the change record: every event must have
// its entry (action "warning.<step>", object "warning:N", payload_sha256 over
// the event's fields), every warning entry its event, and each warning's state
// must be the last event's, and its content the digest the last step recorded
// (so an edit of level, trigger or any other column outside the program is
// found). Returns one line per problem (empty: consistent).
// The chain itself is checked by `ecociv db verify`.
StatusOr<std::vector<std::string>> VerifyWarnings(store::Database* db);


}  // namespace ecociv::warning
