// Routes of the monitoring figures: the overview, stations and their hourly
// and daily series, the air assessment and target progress, water sections,
// classes and assessment. Results come from the DataService (computed once
// per data version). A unit reporter sees its own unit's stations and
// sections only (others filtered out or refused), never a city.
#include <algorithm>

#include "ecociv/core/message_text.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// Whether the caller may see station or section `code` ("station" / "section").
StatusOr<bool> MaySee(const Call& c, const std::string& kind, const std::string& code) {
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(auto codes, UnitAssets(c.db, c.session->user.unit, kind));
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// "auto" and "" both let the data service pick the edition by date.
std::string StandardParameter(const Call& c) {
  std::string standard = c.Query("standard");
  return standard == "auto" ? "" : standard;
}

StatusOr<HttpResponse> Overview(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r, data.Overview(*snap, c.db));
  return BodyResponse(r->body);
}

StatusOr<HttpResponse> Stations(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  Json all = data.Stations(*snap), out = Json::array();
  for (const Json& s : all) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "station", s["code"]));
    if (see) out.push_back(s);
  }
  Json cities = Json::array();
  if (!c.IsReporter()) {
    for (const Json& s : all)
      if (std::find(cities.begin(), cities.end(), s["city"]) == cities.end())
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
  if (c.IsReporter()) {
    if (kind == "city") return Denied("a unit reporter sees its own stations only");
    ECOCIV_ASSIGN_OR_RETURN(bool ok, MaySee(c, "station", id));
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
  return BodyResponse(r->body);
}

StatusOr<HttpResponse> AirTargets(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr r, data.AirTargets(*snap, TargetQuery{c.Query("city"), c.Query("year"),
                                                      c.Query("as_of"), c.Query("pm25"),
                                                      c.Query("good_day_ratio"),
                                                      c.Query("composite")}));
  return BodyResponse(r->body);
}

StatusOr<HttpResponse> WaterSections(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  Json out = Json::array();
  for (const Json& s : data.Sections(*snap)) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "section", s["code"]));
    if (see) out.push_back(s);
  }
  return JsonResponse({{"sections", out}});
}

StatusOr<HttpResponse> WaterClasses(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr rows, data.WaterClasses(*snap, c.Query("from"), c.Query("to"), c.Query("period")));
  if (!c.IsReporter()) return BodyResponse("{\"rows\":" + rows->body + "}");
  Json out = Json::array();
  for (const Json& r : rows->json) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "section", r["section"]));
    if (see) out.push_back(r);
  }
  return JsonResponse({{"rows", out}});
}

StatusOr<HttpResponse> WaterAssessment(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r, data.WaterAssessment(*snap, c.Query("from"), c.Query("to")));
  return BodyResponse(r->body);
}

StatusOr<HttpResponse> WaterAllowance(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr r,
                          data.WaterAllowance(*snap, c.Query("year"), c.Query("as_of")));
  return BodyResponse(r->body);
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
