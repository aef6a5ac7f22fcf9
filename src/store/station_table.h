// Reading the stations table (internal). Thread safety: as the Database.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch.h"
#include "canonical.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

// Every station, by code.
StatusOr<std::map<std::string, StationRow>> ReadStationTable(Database* db);
// The stations with these codes (those that exist), by code: for callers
// that need a few stations of a large table (an HJ 212 packet's batch).
StatusOr<std::map<std::string, StationRow>> ReadStationsByCode(Database* db,
                                                               const std::vector<std::string>& codes);
// The stations of these cities, by code.
StatusOr<std::map<std::string, StationRow>> ReadStationsOfCities(
    Database* db, const std::vector<std::string>& cities);

// A stored station as the air engine knows it (air_store.cc).
air::StationInfo StationInfoOf(const StationRow& station);

// Every section, by code.
StatusOr<std::map<std::string, SectionRow>> ReadSectionTable(Database* db);

// Writes `rows` (inserting new stations, revising changed ones) as the
// stations batch `batch` (kind, source and content_sha256 set by the caller),
// with its change-record entry, inside the caller's transaction. `revised`
// receives the codes of revised stations, space separated.
Status WriteStationBatch(Database* db, const std::vector<StationRow>& rows,
                         const std::vector<std::string>& rejects, const Actor& actor,
                         BatchRecord* batch, std::string* revised);

}  // namespace ecociv::store
