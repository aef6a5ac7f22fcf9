#include "ecociv/indicators/engine_figures.h"

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/water_store.h"
#include "ecociv/water/assessment.h"

namespace ecociv::indicators {

namespace {

air::PeriodOptions YearPeriod(int year) {
  air::PeriodOptions options;
  options.from = DaysFromCivil(CivilDate{year, 1, 1});
  options.to = DaysFromCivil(CivilDate{year, 12, 31});
  return options;
}

// Sets every engine indicator of the active catalogue whose figure is in
// `figures`, to the figure rounded to one decimal (GB/T 8170).
StatusOr<std::vector<std::string>> RecordFigures(
    Database* db, int year,
    const std::vector<std::pair<std::string, std::optional<Ratio>>>& figures,
    const std::string& trace, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  std::vector<std::string> set;
  for (const Indicator& ind : cat.indicators) {
    if (ind.source != Source::kEngine) continue;
    for (const auto& [name, figure] : figures) {
      if (name != ind.engine_figure || !figure) continue;
      ValueInput in;
      in.year = year;
      in.id = ind.id;
      in.value = FormatRatio(*figure, 1);
      in.source = "engine";
      in.inputs = trace;
      in.note = ind.engine_figure;
      ECOCIV_RETURN_IF_ERROR(SetValue(db, in, actor));
      set.push_back(ind.id + "=" + in.value);
    }
  }
  return set;
}

std::string Fixed(const std::optional<Ratio>& value, int decimals) {
  return value ? FormatRounded(*value, decimals) : "n/a";
}

}  // namespace

StatusOr<AirFigures> ComputeAirFigures(Database* db, const std::string& city, int year) {
  ECOCIV_ASSIGN_OR_RETURN(air::AirStandards standards, air::AirStandards::Load());
  store::AirQuery query;
  query.cities = {city};
  query.from = LabelAt(DaysFromCivil(CivilDate{year - 1, 1, 1}), 1);
  query.to = LabelAt(DaysFromCivil(CivilDate{year, 12, 31}), 24);
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset data, store::LoadAirDataset(db, query));
  ECOCIV_ASSIGN_OR_RETURN(air::HourlySeries series,
                          air::SeriesOfCity(data, city, standards.assessment()));
  ECOCIV_ASSIGN_OR_RETURN(auto days, air::DailyOfSeries(data, series, standards, "auto"));
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodAssessment now,
                          air::AssessPeriod(days, standards, YearPeriod(year)));
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
  auto before = air::AssessPeriod(days, standards, YearPeriod(year - 1));
  if (before.ok() && before->days_valid > 0) {
    air::PeriodChange change = air::CompareWithEarlier(now, *before);
    f.good_day_ratio_change_points = change.good_day_ratio_points;
    f.pm25_change_percent = change.pm25_mean_percent;
  }
  f.trace = "air engine (HJ 663), " + city + " " + std::to_string(year) + ": good days " +
            std::to_string(f.good_days) + " of " + std::to_string(f.valid_days) +
            " valid days; PM2.5 mean " + Fixed(f.pm25_mean, 1) + " µg/m³; vs " +
            std::to_string(year - 1) + ": good-day ratio " +
            Fixed(f.good_day_ratio_change_points, 1) + " points, PM2.5 " +
            Fixed(f.pm25_change_percent, 1) + " %";
  return f;
}

StatusOr<std::vector<std::string>> RecordAirFigures(Database* db, const std::string& city, int year,
                                                    const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(AirFigures f, ComputeAirFigures(db, city, year));
  return RecordFigures(db, year,
                       {{"air.good_day_ratio", f.good_day_ratio}, {"air.pm25_mean", f.pm25_mean}},
                       f.trace, actor);
}

StatusOr<WaterFigures> ComputeWaterFigures(Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(""));
  store::WaterQuery query;
  air::PeriodOptions days = YearPeriod(year);
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
  if (a.city.sections == 0) {
    return NotFoundError("no section with a water class in " + std::to_string(year));
  }
  WaterFigures f;
  f.year = year;
  f.sections = a.city.sections;
  f.share_good = a.city.share_good;
  f.share_worse_than_v = a.city.share_worse_than_v;
  int good_sources = 0;
  for (const water::SectionResult& r : a.sections) {
    if (!set.sections[r.section].drinking_source || !r.cls) continue;
    ++f.drinking_sources;
    if (static_cast<int>(*r.cls) <= static_cast<int>(water::WaterClass::kIII)) ++good_sources;
  }
  if (f.drinking_sources > 0) {
    f.drinking_source_share = Ratio::Of(int64_t{good_sources} * 100, f.drinking_sources);
  }
  const auto& c = a.city.counts;
  f.trace = "water engine (GB 3838), " + std::to_string(year) + ": " + std::to_string(f.sections) +
            " sections with a class; I–III " + std::to_string(c[0] + c[1] + c[2]) + ", IV " +
            std::to_string(c[3]) + ", V " + std::to_string(c[4]) + ", 劣V " + std::to_string(c[5]) +
            "; drinking-water sources " + std::to_string(good_sources) + " of " +
            std::to_string(f.drinking_sources) + " at III or better";
  return f;
}

StatusOr<std::vector<std::string>> RecordWaterFigures(Database* db, int year, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(WaterFigures f, ComputeWaterFigures(db, year));
  return RecordFigures(db, year,
                       {{"water.class_iii_share", f.share_good},
                        {"water.worse_than_v_share", f.share_worse_than_v},
                        {"water.drinking_source_share", f.drinking_source_share}},
                       f.trace, actor);
}

}  // namespace ecociv::indicators
