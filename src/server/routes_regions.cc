// Routes of the regions (store/regions.h): the regions the caller sees, and
// the ranking of regions of one level (the counties of a province or city,
// as provinces publish monthly) by the HJ 663 composite index (综合指数) and
// the good-day ratio (优良天数比例) of a month, each region assessed as a
// city is: the hourly means of the stations of its subtree (background
// stations left out when the rules say so), their daily values, the period
// assessment. Computed from the store per data version and cached.
#include <algorithm>
#include <memory>
#include <mutex>

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/series.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/message_text.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/summary.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

Json RegionJson(const store::Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"name_en", r.name_en},
          {"level", r.level},
          {"parent", r.parent}};
}

StatusOr<HttpResponse> Regions(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::Region> all, store::ListRegions(c.db));
  Json rows = Json::array();
  Json above = Json::array();
  for (const store::Region& r : all) {
    if (scope.SeesRegion(r.code)) rows.push_back(RegionJson(r));
    if (scope.IsAbove(r.code)) above.push_back(RegionJson(r));
  }
  return JsonResponse({{"region", scope.region()}, {"regions", rows}, {"above", above}});
}

// The month of `text` (YYYY-MM) as its first and last day.
StatusOr<std::pair<DayNumber, DayNumber>> MonthParam(const std::string& text) {
  auto first = ParseDate(text + "-01");
  if (text.size() != 7 || !first.ok()) {
    return InvalidArgumentError("month must be YYYY-MM, not " + QuoteForMessage(text));
  }
  CivilDate next = CivilFromDays(*first);
  next.month = next.month == 12 ? 1 : next.month + 1;
  if (next.month == 1) ++next.year;
  return std::make_pair(*first, DaysFromCivil(next) - 1);
}

// One region's row: its figures of [from, to] over `data`'s stations whose
// city is the region's code (none: the row has no figures and no rank).
struct Ranked {
  Json row;
  std::optional<Ratio> composite, good_days;
};

StatusOr<Ranked> AssessRegion(const store::Region& r, int station_count,
                              const air::AirDataset& data, const air::AirStandards& standards,
                              DayNumber from, DayNumber to) {
  Ranked out;
  out.row = RegionJson(r);
  out.row["stations"] = station_count;
  const auto& rules = standards.assessment();
  auto series = air::SeriesOfCity(data, r.code, rules);
  if (!series.ok()) return out;  // no station of the region in the data
  ECOCIV_ASSIGN_OR_RETURN(auto days, air::DailyOfSeries(data, *series, standards, ""));
  air::PeriodOptions options;
  options.from = from;
  options.to = to;
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodAssessment a, air::AssessPeriod(days, standards, options));
  out.row["days_valid"] = a.days_valid;
  out.row["days_in_period"] = a.days_in_period;
  out.row["good_days"] = a.good_days;
  auto figure = [](const std::optional<Ratio>& v, int decimals) -> Json {
    return v ? Json(FormatRounded(*v, decimals)) : Json();
  };
  out.row["good_day_ratio"] = figure(a.good_day_ratio, rules.ratio_percent_decimals);
  out.row["composite_index"] = figure(a.composite_index, rules.composite_index_decimals);
  out.row["pm25"] = figure(a.pollutants[static_cast<int>(air::Pollutant::kPM25)].mean, 0);
  if (a.days_valid > 0) {
    out.composite = a.composite_index;
    out.good_days = a.good_day_ratio;
  }
  return out;
}

// Ranks (1 = best; equal figures share a rank; no figure, no rank) into
// `key` of each row: `lower_better` for the composite index.
void Rank(std::vector<Ranked>* rows, std::optional<Ratio> Ranked::*figure, const char* key,
          bool lower_better) {
  for (Ranked& r : *rows) {
    if (!(r.*figure)) {
      r.row[key] = nullptr;
      continue;
    }
    int better = 0;
    for (const Ranked& other : *rows) {
      if (!(other.*figure)) continue;
      if (lower_better ? *(other.*figure) < *(r.*figure) : *(r.*figure) < *(other.*figure))
        ++better;
    }
    r.row[key] = better + 1;
  }
}

// Rankings as served (the JSON text), per data version: a hit costs a lookup
// and a copy of the text, not a serialisation.
class RankingCache {
 public:
  std::shared_ptr<const std::string> Get(int64_t version, const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    if (version != version_) return nullptr;
    auto it = cache_.find(key);
    if (it == cache_.end()) return nullptr;
    return it->second;
  }
  void Put(int64_t version, const std::string& key, std::shared_ptr<const std::string> body) {
    std::lock_guard<std::mutex> lock(mu_);
    if (version > version_) {
      cache_.clear();
      version_ = version;
    }
    if (version == version_ && cache_.size() < 512) cache_[key] = std::move(body);
  }

 private:
  std::mutex mu_;
  int64_t version_ = -1;
  std::map<std::string, std::shared_ptr<const std::string>> cache_;
};

StatusOr<Json> ComputeRanking(Call& c, DataService& data, const RegionScope& scope,
                              const std::string& level, const std::string& month) {
  ECOCIV_ASSIGN_OR_RETURN(auto span, MonthParam(month));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::Region> all, store::ListRegions(c.db));
  ECOCIV_ASSIGN_OR_RETURN(auto station_regions, store::RegionsOf(c.db, "station"));
  std::vector<store::RegionWithSubtree> targets =
      store::RegionsAtLevel(all, scope.region(), level);
  // Each station to the ranked region whose subtree holds it (subtrees of
  // one level do not overlap).
  std::map<std::string, std::string> ranked_region_of;
  std::map<std::string, int> station_counts;
  for (const auto& [station, region] : station_regions) {
    for (const auto& t : targets) {
      if (t.subtree.count(region)) {
        ranked_region_of[station] = t.region.code;
        ++station_counts[t.region.code];
      }
    }
  }
  air::AirDataset dataset;
  if (!ranked_region_of.empty()) {
    store::AirQuery query;
    for (const auto& [station, region] : ranked_region_of) query.stations.push_back(station);
    query.from = LabelAt(span.first, 1);
    query.to = LabelAt(span.second, 24);
    ECOCIV_ASSIGN_OR_RETURN(dataset, store::LoadAirDataset(c.db, query));
    // A region is assessed as a city of its stations: the city is its code.
    for (auto& station : dataset.mutable_stations())
      station.info.city = ranked_region_of[station.info.code];
  }
  std::vector<Ranked> rows;
  for (const auto& t : targets) {
    ECOCIV_ASSIGN_OR_RETURN(Ranked r, AssessRegion(t.region, station_counts[t.region.code],
                                                   dataset, data.air_standards(), span.first,
                                                   span.second));
    rows.push_back(std::move(r));
  }
  Rank(&rows, &Ranked::composite, "rank_composite", /*lower_better=*/true);
  Rank(&rows, &Ranked::good_days, "rank_good_days", /*lower_better=*/false);
  std::stable_sort(rows.begin(), rows.end(), [](const Ranked& a, const Ranked& b) {
    const Json &x = a.row["rank_composite"], &y = b.row["rank_composite"];
    if (x.is_null() != y.is_null()) return y.is_null();
    return !x.is_null() && x.get<int>() < y.get<int>();
  });
  Json out_rows = Json::array();
  for (Ranked& r : rows) out_rows.push_back(std::move(r.row));
  return Json{{"region", scope.region()},
              {"level", level},
              {"month", month},
              {"from", FormatDate(span.first)},
              {"to", FormatDate(span.second)},
              {"rows", out_rows}};
}

StatusOr<HttpResponse> Ranking(Call& c, DataService& data, RankingCache& cache) {
  std::string level = c.Query("level");
  if (level.empty()) level = "county";
  if (level != "province" && level != "city" && level != "county") {
    return InvalidArgumentError("level must be province, city or county");
  }
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  std::string month = c.Query("month");
  if (month.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
    month = data.LastDay(*snap).substr(0, 7);
    if (month.empty()) return NotFoundError("no air data in the store");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t version, DataVersionOf(c));
  const std::string key = scope.region() + "|" + level + "|" + month;
  if (auto hit = cache.Get(version, key)) return BodyResponse(*hit);
  ECOCIV_ASSIGN_OR_RETURN(Json out, ComputeRanking(c, data, scope, level, month));
  auto body = std::make_shared<const std::string>(out.dump());
  cache.Put(version, key, body);
  return BodyResponse(*body);
}

}  // namespace

void RegisterRegionRoutes(RouteRegistry& routes, ApiContext& ctx) {
  auto cache = std::make_shared<RankingCache>();
  routes.Add("GET", "/api/v1/regions", kAnyone, Regions);
  routes.Add("GET", "/api/v1/regions/ranking", kReaders,
             [&ctx, cache](Call& c) { return Ranking(c, *ctx.data, *cache); });
}

}  // namespace ecociv::server
