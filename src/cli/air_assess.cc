// `ecociv air assess|targets`: period assessments (air/report.h) and target
// progress (warning/air_targets.h) over files or the store.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <future>
#include <optional>
#include <thread>

#include "air_cli.h"
#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/report.h"
#include "ecociv/air/station_rows.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/workflow.h"

namespace ecociv::cli {
namespace {

using air::HourlySeries;

// --from, --to, --class and --standard as the engine's options.
StatusOr<air::PeriodOptions> PeriodFlags(const AirContext& ctx) {
  air::PeriodOptions options;
  auto from = ParseDate(ctx.args.Get("from"));
  auto to = ParseDate(ctx.args.Get("to"));
  if (!from.ok() || !to.ok()) {
    return InvalidArgumentError("--from and --to are required dates (YYYY-MM-DD)");
  }
  options.from = *from;
  options.to = *to;
  std::string area = ctx.args.Get("class", "2");
  if (area != "1" && area != "2") return InvalidArgumentError("--class must be 1 or 2");
  options.area_class = area == "1" ? 1 : 2;
  options.forced_edition = ctx.forced;
  return options;
}

// The stations (of --city, or all), then the city (or every city).
StatusOr<std::vector<HourlySeries>> AssessedSeriesOf(const AirContext& ctx) {
  std::vector<HourlySeries> series;
  std::vector<std::string> cities;
  const air::AssessmentRules& rules = ctx.standards.assessment();
  if (ctx.args.Has("city")) {
    cities.push_back(ctx.args.Get("city"));
    for (int s : air::StationsOfCity(ctx.data, cities[0], rules)) {
      series.push_back(air::SeriesOfStation(ctx.data, s));
    }
    if (series.empty()) return NotFoundError("no station belongs to city '" + cities[0] + "'");
  } else {
    for (size_t s = 0; s < ctx.data.stations().size(); ++s) {
      series.push_back(air::SeriesOfStation(ctx.data, static_cast<int>(s)));
      const std::string& city = ctx.data.stations()[s].info.city;
      if (!city.empty() && std::find(cities.begin(), cities.end(), city) == cities.end()) {
        cities.push_back(city);
      }
    }
  }
  for (const std::string& city : cities) {
    auto c = air::SeriesOfCity(ctx.data, city, rules);
    if (c.ok()) series.push_back(std::move(*c));
  }
  return series;
}

// The same period a year earlier (29 February becomes the 28th).
air::PeriodOptions YearEarlier(const air::PeriodOptions& options) {
  air::PeriodOptions earlier = options;
  CivilDate f = CivilFromDays(options.from), t = CivilFromDays(options.to);
  f.year -= 1;
  t.year -= 1;
  if (t.month == 2 && t.day == 29) t.day = 28;
  if (f.month == 2 && f.day == 29) f.day = 28;
  earlier.from = DaysFromCivil(f);
  earlier.to = DaysFromCivil(t);
  return earlier;
}

// One series assessed from its daily records, with its change vs a year
// earlier when the data reach back.
StatusOr<air::AssessedSeries> AssessDays(const AirContext& ctx, const HourlySeries& s,
                                         const std::vector<air::DailyRecord>& days,
                                         air::PeriodOptions options, bool compare_earlier) {
  air::AssessedSeries out;
  ECOCIV_ASSIGN_OR_RETURN(out.assessment, air::AssessPeriod(days, ctx.standards, options));
  out.assessment.id = s.id;
  out.assessment.name = s.name;
  out.assessment.is_city = s.is_city;
  if (compare_earlier) {
    auto before = air::AssessPeriod(days, ctx.standards, YearEarlier(options));
    if (before.ok() && before->days_valid > 0) {
      out.change = air::CompareWithEarlier(out.assessment, *before);
    }
  }
  return out;
}

StatusOr<air::AssessedSeries> AssessOne(const AirContext& ctx, const HourlySeries& s,
                                        air::PeriodOptions options, bool compare_earlier) {
  ECOCIV_ASSIGN_OR_RETURN(auto days, DailyFor(ctx, s));
  return AssessDays(ctx, s, days, options, compare_earlier);
}

StatusOr<air::AssessmentReport> Assess(const AirContext& ctx) {
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodOptions options, PeriodFlags(ctx));
  ECOCIV_ASSIGN_OR_RETURN(air::DustDays dust, DustDaysFlag(ctx.args));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<HourlySeries> series, AssessedSeriesOf(ctx));
  const bool compare = DayOfLabel(ctx.data.first_label()) <= YearEarlier(options).from;
  air::AssessmentReport report;
  report.from = options.from;
  report.to = options.to;
  report.standard = ctx.forced;
  report.area_class = options.area_class;
  for (const HourlySeries& s : series) {
    options.dust_days = dust.For(s.city.empty() ? s.id : s.city);
    ECOCIV_ASSIGN_OR_RETURN(air::AssessedSeries one, AssessOne(ctx, s, options, compare));
    (s.is_city ? report.cities : report.stations).push_back(std::move(one));
  }
  return report;
}

// ---- `air assess` over files, city by city in bounded memory ---------------
//
// The files are read into per-station records (StationRows); a city's
// stations are then built, assessed and added to the city's series one at a
// time (CitySeriesBuilder), so memory holds the records and, per worker, one
// station's series and one city's sums, whatever the files' size. The report
// is that of the whole-dataset path (ECOCIV_AIR_IN_MEMORY=1 selects it;
// tests/cli/hourly_stream_test.sh compares): the same series in the same
// order, the same first error, cities whose series fails left out as before.

// The stations assessed with one city (or a station without a city, alone).
struct AssessUnit {
  std::string city;             // empty: a station without a city
  std::vector<size_t> listed;   // positions in the report's station list
};

struct StreamedAssessment {
  std::vector<int> stations;  // the report's stations, in order
  std::vector<std::string> cities;
  std::vector<AssessUnit> units;
  std::vector<std::optional<StatusOr<air::AssessedSeries>>> station_results;
  std::vector<std::optional<StatusOr<air::AssessedSeries>>> city_results;
};

// The report's stations and cities as the whole-dataset path lists them, in
// units of one city each.
Status PlanAssessment(const AirContext& ctx, const air::StationRows& rows,
                      StreamedAssessment* plan) {
  const air::AssessmentRules& rules = ctx.standards.assessment();
  const auto& infos = rows.stations();
  if (ctx.args.Has("city")) {
    plan->cities.push_back(ctx.args.Get("city"));
    for (size_t s = 0; s < infos.size(); ++s) {
      if (infos[s].city != plan->cities[0]) continue;
      if (rules.city_exclude_background && infos[s].background) continue;
      plan->stations.push_back(int(s));
    }
    if (plan->stations.empty()) {
      return NotFoundError("no station belongs to city '" + plan->cities[0] + "'");
    }
  } else {
    for (size_t s = 0; s < infos.size(); ++s) {
      plan->stations.push_back(int(s));
      const std::string& city = infos[s].city;
      if (!city.empty() &&
          std::find(plan->cities.begin(), plan->cities.end(), city) == plan->cities.end()) {
        plan->cities.push_back(city);
      }
    }
  }
  for (const std::string& city : plan->cities) plan->units.push_back({city, {}});
  for (size_t i = 0; i < plan->stations.size(); ++i) {
    const std::string& city = infos[plan->stations[i]].city;
    if (city.empty()) {
      plan->units.push_back({"", {i}});
      continue;
    }
    size_t u = std::find(plan->cities.begin(), plan->cities.end(), city) - plan->cities.begin();
    plan->units[u].listed.push_back(i);
  }
  plan->station_results.resize(plan->stations.size());
  plan->city_results.resize(plan->cities.size());
  return Status::Ok();
}

// One unit: its stations assessed in turn, each added to the city's series
// when it is a member, then the city.
Status AssessUnitStreamed(const AirContext& ctx, const air::StationRows& rows,
                          const air::DustDays& dust, air::PeriodOptions options, bool compare,
                          size_t u, StreamedAssessment* plan) {
  const AssessUnit& unit = plan->units[u];
  const air::AssessmentRules& rules = ctx.standards.assessment();
  air::CitySeriesBuilder city(unit.city, rows.first_label(), rows.hour_count());
  std::vector<std::vector<air::DailyRecord>> member_days;
  bool members_ok = true;
  HourlySeries series;
  for (size_t i : unit.listed) {
    const int s = plan->stations[i];
    ECOCIV_RETURN_IF_ERROR(rows.Series(s, &series));
    auto days = air::ComputeDaily(series, ctx.standards, ctx.forced);
    options.dust_days = dust.For(series.city.empty() ? series.id : series.city);
    plan->station_results[i] =
        days.ok() ? AssessDays(ctx, series, *days, options, compare)
                  : StatusOr<air::AssessedSeries>(days.status());
    const air::StationInfo& info = rows.stations()[s];
    if (unit.city.empty() || (rules.city_exclude_background && info.background)) continue;
    city.Add(series);
    if (!days.ok()) members_ok = false;
    if (!rules.city_average_hourly && days.ok()) member_days.push_back(std::move(*days));
  }
  if (unit.city.empty()) return Status::Ok();
  auto city_series = city.Finish(rules);
  if (!city_series.ok()) return Status::Ok();  // left out, as SeriesOfCity's failures are
  const size_t c = u;  // the first units are the cities, in order
  options.dust_days = dust.For(unit.city);
  StatusOr<std::vector<air::DailyRecord>> days =
      rules.city_average_hourly
          ? air::ComputeDaily(*city_series, ctx.standards, ctx.forced)
          : WithOverflowCheck("daily values of " + unit.city, [&] {
              return air::CityDailyFromStations(member_days, ctx.standards, ctx.forced);
            });
  // A member's failed daily values fail the city too; that station's error
  // comes first in the report's order, so the city's is never shown.
  if (!members_ok) days = InternalError("a member station failed");
  plan->city_results[c] = days.ok() ? AssessDays(ctx, *city_series, *days, options, compare)
                                    : StatusOr<air::AssessedSeries>(days.status());
  return Status::Ok();
}

StatusOr<air::AssessmentReport> AssessStreamed(AirContext& ctx) {
  auto rows_or = air::StationRows::Read(ctx.inputs, AirReadOptions(ctx, false), &ctx.report);
  if (!rows_or.ok()) return rows_or.status();
  const air::StationRows& rows = **rows_or;
  PrintReadReport(ctx.report);
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodOptions options, PeriodFlags(ctx));
  ECOCIV_ASSIGN_OR_RETURN(air::DustDays dust, DustDaysFlag(ctx.args));
  StreamedAssessment plan;
  ECOCIV_RETURN_IF_ERROR(PlanAssessment(ctx, rows, &plan));
  const bool compare = DayOfLabel(rows.first_label()) <= YearEarlier(options).from;
  std::atomic<size_t> next{0};
  auto worker = [&]() -> Status {
    for (size_t u = next++; u < plan.units.size(); u = next++) {
      Status done = AssessUnitStreamed(ctx, rows, dust, options, compare, u, &plan);
      if (!done.ok()) {
        next = plan.units.size();
        return done;
      }
    }
    return Status::Ok();
  };
  const unsigned workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::future<Status>> running;
  for (unsigned w = 1; w < workers; ++w) running.push_back(std::async(std::launch::async, worker));
  Status first = worker();
  for (auto& f : running) {
    Status done = f.get();
    if (first.ok()) first = done;
  }
  ECOCIV_RETURN_IF_ERROR(first);
  air::AssessmentReport report;
  report.from = options.from;
  report.to = options.to;
  report.standard = ctx.forced;
  report.area_class = options.area_class;
  for (auto& result : plan.station_results) {
    if (!result->ok()) return result->status();
    report.stations.push_back(std::move(**result));
  }
  for (auto& result : plan.city_results) {
    if (!result) continue;
    if (!result->ok()) return result->status();
    report.cities.push_back(std::move(**result));
  }
  return report;
}

bool StreamsAssessment(const AirContext& ctx) {
  const char* in_memory = std::getenv("ECOCIV_AIR_IN_MEMORY");
  return (in_memory == nullptr || std::string_view(in_memory) != "1") && !ctx.inputs.empty();
}

// Parses an optional exact decimal flag (targets) into *out.
Status TargetFlag(const Args& args, const std::string& flag, std::optional<Ratio>* out) {
  if (!args.Has(flag)) return Status::Ok();
  int64_t scaled = 0;
  if (!ParseScaledDecimal(args.Get(flag), 4, &scaled) || scaled <= 0) {
    return InvalidArgumentError("--" + flag + " must be a positive number");
  }
  *out = Ratio::Scaled(scaled, 4);
  return Status::Ok();
}

// --year, --as-of, --class, the targets and --dust-days of `air targets`.
StatusOr<warning::AirTargetOptions> TargetOptions(const AirContext& ctx, const std::string& city) {
  warning::AirTargetOptions options;
  auto as_of = ParseDate(ctx.args.Get("as-of"));
  if (!ctx.args.Has("year") || !as_of.ok()) {
    return InvalidArgumentError("--year Y and --as-of YYYY-MM-DD are required");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(ctx.args.Get("year"), 1990, 2100, "--year"));
  options.year = static_cast<int>(year);
  options.as_of = *as_of;
  options.forced_edition = ctx.forced;
  std::string area = ctx.args.Get("class", "2");
  if (area != "1" && area != "2") return InvalidArgumentError("--class must be 1 or 2");
  options.area_class = area == "1" ? 1 : 2;
  ECOCIV_RETURN_IF_ERROR(TargetFlag(ctx.args, "pm25", &options.pm25_target));
  ECOCIV_RETURN_IF_ERROR(TargetFlag(ctx.args, "good-day-ratio", &options.good_day_ratio_target));
  ECOCIV_RETURN_IF_ERROR(TargetFlag(ctx.args, "composite", &options.composite_target));
  ECOCIV_ASSIGN_OR_RETURN(air::DustDays dust, DustDaysFlag(ctx.args));
  options.dust_days = dust.For(city);
  return options;
}

// --record DB: the targets at risk become workflow warnings in DB (kind "air").
Status RecordTargetWarnings(const std::string& path, const warning::AirTargetReport& report) {
  store::OpenOptions open;
  ECOCIV_ASSIGN_OR_RETURN(auto db, store::OpenDatabase(path, open));
  std::vector<warning::Finding> findings;
  std::vector<warning::Released> released;
  warning::AirFindingsOf(report, &findings, &released);
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport recorded,
      warning::RecordEvaluation(db.get(), "air-targets-" + std::to_string(report.year), findings,
                                released, report.as_of, {},
                                static_cast<int64_t>(std::time(nullptr))));
  std::fprintf(stderr, "ecociv: air target warnings in %s: %s\n", path.c_str(),
               recorded.Summary().c_str());
  return Status::Ok();
}

StatusOr<warning::AirTargetReport> Targets(const AirContext& ctx) {
  std::string city = ctx.args.Get("city");
  if (city.empty() && !ctx.data.stations().empty()) city = ctx.data.stations()[0].info.city;
  ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetOptions options, TargetOptions(ctx, city));
  ECOCIV_ASSIGN_OR_RETURN(HourlySeries series,
                          air::SeriesOfCity(ctx.data, city, ctx.standards.assessment()));
  ECOCIV_ASSIGN_OR_RETURN(auto days, DailyFor(ctx, series));
  ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetReport report,
                          warning::ComputeAirTargets(days, ctx.standards, options));
  report.city = city;
  if (ctx.args.Has("record")) {
    ECOCIV_RETURN_IF_ERROR(RecordTargetWarnings(ctx.args.Get("record"), report));
  }
  return report;
}

}  // namespace

int RunAirAssess(const CommandArgs& argv) {
  auto ctx = PrepareAir(argv, {"from", "to", "class", "dust-days"}, {"json", "text"},
                        /*keep_published=*/false, /*defer_files=*/true);
  if (!ctx.ok()) return ReportError(ctx.status());
  auto report = [&]() -> StatusOr<air::AssessmentReport> {
    if (StreamsAssessment(**ctx)) return AssessStreamed(**ctx);
    if (!(*ctx)->inputs.empty()) ECOCIV_RETURN_IF_ERROR(ReadAirInputs(ctx->get(), false));
    return Assess(**ctx);
  }();
  if (!report.ok()) return ReportError(report.status());
  auto out = AirOutput::Open((*ctx)->args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  const air::AssessmentRules& rules = (*ctx)->standards.assessment();
  if ((*ctx)->format == "json") {
    (*out)->buffer() = air::AssessmentReportJson(*report, rules);
  } else {
    for (const air::AssessedSeries& s : report->stations) {
      (*out)->buffer() += air::AssessmentText(s, rules) + "\n";
    }
    for (const air::AssessedSeries& s : report->cities) {
      (*out)->buffer() += air::AssessmentText(s, rules) + "\n";
    }
  }
  return FinishAir(**ctx);
}

int RunAirTargets(const CommandArgs& argv) {
  auto ctx = PrepareAir(
      argv,
      {"year", "as-of", "pm25", "good-day-ratio", "composite", "class", "record", "dust-days"},
      {"text", "json"});
  if (!ctx.ok()) return ReportError(ctx.status());
  auto report = Targets(**ctx);
  if (!report.ok()) return ReportError(report.status());
  auto out = AirOutput::Open((*ctx)->args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  (*out)->buffer() = (*ctx)->format == "json" ? warning::AirTargetsJson(*report)
                                              : warning::AirTargetsText(*report);
  return FinishAir(**ctx);
}

}  // namespace ecociv::cli
