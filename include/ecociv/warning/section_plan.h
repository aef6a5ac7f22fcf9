// One plan per section (一断面一方案) in the store: the causes found
// (pollution sources, outfalls), the measures (each with the unit that owns
// it, a deadline and a state: planned → in_progress → done), the expected
// effect on which items, dated progress entries by whom with evidence, and an
// approval state:
//   draft → submitted (needs at least one measure) → approved
//   submitted → draft (returned); editing the plan's content returns an
//   approved or submitted plan to draft.
// A warning of kind "water" (a section at risk) can be closed only when its
// section has an approved plan (workflow.h, Close).
//
// Every change is one transaction: the rows and a change-record entry
// (action "water.plan.<step>", object "plan:SECTION", payload the SHA-256 of
// the fields written). A measure is overdue when it is not done and its
// deadline is before today (Beijing time), as the warnings' deadlines are.
// docs/water.md, "One plan per section".
//
// Thread safety: the functions take a Database the caller owns exclusively.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::warning {

struct PlanCause {
  std::string kind;  // "source", "outfall", "other"
  std::string text;
};

struct PlanMeasure {
  int64_t id = 0;
  std::string text, unit, deadline;  // deadline YYYY-MM-DD
  std::string items;                 // the items it is expected to improve ("氨氮;总磷")
  std::string state;                 // "planned", "in_progress", "done"
  // The warnings this measure escalated when overdue (plan_escalation.h):
  // warning id and when (UTC), oldest first. Filled by GetPlan.
  struct Escalation {
    int64_t warning = 0;
    std::string at;
  };
  std::vector<Escalation> escalations = {};
};

struct PlanProgress {
  int64_t id = 0;
  int64_t measure_id = 0;  // 0: the plan as a whole
  std::string date;        // YYYY-MM-DD, the day it reports on
  std::string who, note, evidence;
  std::string recorded_at;  // UTC
};

struct SectionPlan {
  std::string section;
  std::string title, effect;
  std::string approval;  // "draft", "submitted", "approved"
  std::string updated_at, updated_by;
  std::vector<PlanCause> causes;
  std::vector<PlanMeasure> measures;  // by id
  std::vector<PlanProgress> progress;  // by date, then id
};

// What an author writes: the header and the causes (measures and progress
// are added one by one).
struct PlanDraft {
  std::string title, effect;
  std::vector<PlanCause> causes;
};

// Creates the section's plan or replaces its header and causes (the plan
// goes back to draft). NotFound when the section is not in the store.
Status SavePlan(store::Database* db, const std::string& section, const PlanDraft& draft,
                const store::Actor& actor);
// Adds a measure (state "planned" unless given); returns its id.
StatusOr<int64_t> AddMeasure(store::Database* db, const std::string& section,
                             const PlanMeasure& measure, const store::Actor& actor);
// Moves a measure to `state`.
Status SetMeasureState(store::Database* db, const std::string& section, int64_t measure_id,
                       const std::string& state, const store::Actor& actor);
// Adds a progress entry (who: the actor when empty); returns its id.
StatusOr<int64_t> AddProgress(store::Database* db, const std::string& section,
                              const PlanProgress& progress, const store::Actor& actor);
// "submit", "approve" or "return" (see the states above); FailedPrecondition
// naming the state otherwise.
Status ChangeApproval(store::Database* db, const std::string& section, const std::string& step,
                      const store::Actor& actor);

// The section's plan, or NotFound.
StatusOr<SectionPlan> GetPlan(store::Database* db, const std::string& section);
// Every plan, by section code.
StatusOr<std::vector<SectionPlan>> ListPlans(store::Database* db);
// Whether the section has an approved plan.
StatusOr<bool> HasApprovedPlan(store::Database* db, const std::string& section);

// Checks the plans (header and causes, measures and their states, progress,
// approval, escalations) and the chiefs' links against the change record
// (plan_verify.cc): a row changed, inserted or deleted outside the program is
// found. One line per problem (empty: consistent). `ecociv db verify` and the
// integrity route run it.
StatusOr<std::vector<std::string>> VerifyPlans(store::Database* db);

// Measures not done whose deadline is before `today` (YYYY-MM-DD).
int OverdueMeasures(const SectionPlan& plan, const std::string& today);

// A plan as JSON (every field; each measure with `overdue` as of `today`,
// and `measures_done`, `measures_total`, `overdue`), for the CLI and the API.
std::string PlanJson(const SectionPlan& plan, const std::string& today);
// As text, Chinese first.
std::string PlanText(const SectionPlan& plan, const std::string& today);

}  // namespace ecociv::warning
