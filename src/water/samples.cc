#include "ecociv/water/samples.h"

#include <cstdio>
#include <algorithm>
#include <map>
#include <unordered_map>

#include "ecociv/core/exact.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

namespace ecociv::water {
namespace {

// " 20:00" for a sample's minute of the day, "" for a date-only sample.
std::string MinuteText(int minute) {
  if (minute < 0) return "";
  char text[8];
  std::snprintf(text, sizeof text, " %02d:%02d", minute / 60, minute % 60);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(TrimSpaces(text));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status RowError(const std::string& file, int64_t line, const std::string& reason) {
  return InvalidArgumentError(file + ":" + std::to_string(line) + ": " + reason);
}

// Column positions by name (lower case, trimmed). A name twice is refused:
// which of the two columns is meant cannot be told.
using ColumnIndex = std::map<std::string, int>;

StatusOr<ColumnIndex> HeaderColumns(const std::vector<std::string_view>& fields,
                                    const std::string& file, int64_t line) {
  std::map<std::string, int> columns;
  for (size_t i = 0; i < fields.size(); ++i) {
    auto [it, fresh] = columns.emplace(Lower(fields[i]), static_cast<int>(i));
    if (!fresh) {
      return RowError(file, line,
                      "column " + QuoteForMessage(it->first) + " appears twice in the header " +
                          "(fields " + std::to_string(it->second + 1) + " and " +
                          std::to_string(i + 1) + ")");
    }
  }
  return columns;
}

// At most this many names are listed in one error message.
constexpr size_t kMaxNamesListed = 5;

int Column(const std::map<std::string, int>& columns, const char* name) {
  auto it = columns.find(name);
  return it == columns.end() ? -1 : it->second;
}

// The power of ten that converts `unit` into the item's unit, or false when
// the unit cannot be converted. Units are compared without spaces, lower case.
bool UnitExponent(std::string_view unit_text, const WaterItem& item, int* exponent) {
  std::string unit;
  for (char c : Lower(unit_text)) {
    if (c != ' ') unit.push_back(c);
  }
  *exponent = 0;
  if (unit.empty()) return true;
  auto is = [&](std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return unit == n; });
  };
  const bool mg_per_l = is({"mg/l", "毫克/升"});
  const bool ug_per_l = is({"µg/l", "μg/l", "ug/l", "微克/升"});
  if (item.unit == "mg/L") {
    if (mg_per_l) return true;
    if (ug_per_l) return *exponent = -3, true;
    return false;
  }
  if (item.unit == "1") return is({"1", "无量纲", "dimensionless", "ph", "-"});
  if (item.unit == "/L") {
    if (is({"/l", "个/l", "mpn/l", "cfu/l", "个/升"})) return true;
    if (is({"/100ml", "个/100ml", "mpn/100ml", "cfu/100ml"})) return *exponent = 1, true;
    return false;
  }
  if (item.unit == "mg/m3") {  // chl-a
    if (is({"mg/m3", "mg/m³", "µg/l", "μg/l", "ug/l"})) return true;
    if (mg_per_l) return *exponent = 3, true;
    return false;
  }
  if (item.unit == "m") {
    if (is({"m", "米"})) return true;
    if (is({"cm", "厘米"})) return *exponent = -2, true;
    return false;
  }
  if (item.unit == "°C") return is({"°c", "℃", "c", "degc"});
  return unit == Lower(item.unit);
}

// Splits "<0.02", "0.02L" and "ND" into the number text and the below-detection mark.
void SplitDetectionMark(std::string_view text, std::string_view* number, bool* below, bool* nd) {
  text = TrimSpaces(text);
  *below = false;
  *nd = false;
  if (text == "ND" || text == "nd" || text == "未检出") {
    *below = *nd = true;
    *number = {};
    return;
  }
  if (!text.empty() && text.front() == '<') {
    *below = true;
    text.remove_prefix(1);
  } else if (!text.empty() && (text.back() == 'L' || text.back() == 'l')) {
    *below = true;
    text.remove_suffix(1);
  }
  *number = TrimSpaces(text);
}

bool IsBelowDetectionFlag(std::string_view flag, bool* known) {
  std::string f = Lower(flag);
  *known = true;
  if (f.empty() || f == "0" || f == "n" || f == "normal") return false;
  if (f == "l" || f == "nd" || f == "<" || f == "bdl" || f == "1") return true;
  *known = false;
  return false;
}

// A wide-form column header: an item name, optionally followed by its unit in
// brackets, "氨氮(mg/L)", "总磷[mg/L]", "粪大肠菌群（个/L）". Names that contain
// brackets themselves (铬(六价)) are tried whole first.
int RecogniseWideHeader(const WaterRules& rules, std::string_view header, std::string* unit) {
  header = TrimSpaces(header);
  unit->clear();
  int item = rules.Recognise(header);
  if (item >= 0) return item;
  static const std::pair<std::string_view, std::string_view> kBrackets[] = {
      {"(", ")"}, {"[", "]"}, {"（", "）"}};
  for (const auto& [open, close] : kBrackets) {
    if (header.size() <= close.size() || header.substr(header.size() - close.size()) != close) {
      continue;
    }
    size_t at = header.rfind(open);
    if (at == std::string_view::npos || at == 0) continue;
    item = rules.Recognise(header.substr(0, at));
    if (item < 0) continue;
    size_t begin = at + open.size();
    *unit = std::string(TrimSpaces(header.substr(begin, header.size() - close.size() - begin)));
    return item;
  }
  return -1;
}

StatusOr<Section> ParseSectionRow(const std::vector<std::string_view>& f,
                                  const std::map<std::string, int>& columns) {
  auto field = [&](const char* name) -> std::string {
    int c = Column(columns, name);
    return c >= 0 && c < static_cast<int>(f.size()) ? std::string(TrimSpaces(f[c])) : "";
  };
  Section s;
  s.id = field("section");
  if (s.id.empty()) return InvalidArgumentError("empty section id");
  s.name = field("name");
  s.river = field("river");
  s.basin = field("basin");
  s.chief = field("chief");
  s.chief_name = field("chief_name");
  s.chief_post = field("chief_post");
  s.chief_unit = field("chief_unit");
  s.categories = SplitCategories(field("categories"));
  for (const std::string& category : s.categories) {
    if (category.size() > 100) {
      return InvalidArgumentError("category " + QuoteForMessage(category) +
                                  " is longer than 100 bytes");
    }
  }
  std::string type = Lower(field("type"));
  if (type == "river" || type == "河流") {
    s.type = WaterBody::kRiver;
  } else if (type == "lake" || type == "湖泊") {
    s.type = WaterBody::kLake;
  } else if (type == "reservoir" || type == "水库") {
    s.type = WaterBody::kReservoir;
  } else {
    return InvalidArgumentError("type " + QuoteForMessage(type) +
                                " is not river, lake or reservoir");
  }
  auto target = ParseClass(field("target_class"));
  if (!target || *target == WaterClass::kWorseThanV) {
    return InvalidArgumentError("target_class " + QuoteForMessage(field("target_class")) +
                                " is not a class I..V");
  }
  s.target = *target;
  std::string level = Lower(field("level"));
  static const std::pair<const char*, SectionLevel> kLevels[] = {
      {"national", SectionLevel::kNational},
      {"国控", SectionLevel::kNational},
      {"provincial", SectionLevel::kProvincial},
      {"省控", SectionLevel::kProvincial},
      {"municipal", SectionLevel::kMunicipal},
      {"市控", SectionLevel::kMunicipal},
      {"town", SectionLevel::kTown},
      {"镇控", SectionLevel::kTown}};
  auto it = std::find_if(std::begin(kLevels), std::end(kLevels),
                         [&](const auto& p) { return level == p.first; });
  if (it == std::end(kLevels)) {
    return InvalidArgumentError("level " + QuoteForMessage(level) +
                                " is not national, provincial, municipal or town");
  }
  s.level = it->second;
  std::string source = Lower(field("drinking_source"));
  if (source == "1" || source == "yes" || source == "true" || source == "是") {
    s.drinking_source = true;
  } else if (!source.empty() && source != "0" && source != "no" && source != "false" &&
             source != "否") {
    return InvalidArgumentError("drinking_source " + QuoteForMessage(source) +
                                " is not 1/0, yes/no or 是/否");
  }
  return s;
}

// The minute of the day of "H:MM" or "HH:MM", optionally with ":SS" and a
// fraction of a second (00:00..23:59:59.999), or -1. Spreadsheet exports write
// one-digit hours ("2025/3/1 9:00").
int ParseTimeOfDay(std::string_view text) {
  auto digits = [&](size_t at, size_t count, int max) {
    int v = 0;
    for (size_t i = at; i < at + count; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v <= max ? v : -1;
  };
  const size_t colon = text.find(':');
  if (colon != 1 && colon != 2) return -1;
  const int hour = digits(0, colon, 23), minute = digits(colon + 1, 2, 59);
  if (hour < 0 || minute < 0) return -1;
  size_t at = colon + 3;
  if (at < text.size()) {
    if (text[at] != ':' || digits(at + 1, 2, 59) < 0) return -1;
    at += 3;
    if (at < text.size()) {
      if (text[at] != '.' || at + 1 == text.size()) return -1;
      for (size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
      }
    }
  }
  return hour * 60 + minute;
}

// Parses the time column: a date ("2026-03-05"), a date and a time of day
// ("2026-03-05 14:00", "2026-03-05T14:00:00"), or a month ("2026-03", meaning
// a monthly value, dated the 1st).
StatusOr<DayNumber> ParseTimeCell(std::string_view text, int16_t* minute) {
  text = TrimSpaces(text);
  *minute = -1;
  const size_t split = text.find_first_of(" T");
  std::string_view date = text.substr(0, split);
  if (split != std::string_view::npos) {
    int m = ParseTimeOfDay(TrimSpaces(text.substr(split + 1)));
    if (m < 0) return InvalidArgumentError("bad time '" + std::string(text) + "'");
    *minute = static_cast<int16_t>(m);
  }
  auto day = ParseDate(date);
  if (day.ok()) return day;
  if (split == std::string_view::npos && date.size() == 7 && (date[4] == '-' || date[4] == '/')) {
    return ParseDate(std::string(date) + (date[4] == '-' ? "-01" : "/01"));
  }
  return InvalidArgumentError(day.status().message());
}

}  // namespace

StatusOr<DayNumber> ParseSampleTime(std::string_view text, int16_t* minute) {
  return ParseTimeCell(text, minute);
}

StatusOr<std::vector<Section>> ParseSections(std::string_view text, const std::string& file_name) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    if (!reader.status().ok()) return reader.status().WithContext(file_name);
    return InvalidArgumentError(file_name + ": empty file");
  }
  ECOCIV_ASSIGN_OR_RETURN(ColumnIndex columns, HeaderColumns(fields, file_name, reader.line()));
  for (const char* required : {"section", "name", "river", "type", "target_class", "level"}) {
    if (Column(columns, required) < 0) {
      return RowError(file_name, reader.line(),
                      std::string("header lacks the column '") + required + "'");
    }
  }
  std::vector<Section> sections;
  std::map<std::string, int64_t> seen;
  while (reader.NextRecord(&fields)) {
    if (fields.size() != columns.size()) {
      return RowError(file_name, reader.line(),
                      "expected " + std::to_string(columns.size()) + " fields, found " +
                          std::to_string(fields.size()));
    }
    auto section = ParseSectionRow(fields, columns);
    if (!section.ok()) return RowError(file_name, reader.line(), section.status().message());
    auto [it, inserted] = seen.emplace(section->id, reader.line());
    if (!inserted) {
      return RowError(file_name, reader.line(),
                      "section " + QuoteForMessage(section->id) + " already defined on line " +
                          std::to_string(it->second));
    }
    sections.push_back(std::move(*section));
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  if (sections.empty()) return InvalidArgumentError(file_name + ": no sections");
  return sections;
}

StatusOr<std::vector<Section>> ReadSections(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseSections(text, path);
}

Status ParseSampleValue(std::string_view value, std::string_view flag, std::string_view unit,
                        const WaterItem& item, const WaterOptions& options, Sample* sample) {
  int exponent = 0;
  if (!UnitExponent(unit, item, &exponent)) {
    return InvalidArgumentError("unit " + QuoteForMessage(TrimSpaces(unit)) +
                                " cannot be converted to " + item.unit + " for " + item.name);
  }
  std::string_view number;
  bool below = false, nd = false;
  SplitDetectionMark(value, &number, &below, &nd);
  bool flag_known = true;
  if (IsBelowDetectionFlag(flag, &flag_known)) below = true;
  if (!flag_known) return InvalidArgumentError("unknown flag " + QuoteForMessage(flag));
  sample->below_detection = below;
  sample->limit_known = !nd;
  if (nd) {
    if (options.nd_without_limit_is_error) {
      return InvalidArgumentError("ND without a detection limit for " + item.name);
    }
    sample->value = 0;
    return Status::Ok();
  }
  int64_t scaled = 0;
  if (!ParseScaledDecimal(number, kWaterDecimals + exponent, &scaled)) {
    return InvalidArgumentError("bad number " + QuoteForMessage(TrimSpaces(value)) + " for " +
                                item.name);
  }
  if (scaled < 0) {
    return InvalidArgumentError("negative value " + QuoteForMessage(TrimSpaces(value)) + " for " +
                                item.name);
  }
  sample->value = scaled;
  return Status::Ok();
}

Status ParseSamples(std::string_view text, const std::string& file_name, const WaterRules& rules,
                    SampleSet* set) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    if (!reader.status().ok()) return reader.status().WithContext(file_name);
    return InvalidArgumentError(file_name + ": empty file");
  }
  ECOCIV_ASSIGN_OR_RETURN(const ColumnIndex columns,
                          HeaderColumns(fields, file_name, reader.line()));
  const int section_col = Column(columns, "section");
  const int time_col = Column(columns, "time");
  if (section_col < 0 || time_col < 0) {
    return RowError(file_name, reader.line(), "header needs the columns 'section' and 'time'");
  }
  const int item_col = Column(columns, "item");
  const int value_col = Column(columns, "value");
  const bool long_form = item_col >= 0 || value_col >= 0;
  const int flag_col = Column(columns, "flag");
  const int unit_col = Column(columns, "unit");
  // Wide form: every other column must be an item.
  struct WideColumn {
    int column;
    int item;
    std::string unit;  // from a header such as 氨氮(mg/L); empty = the item's unit
  };
  std::vector<WideColumn> wide_items;
  if (long_form) {
    if (item_col < 0 || value_col < 0) {
      return RowError(file_name, reader.line(), "long form needs both 'item' and 'value' columns");
    }
    for (const auto& [name, col] : columns) {
      if (col != section_col && col != time_col && col != item_col && col != value_col &&
          col != flag_col && col != unit_col) {
        return RowError(file_name, reader.line(), "unexpected column " + QuoteForMessage(name));
      }
    }
  } else {
    std::vector<std::string> unknown;
    for (size_t c = 0; c < fields.size(); ++c) {
      if (static_cast<int>(c) == section_col || static_cast<int>(c) == time_col) continue;
      std::string unit;
      int item = RecogniseWideHeader(rules, fields[c], &unit);
      if (item < 0) {
        unknown.emplace_back(TrimSpaces(fields[c]));
        continue;
      }
      int exponent = 0;
      if (!UnitExponent(unit, rules.item(item), &exponent)) {
        return RowError(file_name, reader.line(),
                        "unit " + QuoteForMessage(unit) + " in column " +
                            QuoteForMessage(TrimSpaces(fields[c])) + " cannot be converted to " +
                            rules.item(item).unit);
      }
      for (const WideColumn& earlier : wide_items) {
        if (earlier.item != item) continue;
        // Two columns of one item ("氨氮" and "NH3-N"): which is meant cannot be told.
        return RowError(file_name, reader.line(),
                        "columns " + QuoteForMessage(TrimSpaces(fields[earlier.column])) + " and " +
                            QuoteForMessage(TrimSpaces(fields[c])) + " are both " +
                            rules.item(item).name + " (fields " +
                            std::to_string(earlier.column + 1) + " and " + std::to_string(c + 1) +
                            ")");
      }
      wide_items.push_back({static_cast<int>(c), item, unit});
    }
    if (!unknown.empty()) {
      std::string names;
      for (size_t u = 0; u < unknown.size() && u < kMaxNamesListed; ++u) {
        names += (names.empty() ? "" : ", ") + QuoteForMessage(unknown[u]);
      }
      if (unknown.size() > kMaxNamesListed) {
        names += " and " + std::to_string(unknown.size() - kMaxNamesListed) + " more";
      }
      return RowError(file_name, reader.line(), "unknown item column(s) " + names);
    }
    if (wide_items.empty()) return RowError(file_name, reader.line(), "no item columns");
  }

  std::unordered_map<std::string_view, int> section_index;
  for (size_t i = 0; i < set->sections.size(); ++i) {
    section_index.emplace(set->sections[i].id, static_cast<int>(i));
  }
  std::vector<Sample> parsed;
  // One value per section, sampling time and item: a repeat of the same value
  // is dropped, a different one refused. A time is a day when the file gives
  // dates only (one value per day, as the store's import keeps them), else
  // the day and its minute: automatic stations sample several times a day.
  // Line 0: a value from an earlier file.
  struct Seen {
    int64_t value;
    bool below_detection;
    int64_t line;
  };
  std::unordered_map<uint64_t, Seen> seen;
  if (set->sections.size() >= (size_t{1} << 20) || rules.items().size() >= 256) {
    return InvalidArgumentError(file_name + ": more than 2^20 sections or 255 items");
  }
  auto key = [](const Sample& x) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(x.section)) << 44) |
           (static_cast<uint64_t>(static_cast<uint32_t>(x.day) & 0xffffff) << 20) |
           (static_cast<uint64_t>(x.minute + 1) << 8) | static_cast<uint8_t>(x.item);
  };
  // A date-only value is the whole day's: a timed value on the same day
  // (either way round) is the same value again or a conflict.
  auto day_key = [&](const Sample& x) {
    Sample day = x;
    day.minute = -1;
    return key(day);
  };
  std::unordered_map<uint64_t, Seen> first_timed;  // per section, day and item
  auto remember = [&](const Sample& x, int64_t line) {
    if (x.minute >= 0) first_timed.emplace(day_key(x), Seen{x.value, x.below_detection, line});
  };
  for (const Sample& x : set->samples) {
    seen.emplace(key(x), Seen{x.value, x.below_detection, 0});
    remember(x, 0);
  }
  auto refuse = [&](const Seen& first, const Sample& x, int64_t line, bool whole_day) {
    auto shown = [](int64_t value, bool below) {
      std::string text = FormatScaled(value, kWaterDecimals);
      while (text.back() == '0') text.pop_back();  // "0.500000" → "0.5"
      if (text.back() == '.') text.pop_back();
      return (below ? "<" : "") + text;
    };
    return RowError(file_name, line,
                    "section " + QuoteForMessage(set->sections[x.section].id) + " " +
                        FormatDate(x.day) + (whole_day ? "" : MinuteText(x.minute)) + " " +
                        rules.item(x.item).id + ": two values (" +
                        shown(first.value, first.below_detection) + " and " +
                        shown(x.value, x.below_detection) + ") for one " +
                        (whole_day ? "day" : "time") + " (the first " +
                        (first.line > 0 ? "on line " + std::to_string(first.line)
                                        : std::string("from an earlier file")) +
                        ")");
  };
  auto same = [](const Seen& first, const Sample& x) {
    return first.value == x.value && first.below_detection == x.below_detection;
  };
  auto add = [&](const Sample& x, int64_t line) -> Status {
    const auto& days = x.minute >= 0 ? seen : first_timed;
    if (auto clash = days.find(day_key(x)); clash != days.end()) {
      if (same(clash->second, x)) return Status::Ok();  // the day's value again
      return refuse(clash->second, x, line, true);
    }
    auto [it, fresh] = seen.emplace(key(x), Seen{x.value, x.below_detection, line});
    if (fresh) {
      parsed.push_back(x);
      remember(x, line);
      return Status::Ok();
    }
    if (same(it->second, x)) return Status::Ok();  // the same value again
    return refuse(it->second, x, line, x.minute < 0);
  };
  const size_t width = fields.size();
  // Long files repeat the same item names: remember the last one recognised.
  std::string last_item_text;
  int last_item = -1;
  const WaterOptions& options = rules.options();
  while (reader.NextRecord(&fields)) {
    const int64_t line = reader.line();
    if (fields.size() != width) {
      return RowError(
          file_name, line,
          "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
    }
    Sample sample;
    std::string_view section_id = TrimSpaces(fields[section_col]);
    auto found = section_index.find(section_id);
    sample.section = found == section_index.end() ? -1 : found->second;
    if (sample.section < 0) {
      return RowError(file_name, line, "unknown section " + QuoteForMessage(section_id));
    }
    auto day = ParseTimeCell(fields[time_col], &sample.minute);
    if (!day.ok()) return RowError(file_name, line, day.status().message());
    sample.day = *day;
    if (long_form) {
      if (fields[item_col] != last_item_text) {
        last_item_text = std::string(fields[item_col]);
        last_item = rules.Recognise(fields[item_col]);
      }
      const int item = last_item;
      if (item < 0) {
        return RowError(file_name, line,
                        "unknown item " + QuoteForMessage(TrimSpaces(fields[item_col])));
      }
      sample.item = static_cast<int16_t>(item);
      std::string_view flag = flag_col >= 0 ? fields[flag_col] : std::string_view();
      std::string_view unit = unit_col >= 0 ? fields[unit_col] : std::string_view();
      Status s =
          ParseSampleValue(fields[value_col], flag, unit, rules.item(item), options, &sample);
      if (!s.ok()) return RowError(file_name, line, s.message());
      ECOCIV_RETURN_IF_ERROR(add(sample, line));
      continue;
    }
    for (const WideColumn& w : wide_items) {
      if (TrimSpaces(fields[w.column]).empty()) continue;  // not measured
      sample.item = static_cast<int16_t>(w.item);
      Status s =
          ParseSampleValue(fields[w.column], {}, w.unit, rules.item(w.item), options, &sample);
      if (!s.ok()) return RowError(file_name, line, s.message());
      ECOCIV_RETURN_IF_ERROR(add(sample, line));
    }
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  set->samples.insert(set->samples.end(), parsed.begin(), parsed.end());
  return Status::Ok();
}

Status ReadSamples(const std::string& path, const WaterRules& rules, SampleSet* set) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseSamples(text, path, rules, set);
}

}  // namespace ecociv::water
