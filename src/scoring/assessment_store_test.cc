#include "ecociv/scoring/assessment_store.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/run_store.h"
#include "ecociv/store/regions.h"

namespace ecociv::scoring {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::QueryText;
using store::testing_util::ScratchDir;

const Actor kActor{"analyst", "test"};

// A small scheme: one linear item, one manual item, a deduction, a bonus
// (quota 50 %), a veto, two grades.
constexpr char kScheme[] = R"(
[scheme]
id = "mini"
name = "小方案"
subject_kind = "town"
total = 100

[[groups]]
id = "eco"
name = "生态"
points = 100
eco = true

[[items]]
id = "air"
group = "eco"
name = "优良天数比例"
points = 60
rule = "linear"
floor = 60
target = 90

[[items]]
id = "work"
group = "eco"
name = "工作评价"
points = 40
rule = "manual"

[[deductions]]
id = "complaint"
name = "环境信访"
per_event = 2
cap = 10

[[bonuses]]
id = "award"
name = "表彰"
per_event = 1
cap = 2

[bonus]
total_cap = 2
max_share = "0.5"

[[vetoes]]
id = "incident"
name = "重大环境事件"

[[grades]]
name = "优秀"
min_score = 90

[[grades]]
name = "合格"
)";

class AssessmentStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrDie(ScratchDir() + "/a.db");
    ASSERT_NE(db_, nullptr);
    auto scheme = ParseScheme(kScheme, "mini.toml");
    ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
    scheme_ = *scheme;
    auto units = indicators::ImportUnits(db_.get(),
                                         "code,name,kind,contact,phone,note\n"
                                         "T01,东沙镇,town,,,\nT02,北港镇,town,,,\n"
                                         "D01,生态环境局,department,,,\n",
                                         "units.csv", kActor);
    ASSERT_TRUE(units.ok()) << units.status().ToString();
  }
  AssessmentValue Value(const std::string& subject, const std::string& item,
                        const std::string& value, const std::string& note = "") {
    AssessmentValue v;
    v.scheme = "mini";
    v.year = 2025;
    v.subject = subject;
    v.item = item;
    v.value = value;
    v.note = note;
    return v;
  }
  AssessmentEvent Event(const std::string& subject, const std::string& item) {
    AssessmentEvent e;
    e.scheme = "mini";
    e.year = 2025;
    e.subject = subject;
    e.item = item;
    e.date = "2025-06-01";
    e.reason = "检查发现";
    return e;
  }
  std::unique_ptr<store::Database> db_;
  Scheme scheme_;
};

TEST_F(AssessmentStore, SubjectsAreTheUnitsOfTheSchemesKind) {
  auto subjects = StoreSubjects(db_.get(), scheme_);
  ASSERT_TRUE(subjects.ok());
  ASSERT_EQ(subjects->size(), 2u);
  EXPECT_EQ((*subjects)[0].id, "T01");
  EXPECT_EQ((*subjects)[0].name, "东沙镇");
}

TEST_F(AssessmentStore, AnUnknownSubjectIsRefusedByName) {
  Status s = SetAssessmentValue(db_.get(), scheme_, Value("T09", "air", "80"), kActor);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("'T09'"), std::string::npos) << s.message();
  // A department is not a subject of a town scheme.
  EXPECT_FALSE(SetAssessmentValue(db_.get(), scheme_, Value("D01", "air", "80"), kActor).ok());
  auto bad = ImportAssessmentValues(db_.get(), scheme_, 2025,
                                    "subject,item,value\nT01,air,80\n东沙,air,70\n", "v.csv",
                                    kActor);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("v.csv:3: unknown subject '东沙'"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM assessment_values"), "0");
}

TEST_F(AssessmentStore, ValuesAreCheckedAgainstTheScheme) {
  EXPECT_FALSE(SetAssessmentValue(db_.get(), scheme_, Value("T01", "nope", "1"), kActor).ok());
  EXPECT_FALSE(SetAssessmentValue(db_.get(), scheme_, Value("T01", "air", "8x"), kActor).ok());
  // A manual score needs its justification and stays within the item's points.
  EXPECT_FALSE(SetAssessmentValue(db_.get(), scheme_, Value("T01", "work", "30"), kActor).ok());
  EXPECT_FALSE(
      SetAssessmentValue(db_.get(), scheme_, Value("T01", "work", "41", "好"), kActor).ok());
  EXPECT_TRUE(
      SetAssessmentValue(db_.get(), scheme_, Value("T01", "work", "36", "台账齐全"), kActor).ok());
  auto listed = ListAssessmentValues(db_.get(), "mini", 2025);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].origin, "web");
  EXPECT_EQ((*listed)[0].entered_by, "analyst");
}

TEST_F(AssessmentStore, EventsNeedAReasonADateInTheYearAndCanBeWithdrawn) {
  AssessmentEvent e = Event("T01", "complaint");
  e.reason = " ";
  EXPECT_FALSE(AddAssessmentEvent(db_.get(), scheme_, e, kActor).ok());
  e = Event("T01", "complaint");
  e.date = "2024-12-31";
  EXPECT_FALSE(AddAssessmentEvent(db_.get(), scheme_, e, kActor).ok());
  e.date = "2025-02-30";
  EXPECT_FALSE(AddAssessmentEvent(db_.get(), scheme_, e, kActor).ok());
  auto id = AddAssessmentEvent(db_.get(), scheme_, Event("T01", "complaint"), kActor);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto inputs = LoadAssessmentInputs(db_.get(), "mini", 2025);
  ASSERT_TRUE(inputs.ok());
  EXPECT_EQ((*inputs)->Events("T01", "complaint").size(), 1u);
  ASSERT_TRUE(WithdrawAssessmentEvent(db_.get(), *id, "重复登记", kActor).ok());
  EXPECT_EQ(WithdrawAssessmentEvent(db_.get(), *id, "again", kActor).code(),
            StatusCode::kFailedPrecondition);
  inputs = LoadAssessmentInputs(db_.get(), "mini", 2025);
  EXPECT_TRUE((*inputs)->Events("T01", "complaint").empty());
}

TEST_F(AssessmentStore, ARunIsScoredSavedReviewedApprovedAndCorrected) {
  ASSERT_TRUE(ImportAssessmentValues(db_.get(), scheme_, 2025,
                                     "subject,item,value,note\nT01,air,90,\nT01,work,36,台账齐全\n"
                                     "T02,air,75,\nT02,work,30,一般\n",
                                     "v.csv", kActor)
                  .ok());
  auto run = CreateRun(db_.get(), scheme_, RunRequest{2025, {}, 0}, kActor);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->state, RunState::kDraft);
  EXPECT_EQ(ApproveRun(db_.get(), run->id, kActor).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ReviewRun(db_.get(), run->id, kActor).ok());
  ASSERT_TRUE(ApproveRun(db_.get(), run->id, Actor{"leader", ""}).ok());
  auto approved = ApprovedRun(db_.get(), "mini", 2025);
  ASSERT_TRUE(approved.ok() && approved->has_value());
  EXPECT_EQ((*approved)->approved_by, "leader");
  auto saved = LoadRun(db_.get(), run->id);
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(saved->record.find("\"T01\""), std::string::npos);

  // A deduction found later: a new run naming the approved one.
  ASSERT_TRUE(AddAssessmentEvent(db_.get(), scheme_, Event("T01", "complaint"), kActor).ok());
  auto second = CreateRun(db_.get(), scheme_, RunRequest{2025, {}, 0}, kActor);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(ReviewRun(db_.get(), second->id, kActor).ok());
  EXPECT_EQ(ApproveRun(db_.get(), second->id, kActor).code(), StatusCode::kFailedPrecondition);
  auto correction = CreateRun(db_.get(), scheme_, RunRequest{2025, {}, run->id}, kActor);
  ASSERT_TRUE(correction.ok()) << correction.status().ToString();
  ASSERT_TRUE(ReviewRun(db_.get(), correction->id, kActor).ok());
  ASSERT_TRUE(ApproveRun(db_.get(), correction->id, kActor).ok());
  auto runs = ListRuns(db_.get(), "mini", 2025);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 3u);
  EXPECT_EQ(runs->back().state, RunState::kSuperseded);
  EXPECT_EQ(runs->back().replaced_by, correction->id);
  auto problems = VerifyAssessments(db_.get());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << problems->front();
}

TEST_F(AssessmentStore, VerifyFindsRowsEditedBehindTheProgramsBack) {
  ASSERT_TRUE(SetAssessmentValue(db_.get(), scheme_, Value("T01", "air", "80"), kActor).ok());
  ASSERT_TRUE(AddAssessmentEvent(db_.get(), scheme_, Event("T02", "incident"), kActor).ok());
  ASSERT_TRUE(db_->Exec("UPDATE assessment_values SET value = '95'").ok());
  ASSERT_TRUE(db_->Exec("DELETE FROM assessment_events").ok());
  auto problems = VerifyAssessments(db_.get());
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 2u);
  EXPECT_NE((*problems)[0].find("value:mini/2025/T01/air/year"), std::string::npos);
  EXPECT_NE((*problems)[1].find("event:1"), std::string::npos);
}

TEST_F(AssessmentStore, FindingsAreFollowedToClosureWithEvidence) {
  auto people = ImportPeople(db_.get(),
                             "person,name,unit,post,tenure_start,tenure_end\n"
                             "P1,王某（示例）,T01,镇长,2021-03-01,2025-06-30\n",
                             "people.csv", kActor);
  ASSERT_TRUE(people.ok()) << people.status().ToString();
  EXPECT_FALSE(ImportPeople(db_.get(),
                            "person,name,unit,post,tenure_start,tenure_end\n"
                            "P2,李某,T99,镇长,2021-03-01,\n",
                            "people.csv", kActor)
                   .ok());
  auto audit = ParseScheme(std::string(kScheme).replace(std::string(kScheme).find("\"town\""), 6,
                                                        "\"official\""),
                           "audit.toml");
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(CreateRun(db_.get(), *audit, RunRequest{2025, {}, 0}, kActor).ok());
  auto run = CreateRun(db_.get(), *audit, RunRequest{2025, {"P1"}, 0}, kActor);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  Finding f;
  f.run_id = run->id;
  f.subject = "P1";
  f.problem = "永久基本农田被占用 12 亩未恢复";
  f.owner = "D01";
  f.deadline = "2025-12-31";
  auto id = AddFinding(db_.get(), f, kActor);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(UpdateFinding(db_.get(), *id, "closed", "已复垦", kActor).code(),
            StatusCode::kFailedPrecondition);  // no evidence yet
  ASSERT_TRUE(UpdateFinding(db_.get(), *id, "in_progress", "复垦中", kActor).ok());
  ASSERT_TRUE(AddAssessmentEvidence(db_.get(), "finding:" + std::to_string(*id), "验收单.pdf",
                                    "%PDF-1.4 demo", kActor)
                  .ok());
  ASSERT_TRUE(UpdateFinding(db_.get(), *id, "closed", "已复垦并验收", kActor).ok());
  auto listed = ListFindings(db_.get(), run->id, "", "2026-03-01");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].status, "closed");
  EXPECT_FALSE((*listed)[0].overdue);
  auto problems = VerifyAssessments(db_.get());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << problems->front();
}

// A run of a region ranks the region's subjects among themselves; each
// region has its own approved run; the region is covered by the row's digest.
TEST_F(AssessmentStore, ARunOfARegionRanksItsSubjects) {
  ASSERT_TRUE(store::AddRegion(db_.get(), {"320582", "张家港市", "", "county", ""}, kActor).ok());
  ASSERT_TRUE(store::AssignRegion(db_.get(), "unit", "T02", "320582", kActor).ok());
  ASSERT_TRUE(ImportAssessmentValues(db_.get(), scheme_, 2025,
                                     "subject,item,value,note\nT01,air,90,\nT01,work,40,好\n"
                                     "T02,air,75,\nT02,work,30,一般\n",
                                     "v.csv", kActor)
                  .ok());
  auto subjects = RegionSubjects(db_.get(), scheme_, "320582");
  ASSERT_TRUE(subjects.ok()) << subjects.status().ToString();
  ASSERT_EQ(subjects->size(), 1u);
  EXPECT_EQ(subjects->front().id, "T02");
  EXPECT_EQ(RegionSubjects(db_.get(), scheme_, "999999").status().code(), StatusCode::kNotFound);

  RunRequest county{2025, {}, 0};
  county.region = "320582";
  auto run = CreateRun(db_.get(), scheme_, county, kActor);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->region, "320582");
  auto saved = LoadRun(db_.get(), run->id);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->record.find("\"T01\""), std::string::npos);  // not of the county
  RunRequest stranger{2025, {"T01"}, 0};
  stranger.region = "320582";
  auto refused = CreateRun(db_.get(), scheme_, stranger, kActor);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("in region 320582"), std::string::npos);

  // The county's approved run and the whole store's are each their own.
  ASSERT_TRUE(ReviewRun(db_.get(), run->id, kActor).ok());
  ASSERT_TRUE(ApproveRun(db_.get(), run->id, kActor).ok());
  auto whole = CreateRun(db_.get(), scheme_, RunRequest{2025, {}, 0}, kActor);
  ASSERT_TRUE(whole.ok());
  ASSERT_TRUE(ReviewRun(db_.get(), whole->id, kActor).ok());
  ASSERT_TRUE(ApproveRun(db_.get(), whole->id, kActor).ok());
  auto of_county = ApprovedRun(db_.get(), "mini", 2025, "320582");
  ASSERT_TRUE(of_county.ok() && of_county->has_value());
  EXPECT_EQ((*of_county)->id, run->id);
  auto of_store = ApprovedRun(db_.get(), "mini", 2025);
  ASSERT_TRUE(of_store.ok() && of_store->has_value());
  EXPECT_EQ((*of_store)->id, whole->id);
  // A correction names the approved run of its own region.
  RunRequest wrong = county;
  wrong.replaces = whole->id;
  EXPECT_EQ(CreateRun(db_.get(), scheme_, wrong, kActor).status().code(),
            StatusCode::kFailedPrecondition);

  auto clean = VerifyAssessments(db_.get());
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->empty()) << clean->front();
  ASSERT_TRUE(db_->Exec("UPDATE scoring_runs SET region = '000000' WHERE id = " +
                        std::to_string(run->id))
                  .ok());
  auto problems = VerifyAssessments(db_.get());
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_NE(problems->front().find("scoring-run:" + std::to_string(run->id) + ": changed outside"),
            std::string::npos)
      << problems->front();
}

}  // namespace
}  // namespace ecociv::scoring
