#include "row_hashes.h"

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

std::string EncodeRowHashes(const RowHashMap& rows) {
  std::string out;
  out.reserve(rows.size() * 11);
  RowKey previous{0, 0};
  for (const auto& [key, hash] : rows) {
    PutVarint(ZigZag(key.first - previous.first), &out);
    PutVarint(ZigZag(key.second - previous.second), &out);
    out.append(hash, 0, 8);
    previous = key;
  }
  return out;
}

Status DecodeRowHashes(std::string_view blob, RowHashMap* rows) {
  RowKey key{0, 0};
  while (!blob.empty()) {
    uint64_t da, db;
    if (!GetVarint(&blob, &da) || !GetVarint(&blob, &db) || blob.size() < 8) {
      return DataLossError("row fingerprint list is truncated");
    }
    key = {key.first + UnZigZag(da), key.second + UnZigZag(db)};
    (*rows)[key] = std::string(blob.substr(0, 8));
    blob.remove_prefix(8);
  }
  return Status::Ok();
}

std::string RowFingerprint(std::string_view canonical) { return Sha256Of(canonical).substr(0, 8); }

}  // namespace ecociv::store
