// Routes of the map: the city's map layer (the boundary the administrator uploads and the
// points that place water sections) with every station's current AQI and every section's
// latest monthly class, for the web map; and the upload of the layer (checked whole, see
// store/map_layer.h). A unit reporter sees its own unit's stations and sections only,
// a region's user those of its region (region_scope.h); the layer is the store's.
#include <algorithm>

#include "ecociv/store/map_layer.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

StatusOr<bool> MaySee(const Call& c, const RegionScope& scope, const std::string& kind,
                      const std::string& code) {
  if (!(kind == "station" ? scope.SeesStation(code) : scope.SeesSection(code))) return false;
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(auto codes, UnitAssets(c.db, c.session->user.unit, kind));
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

StatusOr<HttpResponse> MapData(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr overview, data.Overview(*snap, c.db));
  const Json& o = overview->json;
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  Json stations = Json::array();
  for (const Json& s : data.Stations(*snap)) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, scope, "station", s["code"]));
    if (!see) continue;
    Json row = s;
    for (const Json& latest : o["stations"]) {
      if (latest["id"] != s["code"]) continue;
      for (const char* key : {"aqi", "level", "time", "primary"}) {
        if (latest.contains(key)) row[key] = latest[key];
      }
    }
    stations.push_back(std::move(row));
  }
  Json sections = Json::array();
  for (const Json& s : o["sections"]) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, scope, "section", s["section"]));
    if (see) sections.push_back(s);
  }
  ECOCIV_ASSIGN_OR_RETURN(std::optional<std::string> layer, store::ReadMapLayer(c.db));
  return JsonResponse({{"layer", layer ? Json::parse(*layer) : Json(nullptr)},
                       {"stations", stations},
                       {"sections", sections},
                       {"water_month", o.value("water_month", "")}});
}

StatusOr<HttpResponse> PutMap(Call& c) {
  ECOCIV_RETURN_IF_ERROR(store::StoreMapLayer(
      c.db, c.request.body,
      c.Actor(c.Query("why").empty() ? "map layer uploaded" : c.Query("why"))));
  ECOCIV_ASSIGN_OR_RETURN(std::optional<std::string> layer, store::ReadMapLayer(c.db));
  Json doc = Json::parse(*layer);
  return JsonResponse({{"features", doc["features"].size()}, {"bytes", layer->size()}});
}

}  // namespace

void RegisterMapRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/map", kAnyone, [&ctx](Call& c) { return MapData(*ctx.data, c); });
  routes.Add("PUT", "/api/v1/map", kAdmins, PutMap,
             Upload(store::kMaxMapLayerBytes, "the map file may be at most 4 MiB"));
}

}  // namespace ecociv::server
