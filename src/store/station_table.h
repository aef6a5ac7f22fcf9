// Reading the stations table (internal). Thread safety: as the Database.
#pragma once

#include <map>
#include <string>

#include "batch.h"
#include "canonical.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

// Every station, by code.
StatusOr<std::map<std::string, StationRow>> ReadStationTable(Database* db);

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
