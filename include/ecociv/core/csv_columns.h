// Reading a small CSV table by column name: the header names the columns (any
// order, extra columns ignored), and each row's fields come back in the order
// the caller asked for, trimmed, with the row's line number for errors.
// For the tables a bureau keeps by hand (units, plans, people, values); the
// large monitoring files have their own readers.
//
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv {

struct CsvRow {
  int64_t line = 0;
  std::vector<std::string> fields;  // in the order of `columns`
};

// Errors: "file:1: header expected", "file:L: missing column 'x'", "file:1:
// column 'x' appears twice in the header (fields 2 and 5)" (a column asked
// for that the header names twice is refused, never resolved to one of the
// two), and the reader's own (an open quote) with the file name. A short row (a spreadsheet
// drops trailing empty cells) reads as empty fields.
StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& columns);
// The same with columns that may be absent from the header: their fields
// follow the required ones and read as empty when the column is not there.
StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& columns,
                                             const std::vector<std::string>& optional_columns);

}  // namespace ecociv
