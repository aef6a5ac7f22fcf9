#include "ecociv/air/daily.h"

#include "ecociv/air/hourly.h"

namespace ecociv::air {
namespace {

// Index in the series of the hour labelled `label`, or -1 outside the grid.
int32_t IndexOf(const HourlySeries& s, HourLabel label) {
  int32_t h = label - s.first_label;
  return h >= 0 && h < s.hours ? h : -1;
}

bool DayMean(const HourlySeries& s, Pollutant p, DayNumber day, int min_hours, Ratio* out,
             uint8_t* count) {
  const HourlyColumn& column = s.columns[int(p)];
  int128 sum = 0;
  int n = 0;
  for (int hour = 1; hour <= 24; ++hour) {
    int32_t h = IndexOf(s, LabelAt(day, hour));
    if (h < 0 || !column.valid[h]) continue;
    sum += column.num[h];
    ++n;
  }
  *count = static_cast<uint8_t>(n);
  if (n < min_hours || n == 0) return false;
  *out = Ratio::Unreduced(sum, column.den * n);
  return true;
}

bool DayMaxHour(const HourlySeries& s, Pollutant p, DayNumber day, int min_hours, Ratio* out,
                uint8_t* count) {
  const HourlyColumn& column = s.columns[int(p)];
  int n = 0;
  int128 best = 0;
  for (int hour = 1; hour <= 24; ++hour) {
    int32_t h = IndexOf(s, LabelAt(day, hour));
    if (h < 0 || !column.valid[h]) continue;
    if (n == 0 || column.num[h] > best) best = column.num[h];
    ++n;
  }
  *count = static_cast<uint8_t>(n);
  if (n < min_hours || n == 0) return false;
  *out = Ratio::Unreduced(best, column.den);
  return true;
}

// MDA8 over the 8-h windows ending at first_end..24; valid with enough
// windows, or with fewer when the maximum already exceeds the class II limit.
bool DayMda8(const HourlySeries& s, DayNumber day, const AssessmentRules& rules,
             const Validity& validity, int64_t exceed_limit_scaled, Ratio* out, uint8_t* count) {
  const HourlyColumn& column = s.columns[int(Pollutant::kO3)];
  int windows = 0;
  Ratio best;
  for (int end = rules.mda8_first_window_end_hour; end <= 24; ++end) {
    int32_t h = IndexOf(s, LabelAt(day, end));
    if (h < 0) continue;
    Ratio mean;
    if (!column.MovingMean(h, 8, validity.min_hours_per_8h, &mean)) continue;
    if (windows == 0 || mean > best) best = mean;
    ++windows;
  }
  *count = static_cast<uint8_t>(windows);
  if (windows == 0) return false;
  bool exceeding = rules.mda8_exceeding_valid_with_fewer &&
                   RoundHalfEven(best, 0) * kConcentrationScale > exceed_limit_scaled;
  if (windows < rules.mda8_min_windows && !exceeding) return false;
  *out = best;
  return true;
}

// Indicators whose pollutant is marked "not in the monitoring plan" in every
// hour of the day.
IndicatorMask NotMonitoredAllDay(const HourlySeries& s, DayNumber day) {
  IndicatorMask mask = 0;
  for (int i = 0; i < kIndicatorCount; ++i) {
    const HourlyColumn& column = s.columns[int(PollutantOf(Indicator(i)))];
    if (column.not_monitored.empty()) continue;
    bool all = true;
    for (int hour = 1; hour <= 24 && all; ++hour) {
      int32_t h = IndexOf(s, LabelAt(day, hour));
      all = h >= 0 && column.not_monitored[h];
    }
    if (all) mask |= MaskOf(Indicator(i));
  }
  return mask;
}

}  // namespace

void ScoreDailyValues(const AqiEdition& edition, IndicatorMask not_monitored, DailyRecord* d) {
  IndicatorMask expected = ExpectedIndicators(edition.daily);
  if (edition.not_in_plan_exempt) expected &= ~not_monitored;
  static constexpr Indicator kOrder[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                         Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                         Indicator::kPM25};
  for (Indicator ind : kOrder) {
    const IndicatorRule& rule = edition.daily[int(ind)];
    if (rule.source == ValueSource::kNone || !d->value[int(ind)]) continue;
    bool above = false;
    Pollutant p = PollutantOf(ind);
    int16_t iaqi = IaqiOnTable(edition, rule.table,
                               ConcentrationForIaqi(edition, p, *d->value[int(ind)]), &above);
    if (above && ind == Indicator::kO3_8h) {
      if (edition.o3_8h_above_table == O3HighRule::kFixed300) iaqi = 300;
      if (edition.o3_8h_above_table == O3HighRule::kFallbackO3_1h) {
        iaqi = d->aqi.iaqi[int(Indicator::kO3_1h)];
        if (iaqi == kNoIaqi && d->value[int(Indicator::kO3_1h)]) {
          // The 2026 daily report has no O3 1-h indicator; use its table if any.
          int table = edition.FindTable("o3_1h");
          if (table >= 0) {
            iaqi = IaqiOnTable(edition, table,
                               ConcentrationForIaqi(edition, p, *d->value[int(Indicator::kO3_1h)]),
                               &above);
          }
        }
      }
    }
    d->aqi.iaqi[int(ind)] = iaqi;
  }
  CombineIaqi(edition, expected, &d->aqi);
}

Ratio PublishedDailyValue(Indicator indicator, const Ratio& value) {
  int decimals = ReportDecimals(PollutantOf(indicator));
  return Ratio::Unreduced(RoundHalfEven(value, decimals), Pow10(decimals));
}

namespace {

StatusOr<std::vector<DailyRecord>> ComputeDailyExact(const HourlySeries& series,
                                                     const AirStandards& standards,
                                                     const std::string& forced_edition) {
  std::vector<DailyRecord> out;
  if (series.hours == 0) return out;
  const AssessmentRules& rules = standards.assessment();
  DayNumber first_day = DayOfLabel(series.first_label);
  DayNumber last_day = DayOfLabel(series.first_label + series.hours - 1);
  for (DayNumber day = first_day; day <= last_day; ++day) {
    DailyRecord d;
    d.day = day;
    // The day's edition is the one in force for its first hour (01:00).
    ECOCIV_ASSIGN_OR_RETURN(d.edition, standards.AqiFor(LabelAt(day, 1), forced_edition));
    ECOCIV_ASSIGN_OR_RETURN(d.limits, standards.LimitsFor(day, forced_edition));
    const Validity& validity = d.limits->validity;
    int64_t o3_limit = 0;
    d.limits->StageFor(day).Get("o3_mda8", 2, &o3_limit);
    Ratio v;
    static constexpr Indicator kMeans[] = {Indicator::kSO2, Indicator::kNO2, Indicator::kCO,
                                           Indicator::kPM10, Indicator::kPM25};
    for (Indicator ind : kMeans) {
      if (DayMean(series, PollutantOf(ind), day, validity.min_hours_per_day, &v,
                  &d.count[int(ind)])) {
        d.value[int(ind)] = v;
      }
    }
    if (DayMaxHour(series, Pollutant::kO3, day, rules.o3_max_1h_min_hours, &v,
                   &d.count[int(Indicator::kO3_1h)])) {
      d.value[int(Indicator::kO3_1h)] = v;
    }
    if (DayMda8(series, day, rules, validity, o3_limit, &v, &d.count[int(Indicator::kO3_8h)])) {
      d.value[int(Indicator::kO3_8h)] = v;
    }
    ScoreDailyValues(*d.edition, NotMonitoredAllDay(series, day), &d);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

StatusOr<std::vector<DailyRecord>> ComputeDaily(const HourlySeries& series,
                                                const AirStandards& standards,
                                                const std::string& forced_edition) {
  return WithOverflowCheck("daily values of " + series.id,
                           [&] { return ComputeDailyExact(series, standards, forced_edition); });
}

namespace {

StatusOr<std::vector<DailyRecord>> CityDailyFromStationsExact(
    const std::vector<std::vector<DailyRecord>>& stations, const AirStandards& standards,
    const std::string& forced_edition) {
  std::vector<DailyRecord> out;
  if (stations.empty()) return out;
  size_t days = stations.front().size();
  for (size_t i = 0; i < days; ++i) {
    DailyRecord d;
    d.day = stations.front()[i].day;
    ECOCIV_ASSIGN_OR_RETURN(d.edition, standards.AqiFor(LabelAt(d.day, 1), forced_edition));
    ECOCIV_ASSIGN_OR_RETURN(d.limits, standards.LimitsFor(d.day, forced_edition));
    for (int ind = 0; ind < kIndicatorCount; ++ind) {
      Ratio sum = Ratio::Integer(0);
      int n = 0;
      for (const auto& station : stations) {
        if (i < station.size() && station[i].value[ind]) {
          sum = sum + *station[i].value[ind];
          ++n;
        }
      }
      d.count[ind] = static_cast<uint8_t>(n);
      if (n > 0) d.value[ind] = sum / Ratio::Integer(n);
    }
    ScoreDailyValues(*d.edition, 0, &d);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

StatusOr<std::vector<DailyRecord>> CityDailyFromStations(
    const std::vector<std::vector<DailyRecord>>& stations, const AirStandards& standards,
    const std::string& forced_edition) {
  return WithOverflowCheck("the city daily values", [&] {
    return CityDailyFromStationsExact(stations, standards, forced_edition);
  });
}

namespace {

StatusOr<std::vector<DailyRecord>> DailyOfSeriesExact(const AirDataset& data,
                                                      const HourlySeries& series,
                                                      const AirStandards& standards,
                                                      const std::string& forced_edition) {
  if (series.is_city && !standards.assessment().city_average_hourly) {
    std::vector<std::vector<DailyRecord>> stations;
    for (int member : StationsOfCity(data, series.id, standards.assessment())) {
      ECOCIV_ASSIGN_OR_RETURN(
          auto d, ComputeDaily(SeriesOfStation(data, member), standards, forced_edition));
      stations.push_back(std::move(d));
    }
    return CityDailyFromStations(stations, standards, forced_edition);
  }
  return ComputeDaily(series, standards, forced_edition);
}

}  // namespace

StatusOr<std::vector<DailyRecord>> DailyOfSeries(const AirDataset& data, const HourlySeries& series,
                                                 const AirStandards& standards,
                                                 const std::string& forced_edition) {
  return WithOverflowCheck("daily values of " + series.id, [&] {
    return DailyOfSeriesExact(data, series, standards, forced_edition);
  });
}

}  // namespace ecociv::air
