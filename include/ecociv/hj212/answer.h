// The packets the platform sends back (docs/hj212.md, "Answers"):
//   9014 data answer      QN=<echoed>;ST=91;CN=9014;PW=…;MN=…;Flag=4;CP=&&&&
//   9013 notification answer (same shape, CN=9013)
//   9011 request answer   …;CN=9011;…;CP=&&QnRtn=<code>&&
//   9012 execution result …;CN=9012;…;CP=&&ExeRtn=<code>&&
//   1012 set time         QN=<new>;ST=<device's>;CN=1012;…;Flag=<v>;CP=&&SystemTime=YYYYMMDDhhmmss&&
// Each answer echoes the packet's QN, PW and MN, is framed with the CRC
// variant the device uses, and carries the device's protocol version in
// Flag with the answer bit clear (Flag=4 for a 2017 device, 0 for a 2005 one).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ecociv/hj212/crc.h"
#include "ecociv/hj212/packet.h"

namespace ecociv::hj212 {

// QnRtn codes of a 9011 request answer.
inline constexpr int kQnReady = 1;
inline constexpr int kQnRefused = 2;
inline constexpr int kQnBadPassword = 3;
inline constexpr int kQnBadMn = 4;
inline constexpr int kQnBadSt = 5;
inline constexpr int kQnBadCrc = 9;
// ExeRtn of a 9012 execution result.
inline constexpr int kExeSuccess = 1;

// "##" + 4-digit length + data + CRC + "\r\n". `data` must be at most
// kMaxDataBytes long (answers always are).
std::string Frame(std::string_view data, CrcVariant variant);

std::string DataAnswer(const Packet& packet, CrcVariant variant);
std::string NotificationAnswer(const Packet& packet, CrcVariant variant);
std::string RequestAnswer(const Packet& packet, int qn_rtn, CrcVariant variant);
std::string ExecutionResult(const Packet& packet, int exe_rtn, CrcVariant variant);

// A QN for a packet the platform starts: "YYYYMMDDhhmmsszzz" of the time
// given in milliseconds since 2000-01-01 00:00:00 Beijing time.
std::string MakeQn(int64_t beijing_millis);
// The platform's 1012 packet setting the device's clock to `beijing_seconds`.
std::string SetTimeCommand(const Packet& request, std::string_view qn, int64_t beijing_seconds,
                           CrcVariant variant);

}  // namespace ecociv::hj212
