// DataService (data_service.h): air target progress, the overview's target
// evaluation, and the engine indicators' figures, all from the snapshot's
// cached daily records and assessments.
#include <algorithm>

#include "data_service.h"
#include "ecociv/air/assessment.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/warning/air_targets.h"
#include "snapshot.h"

namespace ecociv::server {

namespace {

// A target request checked against a snapshot: the city's series, the
// engine's options and the cache key.
struct TargetRequest {
  int index = 0;
  std::string city, key;
  warning::AirTargetOptions options;
};

Status TargetValue(const std::string& text, const char* name, std::optional<Ratio>* out) {
  int64_t scaled = 0;
  if (!ParseScaledDecimal(text, 4, &scaled) || scaled <= 0 || scaled > 10000 * 10000) {
    return InvalidArgumentError(std::string(name) + " must be a positive number");
  }
  *out = Ratio::Scaled(scaled, 4);
  return Status::Ok();
}

StatusOr<TargetRequest> ParseTargets(const Snapshot& s, const TargetQuery& q,
                                     const Targets& defaults) {
  if (s.data.hour_count() == 0 || s.cities.empty())
    return NotFoundError("no air data in the store");
  TargetRequest r;
  if (q.city.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(r.city, AirCityOf(s));
  } else {
    r.city = q.city;
  }
  auto it = s.by_id.find(r.city);
  if (it == s.by_id.end() || !s.series[it->second].is_city) {
    return NotFoundError("no city '" + r.city + "'");
  }
  r.index = it->second;
  DayNumber last = DayOfLabel(s.data.last_label());
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DayParam(q.as_of, last, "as_of"));
  int64_t year = CivilFromDays(as_of).year;
  if (!q.year.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(year, ParseInteger(q.year, 1990, 2100, "year"));
    // A year alone: as of its last day, or of the last day with data in the current year.
    if (q.as_of.empty()) {
      as_of = std::min(last, DaysFromCivil(CivilDate{static_cast<int>(year), 12, 31}));
    }
  }
  if (CivilFromDays(as_of).year != year) {
    return InvalidArgumentError("as_of must be a date in the year " + q.year);
  }
  warning::AirTargetOptions& o = r.options;
  o.year = static_cast<int>(year);
  o.as_of = as_of;
  const std::string pm25 = q.pm25.empty() ? defaults.pm25 : q.pm25;
  const std::string good = q.good_day_ratio.empty() ? defaults.good_day_ratio : q.good_day_ratio;
  const std::string composite = q.composite.empty() ? defaults.composite : q.composite;
  ECOCIV_RETURN_IF_ERROR(TargetValue(pm25, "pm25", &o.pm25_target));
  ECOCIV_RETURN_IF_ERROR(TargetValue(good, "good_day_ratio", &o.good_day_ratio_target));
  if (*o.good_day_ratio_target > Ratio::Of(100, 1)) {
    return InvalidArgumentError("good_day_ratio must be at most 100");
  }
  if (!composite.empty()) {
    ECOCIV_RETURN_IF_ERROR(TargetValue(composite, "composite", &o.composite_target));
  }
  r.key = "targets|" + r.city + "|" + std::to_string(year) + "|" + FormatDate(as_of) + "|" + pm25 +
          "|" + good + "|" + composite;
  return r;
}

}  // namespace

StatusOr<warning::AirTargetReport> DataService::AirTargetReport(const Snapshot& s,
                                                                const TargetQuery& query) {
  ECOCIV_ASSIGN_OR_RETURN(TargetRequest r, ParseTargets(s, query, targets_));
  ECOCIV_ASSIGN_OR_RETURN(auto days, DailyOf(s, air_standards_, &mu_, r.index, ""));
  ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetReport report,
                          warning::ComputeAirTargets(*days, air_standards_, r.options));
  report.city = r.city;
  return report;
}

StatusOr<ResultPtr> DataService::AirTargets(const Snapshot& s, const TargetQuery& query) {
  ECOCIV_ASSIGN_OR_RETURN(TargetRequest r, ParseTargets(s, query, targets_));
  return Cached(s, r.key, [&]() -> StatusOr<Json> {
    ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetReport report, AirTargetReport(s, query));
    return Json::parse(warning::AirTargetsJson(report));
  });
}

namespace {

// An engine figure source over one snapshot (indicators::ReadinessForYear).
class SnapshotFigures : public indicators::EngineFigureSource {
 public:
  SnapshotFigures(DataService* service, std::shared_ptr<const Snapshot> snapshot,
                  store::Database* db)
      : service_(service), snapshot_(std::move(snapshot)), db_(db) {}
  StatusOr<indicators::AirFigures> Air(int year) override {
    return service_->AirFigures(*snapshot_, year);
  }
  StatusOr<indicators::WaterFigures> Water(int year) override {
    return service_->WaterFigures(*snapshot_, year);
  }
  StatusOr<space::CoverReport> Cover(int year) override {
    auto it = cover_.find(year);
    if (it != cover_.end()) return it->second;
    return cover_.emplace(year, indicators::ComputeCoverFigures(db_, year)).first->second;
  }
  StatusOr<space::BaselineComparison> Promises(int year) override {
    auto it = promises_.find(year);
    if (it != promises_.end()) return it->second;
    return promises_.emplace(year, indicators::ComputePromiseFigures(db_, year)).first->second;
  }

 private:
  DataService* service_;
  std::shared_ptr<const Snapshot> snapshot_;
  store::Database* db_;
  std::map<int, StatusOr<space::CoverReport>> cover_;
  std::map<int, StatusOr<space::BaselineComparison>> promises_;
};

}  // namespace

std::unique_ptr<indicators::EngineFigureSource> DataService::EngineFigures(
    std::shared_ptr<const Snapshot> s, store::Database* db) {
  return std::make_unique<SnapshotFigures>(this, std::move(s), db);
}

StatusOr<indicators::AirFigures> DataService::AirFigures(const Snapshot& s, int year) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = s.air_figures.find(year);
    if (it != s.air_figures.end()) return *it->second;
  }
  auto compute = [&]() -> StatusOr<indicators::AirFigures> {
    ECOCIV_ASSIGN_OR_RETURN(std::string city, AirCityOf(s));
    auto it = s.by_id.find(city);
    if (it == s.by_id.end()) return NotFoundError("no air data of " + city + " in the store");
    ECOCIV_ASSIGN_OR_RETURN(auto days, DailyOf(s, air_standards_, &mu_, it->second, ""));
    return indicators::AirFiguresOfDays(*days, air_standards_, city, year);
  };
  auto result = std::make_shared<const StatusOr<indicators::AirFigures>>(compute());
  std::lock_guard<std::mutex> lock(mu_);
  s.air_figures[year] = result;
  return *result;
}

StatusOr<std::shared_ptr<const water::Assessment>> DataService::WaterAssessed(const Snapshot& s,
                                                                              DayNumber from,
                                                                              DayNumber to) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = s.water_assessed.find({from, to});
    if (it != s.water_assessed.end()) return it->second;
  }
  // The water engine returns plain values: overflows are checked here (exact.h).
  ECOCIV_ASSIGN_OR_RETURN(
      water::Assessment a,
      WithOverflowCheck("water assessment", [&]() -> StatusOr<water::Assessment> {
        return water::Assess(water_rules_, s.water, s.water_index, water::RangePeriod(from, to));
      }));
  auto shared = std::make_shared<const water::Assessment>(std::move(a));
  std::lock_guard<std::mutex> lock(mu_);
  s.water_assessed[{from, to}] = shared;
  return shared;
}

StatusOr<indicators::WaterFigures> DataService::WaterFigures(const Snapshot& s, int year) {
  if (s.water.sections.empty()) return NotFoundError("no water section in the store");
  ECOCIV_ASSIGN_OR_RETURN(auto assessed, WaterAssessed(s, DaysFromCivil(CivilDate{year, 1, 1}),
                                                       DaysFromCivil(CivilDate{year, 12, 31})));
  return indicators::WaterFiguresOf(*assessed, water_rules_, year);
}

Json DataService::OverviewTargets(const Snapshot& s) {
  auto targets = AirTargets(s, TargetQuery{});
  if (!targets.ok()) return {{"error", targets.status().message()}};
  const Json& t = (*targets)->json;
  Json out = {{"city", t["city"]}, {"year", t["year"]}, {"as_of", t["as_of"]}};
  for (const Json& p : t["pollutants"]) {
    if (p["pollutant"] != "pm25") continue;
    out["pm25"] = {{"ytd", p["ytd_mean_published"]},
                   {"ytd_mean", p["ytd_mean"]},
                   {"target", p["target"]},
                   {"projection", p["projection"]},
                   {"risk", p["risk"]}};
  }
  if (t["good_days"].is_object()) {
    const Json& g = t["good_days"];
    out["good_day_ratio"] = {{"ytd", g["ytd_ratio"]},
                             {"target", g["target_percent"]},
                             {"projection", g["projection"]},
                             {"risk", g["risk"]}};
  }
  return out;
}

}  // namespace ecociv::server
