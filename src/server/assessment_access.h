// Internal to the server: who may see and touch what in the assessments
// (routes_assessments.cc, routes_assessment_entry.cc, routes_audits.cc).
//
// - A scheme the server loads (to check values and events, to score a new
//   run) is a built-in scheme, by id; a scheme that only names saved runs (a
//   ranking, the runs list) may be any id a run was saved with (the command
//   line scores with a scheme file of its own). Never a file to load.
// - A run that is not approved is seen by the analysts and administrators
//   who score and review it; a leader also sees reviewed runs (to approve
//   them); auditors and unit reporters see approved and superseded runs.
// - A run belongs to a region: a region's user sees the runs of its
//   subtree's regions, and those of the regions above it, of which it reads
//   its own region's rows (with the ranks the run gave them among all).
// - A unit reporter reaches only its own unit: the subject is its unit (by
//   code or name, NamesOfUnit) or a person of its unit; a finding is its
//   unit's when the unit is the finding's owner.
//
// Thread safety: pure functions over the caller's Call.
#pragma once

#include <string>

#include "ecociv/scoring/run_store.h"
#include "ecociv/scoring/scheme.h"
#include "routes.h"

namespace ecociv::server {

// The built-in scheme `id`; NotFound for anything else.
StatusOr<scoring::Scheme> BuiltInScheme(const std::string& id);

// Whether `role` may see a run in `state`.
bool MaySeeRun(Role role, scoring::RunState state);
// Whether the caller may see `run`: its role the run's state, its region the run's.
StatusOr<bool> MaySeeRun(Call& c, const scoring::RunInfo& run);
// The run `id` if the caller may see it; NotFound otherwise (a run one may
// not see is not told to exist).
StatusOr<scoring::RunInfo> VisibleRun(Call& c, int64_t id);

// Whether the caller (a reporter) belongs to the unit of `subject` of a
// scheme of `subject_kind`; true for every other role.
StatusOr<bool> OwnsSubject(Call& c, const std::string& subject_kind, const std::string& subject);
// The same as a refusal (403) naming the subject.
Status CheckOwnsSubject(Call& c, const std::string& subject_kind, const std::string& subject);

// The finding `id` if its run is visible to the caller (else NotFound); 403
// for a reporter whose unit does not own it.
StatusOr<scoring::Finding> VisibleFinding(Call& c, int64_t id);
// Whether the caller (a reporter) is of the finding's owner unit; true for
// every other role.
StatusOr<bool> OwnsFinding(Call& c, const scoring::Finding& finding);

// Today (UTC) as YYYY-MM-DD: the reference day of overdue findings.
std::string Today();

}  // namespace ecociv::server
