// Reading hourly air data back out of the store as an air::AirDataset, so
// the air engine computes from the database exactly as from files.
//
// Values a reviewer invalidated (review.h) come back as air::kMissing unless
// include_invalidated is set; so do values stored with an HJ 212 data flag
// other than N (stopped, maintenance, calibration…) unless include_flagged. Stations are in code order; the hour range is
// the query's, or the span of the stored values of the selected stations.
// Published AQI values are not stored, so the dataset has no published part.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct AirQuery {
  std::vector<std::string> cities;    // empty = every city
  std::vector<std::string> stations;  // codes; empty = every station (of those cities)
  std::optional<HourLabel> from, to;  // inclusive hour labels
  bool include_background = true;
  bool include_invalidated = false;
  bool include_flagged = false;
};

// NotFound when no station matches; an empty range gives a dataset with
// the stations and no hours.
StatusOr<air::AirDataset> LoadAirDataset(Database* db, const AirQuery& query);

// The cities of the stored stations (none empty), each once, in station code
// order: the order air::AirDataset lists them in.
StatusOr<std::vector<std::string>> ListAirCities(Database* db);

}  // namespace ecociv::store
