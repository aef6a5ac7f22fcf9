// The PostgreSQL backend of store::Database, through libpq. SQL arrives in
// the store's (SQLite) dialect and is translated once per distinct text
// (postgres_dialect.h), then prepared on the server and kept for reuse.
// Results come whole in text format: a Statement's rows stay valid while
// the same connection runs other statements (the store nests queries).
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecociv/store/database.h"
#include "postgres_dialect.h"
#include "postgres_internal.h"
#include "schema.h"

extern char** environ;

namespace ecociv::store {
namespace {

// pg_type OIDs of the result columns read specially.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;

// The advisory lock's first key ("eciv"); the second is the schema's hash,
// so that several ecociv schemas in one database do not wait on each other.
constexpr char kWriterLock[] =
    "SELECT pg_advisory_xact_lock(1701013878, hashtext(current_schema()))";

Status PgError(const PGresult* result, PGconn* conn, const std::string& what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (code == "55P03" || code == "40001" || code == "40P01" || code == "57014" ||
      PQstatus(conn) != CONNECTION_OK) {
    // A lock not granted in time, a serialization failure, a lost connection:
    // nothing was written, and trying again works.
    return UnavailableError(
        "the database is busy (another program or request is writing to it) or unreachable; "
        "try again in a moment (" +
        message + ")");
  }
  message = what + ": " + message;
  if (code.rfind("23", 0) == 0) return FailedPreconditionError(message);
  if (code == "42P01" || code == "3D000" || code == "3F000") return NotFoundError(message);
  return InternalError(message);
}

// One prepared statement on the server, shared by the Statements of its text.
struct Prepared {
  std::string name;
  int params = 0;
  std::string returning;
  // SQLite's `SELECT changes()`: the rows the previous statement changed,
  // which the connection knows (bound as the statement's one parameter).
  bool changes = false;
  // The result's columns, described once when prepared: PostgreSQL keeps a
  // prepared statement's result shape (it refuses to run one whose shape a
  // schema change altered), so describing it again per use would only add a
  // round trip to every query.
  int fields = 0;
};

// The connection's state, shared with its statements (a statement that
// outlives its connection fails instead of touching a closed one).
struct Connection {
  PGconn* conn = nullptr;
  pg::Tables tables;
  std::unordered_map<std::string, Prepared> prepared;
  int64_t last_insert_id = 0;
  int64_t last_changes = 0;
  // Rows of a bulk insert not sent yet (COPY's text format) and its COPY.
  std::string copy_sql, copy_rows;
  static constexpr size_t kCopyBatchBytes = 4 << 20;

  ~Connection() {
    if (conn != nullptr) PQfinish(conn);
  }

  // Sends the pending bulk rows; every other use of the connection calls
  // this first, so that the rows come before what follows them.
  Status Flush() {
    if (copy_rows.empty()) return Status::Ok();
    std::string rows = std::move(copy_rows);
    copy_rows.clear();
    PGresult* start = PQexec(conn, copy_sql.c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) {
      Status status = PgError(start, conn, copy_sql);
      PQclear(start);
      return status;
    }
    PQclear(start);
    bool sent = PQputCopyData(conn, rows.data(), static_cast<int>(rows.size())) == 1;
    PQputCopyEnd(conn, sent ? nullptr : "could not send the rows");
    Status status;
    while (PGresult* result = PQgetResult(conn)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && status.ok()) {
        status = PgError(result, conn, copy_sql);
      }
      PQclear(result);
    }
    return status;
  }
  void Discard() { copy_rows.clear(); }
};

// One value in COPY's text format.
void AppendCopyValue(const std::string* value, bool blob, std::string* out) {
  if (value == nullptr) {
    *out += "\\N";
    return;
  }
  if (blob) {
    static const char kHex[] = "0123456789abcdef";
    *out += "\\\\x";
    for (unsigned char c : *value) {
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        out->push_back(c);
    }
  }
}

// A bulk insert: each Run adds a row to the connection's COPY buffer.
class PgCopyStatement : public Statement {
 public:
  PgCopyStatement(std::shared_ptr<Connection> c, std::string copy_sql, int columns)
      : c_(std::move(c)),
        copy_sql_(std::move(copy_sql)),
        values_(columns),
        nulls_(columns, true),
        blobs_(columns, false) {}

  void BindInt64(int index, int64_t value) override { Set(index, std::to_string(value), false); }
  void BindText(int index, std::string_view value) override {
    Set(index, std::string(value), false);
  }
  void BindBlob(int index, std::string_view bytes) override {
    Set(index, std::string(bytes), true);
  }
  void BindNull(int index) override {
    if (index >= 0 && index < static_cast<int>(nulls_.size())) nulls_[index] = true;
  }
  bool Step(Status* status) override {
    if (c_->copy_sql != copy_sql_) {
      Status flushed = c_->Flush();
      if (!flushed.ok()) {
        *status = flushed;
        return false;
      }
      c_->copy_sql = copy_sql_;
    }
    for (size_t i = 0; i < values_.size(); ++i) {
      if (i > 0) c_->copy_rows.push_back('\t');
      AppendCopyValue(nulls_[i] ? nullptr : &values_[i], blobs_[i], &c_->copy_rows);
    }
    c_->copy_rows.push_back('\n');
    if (c_->copy_rows.size() >= Connection::kCopyBatchBytes) {
      Status flushed = c_->Flush();
      if (!flushed.ok()) *status = flushed;
    }
    return false;
  }
  void Reset() override { std::fill(nulls_.begin(), nulls_.end(), true); }
  int ColumnCount() const override { return 0; }
  bool ColumnIsNull(int) const override { return true; }
  int64_t ColumnInt64(int) const override { return 0; }
  std::string ColumnText(int) const override { return ""; }
  std::string ColumnBlob(int) const override { return ""; }

 private:
  void Set(int index, std::string value, bool blob) {
    if (index < 0 || index >= static_cast<int>(values_.size())) return;
    values_[index] = std::move(value);
    nulls_[index] = false;
    blobs_[index] = blob;
  }
  std::shared_ptr<Connection> c_;
  std::string copy_sql_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_, blobs_;
};

class PgStatement : public Statement {
 public:
  PgStatement(std::shared_ptr<Connection> c, const Prepared* prepared, int fields)
      : c_(std::move(c)),
        prepared_(prepared),
        fields_(fields),
        values_(prepared->params),
        nulls_(prepared->params, true),
        binary_(prepared->params, 0) {}
  ~PgStatement() override { Clear(); }

  void BindInt64(int index, int64_t value) override { Set(index, std::to_string(value), 0); }
  void BindText(int index, std::string_view value) override { Set(index, std::string(value), 0); }
  void BindBlob(int index, std::string_view bytes) override { Set(index, std::string(bytes), 1); }
  void BindNull(int index) override {
    if (index >= 0 && index < static_cast<int>(nulls_.size())) nulls_[index] = true;
  }

  bool Step(Status* status) override {
    if (result_ == nullptr) {
      if (!Execute(status)) return false;
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < PQntuples(result_);
  }
  void Reset() override {
    Clear();
    std::fill(nulls_.begin(), nulls_.end(), true);
  }

  int ColumnCount() const override { return fields_; }
  bool ColumnIsNull(int index) const override {
    return !HasRow() || PQgetisnull(result_, row_, index);
  }
  int64_t ColumnInt64(int index) const override {
    if (ColumnIsNull(index)) return 0;
    const char* text = PQgetvalue(result_, row_, index);
    if (PQftype(result_, index) == kBoolOid) return text[0] == 't' ? 1 : 0;
    return std::strtoll(text, nullptr, 10);
  }
  std::string ColumnText(int index) const override {
    if (ColumnIsNull(index)) return "";
    if (PQftype(result_, index) == kBoolOid) {
      return PQgetvalue(result_, row_, index)[0] == 't' ? "1" : "0";
    }
    if (PQftype(result_, index) == kByteaOid) return ColumnBlob(index);
    return std::string(PQgetvalue(result_, row_, index), PQgetlength(result_, row_, index));
  }
  std::string ColumnBlob(int index) const override {
    if (ColumnIsNull(index)) return "";
    const char* text = PQgetvalue(result_, row_, index);
    if (PQftype(result_, index) != kByteaOid)
      return std::string(text, PQgetlength(result_, row_, index));
    size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    std::string out(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return out;
  }

 private:
  void Set(int index, std::string value, int binary) {
    if (index < 0 || index >= static_cast<int>(values_.size())) return;
    values_[index] = std::move(value);
    nulls_[index] = false;
    binary_[index] = binary;
  }
  bool HasRow() const { return result_ != nullptr && row_ < PQntuples(result_); }
  void Clear() {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
  }

  bool Execute(Status* status) {
    if (Status flushed = c_->Flush(); !flushed.ok()) {
      *status = flushed;
      return false;
    }
    if (prepared_->changes) Set(0, std::to_string(c_->last_changes), 0);
    std::vector<const char*> values(values_.size());
    std::vector<int> lengths(values_.size());
    for (size_t i = 0; i < values_.size(); ++i) {
      values[i] = nulls_[i] ? nullptr : values_[i].c_str();
      lengths[i] = static_cast<int>(values_[i].size());
    }
    result_ = PQexecPrepared(c_->conn, prepared_->name.c_str(), static_cast<int>(values.size()),
                             values.data(), lengths.data(), binary_.data(), 0);
    ExecStatusType state = PQresultStatus(result_);
    if (state != PGRES_TUPLES_OK && state != PGRES_COMMAND_OK) {
      *status = PgError(result_, c_->conn, "statement " + prepared_->name);
      Clear();
      return false;
    }
    if (state == PGRES_COMMAND_OK)
      c_->last_changes = std::strtoll(PQcmdTuples(result_), nullptr, 10);
    if (!prepared_->returning.empty()) {
      // RETURNING was added for LastInsertId: the row is not the caller's.
      c_->last_changes = PQntuples(result_);
      if (PQntuples(result_) > 0)
        c_->last_insert_id = std::strtoll(PQgetvalue(result_, 0, 0), nullptr, 10);
      PQclear(result_);
      result_ = PQmakeEmptyPGresult(c_->conn, PGRES_COMMAND_OK);
    }
    return true;
  }

  std::shared_ptr<Connection> c_;
  const Prepared* prepared_;
  const int fields_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  std::vector<int> binary_;
  PGresult* result_ = nullptr;
  int row_ = 0;
};

class PgDatabase : public Database {
 public:
  PgDatabase(PGconn* conn, std::string url)
      : c_(std::make_shared<Connection>()), url_(std::move(url)) {
    c_->conn = conn;
    for (std::string_view migration : SchemaMigrations()) pg::LearnTables(migration, &c_->tables);
  }
  ~PgDatabase() override {
    c_->Discard();
    if (PQtransactionStatus(c_->conn) != PQTRANS_IDLE) (void)Run("ROLLBACK");
  }

  Status Exec(const std::string& sql) override {
    std::string translated = pg::TranslateScript(sql, c_->tables);
    if (translated.empty()) return Status::Ok();
    return Run(translated);
  }

  StatusOr<std::unique_ptr<Statement>> PrepareBulkInsert(const std::string& sql) override {
    std::string copy = pg::CopyOfInsert(sql);
    if (copy.empty()) return Prepare(sql);
    pg::Translated t = pg::TranslateStatement(sql, c_->tables);
    return std::unique_ptr<Statement>(new PgCopyStatement(c_, copy, t.params));
  }

  StatusOr<std::unique_ptr<Statement>> Prepare(const std::string& sql) override {
    ECOCIV_RETURN_IF_ERROR(c_->Flush());
    auto found = c_->prepared.find(sql);
    if (found == c_->prepared.end()) {
      pg::Translated t = pg::TranslateStatement(sql, c_->tables);
      Prepared p{"s" + std::to_string(c_->prepared.size() + 1), t.params, t.returning};
      if (sql == "SELECT changes()") {
        t.sql = "SELECT CAST($1 AS BIGINT)";
        p.params = t.params = 1;
        p.changes = true;
      }
      PGresult* result = PQprepare(c_->conn, p.name.c_str(), t.sql.c_str(), t.params, nullptr);
      if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        Status status = PgError(result, c_->conn, "prepare " + sql.substr(0, 60));
        PQclear(result);
        return status;
      }
      PQclear(result);
      PGresult* described = PQdescribePrepared(c_->conn, p.name.c_str());
      if (PQresultStatus(described) != PGRES_COMMAND_OK) {
        Status status = PgError(described, c_->conn, "describe " + sql.substr(0, 60));
        PQclear(described);
        return status;
      }
      p.fields = p.returning.empty() ? PQnfields(described) : 0;
      PQclear(described);
      found = c_->prepared.emplace(sql, std::move(p)).first;
    }
    return std::unique_ptr<Statement>(new PgStatement(c_, &found->second, found->second.fields));
  }

  int64_t LastInsertId() const override { return c_->last_insert_id; }
  Status Begin() override {
    ECOCIV_RETURN_IF_ERROR(Run("BEGIN"));
    Status status = Run(kWriterLock);
    if (!status.ok()) (void)Run("ROLLBACK");
    return status;
  }
  Status Commit() override { return Run("COMMIT"); }
  Status Rollback() override {
    c_->Discard();
    return Run("ROLLBACK");
  }
  // pg_dump of ecociv's schema only (one database may hold several cities'
  // schemas); a consistent snapshot while others write.
  Status BackupTo(const std::string& path) override {
    ECOCIV_ASSIGN_OR_RETURN(std::string schema, Text("SELECT current_schema()"));
    return RunPostgresTool(
        {"pg_dump", "--format=custom", "--schema=" + schema, "--file=" + path, "--dbname=" + url_});
  }
  int SchemaVersion() const override { return schema_version_; }
  std::string_view BackendName() const override { return "postgresql"; }

  Status Configure(const OpenOptions& options);
  Status Migrate(const OpenOptions& options);

 private:
  StatusOr<int> ReadVersion();
  Status CheckVersion(int version, const OpenOptions& options);
  Status Run(const std::string& sql) {
    ECOCIV_RETURN_IF_ERROR(c_->Flush());
    PGresult* result = PQexec(c_->conn, sql.c_str());
    ExecStatusType state = PQresultStatus(result);
    Status status = state == PGRES_COMMAND_OK || state == PGRES_TUPLES_OK
                        ? Status::Ok()
                        : PgError(result, c_->conn, sql.substr(0, 60));
    if (state == PGRES_COMMAND_OK && PQcmdTuples(result)[0] != '\0') {
      c_->last_changes = std::strtoll(PQcmdTuples(result), nullptr, 10);
    }
    PQclear(result);
    return status;
  }
  StatusOr<std::string> Text(const std::string& sql) {
    PGresult* result = PQexec(c_->conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
      Status status = PgError(result, c_->conn, sql.substr(0, 60));
      PQclear(result);
      return status;
    }
    std::string value =
        PQntuples(result) > 0 && !PQgetisnull(result, 0, 0) ? PQgetvalue(result, 0, 0) : "";
    PQclear(result);
    return value;
  }

  std::shared_ptr<Connection> c_;
  std::string url_;
  int schema_version_ = 0;
};

Status PgDatabase::Configure(const OpenOptions& options) {
  PQsetNoticeProcessor(
      c_->conn, [](void*, const char*) {}, nullptr);
  ECOCIV_RETURN_IF_ERROR(Run("SET client_min_messages = warning; SET lock_timeout = " +
                             std::to_string(options.busy_timeout_ms) + "; SET TIME ZONE 'UTC'"));
  ECOCIV_ASSIGN_OR_RETURN(std::string schema, Text("SELECT current_schema()"));
  if (!schema.empty()) return Status::Ok();
  // The search_path names a schema that does not exist yet.
  ECOCIV_ASSIGN_OR_RETURN(std::string path, Text("SELECT current_setting('search_path')"));
  std::string first = path.substr(0, path.find(','));
  while (!first.empty() && first.front() == ' ') first.erase(0, 1);
  if (!options.create || first.empty() || first.find('$') != std::string::npos) {
    return NotFoundError("no schema " + first +
                         " in this database (create it with `ecociv db init`)");
  }
  char* quoted = PQescapeIdentifier(c_->conn, first.c_str(), first.size());
  std::string create = std::string("CREATE SCHEMA IF NOT EXISTS ") + (quoted ? quoted : first);
  PQfreemem(quoted);
  return Run(create);
}

StatusOr<int> PgDatabase::ReadVersion() {
  ECOCIV_ASSIGN_OR_RETURN(std::string table, Text("SELECT to_regclass('ecociv_schema')::text"));
  if (table.empty()) return 0;
  ECOCIV_ASSIGN_OR_RETURN(std::string version, Text("SELECT max(version) FROM ecociv_schema"));
  return static_cast<int>(std::strtol(version.c_str(), nullptr, 10));
}

// Whether the schema may be used (or migrated) by this program, before
// anything is written: not another program's, not newer, not older unless
// migrating, not missing unless creating.
Status PgDatabase::CheckVersion(int version, const OpenOptions& options) {
  int current = static_cast<int>(SchemaMigrations().size());
  if (version == 0) {
    ECOCIV_ASSIGN_OR_RETURN(
        std::string tables,
        Text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"));
    if (tables != "0") {
      return FailedPreconditionError(
          "not an ecociv database (a PostgreSQL schema with other tables and no ecociv_schema)");
    }
    if (!options.create) {
      return NotFoundError("no ecociv schema in this database (create it with `ecociv db init`)");
    }
  }
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
  return Status::Ok();
}

Status PgDatabase::Migrate(const OpenOptions& options) {
  const auto& migrations = SchemaMigrations();
  const int current = static_cast<int>(migrations.size());
  ECOCIV_ASSIGN_OR_RETURN(int version, ReadVersion());
  ECOCIV_RETURN_IF_ERROR(CheckVersion(version, options));
  if (version == current) {
    schema_version_ = current;
    return Status::Ok();
  }
  // All pending migrations in one transaction (PostgreSQL's DDL is
  // transactional), under the writers' lock: a second process migrating at
  // the same time waits, then finds the schema current.
  ECOCIV_RETURN_IF_ERROR(Begin());
  auto fail = [&](Status status) {
    (void)Run("ROLLBACK");
    return status;
  };
  StatusOr<int> locked = ReadVersion();
  if (!locked.ok()) return fail(locked.status());
  version = *locked;
  Status status = CheckVersion(version, options);
  if (status.ok() && version < current) status = Run(std::string(pg::CompatFunctions()));
  if (status.ok() && version == 0) {
    status = Run("CREATE TABLE ecociv_schema (version BIGINT NOT NULL, migrated_at TEXT NOT NULL)");
  }
  if (!status.ok()) return fail(status);
  for (int next = version + 1; next <= current; ++next) {
    status = CheckMigrationPrecondition(this, next);
    if (status.ok()) status = Exec(std::string(migrations[next - 1]));
    if (status.ok()) {
      status = Run("INSERT INTO ecociv_schema VALUES (" + std::to_string(next) +
                   ", to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))");
    }
    if (!status.ok()) return fail(status.WithContext("migration " + std::to_string(next)));
  }
  ECOCIV_RETURN_IF_ERROR(Commit());
  schema_version_ = current;
  return Status::Ok();
}

}  // namespace

Status RunPostgresTool(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) {
    return FailedPreconditionError(argv[0] +
                                   " not found: install PostgreSQL's client tools "
                                   "(scripts/setup installs the postgresql package)");
  }
  int wstatus = 0;
  if (waitpid(pid, &wstatus, 0) < 0 || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return InternalError(argv[0] + " failed (its messages are above)");
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url,
                                                         const OpenOptions& options) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return UnavailableError(DisplayTarget(url) + ": cannot connect to PostgreSQL: " + message);
  }
  auto db = std::make_unique<PgDatabase>(conn, url);
  Status status = db->Configure(options);
  if (status.ok()) status = db->Migrate(options);
  if (!status.ok()) return status.WithContext(DisplayTarget(url));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ecociv::store
