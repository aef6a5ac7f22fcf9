#include "ecociv/store/air_store.h"

#include <algorithm>
#include <set>

#include "canonical.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

bool Selected(const StationRow& s, const AirQuery& q) {
  auto contains = [](const std::vector<std::string>& list, const std::string& v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  return contains(q.cities, s.city) && contains(q.stations, s.code) &&
         (q.include_background || !s.background);
}

// The span of stored hours of the stations, or an empty optional.
StatusOr<std::pair<HourLabel, HourLabel>> StoredSpan(Database* db,
                                                     const std::vector<StationRow>& rows) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT min(label), max(label) FROM "
                                                  "air_hourly WHERE station_id = ?"));
  HourLabel first = INT32_MAX, last = INT32_MIN;
  Status status;
  for (const StationRow& row : rows) {
    query->BindInt64(0, row.id);
    if (query->Step(&status) && !query->ColumnIsNull(0)) {
      first = std::min<HourLabel>(first, query->ColumnInt64(0));
      last = std::max<HourLabel>(last, query->ColumnInt64(1));
    }
    query->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return std::make_pair(first, last);
}

Status FillValues(Database* db, const std::vector<StationRow>& rows, bool include_flagged,
                  air::AirDataset* dataset) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query, db->Prepare("SELECT label, so2, no2, co, o3, pm10, pm25, not_monitored, flags "
                              "FROM air_hourly WHERE station_id = ? AND label BETWEEN ? AND ?"));
  const HourLabel first = dataset->first_label();
  for (size_t s = 0; s < rows.size(); ++s) {
    auto& values = dataset->mutable_stations()[s].values;
    query->BindInt64(0, rows[s].id);
    query->BindInt64(1, first);
    query->BindInt64(2, dataset->last_label());
    Status status;
    while (query->Step(&status)) {
      int64_t index = query->ColumnInt64(0) - first;
      AirValues row = ColumnAirValues(*query, 1);
      std::string flags = query->ColumnText(8);
      for (int p = 0; p < air::kPollutantCount; ++p) {
        bool left_out = !include_flagged && AirValueFlagged(flags, p) && row[p] >= 0;
        values[p][index] = left_out ? air::kMissing : row[p];
      }
    }
    query->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

// Applies review decisions in the order they were made: invalidate marks
// values, clear unmarks them; marked values become missing.
Status ApplyDecisions(Database* db, const std::vector<StationRow>& rows, air::AirDataset* dataset) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT pollutant, label_from, label_to, action "
                                                  "FROM review_decisions WHERE station_id = ? "
                                                  "AND label_to >= ? AND label_from <= ? "
                                                  "ORDER BY id"));
  const HourLabel first = dataset->first_label(), last = dataset->last_label();
  for (size_t s = 0; s < rows.size(); ++s) {
    std::array<std::vector<bool>, air::kPollutantCount> invalid;
    query->BindInt64(0, rows[s].id);
    query->BindInt64(1, first);
    query->BindInt64(2, last);
    Status status;
    while (query->Step(&status)) {
      std::string pollutant = query->ColumnText(0);
      HourLabel from = std::max<HourLabel>(first, query->ColumnInt64(1));
      HourLabel to = std::min<HourLabel>(last, query->ColumnInt64(2));
      bool mark = query->ColumnText(3) == "invalidate";
      for (int p = 0; p < air::kPollutantCount; ++p) {
        if (pollutant != "all" && pollutant != air::PollutantKey(air::Pollutant(p))) continue;
        invalid[p].resize(dataset->hour_count(), false);
        for (HourLabel l = from; l <= to; ++l) invalid[p][l - first] = mark;
      }
    }
    query->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
    auto& values = dataset->mutable_stations()[s].values;
    for (int p = 0; p < air::kPollutantCount; ++p) {
      for (size_t i = 0; i < invalid[p].size(); ++i) {
        if (invalid[p][i]) values[p][i] = air::kMissing;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

air::StationInfo StationInfoOf(const StationRow& s) {
  air::StationInfo info;
  info.code = s.code;
  info.name = s.name;
  info.city = s.city;
  info.longitude = std::strtod(s.longitude.c_str(), nullptr);
  info.latitude = std::strtod(s.latitude.c_str(), nullptr);
  info.background = s.background;
  return info;
}

StatusOr<air::AirDataset> LoadAirDataset(Database* db, const AirQuery& query) {
  // Only the stations asked for are read (a query for one station of a large
  // table is common); Selected applies every condition as before.
  StatusOr<std::map<std::string, StationRow>> read =
      !query.stations.empty() ? ReadStationsByCode(db, query.stations)
      : !query.cities.empty() ? ReadStationsOfCities(db, query.cities)
                              : ReadStationTable(db);
  ECOCIV_ASSIGN_OR_RETURN(auto table, std::move(read));
  std::vector<StationRow> rows;
  std::vector<air::StationInfo> infos;
  for (const auto& [code, station] : table) {
    if (!Selected(station, query)) continue;
    rows.push_back(station);
    infos.push_back(StationInfoOf(station));
  }
  if (rows.empty()) return NotFoundError("no station in the database matches the selection");
  HourLabel first = query.from.value_or(0), last = query.to.value_or(-1);
  if (!query.from || !query.to) {
    ECOCIV_ASSIGN_OR_RETURN(auto span, StoredSpan(db, rows));
    if (span.first > span.second) span = {0, -1};  // nothing stored
    if (!query.from) first = span.first;
    if (!query.to) last = span.second;
  }
  if (first > last) last = first - 1;  // nothing stored: an empty range
  air::AirDataset dataset = air::AirDataset::Make(first, last, std::move(infos), false);
  if (dataset.hour_count() == 0) return dataset;
  ECOCIV_RETURN_IF_ERROR(FillValues(db, rows, query.include_flagged, &dataset));
  if (!query.include_invalidated) ECOCIV_RETURN_IF_ERROR(ApplyDecisions(db, rows, &dataset));
  return dataset;
}

StatusOr<std::vector<std::string>> ListAirCities(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto table, ReadStationTable(db));
  std::vector<std::string> cities;
  for (const auto& [code, row] : table) {
    if (row.city.empty()) continue;
    if (std::find(cities.begin(), cities.end(), row.city) == cities.end())
      cities.push_back(row.city);
  }
  return cities;
}

}  // namespace ecociv::store
