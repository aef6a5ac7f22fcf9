// Frames and packets of HJ 212 (see packet.h for the contract).
#include "ecociv/hj212/packet.h"

#include <cstdio>
#include <cstring>

#include "ecociv/core/civil_time.h"

namespace ecociv::hj212 {

namespace {

constexpr size_t kMaxCpFields = 512;
constexpr size_t kMaxMnBytes = 24;
constexpr size_t kMaxPwBytes = 32;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int DigitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// Letters, digits, '_' and '-': the characters of MNs and CP names.
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '-';
}

Status Refuse(std::string reason) { return InvalidArgumentError(std::move(reason)); }

// "YYYYMMDDhhmmss" → seconds since 2000-01-01 00:00:00 (calendar checked).
bool CompactToSeconds(std::string_view text, int64_t* seconds) {
  if (text.size() != 14 || !AllDigits(text)) return false;
  CivilDate date{DigitsValue(text.substr(0, 4)), DigitsValue(text.substr(4, 2)),
                 DigitsValue(text.substr(6, 2))};
  int hour = DigitsValue(text.substr(8, 2)), minute = DigitsValue(text.substr(10, 2)),
      second = DigitsValue(text.substr(12, 2));
  if (!IsValidCivilDate(date) || hour > 23 || minute > 59 || second > 59) return false;
  *seconds = int64_t{DaysFromCivil(date)} * 86400 + hour * 3600 + minute * 60 + second;
  return true;
}

// Shortens a value for a message.
std::string Shown(std::string_view text) {
  constexpr size_t kMax = 40;
  return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "…";
}

struct Header {
  bool has_qn = false, has_st = false, has_cn = false, has_pw = false, has_mn = false,
       has_flag = false, has_pnum = false, has_pno = false;
};

Status ParseHeaderField(std::string_view field, Header* seen, Packet* p) {
  size_t eq = field.find('=');
  if (eq == std::string_view::npos) {
    return Refuse("header field '" + Shown(field) + "' has no '='");
  }
  std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
  auto once = [&](bool* flag) -> Status {
    if (*flag) return Refuse("header field " + std::string(key) + " twice");
    *flag = true;
    return Status::Ok();
  };
  if (key == "QN") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_qn));
    int64_t unused;
    if (value.size() != 17 || !AllDigits(value) || !CompactToSeconds(value.substr(0, 14), &unused)) {
      return Refuse("QN '" + Shown(value) + "' is not a time YYYYMMDDhhmmsszzz");
    }
    p->qn = value;
  } else if (key == "ST") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_st));
    if (value.size() != 2 || !AllDigits(value)) {
      return Refuse("ST '" + Shown(value) + "' is not 2 digits");
    }
    p->st = DigitsValue(value);
  } else if (key == "CN") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_cn));
    if (value.size() != 4 || !AllDigits(value)) {
      return Refuse("CN '" + Shown(value) + "' is not 4 digits");
    }
    p->cn = DigitsValue(value);
  } else if (key == "PW") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_pw));
    if (value.empty() || value.size() > kMaxPwBytes) {
      return Refuse("PW is empty or longer than 32 characters");
    }
    p->pw = value;
  } else if (key == "MN") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_mn));
    if (value.empty() || value.size() > kMaxMnBytes) {
      return Refuse("MN is empty or longer than 24 characters");
    }
    for (char c : value) {
      if (!IsNameChar(c)) return Refuse("MN '" + Shown(value) + "' has a character other than letters, digits, '_' and '-'");
    }
    p->mn = value;
  } else if (key == "Flag") {
    ECOCIV_RETURN_IF_ERROR(once(&seen->has_flag));
    if (value.empty() || value.size() > 3 || !AllDigits(value) || DigitsValue(value) > 255) {
      return Refuse("Flag '" + Shown(value) + "' is not a number from 0 to 255");
    }
    p->flag = DigitsValue(value);
    if ((p->flag >> 2) > kVersion2017) {
      return Refuse("Flag " + std::to_string(p->flag) + " names protocol version " +
                    std::to_string(p->flag >> 2) + " (0 = 2005 and 1 = 2017 are supported)");
    }
  } else if (key == "PNUM" || key == "PNO") {
    bool is_pnum = key == "PNUM";
    ECOCIV_RETURN_IF_ERROR(once(is_pnum ? &seen->has_pnum : &seen->has_pno));
    if (value.empty() || value.size() > 4 || !AllDigits(value) || DigitsValue(value) == 0) {
      return Refuse(std::string(key) + " '" + Shown(value) + "' is not a number from 1 to 9999");
    }
    (is_pnum ? p->pnum : p->pno) = DigitsValue(value);
  } else {
    return Refuse("unknown header field '" + Shown(key) + "'");
  }
  return Status::Ok();
}

Status CheckHeader(const Header& seen, const Packet& p) {
  if (!seen.has_st) return Refuse("ST is missing");
  if (!seen.has_cn) return Refuse("CN is missing");
  if (!seen.has_pw) return Refuse("PW is missing");
  if (!seen.has_mn) return Refuse("MN is missing");
  if (p.IsSplit()) {
    if (!seen.has_pnum || !seen.has_pno) return Refuse("Flag says split but PNUM or PNO is missing");
    if (p.pno > p.pnum) return Refuse("PNO is greater than PNUM");
  } else if (seen.has_pnum || seen.has_pno) {
    return Refuse("PNUM or PNO without the split bit in Flag");
  }
  if (p.AnswerWanted() && p.qn.empty()) return Refuse("Flag asks for an answer but QN is missing");
  return Status::Ok();
}

Status ParseCp(std::string_view cp, Packet* p) {
  p->fields.clear();
  if (cp.empty()) return Status::Ok();
  uint16_t group = 0;
  size_t start = 0;
  while (start <= cp.size()) {
    size_t end = start;
    while (end < cp.size() && cp[end] != ';' && cp[end] != ',') ++end;
    std::string_view field = cp.substr(start, end - start);
    if (field.empty()) return Refuse("an empty field in CP");
    size_t eq = field.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return Refuse("CP field '" + Shown(field) + "' is not name=value");
    }
    std::string_view name = field.substr(0, eq), value = field.substr(eq + 1);
    if (value.find('=') != std::string_view::npos) {
      return Refuse("CP field '" + Shown(field) + "' has two '='");
    }
    for (char c : name) {
      if (!IsNameChar(c)) return Refuse("CP name '" + Shown(name) + "' has a bad character");
    }
    CpField f;
    size_t dash = name.find('-');
    f.code = dash == std::string_view::npos ? name : name.substr(0, dash);
    f.suffix = dash == std::string_view::npos ? std::string_view() : name.substr(dash + 1);
    if (f.code.empty() || (dash != std::string_view::npos && f.suffix.empty())) {
      return Refuse("CP name '" + Shown(name) + "' is not code-Suffix");
    }
    f.value = value;
    f.group = group;
    if (p->fields.size() >= kMaxCpFields) return Refuse("more than 512 fields in CP");
    for (const CpField& other : p->fields) {
      if (other.code == f.code && other.suffix == f.suffix) {
        return Refuse("CP field " + std::string(name) + " twice");
      }
    }
    p->fields.push_back(f);
    if (end == cp.size()) break;
    if (cp[end] == ';') ++group;
    start = end + 1;
  }
  return Status::Ok();
}

}  // namespace

const CpField* Packet::Find(std::string_view code, std::string_view suffix) const {
  for (const CpField& f : fields) {
    if (f.code == code && f.suffix == suffix) return &f;
  }
  return nullptr;
}

ScanResult ScanFrame(std::string_view buffer) {
  ScanResult r;
  if (buffer.empty()) return r;
  if (buffer[0] != '#' || (buffer.size() >= 2 && buffer[1] != '#')) {
    size_t at = buffer.find("##", 1);
    if (at == std::string_view::npos) at = buffer.back() == '#' ? buffer.size() - 1 : buffer.size();
    r.kind = ScanKind::kGarbage;
    r.consumed = at;
    r.reason = "bytes before ## (not a frame)";
    return r;
  }
  for (size_t i = 2; i < 6 && i < buffer.size(); ++i) {
    if (!IsDigit(buffer[i])) {
      r.kind = ScanKind::kGarbage;
      r.consumed = 2;
      r.reason = "the length after ## is not 4 digits";
      return r;
    }
  }
  if (buffer.size() < 6) return r;
  size_t total = DigitsValue(buffer.substr(2, 4)) + kFrameOverhead;
  if (buffer.size() < total) return r;
  if (buffer[total - 2] != '\r' || buffer[total - 1] != '\n') {
    r.kind = ScanKind::kGarbage;
    r.consumed = 2;
    r.reason = "bad length: no \\r\\n where the length says the frame ends";
    return r;
  }
  r.kind = ScanKind::kFrame;
  r.consumed = total;
  r.frame = buffer.substr(0, total);
  return r;
}

Status ParsePacket(std::string_view frame, Packet* p) {
  if (frame.size() < kFrameOverhead || frame.substr(0, 2) != "##" ||
      frame.substr(frame.size() - 2) != "\r\n" || !AllDigits(frame.substr(2, 4))) {
    return Refuse("not a frame (## length … CRC \\r\\n)");
  }
  size_t length = DigitsValue(frame.substr(2, 4));
  if (length + kFrameOverhead != frame.size()) return Refuse("bad length");
  p->data = frame.substr(6, length);
  if (!ParseCrc(frame.substr(6 + length, 4), &p->crc)) {
    return Refuse("the CRC '" + Shown(frame.substr(6 + length, 4)) + "' is not 4 hex digits");
  }
  for (char c : p->data) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Refuse("a control character in the data segment");
    }
  }
  p->qn = p->pw = p->mn = p->cp = {};
  p->st = p->cn = p->flag = -1;
  p->pnum = p->pno = 0;
  Header seen;
  std::string_view data = p->data;
  size_t pos = 0;
  while (data.compare(pos, 3, "CP=") != 0) {
    size_t semi = data.find(';', pos);
    if (semi == std::string_view::npos) return Refuse("CP is missing");
    ECOCIV_RETURN_IF_ERROR(ParseHeaderField(data.substr(pos, semi - pos), &seen, p));
    pos = semi + 1;
  }
  std::string_view cp = data.substr(pos + 3);
  if (cp.size() < 4 || cp.substr(0, 2) != "&&" || cp.substr(cp.size() - 2) != "&&") {
    return Refuse("CP is not enclosed in && … && at the end of the data segment");
  }
  cp = cp.substr(2, cp.size() - 4);
  if (cp.find('&') != std::string_view::npos) return Refuse("'&' inside CP");
  p->cp = cp;
  ECOCIV_RETURN_IF_ERROR(CheckHeader(seen, *p));
  return ParseCp(cp, p);
}

bool CrcMatches(const Packet& packet, CrcVariant variant) {
  return Crc16(packet.data, variant) == packet.crc;
}

bool ParseCompactTime(std::string_view text, int64_t* seconds) {
  return CompactToSeconds(text, seconds);
}

std::string FormatCompactTime(int64_t seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int64_t rest = seconds - days * 86400;
  CivilDate date = CivilFromDays(static_cast<DayNumber>(days));
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02d%02d%02d%02d", date.year, date.month, date.day,
                int(rest / 3600), int(rest / 60 % 60), int(rest % 60));
  return text;
}

bool IsDataFlag(char flag) { return flag != 0 && std::strchr("NFMSDCTB", flag) != nullptr; }

}  // namespace ecociv::hj212
