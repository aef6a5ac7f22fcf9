// Tampering with the database file outside the program (with the sqlite3
// shell, as an intruder would) must be found by VerifyDatabase.
#include "ecociv/store/verify.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ecociv/store/change_log.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing_util::HaveSqlite3Shell()) GTEST_SKIP() << "sqlite3 shell not installed";
    dir_ = ScratchDir();
    pristine_ = dir_ + "/pristine.db";
    auto db = OpenOrDie(pristine_);
    WriteFile(dir_ + "/s.csv", "station,name,city,lon,lat\nV1,a,c,120,31\nV2,b,c,121,31\n");
    std::string air = "station,time,so2,no2,co,o3,pm10,pm25\n";
    for (int h = 1; h <= 24; ++h) {
      for (const char* s : {"V1", "V2"}) {
        air += std::string(s) + ",2026-03-01T" + (h < 10 ? "0" : "") + std::to_string(h) +
               ":00,5,20,0.5,40,60," + std::to_string(30 + h) + "\n";
      }
    }
    WriteFile(dir_ + "/a.csv", air);
    ASSERT_TRUE(ImportStationsFile(db.get(), dir_ + "/s.csv", ImportOptions()).ok());
    auto imported = ImportAirFile(db.get(), dir_ + "/a.csv", ImportOptions());
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    DecisionRequest request;
    request.action = "invalidate";
    request.station = "V1";
    request.pollutant = "pm25";
    request.from = *ParseHourLabel("2026-03-01T05:00");
    request.to = *ParseHourLabel("2026-03-01T06:00");
    request.reason = "sampler serviced";
    ASSERT_TRUE(RecordDecision(db.get(), request, Actor{"tester", ""}).ok());
  }

  // Copies the pristine database, runs `sql` on the copy with the sqlite3
  // shell, and verifies the copy.
  VerifyReport TamperAndVerify(const std::string& sql) {
    // On PostgreSQL the test's own schema is the copy (tests do not share it).
    std::string copy = testing_util::OnPostgres() ? pristine_ : dir_ + "/copy.db";
    if (copy != pristine_) {
      std::filesystem::copy_file(pristine_, copy,
                                 std::filesystem::copy_options::overwrite_existing);
    }
    EXPECT_EQ(testing_util::Sqlite3Shell(copy, sql), 0) << sql;
    auto db = OpenDatabase(testing_util::TestDatabase(copy), OpenOptions());
    EXPECT_TRUE(db.ok());
    auto report = VerifyDatabase(db->get());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : VerifyReport();
  }

  static std::string Joined(const VerifyReport& report) {
    std::string text;
    for (const auto& p : report.problems) text += p + "\n";
    return text;
  }

  std::string dir_, pristine_;
};

TEST_F(VerifyTest, UntouchedDatabaseVerifies) {
  VerifyReport report = TamperAndVerify("SELECT 1;");
  EXPECT_TRUE(report.ok()) << Joined(report);
  EXPECT_EQ(report.entries_checked, 4);  // stations, air, screening, decision
  EXPECT_GT(report.rows_checked, 48);
}

TEST_F(VerifyTest, ChangedValueIsNamed) {
  VerifyReport report = TamperAndVerify(
      "UPDATE air_hourly SET pm25 = 10000 WHERE label = (SELECT min(label) FROM air_hourly) "
      "AND station_id = (SELECT id FROM stations WHERE code = 'V2');");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_EQ(report.problems[0], "air row V2 2026-03-01T01:00 (batch 2): changed");
}

TEST_F(VerifyTest, DeletedAndInsertedRowsAreNamed) {
  VerifyReport report = TamperAndVerify(
      "DELETE FROM air_hourly WHERE label = (SELECT max(label) FROM air_hourly);"
      "INSERT INTO air_hourly (station_id, label, pm25, batch_id) "
      "SELECT id, 300000, 35, 2 FROM stations WHERE code = 'V1';");
  std::string text = Joined(report);
  EXPECT_NE(text.find("air row V1 2026-03-02T00:00 (batch 2): deleted"), std::string::npos) << text;
  EXPECT_NE(text.find("air row V2 2026-03-02T00:00 (batch 2): deleted"), std::string::npos);
  EXPECT_NE(text.find("air row V1 2034-03-23T00:00 (batch 2): inserted"), std::string::npos)
      << text;
}

TEST_F(VerifyTest, RowsUnderAFakeBatchAreFound) {
  VerifyReport report = TamperAndVerify(
      "INSERT INTO air_hourly (station_id, label, pm25, batch_id) "
      "SELECT id, 300000, 35, 77 FROM stations WHERE code = 'V1';");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_NE(report.problems[0].find("inserted (batch 77 is not an air import)"), std::string::npos);
}

TEST_F(VerifyTest, EditedStationIsNamed) {
  VerifyReport report = TamperAndVerify("UPDATE stations SET city = 'x' WHERE code = 'V2';");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_EQ(report.problems[0], "station V2: changed");
}

TEST_F(VerifyTest, DeletedReviewDecisionIsFound) {
  VerifyReport report = TamperAndVerify("DELETE FROM review_decisions;");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_EQ(report.problems[0], "review decision 1: deleted");
}

TEST_F(VerifyTest, ForgedReviewDecisionIsFound) {
  VerifyReport report = TamperAndVerify(
      "INSERT INTO review_decisions (station_id, pollutant, label_from, label_to, action, "
      "reason, decided_by, decided_at) SELECT id, 'all', 0, 999999, 'invalidate', 'x', 'y', "
      "'z' FROM stations WHERE code = 'V2';");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_EQ(report.problems[0], "review decision 2: inserted (no change record entry)");
}

TEST_F(VerifyTest, RewrittenChangeRecordEntryIsFound) {
  VerifyReport report = TamperAndVerify(
      "DROP TRIGGER change_log_no_update;"
      "UPDATE change_log SET why = 'nothing to see' WHERE seq = 2;");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_EQ(report.problems[0], "change record entry 2: changed (hash mismatch)");
}

TEST_F(VerifyTest, DeletedChangeRecordEntryIsFound) {
  VerifyReport report =
      TamperAndVerify("DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE seq = 2;");
  std::string text = Joined(report);
  EXPECT_NE(text.find("change record entries 2..2: deleted"), std::string::npos) << text;
  EXPECT_NE(text.find("import batch 2 (" + dir_ + "/a.csv): inserted (no change record entry)"),
            std::string::npos)
      << text;
}

TEST_F(VerifyTest, EditedBatchCountsAreFound) {
  VerifyReport report =
      TamperAndVerify("UPDATE import_batches SET rows_inserted = 1 WHERE id = 2;");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_NE(report.problems[0].find("changed (does not match its change record entry)"),
            std::string::npos);
}

TEST_F(VerifyTest, DeletedRejectsAreFound) {
  {
    auto db = OpenOrDie(pristine_);
    WriteFile(dir_ + "/b.csv",
              "station,time,pm25\nV1,2026-03-05T01:00,30\nV7,2026-03-05T01:00,3\n");
    ImportOptions options;
    options.skip_bad_rows = true;
    auto result = ImportAirFile(db.get(), dir_ + "/b.csv", options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->rejects.size(), 1u);
  }
  EXPECT_TRUE(TamperAndVerify("SELECT 1;").ok());
  VerifyReport report = TamperAndVerify("DELETE FROM import_rejects;");
  ASSERT_EQ(report.problems.size(), 1u) << Joined(report);
  EXPECT_NE(report.problems[0].find("b.csv): changed (does not match its change record entry)"),
            std::string::npos)
      << report.problems[0];
}

}  // namespace
}  // namespace ecociv::store

namespace ecociv::store {
namespace {

TEST(Anchors, ReadAndCheckAgainstTheChain) {
  auto db = testing_util::OpenOrDie(testing_util::ScratchDir() + "/anchors.db");
  LogEntry e;
  e.action = "test";
  e.object = "x";
  auto first = AppendLogEntry(db.get(), e);
  ASSERT_TRUE(first.ok());
  std::string path = testing_util::ScratchDir() + "/anchors.txt";
  std::ofstream(path) << "# anchors\n\n"
                      << first->seq << " " << first->hash << " 2026-11-28T00:00:00Z 1 entries\n"
                      << first->seq << " " << std::string(64, 'a') << "\n"
                      << "99 " << std::string(64, 'b') << "  # past the head\n";
  auto anchors = ReadAnchors(path);
  ASSERT_TRUE(anchors.ok()) << anchors.status().message();
  ASSERT_EQ(anchors->size(), 3u);
  EXPECT_EQ((*anchors)[0].line, 3);
  VerifyReport report;
  ASSERT_TRUE(VerifyAnchors(db.get(), *anchors, &report).ok());
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(report.problems[0],
            "anchor line 4 (entry 1): hash differs (the record was rewritten after the anchor "
            "was taken)");
  EXPECT_EQ(report.problems[1],
            "anchor line 5 (entry 99): the entry is missing (the record was cut back)");
  std::ofstream(path) << "1 not-a-hash\n";
  EXPECT_NE(ReadAnchors(path).status().message().find("anchors.txt:1:"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::store
