// The city's map layer (see map_layer.h): checked, normalised, stored whole.
#include "ecociv/store/map_layer.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "ecociv/core/message_text.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::store {
namespace {

using Json = nlohmann::json;

constexpr char kKey[] = "map.layer";

struct Counter {
  size_t positions = 0;
};

std::string Where(size_t feature) { return "feature " + std::to_string(feature + 1) + ": "; }

Status Position(const Json& p, size_t feature, Counter* n) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
    return InvalidArgumentError(Where(feature) + "a position must be [longitude, latitude]");
  }
  double lon = p[0].get<double>(), lat = p[1].get<double>();
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
      lat > 90) {
    return InvalidArgumentError(Where(feature) + "position [" + p[0].dump() + ", " + p[1].dump() +
                                "] is outside longitude -180..180, latitude -90..90");
  }
  if (++n->positions > kMaxMapPositions) {
    return InvalidArgumentError("more than " + std::to_string(kMaxMapPositions) +
                                " positions: simplify the boundary");
  }
  return Status::Ok();
}

Status Polygon(const Json& rings, size_t feature, Counter* n) {
  if (!rings.is_array() || rings.empty()) {
    return InvalidArgumentError(Where(feature) + "a polygon needs at least one ring");
  }
  for (const Json& ring : rings) {
    if (!ring.is_array() || ring.size() < 4) {
      return InvalidArgumentError(Where(feature) + "a ring needs at least 4 positions");
    }
    for (const Json& p : ring) ECOCIV_RETURN_IF_ERROR(Position(p, feature, n));
    if (ring.front() != ring.back()) {
      return InvalidArgumentError(Where(feature) + "a ring must be closed (last position = first)");
    }
  }
  return Status::Ok();
}

// One feature checked; `polygons` counts the boundary's parts.
Status Feature(const Json& f, size_t index, Counter* n, int* polygons) {
  if (!f.is_object() || f.value("type", "") != "Feature") {
    return InvalidArgumentError(Where(index) + "not a GeoJSON Feature");
  }
  auto g = f.find("geometry");
  if (g == f.end() || !g->is_object() || !g->contains("coordinates")) {
    return InvalidArgumentError(Where(index) + "no geometry with coordinates");
  }
  const std::string type = g->value("type", "");
  const Json& c = (*g)["coordinates"];
  if (type == "Polygon") {
    ++*polygons;
    return Polygon(c, index, n);
  }
  if (type == "MultiPolygon") {
    if (!c.is_array() || c.empty()) {
      return InvalidArgumentError(Where(index) + "an empty MultiPolygon");
    }
    for (const Json& poly : c) ECOCIV_RETURN_IF_ERROR(Polygon(poly, index, n));
    ++*polygons;
    return Status::Ok();
  }
  if (type == "Point") {
    // find, not operator[]: on a const object a missing key is undefined behaviour.
    auto props = f.find("properties");
    const Json* section = nullptr;
    if (props != f.end() && props->is_object()) {
      auto found = props->find("section");
      if (found != props->end()) section = &*found;
    }
    if (section == nullptr || !section->is_string() || section->get<std::string>().empty()) {
      return InvalidArgumentError(Where(index) +
                                  "a Point must name its water section (properties.section)");
    }
    return Position(c, index, n);
  }
  return InvalidArgumentError(Where(index) + "geometry " + QuoteForMessage(type) +
                              " is not Polygon, MultiPolygon or Point");
}

StatusOr<std::string> CheckLayer(std::string_view text) {
  if (text.size() > kMaxMapLayerBytes) {
    return InvalidArgumentError("the map file is " + std::to_string(text.size()) +
                                " bytes; at most " + std::to_string(kMaxMapLayerBytes) +
                                " are accepted");
  }
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgumentError("the map file is not valid JSON");
  if (!doc.is_object()) return InvalidArgumentError("the map file is not a GeoJSON object");
  const std::string type = doc.value("type", "");
  if (type == "Polygon" || type == "MultiPolygon") {
    doc = Json{{"type", "Feature"}, {"properties", Json::object()}, {"geometry", doc}};
  }
  if (doc.value("type", "") == "Feature") {
    doc = Json{{"type", "FeatureCollection"}, {"features", Json::array({doc})}};
  }
  if (doc.value("type", "") != "FeatureCollection" || !doc["features"].is_array()) {
    return InvalidArgumentError("the map file must be a GeoJSON FeatureCollection (type " +
                                QuoteForMessage(type) + ")");
  }
  Counter n;
  int polygons = 0;
  const Json& features = doc["features"];
  for (size_t i = 0; i < features.size(); ++i) {
    ECOCIV_RETURN_IF_ERROR(Feature(features[i], i, &n, &polygons));
  }
  if (polygons == 0) {
    return InvalidArgumentError("the map file has no Polygon or MultiPolygon: no boundary");
  }
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

StatusOr<std::string> CheckMapLayer(std::string_view text) {
  try {
    return CheckLayer(text);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type ("type": 3, "properties": []).
    return InvalidArgumentError("the map file is not GeoJSON (a member has the wrong type)");
  }
}

Status StoreMapLayer(Database* db, std::string_view text, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(std::string layer, CheckMapLayer(text));
  Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT OR REPLACE INTO ind_settings (key, value) VALUES (?, ?)",
                                {std::string(kKey), layer}));
  LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "map.layer";
  entry.object = kKey;
  entry.detail = std::to_string(layer.size()) + " bytes";
  entry.payload_sha256 = Sha256Hex(layer);
  ECOCIV_RETURN_IF_ERROR(AppendLogEntry(db, std::move(entry)).status());
  return tx.Commit();
}

StatusOr<std::optional<std::string>> ReadMapLayer(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      TextRows rows,
      QueryRows(db, "SELECT value FROM ind_settings WHERE key = ?", {std::string(kKey)}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0][0]);
}

}  // namespace ecociv::store
