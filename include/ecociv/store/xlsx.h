// Reading Excel workbooks (.xlsx, Office Open XML) as CSV text, so that every
// importer reads a workbook exactly as it reads a CSV file with the same
// columns. Debian packages no C++ xlsx reader; this one uses libzip for the
// container and pugixml for the parts.
//
// What is read: every worksheet, in workbook order, with its name; cells by
// their reference (A1, AB12), so gaps stay gaps; shared strings (with rich
// text runs, without phonetic guides), inline strings, formula results
// (cached values), booleans (TRUE/FALSE), error values (#N/A as text), and
// numbers — a number formatted as a date or time (built-in formats 14–22,
// 45–47, or a custom format with date/time codes) becomes
// "YYYY-MM-DD HH:MM" (1900 or 1904 date system), any other number its stored
// text ("35", "0.6"). Row r of the sheet is line r of the CSV text (empty
// rows are empty lines), so "file:line" in a report is the Excel row number.
//
// Limits: a workbook is read only within the format's limits and sizes a
// genuine workbook has; anything beyond is refused with DataLoss naming the
// file, sheet and cell, before memory is spent on it (a cell reference beyond
// XFD1048576, a part that expands beyond XlsxLimits, cells beyond
// max_csv_bytes of text). A shared
// string index that does not exist or a date serial Excel cannot show is
// refused too, never read as an empty cell.
//
// Thread safety: the function is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

inline constexpr int kXlsxMaxColumns = 16384;     // XFD, ECMA-376 and Excel
inline constexpr int64_t kXlsxMaxRows = 1048576;  // ECMA-376 and Excel

// How much a workbook may expand to. The defaults hold the largest genuine
// workbooks a bureau exchanges (a national month is about 140 MB of text).
struct XlsxLimits {
  uint64_t max_part_bytes = uint64_t{256} << 20;      // one expanded part
  uint64_t max_workbook_bytes = uint64_t{512} << 20;  // all parts read
  // Parts above ratio_checked_from_bytes may expand at most max_ratio times
  // their compressed size: spreadsheet XML compresses 5 to 30 times, a bomb
  // thousands of times.
  uint64_t ratio_checked_from_bytes = uint64_t{8} << 20;
  uint64_t max_ratio = 200;
  size_t max_csv_bytes = size_t{512} << 20;  // the text of all sheets
};

struct XlsxSheet {
  std::string name;  // the sheet tab name, e.g. "Sheet1", "三月"
  std::string csv;   // RFC 4180 text, line r = sheet row r
};

// Errors: NotFound (cannot open), DataLoss (not a zip, missing or malformed
// workbook parts), naming the file and part.
StatusOr<std::vector<XlsxSheet>> ReadXlsxAsCsv(const std::string& path,
                                               const XlsxLimits& limits = {});

// True when the path ends in ".xlsx" (case-insensitive).
bool IsXlsxPath(const std::string& path);

}  // namespace ecociv::store
