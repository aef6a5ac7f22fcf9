#include "ecociv/store/sql.h"

#include <limits>

#include "ecociv/core/parse_number.h"

namespace ecociv::store {
namespace {

StatusOr<std::unique_ptr<Statement>> Bound(Database* db, const std::string& sql,
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

}  // namespace

Status RunSql(Database* db, const std::string& sql, const std::vector<SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, Bound(db, sql, params));
  return stmt->Run();
}

StatusOr<TextRows> QueryRows(Database* db, const std::string& sql,
                             const std::vector<SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, Bound(db, sql, params));
  const int columns = stmt->ColumnCount();
  TextRows rows;
  Status status;
  while (stmt->Step(&status)) {
    std::vector<std::string> row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      row.push_back(stmt->ColumnIsNull(c) ? "" : stmt->ColumnText(c));
    }
    rows.push_back(std::move(row));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return rows;
}

int64_t IntegerOfText(const std::string& text) {
  int64_t value = 0;
  ParseIntegerInRange(text, std::numeric_limits<int64_t>::min(),
                      std::numeric_limits<int64_t>::max(), &value);
  return value;
}

StatusOr<int64_t> StoredInt(const std::string& text, int64_t min, int64_t max, const char* column) {
  return ParseInteger(text, min, max, std::string("stored ") + column);
}

}  // namespace ecociv::store
