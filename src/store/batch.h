// Import batches: creating, finishing and fingerprinting them (internal).
//
// A batch row is inserted at the start of an import (so rows can reference
// it) and completed at the end with its counts and row fingerprints, and the
// change-record entry that binds them is appended — all inside the import's
// transaction. Thread safety: as the Database.
#pragma once

#include <string>
#include <vector>

#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/store/import.h"
#include "row_hashes.h"

namespace ecociv::store {

struct BatchRecord {
  int64_t id = 0;
  std::string kind;  // stations, sections, air, water
  std::string source;
  std::string content_sha256;
  std::string imported_at;
  std::string imported_by;
  int64_t rows_inserted = 0, rows_revised = 0, rows_unchanged = 0, rows_rejected = 0;
  std::string row_hashes;  // EncodeRowHashes
  std::string rows_sha256;
  // Not a column: SHA-256 over F(line) F(reason) of the batch's stored
  // rejects in insertion order, so the rejects are bound into the payload.
  std::string rejects_sha256;
};

std::string RejectsDigest(const std::vector<std::string>& rejects);

// The digest a batch's change-record entry carries as payload_sha256.
std::string BatchPayloadDigest(const BatchRecord& batch);

// The id of an earlier batch of `kind` with this content, or 0.
StatusOr<int64_t> FindBatchByContent(Database* db, const std::string& kind,
                                     const std::string& content_sha256);

// Inserts the batch row (counts zero) and sets batch->id, imported_at/by.
// Call inside the write transaction; FailedPrecondition when a batch of the
// same kind and content exists (a concurrent import got there first).
Status CreateBatch(Database* db, const Actor& actor, BatchRecord* batch);

// Stores counts, fingerprints (sorting *rows) and rejects, and appends the
// change-record entry.
Status FinishBatch(Database* db, const Actor& actor, RowHashList* rows,
                   const std::vector<std::string>& rejects, const std::string& extra_detail,
                   BatchRecord* batch);

// Reads every batch, in id order.
StatusOr<std::vector<BatchRecord>> ReadBatches(Database* db);

// "1,234,567".
std::string WithThousands(int64_t value);

// The 1-based line number in "file:line: reason", or 0.
int64_t LineOfReject(const std::string& reject);

}  // namespace ecociv::store
