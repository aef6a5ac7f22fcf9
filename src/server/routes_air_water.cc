// Routes of the monitoring figures: the overview, stations and their hourly
// and daily series, the air assessment and target progress, water sections,
// classes and assessment. Results come from the DataService (computed once
// per data version). A unit reporter sees its own unit's stations and
// sections only (others filtered out or refused), never a city; a user of a
// region sees that region's (region_scope.h).
#include <algorithm>

#include "ecociv/core/message_text.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// Whether the caller may see station or section `code` ("station" / "section")
// within its region `scope`.
StatusOr<bool> MaySee(const Call& c, const RegionScope& scope, const std::string& kind,
                      const std::string& code) {
  if (!(kind == "station" ? scope.SeesStation(code) : scope.SeesSection(code))) return false;
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(auto codes, UnitAssets(c.db, c.session->user.unit, kind));
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// "auto" and "" both let the data service pick the edition by date.
std::string StandardParameter(const Call& c) {
  std::string standard = c.Query("standard");
  return standard == "auto" ? "" : standard;
}

// The overview as a region's user sees it: its stations, sections and cities.
Json ScopedOverview(const Json& overview, const RegionScope& scope) {
  Json out = overview;
  out["stations"] = Scoped(out["stations"], "id", [&](const std::string& id) {
    return scope.SeesAirId(id);
  });
  out["sections"] = Scoped(out["sections"], "section", [&](const std::string& code) {
    return scope.SeesSection(code);
  });
  if (out.contains("year")) {
    out["year"]["cities"] = Scoped(out["year"]["cities"], "id", [&](const std::string& id) {
      return scope.SeesCity(id);
    });
  }
  // The targets are the store's city's: shown only to whom sees that city.
  if (out.contains("air_targets") && out["air_targets"].is_object() &&
      !(out["air_targets"].contains("city") && out["air_targets"]["city"].is_string() &&
        scope.SeesCity(out["air_targets"]["city"].get<std::string>()))) {
    out.erase("air_targets");
  }
  return out;
}

StatusOr<HttpResponse> Overview(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t version, DataVersionOf(c));
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.CurrentAt(c.db, version));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r, data.Overview(*snap, c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (scope.whole_store()) return BodyResponse(r->body);
  // The region's view, made once per data version: a county's users ask for
  // it on every page load.
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr scoped, data.Derived(*snap, "overview|" + scope.region(),
                                     [&]() -> StatusOr<Json> { return ScopedOverview(r->json, scope); }));
  return BodyResponse(scoped->body);
}

StatusOr<HttpResponse> Stations(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  Json all = data.Stations(*snap), out = Json::array();
  for (const Json& s : all) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, scope, "station", s["code"]));
    if (see) out.push_back(s);
  }
  Json cities = Json::array();
  if (!c.IsReporter()) {
    for (const Json& s : all)
      if (std::find(cities.begin(), cities.end(), s["city"]) == cities.end() &&
          scope.SeesCity(s["city"]))
        cities.push_back(s["city"]);
  }
  return JsonResponse({{"stations", out},
                       {"cities", cities},
                       {"first_day", data.FirstDay(*snap)},
                       {"last_day", data.LastDay(*snap)}});
}

// The hourly or daily series of a station or a city (query `id`).
StatusOr<HttpResponse> Series(DataService& data, Call& c, bool hourly) {
  std::string id = c.Query("id");
  if (id.empty()) return InvalidArgumentError("id (a station code or city) is required");
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  std::string kind = data.KindOf(*snap, id);
  if (kind.empty()) return NotFoundError("no station or city " + QuoteForMessage(id));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!(kind == "city" ? scope.SeesCity(id) : scope.SeesStation(id))) {
    return scope.Outside(kind + " " + QuoteForMessage(id));
  }
  if (c.IsReporter()) {
    if (kind == "city") return Denied("a unit reporter sees its own stations only");
    ECOCIV_ASSIGN_OR_RETURN(bool ok, MaySee(c, scope, "station", id));
    if (!ok) return Denied("station " + id + " belongs to another unit");
  }
  std::string standard = StandardParameter(c);
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr rows, hourly ? data.Hourly(*snap, id, c.Query("from"), c.Query("to"), standard)
                             : data.Daily(*snap, id, c.Query("from"), c.Query("to"), standard));
  return BodyResponse("{\"id\":" + Json(id).dump() + ",\"kind\":\"" + kind +
                      "\",\"rows\":" + rows->body + "}");
}

StatusOr<HttpResponse> AirAssessment(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  std::string area = c.Query("class");
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r,
                          data.Assessment(*snap, c.Query("from"), c.Query("to"),
                                          StandardParameter(c), area.empty() ? "2" : area));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (scope.whole_store()) return BodyResponse(r->body);
  Json out = r->json;
  for (const char* part : {"stations", "cities"}) {
    if (out.contains(part)) {
      out[part] = Scoped(out[part], "id", [&](const std::string& id) {
        return scope.SeesAirId(id);
      });
    }
  }
  return JsonResponse(out);
}

StatusOr<HttpResponse> AirTargets(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr r, data.AirTargets(*snap, TargetQuery{c.Query("city"), c.Query("year"),
                                                      c.Query("as_of"), c.Query("pm25"),
                                                      c.Query("good_day_ratio"),
                                                      c.Query("composite")}));
  if (!scope.whole_store()) {
    const Json& city = r->json.contains("city") ? r->json["city"] : Json();
    if (!city.is_string() || !scope.SeesCity(city.get<std::string>()))
      return scope.Outside("the targets' city");
  }
  return BodyResponse(r->body);
}

StatusOr<HttpResponse> WaterSections(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  Json out = Json::array();
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  for (const Json& s : data.Sections(*snap)) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, scope, "section", s["code"]));
    if (see) out.push_back(s);
  }
  return JsonResponse({{"sections", out}});
}

StatusOr<HttpResponse> WaterClasses(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr rows, data.WaterClasses(*snap, c.Query("from"), c.Query("to"), c.Query("period")));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!c.IsReporter() && scope.whole_store()) return BodyResponse("{\"rows\":" + rows->body + "}");
  Json out = Json::array();
  for (const Json& r : rows->json) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, scope, "section", r["section"]));
    if (see) out.push_back(r);
  }
  return JsonResponse({{"rows", out}});
}

// A region's user gets the assessment of its region's sections: the same
// engine and shape, the shares over those sections.
StatusOr<HttpResponse> WaterAssessment(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.whole_store()) {
    std::set<std::string> sections;
    for (const Json& s : data.Sections(*snap))
      if (scope.SeesSection(s["code"])) sections.insert(s["code"].get<std::string>());
    ECOCIV_ASSIGN_OR_RETURN(
        ResultPtr r,
        data.WaterAssessmentOf(*snap, c.Query("from"), c.Query("to"), scope.region(), sections));
    return BodyResponse(r->body);
  }
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r, data.WaterAssessment(*snap, c.Query("from"), c.Query("to")));
  return BodyResponse(r->body);
}

// Each section's progress towards its target is its own (its samples
// against its target class): a region's user gets the rows of its region's
// sections, the same figures as the whole store's page shows for them.
StatusOr<HttpResponse> WaterAllowance(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r,
                          data.WaterAllowance(*snap, c.Query("year"), c.Query("as_of")));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (scope.whole_store()) return BodyResponse(r->body);
  Json out = r->json;
  out["sections"] = Scoped(r->json["sections"], "section",
                           [&](const std::string& code) { return scope.SeesSection(code); });
  return JsonResponse(out);
}

}  // namespace

void RegisterAirWaterRoutes(RouteRegistry& routes, ApiContext& ctx) {
  // The data service, looked up per call: the route-listing probe has none.
  auto with_data = [&ctx](StatusOr<HttpResponse> (*handler)(DataService&, Call&)) -> Handler {
    return [&ctx, handler](Call& c) { return handler(*ctx.data, c); };
  };
  routes.Add("GET", "/api/v1/overview", kReaders, with_data(Overview));
  routes.Add("GET", "/api/v1/stations", kAnyone, with_data(Stations));
  routes.Add("GET", "/api/v1/air/hourly", kAnyone,
             [&ctx](Call& c) { return Series(*ctx.data, c, /*hourly=*/true); });
  routes.Add("GET", "/api/v1/air/daily", kAnyone,
             [&ctx](Call& c) { return Series(*ctx.data, c, /*hourly=*/false); });
  routes.Add("GET", "/api/v1/air/assessment", kReaders, with_data(AirAssessment));
  routes.Add("GET", "/api/v1/air/targets", kReaders, with_data(AirTargets));
  routes.Add("GET", "/api/v1/water/sections", kAnyone, with_data(WaterSections));
  routes.Add("GET", "/api/v1/water/classes", kAnyone, with_data(WaterClasses));
  routes.Add("GET", "/api/v1/water/assessment", kReaders, with_data(WaterAssessment));
  routes.Add("GET", "/api/v1/water/allowance", kReaders, with_data(WaterAllowance));
}

}  // namespace ecociv::server
