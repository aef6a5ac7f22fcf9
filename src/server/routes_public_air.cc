// The public page's current air quality, without a login: each station's
// latest AQI with its level, colour and primary pollutants, the health effects
// and advice of its level and the sensitive groups of a primary pollutant above
// 100 (air/health_advice.h), and the city boundary of the map layer — only its
// areas, not the points that place water sections.
#include <algorithm>
#include <sstream>

#include "ecociv/air/health_advice.h"
#include "ecociv/air/iaqi.h"
#include "ecociv/store/map_layer.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// "PM2.5,O3" → the groups of each, in both languages, without repeats.
Json SensitiveGroups(const air::HealthAdvice& advice, const std::string& primary) {
  Json zh = Json::array(), en = Json::array();
  std::stringstream names(primary);
  std::string name;
  while (std::getline(names, name, ',')) {
    auto g = advice.groups.find(name);
    if (g == advice.groups.end()) continue;
    if (std::find(zh.begin(), zh.end(), g->second[0]) == zh.end()) {
      zh.push_back(g->second[0]);
      en.push_back(g->second[1]);
    }
  }
  return {{"zh", zh}, {"en", en}};
}

Json AdviceOf(const air::HealthAdvice& advice, const Json& station) {
  if (!station.contains("aqi") || !station["aqi"].is_number_integer()) return nullptr;
  const int aqi = station["aqi"].get<int>();
  const int n = air::LevelOf(aqi).level;
  const air::LevelAdvice& a = advice.levels[n - 1];
  Json out = {{"effect", {{"zh", a.effect_zh}, {"en", a.effect_en}}},
              {"advice", {{"zh", a.advice_zh}, {"en", a.advice_en}}}};
  // A primary pollutant's index equals the AQI, so above 100 its groups apply.
  if (aqi > 100 && station.contains("primary") && station["primary"].is_string()) {
    out["sensitive_groups"] = SensitiveGroups(advice, station["primary"].get<std::string>());
  }
  return out;
}

// The areas of the uploaded map layer (its points place water sections).
StatusOr<Json> BoundaryOnly(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(std::optional<std::string> layer, store::ReadMapLayer(db));
  if (!layer) return Json(nullptr);
  Json doc = Json::parse(*layer);
  Json areas = Json::array();
  for (const Json& f : doc["features"]) {
    const std::string type = f["geometry"].value("type", "");
    if (type == "Polygon" || type == "MultiPolygon") areas.push_back(f);
  }
  return Json{{"type", "FeatureCollection"}, {"features", areas}};
}

StatusOr<HttpResponse> AirNow(DataService& data, Call& c) {
  const air::HealthAdvice& advice = air::BuiltInHealthAdvice();
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr overview, data.Overview(*snap, c.db));
  Json stations = Json::array();
  for (const Json& s : data.Stations(*snap)) {
    Json row = {{"code", s["code"]},
                {"name", s["name"]},
                {"longitude", s["longitude"]},
                {"latitude", s["latitude"]}};
    for (const Json& latest : overview->json["stations"]) {
      if (latest["id"] != s["code"]) continue;
      for (const char* key : {"aqi", "level", "time", "primary"}) {
        if (latest.contains(key)) row[key] = latest[key];
      }
      row["health"] = AdviceOf(advice, latest);
    }
    stations.push_back(std::move(row));
  }
  ECOCIV_ASSIGN_OR_RETURN(Json boundary, BoundaryOnly(c.db));
  return JsonResponse({{"stations", stations},
                       {"boundary", boundary},
                       {"advice_source", {{"zh", advice.title_zh}, {"en", advice.title_en}}}});
}

}  // namespace

void RegisterPublicAirRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/public/air/now", kPublic,
             [&ctx](Call& c) { return AirNow(*ctx.data, c); });
}

}  // namespace ecociv::server
