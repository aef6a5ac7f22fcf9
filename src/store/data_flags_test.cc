// Values stored with an HJ 212 data flag other than N (schema 8): kept,
// fingerprinted, revised like any value, and left out of statistics.
#include <gtest/gtest.h>

#include "ecociv/store/air_store.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "ecociv/store/verify.h"
#include "ecociv/store/water_store.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OpenOrDie;
using testing_util::QueryText;
using testing_util::ScratchDir;
using testing_util::WriteFile;

constexpr int kPM25 = int(air::Pollutant::kPM25);
constexpr int kSO2 = int(air::Pollutant::kSO2);

class DataFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_ = OpenOrDie(dir_ + "/ecociv.db");
    WriteFile(dir_ + "/stations.csv", "station,name,city,lon,lat\nT1,一站,测试市,120.1,31.2\n");
    ASSERT_TRUE(ImportStationsFile(db_.get(), dir_ + "/stations.csv", ImportOptions()).ok());
    label_ = *ParseHourLabel("2026-03-01T10:00");
  }

  // One station-hour of T1 with PM2.5 and SO2.
  StatusOr<ImportResult> ImportHour(int32_t pm25, int32_t so2, const std::string& flags,
                                    const std::string& digest, ImportOptions options = {}) {
    air::StationInfo info;
    info.code = "T1";
    air::AirDataset dataset = air::AirDataset::Make(label_, label_, {info}, false);
    auto& values = dataset.mutable_stations()[0].values;
    for (auto& column : values) column.assign(1, air::kMissing);
    values[kPM25][0] = pm25;
    values[kSO2][0] = so2;
    AirFlagMap map;
    if (!flags.empty()) map[{"T1", label_}] = flags;
    options.air_flags = &map;
    return ImportAirDataset(db_.get(), dataset, "packet", digest, {}, options);
  }

  air::AirDataset Load(bool include_flagged) {
    AirQuery query;
    query.include_flagged = include_flagged;
    auto dataset = LoadAirDataset(db_.get(), query);
    EXPECT_TRUE(dataset.ok()) << dataset.status().ToString();
    return std::move(dataset).value();
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
  HourLabel label_ = 0;
};

TEST_F(DataFlagsTest, FlaggedAirValuesAreStoredAndLeftOutOfStatistics) {
  auto result = ImportHour(355000, 80000, "NNNNNM", "d1");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 1);
  EXPECT_EQ(QueryText(db_.get(), "SELECT flags FROM air_hourly"), "NNNNNM");
  air::AirDataset normal = Load(false);
  EXPECT_EQ(normal.stations()[0].values[kPM25][0], air::kMissing);
  EXPECT_EQ(normal.stations()[0].values[kSO2][0], 80000);
  EXPECT_EQ(Load(true).stations()[0].values[kPM25][0], 355000);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

TEST_F(DataFlagsTest, AFlagChangeIsARevisionAndTamperingWithFlagsIsFound) {
  ASSERT_TRUE(ImportHour(355000, 80000, "NNNNNM", "d1").ok());
  // The station resends the hour, now valid: a revision naming the flag.
  auto again = ImportHour(355000, 80000, "", "d2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows_revised, 1);
  ASSERT_EQ(again->revisions.size(), 1u);
  EXPECT_EQ(again->revisions[0], "T1 2026-03-01T10:00 pm25 35.5 (M) → 35.5");
  EXPECT_EQ(Load(false).stations()[0].values[kPM25][0], 355000);
  EXPECT_EQ(QueryText(db_.get(), "SELECT flags FROM air_revisions"), "NNNNNM");
  // The same content again: unchanged.
  auto same = ImportHour(355000, 80000, "", "d3");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->rows_unchanged, 1);
  ASSERT_TRUE(db_->Exec("UPDATE air_revisions SET flags = 'NNNNNN'").ok());
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u) << report->Summary();
  EXPECT_NE(report->problems[0].find("changed"), std::string::npos) << report->problems[0];
}

TEST_F(DataFlagsTest, AManualEditKeepsTheOtherFlags) {
  ASSERT_TRUE(ImportHour(355000, 80000, "MNNNNM", "d1").ok());
  AirEdit edit;
  edit.station = "T1";
  edit.label = label_;
  edit.pollutant = air::Pollutant::kPM25;
  edit.value = 360000;
  auto result = EditAirValue(db_.get(), edit, Actor{"tester", "checked by hand"});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(QueryText(db_.get(), "SELECT flags FROM air_hourly"), "MNNNNN");
  air::AirDataset normal = Load(false);
  EXPECT_EQ(normal.stations()[0].values[kPM25][0], 360000);
  EXPECT_EQ(normal.stations()[0].values[kSO2][0], air::kMissing);
}

TEST_F(DataFlagsTest, AnImportInsideTheCallersTransactionIsRolledBackWithIt) {
  ASSERT_TRUE(db_->Begin().ok());
  ImportOptions options;
  options.in_transaction = true;
  ASSERT_TRUE(ImportHour(355000, 80000, "", "d1", options).ok());
  ASSERT_TRUE(db_->Rollback().ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM air_hourly"), "0");
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM change_log WHERE action = 'import.air'"),
            "0");
}

TEST_F(DataFlagsTest, WaterSamplesFromMemoryWithFlags) {
  WriteFile(dir_ + "/sections.csv",
            "section,name,river,type,target_class,level\nS1,一断面,一河,river,3,municipal\n");
  ASSERT_TRUE(ImportSectionsFile(db_.get(), dir_ + "/sections.csv", ImportOptions()).ok());
  auto rules = water::WaterRules::Load("");
  ASSERT_TRUE(rules.ok());
  water::SampleSet set;
  water::Section section;
  section.id = "S1";
  set.sections.push_back(section);
  DayNumber day = *ParseDate("2026-03-01");
  water::Sample nh3n;
  nh3n.day = day;
  nh3n.item = static_cast<int16_t>(rules->IndexOf("nh3n"));
  nh3n.value = 512000;
  water::Sample tp = nh3n;
  tp.item = static_cast<int16_t>(rules->IndexOf("tp"));
  tp.value = 80000;
  set.samples = {nh3n, tp};
  auto result = ImportWaterSamples(db_.get(), set, *rules, {'N', 'D'}, "packet", "w1", {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 2);
  WaterQuery query;
  auto loaded = LoadWaterSamples(db_.get(), query, *rules);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->samples.size(), 1u);
  EXPECT_EQ(loaded->samples[0].value, 512000);
  query.include_flagged = true;
  EXPECT_EQ(LoadWaterSamples(db_.get(), query, *rules)->samples.size(), 2u);
  auto again = ImportWaterSamples(db_.get(), set, *rules, {'N', 'D'}, "packet", "w1", {});
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  water::SampleSet unknown = set;
  unknown.sections[0].id = "S9";
  EXPECT_EQ(ImportWaterSamples(db_.get(), unknown, *rules, {}, "packet", "w2", {}).status().message(),
            "packet: unknown section 'S9'");
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

}  // namespace
}  // namespace ecociv::store

namespace ecociv::store {
namespace {

// One-hour batches (as the HJ 212 receiver writes them) screened together:
// each gets its own run and entry, and a flat line across the batches is
// found, which one-hour windows could not see.
TEST_F(DataFlagsTest, OneHourBatchesAreScreenedTogether) {
  std::vector<int64_t> batches;
  HourLabel first = label_;
  for (int h = 0; h < 14; ++h) {
    label_ = first + h;
    ImportOptions options;
    options.screen = false;
    auto r = ImportHour(355000, 80000 + h * 1000, "", "flat" + std::to_string(h), options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    batches.push_back(r->batch_id);
  }
  auto rules = LoadReviewRules("");
  ASSERT_TRUE(rules.ok());
  auto stored = ScreenBatchesWithRules(db_.get(), batches, *rules);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_GE(*stored, 1);
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM review_runs"), "14");
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM review_flags WHERE rule = 'flat_line' "
                                 "AND pollutant = 'pm25'"),
            "1");
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM change_log WHERE action = 'review.screen'"),
            "14");
  // Screening them again adds no flag twice.
  auto again = ScreenBatchesWithRules(db_.get(), batches, *rules);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

}  // namespace
}  // namespace ecociv::store
