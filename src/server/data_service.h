// DataService: the air and water results the API shows, computed by the
// engines from the store and kept per "data version" (the length of the
// change record), so that repeated requests cost a lookup and any import or
// review decision is seen by the next request. The overview, the air
// assessment, the target progress and the engine indicators' figures come
// from the same cached daily records (and water assessments), so one figure
// is one computation wherever it is shown.
//
// The JSON shapes are the engines' own (air/report.h, water/report.h,
// warning/air_targets.h), the same as the command line prints: official
// figures (means, percentiles, ratios, indices) as decimal strings printed by
// FormatRounded, AQI values as integers.
//
// Thread safety: all methods may be called concurrently; a snapshot is
// immutable once built and results are cached under a mutex.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>

#include "ecociv/air/standards.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/water/rules.h"

namespace ecociv::server {

using Json = nlohmann::json;

struct Targets {
  std::string pm25 = "30";            // µg/m³, annual mean at most
  std::string good_day_ratio = "80";  // %, at least
  std::string composite;              // composite index at most ("": no composite target)
};

// The parameters of a target-progress request, as the query gives them
// ("" = the default).
struct TargetQuery {
  std::string city, year, as_of, pm25, good_day_ratio, composite;
};

struct Snapshot;

// A computed result and its serialised form (made once, served many times).
struct Result {
  Json json;
  std::string body;
};
using ResultPtr = std::shared_ptr<const Result>;

class DataService {
 public:
  static StatusOr<std::unique_ptr<DataService>> Create(const std::string& standards_dir,
                                                       const Targets& targets);
  ~DataService();

  // The snapshot for the database's current data version (built when needed).
  StatusOr<std::shared_ptr<const Snapshot>> Current(store::Database* db);
  // The same when the caller has read the data version already.
  StatusOr<std::shared_ptr<const Snapshot>> CurrentAt(store::Database* db, int64_t version);

  Json Stations(const Snapshot& s) const;
  StatusOr<ResultPtr> Overview(const Snapshot& s, store::Database* db);
  // `id`: a station code or a city name.
  StatusOr<ResultPtr> Hourly(const Snapshot& s, const std::string& id, const std::string& from,
                             const std::string& to, const std::string& standard);
  StatusOr<ResultPtr> Daily(const Snapshot& s, const std::string& id, const std::string& from,
                            const std::string& to, const std::string& standard);
  StatusOr<ResultPtr> Assessment(const Snapshot& s, const std::string& from, const std::string& to,
                                 const std::string& standard, const std::string& area_class);
  Json Sections(const Snapshot& s) const;
  StatusOr<ResultPtr> WaterClasses(const Snapshot& s, const std::string& from,
                                   const std::string& to, const std::string& period);
  StatusOr<ResultPtr> WaterAssessment(const Snapshot& s, const std::string& from,
                                      const std::string& to);
  // The same over the sections `sections` alone (a region's, named by
  // `region` in the cache key): the same engine and shaping, the shares
  // over those sections. NotFound when they have no samples.
  StatusOr<ResultPtr> WaterAssessmentOf(const Snapshot& s, const std::string& from,
                                        const std::string& to, const std::string& region,
                                        const std::set<std::string>& sections);
  // Water target progress (warning::ComputeWaterAllowance) for `year` (default:
  // the year of `as_of`) as of `as_of` (default: the last day with a water
  // sample, or 31 December of `year` when that is earlier).
  StatusOr<ResultPtr> WaterAllowance(const Snapshot& s, const std::string& year,
                                     const std::string& as_of);
  // Air target progress (warning::ComputeAirTargets) of `city` (default: the
  // indicators profile's city, else the store's only city; an error naming
  // the cities when there are several and none is set) for `year` as of
  // `as_of`; targets default to targets().
  StatusOr<ResultPtr> AirTargets(const Snapshot& s, const TargetQuery& query);
  // The same as a report (for recording its warnings), not cached.
  StatusOr<warning::AirTargetReport> AirTargetReport(const Snapshot& s, const TargetQuery& query);
  // The engine indicators' figures (indicators/engine_figures.h) of `year`:
  // air for the targets' city from the same cached daily records as every air
  // result, water over every section from the same cached assessment as
  // WaterAssessment; computed once per year and data version. NotFound when
  // the snapshot has no data for the year.
  StatusOr<indicators::AirFigures> AirFigures(const Snapshot& s, int year);
  StatusOr<indicators::WaterFigures> WaterFigures(const Snapshot& s, int year);
  // A source of those figures over `s`, for indicators::ReadinessForYear; the land-cover
  // figures are computed from `db` (the caller's connection, which must outlive the source)
  // once per source, so a new land-cover import counts at the next request.
  std::unique_ptr<indicators::EngineFigureSource> EngineFigures(std::shared_ptr<const Snapshot> s,
                                                                store::Database* db);
  // The same figures of one region (data_service_regions.cc): the air of its
  // stations assessed as one city named by the region, as a region's
  // documents assess it, and the water of its sections alone; once per year,
  // region and data version. Its source has no land-cover figures (NotFound:
  // they are the whole store's).
  struct RegionPart {
    std::string region, name;
    std::set<std::string> stations, sections;
  };
  StatusOr<indicators::AirFigures> RegionAirFigures(const Snapshot& s, const RegionPart& part,
                                                    int year);
  StatusOr<indicators::WaterFigures> RegionWaterFigures(const Snapshot& s, const RegionPart& part,
                                                        int year);
  std::unique_ptr<indicators::EngineFigureSource> RegionEngineFigures(
      std::shared_ptr<const Snapshot> s, RegionPart part);
  // A result made from the snapshot's results by `compute` (a region's view
  // of the overview), cached under `key` with them: once per data version.
  StatusOr<ResultPtr> Derived(const Snapshot& s, const std::string& key,
                              const std::function<StatusOr<Json>()>& compute);
  // Is `id` a station code or city of the snapshot? ("station", "city" or "").
  std::string KindOf(const Snapshot& s, const std::string& id) const;
  // The last day with air data ("" when none) and its year's first day.
  std::string LastDay(const Snapshot& s) const;
  // The first day of the air data ("" without data): where year pickers start.
  std::string FirstDay(const Snapshot& s) const;
  const Targets& targets() const { return targets_; }
  // The air standards every air figure is computed with.
  const air::AirStandards& air_standards() const { return air_standards_; }
  // The water rules every water figure is computed with.
  const water::WaterRules& water_rules() const { return water_rules_; }

 private:
  DataService() = default;
  StatusOr<std::shared_ptr<const Snapshot>> Build(store::Database* db, int64_t version);
  // Cached JSON by key for the current snapshot.
  template <typename F>
  StatusOr<ResultPtr> Cached(const Snapshot& s, const std::string& key, F compute);
  // The water assessment of [from, to], cached per snapshot.
  StatusOr<std::shared_ptr<const water::Assessment>> WaterAssessed(const Snapshot& s,
                                                                   DayNumber from, DayNumber to);
  // The overview's target evaluation: AirTargets with the default query.
  Json OverviewTargets(const Snapshot& s);

  air::AirStandards air_standards_;
  water::WaterRules water_rules_;
  Targets targets_;
  std::mutex mu_;
  std::shared_ptr<const Snapshot> current_;
  int64_t cache_version_ = -1;
  std::unordered_map<std::string, ResultPtr> cache_;
};

}  // namespace ecociv::server
