#include "ecociv/hj212/crc.h"

#include <array>

namespace ecociv::hj212 {

namespace {

// One byte's worth of the reflected 0xA001 polynomial, shared by both
// variants: they differ only in how the byte enters the register.
constexpr std::array<uint16_t, 256> MakeTable() {
  std::array<uint16_t, 256> table{};
  for (int i = 0; i < 256; ++i) {
    uint16_t reg = static_cast<uint16_t>(i);
    for (int bit = 0; bit < 8; ++bit) reg = (reg & 1) ? (reg >> 1) ^ 0xA001 : reg >> 1;
    table[i] = reg;
  }
  return table;
}

constexpr std::array<uint16_t, 256> kTable = MakeTable();

}  // namespace

const char* CrcVariantName(CrcVariant variant) {
  return variant == CrcVariant::kModbus ? "modbus" : "hj212";
}

bool ParseCrcVariant(std::string_view text, CrcVariant* variant) {
  if (text == "hj212") {
    *variant = CrcVariant::kHj212;
    return true;
  }
  if (text == "modbus") {
    *variant = CrcVariant::kModbus;
    return true;
  }
  return false;
}

uint16_t Crc16Hj212(std::string_view bytes) {
  // reg = (reg >> 8) ^ byte, then eight shift/XOR steps: the eight steps on
  // a 16-bit value whose high byte is zero are the table lookup of its low byte.
  uint16_t reg = 0xFFFF;
  for (unsigned char byte : bytes) {
    reg = static_cast<uint16_t>((reg >> 8) ^ byte);
    reg = kTable[reg & 0xFF];
  }
  return reg;
}

uint16_t Crc16Modbus(std::string_view bytes) {
  uint16_t reg = 0xFFFF;
  for (unsigned char byte : bytes) {
    reg = static_cast<uint16_t>((reg >> 8) ^ kTable[(reg ^ byte) & 0xFF]);
  }
  return reg;
}

uint16_t Crc16(std::string_view bytes, CrcVariant variant) {
  return variant == CrcVariant::kModbus ? Crc16Modbus(bytes) : Crc16Hj212(bytes);
}

void FormatCrc(uint16_t crc, char out[4]) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = 0; i < 4; ++i) out[i] = kHex[(crc >> (12 - 4 * i)) & 0xF];
}

bool ParseCrc(std::string_view text, uint16_t* crc) {
  if (text.size() != 4) return false;
  uint16_t value = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return false;
    }
    value = static_cast<uint16_t>(value << 4 | digit);
  }
  *crc = value;
  return true;
}

}  // namespace ecociv::hj212
