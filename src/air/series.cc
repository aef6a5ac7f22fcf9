#include "ecociv/air/series.h"

#include <numeric>

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

StatusOr<HourlySeries> SeriesOfCity(const AirDataset& data, const std::string& city,
                                    const AssessmentRules& rules) {
  std::vector<int> members = StationsOfCity(data, city, rules);
  if (members.empty()) {
    return NotFoundError("no station belongs to city " + QuoteForMessage(city) +
                         " (a station list with a city column gives stations their city)");
  }
  HourlySeries out;
  out.id = city;
  out.name = city;
  out.city = city;
  out.is_city = true;
  out.station_count = static_cast<int>(members.size());
  out.first_label = data.first_label();
  out.hours = data.hour_count();
  const int n = static_cast<int>(members.size());
  // Minimum stations per hour: ceil(share × n), at least one.
  int64_t min_stations =
      std::max<int64_t>(1, Ceil(rules.city_min_station_share * Ratio::Integer(n)));
  for (int p = 0; p < kPollutantCount; ++p) {
    std::vector<int128> sums(out.hours, 0);
    std::vector<int> counts(out.hours, 0);
    for (int member : members) {
      const std::vector<int32_t>& values = data.stations()[member].values[p];
      for (int32_t h = 0; h < out.hours; ++h) {
        if (values[h] < 0) continue;
        sums[h] += values[h];
        ++counts[h];
      }
    }
    // One denominator for the column: 10^4 × lcm of the counts that occur.
    ECOCIV_ASSIGN_OR_RETURN(int128 lcm, LcmOfCounts(counts, min_stations, city));
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

}  // namespace ecociv::air
