#include "ecociv/air/assessment.h"

#include <algorithm>

namespace ecociv::air {
namespace {

// The daily indicator that carries each pollutant's period statistics.
Indicator DailyIndicatorOf(Pollutant p) {
  switch (p) {
    case Pollutant::kSO2:
      return Indicator::kSO2;
    case Pollutant::kNO2:
      return Indicator::kNO2;
    case Pollutant::kCO:
      return Indicator::kCO;
    case Pollutant::kO3:
      return Indicator::kO3_8h;
    case Pollutant::kPM10:
      return Indicator::kPM10;
    case Pollutant::kPM25:
      return Indicator::kPM25;
  }
  return Indicator::kSO2;
}

std::string LimitKey(Pollutant p, bool annual) {
  if (p == Pollutant::kO3) return "o3_mda8";
  return std::string(PollutantKey(p)) + (annual ? "_annual" : "_24h");
}

Ratio RoundTo(const Ratio& v, int decimals) {
  return Ratio::Unreduced(RoundHalfEven(v, decimals), Pow10(decimals));
}

// GB 3095 Table 4: ≥ 324 days a year, ≥ 27 in each month (25 in February);
// a range checks the whole months it contains and, when it spans a year, the
// yearly count.
bool EnoughDays(const std::vector<DayNumber>& valid_days, DayNumber from, DayNumber to,
                const Validity& validity, std::vector<std::string>* shortfalls,
                const std::string& what) {
  bool ok = true;
  CivilDate start = CivilFromDays(from);
  for (CivilDate m{start.year, start.month, 1};;) {
    DayNumber first = DaysFromCivil(m);
    DayNumber last = first + DaysInMonth(m.year, m.month) - 1;
    if (first > to) break;
    if (first >= from && last <= to) {
      int need = m.month == 2 ? validity.min_days_per_february : validity.min_days_per_month;
      auto n = std::count_if(valid_days.begin(), valid_days.end(),
                             [&](DayNumber d) { return d >= first && d <= last; });
      if (n < need) {
        ok = false;
        shortfalls->push_back(what + ": " + std::to_string(n) + " valid days in " +
                              FormatDate(first).substr(0, 7) + " (need " + std::to_string(need) +
                              ")");
      }
    }
    if (++m.month > 12) {
      m.month = 1;
      ++m.year;
    }
  }
  if (to - from + 1 >= 365) {
    int need = validity.min_days_per_year * (to - from + 1) / 365;
    if (static_cast<int>(valid_days.size()) < need) {
      ok = false;
      shortfalls->push_back(what + ": " + std::to_string(valid_days.size()) +
                            " valid days in the year (need " + std::to_string(need) + ")");
    }
  }
  return ok;
}

}  // namespace

Ratio Percentile(std::vector<Ratio> values, int p) {
  std::sort(values.begin(), values.end(), [](const Ratio& a, const Ratio& b) { return a < b; });
  const int64_t n = static_cast<int64_t>(values.size());
  // k = 1 + (n − 1)·p/100 = s + frac, with frac = ((n − 1)·p mod 100)/100.
  int64_t scaled = (n - 1) * p;
  int64_t s = 1 + scaled / 100;
  int64_t frac = scaled % 100;
  const Ratio& xs = values[s - 1];
  if (frac == 0 || s >= n) return xs;
  const Ratio& next = values[s];
  return xs + (next - xs) * Ratio::Of(frac, 100);
}

namespace {

StatusOr<PeriodAssessment> AssessPeriodExact(const std::vector<DailyRecord>& days,
                                             const AirStandards& standards,
                                             const PeriodOptions& options) {
  if (options.to < options.from) return InvalidArgumentError("--to is before --from");
  if (options.area_class != 1 && options.area_class != 2) {
    return InvalidArgumentError("--class must be 1 or 2");
  }
  const AssessmentRules& rules = standards.assessment();
  PeriodAssessment a;
  a.from = options.from;
  a.to = options.to;
  a.area_class = options.area_class;
  a.days_in_period = options.to - options.from + 1;
  // Limits: the edition and stage in force on the period's last day.
  ECOCIV_ASSIGN_OR_RETURN(const LimitsEdition* limits,
                          standards.LimitsFor(options.to, options.forced_edition));
  const LimitStage& stage = limits->StageFor(options.to);
  a.limits_edition = limits->id;
  a.limits_stage = stage.name;
  std::array<std::vector<Ratio>, kPollutantCount> values;
  std::array<std::vector<DayNumber>, kPollutantCount> value_days;
  std::vector<DayNumber> dust(options.dust_days);
  std::sort(dust.begin(), dust.end());
  int dust_days_removed = 0;
  std::vector<std::string> editions_seen;
  for (const DailyRecord& d : days) {
    if (d.day < options.from || d.day > options.to) continue;
    if (std::find(editions_seen.begin(), editions_seen.end(), d.edition->id) ==
        editions_seen.end()) {
      editions_seen.push_back(d.edition->id);
    }
    if (d.aqi.aqi != kNoIaqi) {
      ++a.days_valid;
      if (d.aqi.aqi <= rules.good_day_max_aqi) ++a.good_days;
      if (d.aqi.aqi >= rules.heavy_pollution_min_aqi) ++a.heavy_pollution_days;
      ++a.days_by_level[LevelOf(d.aqi.aqi).level - 1];
    }
    const bool dust_day = std::binary_search(dust.begin(), dust.end(), d.day);
    if (dust_day) ++dust_days_removed;
    for (Pollutant p : kAllPollutants) {
      const auto& v = d.value[int(DailyIndicatorOf(p))];
      if (!v) continue;
      value_days[int(p)].push_back(d.day);
      if (dust_day && (p == Pollutant::kPM10 || p == Pollutant::kPM25)) continue;
      Ratio daily = rules.round_daily_values ? PublishedDailyValue(DailyIndicatorOf(p), *v) : *v;
      values[int(p)].push_back(daily);
    }
  }
  if (dust_days_removed > 0) {
    a.notes.push_back(std::to_string(dust_days_removed) +
                      " dust day(s) removed from PM10, PM2.5 and the composite index (扣沙; "
                      "the good-day ratio keeps them) [UNVERIFIED rule]");
  }
  if (editions_seen.size() > 1) {
    a.notes.push_back("daily AQI values in this period come from more than one edition (" +
                      editions_seen.front() + " and " + editions_seen.back() + ")");
  }
  if (a.days_valid > 0) {
    a.good_day_ratio = Ratio::Of(int64_t(a.good_days) * 100, a.days_valid);
  }
  const auto& profile = rules.composite_profiles.at(rules.composite_profile);
  a.composite_profile = rules.composite_profile;
  Ratio composite = Ratio::Integer(0);
  bool composite_complete = true;
  for (Pollutant p : kAllPollutants) {
    PollutantAssessment& pa = a.pollutants[int(p)];
    pa.pollutant = p;
    pa.percentile_rank = rules.percentile[int(p)];
    const std::vector<Ratio>& v = values[int(p)];
    pa.valid_days = static_cast<int>(v.size());
    pa.enough_data = EnoughDays(value_days[int(p)], options.from, options.to, limits->validity,
                                &a.notes, std::string(PollutantKey(p)));
    int64_t limit;
    if (p != Pollutant::kCO && p != Pollutant::kO3 &&
        stage.Get(LimitKey(p, true), a.area_class, &limit)) {
      pa.mean_limit = limit;
    }
    if (stage.Get(LimitKey(p, false), a.area_class, &limit)) pa.percentile_limit = limit;
    if (v.empty()) {
      composite_complete = false;
      continue;
    }
    Ratio sum = Ratio::Integer(0);
    for (const Ratio& x : v) sum = sum + x;
    pa.mean = sum / Ratio::Integer(static_cast<int64_t>(v.size()));
    pa.percentile = Percentile(v, pa.percentile_rank);
    int decimals = rules.DecimalsOf(p);
    bool ok = true;
    if (pa.mean_limit) {
      ok = ok && RoundTo(*pa.mean, decimals) <= Ratio::Concentration(*pa.mean_limit);
    }
    if (pa.percentile_limit) {
      ok = ok && RoundTo(*pa.percentile, decimals) <= Ratio::Concentration(*pa.percentile_limit);
      for (const Ratio& x : v) {
        if (RoundTo(x, decimals) > Ratio::Concentration(*pa.percentile_limit)) ++pa.exceedance_days;
      }
    }
    pa.compliant = ok;
    // Composite index term: mean for SO2, NO2, PM10, PM2.5; percentile for CO and O3.
    Ratio c = (p == Pollutant::kCO || p == Pollutant::kO3) ? *pa.percentile : *pa.mean;
    if (rules.composite_round_first) c = RoundTo(c, decimals);
    const CompositeTerm& term = profile[int(p)];
    composite =
        composite + c * Ratio::Integer(term.weight) / Ratio::Concentration(term.denominator);
  }
  if (composite_complete) a.composite_index = composite;
  return a;
}

}  // namespace

StatusOr<PeriodAssessment> AssessPeriod(const std::vector<DailyRecord>& days,
                                        const AirStandards& standards,
                                        const PeriodOptions& options) {
  return WithOverflowCheck("the period assessment",
                           [&] { return AssessPeriodExact(days, standards, options); });
}

namespace {

// `compute` under an OverflowCheck: its value, or none when it overflowed.
template <typename F>
std::optional<Ratio> UnlessOverflow(F compute) {
  OverflowCheck check;
  Ratio value = compute();
  if (check.overflowed()) return std::nullopt;
  return value;
}

}  // namespace

PeriodChange CompareWithEarlier(const PeriodAssessment& now, const PeriodAssessment& before) {
  PeriodChange c;
  if (now.composite_index && before.composite_index && before.composite_index->num != 0) {
    c.composite_index_percent = UnlessOverflow([&] {
      return (*now.composite_index - *before.composite_index) / *before.composite_index *
             Ratio::Integer(100);
    });
  }
  if (now.good_day_ratio && before.good_day_ratio) {
    c.good_day_ratio_points =
        UnlessOverflow([&] { return *now.good_day_ratio - *before.good_day_ratio; });
  }
  const auto& pm_now = now.pollutants[int(Pollutant::kPM25)].mean;
  const auto& pm_before = before.pollutants[int(Pollutant::kPM25)].mean;
  if (pm_now && pm_before && pm_before->num != 0) {
    c.pm25_mean_percent = UnlessOverflow(
        [&] { return (*pm_now - *pm_before) / *pm_before * Ratio::Integer(100); });
  }
  return c;
}

}  // namespace ecociv::air
