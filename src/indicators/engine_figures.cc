#include "ecociv/indicators/engine_figures.h"

#include <algorithm>

#include "ecociv/air/assessment.h"
#include "ecociv/air/series.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/water_store.h"

namespace ecociv::indicators {

namespace {

air::PeriodOptions YearPeriod(int year) {
  air::PeriodOptions options;
  options.from = DaysFromCivil(CivilDate{year, 1, 1});
  options.to = DaysFromCivil(CivilDate{year, 12, 31});
  return options;
}

std::string Text(const std::optional<Ratio>& value, int decimals) {
  return value ? FormatRounded(*value, decimals) : "";
}

std::string Fixed(const std::optional<Ratio>& value, int decimals) {
  return value ? FormatRounded(*value, decimals) : "n/a";
}

// 1 January of the year before `through`'s year to the same day (29 February
// becomes the 28th): the days the year so far is compared with.
air::PeriodOptions SameDaysYearBefore(DayNumber through) {
  CivilDate to = CivilFromDays(through);
  to.year -= 1;
  if (to.month == 2 && to.day == 29) to.day = 28;
  air::PeriodOptions options;
  options.from = DaysFromCivil(CivilDate{to.year, 1, 1});
  options.to = DaysFromCivil(to);
  return options;
}

}  // namespace

std::string AirFigures::GoodDayRatioText() const { return Text(good_day_ratio, ratio_decimals); }

std::string AirFigures::Pm25Text() const { return Text(pm25_mean, pm25_decimals); }

std::string AirFigures::Trace() const {
  return "air engine (HJ 663), " + city + " " + std::to_string(year) + " (data through " +
         FormatDate(through) + "): good days " + std::to_string(good_days) + " of " +
         std::to_string(valid_days) + " valid days, good-day ratio " +
         Fixed(good_day_ratio, ratio_decimals) + " %; PM2.5 mean " +
         Fixed(pm25_mean, pm25_decimals) + " µg/m³; vs the same days of " +
         std::to_string(year - 1) + ": good-day ratio " + Fixed(good_day_ratio_change_points, 1) +
         " points, PM2.5 " + Fixed(pm25_change_percent, 1) + " %";
}

StatusOr<AirFigures> AirFiguresOfDays(const std::vector<air::DailyRecord>& days,
                                      const air::AirStandards& standards, const std::string& city,
                                      int year) {
  const air::PeriodOptions period = YearPeriod(year);
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodAssessment now, air::AssessPeriod(days, standards, period));
  if (now.days_valid == 0) {
    return NotFoundError("no valid air days for " + city + " in " + std::to_string(year));
  }
  AirFigures f;
  f.city = city;
  f.year = year;
  f.good_days = now.good_days;
  f.valid_days = now.days_valid;
  f.good_day_ratio = now.good_day_ratio;
  f.pm25_mean = now.pollutants[static_cast<int>(air::Pollutant::kPM25)].mean;
  f.ratio_decimals = standards.assessment().ratio_percent_decimals;
  f.pm25_decimals = standards.assessment().concentration_decimals;
  DayNumber first = period.to;
  for (const air::DailyRecord& d : days) {
    first = std::min(first, d.day);
    if (d.day >= period.from && d.day <= period.to && d.aqi.aqi != air::kNoIaqi) {
      f.through = std::max(f.through, d.day);
    }
  }
  const air::PeriodOptions before_period = SameDaysYearBefore(f.through);
  if (first <= before_period.from) {
    auto before = air::AssessPeriod(days, standards, before_period);
    if (before.ok() && before->days_valid > 0) {
      air::PeriodChange change = air::CompareWithEarlier(now, *before);
      f.good_day_ratio_change_points = change.good_day_ratio_points;
      f.pm25_change_percent = change.pm25_mean_percent;
    }
  }
  return f;
}

StatusOr<AirFigures> ComputeAirFigures(store::Database* db, const std::string& city, int year) {
  ECOCIV_ASSIGN_OR_RETURN(air::AirStandards standards, air::AirStandards::Load());
  store::AirQuery query;
  query.cities = {city};
  query.from = LabelAt(DaysFromCivil(CivilDate{year - 1, 1, 1}), 1);
  query.to = LabelAt(DaysFromCivil(CivilDate{year, 12, 31}), 24);
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset data, store::LoadAirDataset(db, query));
  ECOCIV_ASSIGN_OR_RETURN(air::HourlySeries series,
                          air::SeriesOfCity(data, city, standards.assessment()));
  ECOCIV_ASSIGN_OR_RETURN(auto days, air::DailyOfSeries(data, series, standards, "auto"));
  return AirFiguresOfDays(days, standards, city, year);
}

std::string WaterFigures::Trace() const {
  const auto& c = counts;
  return "water engine (GB 3838), " + std::to_string(year) + ": " + std::to_string(sections) +
         " sections with a class; I–III " + std::to_string(c[0] + c[1] + c[2]) + ", IV " +
         std::to_string(c[3]) + ", V " + std::to_string(c[4]) + ", 劣V " + std::to_string(c[5]) +
         " (I–III " + Fixed(share_good, share_decimals) + " %, 劣V " +
         Fixed(share_worse_than_v, share_decimals) + " %); drinking-water sources " +
         std::to_string(drinking_sources_good) + " of " + std::to_string(drinking_sources) +
         " at III or better";
}

StatusOr<WaterFigures> WaterFiguresOf(const water::Assessment& a, const water::WaterRules& rules,
                                      int year) {
  if (a.city.sections == 0) {
    return NotFoundError("no section with a water class in " + std::to_string(year));
  }
  WaterFigures f;
  f.year = year;
  f.sections = a.city.sections;
  f.counts = a.city.counts;
  f.share_good = a.city.share_good;
  f.share_worse_than_v = a.city.share_worse_than_v;
  f.drinking_sources = a.drinking_sources.sections;
  f.drinking_sources_good = a.drinking_sources.good;
  f.drinking_source_share = a.drinking_sources.share;
  f.share_decimals = rules.options().share_decimals;
  return f;
}

StatusOr<WaterFigures> ComputeWaterFigures(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(""));
  const air::PeriodOptions days = YearPeriod(year);
  store::WaterQuery query;
  query.from = days.from;
  query.to = days.to;
  ECOCIV_ASSIGN_OR_RETURN(water::SampleSet set, store::LoadWaterSamples(db, query, rules));
  water::SectionSamples index = water::IndexSamples(set);
  // The water engine returns plain values: overflows are checked here (exact.h).
  ECOCIV_ASSIGN_OR_RETURN(
      water::Assessment a,
      WithOverflowCheck("the water assessment", [&]() -> StatusOr<water::Assessment> {
        return water::Assess(rules, set, index, water::RangePeriod(days.from, days.to));
      }));
  return WaterFiguresOf(a, rules, year);
}

StatusOr<std::string> AirCityFor(const std::string& configured,
                                 const std::vector<std::string>& cities) {
  std::string names;
  for (const std::string& c : cities) names += (names.empty() ? "" : ", ") + c;
  if (!configured.empty()) {
    if (std::find(cities.begin(), cities.end(), configured) != cities.end()) return configured;
    return NotFoundError("no air station of the indicators' city " + configured +
                         " in the store (cities: " + (names.empty() ? "none" : names) + ")");
  }
  if (cities.size() == 1) return cities[0];
  if (cities.empty()) return NotFoundError("no air station in the store");
  return FailedPreconditionError(
      "the store holds air data of several cities (" + names +
      "); choose the indicators' city: ecociv indicators profile --city NAME");
}

}  // namespace ecociv::indicators
