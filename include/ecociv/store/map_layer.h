// The city's map layer: a GeoJSON FeatureCollection the administrator uploads, with the
// city's boundary (Polygon or MultiPolygon features) and, optionally, Point features that
// place water sections (property "section": the section code) — the store keeps no
// coordinates for sections, stations carry theirs. Stored whole in the settings table
// (key "map.layer") with a change-record entry; the web map draws it offline.
//
// Checks (CheckMapLayer): at most kMaxMapLayerBytes, valid JSON, a FeatureCollection (a
// lone Feature or geometry is wrapped), at least one polygon, every position
// [longitude, latitude] within range, every ring closed with at least four positions, at
// most kMaxMapPositions positions, point features naming a section. Errors name the
// feature (by index) and what is wrong.
//
// Thread safety: functions take a Database that the caller owns exclusively.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

inline constexpr size_t kMaxMapLayerBytes = 4 << 20;
inline constexpr size_t kMaxMapPositions = 200000;

// The layer checked and normalised to a FeatureCollection (compact JSON).
StatusOr<std::string> CheckMapLayer(std::string_view text);

// Checks and stores the layer (replacing any earlier one) with a change-record entry
// "map.layer" whose payload is the layer's SHA-256.
Status StoreMapLayer(Database* db, std::string_view text, const Actor& actor);

// The stored layer, or nothing when none was uploaded.
StatusOr<std::optional<std::string>> ReadMapLayer(Database* db);

}  // namespace ecociv::store
