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

// Anchors: change-record positions (seq and hash) copied out of the database
// at some time — printed in a bulletin, mailed, sent to a group robot — by
// `ecociv audit anchor`. A chain rewritten after an anchor was taken no
// longer holds that hash at that seq, so the anchor catches what the unkeyed
// chain alone cannot. Anchor files hold lines "<seq> <hash> [anything]";
// '#' starts a comment.
struct Anchor {
  int64_t seq = 0;
  std::string hash;
  int64_t line = 0;  // in its file
};
// Errors name the file and line.
StatusOr<std::vector<Anchor>> ReadAnchors(const std::string& path);
// One problem line per anchor the chain does not hold (appended to `report`).
Status VerifyAnchors(Database* db, const std::vector<Anchor>& anchors, VerifyReport* report);

}  // namespace ecociv::store
