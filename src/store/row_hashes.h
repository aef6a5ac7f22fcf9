// RowHashList: the per-row fingerprints an import batch keeps so that
// `ecociv db verify` can name each row changed, deleted or inserted outside
// the program.
//
// Each entry is a key (a, b) — (station id, hour label) for air rows,
// (station id, 0) for stations — and the first 8 bytes of the SHA-256 of the
// row's canonical encoding. Encoded form (the import_batches.row_hashes BLOB):
// entries sorted by (a, b), each as zigzag-varint(a − previous a),
// zigzag-varint(b − previous b), then the 8 hash bytes. The batch's
// rows_sha256 is the SHA-256 of this BLOB.
//
// The list is a vector (24 bytes an entry, a national month of air rows is
// 1.1 M of them): entries are appended as rows are written, mostly already in
// key order, and sorted once when the batch is finished or looked up.
//
// Thread safety: none needed (value type).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

using RowKey = std::pair<int64_t, int64_t>;
using Fingerprint = std::array<char, 8>;

struct RowHash {
  RowKey key;
  Fingerprint hash;
};

class RowHashList {
 public:
  // Records a row's fingerprint; a later one for the same key replaces it.
  void Set(RowKey key, const Fingerprint& hash);
  void Set(RowKey key, std::string_view hash8);
  // Orders the entries by key, keeping the last one set for each key. Set
  // after Sort unsorts the list again.
  void Sort();
  // The fingerprint of `key`, or nullptr. The list must be sorted.
  const Fingerprint* Find(RowKey key) const;

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  void reserve(size_t n) { rows_.reserve(n); }
  std::vector<RowHash>::const_iterator begin() const { return rows_.begin(); }
  std::vector<RowHash>::const_iterator end() const { return rows_.end(); }

 private:
  std::vector<RowHash> rows_;
  bool sorted_ = true;  // strictly increasing keys
};

// The list must be sorted.
std::string EncodeRowHashes(const RowHashList& rows);
// Appends the entries of `blob` (sorted when the blob was encoded from a
// sorted list; Sort otherwise).
Status DecodeRowHashes(std::string_view blob, RowHashList* rows);

// The 8-byte fingerprint of a canonical row encoding.
Fingerprint RowFingerprint(std::string_view canonical);
inline std::string_view FingerprintBytes(const Fingerprint& f) { return {f.data(), f.size()}; }

}  // namespace ecociv::store
