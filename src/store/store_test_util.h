// Helpers shared by the store tests: scratch files, whole-file bytes, and
// the backend the tests run on: SQLite files, or, when ECOCIV_TEST_DB names
// a PostgreSQL database (tests/store/with_postgres.sh), a schema there per
// database path, so that the same tests run on both backends.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "ecociv/store/database.h"

namespace ecociv::store::testing_util {

// A fresh scratch directory per test: TempDir()/ecociv_store/<suite>.<name>.
inline std::string ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "ecociv_store" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Whether the tests run on PostgreSQL (ECOCIV_TEST_DB is set).
inline bool OnPostgres() {
  const char* base = std::getenv("ECOCIV_TEST_DB");
  return base != nullptr && base[0] != '\0';
}

// What to open for the database file `path`: `path` itself on SQLite; on
// PostgreSQL, ECOCIV_TEST_DB with a search_path of a schema named after
// `path` and this test process (the same path opens the same schema).
inline std::string TestDatabase(const std::string& path) {
  if (!OnPostgres()) return path;
  static const std::string run =
      std::to_string(getpid()) + "_" + std::to_string(std::time(nullptr) % 100000);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(path));
  std::string base = std::getenv("ECOCIV_TEST_DB");
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3Dt" +
         run + "_" + hash;
}

// A test about SQLite's file itself (its bytes, WAL, the sqlite3 shell).
#define ECOCIV_SQLITE_ONLY(why) \
  if (::ecociv::store::testing_util::OnPostgres()) GTEST_SKIP() << "SQLite only: " << why

inline std::unique_ptr<Database> OpenOrDie(const std::string& path) {
  OpenOptions options;
  options.create = true;
  auto db = OpenDatabase(TestDatabase(path), options);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

// The first column of the first row of `sql`, as text.
inline std::string QueryText(Database* db, const std::string& sql) {
  auto stmt = db->Prepare(sql);
  if (!stmt.ok()) return "error: " + stmt.status().ToString();
  Status status;
  return (*stmt)->Step(&status) ? (*stmt)->ColumnText(0) : "no row";
}

// Runs the sqlite3 shell on `db` with `sql`; returns its exit status. On
// PostgreSQL, `sql` runs on its own connection instead (a change made
// outside ecociv's functions), SQLite's `DROP TRIGGER t` naming its table.
inline int Sqlite3Shell(const std::string& db, const std::string& sql) {
  if (OnPostgres()) {
    auto other = OpenDatabase(TestDatabase(db), OpenOptions());
    if (!other.ok()) return 1;
    std::string text = sql;
    for (const char* trigger : {"change_log_no_update", "change_log_no_delete"}) {
      std::string drop = std::string("DROP TRIGGER ") + trigger;
      size_t at = text.find(drop);
      if (at != std::string::npos) text.insert(at + drop.size(), " ON change_log");
    }
    // Like the sqlite3 shell, no foreign keys checked (a superuser's setting:
    // the test server's user is one).
    Status status = (*other)->Exec("SET session_replication_role = replica; " + text);
    if (!status.ok()) std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return status.ok() ? 0 : 1;
  }
  std::string script = db + ".sql";
  WriteFile(script, sql);
  std::string command = "sqlite3 '" + db + "' < '" + script + "' > /dev/null 2>&1";
  return std::system(command.c_str());
}

inline bool HaveSqlite3Shell() {
  return OnPostgres() || std::system("sqlite3 -version > /dev/null 2>&1") == 0;
}

#define ASSERT_OK(expr)                                                  \
  do {                                                                   \
    ::ecociv::Status assert_ok_status_ = (expr);                         \
    ASSERT_TRUE(assert_ok_status_.ok()) << assert_ok_status_.ToString(); \
  } while (0)

}  // namespace ecociv::store::testing_util
