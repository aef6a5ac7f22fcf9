// Overdue measures of a section plan (一断面一方案) escalate through the
// warning workflow. A measure not done whose deadline is before the
// evaluation date is overdue; each open warning of the section (kind "water"
// or "water-notice") then gets one "escalate" step for it — the same step,
// change-record action ("warning.escalate" on "warning:N") and outbox
// notification as an assignment whose deadline passed. An assigned warning
// moves to escalated (it is assigned again); in any other open state the step
// is recorded and notified and the state stays, because the workflow has no
// escalation from those states.
//
// Once per measure and warning: beside the warning's step, an entry
// "water.plan.escalate" on "plan:SECTION" whose payload is
// PlanEscalationDigest(section, measure, warning) is appended, and a later
// run finds it and does nothing (re-running is harmless). The same entries
// show, on the plan, which measure escalated which warning and when.
// docs/water.md, "Overdue measures escalate".
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

namespace ecociv::warning {

// The change-record action of a measure's escalation on the plan.
inline constexpr char kPlanEscalateAction[] = "water.plan.escalate";

// The payload of a "water.plan.escalate" entry: SHA-256 over the fields
// section, measure id, warning id (netstrings, store::Sha256).
std::string PlanEscalationDigest(const std::string& section, int64_t measure_id,
                                 int64_t warning_id);

// Escalates every open water warning of a section whose plan has a measure
// overdue on `today`, once per measure and warning. Call inside the caller's
// transaction (as the warning evaluation and `warn escalate` do). Returns the
// steps recorded.
StatusOr<int> EscalateOverdueMeasuresInTransaction(store::Database* db, DayNumber today,
                                                   const store::Actor& actor, int64_t now_unix);

// One recorded escalation of a measure.
struct MeasureEscalation {
  int64_t measure_id = 0, warning_id = 0;
  std::string at;  // the change-record entry's time, UTC
  std::string text, unit, deadline;  // the measure as it is now
};
// The section's escalations, oldest first: the "water.plan.escalate" entries on
// "plan:SECTION" matched to the plan's measures and the section's warnings.
StatusOr<std::vector<MeasureEscalation>> MeasureEscalations(store::Database* db,
                                                            const std::string& section);

}  // namespace ecociv::warning
