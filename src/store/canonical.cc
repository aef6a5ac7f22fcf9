#include "canonical.h"

namespace ecociv::store {

namespace {

void AddField(std::string_view bytes, std::string* out) {
  out->append(std::to_string(bytes.size()));
  out->push_back(':');
  out->append(bytes);
  out->push_back(',');
}

}  // namespace

std::string StationCanonical(const StationRow& s) {
  std::string out;
  for (const std::string* field : {&s.code, &s.name, &s.city, &s.longitude, &s.latitude}) {
    AddField(*field, &out);
  }
  AddField(s.background ? "1" : "0", &out);
  AddField(s.type, &out);
  return out;
}

std::string AirRowCanonical(const std::string& station_code, int64_t label,
                            const AirValues& values) {
  std::string out;
  out.reserve(80);
  AddField(station_code, &out);
  AddField(std::to_string(label), &out);
  for (const auto& value : values) AddField(value ? std::to_string(*value) : "", &out);
  return out;
}

}  // namespace ecociv::store
