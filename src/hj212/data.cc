#include "ecociv/hj212/data.h"

#include <string>

#include "ecociv/core/text_input.h"

namespace ecociv::hj212 {

std::string ItemsText(const std::vector<Measurement>& items) {
  std::string text;
  for (const Measurement& m : items) {
    if (!text.empty()) text += ';';
    text.append(m.code);
    text += '=';
    text.append(m.value);
    text += ':';
    text += m.flag;
  }
  return text;
}

std::vector<Measurement> ParseItemsText(std::string_view text) {
  std::vector<Measurement> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(';', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view field = text.substr(at, end - at);
    at = end + 1;
    size_t eq = field.find('='), colon = field.rfind(':');
    if (eq == std::string_view::npos || colon == std::string_view::npos || colon < eq) continue;
    out.push_back(Measurement{field.substr(0, eq), field.substr(eq + 1, colon - eq - 1),
                              colon + 1 < field.size() ? field[colon + 1] : 'N'});
  }
  return out;
}

bool IsDataCommand(int cn) {
  return cn == kCnRealTime || cn == kCnMinute || cn == kCnHourly || cn == kCnDaily;
}

std::string_view ValueSuffix(int cn) { return cn == kCnRealTime ? "Rtd" : "Avg"; }

Status ExtractData(const Packet& packet, DataRecord* record) {
  record->items.clear();
  const CpField* time = packet.Find("DataTime");
  if (time == nullptr) return InvalidArgumentError("DataTime is missing");
  if (!ParseCompactTime(time->value, &record->data_time)) {
    return InvalidArgumentError("DataTime '" + std::string(time->value.substr(0, 20)) +
                                "' is not a time YYYYMMDDhhmmss");
  }
  std::string_view value_suffix = ValueSuffix(packet.cn);
  for (const CpField& f : packet.fields) {
    bool is_value = f.suffix == value_suffix;
    if (!is_value && f.suffix != "Flag") continue;
    Measurement* m = nullptr;
    for (Measurement& existing : record->items) {
      if (existing.code == f.code) m = &existing;
    }
    if (m == nullptr) {
      record->items.push_back(Measurement{f.code, {}, 'N'});
      m = &record->items.back();
    }
    if (is_value) {
      int64_t unused;
      if (!ParseScaledDecimal(f.value, 0, &unused)) {
        return InvalidArgumentError(std::string(f.code) + "-" + std::string(f.suffix) + " '" +
                                    std::string(f.value.substr(0, 20)) + "' is not a number");
      }
      m->value = f.value;
    } else {
      if (f.value.size() != 1 || !IsDataFlag(f.value[0])) {
        return InvalidArgumentError(std::string(f.code) + "-Flag '" +
                                    std::string(f.value.substr(0, 20)) +
                                    "' is not a data flag (N F M S D C T B)");
      }
      m->flag = f.value[0];
    }
  }
  return Status::Ok();
}

}  // namespace ecociv::hj212
