#include <gtest/gtest.h>

#include "ecociv/store/import.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::FileBytes;
using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

constexpr char kStationList[] =
    "station,name,city,lon,lat,background\n"
    "A1,东站,测试市,120.1,31.2,0\n"
    "A2,西站,测试市,120.2,31.3,\n"
    "A3,山顶(对照点),测试市,120.3,31.4,\n";

TEST(StationImport, ImportsAndIsIdempotent) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/s.csv", kStationList);
  auto db = OpenOrDie(dir + "/db");
  auto result = ImportStationsFile(db.get(), dir + "/s.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported);
  EXPECT_EQ(result->rows_inserted, 3);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT background FROM stations WHERE code = 'A3'"), 1);
  auto again = ImportStationsFile(db.get(), dir + "/s.csv", ImportOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM import_batches"), 1);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM change_log"), 1);
}

TEST(StationImport, AcceptsTheCnemcStationListColumns) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/s.csv",
            "stationcode,positionname,area,longitude,latitude,first_timepoint\n"
            "1001A,万寿西宫,北京市,116.3611,39.8786,2026-02-26T2000\n");
  auto db = OpenOrDie(dir + "/db");
  auto result = ImportStationsFile(db.get(), dir + "/s.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 1);
}

// A station list as a Chinese Excel saves "CSV" (GBK, file name with spaces and Chinese):
// read as UTF-8; a file neither UTF-8 nor GBK is refused naming the file and the byte.
TEST(StationImport, GbkFromExcelIsConverted) {
  std::string dir = ScratchDir();
  std::string path = dir + "/站点 (GBK导出).csv";
  // "station,name,city,lon,lat\nG1,空气站,测试市,120.1,31.2\n" in GBK.
  WriteFile(path,
            "station,name,city,lon,lat\nG1,\xbf\xd5\xc6\xf8\xd5\xbe,"
            "\xb2\xe2\xca\xd4\xca\xd0,120.1,31.2\n");
  auto db = OpenOrDie(dir + "/db");
  auto result = ImportStationsFile(db.get(), path, ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 1);
  EXPECT_EQ(*QueryInt64(db.get(),
                        "SELECT count(*) FROM stations WHERE name = '空气站' AND "
                        "city = '测试市'"),
            1);
  WriteFile(dir + "/bad.csv", std::string("station,name\nA,\xFF\xFF\n"));
  auto bad = ImportStationsFile(db.get(), dir + "/bad.csv", ImportOptions());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.csv: the text is neither UTF-8 nor GBK"),
            std::string::npos)
      << bad.status().message();
}

TEST(StationImport, ChangedStationIsARevision) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/s1.csv", kStationList);
  WriteFile(dir + "/s2.csv", "station,name,city,lon,lat\nA1,东站新址,测试市,120.15,31.2\n");
  auto db = OpenOrDie(dir + "/db");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/s1.csv", ImportOptions()).ok());
  auto result = ImportStationsFile(db.get(), dir + "/s2.csv", ImportOptions());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->rows_revised, 1);
  ASSERT_EQ(result->revisions.size(), 1u);
  EXPECT_NE(result->revisions[0].find("A1"), std::string::npos);
}

TEST(StationImport, BadRowsRejectTheWholeFileLeavingTheDatabaseUnchanged) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/bad.csv",
            "station,name,city,lon,lat\nB1,x,c,120,31\nB2,x,c,east,31\nB1,y,c,120,31\n");
  std::string db_path = dir + "/db";
  OpenOrDie(db_path).reset();
  std::string before = FileBytes(db_path);
  auto db = OpenOrDie(db_path);
  auto result = ImportStationsFile(db.get(), dir + "/bad.csv", ImportOptions());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, ImportOutcome::kRejected);
  ASSERT_EQ(result->rejects.size(), 2u);
  EXPECT_EQ(result->rejects[0], dir + "/bad.csv:3: bad longitude 'east'");
  EXPECT_EQ(result->rejects[1],
            dir + "/bad.csv:4: duplicate station B1 (first at " + dir + "/bad.csv:2)");
  db.reset();
  EXPECT_EQ(FileBytes(db_path), before);
}

TEST(StationImport, SkipBadRowsStoresTheRejects) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/bad.csv", "station,name,city,lon,lat\nB1,x,c,120,31\nB2,x,c,east,31\n");
  auto db = OpenOrDie(dir + "/db");
  ImportOptions options;
  options.skip_bad_rows = true;
  auto result = ImportStationsFile(db.get(), dir + "/bad.csv", options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, ImportOutcome::kImported);
  EXPECT_EQ(result->rows_inserted, 1);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT line FROM import_rejects"), 3);
}

TEST(StationImport, BadHeaderAndEmptyFileAreErrors) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/header.csv", "code,name,town\n");
  WriteFile(dir + "/empty.csv", "");
  auto db = OpenOrDie(dir + "/db");
  auto header = ImportStationsFile(db.get(), dir + "/header.csv", ImportOptions());
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("bad header"), std::string::npos);
  auto empty = ImportStationsFile(db.get(), dir + "/empty.csv", ImportOptions());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::store
