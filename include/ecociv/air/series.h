// HourlySeries: the hourly values of one station or one city, the unit every
// air computation works on. Values are exact: hour h holds num[h] / den with
// one denominator for the whole column (for a station den = 10^4; for a city
// mean over stations den = 10^4 × lcm of the station counts that occur), so
// window sums are plain integer sums and nothing is ever rounded implicitly.
//
// Thread safety: plain data; a const series may be read from many threads.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/exact.h"

namespace ecociv::air {

struct HourlyColumn {
  std::vector<int128> num;
  std::vector<uint8_t> valid;
  // 1 where the release marked the pollutant "not in the monitoring plan"
  // ("/"); empty for city series.
  std::vector<uint8_t> not_monitored;
  int128 den = kConcentrationScale;

  Ratio At(int32_t h) const { return Ratio::Unreduced(num[h], den); }
  // Mean of the valid hours in [end − window + 1, end] when at least
  // `min_valid` are valid (hours before the grid count as missing).
  bool MovingMean(int32_t end, int window, int min_valid, Ratio* out) const;
};

struct HourlySeries {
  std::string id;    // station code, or the city name for a city
  std::string name;  // station name, or the city name
  std::string city;
  bool is_city = false;
  int station_count = 1;
  HourLabel first_label = 0;
  int32_t hours = 0;
  std::array<HourlyColumn, kPollutantCount> columns;
};

HourlySeries SeriesOfStation(const AirDataset& data, int station);

// The city's hourly means over its stations (background stations left out
// when the rules say so), each hour valid when at least the rules' share of
// stations reports. NotFound when no station belongs to `city`.
StatusOr<HourlySeries> SeriesOfCity(const AirDataset& data, const std::string& city,
                                    const AssessmentRules& rules);

// A city's series built one member station at a time, so the stations of a
// city need not be held at once (`air assess` over files of any size): the
// same hourly means, validity and denominator as SeriesOfCity over the same
// members, whatever the order they are added in.
class CitySeriesBuilder {
 public:
  CitySeriesBuilder(std::string city, HourLabel first_label, int32_t hours);
  // A member's series over the same grid (a station series: den 10^4).
  void Add(const HourlySeries& station);
  void Add(const StationSeries& station);
  int members() const { return members_; }
  // NotFound when no member was added; InvalidArgument when the exact
  // denominator would pass 10^18 (as SeriesOfCity).
  StatusOr<HourlySeries> Finish(const AssessmentRules& rules) const;

 private:
  std::string city_;
  HourLabel first_label_;
  int32_t hours_;
  int members_ = 0;
  std::array<std::vector<int128>, kPollutantCount> sums_;
  std::array<std::vector<int>, kPollutantCount> counts_;
};

// Station indices of a city (after the background rule).
std::vector<int> StationsOfCity(const AirDataset& data, const std::string& city,
                                const AssessmentRules& rules);

}  // namespace ecociv::air
