// Routes of the departure audits' findings (离任审计发现的问题) and their
// rectification: recorded by auditors and analysts on a run they may see,
// each with a responsible unit and a deadline; moved on (open → in_progress
// → closed) with a progress note by the responsible unit's reporter or by
// analysts and auditors; closing needs an evidence file (POST
// /assessments/evidence?object=finding:ID). Overdue is judged against today.
#include "assessment_access.h"
#include "ecociv/scoring/assessment_lists.h"
#include "json_fields.h"
#include "region_scope.h"

namespace ecociv::server {
namespace {

using scoring::Finding;

StatusOr<HttpResponse> FindingsResponse(Call& c, const std::vector<Finding>& findings) {
  ECOCIV_ASSIGN_OR_RETURN(auto counts, scoring::FindingEvidenceCounts(c.db, findings));
  return BodyResponse(scoring::FindingsJson(findings, Today(), counts));
}

// Every finding the caller may see (?run=ID: of that run): of the runs it may
// see; a unit reporter, those its unit must rectify.
StatusOr<HttpResponse> AllFindings(Call& c) {
  int64_t run = 0;
  if (!c.Query("run").empty()) {
    ECOCIV_ASSIGN_OR_RETURN(run, PathId(c.Query("run"), "run"));
    ECOCIV_RETURN_IF_ERROR(VisibleRun(c, run).status());
  }
  ECOCIV_ASSIGN_OR_RETURN(auto all, scoring::ListFindings(c.db, run, "", Today()));
  std::vector<Finding> shown;
  for (const Finding& f : all) {
    if (!VisibleRun(c, f.run_id).ok()) continue;
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsFinding(c, f));
    if (own) shown.push_back(f);
  }
  return FindingsResponse(c, shown);
}

// A run's findings (a region's user: those its region's units must rectify).
StatusOr<HttpResponse> RunFindings(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, PathId(c.params["id"], "run"));
  ECOCIV_RETURN_IF_ERROR(VisibleRun(c, run).status());
  ECOCIV_ASSIGN_OR_RETURN(auto findings, scoring::ListFindings(c.db, run, "", Today()));
  std::vector<Finding> shown;
  for (const Finding& f : findings) {
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsFinding(c, f));
    if (own) shown.push_back(f);
  }
  return FindingsResponse(c, shown);
}

// {subject, problem, owner, deadline} → 201 {id}.
StatusOr<HttpResponse> AddFinding(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, PathId(c.params["id"], "run"));
  ECOCIV_RETURN_IF_ERROR(VisibleRun(c, run).status());
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  Finding f;
  f.run_id = run;
  ECOCIV_ASSIGN_OR_RETURN(f.subject, StringField(c.body, "subject", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(f.problem, StringField(c.body, "problem", true, 2000));
  ECOCIV_ASSIGN_OR_RETURN(f.owner, StringField(c.body, "owner", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(f.deadline, StringField(c.body, "deadline", true, 10));
  // A region's user gives findings to its region's units only.
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.SeesUnit(f.owner)) return scope.Outside("unit " + f.owner);
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, scoring::AddFinding(c.db, f, c.Actor(f.problem)));
  return JsonResponse({{"id", id}, {"object", "finding:" + std::to_string(id)}}, 201);
}

// {status: open|in_progress|closed, progress} → the finding.
StatusOr<HttpResponse> UpdateFinding(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "finding"));
  ECOCIV_ASSIGN_OR_RETURN(std::string status, StringField(c.body, "status", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string progress, StringField(c.body, "progress", true, 2000));
  ECOCIV_RETURN_IF_ERROR(VisibleFinding(c, id).status());
  ECOCIV_RETURN_IF_ERROR(scoring::UpdateFinding(c.db, id, status, progress, c.Actor(progress)));
  ECOCIV_ASSIGN_OR_RETURN(Finding f, VisibleFinding(c, id));
  return FindingsResponse(c, {f});
}

}  // namespace

void RegisterAuditRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/audits/findings", kAnyone, AllFindings);
  routes.Add("GET", "/api/v1/audits/runs/{id}/findings", kReaders, RunFindings);
  routes.Add("POST", "/api/v1/audits/runs/{id}/findings", kFindingWriters, AddFinding);
  routes.Add("POST", "/api/v1/audits/findings/{id}", kEvidenceWriters, UpdateFinding);
}

}  // namespace ecociv::server
