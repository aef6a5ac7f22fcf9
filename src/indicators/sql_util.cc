#include "sql_util.h"

#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"

namespace ecociv::indicators {

namespace {

StatusOr<std::unique_ptr<store::Statement>> Bound(store::Database* db, const std::string& sql,
                                                  const std::vector<SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare(sql));
  for (size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i);
    if (const auto* n = std::get_if<int64_t>(&params[i])) {
      stmt->BindInt64(index, *n);
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      stmt->BindText(index, *s);
    } else {
      stmt->BindBlob(index, std::get<Blob>(params[i]).bytes);
    }
  }
  return stmt;
}

// The number of columns of "SELECT a, b, c FROM ...": commas before FROM + 1.
int ColumnCount(const std::string& sql) {
  size_t from = sql.find(" FROM ");
  int count = 1;
  for (size_t i = 0; i < from && i < sql.size(); ++i) count += sql[i] == ',';
  return count;
}

}  // namespace

Status RunSql(store::Database* db, const std::string& sql, const std::vector<SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, Bound(db, sql, params));
  return stmt->Run();
}

StatusOr<std::vector<std::vector<std::string>>> Query(store::Database* db, const std::string& sql,
                                                      const std::vector<SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, Bound(db, sql, params));
  int columns = ColumnCount(sql);
  std::vector<std::vector<std::string>> rows;
  Status status;
  while (stmt->Step(&status)) {
    std::vector<std::string> row;
    for (int c = 0; c < columns; ++c) {
      row.push_back(stmt->ColumnIsNull(c) ? "" : stmt->ColumnText(c));
    }
    rows.push_back(std::move(row));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return rows;
}

StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& columns) {
  CsvReader reader(csv);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) return InvalidArgumentError(file_name + ":1: header expected");
  std::vector<int> order(columns.size(), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (TrimSpaces(fields[i]) == columns[c]) order[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (order[c] < 0) {
      return InvalidArgumentError(file_name + ":" + std::to_string(reader.line()) +
                                  ": missing column '" + columns[c] + "'");
    }
  }
  std::vector<CsvRow> rows;
  while (reader.NextRecord(&fields)) {
    CsvRow row;
    row.line = reader.line();
    for (size_t c = 0; c < columns.size(); ++c) {
      // A short row (a spreadsheet drops trailing empty cells) reads as empty fields.
      size_t at = static_cast<size_t>(order[c]);
      row.fields.emplace_back(at < fields.size() ? TrimSpaces(fields[at]) : std::string_view());
    }
    rows.push_back(std::move(row));
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  return rows;
}

StatusOr<int64_t> StoredInt(const std::string& text, int64_t min, int64_t max, const char* column) {
  return ParseInteger(text, min, max, std::string("stored ") + column);
}

}  // namespace ecociv::indicators
