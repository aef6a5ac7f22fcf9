// The indicators store's names for the shared SQL and CSV-table helpers
// (store/sql.h, core/csv_columns.h).
#pragma once

#include "ecociv/core/csv_columns.h"
#include "ecociv/store/sql.h"

namespace ecociv::indicators {

using ecociv::CsvRow;
using ecociv::ReadCsvColumns;
using store::Blob;
using store::RunSql;
using store::SqlParam;

using store::StoredInt;

inline StatusOr<store::TextRows> Query(store::Database* db, const std::string& sql,
                                       const std::vector<SqlParam>& params) {
  return store::QueryRows(db, sql, params);
}

}  // namespace ecociv::indicators
