#include "ecociv/indicators/catalogue.h"

#include <map>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/formula.h"
#include "ecociv/store/xlsx.h"

// Generated from catalogues/*.csv by cmake/embed_files.cmake.
const ecociv::EmbeddedFile* EmbeddedCatalogues(size_t* count);

namespace ecociv::indicators {

namespace {

constexpr const char* kColumns[] = {
    "id",        "domain",  "name_zh", "name_en", "unit",        "target_city", "target_county",
    "direction", "binding", "applies", "source",  "responsible", "evidence",    "notes"};

const std::map<std::string, Direction>& Directions() {
  static const std::map<std::string, Direction> kMap = {{">=", Direction::kAtLeast},
                                                        {"<=", Direction::kAtMost},
                                                        {"=", Direction::kEqual},
                                                        {"state", Direction::kState},
                                                        {"up", Direction::kUp},
                                                        {"down", Direction::kDown},
                                                        {">=|up", Direction::kAtLeastOrUp},
                                                        {"<=|down", Direction::kAtMostOrDown},
                                                        {"input", Direction::kInput}};
  return kMap;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(sep, start);
    parts.emplace_back(TrimSpaces(text.substr(start, end - start)));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// "key=value|key=value" → the value for `key`; the whole text when unkeyed.
std::optional<std::string> SelectKeyed(const std::string& text, const std::string& key) {
  if (text.find('=') == std::string::npos) return text;
  for (const std::string& part : Split(text, '|')) {
    size_t eq = part.find('=');
    if (eq == std::string::npos) return std::nullopt;
    if (part.substr(0, eq) == key) return part.substr(eq + 1);
  }
  return std::nullopt;
}

bool IsId(std::string_view id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Status CheckTarget(const Indicator& ind, const std::string& text) {
  if (text == "n/a") return Status::Ok();
  if (text.empty()) {
    bool optional = ind.direction == Direction::kUp || ind.direction == Direction::kDown ||
                    ind.direction == Direction::kInput;
    return optional ? Status::Ok()
                    : InvalidArgumentError("target required for direction " +
                                           std::string(DirectionName(ind.direction)));
  }
  if (text.find('=') != std::string::npos) {
    for (const std::string& part : Split(text, '|')) {
      size_t eq = part.find('=');
      std::string key = eq == std::string::npos ? "" : part.substr(0, eq);
      if (key != "plain" && key != "hill" && key != "mountain") {
        return InvalidArgumentError("target " + QuoteForMessage(text) +
                                    ": keyed parts must be plain=, hill= or mountain=");
      }
    }
  }
  if (ind.direction == Direction::kState) return Status::Ok();
  for (const char* terrain : {"plain", "hill", "mountain", ""}) {
    auto value = SelectKeyed(text, terrain);
    if (!value || (value->empty() && *terrain != 0)) continue;
    Ratio number;
    if (*value != "n/a" && !ParseExactDecimal(*value, &number)) {
      return InvalidArgumentError("target " + QuoteForMessage(text) + " is not a number");
    }
    if (*terrain == 0) break;
  }
  return Status::Ok();
}

Status ParseRow(const std::vector<std::string>& f, Indicator* ind) {
  ind->id = f[0];
  if (!IsId(ind->id))
    return InvalidArgumentError("id " + QuoteForMessage(ind->id) + " must match [a-z][a-z0-9_]*");
  ind->domain = f[1];
  ind->name_zh = f[2];
  ind->name_en = f[3];
  ind->unit = f[4];
  ind->target_city = f[5];
  ind->target_county = f[6];
  auto dir = Directions().find(f[7]);
  if (dir == Directions().end())
    return InvalidArgumentError("unknown direction " + QuoteForMessage(f[7]));
  ind->direction = dir->second;
  ind->binding = f[8];
  for (const char* level : {"city", "county"}) {
    auto b = SelectKeyed(ind->binding, level);
    if (!b || (*b != "binding" && *b != "reference" &&
               !(ind->direction == Direction::kInput && *b == "input"))) {
      return InvalidArgumentError("binding " + QuoteForMessage(ind->binding) +
                                  " must be binding, reference or city=...|county=...");
    }
  }
  if (!f[9].empty()) ind->applies = Split(f[9], ';');
  for (const std::string& a : ind->applies) {
    if (a != "city" && a != "county" && a != "coastal" && a != "plain" && a != "hill" &&
        a != "mountain") {
      return InvalidArgumentError("unknown applicability " + QuoteForMessage(a));
    }
  }
  const std::string& source = f[10];
  if (source == "reported") {
    ind->source = Source::kReported;
  } else if (source.rfind("engine:", 0) == 0 && source.size() > 7) {
    ind->source = Source::kEngine;
    ind->engine_figure = source.substr(7);
  } else if (source.rfind("derived:", 0) == 0 && source.size() > 8) {
    ind->source = Source::kDerived;
    ind->formula = std::string(TrimSpaces(source.substr(8)));
    auto formula = Formula::Parse(ind->formula);
    if (!formula.ok()) return formula.status();
    if (!IsNumeric(ind->direction))
      return InvalidArgumentError("a derived indicator needs a numeric direction");
  } else {
    return InvalidArgumentError("source " + QuoteForMessage(source) +
                                " must be reported, engine:FIGURE or derived:FORMULA");
  }
  ind->responsible = f[11];
  ind->evidence = f[12];
  if (ind->evidence != "confirmed" && ind->evidence != "partial" && ind->evidence != "UNVERIFIED") {
    return InvalidArgumentError("evidence " + QuoteForMessage(ind->evidence) +
                                " must be confirmed, partial or UNVERIFIED");
  }
  ind->notes = f[13];
  ECOCIV_RETURN_IF_ERROR(CheckTarget(*ind, ind->target_city).WithContext("target_city"));
  return CheckTarget(*ind, ind->target_county).WithContext("target_county");
}

// Formulas may only name ids of the same catalogue, without cycles.
Status CheckFormulas(const Catalogue& cat, const std::string& file_name) {
  for (const Indicator& ind : cat.indicators) {
    if (ind.source != Source::kDerived) continue;
    auto formula = Formula::Parse(ind.formula);
    for (const std::string& id : formula->ids()) {
      const Indicator* input = cat.Find(id);
      std::string where = file_name + ":" + std::to_string(ind.line) + ": ";
      if (input == nullptr)
        return InvalidArgumentError(where + "formula names unknown id " + QuoteForMessage(id));
      if (input->source == Source::kDerived) {
        return InvalidArgumentError(where + "formula input " + QuoteForMessage(id) +
                                    " is itself derived (one level of derivation only)");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

const char* DirectionName(Direction direction) {
  for (const auto& [name, value] : Directions()) {
    if (value == direction) return name.c_str();
  }
  return "?";
}

const char* SourceName(Source source) {
  switch (source) {
    case Source::kEngine:
      return "engine";
    case Source::kDerived:
      return "derived";
    default:
      return "reported";
  }
}

bool IsNumeric(Direction direction) { return direction != Direction::kState; }

const Indicator* Catalogue::Find(std::string_view id) const {
  for (const Indicator& ind : indicators) {
    if (ind.id == id) return &ind;
  }
  return nullptr;
}

StatusOr<Catalogue> ParseCatalogue(std::string_view csv, const std::string& name,
                                   const std::string& file_name) {
  Catalogue cat;
  cat.name = name;
  cat.csv = std::string(csv);
  CsvReader reader(cat.csv);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    return InvalidArgumentError(file_name + ":1: empty catalogue (header expected)");
  }
  constexpr size_t kCount = sizeof(kColumns) / sizeof(kColumns[0]);
  std::vector<int> order(kCount, -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t c = 0; c < kCount; ++c) {
      if (TrimSpaces(fields[i]) == kColumns[c]) order[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < kCount; ++c) {
    if (order[c] < 0) {
      return InvalidArgumentError(file_name + ":" + std::to_string(reader.line()) +
                                  ": missing column " + QuoteForMessage(kColumns[c]));
    }
  }
  while (reader.NextRecord(&fields)) {
    std::string where = file_name + ":" + std::to_string(reader.line()) + ": ";
    std::vector<std::string> row(kCount);
    for (size_t c = 0; c < kCount; ++c) {
      // A short row (a spreadsheet drops trailing empty cells) reads as empty fields.
      size_t at = static_cast<size_t>(order[c]);
      if (at < fields.size()) row[c] = std::string(TrimSpaces(fields[at]));
    }
    if (row[0].empty() && row[2].empty()) continue;  // a blank spreadsheet row
    Indicator ind;
    ind.line = reader.line();
    Status status = ParseRow(row, &ind);
    if (!status.ok()) return InvalidArgumentError(where + status.message());
    if (cat.Find(ind.id) != nullptr)
      return InvalidArgumentError(where + "duplicate id " + QuoteForMessage(ind.id));
    cat.indicators.push_back(std::move(ind));
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  if (cat.indicators.empty()) return InvalidArgumentError(file_name + ": no indicators");
  ECOCIV_RETURN_IF_ERROR(CheckFormulas(cat, file_name));
  return cat;
}

StatusOr<Catalogue> LoadCatalogueFile(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  std::string stem = base.substr(0, base.find_last_of('.'));
  if (store::IsXlsxPath(path)) {
    ECOCIV_ASSIGN_OR_RETURN(auto sheets, store::ReadXlsxAsCsv(path));
    if (sheets.empty()) return InvalidArgumentError(path + ": no worksheet");
    return ParseCatalogue(sheets[0].csv, stem, path);
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseCatalogue(text, stem, path);
}

std::vector<std::string> BuiltInCatalogueNames() {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedCatalogues(&count);
  std::vector<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    std::string path(files[i].path);
    names.push_back(path.substr(0, path.find_last_of('.')));
  }
  return names;
}

StatusOr<Catalogue> BuiltInCatalogue(const std::string& name) {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedCatalogues(&count);
  for (size_t i = 0; i < count; ++i) {
    if (std::string(files[i].path) == name + ".csv") {
      return ParseCatalogue(std::string_view(files[i].data, files[i].size), name,
                            "catalogues/" + name + ".csv");
    }
  }
  return NotFoundError("no built-in catalogue " + QuoteForMessage(name));
}

StatusOr<Target> ResolveTarget(const Indicator& ind, const std::string& level,
                               const std::string& terrain) {
  Target target;
  const std::string& text = level == "city" ? ind.target_city : ind.target_county;
  auto selected = SelectKeyed(text, terrain);
  if (!selected || *selected == "n/a") {
    target.applies = false;
    return target;
  }
  target.text = *selected;
  if (IsNumeric(ind.direction) && !target.text.empty()) {
    Ratio number;
    if (!ParseExactDecimal(target.text, &number)) {
      return InvalidArgumentError(ind.id + ": target " + QuoteForMessage(target.text) +
                                  " is not a number");
    }
    target.number = number;
  }
  return target;
}

std::string ResolveBinding(const Indicator& ind, const std::string& level) {
  auto b = SelectKeyed(ind.binding, level);
  return b ? *b : "reference";
}

bool ParseExactDecimal(std::string_view text, Ratio* out) {
  text = TrimSpaces(text);
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
  if (text.empty() || text.size() > 40) return false;
  constexpr int kMaxIntegerDigits = 13, kMaxDecimals = 15;
  int128 num = 0;
  int128 den = 1;
  bool point = false, digits = false;
  int integer_digits = 0, decimals = 0;  // integer digits after leading zeros
  for (char c : text) {
    if (c == '.' && !point) {
      point = true;
    } else if (c >= '0' && c <= '9') {
      num = num * 10 + (c - '0');
      if (point) {
        den *= 10;
        ++decimals;
      } else if (num != 0) {
        ++integer_digits;
      }
      digits = true;
      if (integer_digits > kMaxIntegerDigits || decimals > kMaxDecimals) return false;
    } else {
      return false;
    }
  }
  if (!digits) return false;
  *out = Ratio::Of(negative ? -num : num, den);
  return true;
}

std::string FormatRatio(const Ratio& value, int decimals) {
  std::string text = FormatRounded(value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace ecociv::indicators
