// Who may see and touch what in the assessments (assessment_access.h).
#include "assessment_access.h"

#include <algorithm>

#include "ecociv/scoring/assessment_store.h"
#include "region_scope.h"

namespace ecociv::server {

StatusOr<scoring::Scheme> BuiltInScheme(const std::string& id) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> names, scoring::ListSchemes(""));
  if (std::find(names.begin(), names.end(), id) == names.end()) {
    return NotFoundError("no scheme '" + id + "'");
  }
  return scoring::LoadScheme(id, "");
}

bool MaySeeRun(Role role, scoring::RunState state) {
  using scoring::RunState;
  if (role == Role::kAdmin || role == Role::kAnalyst) return true;
  if (state == RunState::kApproved || state == RunState::kSuperseded) return true;
  return role == Role::kLeader && state == RunState::kReviewed;
}

StatusOr<bool> MaySeeRun(Call& c, const scoring::RunInfo& run) {
  if (!MaySeeRun(c.role(), run.state)) return false;
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  return scope.SeesRegion(run.region) || scope.IsAbove(run.region);
}

StatusOr<scoring::RunInfo> VisibleRun(Call& c, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto runs, scoring::ListRuns(c.db));
  for (const scoring::RunInfo& r : runs) {
    if (r.id != id) continue;
    ECOCIV_ASSIGN_OR_RETURN(bool visible, MaySeeRun(c, r));
    if (visible) return r;
  }
  return NotFoundError("no run " + std::to_string(id));
}

StatusOr<bool> OwnsSubject(Call& c, const std::string& subject_kind, const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.whole_store()) {
    // A unit of the caller's region, or a person of one.
    std::string unit = subject;
    if (subject_kind == "official") {
      ECOCIV_ASSIGN_OR_RETURN(std::optional<scoring::Person> person,
                              scoring::FindPerson(c.db, subject));
      if (!person) return false;
      unit = person->unit;
    }
    if (!scope.SeesUnit(unit)) return false;
  }
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
  if (unit.names.empty()) return false;
  if (subject_kind != "official") return unit.names.count(subject) > 0;
  ECOCIV_ASSIGN_OR_RETURN(std::optional<scoring::Person> person,
                          scoring::FindPerson(c.db, subject));
  return person && unit.names.count(person->unit) > 0;
}

Status CheckOwnsSubject(Call& c, const std::string& subject_kind, const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsSubject(c, subject_kind, subject));
  if (own) return Status::Ok();
  return Denied("subject " + subject + " is not of the unit " + c.session->user.unit);
}

StatusOr<bool> OwnsFinding(Call& c, const scoring::Finding& finding) {
  // A region's user: the findings whose responsible unit is of its region.
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.SeesUnit(finding.owner)) return false;
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
  return unit.names.count(finding.owner) > 0;
}

StatusOr<scoring::Finding> VisibleFinding(Call& c, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto findings, scoring::ListFindings(c.db, 0, "", Today()));
  for (const scoring::Finding& f : findings) {
    if (f.id != id) continue;
    auto run = VisibleRun(c, f.run_id);
    if (!run.ok()) break;
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsFinding(c, f));
    if (!own) {
      return Denied("finding " + std::to_string(id) + " is for " + f.owner + ", not for " +
                    (c.IsReporter() ? c.session->user.unit : c.session->user.region));
    }
    return f;
  }
  return NotFoundError("no finding " + std::to_string(id));
}

std::string Today() { return store::BeijingToday(); }

}  // namespace ecociv::server
