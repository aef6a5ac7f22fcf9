#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

#include "ecociv/store/verify.h"

#include "ecociv/core/text_encoding.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"
#include "ecociv/store/import.h"
#include "store_test_util.h"
#include "text_digest.h"

namespace ecociv::store {
namespace {

using testing_util::FileBytes;
using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

constexpr char kAirStations[] =
    "station,name,city,lon,lat\n"
    "T1,一站,测试市,120.1,31.2\n"
    "T2,二站,测试市,120.2,31.3\n"
    "T3,三站(对照点),测试市,120.3,31.4\n";

// A deterministic wide CSV: `stations` × `hours` from 2026-03-01T01:00, with
// a few missing values.
std::string WideCsv(int stations, int hours, int seed = 0,
                    const char* first_hour = "2026-03-01T01:00") {
  std::string text = "station,time,so2,no2,co,o3,pm10,pm25\n";
  HourLabel first = *ParseHourLabel(first_hour);
  for (int s = 1; s <= stations; ++s) {
    for (int h = 0; h < hours; ++h) {
      int v = (s * 7 + h * 13 + seed) % 50;
      char row[128];
      std::snprintf(row, sizeof row, "T%d,%s,%d,%d,0.%d,%s,%d,%d\n", s,
                    FormatHourLabel(first + h).c_str(), 5 + v % 7, 20 + v, 3 + v % 6,
                    h % 17 == 5 ? "NA" : std::to_string(40 + v).c_str(), 60 + v, 30 + v / 2);
      text += row;
    }
  }
  return text;
}

class AirImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_path_ = dir_ + "/ecociv.db";
    WriteFile(dir_ + "/stations.csv", kAirStations);
    db_ = OpenOrDie(db_path_);
    ASSERT_TRUE(ImportStationsFile(db_.get(), dir_ + "/stations.csv", ImportOptions()).ok());
  }

  StatusOr<ImportResult> Import(const std::string& name, const std::string& text,
                                ImportOptions options = ImportOptions()) {
    WriteFile(dir_ + "/" + name, text);
    return ImportAirFile(db_.get(), dir_ + "/" + name, options);
  }

  // Closes the database and returns its bytes (the WAL is checkpointed away).
  std::string ClosedBytes() {
    db_.reset();
    EXPECT_FALSE(std::filesystem::exists(db_path_ + "-wal"));
    std::string bytes = FileBytes(db_path_);
    db_ = OpenOrDie(db_path_);
    return bytes;
  }

  std::string dir_, db_path_;
  std::unique_ptr<Database> db_;
};

void ExpectSameValues(const air::AirDataset& expected, const air::AirDataset& actual) {
  ASSERT_EQ(expected.first_label(), actual.first_label());
  ASSERT_EQ(expected.hour_count(), actual.hour_count());
  for (const air::StationSeries& series : expected.stations()) {
    int index = actual.FindStation(series.info.code);
    ASSERT_GE(index, 0) << series.info.code;
    for (int p = 0; p < air::kPollutantCount; ++p) {
      EXPECT_EQ(series.values[p], actual.stations()[index].values[p])
          << series.info.code << " pollutant " << p;
    }
  }
}

TEST_F(AirImportTest, LoadedDatasetEqualsTheFileItWasImportedFrom) {
  auto result = Import("air.csv", WideCsv(3, 72));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported) << result->Summary();
  EXPECT_EQ(result->rows_inserted, 3 * 72);
  air::ReadReport report;
  auto from_file = air::ReadAirFiles({dir_ + "/air.csv"}, air::ReadOptions(), &report);
  ASSERT_TRUE(from_file.ok());
  auto from_db = LoadAirDataset(db_.get(), AirQuery());
  ASSERT_TRUE(from_db.ok()) << from_db.status().ToString();
  ExpectSameValues(*from_file, *from_db);
  EXPECT_EQ(from_db->stations()[2].info.name, "三站(对照点)");
  EXPECT_TRUE(from_db->stations()[2].info.background);
}

TEST_F(AirImportTest, QueryFiltersByStationCityAndTime) {
  ASSERT_TRUE(Import("air.csv", WideCsv(3, 72)).ok());
  AirQuery query;
  query.stations = {"T2"};
  query.from = *ParseHourLabel("2026-03-02T01:00");
  query.to = *ParseHourLabel("2026-03-02T24:00");
  auto dataset = LoadAirDataset(db_.get(), query);
  ASSERT_TRUE(dataset.ok());
  ASSERT_EQ(dataset->stations().size(), 1u);
  EXPECT_EQ(dataset->hour_count(), 24);
  AirQuery city;
  city.cities = {"测试市"};
  city.include_background = false;
  EXPECT_EQ(LoadAirDataset(db_.get(), city)->stations().size(), 2u);
  city.cities = {"别的市"};
  EXPECT_EQ(LoadAirDataset(db_.get(), city).status().code(), StatusCode::kNotFound);
}

TEST_F(AirImportTest, ReimportIsANoOp) {
  ASSERT_TRUE(Import("air.csv", WideCsv(3, 24)).ok());
  std::string before = ClosedBytes();
  auto again = Import("copy.csv", WideCsv(3, 24));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(ClosedBytes(), before);
}

TEST_F(AirImportTest, ChangedValuesAreRecordedRevisions) {
  ASSERT_TRUE(Import("v1.csv", WideCsv(2, 24)).ok());
  std::string v2 = WideCsv(2, 25);  // one more hour per station ...
  size_t pos = v2.find("T1,2026-03-01T03:00,");
  ASSERT_NE(pos, std::string::npos);
  size_t end = v2.find('\n', pos);
  v2.replace(pos, end - pos, "T1,2026-03-01T03:00,9,99,0.9,99,99,49");  // ... one row changed
  auto result = Import("v2.csv", v2);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 2);
  EXPECT_EQ(result->rows_revised, 1);
  EXPECT_EQ(result->rows_unchanged, 47);
  ASSERT_FALSE(result->revisions.empty());
  EXPECT_NE(result->revisions[0].find("T1 2026-03-01T03:00"), std::string::npos)
      << result->revisions[0];
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT count(*) FROM air_revisions"), 1);
  EXPECT_EQ(*QueryInt64(db_.get(),
                        "SELECT count(*) FROM change_log WHERE action = 'import.air' "
                        "AND detail LIKE '%1 revised%'"),
            1);
}

TEST_F(AirImportTest, SkipBadRowsImportsTheGoodRowsAndKeepsTheRejects) {
  std::string text = WideCsv(2, 3) + "T9,2026-03-01T01:00,1,2,0.3,4,5,6\n";
  ImportOptions options;
  options.skip_bad_rows = true;
  auto result = Import("air.csv", text, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported);
  EXPECT_EQ(result->rows_inserted, 6);
  ASSERT_EQ(result->rejects.size(), 1u);
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT line FROM import_rejects"), 8);
}

// Every rejection path leaves the database byte for byte as it was.
struct RejectCase {
  const char* name;
  std::string file;
  std::string text;
  std::string expected;  // in a reject line or the error message
};

TEST_F(AirImportTest, EveryRejectionLeavesTheDatabaseUnchanged) {
  ASSERT_TRUE(Import("base.csv", WideCsv(2, 5)).ok());
  std::string good = WideCsv(2, 3, 1);
  std::string body = good.substr(good.find('\n') + 1);
  std::vector<RejectCase> cases = {
      {"bad header", "h.csv", "stn,when,pm25\nT1,2026-03-01T01:00,3\n", "unrecognised header"},
      {"bad number", "n.csv", good + "T1,2026-03-01T05:00,1,2,0.3,4,5,abc\n", "n.csv:8:"},
      {"unknown station", "u.csv", good + "X9,2026-03-01T05:00,1,2,0.3,4,5,6\n",
       "u.csv:8: unknown station 'X9'"},
      {"duplicate hour", "d.csv", good + "T1,2026-03-01T01:00,1,2,0.3,4,5,6\n",
       "duplicate station-hour"},
      {"wrong unit", "w.csv", "station,time,so2,no2,co(µg/m³),o3,pm10,pm25\n" + body, "wrong unit"},
      {"empty file", "e.csv", "", "empty"},
      {"truncated xz", "t.csv.xz", "", "t.csv.xz"},
  };
  for (const RejectCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string before = ClosedBytes();
    std::string path = dir_ + "/" + c.file;
    if (c.file.ends_with(".xz")) {
      WriteFile(dir_ + "/t.csv", WideCsv(3, 200));
      ASSERT_EQ(std::system(("xz -kf '" + dir_ + "/t.csv'").c_str()), 0);
      std::string xz = FileBytes(path);
      WriteFile(path, xz.substr(0, xz.size() / 2));
    } else {
      WriteFile(path, c.text);
    }
    auto result = ImportAirFile(db_.get(), path, ImportOptions());
    std::string message;
    if (!result.ok()) {
      message = result.status().message();
    } else {
      EXPECT_EQ(result->outcome, ImportOutcome::kRejected) << result->Summary();
      for (const std::string& reject : result->rejects) message += reject + "\n";
    }
    EXPECT_NE(message.find(c.expected), std::string::npos) << message;
    EXPECT_EQ(ClosedBytes(), before);
  }
}

// A child process imports a large file and is killed with SIGKILL in the
// middle of writing; the database must open cleanly without any of it.
TEST_F(AirImportTest, KilledImportLeavesNothingBehind) {
  std::string before_rows =
      std::to_string(*QueryInt64(db_.get(), "SELECT count(*) FROM air_hourly"));
  // 40,000 hours (4.6 years) that end before today: air data from the
  // future is refused.
  WriteFile(dir_ + "/big.csv", WideCsv(3, 40000, 0, "2020-01-01T01:00"));
  db_.reset();
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    auto db = OpenDatabase(testing_util::TestDatabase(db_path_), OpenOptions());
    ImportOptions options;
    options.progress_every = 20000;
    options.progress = [&](int64_t) {
      char byte = 'x';
      (void)!write(ready[1], &byte, 1);
      pause();  // wait here, mid-transaction, to be killed
    };
    (void)ImportAirFile(db->get(), dir_ + "/big.csv", options);
    _exit(0);
  }
  close(ready[1]);
  char byte;
  ASSERT_EQ(read(ready[0], &byte, 1), 1) << "child never reached the write phase";
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  db_ = OpenOrDie(db_path_);
  if (!testing_util::OnPostgres()) {
    EXPECT_EQ(testing_util::QueryText(db_.get(), "PRAGMA integrity_check"), "ok");
  }
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT count(*) FROM air_hourly"), 0);
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT count(*) FROM import_batches WHERE kind = 'air'"), 0);
  EXPECT_EQ(before_rows, "0");
  auto result = ImportAirFile(db_.get(), dir_ + "/big.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 3 * 40000);
}

// Files over 1 MB are parsed straight from the file and digested as they are
// read; the digest, rejects and screening are those of the whole-text path.
TEST_F(AirImportTest, LargeFileIsDigestedAsItIsRead) {
  std::string text = WideCsv(3, 10000, 0, "2024-01-01T01:00");
  ASSERT_GT(text.size(), size_t{1} << 20);
  auto result = Import("large.csv", text);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 3 * 10000);
  EXPECT_EQ(testing_util::QueryText(db_.get(), "SELECT content_sha256 FROM import_batches WHERE "
                                               "kind = 'air'"),
            Sha256Hex(text));
  auto again = Import("again.csv", text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST_F(AirImportTest, LargeFileLocatesUnknownStationsAndConvertsGbk) {
  std::string text = WideCsv(2, 9000, 0, "2024-01-01T01:00");
  // An unknown station on the last line, its name GBK (not UTF-8): the file
  // is converted whole first, as a small one is.
  std::string gbk = text + "T9\xb2\xe2,2024-01-01T01:00,1,2,0.3,4,5,6\n";
  ImportOptions skip;
  skip.skip_bad_rows = true;
  auto result = Import("gbk.csv", gbk, skip);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rejects.size(), 1u);
  EXPECT_NE(result->rejects[0].find("gbk.csv:18002: unknown station"), std::string::npos)
      << result->rejects[0];
  bool converted = false;
  auto utf8 = TextAsUtf8(gbk, &converted);
  ASSERT_TRUE(utf8.ok() && converted);
  EXPECT_EQ(testing_util::QueryText(db_.get(), "SELECT content_sha256 FROM import_batches WHERE "
                                               "kind = 'air'"),
            Sha256Hex(*utf8));
  // UTF-8 throughout: read as it is parsed, the unknown station found again.
  std::string plain = WideCsv(2, 9000, 0, "2023-01-01T01:00") +
                      "T8,2023-01-01T01:00,1,2,0.3,4,5,6\n";
  auto second = Import("plain.csv", plain, skip);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->rejects.size(), 1u);
  EXPECT_NE(second->rejects[0].find("plain.csv:18002: unknown station 'T8'"), std::string::npos)
      << second->rejects[0];
}

// The flags an import of new rows raises from the dataset in memory are those
// of screening what the store holds after it, and so are those of an import
// that shares its cities and hours with rows already stored (reloaded).
TEST_F(AirImportTest, ScreeningFromMemoryEqualsScreeningTheStoredRows) {
  auto flags_of_reload = [&](HourLabel from, HourLabel to, std::set<std::string> stations) {
    AirQuery query;
    query.cities = {"测试市"};
    query.from = from;
    query.to = to;
    query.include_invalidated = true;
    auto dataset = LoadAirDataset(db_.get(), query);
    EXPECT_TRUE(dataset.ok());
    auto rules = LoadReviewRules("");
    EXPECT_TRUE(rules.ok());
    std::multiset<std::string> out;
    for (const ReviewFlag& f : ScreenAirDataset(*dataset, *rules)) {
      if (stations.count(f.subject)) {
        out.insert(f.subject + " " + f.pollutant + " " + std::to_string(f.from) + " " +
                   std::to_string(f.to) + " " + f.rule + " " + f.detail);
      }
    }
    return out;
  };
  auto stored = [&](const std::string& station) {
    std::multiset<std::string> out;
    FlagFilter filter;
    filter.subject = station;
    auto flags = ListFlags(db_.get(), filter);
    EXPECT_TRUE(flags.ok());
    for (const StoredFlag& s : *flags) {
      const ReviewFlag& f = s.flag;
      out.insert(f.subject + " " + f.pollutant + " " + std::to_string(f.from) + " " +
                 std::to_string(f.to) + " " + f.rule + " " + f.detail);
    }
    return out;
  };
  // Spikes, a run of repeated values and a missing stretch.
  std::string text = WideCsv(2, 300);
  for (const char* hour : {"2026-03-03T05:00", "2026-03-07T11:00"}) {
    size_t at = text.find(std::string("T1,") + hour + ",");
    size_t end = text.find('\n', at);
    text.replace(at, end - at, std::string("T1,") + hour + ",900,900,9.5,900,2000,1500");
  }
  auto first = Import("first.csv", text);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->flags_raised, 0);
  HourLabel from = *ParseHourLabel("2026-03-01T01:00");
  EXPECT_EQ(stored(""), flags_of_reload(from, from + 299, {"T1", "T2"}));
  // T3 over the same hours: its neighbours' rows are stored, so reloaded.
  std::string t3 = WideCsv(3, 300, 5);
  std::string only_t3 = "station,time,so2,no2,co,o3,pm10,pm25\n";
  for (size_t at = t3.find("\nT3,"); at != std::string::npos; at = t3.find("\nT3,", at + 1)) {
    only_t3 += t3.substr(at + 1, t3.find('\n', at + 1) - at);
  }
  size_t spike = only_t3.find("T3,2026-03-04T02:00,");
  only_t3.replace(spike, only_t3.find('\n', spike) - spike, "T3,2026-03-04T02:00,900,900,9.5,900,2000,1500");
  auto second = Import("t3.csv", only_t3);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(stored("T3"), flags_of_reload(from, from + 299, {"T3"}));
}

// A piece may end inside a character: the check and the digest are those of
// the whole text wherever it is cut.
TEST(TextDigest, PiecesCutAnywhereGiveTheWholeTextsAnswer) {
  const std::string texts[] = {"站点,测试市,μg/m³\n", "ab\xe6\xb5", "\xb2\xe2x", "\xf0\x9f\x98\x80!"};
  for (const std::string& text : texts) {
    for (size_t cut = 0; cut <= text.size(); ++cut) {
      for (size_t cut2 = cut; cut2 <= text.size(); ++cut2) {
        TextDigest digest;
        digest.Add(std::string_view(text).substr(0, cut));
        digest.Add(std::string_view(text).substr(cut, cut2 - cut));
        digest.Add(std::string_view(text).substr(cut2));
        bool utf8 = false;
        EXPECT_EQ(digest.Finish(&utf8), Sha256Hex(text));
        EXPECT_EQ(utf8, IsValidUtf8(text)) << text << " cut at " << cut << ", " << cut2;
      }
    }
  }
}

TEST_F(AirImportTest, ManualEditIsARecordedRevision) {
  ASSERT_TRUE(Import("air.csv", WideCsv(2, 24)).ok());
  AirEdit edit;
  edit.station = "T2";
  edit.label = *ParseHourLabel("2026-03-01T03:00");
  edit.pollutant = air::Pollutant::kPM25;
  edit.value = 123456;
  EXPECT_EQ(EditAirValue(db_.get(), edit, Actor()).status().code(),
            StatusCode::kInvalidArgument);  // no reason
  Actor actor{"张工", "the analyser log shows 12.3456"};
  auto result = EditAirValue(db_.get(), edit, actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_revised, 1);
  EXPECT_EQ(EditAirValue(db_.get(), edit, actor).status().code(),
            StatusCode::kFailedPrecondition);  // already that value
  AirQuery query;
  query.stations = {"T2"};
  query.from = query.to = edit.label;
  auto dataset = LoadAirDataset(db_.get(), query);
  ASSERT_TRUE(dataset.ok());
  EXPECT_EQ(dataset->stations()[0].values[int(air::Pollutant::kPM25)][0], 123456);
  EXPECT_EQ(dataset->stations()[0].values[int(air::Pollutant::kPM10)][0], (60 + 14 + 26) * 10000);
  EXPECT_EQ(testing_util::QueryText(db_.get(),
                                    "SELECT who || ' ' || action || ' ' || why FROM "
                                    "change_log ORDER BY seq DESC LIMIT 1"),
            "张工 edit.air the analyser log shows 12.3456");
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT count(*) FROM air_revisions"), 1);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

// A CNEMC release naming a station the database lacks: rejected by default;
// with add_stations the station comes from the file, in the same transaction.
TEST_F(AirImportTest, AddStationsFromACnemcRelease) {
  std::string text =
      "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,"
      "pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n"
      "2026-03-01T0100,T1,120.1,31.2,测试市,一站,,24,22,16,8,9,74,74,NA,NA,4,5,5,5,0.4,0.3\n"
      "2026-03-01T0100,9999A,116.3611,39.8786,北京市,新站(对照点),,24,22,16,8,9,74,74,NA,NA,4,"
      "5,5,5,0.4,0.3\n";
  auto rejected = Import("cnemc.csv", text);
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->outcome, ImportOutcome::kRejected);
  ImportOptions options;
  options.add_stations = true;
  auto result = Import("cnemc.csv", text, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported) << result->Summary();
  EXPECT_EQ(result->stations_added, 1);
  EXPECT_EQ(result->rows_inserted, 2);
  EXPECT_EQ(testing_util::QueryText(db_.get(),
                                    "SELECT name || ',' || city || ',' || longitude || "
                                    "',' || background FROM stations WHERE code = "
                                    "'9999A'"),
            "新站(对照点),北京市,116.3611,1");
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

// A backup taken while another connection is importing is a consistent
// snapshot: it opens, verifies clean, and holds all or nothing of the import.
TEST_F(AirImportTest, OnlineBackupDuringAnImportIsConsistent) {
  ECOCIV_SQLITE_ONLY("the backup is an SQLite file");
  WriteFile(dir_ + "/big.csv", WideCsv(3, 30000, 0, "2020-01-01T01:00"));  // before today
  db_.reset();
  std::thread importer([&] {
    auto db = OpenSqliteDatabase(db_path_, OpenOptions());
    ASSERT_TRUE(db.ok());
    auto result = ImportAirFile(db->get(), dir_ + "/big.csv", ImportOptions());
    EXPECT_TRUE(result.ok()) << result.status().ToString();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  {
    auto db = OpenSqliteDatabase(db_path_, OpenOptions());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->BackupTo(dir_ + "/backup.db").ok());
  }
  importer.join();
  auto backup = OpenSqliteDatabase(dir_ + "/backup.db", OpenOptions());
  ASSERT_TRUE(backup.ok()) << backup.status().ToString();
  int64_t rows = *QueryInt64(backup->get(), "SELECT count(*) FROM air_hourly");
  EXPECT_TRUE(rows == 0 || rows == 3 * 30000) << rows;
  auto report = VerifyDatabase(backup->get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
  db_ = OpenOrDie(db_path_);
}

// Real data: the CNEMC Beijing subset (23 stations, 2026-02-26 → 07-24) read
// back from the store equals what the air readers read from the file.
TEST_F(AirImportTest, RealCnemcBeijingRoundTrip) {
  const std::string dir = "../shared/data/real/cnemc-national-hourly-2026/";
  const std::string file = dir + "cnemc_beijing_2026-02-26_2026-07-24.csv.xz";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "real data absent: " << file;
  auto stations = ImportStationsFile(db_.get(), dir + "cnemc_stations_2026.csv", ImportOptions());
  ASSERT_TRUE(stations.ok()) << stations.status().ToString();
  auto result = ImportAirFile(db_.get(), file, ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported) << result->Summary();
  EXPECT_GT(result->rows_inserted, 80000);
  air::ReadReport report;
  auto from_file = air::ReadAirFiles({file}, air::ReadOptions(), &report);
  ASSERT_TRUE(from_file.ok());
  AirQuery query;
  query.cities = {"北京市"};
  auto from_db = LoadAirDataset(db_.get(), query);
  ASSERT_TRUE(from_db.ok()) << from_db.status().ToString();
  EXPECT_EQ(from_db->stations().size(), from_file->stations().size());
  ExpectSameValues(*from_file, *from_db);
}

}  // namespace
}  // namespace ecociv::store
