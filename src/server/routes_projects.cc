// Routes of the key projects (重点工程): the year's projects with their
// milestones, and progress reports. A unit reporter sees and reports on its
// own unit's projects only (matched as indicator owners are: UnitOwns).
#include <algorithm>

#include "ecociv/indicators/indicator_store.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

constexpr size_t kMaxMilestones = 100;

std::string Today() { return store::BeijingToday(); }

Json ProjectJson(const indicators::Project& p, bool may_update) {
  Json milestones = Json::array();
  int position = 0;
  for (const auto& m : p.milestones) {
    milestones.push_back({{"position", ++position},
                          {"title", m.title},
                          {"due", m.due},
                          {"done", m.done},
                          {"overdue", m.overdue}});
  }
  return {{"code", p.code},
          {"year", p.year},
          {"name", p.name},
          {"unit", p.unit},
          {"budget_wan", p.budget},
          {"progress", p.progress},
          {"status", p.status},
          {"overdue", p.overdue},
          {"may_update", may_update},
          {"milestones", milestones}};
}

StatusOr<HttpResponse> Projects(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, indicators::DefaultValueYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.Query("year"), fallback));
  const std::string today = Today();
  ECOCIV_ASSIGN_OR_RETURN(auto projects, indicators::ListProjects(c.db, year, today));
  UnitNames unit;
  if (c.IsReporter()) {
    ECOCIV_ASSIGN_OR_RETURN(unit, NamesOfUnit(c.db, c.session->user.unit));
  }
  const bool editor = RoleIn(kEntry, c.role());
  Json rows = Json::array();
  for (const auto& p : projects) {
    if (c.IsReporter() && !UnitOwns(p.unit, unit)) continue;
    rows.push_back(ProjectJson(p, editor));
  }
  return JsonResponse({{"year", year}, {"today", today}, {"projects", rows}});
}

// The body of a progress report: {progress, status, note, milestones:
// [{position, done}]}.
StatusOr<indicators::ProjectUpdate> ProgressUpdate(const Json& body) {
  if (!body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  indicators::ProjectUpdate u;
  const Json& progress = body.contains("progress") ? body["progress"] : Json();
  if (!progress.is_number_integer()) {
    return InvalidArgumentError("progress must be an integer 0-100");
  }
  u.progress = progress.get<int>();
  ECOCIV_ASSIGN_OR_RETURN(u.status, StringField(body, "status", true, 20));
  if (body.contains("milestones")) {
    const Json& ms = body["milestones"];
    if (!ms.is_array() || ms.size() > kMaxMilestones) {
      return InvalidArgumentError("milestones must be a list");
    }
    for (const Json& m : ms) {
      if (!m.is_object() || !m.contains("position") || !m["position"].is_number_integer()) {
        return InvalidArgumentError("each milestone needs a position and a done date (or \"\")");
      }
      ECOCIV_ASSIGN_OR_RETURN(std::string done, StringField(m, "done", false, 10));
      u.milestone_done.emplace_back(m["position"].get<int>(), done);
    }
  }
  return u;
}

// A progress report on a key project: admins and analysts for any project, a
// unit's reporter for its unit's projects (others: 403).
StatusOr<HttpResponse> ProjectProgress(Call& c) {
  const std::string& code = c.params["code"];
  if (!ValidCode(code)) return NotFoundError("no project " + code);
  ECOCIV_ASSIGN_OR_RETURN(auto projects, indicators::ListProjects(c.db, 0, Today()));
  auto it = std::find_if(projects.begin(), projects.end(),
                         [&](const indicators::Project& p) { return p.code == code; });
  if (it == projects.end()) return NotFoundError("no project " + code);
  if (c.IsReporter()) {
    ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
    if (!UnitOwns(it->unit, unit)) return Denied("project " + code + " belongs to another unit");
  }
  ECOCIV_ASSIGN_OR_RETURN(indicators::ProjectUpdate u, ProgressUpdate(c.body));
  ECOCIV_ASSIGN_OR_RETURN(std::string note, StringField(c.body, "note", false, 1000));
  ECOCIV_RETURN_IF_ERROR(indicators::UpdateProject(c.db, code, u, c.Actor(note)));
  return JsonResponse({{"code", code}, {"progress", u.progress}, {"status", u.status}});
}

}  // namespace

void RegisterProjectRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/projects", kAnyone, Projects);
  routes.Add("POST", "/api/v1/projects/{code}/progress", kEntry, ProjectProgress);
}

}  // namespace ecociv::server
