// The SHA256_* calls are deprecated in OpenSSL 3 in favour of EVP, whose
// per-digest context allocation and lookup would cost more than hashing a
// 60-byte row; they remain supported and give the same digest.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "ecociv/store/digest.h"

#include <cstdlib>

namespace ecociv::store {

Sha256::Sha256() {
  if (SHA256_Init(&state_) != 1) std::abort();  // no usable crypto library: nothing can be trusted
}

void Sha256::Update(std::string_view bytes) { SHA256_Update(&state_, bytes.data(), bytes.size()); }

void Sha256::AddField(std::string_view bytes) {
  Update(std::to_string(bytes.size()));
  Update(":");
  Update(bytes);
  Update(",");
}

void Sha256::AddField(int64_t value) { AddField(std::to_string(value)); }

std::string Sha256::Finish() {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256_Final(reinterpret_cast<unsigned char*>(out.data()), &state_);
  return out;
}

std::string Sha256Of(std::string_view bytes) {
  Sha256 hash;
  hash.Update(bytes);
  return hash.Finish();
}

std::string Sha256Hex(std::string_view bytes) { return ToHex(Sha256Of(bytes)); }

std::string ToHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace ecociv::store
