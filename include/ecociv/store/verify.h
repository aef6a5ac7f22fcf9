// `ecociv db verify`: re-walks the change record and every import batch's row
// fingerprints, and names each entry or row changed, deleted or inserted
// outside the program.
//
// What is checked (see docs/store.md, "Verify"):
//   - the chain: sequence numbers 1..n without gaps, each prev_hash equal to
//     the previous entry's hash, each hash recomputed;
//   - each import batch against the payload digest of its entry, and its
//     row fingerprints against its rows_sha256;
//   - every air row and station, current or superseded, against the
//     fingerprints of the batch that wrote it;
//   - every review decision and screening run against its entry.
// Limits: the chain is unkeyed SHA-256, so someone who rewrites the data AND
// recomputes every later hash is caught only by comparing the head hash with
// one kept elsewhere (`ecociv audit log` prints it).
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <string>
#include <vector>

#include "ecociv/store/database.h"

namespace ecociv::store {

struct VerifyReport {
  std::vector<std::string> problems;  // one line per entry or row, in check order
  int64_t entries_checked = 0;
  int64_t batches_checked = 0;
  int64_t rows_checked = 0;
  std::string head_hash;  // hash of the last entry

  bool ok() const { return problems.empty(); }
  std::string Summary() const;
};

StatusOr<VerifyReport> VerifyDatabase(Database* db);

}  // namespace ecociv::store
