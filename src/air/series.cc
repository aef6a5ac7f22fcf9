#include "ecociv/air/series.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "ecociv/core/message_text.h"

namespace ecociv::air {

bool HourlyColumn::MovingMean(int32_t end, int window, int min_valid, Ratio* out) const {
  int128 sum = 0;
  int count = 0;
  for (int32_t h = end - window + 1; h <= end; ++h) {
    if (h < 0 || !valid[h]) continue;
    sum += num[h];
    ++count;
  }
  if (count < min_valid || count == 0) return false;
  *out = Ratio::Unreduced(sum, den * count);
  return true;
}

HourlySeries SeriesOfStation(const AirDataset& data, int station) {
  const StationSeries& s = data.stations()[station];
  HourlySeries out;
  out.id = s.info.code;
  out.name = s.info.name;
  out.city = s.info.city;
  out.first_label = data.first_label();
  out.hours = data.hour_count();
  for (int p = 0; p < kPollutantCount; ++p) {
    HourlyColumn& column = out.columns[p];
    const std::vector<int32_t>& values = s.values[p];
    column.num.resize(out.hours);
    column.valid.resize(out.hours);
    column.not_monitored.resize(out.hours);
    for (int32_t h = 0; h < out.hours; ++h) {
      bool ok = values[h] >= 0;
      column.valid[h] = ok;
      column.not_monitored[h] = values[h] == kNotMonitored;
      column.num[h] = ok ? values[h] : 0;
    }
  }
  return out;
}

std::vector<int> StationsOfCity(const AirDataset& data, const std::string& city,
                                const AssessmentRules& rules) {
  std::vector<int> members;
  for (size_t i = 0; i < data.stations().size(); ++i) {
    const StationInfo& info = data.stations()[i].info;
    if (info.city != city) continue;
    if (rules.city_exclude_background && info.background) continue;
    members.push_back(static_cast<int>(i));
  }
  return members;
}

namespace {

// The least common multiple of the station counts of at least `min_stations`.
// It is kept below 10^18 so that window sums of the column's numerators stay
// far inside exact 128-bit arithmetic; real cities (up to 35 stations in the
// national network) need far less.
StatusOr<int128> LcmOfCounts(const std::vector<int>& counts, int64_t min_stations,
                             const std::string& city) {
  constexpr int128 kMaxLcm = static_cast<int128>(1000000000) * 1000000000;
  int128 lcm = 1;
  for (int count : counts) {
    if (count < min_stations || lcm % count == 0) continue;
    int128 a = lcm, b = count;  // Euclid: a becomes gcd(lcm, count)
    while (b != 0) {
      int128 t = a % b;
      a = b;
      b = t;
    }
    lcm = lcm / a * count;
    if (lcm > kMaxLcm) {
      return InvalidArgumentError(
          "city " + QuoteForMessage(city) +
          ": its hourly means over so many different numbers of reporting stations need a "
          "denominator beyond 10^18 to stay exact; assess fewer stations at a time");
    }
  }
  return lcm;
}

}  // namespace

CitySeriesBuilder::CitySeriesBuilder(std::string city, HourLabel first_label, int32_t hours)
    : city_(std::move(city)), first_label_(first_label), hours_(hours) {
  for (int p = 0; p < kPollutantCount; ++p) {
    sums_[p].assign(hours_, 0);
    counts_[p].assign(hours_, 0);
  }
}

void CitySeriesBuilder::Add(const HourlySeries& station) {
  ++members_;
  for (int p = 0; p < kPollutantCount; ++p) {
    const HourlyColumn& column = station.columns[p];
    int128* sums = sums_[p].data();
    int* counts = counts_[p].data();
    for (int32_t h = 0; h < hours_; ++h) {
      if (!column.valid[h]) continue;
      sums[h] += column.num[h];
      ++counts[h];
    }
  }
}

void CitySeriesBuilder::Add(const StationSeries& station) {
  ++members_;
  for (int p = 0; p < kPollutantCount; ++p) {
    const int32_t* values = station.values[p].data();
    int128* sums = sums_[p].data();
    int* counts = counts_[p].data();
    for (int32_t h = 0; h < hours_; ++h) {
      if (values[h] < 0) continue;
      sums[h] += values[h];
      ++counts[h];
    }
  }
}

StatusOr<HourlySeries> CitySeriesBuilder::Finish(const AssessmentRules& rules) const {
  if (members_ == 0) {
    return NotFoundError("no station belongs to city " + QuoteForMessage(city_) +
                         " (a station list with a city column gives stations their city)");
  }
  HourlySeries out;
  out.id = city_;
  out.name = city_;
  out.city = city_;
  out.is_city = true;
  out.station_count = members_;
  out.first_label = first_label_;
  out.hours = hours_;
  // Minimum stations per hour: ceil(share × n), at least one.
  int64_t min_stations =
      std::max<int64_t>(1, Ceil(rules.city_min_station_share * Ratio::Integer(members_)));
  for (int p = 0; p < kPollutantCount; ++p) {
    const std::vector<int128>& sums = sums_[p];
    const std::vector<int>& counts = counts_[p];
    // One denominator for the column: 10^4 × lcm of the counts that occur.
    ECOCIV_ASSIGN_OR_RETURN(int128 lcm, LcmOfCounts(counts, min_stations, city_));
    HourlyColumn& column = out.columns[p];
    column.den = lcm * kConcentrationScale;
    column.num.resize(out.hours);
    column.valid.resize(out.hours);
    for (int32_t h = 0; h < out.hours; ++h) {
      bool ok = counts[h] >= min_stations;
      column.valid[h] = ok;
      column.num[h] = ok ? sums[h] * (lcm / counts[h]) : 0;
    }
  }
  return out;
}

StatusOr<HourlySeries> SeriesOfCity(const AirDataset& data, const std::string& city,
                                    const AssessmentRules& rules) {
  CitySeriesBuilder builder(city, data.first_label(), data.hour_count());
  for (int member : StationsOfCity(data, city, rules)) builder.Add(data.stations()[member]);
  return builder.Finish(rules);
}

}  // namespace ecociv::air
