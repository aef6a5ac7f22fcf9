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
// Thread safety: none needed (value type).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "ecociv/core/status.h"

namespace ecociv::store {

using RowKey = std::pair<int64_t, int64_t>;
using RowHashMap = std::map<RowKey, std::string>;  // key → 8 bytes

std::string EncodeRowHashes(const RowHashMap& rows);
Status DecodeRowHashes(std::string_view blob, RowHashMap* rows);

// The 8-byte fingerprint of a canonical row encoding.
std::string RowFingerprint(std::string_view canonical);

}  // namespace ecociv::store
