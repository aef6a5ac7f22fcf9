// Period assessment (HJ 663, GB 3095): for a month, quarter, year or any range
// of days, from daily records: valid days, good days and their ratio, days per
// AQI level, heavy-pollution days, per-pollutant mean and percentile with
// compliance against the class I or II limits in force, exceedance days, the
// composite index, data-capture validity, and the change against the same
// period a year earlier when the records cover it.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/daily.h"
#include "ecociv/air/standards.h"

namespace ecociv::air {

struct PeriodOptions {
  DayNumber from = 0;          // inclusive
  DayNumber to = 0;            // inclusive
  int area_class = 2;          // GB 3095 class I or II area
  std::string forced_edition;  // "" or "auto": limits by date
  // Dust days (扣沙, option `--dust-days`; UNVERIFIED, standards.md §3.6): days
  // an authority designated as affected by a sand-dust process. Their PM10
  // and PM2.5 values leave the means, percentiles, exceedance counts and the
  // composite index; the good-day, heavy-pollution and level counts keep them,
  // as do the data-capture checks (the days were monitored). Sorted or not.
  std::vector<DayNumber> dust_days;
};

struct PollutantAssessment {
  Pollutant pollutant = Pollutant::kSO2;
  int valid_days = 0;
  bool enough_data = false;                 // the GB 3095 Table 4 data-capture rule
  std::optional<Ratio> mean;                // mean of daily values (O3: of MDA8)
  int percentile_rank = 0;                  // 98, 95 or 90
  std::optional<Ratio> percentile;          // of daily values (O3: of MDA8)
  std::optional<int64_t> mean_limit;        // scaled; annual limit, if any
  std::optional<int64_t> percentile_limit;  // scaled; 24-h (O3: MDA8) limit
  std::optional<bool> compliant;            // empty when there is no data
  int exceedance_days = 0;                  // daily value above the 24-h (MDA8) limit
};

struct PeriodAssessment {
  std::string id, name;
  bool is_city = false;
  DayNumber from = 0, to = 0;
  int days_in_period = 0;
  int days_valid = 0;  // days with a published (non-NA) AQI
  int good_days = 0;
  std::optional<Ratio> good_day_ratio;  // percent
  int heavy_pollution_days = 0;
  std::array<int, 6> days_by_level{};
  std::array<PollutantAssessment, kPollutantCount> pollutants;
  std::optional<Ratio> composite_index;
  std::string composite_profile;
  std::string limits_edition, limits_stage;
  int area_class = 2;
  std::vector<std::string> notes;  // data-capture shortfalls, edition mixes
};

// Assesses [options.from, options.to] from `days` (any order; days outside the
// range are ignored).
StatusOr<PeriodAssessment> AssessPeriod(const std::vector<DailyRecord>& days,
                                        const AirStandards& standards,
                                        const PeriodOptions& options);

// HJ 663 percentile: sort ascending, k = 1 + (n − 1)·p/100, linear
// interpolation between X(s) and X(s+1). Exact. `values` must not be empty.
Ratio Percentile(std::vector<Ratio> values, int p);

struct PeriodChange {
  std::optional<Ratio> composite_index_percent;  // (now − before)/before × 100
  std::optional<Ratio> good_day_ratio_points;    // now − before, percentage points
  std::optional<Ratio> pm25_mean_percent;
};

// A change too large for exact arithmetic (exact.h) is left empty, like one
// without data.
PeriodChange CompareWithEarlier(const PeriodAssessment& now, const PeriodAssessment& before);

}  // namespace ecociv::air
