// Scoring runs in the store, and the departure audits' findings.
//
// A run scores a scheme for a year on what the store holds: its subjects
// (assessment_store.h), the values and events entered for (scheme, year), and
// the demonstration-zone indicators where an item names one. It is saved as
// the run record of run_log.h (scheme text, inputs with their origins,
// results, explanation), so it can be replayed without the database.
//
// Life of a run: draft → reviewed → approved. An approved run is frozen (its
// record never changes); a correction is a new run that names the approved
// run it replaces, and approving the correction marks the old one superseded.
// At most one run of a (scheme, year, region) is approved at a time.
//
// A run belongs to a region (store/regions.h): it scores and ranks the
// subjects of the region's subtree, the units there and the people of those
// units. A county's run ranks the county's towns among themselves; a run of
// the root region, as every run of a one-city store, ranks all of them. Who may review
// and approve is the caller's rule (the server: analysts review, leaders
// approve); the store keeps who did what, each step in the change record.
//
// Findings: a departure audit's problems, each with a responsible unit, a
// deadline and a status (open → in_progress → closed), followed to closure;
// closing needs a progress note and at least one evidence file.
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/scoring/engine.h"

namespace ecociv::scoring {

enum class RunState { kDraft, kReviewed, kApproved, kSuperseded };
const char* RunStateName(RunState state);  // "draft", "reviewed", ...

struct RunInfo {
  int64_t id = 0;
  std::string scheme;  // scheme id
  int year = 0;
  std::string scheme_sha256;  // of the scheme text the run used
  RunState state = RunState::kDraft;
  int64_t replaces = 0;     // the approved run this one corrects (0: none)
  int64_t replaced_by = 0;  // the run that superseded this one (0: none)
  std::string region = "000000";  // the region whose subjects it ranks (the root: all)
  std::string record_sha256;
  std::string created_by, created_at;
  std::string reviewed_by, reviewed_at;
  std::string approved_by, approved_at;
};

struct RunRequest {
  int year = 0;
  // Subject ids to score; empty = every subject of the scheme in the store
  // (an "official" scheme must name the people it audits).
  std::vector<std::string> subjects;
  int64_t replaces = 0;  // an approved run of the same scheme, year and region
  // The region whose subjects are scored (a named subject must be of it).
  std::string region = "000000";
};

// Scores and saves a draft. NotFound for an unknown region; InvalidArgument
// for an unknown subject, a subject outside the region, or a
// catalogue that names a responsible unit the store does not know (an item
// would otherwise be dropped and its points spread over the rest);
// FailedPrecondition for a `replaces` that is not the approved run.
StatusOr<RunInfo> CreateRun(Database* db, const Scheme& scheme, const RunRequest& request,
                            const Actor& actor);
// draft → reviewed; reviewed → approved. FailedPrecondition naming the state
// for any other step.
Status ReviewRun(Database* db, int64_t id, const Actor& actor);
Status ApproveRun(Database* db, int64_t id, const Actor& actor);

// Runs, newest first; of one scheme and/or year when given.
StatusOr<std::vector<RunInfo>> ListRuns(Database* db, const std::string& scheme = "",
                                        int year = 0);
struct SavedRun {
  RunInfo info;
  std::string record;  // the run record JSON (run_log.h)
};
StatusOr<SavedRun> LoadRun(Database* db, int64_t id);  // NotFound for an unknown id
// The approved run of (scheme, year) of exactly `region`, if any.
StatusOr<std::optional<RunInfo>> ApprovedRun(Database* db, const std::string& scheme, int year,
                                             const std::string& region = "000000");
// The subjects of `scheme` in `region`'s subtree (all of them for the root):
// its units, or the people of its units. NotFound for an unknown region.
StatusOr<std::vector<Subject>> RegionSubjects(Database* db, const Scheme& scheme,
                                              const std::string& region);

struct Finding {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string subject;  // the person audited
  std::string problem;
  std::string owner;     // the responsible unit's code
  std::string deadline;  // YYYY-MM-DD
  std::string status;    // open, in_progress, closed
  std::string progress;  // the latest progress note
  std::string closed_at;
  std::string entered_by, entered_at;
  bool overdue = false;  // not closed and the deadline is before the reference day
};
StatusOr<int64_t> AddFinding(Database* db, const Finding& finding, const Actor& actor);
// Moves a finding on (open → in_progress → closed, or back to in_progress
// from closed when a problem returns) with a progress note.
Status UpdateFinding(Database* db, int64_t id, const std::string& status,
                     const std::string& progress, const Actor& actor);
// Findings of a run (run_id > 0) or of a subject (non-empty), judged against
// `today` (YYYY-MM-DD) for overdue.
StatusOr<std::vector<Finding>> ListFindings(Database* db, int64_t run_id,
                                            const std::string& subject, const std::string& today);

}  // namespace ecociv::scoring
