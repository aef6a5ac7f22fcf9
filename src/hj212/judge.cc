// Judging frames without the store (see ingest.h).
#include <sodium.h>

#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/ingest.h"
#include "ecociv/store/digest.h"

namespace ecociv::hj212 {

namespace {

// The first bytes of a frame, with control and non-ASCII bytes as '.'.
std::string Head(std::string_view bytes) {
  constexpr size_t kMax = 120;
  std::string head(bytes.substr(0, kMax));
  for (char& c : head) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '.';
  }
  return head;
}

// The MN a frame claims, when it can be read ("" otherwise): for counting a
// refused packet against its station.
std::string ClaimedMn(std::string_view frame) {
  size_t at = frame.find(";MN=");
  if (at == std::string_view::npos) return "";
  at += 4;
  size_t end = at;
  while (end < frame.size() && end - at <= 24) {
    char c = frame[end];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) break;
    ++end;
  }
  if (end == at || end - at > 24 || end >= frame.size() || frame[end] != ';') return "";
  return std::string(frame.substr(at, end - at));
}

bool SamePassword(const Device& device, std::string_view pw) {
  std::string digest = PasswordDigest(device.mn, pw);
  return digest.size() == device.password_sha256.size() &&
         sodium_memcmp(digest.data(), device.password_sha256.data(), digest.size()) == 0;
}

}  // namespace

Judgement Judge::Refuse(std::string_view frame, std::string reason) {
  Judgement j;
  j.action = Judgement::Action::kRefuse;
  j.refusal.mn = ClaimedMn(frame);
  j.refusal.reason = std::move(reason);
  j.refusal.head = Head(frame);
  return j;
}

Judgement Judge::OnGarbage(std::string_view bytes, const char* reason) {
  Judgement j;
  j.action = Judgement::Action::kRefuse;
  j.refusal.reason = reason;
  j.refusal.head = Head(bytes);
  return j;
}

Judgement Judge::OnFrame(std::string_view frame, const Registry& registry, std::string_view peer,
                         int64_t now_unix_millis) {
  Status parsed = ParsePacket(frame, &packet_);
  if (!parsed.ok()) return Refuse(frame, parsed.message());
  const Packet& p = packet_;
  const Device* device = registry.Find(p.mn);
  bool is_request = p.cn == kCnTimeCalibration || (p.cn == kCnGetTime && !p.Find("SystemTime"));
  auto refuse_request = [&](std::string reason, int qn_rtn) {
    Judgement j = Refuse(frame, std::move(reason));
    if (is_request && !p.qn.empty()) {
      j.reply = RequestAnswer(p, qn_rtn, device ? device->crc : CrcVariant::kHj212);
    }
    return j;
  };
  if (device == nullptr) return refuse_request("unknown MN " + std::string(p.mn), kQnBadMn);
  if (!CrcMatches(p, device->crc)) {
    char expected[5] = {};
    FormatCrc(Crc16(p.data, device->crc), expected);
    return Refuse(frame, std::string("bad CRC (the ") + CrcVariantName(device->crc) +
                             " CRC of the data segment is " + expected + ")");
  }
  if (!SamePassword(*device, p.pw)) return refuse_request("wrong password", kQnBadPassword);
  if (p.st == kStSystem && (IsDataCommand(p.cn) || p.cn == kCnGetTime)) {
    return refuse_request("ST 91 (system) on data of CN " + std::to_string(p.cn) + " (ST " +
                              std::to_string(device->SystemCode()) + " expected)",
                          kQnBadSt);
  }
  if (p.st != device->SystemCode() && p.st != kStSystem) {
    return refuse_request("ST " + std::to_string(p.st) + " but the device is a " + device->kind +
                              " (ST " + std::to_string(device->SystemCode()) + ")",
                          kQnBadSt);
  }
  const int64_t now_unix = now_unix_millis / 1000;
  Judgement j;
  if (p.cn >= kCnRequestAnswer && p.cn <= kCnDataAnswer) return j;  // the logger's answers
  if (is_request) {
    CrcVariant v = device->crc;
    int64_t now_beijing_millis = now_unix_millis + int64_t{BeijingSecondsOfUnix(0)} * 1000;
    j.action = Judgement::Action::kReply;
    j.reply = RequestAnswer(p, kQnReady, v) +
              SetTimeCommand(p, MakeQn(now_beijing_millis), now_beijing_millis / 1000, v) +
              ExecutionResult(p, kExeSuccess, v);
    return j;
  }
  j.action = Judgement::Action::kStore;
  StoreWork& w = j.work;
  w.mn = device->mn;
  w.subject = device->code;
  w.cn = p.cn;
  w.source =
      "hj212 MN=" + std::string(p.mn) + " QN=" + std::string(p.qn) + " from " + std::string(peer);
  if (p.cn == kCnGetTime) {
    int64_t device_time = 0;
    if (!ParseCompactTime(p.Find("SystemTime")->value, &device_time)) {
      return Refuse(frame, "SystemTime is not a time YYYYMMDDhhmmss");
    }
    w.kind = StoreWork::Kind::kClock;
    w.clock_offset = device_time - BeijingSecondsOfUnix(now_unix);
  } else if (IsDataCommand(p.cn)) {
    JudgeData(*device, peer, now_unix, &j);
    if (j.action == Judgement::Action::kRefuse) {
      j.refusal.mn = device->mn;
      j.refusal.head = Head(frame);
      return j;
    }
  } else {
    w.kind = StoreWork::Kind::kRecent;
    w.items = std::string(p.cp);
  }
  if (p.AnswerWanted()) w.answer = DataAnswer(p, device->crc);
  return j;
}

void Judge::JudgeData(const Device& device, std::string_view peer, int64_t now_unix, Judgement* j) {
  StoreWork& w = j->work;
  auto refuse = [&](std::string reason) {
    j->action = Judgement::Action::kRefuse;
    j->refusal.reason = std::move(reason);
  };
  Status s = ExtractData(packet_, &record_);
  if (!s.ok()) return refuse(s.message());
  w.data_time = record_.data_time;
  int64_t ahead = record_.data_time - BeijingSecondsOfUnix(now_unix);
  if (ahead > readings_.max_future_seconds()) {
    return refuse("DataTime " + FormatCompactTime(record_.data_time) + " is " +
                  std::to_string(ahead) + " s ahead of the receiver's clock");
  }
  store::Sha256 digest;
  digest.AddField("hj212");
  digest.AddField(device.mn);
  digest.AddField(packet_.cn);
  digest.AddField(record_.data_time);
  if (device.kind == "station") {
    s = readings_.ToAir(record_, device.hour_time, packet_.cn, &w.air);
    if (!s.ok()) return refuse(s.message());
    bool any_value = false;
    for (int p = 0; p < air::kPollutantCount; ++p) {
      any_value |= w.air.values[p] != air::kMissing;
      digest.AddField(w.air.values[p]);
      digest.AddField(std::string_view(&w.air.flags[p], 1));
    }
    w.kind =
        packet_.cn == kCnHourly && any_value ? StoreWork::Kind::kAir : StoreWork::Kind::kRecent;
  } else {
    s = readings_.ToWater(record_, packet_.cn, &w.water);
    if (!s.ok()) return refuse(s.message());
    for (const WaterValue& v : w.water.values) {
      digest.AddField(v.item);
      digest.AddField(v.value);
      digest.AddField(std::string_view(&v.flag, 1));
    }
    w.kind = packet_.cn == kCnDaily && !w.water.values.empty() ? StoreWork::Kind::kWater
                                                               : StoreWork::Kind::kRecent;
  }
  if (w.kind == StoreWork::Kind::kRecent) w.items = ItemsText(record_.items);
  w.content_sha256 = store::ToHex(digest.Finish());
  (void)peer;
}

}  // namespace ecociv::hj212
