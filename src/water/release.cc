#include "ecociv/water/release.h"

#include <algorithm>
#include <set>

#include "ecociv/core/text_input.h"
#include "ecociv/water/samples.h"

namespace ecociv::water {
namespace {

// The release's measurements that are not GB 3838 items: read and checked,
// never judged (电导率, 浊度, 藻密度).
const char* const kOtherMeasurements[] = {"cond", "turb", "algae"};
const char* const kTextColumns[] = {"snapshot", "province", "basin", "city",
                                    "river",    "section",  "status"};

Status RowError(const std::string& file, int64_t line, const std::string& reason) {
  return InvalidArgumentError(file + ":" + std::to_string(line) + ": " + reason);
}

std::string Lower(std::string_view text) {
  std::string out(TrimSpaces(text));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// An exact decimal: kept to 10^-12 (up to 12 decimals exactly; larger numbers
// with fewer). False when the text is not a number or is beyond 10^13.
bool ParseExact(std::string_view text, Ratio* out) {
  for (int decimals : {12, 6, 0}) {
    int64_t scaled = 0;
    if (ParseScaledDecimal(text, decimals, &scaled)) {
      *out = Ratio::Scaled(scaled, decimals);
      return true;
    }
  }
  return false;
}

StatusOr<ReleaseCell> ParseCell(std::string_view text, bool may_be_negative) {
  text = TrimSpaces(text);
  ReleaseCell cell;
  if (text.empty()) return cell;
  if (text == "*") return cell.mark = CellMark::kNotMeasured, cell;
  if (text == "--") return cell.mark = CellMark::kNoValue, cell;
  if (text == "EXTREME_FILTERED") return cell.mark = CellMark::kExtremeFiltered, cell;
  if (!ParseExact(text, &cell.value)) {
    return InvalidArgumentError("bad number '" + std::string(text.substr(0, 40)) + "'");
  }
  if (!may_be_negative && cell.value < Ratio()) {
    return InvalidArgumentError("negative value '" + std::string(text) + "'");
  }
  cell.mark = CellMark::kNumber;
  return cell;
}

// One item column: the item (or -1 for a measurement that is not judged)
// and whether it holds the raw value.
struct ItemColumn {
  int column = -1;
  int item = -1;
  bool raw = false;
  std::string name;
};

}  // namespace

Status ParseRelease(std::string_view text, const std::string& file_name, const WaterRules& rules,
                    Release* out) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    if (!reader.status().ok()) return reader.status().WithContext(file_name);
    return InvalidArgumentError(file_name + ": empty file");
  }
  const int64_t header_line = reader.line();
  std::map<std::string, int> text_columns;
  int time_col = -1, class_col = -1;
  std::vector<ItemColumn> items;
  std::set<std::string> seen;
  std::vector<std::string> unknown;
  for (size_t c = 0; c < fields.size(); ++c) {
    const std::string name = Lower(fields[c]);
    if (!seen.insert(name).second) {
      return RowError(file_name, header_line, "column '" + name + "' appears twice");
    }
    const int col = static_cast<int>(c);
    if (std::find(std::begin(kTextColumns), std::end(kTextColumns), name) !=
        std::end(kTextColumns)) {
      text_columns[name] = col;
      continue;
    }
    if (name == "monitor_time") {
      time_col = col;
      continue;
    }
    if (name == "class") {
      class_col = col;
      continue;
    }
    ItemColumn ic{col, -1, false, name};
    std::string base = name;
    if (base.size() > 4 && base.compare(base.size() - 4, 4, "_raw") == 0) {
      ic.raw = true;
      base.resize(base.size() - 4);
    }
    ic.item = rules.Recognise(base);
    if (ic.item < 0 && std::find(std::begin(kOtherMeasurements), std::end(kOtherMeasurements),
                                 base) == std::end(kOtherMeasurements)) {
      unknown.push_back(name);
      continue;
    }
    items.push_back(ic);
  }
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& u : unknown) names += (names.empty() ? "'" : ", '") + u + "'";
    return RowError(file_name, header_line, "unknown column(s) " + names);
  }
  if (!text_columns.count("section") || time_col < 0 || class_col < 0) {
    return RowError(file_name, header_line,
                    "header needs the columns 'section', 'monitor_time' and 'class'");
  }
  std::set<std::pair<int, bool>> item_columns;
  for (const ItemColumn& ic : items) {
    if (ic.item >= 0 && !item_columns.insert({ic.item, ic.raw}).second) {
      return RowError(file_name, header_line,
                      "two columns for " + rules.item(ic.item).id + (ic.raw ? " (raw)" : ""));
    }
  }

  const int file_index = static_cast<int>(out->files.size());
  std::vector<ReleaseRow> rows;
  const size_t width = fields.size();
  while (reader.NextRecord(&fields)) {
    const int64_t line = reader.line();
    if (fields.size() != width) {
      return RowError(file_name, line,
                      "expected " + std::to_string(width) + " fields, found " +
                          std::to_string(fields.size()));
    }
    ReleaseRow row;
    row.file = file_index;
    row.line = line;
    std::string* const targets[] = {&row.snapshot, &row.province, &row.basin, &row.city,
                                    &row.river,    &row.section,  &row.status};
    for (size_t t = 0; t < std::size(kTextColumns); ++t) {
      auto it = text_columns.find(kTextColumns[t]);
      if (it != text_columns.end()) *targets[t] = std::string(TrimSpaces(fields[it->second]));
    }
    if (row.section.empty()) return RowError(file_name, line, "empty section name");
    std::string_view time = TrimSpaces(fields[time_col]);
    if (!time.empty()) {
      int16_t minute = -1;
      auto day = ParseSampleTime(time, &minute);
      if (!day.ok() || minute < 0) {
        return RowError(file_name, line,
                        "monitor_time '" + std::string(time.substr(0, 40)) +
                            "' is not YYYY-MM-DD HH:MM");
      }
      row.has_time = true;
      row.day = *day;
      row.minute = minute;
    }
    std::string_view cls = TrimSpaces(fields[class_col]);
    if (cls == "--") {
      row.published_dash = true;
    } else if (!cls.empty()) {
      row.published = ParseClass(cls);
      if (!row.published) {
        return RowError(file_name, line,
                        "class '" + std::string(cls.substr(0, 40)) + "' is not Ⅰ..Ⅴ, 劣Ⅴ or --");
      }
    }
    row.displayed.resize(rules.items().size());
    row.raw.resize(rules.items().size());
    for (const ItemColumn& ic : items) {
      const bool may_be_negative = ic.item < 0 || rules.item(ic.item).kind == LimitKind::kNone;
      auto cell = ParseCell(fields[ic.column], may_be_negative);
      if (!cell.ok()) return RowError(file_name, line, ic.name + ": " + cell.status().message());
      if (ic.item < 0) continue;
      (ic.raw ? row.raw : row.displayed)[ic.item] = *cell;
    }
    if (!row.has_time) {
      for (const auto* cells : {&row.displayed, &row.raw}) {
        for (const ReleaseCell& cell : *cells) {
          if (cell.has_value()) {
            return RowError(file_name, line, "values without a monitor_time");
          }
        }
      }
    }
    rows.push_back(std::move(row));
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  out->files.push_back(file_name);
  out->rows.insert(out->rows.end(), std::make_move_iterator(rows.begin()),
                   std::make_move_iterator(rows.end()));
  return Status::Ok();
}

Status ReadRelease(const std::string& path, const WaterRules& rules, Release* out) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseRelease(text, path, rules, out);
}

StatusOr<SectionTypes> SectionTypes::Parse(std::string_view text, const std::string& file_name) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    if (!reader.status().ok()) return reader.status().WithContext(file_name);
    return InvalidArgumentError(file_name + ": empty file");
  }
  int section_col = -1, type_col = -1, province_col = -1;
  for (size_t c = 0; c < fields.size(); ++c) {
    const std::string name = Lower(fields[c]);
    int* target = name == "section" ? &section_col
                  : name == "type"  ? &type_col
                  : name == "province" ? &province_col
                                       : nullptr;
    if (target == nullptr) continue;  // other columns (a full sections file) are ignored
    if (*target >= 0) return RowError(file_name, reader.line(), "column '" + name + "' twice");
    *target = static_cast<int>(c);
  }
  if (section_col < 0 || type_col < 0) {
    return RowError(file_name, reader.line(), "header needs the columns 'section' and 'type'");
  }
  const size_t width = fields.size();
  SectionTypes out;
  std::map<std::pair<std::string, std::string>, int64_t> lines;
  while (reader.NextRecord(&fields)) {
    const int64_t line = reader.line();
    if (fields.size() != width) {
      return RowError(file_name, line,
                      "expected " + std::to_string(width) + " fields, found " +
                          std::to_string(fields.size()));
    }
    std::string section(TrimSpaces(fields[section_col]));
    std::string province = province_col >= 0 ? std::string(TrimSpaces(fields[province_col])) : "";
    if (section.empty()) return RowError(file_name, line, "empty section name");
    std::string type = Lower(fields[type_col]);
    WaterBody body;
    if (type == "river" || type == "河流") {
      body = WaterBody::kRiver;
    } else if (type == "lake" || type == "湖泊" || type == "湖库") {
      body = WaterBody::kLake;
    } else if (type == "reservoir" || type == "水库") {
      body = WaterBody::kReservoir;
    } else {
      return RowError(file_name, line,
                      "type '" + type.substr(0, 40) + "' is not river, lake or reservoir");
    }
    auto key = std::make_pair(province, section);
    auto [it, fresh] = lines.emplace(key, line);
    if (!fresh) {
      return RowError(file_name, line,
                      "section '" + section + "' already given on line " +
                          std::to_string(it->second));
    }
    out.types_[key] = body;
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  return out;
}

StatusOr<SectionTypes> SectionTypes::Read(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return Parse(text, path);
}

std::optional<WaterBody> SectionTypes::Find(std::string_view province,
                                            std::string_view section) const {
  auto it = types_.find({std::string(province), std::string(section)});
  if (it == types_.end()) it = types_.find({std::string(), std::string(section)});
  if (it == types_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ecociv::water
