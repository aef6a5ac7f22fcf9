// Imports into the store: station lists and hourly air data (water sections
// and samples: water_store.h), each file in one transaction. Every importer
// reads CSV (plain, .xz, .gz) and .xlsx workbooks (xlsx.h).
//
// Contract (see docs/store.md):
//   - A file with any rejected row changes nothing; the result lists every
//     rejected row as "file:line: reason" (outcome kRejected). With
//     skip_bad_rows the good rows are imported and the rejects are stored
//     with their reasons in import_rejects.
//   - A file that cannot be read at all (missing, truncated .xz, empty,
//     unrecognised header) is a non-OK Status; nothing changes.
//   - Re-importing content already imported (same SHA-256 of the
//     decompressed text, same kind) is a no-op (outcome kUnchanged).
//   - Rows that change stored values are revisions: the old values are kept
//     (air_revisions), counted, and named in the change record.
//   - Every import appends one change-record entry binding the batch's row
//     fingerprints (see change_log.h).
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct ReviewRules;  // review.h

// Data flags of imported air rows (HJ 212 packets), by station code and hour
// label: one letter per pollutant in air::Pollutant order, 'N' for normal.
// A value whose letter is not 'N' is stored with it and left out of
// statistics (air_store.h).
using AirFlagMap = std::map<std::pair<std::string, HourLabel>, std::string>;

struct ImportOptions {
  bool skip_bad_rows = false;
  // Air import: add stations the database lacks from the file's own metadata
  // (name, city, coordinates: CNEMC and Zhejiang releases), as a stations
  // batch in the same transaction. Stations without a city stay unknown.
  bool add_stations = false;
  Actor actor;
  // Screen the imported air data with the review rules (review.h) in the
  // same transaction. `review_config` is a rules file; empty = built-in.
  bool screen = true;
  std::string review_config;
  // Called after every `progress_every` air rows written (tests use it to
  // kill an import midway).
  std::function<void(int64_t rows_written)> progress;
  int64_t progress_every = 100000;
  // Water imports: the standards folder overriding the built-in water rules
  // (items and their names); empty = built-in.
  std::string standards_dir;
  // Air data imported from memory (ImportAirDataset): the rows' data flags.
  // Rows not named have none.
  const AirFlagMap* air_flags = nullptr;
  // The caller has begun a transaction (or a savepoint) and ends it: the
  // in-memory imports (ImportAirDataset, ImportWaterSamples) write inside it
  // and neither begin nor commit. The HJ 212 receiver commits many packets at
  // once this way, each in its own savepoint.
  bool in_transaction = false;
  // Screening rules already loaded (instead of review_config), for callers
  // that import many small batches.
  const ReviewRules* review_rules = nullptr;
};

enum class ImportOutcome {
  kImported,   // committed as a new batch
  kUnchanged,  // the same content was imported before: nothing to do
  kRejected,   // rejected rows and no skip_bad_rows: nothing changed
};

struct ImportResult {
  ImportOutcome outcome = ImportOutcome::kImported;
  std::string source;
  int64_t batch_id = 0;  // the new batch, or the earlier one when kUnchanged
  int64_t rows_inserted = 0;
  int64_t rows_revised = 0;
  int64_t rows_unchanged = 0;
  int64_t stations_added = 0;          // add_stations
  std::vector<std::string> rejects;    // "file:line: reason", file order
  std::vector<std::string> revisions;  // "1001A 2026-03-01T05:00 pm25 35 → 36" (first 100)
  int64_t flags_raised = 0;

  // "f.csv: imported as batch 3: 1,200 rows inserted, 2 revised, 0 unchanged, 0 rejected".
  std::string Summary() const;
};

// A station list: CSV (or .xz/.gz, or .xlsx) with a header naming at least
// station|stationcode|code, name|positionname, city|area, lon|longitude,
// lat|latitude; optional background (1/0/true/false/是/否) and type. A name
// containing "对照点" marks a background station.
StatusOr<ImportResult> ImportStationsFile(Database* db, const std::string& path,
                                          const ImportOptions& options);

// Hourly air data in any format air::ReadAirFiles reads, or an .xlsx workbook
// whose sheets have those columns. Every station must already be in the store
// (`ecociv import stations`) unless options.add_stations.
StatusOr<ImportResult> ImportAirFile(Database* db, const std::string& path,
                                     const ImportOptions& options);

// The write half of ImportAirFile, for data already in memory: stores every
// station-hour with at least one value. `source` names the data in the batch
// and `content_sha256` identifies it for re-import detection. `rejects` are
// stored with the batch (only meaningful with skip_bad_rows).
StatusOr<ImportResult> ImportAirDataset(Database* db, const air::AirDataset& dataset,
                                        const std::string& source,
                                        const std::string& content_sha256,
                                        const std::vector<std::string>& rejects,
                                        const ImportOptions& options);

// A manual correction of one stored value (or marking it missing), recorded
// like an import of one row: the old value is kept as a revision, and the
// change-record entry (action "edit.air") carries who and why.
struct AirEdit {
  std::string station;
  HourLabel label = 0;
  air::Pollutant pollutant = air::Pollutant::kPM25;
  int32_t value = air::kMissing;  // scaled by 10^4; kMissing to blank the value
};

// Errors: unknown station, no reason given (actor.why), a value equal to the
// stored one (nothing to edit).
StatusOr<ImportResult> EditAirValue(Database* db, const AirEdit& edit, const Actor& actor);

}  // namespace ecociv::store
