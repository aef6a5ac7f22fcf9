// The one place where the store's SQL (written for SQLite, see database.h)
// becomes PostgreSQL's. The store keeps one copy of every statement and
// migration; this translation covers the few constructs where the two
// dialects differ (docs/store.md, "PostgreSQL"):
//   - `?` placeholders become `$1`, `$2`, ...;
//   - INTEGER becomes BIGINT (SQLite's integers are 64-bit), BLOB BYTEA,
//     REAL DOUBLE PRECISION, `INTEGER PRIMARY KEY` an identity column;
//     `WITHOUT ROWID` is dropped, and a table without an integer key gets
//     an identity column `rowid` (SQLite's implicit one, used for ordering);
//   - `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`, `INSERT OR
//     REPLACE` an upsert on the table's primary key;
//   - an INSERT into a table with an integer key gets `RETURNING key`, read
//     by the backend for LastInsertId;
//   - `CREATE TRIGGER ... BEGIN SELECT RAISE(ABORT, 'm'); END` becomes a
//     PL/pgSQL function raising 'm' and a row trigger;
//   - PRAGMA statements (SQLite's settings) become nothing.
// SQLite's functions the store uses and PostgreSQL lacks (instr,
// group_concat, sum of a condition, strftime('%s', ...)) are defined in the
// database instead: CompatFunctions().
//
// Thread safety: the functions are pure; a Tables is not synchronised.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ecociv::store::pg {

struct TableInfo {
  // The `INTEGER PRIMARY KEY` column, or "" when the table has none.
  std::string integer_key;
  // The primary key's columns (the conflict target of INSERT OR REPLACE).
  std::vector<std::string> primary_key;
};
using Tables = std::map<std::string, TableInfo>;

// The tables that `ddl` (one or more statements) creates, added to *tables.
void LearnTables(std::string_view ddl, Tables* tables);

struct Translated {
  std::string sql;
  int params = 0;
  // The integer key RETURNING was appended for ("" when none).
  std::string returning;
};

// One statement (DML or a query); `tables` names integer and primary keys.
Translated TranslateStatement(std::string_view sql, const Tables& tables);

// A script of statements without parameters (a migration, Exec text).
std::string TranslateScript(std::string_view sql, const Tables& tables);

// `COPY t (columns) FROM STDIN` for a plain `INSERT INTO t (columns) VALUES
// (?, ...)` (one placeholder per column, nothing else), else "".
std::string CopyOfInsert(std::string_view sql);

// CREATE OR REPLACE of the SQLite functions the store's SQL uses.
std::string_view CompatFunctions();

}  // namespace ecociv::store::pg
