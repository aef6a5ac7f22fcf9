// HJ 212 bytes as a receiver reads them from a connection: the input is a
// byte stream cut into frames by ScanFrame, each frame parsed, its data
// extracted and answered. Checked: the scanner always makes progress and
// never waits with a full frame's worth of bytes; a parsed packet re-framed
// from its data segment parses to the same header; every answer built from a
// packet parses and echoes its QN, PW and MN; nothing crashes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/data.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/readings.h"

namespace {

using namespace ecociv::hj212;

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckAnswer(const std::string& answer, const Packet& p, int cn) {
  Packet a;
  Check(ParsePacket(answer, &a).ok());
  Check(a.cn == cn && a.qn == p.qn && a.pw == p.pw && a.mn == p.mn && !a.AnswerWanted());
}

void OnFrame(std::string_view frame, Packet* p, DataRecord* record, const Readings& readings) {
  if (!ParsePacket(frame, p).ok()) return;
  (void)CrcMatches(*p, CrcVariant::kHj212);
  (void)CrcMatches(*p, CrcVariant::kModbus);
  std::string again = Frame(p->data, CrcVariant::kModbus);
  Packet q;
  Check(ParsePacket(again, &q).ok());
  Check(q.qn == p->qn && q.st == p->st && q.cn == p->cn && q.pw == p->pw && q.mn == p->mn &&
        q.flag == p->flag && q.fields.size() == p->fields.size());
  if (!p->qn.empty()) {
    CheckAnswer(DataAnswer(*p, CrcVariant::kHj212), *p, kCnDataAnswer);
    CheckAnswer(RequestAnswer(*p, kQnReady, CrcVariant::kHj212), *p, kCnRequestAnswer);
    CheckAnswer(ExecutionResult(*p, kExeSuccess, CrcVariant::kModbus), *p, kCnExecutionResult);
  }
  if (IsDataCommand(p->cn) && ExtractData(*p, record).ok()) {
    AirReading air;
    (void)readings.ToAir(*record, HourTime::kStart, p->cn, &air);
    WaterReading water;
    (void)readings.ToWater(*record, p->cn, &water);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Readings* readings = [] {
    auto r = Readings::Load("");
    if (!r.ok()) std::abort();
    return new Readings(std::move(*r));
  }();
  std::string_view buffer(reinterpret_cast<const char*>(data), size);
  Packet packet;
  DataRecord record;
  while (!buffer.empty()) {
    ScanResult r = ScanFrame(buffer);
    if (r.kind == ScanKind::kNeedMore) {
      Check(buffer.size() < kMaxFrameBytes);
      break;
    }
    Check(r.consumed > 0 && r.consumed <= buffer.size());
    if (r.kind == ScanKind::kFrame) OnFrame(r.frame, &packet, &record, *readings);
    buffer.remove_prefix(r.consumed);
  }
  return 0;
}
