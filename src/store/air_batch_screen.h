// Screening an air import batch from the rows it has just written (internal).
//
// ScreenBatch reloads what the batch wrote: its stations and their cities
// from the store (ScopeOfBatch), then every stored row of those cities over
// the batch's hours (LoadAirDataset), a quarter of the import of a national
// month. When nothing but the batch's own rows lies in that scope — the first
// import of a period, or of a fresh store — the reload is exactly the file's
// rows, so the same dataset is built from the file's dataset in memory and
// screened with the same rules into the same stored run and flags.
//
// Thread safety: as the Database.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "canonical.h"
#include "ecociv/air/dataset.h"
#include "ecociv/store/database.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"

namespace ecociv::store {

// Screens batch `batch_id`, which wrote the non-empty rows of `dataset` as
// new rows (no station-hour of the file was stored before), `stations` the
// stored rows of its stations by code and `flags` their data flags (or null).
// The number of new flags, or nullopt when other stored rows lie in the
// batch's scope (neighbouring stations of its cities over its hours): the
// caller then screens with ScreenBatch.
StatusOr<std::optional<int64_t>> ScreenNewAirRows(Database* db, int64_t batch_id,
                                                  const ReviewRules& rules,
                                                  const air::AirDataset& dataset,
                                                  const std::map<std::string, StationRow>& stations,
                                                  const AirFlagMap* flags);

// Stores the screening run of an air batch with the flags ScreenAirDataset
// found over its scope (its stations `subjects`, hours from..to), as
// ScreenBatch does (review_store.cc).
StatusOr<int64_t> RecordAirScreening(Database* db, int64_t batch_id, const ReviewRules& rules,
                                     const std::vector<ReviewFlag>& flags,
                                     std::vector<std::string> subjects, int32_t from, int32_t to);

}  // namespace ecociv::store
