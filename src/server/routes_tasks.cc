// Routes of a unit reporter's own work list ("my tasks"): what its unit must
// do now, gathered from the indicators, the warnings and the key projects:
//   - values to enter: the unit's reported indicators of the year with no
//     value, a draft not yet submitted, or a value returned by the review;
//   - warnings assigned to the unit that are still open (its feedback is due),
//     each with its deadline;
//   - projects to report: the unit's key projects of the year not done.
// The unit owns what UnitOwns says (as on the indicators, warnings and
// projects routes), so the list agrees with what those pages show the
// reporter. Other roles have no unit: the route is a reporter's only.
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/report.h"
#include "ecociv/warning/workflow.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// The unit's indicators of `year` that wait for its value.
StatusOr<Json> ValuesToEnter(DataService& data, const Call& c, const UnitNames& unit, int year) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  std::unique_ptr<indicators::EngineFigureSource> engines = data.EngineFigures(snap, c.db);
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, indicators::ReadinessForYear(c.db, year, *engines));
  Json table = Json::parse(indicators::ReadinessJson(readiness));
  ECOCIV_ASSIGN_OR_RETURN(auto values, indicators::LoadValues(c.db));
  Json out = Json::array();
  for (const Json& ind : table["indicators"]) {
    if (ind.value("source", "") != "reported") continue;
    if (!UnitOwns(ind.value("owner", ""), unit)) continue;
    std::string status;  // "" when the year has no value
    auto v = values.find(ind["id"].get<std::string>());
    if (v != values.end()) {
      auto y = v->second.find(year);
      if (y != v->second.end()) status = y->second.status;
    }
    if (status != "" && status != "draft" && status != "returned") continue;
    out.push_back({{"id", ind["id"]},
                   {"name_zh", ind["name_zh"]},
                   {"name_en", ind["name_en"]},
                   {"unit", ind["unit"]},
                   {"target", ind["target"]},
                   {"target_base", ind["target_base"]},
                   {"target_rule", ind["target_rule"]},
                   {"year", year},
                   {"status", status.empty() ? Json(nullptr) : Json(status)}});
  }
  return out;
}

// The open warnings assigned to the unit.
StatusOr<Json> WarningsAssigned(const Call& c, const UnitNames& unit) {
  ECOCIV_ASSIGN_OR_RETURN(auto open, warning::ListWarnings(c.db, true));
  Json out = Json::array();
  for (const auto& w : open) {
    if (w.unit.empty() || !UnitOwns(w.unit, unit)) continue;
    out.push_back(Json::parse(warning::WarningJson(w)));
  }
  return out;
}

// The unit's key projects of `year` that are not done.
StatusOr<Json> ProjectsToReport(const Call& c, const UnitNames& unit, int year,
                                const std::string& today) {
  ECOCIV_ASSIGN_OR_RETURN(auto projects, indicators::ListProjects(c.db, year, today));
  Json out = Json::array();
  for (const auto& p : projects) {
    if (!UnitOwns(p.unit, unit) || p.status == "done") continue;
    out.push_back({{"code", p.code},
                   {"name", p.name},
                   {"progress", p.progress},
                   {"status", p.status},
                   {"overdue", p.overdue}});
  }
  return out;
}

StatusOr<HttpResponse> MyTasks(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, indicators::DefaultValueYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.Query("year"), fallback));
  const std::string today = store::BeijingToday();
  const std::string& unit_name = c.session->user.unit;
  Json out = {{"year", year}, {"today", today}, {"unit", unit_name}};
  if (unit_name.empty()) {
    out["values"] = out["warnings"] = out["projects"] = Json::array();
    return JsonResponse(out);
  }
  ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, unit_name));
  ECOCIV_ASSIGN_OR_RETURN(out["values"], ValuesToEnter(data, c, unit, year));
  ECOCIV_ASSIGN_OR_RETURN(out["warnings"], WarningsAssigned(c, unit));
  ECOCIV_ASSIGN_OR_RETURN(out["projects"], ProjectsToReport(c, unit, year, today));
  return JsonResponse(out);
}

}  // namespace

void RegisterTaskRoutes(RouteRegistry& routes, ApiContext& ctx) {
  // The data service, looked up per call: the route-listing probe has none.
  routes.Add("GET", "/api/v1/me/tasks", kReporters,
             [&ctx](Call& c) { return MyTasks(*ctx.data, c); });
}

}  // namespace ecociv::server
