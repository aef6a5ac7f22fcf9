// Small SQL helpers of the indicators store: statements with mixed integer,
// text and blob parameters, and queries returning rows of text.
// Thread safety: as the Database passed in (one thread at a time).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "ecociv/store/database.h"

namespace ecociv::indicators {

struct Blob {
  std::string bytes;
};
using SqlParam = std::variant<int64_t, std::string, Blob>;

Status RunSql(store::Database* db, const std::string& sql, const std::vector<SqlParam>& params);
// Every row, every column as text (NULL as ""). `sql` must be a plain
// "SELECT col, col, ... FROM ..." (the column count is read from it).
StatusOr<std::vector<std::vector<std::string>>> Query(store::Database* db, const std::string& sql,
                                                      const std::vector<SqlParam>& params);

// An integer column of a Query row: an error naming `column` when the stored
// text is not a whole number in [min, max] (a database changed outside ecociv).
StatusOr<int64_t> StoredInt(const std::string& text, int64_t min, int64_t max, const char* column);

// A CSV file with required columns (any order, extra columns ignored): each
// row's fields in the order of `columns`, with its line number.
struct CsvRow {
  int64_t line = 0;
  std::vector<std::string> fields;
};
StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& columns);

}  // namespace ecociv::indicators
