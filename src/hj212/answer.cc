#include "ecociv/hj212/answer.h"

#include <cstdio>

namespace ecociv::hj212 {

namespace {

// The answer's Flag: the device's version, answer bit clear.
int AnswerFlag(const Packet& packet) { return packet.Version() << 2; }

std::string AnswerData(const Packet& packet, int cn, std::string_view cp) {
  std::string data;
  data.reserve(80 + packet.pw.size() + packet.mn.size() + cp.size());
  data += "QN=";
  data += packet.qn;
  data += ";ST=91;CN=";
  data += std::to_string(cn);
  data += ";PW=";
  data += packet.pw;
  data += ";MN=";
  data += packet.mn;
  data += ";Flag=";
  data += std::to_string(AnswerFlag(packet));
  data += ";CP=&&";
  data += cp;
  data += "&&";
  return data;
}

}  // namespace

std::string Frame(std::string_view data, CrcVariant variant) {
  std::string frame;
  frame.reserve(data.size() + kFrameOverhead);
  char head[8];
  std::snprintf(head, sizeof head, "##%04zu", data.size() % 10000);
  frame += head;
  frame += data;
  char crc[4];
  FormatCrc(Crc16(data, variant), crc);
  frame.append(crc, 4);
  frame += "\r\n";
  return frame;
}

std::string DataAnswer(const Packet& packet, CrcVariant variant) {
  return Frame(AnswerData(packet, kCnDataAnswer, ""), variant);
}

std::string NotificationAnswer(const Packet& packet, CrcVariant variant) {
  return Frame(AnswerData(packet, kCnNotificationAnswer, ""), variant);
}

std::string RequestAnswer(const Packet& packet, int qn_rtn, CrcVariant variant) {
  return Frame(AnswerData(packet, kCnRequestAnswer, "QnRtn=" + std::to_string(qn_rtn)), variant);
}

std::string ExecutionResult(const Packet& packet, int exe_rtn, CrcVariant variant) {
  return Frame(AnswerData(packet, kCnExecutionResult, "ExeRtn=" + std::to_string(exe_rtn)),
               variant);
}

std::string MakeQn(int64_t beijing_millis) {
  int64_t seconds = beijing_millis >= 0 ? beijing_millis / 1000 : (beijing_millis - 999) / 1000;
  char millis[4];
  std::snprintf(millis, sizeof millis, "%03d", int(beijing_millis - seconds * 1000));
  return FormatCompactTime(seconds) + millis;
}

std::string SetTimeCommand(const Packet& request, std::string_view qn, int64_t beijing_seconds,
                           CrcVariant variant) {
  std::string data = "QN=";
  data += qn;
  char st[8];
  std::snprintf(st, sizeof st, "%02d", request.st % 100);
  data += ";ST=";
  data += st;
  data += ";CN=" + std::to_string(kCnSetTime) + ";PW=";
  data += request.pw;
  data += ";MN=";
  data += request.mn;
  data += ";Flag=" + std::to_string(AnswerFlag(request)) +
          ";CP=&&SystemTime=" + FormatCompactTime(beijing_seconds) + "&&";
  return Frame(data, variant);
}

}  // namespace ecociv::hj212
