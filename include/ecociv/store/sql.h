// Small helpers over Database for the subsystems' own store files: a
// statement with mixed integer, text and blob parameters, and a query whose
// rows come back as text. SQL text belongs in src/store/ and in the
// subsystems' store files only; everything else calls their functions.
//
// Thread safety: as the Database passed in (one thread at a time).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct Blob {
  std::string bytes;
};
using SqlParam = std::variant<int64_t, std::string, Blob>;

// Runs a statement that returns no rows.
Status RunSql(Database* db, const std::string& sql, const std::vector<SqlParam>& params);

// Every row, every column as text (NULL as "").
using TextRows = std::vector<std::vector<std::string>>;
StatusOr<TextRows> QueryRows(Database* db, const std::string& sql,
                             const std::vector<SqlParam>& params);

// The integer a query returned as text (0 for NULL or anything else).
int64_t IntegerOfText(const std::string& text);
// An integer column of a QueryRows row, checked: an error naming `column`
// when the stored text is not a whole number in [min, max] (a database
// changed outside ecociv).
StatusOr<int64_t> StoredInt(const std::string& text, int64_t min, int64_t max, const char* column);

}  // namespace ecociv::store
