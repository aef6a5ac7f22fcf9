#include "ecociv/indicators/engine_figures.h"

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/store/air_store.h"

namespace ecociv::indicators {

namespace {

air::PeriodOptions YearPeriod(int year) {
  air::PeriodOptions options;
  options.from = DaysFromCivil(CivilDate{year, 1, 1});
  options.to = DaysFromCivil(CivilDate{year, 12, 31});
  return options;
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
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  ECOCIV_ASSIGN_OR_RETURN(AirFigures f, ComputeAirFigures(db, city, year));
  std::vector<std::string> set;
  for (const Indicator& ind : cat.indicators) {
    if (ind.source != Source::kEngine) continue;
    const std::optional<Ratio>* figure = ind.engine_figure == "air.good_day_ratio"
                                             ? &f.good_day_ratio
                                         : ind.engine_figure == "air.pm25_mean" ? &f.pm25_mean
                                                                                : nullptr;
    if (figure == nullptr || !*figure) continue;
    ValueInput in;
    in.year = year;
    in.id = ind.id;
    in.value = FormatRatio(**figure, 1);  // reported to one decimal (GB/T 8170)
    in.source = "engine";
    in.inputs = f.trace;
    in.note = ind.engine_figure;
    ECOCIV_RETURN_IF_ERROR(SetValue(db, in, actor));
    set.push_back(ind.id + "=" + in.value);
  }
  return set;
}

}  // namespace ecociv::indicators
