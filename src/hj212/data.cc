#include "ecociv/hj212/data.h"

#include <string>

#include "ecociv/core/text_input.h"

namespace ecociv::hj212 {

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
