// The daily report: for each calendar day (hours 01..24, see civil_time.h) the
// 24-h means (≥ 20 valid hours), the O3 daily maximum 1-h value, the O3 MDA8
// (8-h moving averages of ≥ 6 valid hours ending at 08..24, with the HJ 663
// window-count rule), and the daily IAQI/AQI per the edition in force.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "ecociv/air/iaqi.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"

namespace ecociv::air {

struct DailyRecord {
  DayNumber day = 0;
  const AqiEdition* edition = nullptr;
  const LimitsEdition* limits = nullptr;
  // Exact daily values per indicator: 24-h means for SO2, NO2, CO, PM10,
  // PM2.5; the daily max 1-h value for O3_1h; MDA8 for O3_8h.
  std::array<std::optional<Ratio>, kIndicatorCount> value;
  std::array<uint8_t, kIndicatorCount> count{};  // valid hours (MDA8: valid windows)
  AqiResult aqi;
};

// One record per calendar day touched by the series' grid.
StatusOr<std::vector<DailyRecord>> ComputeDaily(const HourlySeries& series,
                                                const AirStandards& standards,
                                                const std::string& forced_edition);

// City daily records as the mean of station daily values (the "daily" city
// averaging option): each indicator's city value is the mean of the stations'
// valid daily values, then the daily AQI rules apply.
StatusOr<std::vector<DailyRecord>> CityDailyFromStations(
    const std::vector<std::vector<DailyRecord>>& stations, const AirStandards& standards,
    const std::string& forced_edition);

// Daily records of a station series, or of a city series by the rules'
// averaging option: the daily values of the city's hourly means, or (when
// city_average_hourly is false) the mean of its stations' daily values.
StatusOr<std::vector<DailyRecord>> DailyOfSeries(const AirDataset& data, const HourlySeries& series,
                                                 const AirStandards& standards,
                                                 const std::string& forced_edition);

// Scores one day from its daily values (d->value filled, d->edition set):
// the daily IAQIs per the edition's [daily] section, the table-end rules and
// the AQI. `not_monitored` lists indicators exempt as "not in the plan".
void ScoreDailyValues(const AqiEdition& edition, IndicatorMask not_monitored, DailyRecord* d);

// A daily value as published: rounded (GB/T 8170) to the pollutant's decimals.
Ratio PublishedDailyValue(Indicator indicator, const Ratio& value);

}  // namespace ecociv::air
