// Surface-water data in the store: importing sections and samples, and
// reading samples back as a water::SampleSet so the water engine computes
// from the database exactly as from files.
//
// The import contract is that of import.h (one transaction per file, every
// bad row listed as "file:line: reason", --skip-bad-rows, re-import no-op,
// revisions kept, a change-record entry binding the batch's fingerprints).
// Files are parsed by the water engine's own readers (water/samples.h), so
// the store accepts exactly what `ecociv water` accepts, plus .xlsx sheets.
// A sample is stored per (section, day, item); two different values for the
// same key in one file reject the later row.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/store/database.h"
#include "ecociv/store/import.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::store {

// Sections CSV (section,name,river,type,target_class,level[,chief][,basin]).
StatusOr<ImportResult> ImportSectionsFile(Database* db, const std::string& path,
                                          const ImportOptions& options);

// Samples (long or wide CSV, or .xlsx); every section must be in the store.
// Items are recognised by the water rules (options.standards_dir, or the
// built-in standards).
StatusOr<ImportResult> ImportWaterFile(Database* db, const std::string& path,
                                       const ImportOptions& options);

// The write half of ImportWaterFile, for samples already in memory (an HJ 212
// daily packet): `set.sections` must all be in the store; `flags` is empty or
// one HJ 212 data flag per sample ('N' or 0: none; another letter is stored
// with the sample, which is then left out of statistics). `source` names the
// batch and `content_sha256` identifies it for re-import detection.
// options.in_transaction writes inside the caller's transaction.
StatusOr<ImportResult> ImportWaterSamples(Database* db, const water::SampleSet& set,
                                          const water::WaterRules& rules,
                                          const std::vector<char>& flags,
                                          const std::string& source,
                                          const std::string& content_sha256,
                                          const ImportOptions& options);

struct WaterQuery {
  std::vector<std::string> sections;  // codes; empty = every section
  std::optional<DayNumber> from, to;  // inclusive
  bool include_invalidated = false;   // keep samples a reviewer invalidated
  bool include_flagged = false;       // keep samples stored with an HJ 212 flag other than N
};

// The selected sections (in code order) and their samples, without those a
// reviewer invalidated (review.h) unless include_invalidated. Items unknown
// to `rules` are an error naming them.
StatusOr<water::SampleSet> LoadWaterSamples(Database* db, const WaterQuery& query,
                                            const water::WaterRules& rules);

}  // namespace ecociv::store
