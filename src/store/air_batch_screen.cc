#include "air_batch_screen.h"

#include <set>

#include "station_table.h"

namespace ecociv::store {

namespace {

// What the batch wrote: its stations, their cities and its hours, as
// ScopeOfBatch reads them back.
struct WrittenScope {
  std::vector<std::string> subjects;
  std::vector<std::string> cities;
  HourLabel from = 0, to = -1;
};

WrittenScope ScopeOf(const air::AirDataset& dataset,
                     const std::map<std::string, StationRow>& stations) {
  WrittenScope scope;
  std::set<std::string> cities;
  for (const air::StationSeries& series : dataset.stations()) {
    bool any = false;
    for (int32_t i = 0; i < dataset.hour_count(); ++i) {
      if (AllMissing(ValuesAt(series, i))) continue;
      HourLabel label = dataset.first_label() + i;
      bool first = scope.subjects.empty() && !any;
      scope.from = first ? label : std::min(scope.from, label);
      scope.to = first ? label : std::max(scope.to, label);
      any = true;
    }
    if (!any) continue;
    scope.subjects.push_back(series.info.code);
    cities.insert(stations.at(series.info.code).city);
  }
  scope.cities.assign(cities.begin(), cities.end());
  return scope;
}

// True when a stored station not in the file has a row within from..to.
StatusOr<bool> NeighboursStored(Database* db, const std::map<std::string, StationRow>& table,
                                const air::AirDataset& dataset, HourLabel from, HourLabel to) {
  std::set<std::string> in_file;
  for (const air::StationSeries& series : dataset.stations()) in_file.insert(series.info.code);
  ECOCIV_ASSIGN_OR_RETURN(auto probe, db->Prepare("SELECT 1 FROM air_hourly WHERE station_id = ? "
                                                  "AND label BETWEEN ? AND ? LIMIT 1"));
  for (const auto& [code, row] : table) {
    if (in_file.count(code)) continue;
    probe->BindInt64(0, row.id);
    probe->BindInt64(1, from);
    probe->BindInt64(2, to);
    Status status;
    bool stored = probe->Step(&status);
    probe->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
    if (stored) return true;
  }
  return false;
}

}  // namespace

StatusOr<std::optional<int64_t>> ScreenNewAirRows(Database* db, int64_t batch_id,
                                                  const ReviewRules& rules,
                                                  const air::AirDataset& dataset,
                                                  const std::map<std::string, StationRow>& stations,
                                                  const AirFlagMap* flags) {
  WrittenScope scope = ScopeOf(dataset, stations);
  if (scope.subjects.empty()) return std::optional<int64_t>(0);
  // What LoadAirDataset would read for the scope's cities (every station of
  // them, background ones too, in code order, invalidated values kept).
  ECOCIV_ASSIGN_OR_RETURN(auto table, ReadStationsOfCities(db, scope.cities));
  ECOCIV_ASSIGN_OR_RETURN(bool neighbours, NeighboursStored(db, table, dataset, scope.from,
                                                            scope.to));
  if (neighbours) return std::optional<int64_t>();
  std::map<std::string, const air::StationSeries*> file_series;
  for (const air::StationSeries& series : dataset.stations()) {
    file_series[series.info.code] = &series;
  }
  std::vector<const air::StationSeries*> sources;
  std::vector<air::StationInfo> infos;
  for (const auto& [code, row] : table) {
    if (std::find(scope.cities.begin(), scope.cities.end(), row.city) == scope.cities.end()) {
      continue;
    }
    auto it = file_series.find(code);
    sources.push_back(it != file_series.end() ? it->second : nullptr);
    infos.push_back(StationInfoOf(row));
  }
  air::AirDataset loaded = air::AirDataset::Make(scope.from, scope.to, std::move(infos), false);
  const int32_t offset = scope.from - dataset.first_label();
  for (size_t s = 0; s < sources.size(); ++s) {
    if (sources[s] == nullptr) continue;  // no stored row in the span (checked)
    air::StationSeries& out = loaded.mutable_stations()[s];
    for (int32_t i = 0; i < loaded.hour_count(); ++i) {
      AirValues values = ValuesAt(*sources[s], offset + i);
      if (AllMissing(values)) continue;  // not stored
      const std::string* row_flags = nullptr;
      if (flags != nullptr) {
        auto f = flags->find({out.info.code, scope.from + i});
        if (f != flags->end()) row_flags = &f->second;
      }
      for (int p = 0; p < air::kPollutantCount; ++p) {
        // Values stored with a data flag come back missing (LoadAirDataset).
        bool left_out = row_flags != nullptr && AirValueFlagged(*row_flags, p) && values[p] >= 0;
        out.values[p][i] = left_out ? air::kMissing : values[p];
      }
    }
  }
  std::vector<ReviewFlag> found = ScreenAirDataset(loaded, rules);
  ECOCIV_ASSIGN_OR_RETURN(int64_t stored, RecordAirScreening(db, batch_id, rules, found,
                                                             std::move(scope.subjects), scope.from,
                                                             scope.to));
  return std::optional<int64_t>(stored);
}

}  // namespace ecociv::store
