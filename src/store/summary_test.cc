#include "ecociv/store/summary.h"

#include <gtest/gtest.h>

#include "ecociv/store/change_log.h"
#include "ecociv/store/import.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

TEST(Summary, EmptyDatabase) {
  auto db = OpenOrDie(ScratchDir() + "/empty.db");
  auto summary = Summarize(db.get());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->stations, 0);
  EXPECT_EQ(summary->change_log_entries, 0);
  EXPECT_EQ(*ChangeLogHead(db.get()), "");
  EXPECT_EQ(*DataVersion(db.get()), 0);
}

TEST(Summary, CountsFollowImports) {
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/a.db");
  WriteFile(dir + "/stations.csv",
            "station,name,city,lon,lat\nA,城北,测试市,120.5,31.9\nB,城南,测试市,120.6,31.8\n");
  // The 900 µg/m³ PM2.5 hour is screened as suspect.
  WriteFile(dir + "/air.csv",
            "station,time,so2,no2,co,o3,pm10,pm25\n"
            "A,2026-03-01T01:00,5,20,0.5,50,60,30\n"
            "A,2026-03-01T02:00,5,20,0.5,50,60,900\n"
            "B,2026-03-01T01:00,5,20,0.5,50,60,30\n");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/stations.csv", ImportOptions()).ok());
  auto air = ImportAirFile(db.get(), dir + "/air.csv", ImportOptions());
  ASSERT_TRUE(air.ok()) << air.status().ToString();

  auto summary = Summarize(db.get());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->stations, 2);
  EXPECT_EQ(summary->sections, 0);
  EXPECT_EQ(summary->air_station_hours, 3);
  EXPECT_EQ(summary->import_batches, 2);
  EXPECT_EQ(summary->suspect_flags, *CountSuspectFlags(db.get()));
  EXPECT_EQ(summary->invalidated_flags, 0);
  EXPECT_EQ(*CountStations(db.get()), 2);
  EXPECT_EQ(*CountSections(db.get()), 0);

  auto log = ReadLog(db.get());
  ASSERT_TRUE(log.ok());
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(summary->change_log_entries, static_cast<int64_t>(log->size()));
  EXPECT_EQ(*ChangeLogHead(db.get()), log->back().hash);
  EXPECT_EQ(*DataVersion(db.get()), log->back().seq);
}

// The data version follows data changes only: the accounts' entries (logins,
// logouts, user and unit-assignment changes) leave it, so a login keeps the
// web platform's cached results; an import moves it.
TEST(Summary, DataVersionIgnoresAccountEntries) {
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/v.db");
  WriteFile(dir + "/stations.csv", "station,name,city,lon,lat\nA,城北,测试市,120.5,31.9\n");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/stations.csv", ImportOptions()).ok());
  int64_t after_import = *DataVersion(db.get());
  EXPECT_GT(after_import, 0);
  for (const char* action : {"session.login", "session.logout", "user.add", "user.password",
                             "user.unlock", "unit.assign", "unit.unassign"}) {
    LogEntry entry;
    entry.action = action;
    entry.object = "user:x";
    ASSERT_TRUE(AppendLogEntry(db.get(), entry).ok());
    EXPECT_EQ(*DataVersion(db.get()), after_import) << action;
  }
  WriteFile(dir + "/more.csv", "station,name,city,lon,lat\nB,城南,测试市,120.6,31.8\n");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/more.csv", ImportOptions()).ok());
  int64_t after_second = *DataVersion(db.get());
  EXPECT_GT(after_second, after_import);
  EXPECT_EQ(after_second, ReadLog(db.get())->back().seq);
  // Any other action (a new kind of data change included) moves it.
  LogEntry other;
  other.action = "warning.raise";
  other.object = "warning:1";
  ASSERT_TRUE(AppendLogEntry(db.get(), other).ok());
  EXPECT_GT(*DataVersion(db.get()), after_second);
  // One lookup in the partial index, not a scan of the logins (SQLite's
  // plan; PostgreSQL's planner chooses by its statistics).
  if (testing_util::OnPostgres()) return;
  auto plan = db->Prepare(
      "EXPLAIN QUERY PLAN SELECT coalesce(max(seq), 0) FROM change_log WHERE substr(action, 1, "
      "instr(action, '.')) NOT IN ('session.', 'user.', 'unit.')");
  ASSERT_TRUE(plan.ok());
  Status status;
  ASSERT_TRUE((*plan)->Step(&status));
  EXPECT_NE((*plan)->ColumnText(3).find("USING INDEX change_log_data"), std::string::npos)
      << (*plan)->ColumnText(3);
}

}  // namespace
}  // namespace ecociv::store
