// SHA256_* are deprecated in OpenSSL 3 in favour of EVP (see digest.cc): one
// call per 60-byte row must not allocate a context.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "row_hashes.h"

#include <algorithm>
#include <cstring>

#include "ecociv/store/digest.h"

namespace ecociv::store {

namespace {

void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

bool GetVarint(std::string_view* in, uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    uint8_t byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *value |= uint64_t(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

uint64_t ZigZag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
int64_t UnZigZag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

}  // namespace

void RowHashList::Set(RowKey key, const Fingerprint& hash) {
  if (!rows_.empty() && !(rows_.back().key < key)) sorted_ = false;
  rows_.push_back({key, hash});
}

void RowHashList::Set(RowKey key, std::string_view hash8) {
  Fingerprint f{};
  std::memcpy(f.data(), hash8.data(), std::min(hash8.size(), f.size()));
  Set(key, f);
}

void RowHashList::Sort() {
  if (sorted_) return;
  std::stable_sort(rows_.begin(), rows_.end(),
                   [](const RowHash& a, const RowHash& b) { return a.key < b.key; });
  // Of equal keys the last set wins (as an assignment to a map would).
  size_t out = 0;
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (i + 1 < rows_.size() && rows_[i + 1].key == rows_[i].key) continue;
    rows_[out++] = rows_[i];
  }
  rows_.resize(out);
  sorted_ = true;
}

const Fingerprint* RowHashList::Find(RowKey key) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), key,
                             [](const RowHash& row, const RowKey& k) { return row.key < k; });
  return it != rows_.end() && it->key == key ? &it->hash : nullptr;
}

std::string EncodeRowHashes(const RowHashList& rows) {
  std::string out;
  out.reserve(rows.size() * 11);
  RowKey previous{0, 0};
  for (const auto& [key, hash] : rows) {
    PutVarint(ZigZag(key.first - previous.first), &out);
    PutVarint(ZigZag(key.second - previous.second), &out);
    out.append(hash.data(), hash.size());
    previous = key;
  }
  return out;
}

Status DecodeRowHashes(std::string_view blob, RowHashList* rows) {
  RowKey key{0, 0};
  rows->reserve(rows->size() + blob.size() / 11);
  while (!blob.empty()) {
    uint64_t da, db;
    if (!GetVarint(&blob, &da) || !GetVarint(&blob, &db) || blob.size() < 8) {
      rows->Sort();
      return DataLossError("row fingerprint list is truncated");
    }
    key = {key.first + UnZigZag(da), key.second + UnZigZag(db)};
    rows->Set(key, blob.substr(0, 8));
    blob.remove_prefix(8);
  }
  rows->Sort();
  return Status::Ok();
}

Fingerprint RowFingerprint(std::string_view canonical) {
  // Not SHA256(): in OpenSSL 3 it looks the algorithm up on every call.
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX state;
  SHA256_Init(&state);
  SHA256_Update(&state, canonical.data(), canonical.size());
  SHA256_Final(digest, &state);
  Fingerprint f;
  std::memcpy(f.data(), digest, f.size());
  return f;
}

}  // namespace ecociv::store
