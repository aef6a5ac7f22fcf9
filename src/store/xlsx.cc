// Parts read (ECMA-376): xl/workbook.xml (sheet names, r:ids, date1904),
// xl/_rels/workbook.xml.rels (r:id → sheet part), xl/sharedStrings.xml,
// xl/styles.xml (cellXfs → numFmtId, numFmts → formatCode), and each
// xl/worksheets/sheetN.xml (sheetData/row/c with t, s, r and v or is).
#include "ecociv/store/xlsx.h"

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"

namespace ecociv::store {

namespace {

// "300 MiB", "12 KiB" or "512 bytes", for messages about sizes.
std::string SizeText(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

class ZipArchive {
 public:
  ~ZipArchive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Status Open(const std::string& path, const XlsxLimits& limits) {
    path_ = path;
    limits_ = limits;
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (zip_ != nullptr) return Status::Ok();
    if (error == ZIP_ER_NOENT || error == ZIP_ER_OPEN) return NotFoundError(path + ": cannot open");
    return DataLossError(path + ": not an .xlsx workbook (not a zip archive)");
  }
  bool Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }
  // The part's text, refused when its declared or actual expanded size is
  // beyond the limits of xlsx.h (a decompression bomb), before it is read.
  StatusOr<std::string> Read(const std::string& name) {
    zip_stat_t stat;
    if (zip_stat(zip_, name.c_str(), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE)) {
      return DataLossError(path_ + ": workbook part " + name + " is missing");
    }
    ECOCIV_RETURN_IF_ERROR(CheckExpandedSize(name, stat));
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (file == nullptr) return DataLossError(path_ + ": cannot read part " + name);
    std::string data(stat.size, '\0');
    zip_int64_t got = zip_fread(file, data.data(), stat.size);
    char extra = 0;
    bool longer = got == static_cast<zip_int64_t>(stat.size) && zip_fread(file, &extra, 1) > 0;
    zip_fclose(file);
    if (got != static_cast<zip_int64_t>(stat.size) || longer) {
      return DataLossError(path_ + ": part " + name + " is truncated or corrupt");
    }
    expanded_total_ += stat.size;
    return data;
  }

 private:
  Status CheckExpandedSize(const std::string& name, const zip_stat_t& stat) const {
    uint64_t size = stat.size;
    uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : size;
    auto refuse = [&](const std::string& why) {
      return DataLossError(path_ + ": part " + name + " " + why +
                           "; the workbook is refused (split it or save it as CSV)");
    };
    if (size > limits_.max_part_bytes) {
      return refuse("expands to " + SizeText(size) + ", more than the " +
                    SizeText(limits_.max_part_bytes) + " a part may have");
    }
    if (expanded_total_ + size > limits_.max_workbook_bytes) {
      return refuse("brings the expanded workbook beyond " + SizeText(limits_.max_workbook_bytes));
    }
    if (size > limits_.ratio_checked_from_bytes &&
        size / std::max<uint64_t>(compressed, 1) > limits_.max_ratio) {
      return refuse("expands " + std::to_string(size / std::max<uint64_t>(compressed, 1)) +
                    " times, more than the " + std::to_string(limits_.max_ratio) +
                    " times a genuine workbook does");
    }
    return Status::Ok();
  }

  std::string path_;
  XlsxLimits limits_;
  zip_t* zip_ = nullptr;
  uint64_t expanded_total_ = 0;
};

Status ParseXml(ZipArchive& zip, const std::string& path, const std::string& part,
                pugi::xml_document* doc) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, zip.Read(part));
  pugi::xml_parse_result parsed = doc->load_buffer(text.data(), text.size());
  if (!parsed) return DataLossError(path + ": " + part + ": " + parsed.description());
  return Status::Ok();
}

// All text of a string item: its <t>, or the <t> of each rich-text run <r>,
// skipping phonetic runs (<rPh>). Runs do not nest (ECMA-376 CT_RElt), so
// deeper elements are not read: a hostile nesting cannot exhaust the stack.
std::string TextOf(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "t") {
      out += child.text().get();
    } else if (name == "r") {
      for (pugi::xml_node t : child.children("t")) out += t.text().get();
    }
  }
  return out;
}

StatusOr<std::vector<std::string>> SharedStrings(ZipArchive& zip, const std::string& path) {
  std::vector<std::string> strings;
  if (!zip.Has("xl/sharedStrings.xml")) return strings;
  pugi::xml_document doc;
  ECOCIV_RETURN_IF_ERROR(ParseXml(zip, path, "xl/sharedStrings.xml", &doc));
  for (pugi::xml_node si : doc.child("sst").children("si")) strings.push_back(TextOf(si));
  return strings;
}

// A custom number format shows a date or time when it has y, m, d, h or s
// outside quoted text, escapes and [colour]/[condition] brackets.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      // [h], [mm], [ss] are elapsed-time codes: a time; anything else is a colour/condition.
      bracket = !(i + 1 < code.size() && std::strchr("hHmMsS", code[i + 1]) != nullptr);
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (std::strchr("yYmMdDhHsS", c) != nullptr) {
      return true;
    }
  }
  return false;
}

// For each cell style index: does it format numbers as dates?
StatusOr<std::vector<bool>> DateStyles(ZipArchive& zip, const std::string& path) {
  std::vector<bool> styles;
  if (!zip.Has("xl/styles.xml")) return styles;
  pugi::xml_document doc;
  ECOCIV_RETURN_IF_ERROR(ParseXml(zip, path, "xl/styles.xml", &doc));
  pugi::xml_node root = doc.child("styleSheet");
  std::set<int> date_formats = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47};
  for (pugi::xml_node fmt : root.child("numFmts").children("numFmt")) {
    if (IsDateFormatCode(fmt.attribute("formatCode").value())) {
      date_formats.insert(fmt.attribute("numFmtId").as_int());
    }
  }
  for (pugi::xml_node xf : root.child("cellXfs").children("xf")) {
    styles.push_back(date_formats.count(xf.attribute("numFmtId").as_int(-1)) > 0);
  }
  return styles;
}

// "2026-03-01 05:00" from an Excel serial day number, rounded to the minute.
std::string SerialToText(double serial, bool date1904) {
  int64_t minutes = std::llround(serial * 1440.0);
  int64_t days = minutes / 1440, minute_of_day = minutes % 1440;
  // 1900 system: serial 1 = 1900-01-01, with the phantom 1900-02-29, so
  // serials from 61 count from 1899-12-30; 1904 system: serial 0 = 1904-01-01.
  DayNumber epoch = date1904 ? DaysFromCivil({1904, 1, 1}) : DaysFromCivil({1899, 12, 30});
  if (!date1904 && days < 61) ++days;
  CivilDate date = CivilFromDays(static_cast<DayNumber>(epoch + days));
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", date.year, date.month, date.day,
                int(minute_of_day / 60), int(minute_of_day % 60));
  return buffer;
}

// A cell reference "AB12" split into its 0-based column and 1-based row,
// within the format's limits (XFD1048576); false for anything else.
bool ParseCellReference(std::string_view ref, int* column, int64_t* row) {
  size_t letters = 0;
  int value = 0;
  while (letters < ref.size() && letters < 4 && ref[letters] >= 'A' && ref[letters] <= 'Z') {
    value = value * 26 + (ref[letters] - 'A' + 1);
    ++letters;
  }
  if (letters == 0 || value > kXlsxMaxColumns) return false;
  *column = value - 1;
  return ParseIntegerInRange(ref.substr(letters), 1, kXlsxMaxRows, row);
}

void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

struct WorkbookContext {
  std::vector<std::string> shared;
  std::vector<bool> date_styles;
  bool date1904 = false;
};

// The largest serial Excel shows as a date: 9999-12-31.
constexpr double kLastSerialDay = 2958465;

// The text of one cell; `where` ("file: sheet 'S' cell B3") names it in errors.
StatusOr<std::string> CellText(const pugi::xml_node& c, const WorkbookContext& ctx,
                               const std::string& where) {
  std::string_view type = c.attribute("t").value();
  std::string value = c.child("v").text().get();
  if (type == "s") {
    int64_t index = 0;
    if (ctx.shared.empty() ||
        !ParseIntegerInRange(value, 0, static_cast<int64_t>(ctx.shared.size()) - 1, &index)) {
      return DataLossError(where + ": shared string '" + value.substr(0, 20) +
                           "' does not exist (the workbook has " +
                           std::to_string(ctx.shared.size()) + " shared strings)");
    }
    return ctx.shared[static_cast<size_t>(index)];
  }
  if (type == "inlineStr") return TextOf(c.child("is"));
  if (type == "b") return std::string(value == "1" ? "TRUE" : "FALSE");
  if (type == "str" || type == "e" || value.empty()) return value;
  size_t style = c.attribute("s").as_uint(0);
  if (style < ctx.date_styles.size() && ctx.date_styles[style]) {
    double serial = 0;
    if (!ParseDouble(value, &serial) || !(serial >= 0 && serial <= kLastSerialDay + 1)) {
      return DataLossError(where + ": '" + value.substr(0, 20) +
                           "' is not a date Excel can show (serial day 0 to 2958465)");
    }
    return SerialToText(serial, ctx.date1904);
  }
  return value;
}

void AppendCsvRow(std::vector<std::string>* fields, std::string* csv) {
  while (!fields->empty() && fields->back().empty()) fields->pop_back();
  for (size_t i = 0; i < fields->size(); ++i) {
    if (i) csv->push_back(',');
    AppendCsvField((*fields)[i], csv);
  }
  csv->push_back('\n');
}

Status TooManyCells(const std::string& where, size_t limit) {
  return DataLossError(where + ": more than " + SizeText(limit) +
                       " of cells; the workbook is refused (split it or save it as CSV)");
}

StatusOr<std::string> SheetToCsv(ZipArchive& zip, const std::string& path, const std::string& sheet,
                                 const std::string& part, const WorkbookContext& ctx,
                                 size_t max_csv_bytes, size_t* csv_budget) {
  pugi::xml_document doc;
  ECOCIV_RETURN_IF_ERROR(ParseXml(zip, path, part, &doc));
  const std::string where = path + ": sheet '" + sheet + "'";
  std::string csv;
  int64_t line = 0;
  std::vector<std::string> fields;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    int64_t number = line + 1;
    if (!row.attribute("r").empty() &&
        !ParseIntegerInRange(row.attribute("r").value(), 1, kXlsxMaxRows, &number)) {
      return DataLossError(where + ": row number '" +
                           std::string(row.attribute("r").value()).substr(0, 20) +
                           "' is outside 1 to 1048576");
    }
    if (number <= line)
      return DataLossError(where + ": rows out of order at row " + std::to_string(number));
    csv.append(static_cast<size_t>(number - line - 1), '\n');  // empty rows stay lines
    line = number;
    fields.clear();
    size_t row_bytes = 0;
    for (pugi::xml_node c : row.children("c")) {
      int column = static_cast<int>(fields.size());
      std::string_view ref = c.attribute("r").value();
      int64_t cell_row = number;
      if (!ref.empty() && (!ParseCellReference(ref, &column, &cell_row) || cell_row != number)) {
        return DataLossError(where + " row " + std::to_string(number) + ": cell reference '" +
                             std::string(ref.substr(0, 20)) +
                             "' is not a cell of this row within A1:XFD1048576");
      }
      if (column >= kXlsxMaxColumns) {
        return DataLossError(where + " row " + std::to_string(number) + ": more than 16384 cells");
      }
      if (column >= static_cast<int>(fields.size())) fields.resize(column + 1);
      ECOCIV_ASSIGN_OR_RETURN(fields[column],
                              CellText(c, ctx, where + " cell " + std::string(ref)));
      // Counted per cell: one row may repeat a long shared string 16384 times.
      row_bytes += fields[column].size() + 1;
      if (csv.size() + row_bytes > *csv_budget) return TooManyCells(where, max_csv_bytes);
    }
    AppendCsvRow(&fields, &csv);
    if (csv.size() > *csv_budget) return TooManyCells(where, max_csv_bytes);
  }
  *csv_budget -= csv.size();
  return csv;
}

// Sheet names and their parts, in workbook order.
StatusOr<std::vector<std::pair<std::string, std::string>>> SheetParts(ZipArchive& zip,
                                                                      const std::string& path,
                                                                      bool* date1904) {
  pugi::xml_document workbook, rels;
  ECOCIV_RETURN_IF_ERROR(ParseXml(zip, path, "xl/workbook.xml", &workbook));
  ECOCIV_RETURN_IF_ERROR(ParseXml(zip, path, "xl/_rels/workbook.xml.rels", &rels));
  std::map<std::string, std::string> targets;
  for (pugi::xml_node rel : rels.child("Relationships").children("Relationship")) {
    std::string target = rel.attribute("Target").value();
    target = target.starts_with("/") ? target.substr(1) : "xl/" + target;
    targets[rel.attribute("Id").value()] = target;
  }
  pugi::xml_node root = workbook.child("workbook");
  std::string_view flag = root.child("workbookPr").attribute("date1904").value();
  *date1904 = flag == "1" || flag == "true";
  std::vector<std::pair<std::string, std::string>> sheets;
  for (pugi::xml_node sheet : root.child("sheets").children("sheet")) {
    auto it = targets.find(sheet.attribute("r:id").value());
    if (it == targets.end()) {
      return DataLossError(path + ": sheet '" + sheet.attribute("name").value() + "' has no part");
    }
    sheets.emplace_back(sheet.attribute("name").value(), it->second);
  }
  return sheets;
}

}  // namespace

StatusOr<std::vector<XlsxSheet>> ReadXlsxAsCsv(const std::string& path, const XlsxLimits& limits) {
  ZipArchive zip;
  ECOCIV_RETURN_IF_ERROR(zip.Open(path, limits));
  WorkbookContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(auto parts, SheetParts(zip, path, &ctx.date1904));
  ECOCIV_ASSIGN_OR_RETURN(ctx.shared, SharedStrings(zip, path));
  ECOCIV_ASSIGN_OR_RETURN(ctx.date_styles, DateStyles(zip, path));
  std::vector<XlsxSheet> sheets;
  size_t csv_budget = limits.max_csv_bytes;
  for (const auto& [name, part] : parts) {
    ECOCIV_ASSIGN_OR_RETURN(
        std::string csv, SheetToCsv(zip, path, name, part, ctx, limits.max_csv_bytes, &csv_budget));
    sheets.push_back({name, std::move(csv)});
  }
  return sheets;
}

bool IsXlsxPath(const std::string& path) {
  if (path.size() < 5) return false;
  std::string tail = path.substr(path.size() - 5);
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == ".xlsx";
}

}  // namespace ecociv::store
