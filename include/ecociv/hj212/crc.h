// The check sums of HJ 212 frames (docs/hj212.md, "Frame and CRC").
//
// The 2017 appendix's CRC-16 over the bytes of the data segment: start with
// 0xFFFF; for each byte, shift the register right by 8 bits and XOR the byte
// into it; then 8 times: note the low bit, shift right by 1, XOR with 0xA001
// when the noted bit was 1. Some field devices send the Modbus CRC-16 instead
// (the byte XORed into the low byte without the 8-bit shift); a device is
// registered with the variant it sends (registry.h).
//
// Test vectors (/work/shared/reference/hj212.md, checked in crc_test.cc): the
// 2017 example data segment gives 0x5440 (Modbus variant 0x83CC); the public
// 1011 example gives 0x0440 (Modbus variant 0x8411).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace ecociv::hj212 {

enum class CrcVariant : uint8_t {
  kHj212 = 0,   // the 2017 appendix's algorithm
  kModbus = 1,  // Modbus CRC-16 (polynomial 0xA001 reflected, init 0xFFFF)
};

// "hj212" or "modbus".
const char* CrcVariantName(CrcVariant variant);
// Parses "hj212" / "modbus"; false for anything else.
bool ParseCrcVariant(std::string_view text, CrcVariant* variant);

uint16_t Crc16Hj212(std::string_view bytes);
uint16_t Crc16Modbus(std::string_view bytes);
uint16_t Crc16(std::string_view bytes, CrcVariant variant);

// Writes the CRC as 4 upper-case hex digits into out[0..4).
void FormatCrc(uint16_t crc, char out[4]);
// Parses 4 hex digits (either case, as devices send both); false otherwise.
bool ParseCrc(std::string_view text, uint16_t* crc);

}  // namespace ecociv::hj212
