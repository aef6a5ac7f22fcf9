// Internal to the server's DataService (data_service.h): the data of one data
// version as the engines see it, and the helpers data_service.cc and
// data_service_figures.cc share.
//
// Thread safety: a Snapshot is immutable once built, except its caches
// (`daily`, `air_figures`, `water_assessed`), which are read and filled only
// under DataService's mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "data_service.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/dataset.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/water/assessment.h"

namespace ecociv::server {

struct Snapshot {
  int64_t version = 0;
  air::AirDataset data;
  std::vector<air::HourlySeries> series;  // stations, then cities
  std::map<std::string, int> by_id;
  std::vector<std::string> cities;
  // The indicators profile's air city ("" = the store's only city): the city
  // of the targets and the engine indicators (indicators::AirCityFor).
  std::string profile_city;
  water::SampleSet water;
  water::SectionSamples water_index;
  // Daily records per "id|standard", filled on demand.
  mutable std::map<std::string, std::shared_ptr<const std::vector<air::DailyRecord>>> daily;
  // The engine indicators' air figures per year, filled on demand.
  mutable std::map<int, std::shared_ptr<const StatusOr<indicators::AirFigures>>> air_figures;
  // A region's engine figures per "region|year", filled on demand.
  mutable std::map<std::string, std::shared_ptr<const StatusOr<indicators::AirFigures>>>
      region_air_figures;
  mutable std::map<std::string, std::shared_ptr<const StatusOr<indicators::WaterFigures>>>
      region_water_figures;
  // Water assessments per (first, last) day, filled on demand.
  mutable std::map<std::pair<DayNumber, DayNumber>, std::shared_ptr<const water::Assessment>>
      water_assessed;
};

// `text` as a date (YYYY-MM-DD), `fallback` when empty; errors name `name`.
StatusOr<DayNumber> DayParam(const std::string& text, DayNumber fallback, const char* name);

// The daily records of series `index` under `standard` ("" = by date),
// computed once per snapshot; `mu` guards the snapshot's cache.
StatusOr<std::shared_ptr<const std::vector<air::DailyRecord>>> DailyOf(
    const Snapshot& s, const air::AirStandards& standards, std::mutex* mu, int index,
    const std::string& standard);

// The city of the targets and engine indicators (indicators::AirCityFor over
// the snapshot's cities).
StatusOr<std::string> AirCityOf(const Snapshot& s);

template <typename F>
StatusOr<ResultPtr> DataService::Cached(const Snapshot& s, const std::string& key, F compute) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cache_version_ == s.version) {
      auto it = cache_.find(key);
      if (it != cache_.end()) return it->second;
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(Json value, compute());
  auto result = std::make_shared<const Result>(Result{value, value.dump()});
  std::lock_guard<std::mutex> lock(mu_);
  if (cache_version_ == s.version && cache_.size() < 4096) cache_[key] = result;
  return ResultPtr(result);
}

}  // namespace ecociv::server
