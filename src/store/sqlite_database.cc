// The SQLite backend of store::Database.
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecociv/store/database.h"
#include "schema.h"

namespace ecociv::store {

namespace {

// The SQLite header's application id of an ecociv database: "eciv".
constexpr int64_t kApplicationId = 0x65636976;
constexpr char kNotEcociv[] = "not an ecociv database";

Status SqliteError(sqlite3* db, const std::string& what) {
  int code = db ? (sqlite3_extended_errcode(db) & 0xff) : SQLITE_NOMEM;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    // Another connection holds the lock the busy timeout waited for (or a
    // read snapshot went stale): nothing was written, and trying again works.
    return UnavailableError(
        "the database is busy (another program or request is writing to "
        "it); try again in a moment");
  }
  std::string message = what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return DataLossError(message);
  if (code == SQLITE_CANTOPEN) return NotFoundError(message);
  if (code == SQLITE_CONSTRAINT) return FailedPreconditionError(message);
  return InternalError(message);
}

// Prepared statements kept for reuse: a Statement the caller is done with is
// reset and kept under its SQL text, and the next Prepare of the same text
// takes it instead of compiling the SQL again (the store prepares the same
// few statements for every import batch and change-record entry). Shared by
// the connection and its statements, so a statement outliving its
// connection is finalized instead of kept.
struct StatementCache {
  static constexpr size_t kMaxKept = 256;
  bool open = true;
  size_t kept = 0;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> free;
};

class SqliteStatement : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql,
                  std::shared_ptr<StatementCache> cache)
      : db_(db), stmt_(stmt), sql_(std::move(sql)), cache_(std::move(cache)) {}
  ~SqliteStatement() override {
    if (cache_->open && cache_->kept < StatementCache::kMaxKept) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
      cache_->free[sql_].push_back(stmt_);
      ++cache_->kept;
    } else {
      sqlite3_finalize(stmt_);
    }
  }

  void BindInt64(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index + 1, value); }
  void BindText(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index + 1, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void BindBlob(int index, std::string_view bytes) override {
    sqlite3_bind_blob(stmt_, index + 1, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index + 1); }

  bool Step(Status* status) override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) *status = SqliteError(db_, sqlite3_sql(stmt_));
    return false;
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool ColumnIsNull(int index) const override {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
  }
  int64_t ColumnInt64(int index) const override { return sqlite3_column_int64(stmt_, index); }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnText(int index) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, index);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              sqlite3_column_bytes(stmt_, index))
                : std::string();
  }
  std::string ColumnBlob(int index) const override {
    const void* data = sqlite3_column_blob(stmt_, index);
    return data ? std::string(static_cast<const char*>(data), sqlite3_column_bytes(stmt_, index))
                : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  std::shared_ptr<StatementCache> cache_;
};

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(sqlite3* db, int busy_timeout_ms)
      : db_(db), busy_timeout_ms_(busy_timeout_ms), cache_(std::make_shared<StatementCache>()) {}
  ~SqliteDatabase() override {
    cache_->open = false;
    for (auto& [sql, statements] : cache_->free) {
      for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
    }
    cache_->free.clear();
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close_v2(db_);
  }

  Status Exec(const std::string& sql) override {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqliteError(db_, sql.substr(0, 60));
    }
    return Status::Ok();
  }

  StatusOr<std::unique_ptr<Statement>> Prepare(const std::string& sql) override {
    sqlite3_stmt* stmt = nullptr;
    auto kept = cache_->free.find(sql);
    if (kept != cache_->free.end() && !kept->second.empty()) {
      stmt = kept->second.back();
      kept->second.pop_back();
      --cache_->kept;
    } else if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                                  nullptr) != SQLITE_OK) {
      return SqliteError(db_, "prepare " + sql.substr(0, 60));
    }
    return std::unique_ptr<Statement>(new SqliteStatement(db_, stmt, sql, cache_));
  }

  int64_t LastInsertId() const override { return sqlite3_last_insert_rowid(db_); }
  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }
  Status BackupTo(const std::string& path) override;
  int SchemaVersion() const override { return schema_version_; }
  std::string_view BackendName() const override { return "sqlite"; }

  Status Configure();
  Status Migrate(const OpenOptions& options);

 private:
  Status CheckIsEcociv(int version, const OpenOptions& options);
  StatusOr<int> ReadUserVersion();

  sqlite3* db_;
  const int busy_timeout_ms_;
  std::shared_ptr<StatementCache> cache_;
  int schema_version_ = 0;
};

Status SqliteDatabase::BackupTo(const std::string& path) {
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status status = SqliteError(target, "open " + path);
    sqlite3_close_v2(target);
    return status;
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) {
    Status status = SqliteError(target, "backup to " + path);
    sqlite3_close_v2(target);
    return status;
  }
  // The whole database in one step: a consistent snapshot even while other
  // connections write (they wait on the read lock, never see a half copy).
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  Status status = rc == SQLITE_DONE ? Status::Ok() : SqliteError(target, "backup to " + path);
  sqlite3_close_v2(target);
  return status;
}

StatusOr<int> SqliteDatabase::ReadUserVersion() {
  ECOCIV_ASSIGN_OR_RETURN(int64_t version, QueryInt64(this, "PRAGMA user_version"));
  return static_cast<int>(version);
}

Status SqliteDatabase::Configure() {
  sqlite3_busy_timeout(db_, busy_timeout_ms_);
  // Reading the schema first turns "not a database" into a clear error
  // before anything is written.
  if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    if (sqlite3_errcode(db_) == SQLITE_NOTADB) {
      return DataLossError(std::string(kNotEcociv) + " (not an SQLite file, or a damaged one)");
    }
    return SqliteError(db_, "read the schema");
  }
  ECOCIV_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON"));
  return Status::Ok();
}

// Whether the file is ecociv's, before anything is written to it: another
// program's application id, tables without ecociv's change record, or (unless
// creating) an empty file are "not an ecociv database".
Status SqliteDatabase::CheckIsEcociv(int version, const OpenOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t app_id, QueryInt64(this, "PRAGMA application_id"));
  ECOCIV_ASSIGN_OR_RETURN(int64_t tables,
                          QueryInt64(this,
                                     "SELECT count(*) FROM sqlite_schema WHERE type = "
                                     "'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"));
  ECOCIV_ASSIGN_OR_RETURN(int64_t change_log,
                          QueryInt64(this,
                                     "SELECT count(*) FROM sqlite_schema WHERE type = "
                                     "'table' AND name = 'change_log'"));
  auto foreign = [](const std::string& why) {
    return FailedPreconditionError(std::string(kNotEcociv) + " (" + why + ")");
  };
  if (app_id != 0 && app_id != kApplicationId) {
    return foreign("an SQLite database of another program: application id " +
                   std::to_string(app_id));
  }
  if (version == 0) {
    if (tables > 0) return foreign("an SQLite database without ecociv's schema");
    if (!options.create) return foreign("the file is empty");
    return Status::Ok();
  }
  if (change_log == 0) {
    return foreign("an SQLite database without ecociv's schema, user_version " +
                   std::to_string(version));
  }
  return Status::Ok();
}

Status SqliteDatabase::Migrate(const OpenOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(int version, ReadUserVersion());
  ECOCIV_RETURN_IF_ERROR(CheckIsEcociv(version, options));
  const auto& migrations = SchemaMigrations();
  int current = static_cast<int>(migrations.size());
  if (version > current) {
    return FailedPreconditionError("database schema version " + std::to_string(version) +
                                   " is newer than this program's (" + std::to_string(current) +
                                   "); use a newer ecociv");
  }
  if (version < current && !options.migrate) {
    return FailedPreconditionError("database schema version " + std::to_string(version) +
                                   " is older than " + std::to_string(current) +
                                   "; run `ecociv db init` to upgrade it");
  }
  if (version < current) ECOCIV_RETURN_IF_ERROR(Exec("PRAGMA journal_mode = WAL"));
  for (int next = version + 1; next <= current; ++next) {
    ECOCIV_RETURN_IF_ERROR(Begin());
    Status status = CheckMigrationPrecondition(this, next);
    if (status.ok()) status = Exec(std::string(migrations[next - 1]));
    if (status.ok()) status = Exec("PRAGMA user_version = " + std::to_string(next));
    if (status.ok()) status = Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    if (status.ok()) status = Commit();
    if (!status.ok()) {
      (void)Rollback();
      return status.WithContext("migration " + std::to_string(next));
    }
  }
  schema_version_ = current;
  return Status::Ok();
}

bool FileExists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

}  // namespace

Status Statement::Run() {
  Status status;
  while (Step(&status)) {
  }
  Reset();
  return status;
}

StatusOr<int64_t> QueryInt64(Database* db, const std::string& sql,
                             std::initializer_list<int64_t> params, int64_t fallback) {
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, db->Prepare(sql));
  int index = 0;
  for (int64_t param : params) stmt->BindInt64(index++, param);
  Status status;
  int64_t result = fallback;
  if (stmt->Step(&status) && !stmt->ColumnIsNull(0)) result = stmt->ColumnInt64(0);
  ECOCIV_RETURN_IF_ERROR(status);
  return result;
}

Transaction::~Transaction() {
  if (open_) (void)db_->Rollback();
}

Status Transaction::Begin() {
  ECOCIV_RETURN_IF_ERROR(db_->Begin());
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  ECOCIV_RETURN_IF_ERROR(db_->Commit());
  open_ = false;
  return Status::Ok();
}

StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path,
                                                       const OpenOptions& options) {
  if (!options.create && !FileExists(path)) {
    return NotFoundError(path + ": no such database (create it with `ecociv db init`)");
  }
  // SQLite's memory statistics take a global mutex on every allocation (a
  // tenth of an import's time in SQLite); nothing reads them. Only possible
  // before SQLite is first used: later calls fail harmlessly.
  static const bool kNoMemoryStatistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)kNoMemoryStatistics;
  sqlite3* handle = nullptr;
  // A Database belongs to one thread at a time (database.h): SQLite's
  // per-call connection mutex (a tenth of `db verify`) is not needed.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    Status status = SqliteError(handle, path);
    sqlite3_close_v2(handle);
    return status;
  }
  auto db = std::make_unique<SqliteDatabase>(handle, options.busy_timeout_ms);
  Status status = db->Configure();
  if (status.ok()) status = db->Migrate(options);
  if (!status.ok()) return status.WithContext(path);
  return std::unique_ptr<Database>(std::move(db));
}

std::string ResolveDatabasePath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("ECOCIV_DB");
  if (env != nullptr && env[0] != '\0') return env;
  return "ecociv.db";
}

int CurrentSchemaVersion() { return static_cast<int>(SchemaMigrations().size()); }

}  // namespace ecociv::store
