#include "ecociv/indicators/indicator_store.h"

#include <gtest/gtest.h>

#include <ctime>

#include "../store/store_test_util.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/indicators/provider.h"
#include "ecociv/store/verify.h"
#include "indicators_test_util.h"

namespace ecociv::indicators {
namespace {

using testing_util::kActor;

using store::testing_util::OpenOrDie;
using store::testing_util::QueryText;
using store::testing_util::ScratchDir;
using store::testing_util::WriteFile;


class IndicatorStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_ = OpenOrDie(dir_ + "/e.db");
    ASSERT_NE(db_, nullptr);
  }
  std::string Count(const std::string& table) {
    return QueryText(db_.get(), "SELECT COUNT(*) FROM " + table);
  }
  Status Set(int year, const std::string& id, const std::string& value) {
    ValueInput in;
    in.year = year;
    in.id = id;
    in.value = value;
    return SetValue(db_.get(), in, kActor);
  }
  void ExpectVerified() {
    auto report = store::VerifyDatabase(db_.get());
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->ok()) << report->Summary();
  }
  std::string dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(IndicatorStore, DefaultsToTheBuiltInNationalCatalogue) {
  auto cat = ActiveCatalogue(db_.get());
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(cat->name, "national-2019");
  auto profile = LoadProfile(db_.get());
  EXPECT_EQ(profile->level, "county");
}

TEST_F(IndicatorStore, DefaultValueYearIsTheLatestWithAValueElseThisYear) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  EXPECT_EQ(*DefaultValueYear(db_.get()), utc.tm_year + 1900);
  ASSERT_TRUE(Set(2022, "n2019_03", "21").ok());
  ASSERT_TRUE(Set(2024, "n2019_05", "100").ok());
  ASSERT_TRUE(Set(2023, "n2019_03", "22").ok());
  EXPECT_EQ(*DefaultValueYear(db_.get()), 2024);
}

TEST_F(IndicatorStore, ReviewWorkflowAndChangeRecord) {
  ASSERT_TRUE(Set(2025, "n2019_03", "22").ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT status FROM ind_values"), "draft");
  Status accept_draft = AcceptValue(db_.get(), 2025, "n2019_03", kActor);
  EXPECT_EQ(accept_draft.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(accept_draft.message(),
            "value:2025/n2019_03 is draft; only submitted values can become accepted");
  ASSERT_TRUE(SubmitValue(db_.get(), 2025, "n2019_03", kActor).ok());
  EXPECT_EQ(SubmitValue(db_.get(), 2025, "n2019_03", kActor).message(),
            "value:2025/n2019_03 is submitted; only draft or returned values can become submitted");
  EXPECT_EQ(ReturnValue(db_.get(), 2025, "n2019_03", " ", kActor).message(),
            "a returned value needs a reason");
  ASSERT_TRUE(ReturnValue(db_.get(), 2025, "n2019_03", "附件缺失", kActor).ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT reason FROM ind_values"), "附件缺失");
  ASSERT_TRUE(SubmitValue(db_.get(), 2025, "n2019_03", kActor).ok());
  ASSERT_TRUE(AcceptValue(db_.get(), 2025, "n2019_03", kActor).ok());
  EXPECT_EQ(ReturnValue(db_.get(), 2025, "n2019_03", "late", kActor).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(SubmitValue(db_.get(), 2025, "n2019_04", kActor).message(),
            "no value for n2019_04 in 2025");
  auto log = store::ReadLog(db_.get());
  ASSERT_EQ(log->size(), 5u);
  EXPECT_EQ((*log)[0].action, "indicators.value.set");
  EXPECT_EQ((*log)[2].action, "indicators.review.returned");
  EXPECT_EQ((*log)[2].detail, "submitted -> returned: 附件缺失");
  EXPECT_EQ((*log)[4].action, "indicators.review.accepted");
  ExpectVerified();
  // Setting the value again sends it back to draft.
  ASSERT_TRUE(Set(2025, "n2019_03", "23").ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT status FROM ind_values"), "draft");
}

TEST_F(IndicatorStore, SetValueChecks) {
  EXPECT_EQ(Set(2025, "n2019_99", "1").message(),
            "unknown indicator 'n2019_99' in catalogue national-2019");
  EXPECT_EQ(Set(2025, "n2019_03", "twenty").message(), "n2019_03: value 'twenty' is not a number");
  EXPECT_EQ(Set(2025, "n2019_21", "20").message(),
            "n2019_21 is derived (water_use / gdp * 10000); set its inputs");
  EXPECT_EQ(Set(1999, "n2019_03", "20").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("ind_values"), "0");
  ValueInput engine;
  engine.year = 2025;
  engine.id = "n2019_07";
  engine.value = "83.6";
  engine.source = "engine";
  engine.inputs = "good days 305 of 365";
  // An engine indicator's figure is computed when read: a stored copy is refused.
  EXPECT_EQ(SetValue(db_.get(), engine, kActor).message(),
            "n2019_07 takes the engine figure air.good_day_ratio, computed from the store's data "
            "when read; only a reported value (for a year without data) can be entered");
  EXPECT_EQ(Count("ind_values"), "0");
  // Another indicator may take a figure computed elsewhere as an engine value.
  engine.id = "n2019_03";
  ASSERT_TRUE(SetValue(db_.get(), engine, kActor).ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT status FROM ind_values"), "accepted");
  EXPECT_EQ(SubmitValue(db_.get(), 2025, "n2019_03", kActor).message(),
            "value:2025/n2019_03 is an engine value; it needs no review");
}

TEST_F(IndicatorStore, EvidenceChecksums) {
  ASSERT_TRUE(Set(2025, "n2019_01", "制定实施").ok());
  WriteFile(dir_ + "/plan.pdf", "abc");
  auto sha = AddEvidence(db_.get(), 2025, "n2019_01", dir_ + "/plan.pdf", kActor);
  ASSERT_TRUE(sha.ok()) << sha.status().ToString();
  EXPECT_EQ(*sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto list = ListEvidence(db_.get());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].file_name, "plan.pdf");
  EXPECT_TRUE((*list)[0].intact);
  ASSERT_TRUE(db_->Exec("UPDATE ind_evidence SET content = X'616263FF'").ok());
  EXPECT_FALSE((*ListEvidence(db_.get()))[0].intact);
  EXPECT_EQ(AddEvidence(db_.get(), 2025, "n2019_02", dir_ + "/plan.pdf", kActor).status().message(),
            "no value for n2019_02 in 2025");
  EXPECT_EQ(AddEvidence(db_.get(), 2025, "n2019_01", dir_ + "/none", kActor).status().code(),
            StatusCode::kNotFound);
}

TEST_F(IndicatorStore, ImportsAreAllOrNothing) {
  std::string good = "year,indicator,target,units,deadline\n2025,n2019_29,96,水务局,2025-12-31\n";
  ASSERT_EQ(*ImportPlan(db_.get(), good, "plan.csv", kActor), 1);
  std::string log_before = Count("change_log");
  std::string bad = good + "2025,n2019_30,x,城管局,2025-12-31\n";
  EXPECT_EQ(ImportPlan(db_.get(), bad, "plan.csv", kActor).status().message(),
            "plan.csv:3: target 'x' is not a number");
  EXPECT_EQ(ImportPlan(db_.get(), good + "2025,n2019_30,90,城管局,2025-13-01\n", "p.csv", kActor)
                .status()
                .message(),
            "p.csv:3: deadline '2025-13-01' is not YYYY-MM-DD");
  EXPECT_EQ(Count("ind_plans"), "1");
  EXPECT_EQ(Count("change_log"), log_before);

  std::string units = "code,name,kind,contact,phone,note\nD01,生态环境局,department,,,\n";
  EXPECT_EQ(
      ImportUnits(db_.get(), units + "T01,东沙镇,village,,,\n", "u.csv", kActor).status().message(),
      "u.csv:3: kind 'village' must be department, town, district or subdistrict");
  EXPECT_EQ(Count("ind_units"), "0");
  std::string projects =
      "code,year,name,unit,budget_wan,progress,status,milestone,due,done\n"
      "P1,2025,岸线修复,D01,100.5,50,in_progress,设计,2025-03-31,2025-03-01\n"
      "P1,2025,岸线修复,D01,100.5,50,in_progress,施工,2025-09-30,\n";
  EXPECT_EQ(ImportProjects(db_.get(),
                           projects + "P1,2025,岸线修复,D01,99,50,in_progress,验收,"
                                      "2026-01-31,\n",
                           "p.csv", kActor)
                .status()
                .message(),
            "p.csv:4: project P1 differs from line 2");
  EXPECT_EQ(Count("ind_projects"), "0");
  ASSERT_EQ(*ImportProjects(db_.get(), projects, "p.csv", kActor), 1);
  auto list = ListProjects(db_.get(), 2025, "2025-10-01");
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].overdue, 1);
  EXPECT_TRUE((*list)[0].milestones[1].overdue);
  EXPECT_FALSE((*list)[0].milestones[0].overdue);
}

TEST_F(IndicatorStore, ValuesImportIsAllOrNothing) {
  std::string header = "year,indicator,value,note,unit\n";
  std::string good = header + "2025,n2019_03,21,年报,D03\n2025,n2019_01, 制定实施 ,,D15\n";
  EXPECT_EQ(ImportValues(db_.get(), good + "2025,n2019_29,high,,D19\n", "v.csv", kActor)
                .status()
                .message(),
            "v.csv:4: n2019_29: value 'high' is not a number");
  EXPECT_EQ(
      ImportValues(db_.get(), good + "2025,n2019_03,22,,D03\n", "v.csv", kActor).status().message(),
      "v.csv:4: duplicate row for n2019_03 2025");
  EXPECT_EQ(
      ImportValues(db_.get(), header + "25,n2019_03,22,,D03\n", "v.csv", kActor).status().message(),
      "v.csv:2: year '25' is not YYYY");
  EXPECT_EQ(Count("ind_values"), "0");
  EXPECT_EQ(Count("change_log"), "0");
  ASSERT_EQ(*ImportValues(db_.get(), good, "v.csv", kActor), 2);
  EXPECT_EQ(QueryText(db_.get(), "SELECT value FROM ind_values WHERE indicator = 'n2019_01'"),
            "制定实施");
  EXPECT_EQ(QueryText(db_.get(), "SELECT COUNT(*) FROM ind_values WHERE status = 'draft'"), "2");
  EXPECT_EQ(Count("change_log"), "2");
}

TEST_F(IndicatorStore, CatalogueImportActivates) {
  auto cat = BuiltInCatalogue("city-2024");
  ASSERT_TRUE(ImportCatalogue(db_.get(), *cat, true, kActor).ok());
  EXPECT_EQ(ActiveCatalogue(db_.get())->name, "city-2024");
  EXPECT_EQ(Count("ind_indicators"), "20");
  ASSERT_TRUE(ImportCatalogue(db_.get(), *cat, true, kActor).ok());  // replaces
  EXPECT_EQ(Count("ind_indicators"), "20");
}

TEST_F(IndicatorStore, DemoCityReadiness) {
  ASSERT_TRUE(LoadDemoCity(db_.get(), kActor).ok());
  EXPECT_EQ(QueryText(db_.get(), "SELECT COUNT(*) FROM ind_units WHERE kind = 'department'"), "43");
  EXPECT_EQ(QueryText(db_.get(), "SELECT COUNT(*) FROM ind_units WHERE kind <> 'department'"),
            "11");
  auto r = ReadinessForYear(db_.get(), kDemoLatestYear);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Summary& s = r->summary;
  // County, plain, not coastal: rows 9/13/18 (coastal) and 23/24/31/34/36 (city) do not apply.
  EXPECT_EQ(s.binding_total, 20);
  // The air and water rows (07, 08, 27) and forest and grass cover (11) are engine
  // figures and the store holds no air or water data and no land cover: no data for
  // 2025. n2019_37 is below 80.
  EXPECT_EQ(s.binding_met, 16);
  EXPECT_EQ(s.reference_total, 12);
  EXPECT_EQ(s.reference_met, 7);  // 22, 40 missed; 11 no land cover, 26 returned, 33 pending
  EXPECT_EQ(s.no_data, 6);
  EXPECT_FALSE(s.can_apply);
  for (const auto& x : r->results) {
    if (x.indicator->id == "n2019_26") {
      EXPECT_EQ(x.reason, "value returned, not accepted: 附件缺少统计部门盖章的报表（SYNTHETIC）");
    }
    if (x.indicator->id == "n2019_07") {
      EXPECT_EQ(x.reason, "no value for 2025 (no air station in the store)");
    }
  }
  // The years before carry the figures the city reported.
  auto before = ReadinessForYear(db_.get(), kDemoLatestYear - 1);
  ASSERT_TRUE(before.ok());
  for (const auto& x : before->results) {
    if (x.indicator->id != "n2019_07") continue;
    EXPECT_EQ(x.value_text, "74.1");
    EXPECT_EQ(x.value_source, "reported");
    EXPECT_EQ(x.verdict, Verdict::kMet);
  }
  auto figures = IndicatorFiguresForYear(db_.get(), kDemoLatestYear);
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ(figures->size(), 43u);
  ExpectVerified();
}

}  // namespace
}  // namespace ecociv::indicators
