#include "ecociv/store/water_store.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "ecociv/store/review.h"
#include "ecociv/store/verify.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/demo_city.h"
#include "canonical.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::FileBytes;
using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

class WaterStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_path_ = dir_ + "/ecociv.db";
    auto rules = water::WaterRules::Load("");
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_ = std::make_unique<water::WaterRules>(std::move(rules).value());
    files_ = water::GenerateDemoCity(*rules_, 2025, 7);
    WriteFile(dir_ + "/sections.csv", files_.sections_csv);
    WriteFile(dir_ + "/samples.csv", files_.samples_csv);
    db_ = OpenOrDie(db_path_);
    auto sections = ImportSectionsFile(db_.get(), dir_ + "/sections.csv", ImportOptions());
    ASSERT_TRUE(sections.ok()) << sections.status().ToString();
    ASSERT_EQ(sections->outcome, ImportOutcome::kImported) << sections->Summary();
  }

  std::string ClosedBytes() {
    db_.reset();
    std::string bytes = FileBytes(db_path_);
    db_ = OpenOrDie(db_path_);
    return bytes;
  }

  using SampleTuple = std::tuple<std::string, DayNumber, std::string, int64_t, bool, bool>;
  std::multiset<SampleTuple> Tuples(const water::SampleSet& set) const {
    std::multiset<SampleTuple> out;
    for (const water::Sample& s : set.samples) {
      out.emplace(set.sections[s.section].id, s.day, rules_->item(s.item).id, s.value,
                  s.below_detection, s.limit_known);
    }
    return out;
  }

  std::string dir_, db_path_;
  std::unique_ptr<water::WaterRules> rules_;
  water::DemoCityFiles files_;
  std::unique_ptr<Database> db_;
};

TEST_F(WaterStoreTest, SamplesReadBackEqualTheFileAndGiveTheSameClasses) {
  auto result = ImportWaterFile(db_.get(), dir_ + "/samples.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kImported) << result->Summary();
  EXPECT_GT(result->rows_inserted, 5000);

  water::SampleSet from_file;
  auto sections = water::ReadSections(dir_ + "/sections.csv");
  ASSERT_TRUE(sections.ok());
  from_file.sections = *sections;
  ASSERT_TRUE(water::ReadSamples(dir_ + "/samples.csv", *rules_, &from_file).ok());
  auto from_db = LoadWaterSamples(db_.get(), WaterQuery(), *rules_);
  ASSERT_TRUE(from_db.ok()) << from_db.status().ToString();
  ASSERT_EQ(from_db->sections.size(), from_file.sections.size());
  EXPECT_EQ(Tuples(*from_db), Tuples(from_file));

  water::Period year =
      water::RangePeriod(DaysFromCivil({2025, 1, 1}), DaysFromCivil({2025, 12, 31}));
  auto file_index = water::IndexSamples(from_file);
  auto db_index = water::IndexSamples(*from_db);
  for (size_t i = 0; i < from_file.sections.size(); ++i) {
    const water::Section& section = from_file.sections[i];
    int j = from_db->FindSection(section.id);
    ASSERT_GE(j, 0);
    EXPECT_EQ(from_db->sections[j].target, section.target);
    EXPECT_EQ(from_db->sections[j].type, section.type);
    auto a = water::EvaluateSection(*rules_, section, int(i), file_index.by_section[i], year);
    auto b = water::EvaluateSection(*rules_, from_db->sections[j], j, db_index.by_section[j], year);
    EXPECT_EQ(a.cls, b.cls) << section.id;
    EXPECT_EQ(a.compliant, b.compliant) << section.id;
    EXPECT_EQ(a.cwqi.has_value(), b.cwqi.has_value()) << section.id;
  }

  auto again = ImportWaterFile(db_.get(), dir_ + "/samples.csv", ImportOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(WaterStoreTest, EveryBadRowIsListedAndNothingChanges) {
  std::string first_section = files_.sections_csv.substr(files_.sections_csv.find('\n') + 1);
  first_section = first_section.substr(0, first_section.find(','));
  std::string text = "section,time,item,value\n" + first_section + ",2025-03-01,氨氮,0.52\n" +
                     first_section + ",2025-03-01,氨氮,abc\n" +       // line 3: bad value
                     "NOWHERE,2025-03-01,氨氮,0.5\n" +                // line 4: unknown section
                     first_section + ",2025-03-01,unobtainium,1\n" +  // line 5: unknown item
                     first_section + ",2025-03-01,总磷,0.1\n";
  WriteFile(dir_ + "/bad.csv", text);
  std::string before = ClosedBytes();
  auto result = ImportWaterFile(db_.get(), dir_ + "/bad.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kRejected);
  ASSERT_EQ(result->rejects.size(), 3u);
  EXPECT_EQ(result->rejects[0].substr(0, dir_.size() + 11), dir_ + "/bad.csv:3:");
  EXPECT_EQ(result->rejects[1].substr(0, dir_.size() + 11), dir_ + "/bad.csv:4:");
  EXPECT_EQ(result->rejects[2].substr(0, dir_.size() + 11), dir_ + "/bad.csv:5:");
  EXPECT_EQ(ClosedBytes(), before);

  ImportOptions skip;
  skip.skip_bad_rows = true;
  auto skipped = ImportWaterFile(db_.get(), dir_ + "/bad.csv", skip);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(skipped->rows_inserted, 2);
  EXPECT_EQ(*QueryInt64(db_.get(), "SELECT count(*) FROM import_rejects"), 3);
}

TEST_F(WaterStoreTest, ChangedSampleIsARevisionAndTamperingIsNamed) {
  std::string first_section = files_.sections_csv.substr(files_.sections_csv.find('\n') + 1);
  first_section = first_section.substr(0, first_section.find(','));
  WriteFile(dir_ + "/v1.csv",
            "section,time,item,value\n" + first_section + ",2025-03-01,氨氮,0.52\n");
  WriteFile(dir_ + "/v2.csv",
            "section,time,item,value\n" + first_section + ",2025-03-01,氨氮,0.61\n");
  ASSERT_TRUE(ImportWaterFile(db_.get(), dir_ + "/v1.csv", ImportOptions()).ok());
  auto result = ImportWaterFile(db_.get(), dir_ + "/v2.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_revised, 1);
  ASSERT_EQ(result->revisions.size(), 1u);
  EXPECT_EQ(result->revisions[0], first_section + " 2025-03-01 nh3n 0.52 → 0.61");
  if (!testing_util::HaveSqlite3Shell()) GTEST_SKIP() << "sqlite3 shell not installed";
  db_.reset();
  ASSERT_EQ(testing_util::Sqlite3Shell(db_path_, "UPDATE water_revisions SET value = 1;"), 0);
  db_ = OpenOrDie(db_path_);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find("water sample " + first_section + " 2025-03-01 nh3n (batch"),
            std::string::npos)
      << report->problems[0];
  EXPECT_NE(report->problems[0].find("): changed"), std::string::npos);
}

TEST_F(WaterStoreTest, ScreeningFlagsImplausibleAndBelowDetectionValues) {
  auto rules = LoadReviewRules("");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->water_detection_limit.at("nh3n"), 25000);
  water::SampleSet set;
  set.sections.push_back(water::Section());
  set.sections[0].id = "S1";
  auto sample = [&](const char* item, int64_t value, bool below) {
    water::Sample s;
    s.day = DaysFromCivil({2025, 3, 1});
    s.item = static_cast<int16_t>(rules_->IndexOf(item));
    s.value = value;
    s.below_detection = below;
    set.samples.push_back(s);
  };
  sample("ph", 12500000, false);  // pH 12.5: implausible
  sample("ph", 7200000, false);   // fine
  sample("nh3n", 10000, false);   // 0.01 written as a value, DL 0.025
  sample("nh3n", 25000, true);    // <0.025: correctly written
  sample("tp", 15000, false);     // 0.015 ≥ DL 0.01: fine
  auto flags = ScreenWaterSamples(set, *rules_, *rules);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].rule, "water_implausible");
  EXPECT_EQ(flags[0].detail, "ph = 12.5 above 11");
  EXPECT_EQ(flags[1].rule, "water_below_detection");
  EXPECT_EQ(flags[1].detail, "nh3n = 0.01 written as a value below the detection limit 0.025");
  EXPECT_TRUE(flags[1].water);
}

TEST_F(WaterStoreTest, InvalidatedSamplesDropOutAndClearedOnesReturn) {
  std::string section = files_.sections_csv.substr(files_.sections_csv.find('\n') + 1);
  section = section.substr(0, section.find(','));
  WriteFile(dir_ + "/w.csv", "section,time,item,value\n" + section + ",2025-03-01,pH,12.5\n" +
                                 section + ",2025-03-01,氨氮,0.52\n");
  auto result = ImportWaterFile(db_.get(), dir_ + "/w.csv", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->flags_raised, 1);
  FlagFilter filter;
  filter.subject = section;
  auto flags = ListFlags(db_.get(), filter);
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_TRUE((*flags)[0].flag.water);
  EXPECT_EQ((*flags)[0].flag.pollutant, "ph");

  DecisionRequest invalidate;
  invalidate.action = "invalidate";
  invalidate.flag_id = (*flags)[0].id;
  invalidate.reason = "probe not calibrated";
  ASSERT_TRUE(RecordDecision(db_.get(), invalidate, Actor()).ok());
  WaterQuery query;
  query.sections = {section};
  auto samples = LoadWaterSamples(db_.get(), query, *rules_);
  ASSERT_TRUE(samples.ok());
  ASSERT_EQ(samples->samples.size(), 1u);  // pH dropped, NH3-N kept
  EXPECT_EQ(rules_->item(samples->samples[0].item).id, "nh3n");

  DecisionRequest all_items;
  all_items.action = "invalidate";
  all_items.section = section;
  all_items.pollutant = "all";
  all_items.from = all_items.to = DaysFromCivil({2025, 3, 1});
  all_items.reason = "bottle mix-up";
  ASSERT_TRUE(RecordDecision(db_.get(), all_items, Actor()).ok());
  EXPECT_TRUE(LoadWaterSamples(db_.get(), query, *rules_)->samples.empty());

  DecisionRequest clear = all_items;
  clear.action = "clear";
  clear.pollutant = "氨氮";  // by name
  clear.reason = "NH3-N bottle was fine";
  ASSERT_TRUE(RecordDecision(db_.get(), clear, Actor()).ok());
  EXPECT_EQ(LoadWaterSamples(db_.get(), query, *rules_)->samples.size(), 1u);
  query.include_invalidated = true;
  EXPECT_EQ(LoadWaterSamples(db_.get(), query, *rules_)->samples.size(), 2u);

  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
  if (!testing_util::HaveSqlite3Shell()) GTEST_SKIP() << "sqlite3 shell not installed";
  db_.reset();
  ASSERT_EQ(testing_util::Sqlite3Shell(db_path_, "DELETE FROM review_decisions WHERE id = 2;"), 0);
  db_ = OpenOrDie(db_path_);
  report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0], "review decision 2: deleted");
}

TEST_F(WaterStoreTest, SectionsAreRevisedAndVerified) {
  auto again = ImportSectionsFile(db_.get(), dir_ + "/sections.csv", ImportOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
  WriteFile(dir_ + "/bad.csv", "section,name,river,type,target_class,level\nS1,a,r,pond,3,town\n");
  auto bad = ImportSectionsFile(db_.get(), dir_ + "/bad.csv", ImportOptions());
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  EXPECT_EQ(bad->outcome, ImportOutcome::kRejected);
  ASSERT_EQ(bad->rejects.size(), 1u);
  EXPECT_NE(bad->rejects[0].find("bad.csv:2:"), std::string::npos) << bad->rejects[0];
  if (!testing_util::HaveSqlite3Shell()) GTEST_SKIP() << "sqlite3 shell not installed";
  db_.reset();
  ASSERT_EQ(
      testing_util::Sqlite3Shell(db_path_,
                                 "UPDATE sections SET target_class = target_class % 5 + 1 WHERE "
                                 "id = (SELECT min(id) FROM sections);"),
      0);
  db_ = OpenOrDie(db_path_);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find(": changed"), std::string::npos) << report->problems[0];
  EXPECT_EQ(report->problems[0].rfind("section ", 0), 0u) << report->problems[0];
}

// Categories and the structured chief (schema 9) are stored, read back and
// covered by the fingerprints; a row without them keeps the fingerprint it
// had before schema 9.
TEST_F(WaterStoreTest, CategoriesAndChiefRoundTripAndAreVerified) {
  ASSERT_TRUE(ImportWaterFile(db_.get(), dir_ + "/samples.csv", ImportOptions()).ok());
  auto set = LoadWaterSamples(db_.get(), WaterQuery(), *rules_);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  int cj01 = set->FindSection("CJ01");
  ASSERT_GE(cj01, 0);
  const water::Section& s = set->sections[cj01];
  EXPECT_EQ(s.categories, (std::vector<std::string>{"国省考断面", "饮用水水源地"}));
  EXPECT_EQ(s.chief_name, "示例断面长CJ01");
  EXPECT_EQ(s.chief_post, "副市长");
  EXPECT_EQ(s.chief_unit, "示例市人民政府");
  auto clean = VerifyDatabase(db_.get());
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->problems.empty()) << clean->problems[0];

  SectionRow old;
  old.code = "S1";
  old.name = "a";
  old.type = "river";
  old.level = "town";
  EXPECT_EQ(SectionCanonical(old), "2:S1,1:a,0:,0:,5:river,1:3,4:town,0:,");
  old.categories = "通江支流";
  EXPECT_NE(SectionCanonical(old).find("10:sections-9,12:通江支流,"), std::string::npos);

  if (!testing_util::HaveSqlite3Shell()) GTEST_SKIP() << "sqlite3 shell not installed";
  db_.reset();
  ASSERT_EQ(testing_util::Sqlite3Shell(
                db_path_, "UPDATE sections SET categories = '通江支流' WHERE code = 'CJ01';"),
            0);
  db_ = OpenOrDie(db_path_);
  auto report = VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find("section CJ01"), std::string::npos) << report->problems[0];
}

}  // namespace
}  // namespace ecociv::store
