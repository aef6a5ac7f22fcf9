// Reading the stations table (internal). Thread safety: as the Database.
#pragma once

#include <map>
#include <string>

#include "canonical.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

// Every station, by code.
StatusOr<std::map<std::string, StationRow>> ReadStationTable(Database* db);

}  // namespace ecociv::store
