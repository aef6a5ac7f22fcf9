#include "air_file_checks.h"

#include "ecociv/air/pollutant.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

namespace ecociv::store {

namespace {

// Splits "co(µg/m³)", "co [mg/m3]", "no2_ppb" into "co" and the unit; false
// when the column carries no unit annotation.
bool SplitUnit(std::string_view column, std::string* key, std::string* unit) {
  column = TrimSpaces(column);
  size_t open = column.find_first_of("([");
  size_t cut = open != std::string_view::npos ? open : column.find_last_of("_ ");
  if (cut == std::string_view::npos || cut == 0) return false;
  *key = std::string(TrimSpaces(column.substr(0, cut)));
  std::string_view rest = column.substr(cut + 1);
  if (open != std::string_view::npos && !rest.empty()) rest.remove_suffix(1);
  *unit = std::string(TrimSpaces(rest));
  return !unit->empty();
}

bool LooksLikeUnit(const std::string& unit) {
  static const char* kWords[] = {"ppb", "ppm", "ug", "mg", "ugm3", "mgm3", "µg", "μg", "g/m3"};
  if (unit.find('/') != std::string::npos) return true;
  for (const char* w : kWords) {
    if (unit == w) return true;
  }
  return false;
}

bool IsUnit(const std::string& unit, bool milligrams) {
  static const std::set<std::string> kMicro = {"µg/m³", "μg/m³", "ug/m3", "µg/m3",
                                               "μg/m3", "ugm3",  "ug"};
  static const std::set<std::string> kMilli = {"mg/m³", "mg/m3", "mgm3", "mg"};
  return (milligrams ? kMilli : kMicro).count(unit) > 0;
}

}  // namespace

void LocateUnknownStations(const std::string& path, std::string_view text,
                           const std::set<std::string>& codes, std::vector<std::string>* rejects) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  reader.NextRecord(&fields);  // header
  while (reader.NextRecord(&fields)) {
    for (std::string_view field : fields) {
      auto it = codes.find(std::string(TrimSpaces(field)));
      if (it == codes.end()) continue;
      rejects->push_back(path + ":" + std::to_string(reader.line()) + ": unknown station " +
                         QuoteForMessage(*it) + " (import it with `ecociv import stations` first)");
      break;
    }
  }
}

Status CheckHeaderUnits(const std::string& path, std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string_view> header;
  if (!reader.NextRecord(&header)) return Status::Ok();
  for (std::string_view column : header) {
    std::string key, unit;
    air::Pollutant p;
    if (!SplitUnit(column, &key, &unit) || !air::ParsePollutantKey(key, &p)) continue;
    if (!LooksLikeUnit(unit)) continue;  // o3_8h, pm2_5, so2_24h: names, not units
    if (!IsUnit(unit, p == air::Pollutant::kCO)) {
      return InvalidArgumentError(path + ":1: column " + QuoteForMessage(column) + ": wrong unit " +
                                  QuoteForMessage(unit) + ", expected " +
                                  std::string(air::PollutantUnit(p)));
    }
  }
  return Status::Ok();
}

}  // namespace ecociv::store
