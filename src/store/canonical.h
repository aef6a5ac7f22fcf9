// Canonical encodings of stored rows (internal): what a row fingerprint is
// computed over, and the mapping of air values to database columns. Import,
// load and verify must agree byte for byte, so all use these functions.
// Thread-safe (pure functions).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ecociv/air/dataset.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct StationRow {
  int64_t id = 0;
  std::string code, name, city, longitude, latitude, type;
  bool background = false;
  int64_t batch_id = 0;
  // The region an import gives the station ("" = leave it as it is) and the
  // file:line it came from; not part of the row's fingerprint.
  std::string region, where;
};

// One station-hour: the six pollutants in air::Pollutant order, scaled by
// 10^4, with the dataset's sentinels air::kMissing and air::kNotMonitored.
using AirValues = std::array<int32_t, air::kPollutantCount>;

bool AllMissing(const AirValues& values);
// The station-hour at `index` of `series` (a pollutant without values: missing).
AirValues ValuesAt(const air::StationSeries& series, int32_t index);

// A scaled integer without trailing zeros: FormatShortest(123400, 4) = "12.34".
std::string FormatShortest(int64_t value, int decimals);

// Binds the six value columns and the not_monitored mask at first_index..+6.
void BindAirValues(Statement* stmt, int first_index, const AirValues& values);
// Reads six value columns and the mask starting at first_index.
AirValues ColumnAirValues(const Statement& stmt, int first_index);

struct SectionRow {
  int64_t id = 0;
  std::string code, name, river, basin, type, level, chief;
  // Schema 9: `;`-joined categories and the structured chief.
  std::string categories, chief_name, chief_post, chief_unit;
  int64_t target_class = 3;
  int64_t batch_id = 0;
  bool drinking_source = false;
};

// One stored water sample.
struct WaterRow {
  int64_t section_id = 0;
  int64_t day = 0;
  std::string item;  // item id, "nh3n"
  int64_t value = 0;
  bool below_detection = false;
  bool limit_known = true;
  int64_t batch_id = 0;
  std::string flag;  // an HJ 212 data flag other than N, or "" (schema 8)
};

// F(code) F(name) F(river) F(basin) F(type) F(target class) F(level) F(chief),
// then F("drinking_source") for a source (schema 5), then, when any of them
// is set (schema 9), F("sections-9") F(categories) F(chief name) F(chief post)
// F(chief unit): rows stored before keep their fingerprints.
std::string SectionCanonical(const SectionRow& section);
// F(section code) F(day) F(item) F(value) F(below 0/1) F(limit known 0/1),
// then F(flag) when the sample has one (schema 8).
std::string WaterRowCanonical(const std::string& section_code, const WaterRow& row);
// The fingerprint key of a water row: (section id, day << 32 | first 4 bytes
// of SHA-256(item id)), independent of the order of items in the rules.
std::pair<int64_t, int64_t> WaterRowKey(const WaterRow& row);

// F(code) F(name) F(city) F(lon) F(lat) F(background 0/1) F(type), where
// F(x) = "<length>:<x>,".
std::string StationCanonical(const StationRow& station);
// F(station code) F(label) F(so2) … F(pm25): a value as its scaled integer,
// missing as F(""), not monitored as F("/"); then F(flags) when the row has
// data flags (schema 8: one letter per pollutant, AirFlagsText), so rows
// without flags keep their earlier fingerprints.
std::string AirRowCanonical(const std::string& station_code, int64_t label,
                            const AirValues& values, std::string_view flags = {});
// The same into *out (cleared first): a caller encoding a million rows reuses
// one buffer.
void AirRowCanonicalTo(std::string_view station_code, int64_t label, const AirValues& values,
                       std::string_view flags, std::string* out);

// The stored flags text of a row: "" when every flag is normal ('N') or
// absent (0), else one letter per pollutant with 'N' for normal or absent.
using AirFlags = std::array<char, air::kPollutantCount>;
std::string AirFlagsText(const AirFlags& flags);
// True when pollutant p's value carries a flag other than 'N' in `flags`
// (a stored flags text, possibly "").
inline bool AirValueFlagged(std::string_view flags, int p) {
  return flags.size() > static_cast<size_t>(p) && flags[p] != 'N';
}

}  // namespace ecociv::store
