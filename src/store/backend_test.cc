// What both backends must do alike (run on SQLite, and on PostgreSQL when
// ECOCIV_TEST_DB is set): parallel writers keep the change record one
// chain, inserts report their key, blobs and conditions come back as
// written; and PostgreSQL's own refusals (a newer schema, a foreign one).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/verify.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OnPostgres;
using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::TestDatabase;

// Writers on separate connections, each appending inside its own
// transactions: the record stays one unbroken chain, no entry lost.
TEST(Backend, ParallelWritersKeepTheChangeRecordOneChain) {
  std::string path = ScratchDir() + "/chain.db";
  ASSERT_NE(OpenOrDie(path), nullptr);
  constexpr int kWriters = 4, kEach = 15;
  std::vector<std::thread> writers;
  std::vector<Status> failures(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto db = OpenDatabase(TestDatabase(path), OpenOptions());
      if (!db.ok()) {
        failures[w] = db.status();
        return;
      }
      for (int i = 0; i < kEach && failures[w].ok(); ++i) {
        Transaction tx(db->get());
        Status status = tx.Begin();
        LogEntry entry;
        entry.action = "test.parallel";
        entry.object = "writer " + std::to_string(w);
        entry.why = std::to_string(i);
        if (status.ok()) status = AppendLogEntry(db->get(), entry).status();
        if (status.ok()) status = tx.Commit();
        failures[w] = status;
      }
    });
  }
  for (auto& t : writers) t.join();
  for (const Status& s : failures) ASSERT_TRUE(s.ok()) << s.ToString();
  auto db = OpenOrDie(path);
  auto log = ReadLog(db.get());
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->size(), static_cast<size_t>(kWriters * kEach));
  std::string prev = kGenesisHash;
  for (size_t i = 0; i < log->size(); ++i) {
    EXPECT_EQ((*log)[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ((*log)[i].prev_hash, prev);
    EXPECT_EQ(ComputeEntryHash((*log)[i]), (*log)[i].hash);
    prev = (*log)[i].hash;
  }
  auto report = VerifyDatabase(db.get());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST(Backend, InsertsReportTheirKeyAndValuesComeBackAsWritten) {
  auto db = OpenOrDie(ScratchDir() + "/values.db");
  ASSERT_TRUE(RunSql(db.get(), "INSERT INTO review_runs (config_sha256, ran_at) VALUES (?, ?)",
                     {std::string("a"), std::string("b")})
                  .ok());
  EXPECT_EQ(db->LastInsertId(), 1);
  ASSERT_TRUE(RunSql(db.get(), "INSERT INTO review_runs (config_sha256, ran_at) VALUES (?, ?)",
                     {std::string("c"), std::string("d")})
                  .ok());
  EXPECT_EQ(db->LastInsertId(), 2);
  std::string bytes("\0\x01\xff\x80 zh 水", 12);
  ASSERT_TRUE(RunSql(db.get(),
                     "INSERT INTO ind_evidence (year, indicator, file_name, sha256, size, "
                     "content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     {int64_t{2026}, std::string("x"), std::string("f"), std::string("s"),
                      int64_t{12}, Blob{bytes}, std::string("u"), std::string("t")})
                  .ok());
  auto stmt = db->Prepare("SELECT content, size, year > 2000, 5000000000 * 2 FROM ind_evidence");
  ASSERT_TRUE(stmt.ok()) << stmt.status().ToString();
  Status status;
  ASSERT_TRUE((*stmt)->Step(&status)) << status.ToString();
  EXPECT_EQ((*stmt)->ColumnBlob(0), bytes);
  EXPECT_EQ((*stmt)->ColumnInt64(1), 12);
  EXPECT_EQ((*stmt)->ColumnText(2), "1");
  EXPECT_EQ((*stmt)->ColumnInt64(3), 10000000000);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT sum(year = 2026) FROM ind_evidence"), 1);
}

TEST(Backend, ALockHeldElsewhereIsUnavailable) {
  std::string path = ScratchDir() + "/locked.db";
  auto holder = OpenOrDie(path);
  ASSERT_TRUE(holder->Begin().ok());
  OpenOptions options;
  options.busy_timeout_ms = 50;
  auto other = OpenDatabase(TestDatabase(path), options);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_TRUE(QueryInt64(other->get(), "SELECT count(*) FROM change_log").ok());
  Status s = (*other)->Begin();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("try again"), std::string::npos);
  ASSERT_TRUE(holder->Rollback().ok());
  EXPECT_TRUE((*other)->Begin().ok());
  EXPECT_TRUE((*other)->Rollback().ok());
}

TEST(Backend, PostgresRefusesANewerSchemaAndAForeignOne) {
  if (!OnPostgres()) GTEST_SKIP() << "PostgreSQL only (ECOCIV_TEST_DB unset)";
  std::string dir = ScratchDir();
  {
    auto db = OpenOrDie(dir + "/newer.db");
    ASSERT_TRUE(db->Exec("INSERT INTO ecociv_schema VALUES (999, 'x')").ok());
  }
  auto newer = OpenDatabase(TestDatabase(dir + "/newer.db"), OpenOptions());
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos);

  auto missing = OpenDatabase(TestDatabase(dir + "/missing.db"), OpenOptions());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
  {
    // Tables without ecociv_schema: another program's (or a damaged) schema.
    auto made = OpenOrDie(dir + "/foreign.db");
    ASSERT_TRUE(made->Exec("DROP TABLE ecociv_schema").ok());
  }
  OpenOptions create;
  create.create = true;
  auto foreign = OpenDatabase(TestDatabase(dir + "/foreign.db"), create);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("not an ecociv database"), std::string::npos);
}

TEST(Backend, TargetsNameTheirBackend) {
  EXPECT_TRUE(IsPostgresTarget("postgresql://h/db"));
  EXPECT_TRUE(IsPostgresTarget("postgres:///db?host=/tmp"));
  EXPECT_FALSE(IsPostgresTarget("postgres.db"));
  EXPECT_EQ(DisplayTarget("postgresql://me:secret@h/db"), "postgresql://me:***@h/db");
  EXPECT_EQ(DisplayTarget("city.db"), "city.db");
}

}  // namespace
}  // namespace ecociv::store
