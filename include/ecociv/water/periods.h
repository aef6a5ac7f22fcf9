// Water periods as data: the flood season (汛期) of each city and campaigns
// (专项行动, e.g. 秋冬季“保Ⅲ消劣”) with their dates, baseline and sections,
// from config/water-periods.toml (compiled in) or a file of the same shape.
// docs/water.md, "Periods: flood season and campaigns".
//
// Thread safety: pure functions; the built-in set is read once.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::water {

struct FloodSeason {
  std::string city, city_en;
  int from_month = 0, from_day = 0, to_month = 0, to_day = 0;  // inclusive, every year
};

struct Campaign {
  std::string id, name, name_en;
  DayNumber from = 0, to = 0;                    // inclusive
  DayNumber baseline_from = 0, baseline_to = 0;  // inclusive, the "before" period
  std::vector<std::string> sections;             // section codes, in the order written
};

struct WaterPeriods {
  std::vector<FloodSeason> flood_seasons;
  std::vector<Campaign> campaigns;
  // The campaign `id`, or NotFound naming the ids there are.
  StatusOr<const Campaign*> FindCampaign(const std::string& id) const;
};

// Parses the TOML text; errors name `source`, the line and the field.
StatusOr<WaterPeriods> ParseWaterPeriods(std::string_view toml_text, std::string_view source);
// The file at `path`, or the built-in config/water-periods.toml when empty.
StatusOr<WaterPeriods> LoadWaterPeriods(const std::string& path);

// Whether `day` is in the flood season `season` of its year.
bool InFloodSeason(const FloodSeason& season, DayNumber day);
// Days of [first, last] inside the flood season.
int FloodSeasonDays(const FloodSeason& season, DayNumber first, DayNumber last);

// The periods as JSON (`ecociv water periods --format json`, GET /water/periods).
std::string WaterPeriodsJson(const WaterPeriods& periods);
// As text, Chinese first.
std::string WaterPeriodsText(const WaterPeriods& periods);

}  // namespace ecociv::water
