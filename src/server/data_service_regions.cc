// DataService: results over a region's part of the store (data_service.h):
// the water assessment of a region's sections, made by the engine and shaped
// exactly as the store-wide one, over a sample set that holds those sections
// alone (so the shares are the region's); and a region's engine figures for
// the indicators: its stations' air as one city, its sections' water.
#include "data_service.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/series.h"
#include "ecociv/core/exact.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/report.h"
#include "snapshot.h"

namespace ecociv::server {

namespace {

// The sections of `all` named in `keep`, with their samples (section indexes
// renumbered).
water::SampleSet SubsetOf(const water::SampleSet& all, const std::set<std::string>& keep) {
  water::SampleSet out;
  std::vector<int32_t> index(all.sections.size(), -1);
  for (size_t i = 0; i < all.sections.size(); ++i) {
    if (!keep.count(all.sections[i].id)) continue;
    index[i] = static_cast<int32_t>(out.sections.size());
    out.sections.push_back(all.sections[i]);
  }
  for (const water::Sample& sample : all.samples) {
    if (index[sample.section] < 0) continue;
    out.samples.push_back(sample);
    out.samples.back().section = index[sample.section];
  }
  return out;
}

// The computed value of `key` in `cache`, computed by `compute` once (`mu`
// guards the snapshot's caches).
template <typename T, typename F>
StatusOr<T> Once(std::map<std::string, std::shared_ptr<const StatusOr<T>>>& cache,
                 const std::string& key, std::mutex* mu, F compute) {
  {
    std::lock_guard<std::mutex> lock(*mu);
    auto it = cache.find(key);
    if (it != cache.end()) return *it->second;
  }
  auto result = std::make_shared<const StatusOr<T>>(compute());
  std::lock_guard<std::mutex> lock(*mu);
  cache[key] = result;
  return *result;
}

// Source of a region's engine figures over one snapshot.
class RegionFigures : public indicators::EngineFigureSource {
 public:
  RegionFigures(DataService* service, std::shared_ptr<const Snapshot> snapshot,
                DataService::RegionPart part)
      : service_(service), snapshot_(std::move(snapshot)), part_(std::move(part)) {}
  StatusOr<indicators::AirFigures> Air(int year) override {
    return service_->RegionAirFigures(*snapshot_, part_, year);
  }
  StatusOr<indicators::WaterFigures> Water(int year) override {
    return service_->RegionWaterFigures(*snapshot_, part_, year);
  }
  StatusOr<space::CoverReport> Cover(int) override { return WholeStoreOnly(); }
  StatusOr<space::BaselineComparison> Promises(int) override { return WholeStoreOnly(); }

 private:
  Status WholeStoreOnly() const {
    return NotFoundError("the land cover and the red lines are the whole store's, not region " +
                         part_.region + "'s");
  }
  DataService* service_;
  std::shared_ptr<const Snapshot> snapshot_;
  DataService::RegionPart part_;
};

}  // namespace

StatusOr<indicators::AirFigures> DataService::RegionAirFigures(const Snapshot& s,
                                                               const RegionPart& part, int year) {
  return Once(s.region_air_figures, part.region + "|" + std::to_string(year), &mu_,
              [&]() -> StatusOr<indicators::AirFigures> {
                // The members of the region's "city", as StationsOfCity chooses a city's.
                const air::AssessmentRules& rules = air_standards_.assessment();
                std::vector<int> members;
                for (size_t i = 0; i < s.data.stations().size(); ++i) {
                  const air::StationInfo& info = s.data.stations()[i].info;
                  if (!part.stations.count(info.code)) continue;
                  if (rules.city_exclude_background && info.background) continue;
                  members.push_back(static_cast<int>(i));
                }
                if (members.empty()) {
                  return NotFoundError("no air station in region " + part.region);
                }
                std::vector<air::DailyRecord> days;
                if (!rules.city_average_hourly) {
                  // A station's series index is its index: the series list stations first.
                  std::vector<std::vector<air::DailyRecord>> each;
                  for (int m : members) {
                    ECOCIV_ASSIGN_OR_RETURN(auto d, DailyOf(s, air_standards_, &mu_, m, ""));
                    each.push_back(*d);
                  }
                  ECOCIV_ASSIGN_OR_RETURN(days,
                                          air::CityDailyFromStations(each, air_standards_, ""));
                } else {
                  air::CitySeriesBuilder city(part.name, s.data.first_label(),
                                              s.data.hour_count());
                  for (int m : members) city.Add(s.data.stations()[m]);
                  ECOCIV_ASSIGN_OR_RETURN(air::HourlySeries series, city.Finish(rules));
                  ECOCIV_ASSIGN_OR_RETURN(days, air::ComputeDaily(series, air_standards_, ""));
                }
                return indicators::AirFiguresOfDays(days, air_standards_, part.name, year);
              });
}

StatusOr<indicators::WaterFigures> DataService::RegionWaterFigures(const Snapshot& s,
                                                                   const RegionPart& part,
                                                                   int year) {
  return Once(s.region_water_figures, part.region + "|" + std::to_string(year), &mu_,
              [&]() -> StatusOr<indicators::WaterFigures> {
                water::SampleSet set = SubsetOf(s.water, part.sections);
                if (set.sections.empty()) {
                  return NotFoundError("no water section in region " + part.region);
                }
                water::SectionSamples index = water::IndexSamples(set);
                ECOCIV_ASSIGN_OR_RETURN(
                    water::Assessment a,
                    WithOverflowCheck("water assessment", [&]() -> StatusOr<water::Assessment> {
                      return water::Assess(
                          water_rules_, set, index,
                          water::RangePeriod(DaysFromCivil(CivilDate{year, 1, 1}),
                                             DaysFromCivil(CivilDate{year, 12, 31})));
                    }));
                return indicators::WaterFiguresOf(a, water_rules_, year);
              });
}

std::unique_ptr<indicators::EngineFigureSource> DataService::RegionEngineFigures(
    std::shared_ptr<const Snapshot> s, RegionPart part) {
  return std::make_unique<RegionFigures>(this, std::move(s), std::move(part));
}

StatusOr<ResultPtr> DataService::WaterAssessmentOf(const Snapshot& s, const std::string& from,
                                                   const std::string& to, const std::string& region,
                                                   const std::set<std::string>& sections) {
  ECOCIV_ASSIGN_OR_RETURN(DayNumber from_day, DayParam(from, 0, "from"));
  ECOCIV_ASSIGN_OR_RETURN(DayNumber to_day, DayParam(to, 0, "to"));
  if (from.empty() || to.empty()) return InvalidArgumentError("from and to are required");
  if (to_day < from_day) return InvalidArgumentError("to is before from");
  const std::string key = "water-assess-region|" + region + "|" + from + "|" + to;
  return Cached(s, key, [&]() -> StatusOr<Json> {
    water::SampleSet set = SubsetOf(s.water, sections);
    if (set.samples.empty()) {
      return NotFoundError("no water samples in the sections of region " + region);
    }
    water::SectionSamples index = water::IndexSamples(set);
    ECOCIV_ASSIGN_OR_RETURN(
        water::Assessment a,
        WithOverflowCheck("water assessment", [&]() -> StatusOr<water::Assessment> {
          return water::Assess(water_rules_, set, index, water::RangePeriod(from_day, to_day));
        }));
    return Json::parse(water::AssessmentJson(water_rules_, set, a, nullptr));
  });
}

}  // namespace ecociv::server
