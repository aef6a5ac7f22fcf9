// Dust-day files (see dust_days.h).
#include "ecociv/air/dust_days.h"

#include <algorithm>

#include "ecociv/core/text_input.h"

namespace ecociv::air {

std::vector<DayNumber> DustDays::For(const std::string& city) const {
  std::vector<DayNumber> out;
  for (const std::string& key : {std::string(), city}) {
    auto it = by_city.find(key);
    if (it != by_city.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    if (city.empty()) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

StatusOr<DustDays> ReadDustDays(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  auto at = [&](const std::string& reason) {
    return InvalidArgumentError(path + ":" + std::to_string(reader.line()) + ": " + reason);
  };
  if (!reader.NextRecord(&fields)) {
    ECOCIV_RETURN_IF_ERROR(reader.status());
    return InvalidArgumentError(path + ": empty file (expected a header date,city)");
  }
  std::string first = fields.empty() ? "" : std::string(TrimSpaces(fields[0]));
  if (first.rfind("\xEF\xBB\xBF", 0) == 0) first = first.substr(3);  // a UTF-8 BOM from Excel
  if (first != "date" || (fields.size() > 1 && TrimSpaces(fields[1]) != "city") ||
      fields.size() > 2) {
    return at("the header must be date,city (or date)");
  }
  DustDays out;
  while (reader.NextRecord(&fields)) {
    if (fields.size() > 2) return at("more than two fields");
    std::string date(TrimSpaces(fields[0]));
    auto day = ParseDate(date);
    if (!day.ok()) return at("date: " + day.status().message());
    std::string city = fields.size() > 1 ? std::string(TrimSpaces(fields[1])) : "";
    out.by_city[city].push_back(*day);
  }
  ECOCIV_RETURN_IF_ERROR(reader.status());
  return out;
}

}  // namespace ecociv::air
