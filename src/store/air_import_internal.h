// Internal to the store: what the two halves of an air import share. The
// batch is written by air_import.cc (ImportAirDataset and the rows); a file
// is read, its unknown stations added or its rows rejected, by
// air_import_file.cc (ImportAirFile).
//
// Thread safety: as the Database.
#pragma once

#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/store/database.h"
#include "ecociv/store/import.h"

namespace ecociv::store {

// Writes the air batch inside the caller's transaction: rows, fingerprints,
// the change-record entry and the screening flags. Fills the counts of *result.
Status WriteAirBatch(Database* db, const air::AirDataset& dataset, const std::string& source,
                     const std::string& content_sha256, const std::vector<std::string>& rejects,
                     const ImportOptions& options, ImportResult* result);

// Orders rejects by part (sheet, labelled as in `labels`), then line:
// "label:line: reason".
void SortRejects(const std::vector<std::string>& labels, std::vector<std::string>* rejects);

}  // namespace ecociv::store
