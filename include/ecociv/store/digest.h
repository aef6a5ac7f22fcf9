// SHA-256 digests for the change record and the import batches, computed by
// OpenSSL's libcrypto (which uses the CPU's SHA instructions where it has
// them: an import hashes its whole file and a fingerprint per row, and `db
// verify` every row again).
//
// Sha256 is incremental: Update any number of times, then Finish once.
// AddField appends a length-prefixed field ("<decimal length>:<bytes>,"), the
// canonical encoding of every hashed record in the store, so that no two
// different field lists hash the same bytes.
//
// Thread safety: a Sha256 object belongs to one thread; the free functions
// are thread-safe.
#pragma once

#include <openssl/sha.h>
#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ecociv::store {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  void AddField(std::string_view bytes);
  void AddField(int64_t value);
  // The 32-byte digest. The object must not be used afterwards.
  std::string Finish();

 private:
  SHA256_CTX state_;
};

// SHA-256 of `bytes` as 32 raw bytes, or as 64 lowercase hex digits.
std::string Sha256Of(std::string_view bytes);
std::string Sha256Hex(std::string_view bytes);
std::string ToHex(std::string_view bytes);

}  // namespace ecociv::store
