// Water periods as data: the flood season (汛期) of each city and campaigns
// (专项行动, e.g. 秋冬季“保Ⅲ消劣”) with their dates, baseline and sections,
// from config/water-periods.toml (compiled in) or a file of the same shape.
// A period may tighten the notice rules of the water warning rule sets while
// it lasts (`notice = [...]`: the parameters an evaluation uses instead of
// the rule's, for the rules of the same kind and basis).
// docs/water.md, "Periods: flood season and campaigns", "Periods tighten".
//
// Thread safety: pure functions; the built-in set is read once.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::water {

// What a period changes in the notice rules of its kind and basis (0: the
// rule's own value). Ranges as in the rule files: share_percent 1..100,
// min_samples 1..1000, samples 3..60, within_months 1..24.
struct NoticeOverride {
  std::string kind;   // "approaching_limit" or "rising_trend"
  std::string basis;  // approaching_limit: "sample", "month_mean" or "ytd_mean"
  int share_percent = 0, min_samples = 0;  // approaching_limit
  int samples = 0, within_months = 0;      // rising_trend
};

struct FloodSeason {
  std::string city, city_en;
  std::string name = "汛期", name_en = "flood season";
  int from_month = 0, from_day = 0, to_month = 0, to_day = 0;  // inclusive, every year
  std::vector<NoticeOverride> notice;  // for every section evaluated (the city's)
};

struct Campaign {
  std::string id, name, name_en;
  DayNumber from = 0, to = 0;                    // inclusive
  DayNumber baseline_from = 0, baseline_to = 0;  // inclusive, the "before" period
  std::vector<std::string> sections;             // section codes, in the order written
  std::vector<NoticeOverride> notice;            // for its sections, while it lasts
};

// The period whose notice overrides hold for `section` on `day`: a campaign
// covering the section and the day first (the first in the file), else a
// flood season holding the day; nullptr when none has overrides.
struct ActivePeriod {
  std::string name, name_en;
  const std::vector<NoticeOverride>* notice = nullptr;
};

struct WaterPeriods {
  std::vector<FloodSeason> flood_seasons;
  std::vector<Campaign> campaigns;
  // The campaign `id`, or NotFound naming the ids there are.
  StatusOr<const Campaign*> FindCampaign(const std::string& id) const;
  // The period tightening the notice rules of `section` on `day` (above);
  // `notice` is nullptr when none does.
  ActivePeriod NoticePeriod(const std::string& section, DayNumber day) const;
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
