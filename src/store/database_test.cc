#include "ecociv/store/database.h"

#include <gtest/gtest.h>

#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::FileBytes;
using testing_util::OpenOrDie;
using testing_util::ScratchDir;

LogEntry Entry(const std::string& action, const std::string& why) {
  LogEntry entry;
  entry.action = action;
  entry.why = why;
  return entry;
}

TEST(Database, CreatesSchemaWithWalAndForeignKeys) {
  ECOCIV_SQLITE_ONLY("the journal mode and PRAGMA");
  std::string path = ScratchDir() + "/a.db";
  auto db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->SchemaVersion(), CurrentSchemaVersion());
  EXPECT_EQ(*QueryInt64(db.get(), "PRAGMA foreign_keys"), 1);
  auto mode = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  Status status;
  ASSERT_TRUE((*mode)->Step(&status));
  EXPECT_EQ((*mode)->ColumnText(0), "wal");
  EXPECT_FALSE(db->Exec("INSERT INTO stations (code, name, city, longitude, latitude, batch_id) "
                        "VALUES ('x', 'x', 'c', '1', '2', 999)")
                   .ok())
      << "foreign keys must be enforced";
}

TEST(Database, MissingFileIsNotFoundUnlessCreating) {
  ECOCIV_SQLITE_ONLY("a database file");
  std::string path = ScratchDir() + "/none.db";
  auto db = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
}

TEST(Database, RefusesNewerSchemaAndLeavesFileUntouched) {
  ECOCIV_SQLITE_ONLY("user_version and the file bytes (backend_test covers PostgreSQL)");
  std::string path = ScratchDir() + "/newer.db";
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 999").ok());
  }
  std::string before = FileBytes(path);
  auto db = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("newer"), std::string::npos);
  EXPECT_EQ(FileBytes(path), before);
}

// A version-6 database: migrations 1..6 only (what migrations 7 to 11
// added, dropped).
void MakeVersion6(Database* db) {
  // Migration 15 widened published_pages.kind: the table as version 4 made it.
  ASSERT_TRUE(db->Exec("DROP TABLE published_pages; CREATE TABLE published_pages (slug TEXT "
                       "PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN "
                       "('air-summary', 'water-summary')), published INTEGER NOT NULL DEFAULT 1, "
                       "updated_at TEXT NOT NULL)")
                  .ok());
  ASSERT_TRUE(db->Exec("DROP INDEX scoring_runs_region; ALTER TABLE scoring_runs DROP COLUMN region; "
                       "DROP TABLE regions; ALTER TABLE stations DROP COLUMN region; "
                       "ALTER TABLE sections DROP COLUMN region; "
                       "ALTER TABLE ind_units DROP COLUMN region; "
                       "ALTER TABLE users DROP COLUMN region; "
                       "DROP TABLE import_jobs; DROP TABLE document_outbox; DROP TABLE report_schedule; "
                       "DROP TABLE section_plan_progress; DROP TABLE section_plan_measures; "
                       "DROP TABLE section_plan_causes; DROP TABLE section_plans; DROP TABLE chief_links; "
                       "DROP TABLE space_features; DROP TABLE space_imports; "
                       "ALTER TABLE sections DROP COLUMN categories; "
                       "ALTER TABLE sections DROP COLUMN chief_name; "
                       "ALTER TABLE sections DROP COLUMN chief_post; "
                       "ALTER TABLE sections DROP COLUMN chief_unit; "
                       "DROP TABLE report_documents; DROP TABLE hj212_recent; DROP TABLE hj212_refusals; "
                       "DROP TABLE hj212_daily_counts; DROP TABLE hj212_device_state; "
                       "DROP TABLE hj212_devices; "
                       "ALTER TABLE air_hourly DROP COLUMN flags; "
                       "ALTER TABLE air_revisions DROP COLUMN flags; "
                       "ALTER TABLE water_samples DROP COLUMN flag; "
                       "ALTER TABLE water_revisions DROP COLUMN flag; "
                       "DROP TABLE login_failures; DROP INDEX users_name_folded; "
                       "DROP INDEX change_log_data; PRAGMA user_version = 6")
                  .ok());
}

TEST(Database, OlderSchemaIsMigratedOrRefusedWhenAsked) {
  ECOCIV_SQLITE_ONLY("user_version");
  std::string path = ScratchDir() + "/old.db";
  MakeVersion6(OpenOrDie(path).get());
  OpenOptions no_migrate;
  no_migrate.migrate = false;
  auto refused = OpenSqliteDatabase(path, no_migrate);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("run `ecociv db init`"), std::string::npos);
  auto db = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->SchemaVersion(), CurrentSchemaVersion());
}

// Migration 15 rebuilds published_pages with the indicators' kind: the pages
// published before it are kept as they were.
TEST(Database, PublishedPagesKeepTheirRowsWhenTheirKindsWiden) {
  ECOCIV_SQLITE_ONLY("user_version");
  std::string path = ScratchDir() + "/pages.db";
  {
    auto old = OpenOrDie(path);
    MakeVersion6(old.get());
    ASSERT_TRUE(old->Exec("INSERT INTO published_pages (slug, title, kind, published, updated_at) "
                          "VALUES ('air', '空气', 'air-summary', 0, 't1')")
                    .ok());
    EXPECT_FALSE(old->Exec("INSERT INTO published_pages (slug, title, kind, updated_at) VALUES "
                           "('ind', 'i', 'indicators-summary', 't')")
                     .ok());
  }
  auto db = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto row = (*db)->Prepare("SELECT slug || title || kind || published || updated_at FROM "
                            "published_pages");
  ASSERT_TRUE(row.ok());
  Status status;
  ASSERT_TRUE((*row)->Step(&status));
  EXPECT_EQ((*row)->ColumnText(0), "air空气air-summary0t1");
  EXPECT_TRUE((*db)->Exec("INSERT INTO published_pages (slug, title, kind, updated_at) VALUES "
                          "('ind', 'i', 'indicators-summary', 't')")
                  .ok());
  EXPECT_FALSE((*db)->Exec("INSERT INTO published_pages (slug, title, kind, updated_at) VALUES "
                           "('x', 'x', 'other', 't')")
                   .ok());
  EXPECT_EQ(*QueryInt64(db->get(), "SELECT count(*) FROM sqlite_master WHERE name LIKE "
                                   "'published_pages_before%'"),
            0);
}

// An empty file is a new database only for `db init` (create): any other
// opening says it is not an ecociv database rather than advising an upgrade.
TEST(Database, EmptyFileIsCreatedOnlyWhenCreating) {
  ECOCIV_SQLITE_ONLY("a database file");
  std::string path = ScratchDir() + "/empty.db";
  testing_util::WriteFile(path, "");
  for (bool migrate : {false, true}) {
    OpenOptions options;
    options.migrate = migrate;
    auto refused = OpenSqliteDatabase(path, options);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("not an ecociv database"), std::string::npos)
        << refused.status().message();
    EXPECT_EQ(refused.status().message().find("older"), std::string::npos);
    EXPECT_EQ(ExitCodeFor(refused.status()), kExitBadInput);
    EXPECT_EQ(FileBytes(path), "");
  }
  auto db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->SchemaVersion(), CurrentSchemaVersion());
}

// Any SQLite file without ecociv's schema is refused, even by `db init`
// (create), and not written to.
TEST(Database, ForeignSqliteFileIsRefusedAndLeftUntouched) {
  ECOCIV_SQLITE_ONLY("an SQLite file of another program (backend_test covers PostgreSQL)");
  std::string dir = ScratchDir();
  const std::pair<const char*, const char*> kForeign[] = {
      {"/tables.db",
       "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
       "INSERT INTO notes (text) VALUES ('mine');"},
      {"/versioned.db", "CREATE TABLE t (x); PRAGMA user_version = 3;"},
      {"/newer-looking.db", "CREATE TABLE t (x); PRAGMA user_version = 999;"},
      {"/other-app.db", "PRAGMA application_id = 1234;"},
  };
  for (const auto& [name, sql] : kForeign) {
    std::string path = dir + name;
    ASSERT_EQ(testing_util::Sqlite3Shell(path, sql), 0);
    std::string before = FileBytes(path);
    for (bool create : {false, true}) {
      OpenOptions options;
      options.create = create;
      auto db = OpenSqliteDatabase(path, options);
      ASSERT_FALSE(db.ok()) << name;
      EXPECT_NE(db.status().message().find("not an ecociv database"), std::string::npos)
          << name << ": " << db.status().message();
      EXPECT_EQ(ExitCodeFor(db.status()), kExitBadInput);
    }
    EXPECT_EQ(FileBytes(path), before) << name;
    EXPECT_FALSE(std::filesystem::exists(path + "-wal")) << name;
  }
}

TEST(Database, NotADatabaseIsDataLoss) {
  ECOCIV_SQLITE_ONLY("a database file");
  std::string path = ScratchDir() + "/junk.db";
  testing_util::WriteFile(path, std::string(4096, 'x'));
  for (bool create : {false, true}) {
    OpenOptions options;
    options.create = create;
    auto db = OpenSqliteDatabase(path, options);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(db.status().message().find("not an ecociv database"), std::string::npos);
  }
  EXPECT_EQ(FileBytes(path), std::string(4096, 'x'));
}

// Migration 7 makes user names unique regardless of case; a file whose users
// already collide is not migrated (nor changed), and the message names them.
TEST(Database, Migration7RefusesUserNamesThatDifferOnlyInCase) {
  ECOCIV_SQLITE_ONLY("user_version");
  std::string path = ScratchDir() + "/case.db";
  {
    auto db = OpenOrDie(path);
    MakeVersion6(db.get());
    ASSERT_TRUE(db->Exec("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                         "('Admin', 'admin', 'x', 't'), ('admin', 'leader', 'x', 't'), "
                         "('bob', 'leader', 'x', 't')")
                    .ok());
  }
  auto db = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("'Admin', 'admin'"), std::string::npos)
      << db.status().message();
  EXPECT_NE(db.status().message().find("migration 7"), std::string::npos);
  OpenOptions no_migrate;
  no_migrate.migrate = false;
  auto old = OpenSqliteDatabase(path, no_migrate);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("version 6"), std::string::npos);
  ASSERT_EQ(testing_util::Sqlite3Shell(path,
                                       "UPDATE users SET name = 'admin2' WHERE name = "
                                       "'admin';"),
            0);
  auto fixed = OpenSqliteDatabase(path, OpenOptions());
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_FALSE((*fixed)
                   ->Exec("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                          "('BOB', 'leader', 'x', 't')")
                   .ok());
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  auto db = OpenOrDie(ScratchDir() + "/t.db");
  {
    Transaction transaction(db.get());
    ASSERT_TRUE(transaction.Begin().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO review_runs (config_sha256, ran_at) VALUES ('a', 'b')").ok());
  }
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM review_runs"), 0);
}

// A write lock held by another connection past the busy timeout is a busy
// condition (Unavailable: try again), not a data problem or a bug; reads go on.
TEST(Database, ALockHeldElsewhereIsUnavailable) {
  ECOCIV_SQLITE_ONLY("BEGIN IMMEDIATE (backend_test covers PostgreSQL)");
  std::string path = ScratchDir() + "/locked.db";
  auto holder = OpenOrDie(path);
  ASSERT_TRUE(holder->Exec("CREATE TABLE t (x INTEGER)").ok());
  ASSERT_TRUE(holder->Begin().ok());  // BEGIN IMMEDIATE: the write lock
  OpenOptions options;
  options.busy_timeout_ms = 50;
  auto other = OpenSqliteDatabase(path, options);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_TRUE(QueryInt64(other->get(), "SELECT count(*) FROM t").ok());
  for (Status s : {(*other)->Begin(), (*other)->Exec("INSERT INTO t VALUES (1)")}) {
    EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
    EXPECT_NE(s.message().find("the database is busy"), std::string::npos);
    EXPECT_NE(s.message().find("try again"), std::string::npos);
  }
  ASSERT_TRUE(holder->Rollback().ok());
  EXPECT_TRUE((*other)->Exec("INSERT INTO t VALUES (1)").ok());
}

TEST(Database, BackupIsAConsistentCopy) {
  ECOCIV_SQLITE_ONLY("the backup is an SQLite file");
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/src.db");
  ASSERT_TRUE(AppendLogEntry(db.get(), Entry("test", "backup")).ok());
  ASSERT_TRUE(db->BackupTo(dir + "/copy.db").ok());
  auto copy = OpenSqliteDatabase(dir + "/copy.db", OpenOptions());
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(*QueryInt64(copy->get(), "SELECT count(*) FROM change_log"), 1);
}

TEST(Database, ResolvesPathFromFlagThenEnvironment) {
  EXPECT_EQ(ResolveDatabasePath("x.db"), "x.db");
  setenv("ECOCIV_DB", "/tmp/env.db", 1);
  EXPECT_EQ(ResolveDatabasePath(""), "/tmp/env.db");
  unsetenv("ECOCIV_DB");
  EXPECT_EQ(ResolveDatabasePath(""), "ecociv.db");
}

TEST(Digest, KnownSha256Vectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ChangeLog, ChainsEntriesAndIsAppendOnly) {
  auto db = OpenOrDie(ScratchDir() + "/log.db");
  auto first = AppendLogEntry(db.get(), Entry("a", "w1"));
  auto second = AppendLogEntry(db.get(), Entry("b", "w2"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->prev_hash, kGenesisHash);
  EXPECT_EQ(second->prev_hash, first->hash);
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(ComputeEntryHash(*second), second->hash);
  LogEntry altered = *second;
  altered.why = "w3";
  EXPECT_NE(ComputeEntryHash(altered), second->hash);
  EXPECT_FALSE(db->Exec("UPDATE change_log SET why = 'x'").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM change_log").ok());
  auto log = ReadLog(db.get());
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].hash, second->hash);
}

}  // namespace
}  // namespace ecociv::store
