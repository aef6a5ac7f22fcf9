// HJ 212-2017 packets: finding frames in a byte stream and parsing them
// (docs/hj212.md; the facts and their evidence: /work/shared/reference/hj212.md).
//
// A frame is `##` · the data segment's length as 4 ASCII digits · the data
// segment · its CRC as 4 hex digits · `\r\n`. The data segment is
//   QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&
// (older devices omit QN and Flag, some put QN after ST: header fields are
// taken in any order, each at most once). CP holds groups separated by `;`,
// fields in a group separated by `,`, each `name=value`, where a measured
// item's name is `code-Suffix` (a34004-Avg, a34004-Flag).
//
// Contracts:
//   - ScanFrame never reads past the buffer and never needs more than
//     kMaxFrameBytes to decide: a caller that keeps at most that many
//     unconsumed bytes per connection bounds its memory.
//   - ParsePacket refuses every malformed packet with an InvalidArgument
//     status whose message is the reason ("bad CRC", "QN is not a time"...),
//     never a partial Packet the caller could mistake for a good one.
//   - Parsing does not allocate except to grow Packet::fields, which keeps
//     its capacity when a Packet is reused: views point into the frame,
//     which must outlive the Packet.
//
// Thread safety: pure functions; a Packet is a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/hj212/crc.h"

namespace ecociv::hj212 {

inline constexpr size_t kMaxDataBytes = 9999;  // 4 decimal digits
inline constexpr size_t kFrameOverhead = 2 + 4 + 4 + 2;
inline constexpr size_t kMaxFrameBytes = kMaxDataBytes + kFrameOverhead;

// System codes (ST) the receiver stores; others are refused.
inline constexpr int kStSurfaceWater = 21;
inline constexpr int kStAir = 22;
inline constexpr int kStSystem = 91;

// Command codes (CN).
inline constexpr int kCnGetTime = 1011;         // the logger's time (upload or request)
inline constexpr int kCnSetTime = 1012;         // set the logger's time (platform → logger)
inline constexpr int kCnTimeCalibration = 1013;  // the logger asks to be set
inline constexpr int kCnRealTime = 2011;
inline constexpr int kCnDaily = 2031;
inline constexpr int kCnMinute = 2051;
inline constexpr int kCnHourly = 2061;
inline constexpr int kCnRequestAnswer = 9011;
inline constexpr int kCnExecutionResult = 9012;
inline constexpr int kCnNotificationAnswer = 9013;
inline constexpr int kCnDataAnswer = 9014;

// Flag bits: bit 0 (A) an answer is wanted, bit 1 (D) the packet is one of
// several (PNUM/PNO follow), bits 2..7 the protocol version (1 = 2017).
inline constexpr int kFlagAnswer = 1;
inline constexpr int kFlagSplit = 2;
inline constexpr int kVersion2017 = 1;

enum class ScanKind {
  kNeedMore,  // keep the bytes and read more
  kFrame,     // `frame` is one whole frame
  kGarbage,   // `consumed` bytes are not (part of) a frame: refuse them with `reason`
};

struct ScanResult {
  ScanKind kind = ScanKind::kNeedMore;
  size_t consumed = 0;     // bytes to drop from the front of the buffer
  std::string_view frame;  // kFrame: the whole frame, `##` to `\r\n`
  const char* reason = "";  // kGarbage: why
};

// Looks at the front of `buffer`: a whole frame, a need for more bytes, or
// bytes to throw away (anything before `##`, a length that is not 4 digits,
// a frame that does not end in `\r\n` where its length says). After garbage
// the caller drops `consumed` bytes and scans again.
ScanResult ScanFrame(std::string_view buffer);

// One CP field: `code-Suffix=value` gives code "a34004", suffix "Avg"; a plain
// `DataTime=…` gives code "DataTime" and an empty suffix. `group` counts the
// `;`-separated groups from 0.
struct CpField {
  std::string_view code;
  std::string_view suffix;
  std::string_view value;
  uint16_t group = 0;
};

struct Packet {
  std::string_view data;  // the data segment (what the CRC covers)
  uint16_t crc = 0;       // as received
  std::string_view qn;    // "" when absent
  int st = -1;
  int cn = -1;
  std::string_view pw;
  std::string_view mn;
  int flag = -1;  // -1 when absent (HJ/T 212-2005 devices)
  int pnum = 0;   // split packets: total and this packet's number (1-based)
  int pno = 0;
  std::string_view cp;  // between the `&&`s
  std::vector<CpField> fields;

  bool AnswerWanted() const { return flag > 0 && (flag & kFlagAnswer) != 0; }
  bool IsSplit() const { return flag > 0 && (flag & kFlagSplit) != 0; }
  int Version() const { return flag > 0 ? flag >> 2 : 0; }
  // The first CP field with this code and suffix, or null.
  const CpField* Find(std::string_view code, std::string_view suffix = {}) const;
};

// Parses one frame as ScanFrame returned it. Checks the frame's shape, the
// CRC's hex digits, every header field (QN a valid time YYYYMMDDhhmmsszzz,
// ST 2 digits, CN 4 digits, PW and MN present, Flag 0..255 with version 0 or
// 1, PNUM/PNO when Flag says split and only then), and CP's syntax. Whether
// the CRC matches is checked by CrcMatches (the variant depends on the
// device). On error *packet is unspecified.
Status ParsePacket(std::string_view frame, Packet* packet);

// True when the received CRC is that of the data segment under `variant`.
bool CrcMatches(const Packet& packet, CrcVariant variant);

// A time field: "YYYYMMDDhhmmss" (DataTime, SystemTime) as seconds since
// 2000-01-01 00:00:00 Beijing time. False when not 14 digits or not a valid
// calendar time.
bool ParseCompactTime(std::string_view text, int64_t* seconds);
// The inverse: seconds since 2000-01-01 00:00:00 Beijing time → "YYYYMMDDhhmmss".
std::string FormatCompactTime(int64_t seconds);
// Unix seconds → seconds since 2000-01-01 00:00:00 Beijing time.
inline int64_t BeijingSecondsOfUnix(int64_t unix_seconds) {
  return unix_seconds + 8 * 3600 - 946684800;
}

// The data flags of a measured value: N normal, F stopped, M maintenance,
// S set by hand, D fault, C calibration, T over the upper limit of the range,
// B communication fault. Only N values enter statistics.
bool IsDataFlag(char flag);

}  // namespace ecociv::hj212
