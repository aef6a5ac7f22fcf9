// Database and Statement: the small SQL interface the store is written
// against, with two backends: SQLite (the embedded default, one file) and
// PostgreSQL (a server many processes share; docs/store.md, "PostgreSQL").
//
// A Database is one connection. SQL text uses `?` placeholders and portable
// types (INTEGER, TEXT, BLOB), written in SQLite's dialect; the PostgreSQL
// backend translates the few differences in one place (postgres_dialect.h).
// Backend-specific setup (WAL, foreign keys, schema versioning) happens
// inside the backend's Open function. A Statement
// is prepared once and reused: Bind*, then Step until it returns false, then
// Reset. Column indexes and bind indexes are 0-based.
//
// Transactions: Begin/Commit/Rollback; a Database destroyed inside an open
// transaction rolls it back. A transaction serialises writers on both
// backends (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
// advisory lock taken at Begin), so the hash-chained change record and
// every read-then-write inside a transaction see no concurrent writer. The store keeps every import
// inside one transaction so that a failed or killed import leaves nothing behind.
//
// Thread safety: a Database and its Statements belong to one thread at a
// time. Separate Database objects on the same file may be used concurrently
// (writers are serialised; readers see the last committed state).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv::store {

class Statement {
 public:
  virtual ~Statement() = default;

  virtual void BindInt64(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;

  // Advances to the next result row. Returns true when a row is available,
  // false when done; errors come back through *status (left untouched on success).
  virtual bool Step(Status* status) = 0;
  // Runs a statement that returns no rows (or ignores them).
  Status Run();
  virtual void Reset() = 0;

  // The number of columns a row of this statement has.
  virtual int ColumnCount() const = 0;
  virtual bool ColumnIsNull(int index) const = 0;
  virtual int64_t ColumnInt64(int index) const = 0;
  virtual std::string ColumnText(int index) const = 0;
  virtual std::string ColumnBlob(int index) const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without parameters.
  virtual Status Exec(const std::string& sql) = 0;
  virtual StatusOr<std::unique_ptr<Statement>> Prepare(const std::string& sql) = 0;
  virtual int64_t LastInsertId() const = 0;
  // An `INSERT INTO t (columns) VALUES (?, ...)` run for many rows, whose
  // errors may come back from a later statement or from Commit rather than
  // from its own Run (PostgreSQL sends the rows in batches with COPY; it
  // gives no LastInsertId). Use inside a transaction. SQLite: Prepare.
  virtual StatusOr<std::unique_ptr<Statement>> PrepareBulkInsert(const std::string& sql) {
    return Prepare(sql);
  }

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Copies a consistent snapshot of the whole database to `path` (online:
  // other connections may keep writing). PostgreSQL: pg_dump's custom format.
  virtual Status BackupTo(const std::string& path) = 0;

  // The schema version of the open database (after migrations).
  virtual int SchemaVersion() const = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view BackendName() const = 0;
};

// Runs `sql` with the given integer parameters and returns the first column of
// the first row (or `fallback` when there is no row or it is NULL).
StatusOr<int64_t> QueryInt64(Database* db, const std::string& sql,
                             std::initializer_list<int64_t> params = {}, int64_t fallback = 0);

// Ends a transaction on scope exit unless committed: a failed import, an error
// return, anything but an explicit Commit() leaves the database as before.
class Transaction {
 public:
  explicit Transaction(Database* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();

 private:
  Database* db_;
  bool open_ = false;
};

// How long a statement waits for another connection's write lock before it
// fails with Unavailable ("the database is busy ... try again"): long enough
// for a web request's or a review decision's write, short enough that a
// command or a web worker is not held while a long import runs.
inline constexpr int kBusyTimeoutMs = 5000;

struct OpenOptions {
  // Create the file (and the schema) when it does not exist. When false, a
  // missing file is NotFound.
  bool create = false;
  // Apply pending migrations to an older file. When false, an older file is
  // FailedPrecondition (`ecociv db init` upgrades it).
  bool migrate = true;
  // See kBusyTimeoutMs.
  int busy_timeout_ms = kBusyTimeoutMs;
};

// Opens (or creates) an SQLite database: WAL journal, foreign keys on,
// busy timeout kBusyTimeoutMs (a lock held longer is Unavailable, from the
// open or from any later statement), schema brought to the current version
// by the numbered migrations. A file written by a newer ecociv (user_version above ours) is
// refused with FailedPrecondition and left untouched.
StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path,
                                                       const OpenOptions& options);

// Opens a PostgreSQL database: `url` is a libpq URL (postgresql://... or
// postgres://...; the first schema of its search_path, e.g.
// `?options=-csearch_path%3Dcity`, holds the tables, created on `create`).
// Statements wait at most busy_timeout_ms for a lock (then Unavailable).
// The schema version lives in the table ecociv_schema; a schema with other
// tables and no ecociv_schema is refused, a newer version too.
StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url,
                                                         const OpenOptions& options);

// Whether `target` names a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresTarget(const std::string& target);

// Opens `target` with the backend it names: a PostgreSQL URL, else an SQLite file.
StatusOr<std::unique_ptr<Database>> OpenDatabase(const std::string& target,
                                                 const OpenOptions& options);

// Replaces the database `target` with the backup `from` (a file BackupTo
// wrote): SQLite copies it in; PostgreSQL runs pg_restore --clean.
Status RestoreDatabase(const std::string& target, const std::string& from);

// `target` for messages: a URL's password replaced by "***".
std::string DisplayTarget(const std::string& target);

// The database path from, in order: `flag_value` (--db), $ECOCIV_DB, "ecociv.db".
std::string ResolveDatabasePath(const std::string& flag_value);

// The schema version this build writes.
int CurrentSchemaVersion();

}  // namespace ecociv::store
