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
// Thread safety: the function is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

struct XlsxSheet {
  std::string name;  // the sheet tab name, e.g. "Sheet1", "三月"
  std::string csv;   // RFC 4180 text, line r = sheet row r
};

// Errors: NotFound (cannot open), DataLoss (not a zip, missing or malformed
// workbook parts), naming the file and part.
StatusOr<std::vector<XlsxSheet>> ReadXlsxAsCsv(const std::string& path);

// True when the path ends in ".xlsx" (case-insensitive).
bool IsXlsxPath(const std::string& path);

}  // namespace ecociv::store
