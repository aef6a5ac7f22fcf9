// Canonical encodings of stored rows (internal): what a row fingerprint is
// computed over. Import and verify must agree byte for byte, so both use
// these functions. Thread-safe (pure functions).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace ecociv::store {

struct StationRow {
  int64_t id = 0;
  std::string code, name, city, longitude, latitude, type;
  bool background = false;
  int64_t batch_id = 0;
};

// One stored air hour: the six pollutants in air::Pollutant order, scaled by
// 10^4; nullopt = missing.
using AirValues = std::array<std::optional<int64_t>, 6>;

// F(code) F(name) F(city) F(lon) F(lat) F(background 0/1) F(type).
std::string StationCanonical(const StationRow& station);
// F(station code) F(label) F(so2) … F(pm25), a missing value as F("").
std::string AirRowCanonical(const std::string& station_code, int64_t label,
                            const AirValues& values);

}  // namespace ecociv::store
