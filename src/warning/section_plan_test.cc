// One plan per section: the plan's life (draft → submitted → approved, back to
// draft when edited), measures and progress, the change record, and the rule
// that a warning on a section at risk is closed only against an approved plan.
#include "ecociv/warning/section_plan.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../store/store_test_util.h"
#include "ecociv/store/verify.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/chief_links.h"
#include "ecociv/warning/workflow.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kNow;


class SectionPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing_util::SectionsStore("p.db", "S3,东桥,河二,river,III,town,张三\n");
    ASSERT_TRUE(db_);
  }
  int64_t Count(const std::string& sql) { return *store::QueryInt64(db_.get(), sql); }

  // A water warning on `section` taken to feedback, ready to be closed.
  int64_t WarningAtFeedback(const std::string& section) {
    Finding f;
    f.kind = "water";
    f.rule_set = "warning-test";
    f.subject = section;
    f.subject_name = section;
    f.level = "level-1";
    f.level_name = "一级";
    f.rank = 1;
    f.trigger = "month IV below target III";
    f.figures = "{}";
    f.period = "2026-03";
    EXPECT_TRUE(RecordEvaluation(db_.get(), "warning-test", {f}, {}, DaysFromCivil({2026, 4, 1}),
                                 actor_, kNow)
                    .ok());
    auto list = *ListWarnings(db_.get(), true);
    int64_t id = list.back().id;
    EXPECT_TRUE(Acknowledge(db_.get(), id, "", actor_, kNow).ok());
    EXPECT_TRUE(
        Assign(db_.get(), id, {"镇政府", "王五", "2026-06-30", "见方案"}, actor_, kNow).ok());
    EXPECT_TRUE(GiveFeedback(db_.get(), id, "已整改", actor_, kNow).ok());
    return id;
  }

  std::unique_ptr<store::Database> db_;
  store::Actor actor_{"tester", "unit test"};
};

TEST_F(SectionPlanTest, LifeOfAPlan) {
  PlanDraft draft{"S1 氨氮达标方案",
                  "氨氮回到 III 类",
                  {{"outfall", "雨污混接排口 2 处"}, {"source", "养殖尾水"}}};
  ASSERT_TRUE(SavePlan(db_.get(), "S1", draft, actor_).ok());
  // Submitting without a measure is refused.
  Status empty = ChangeApproval(db_.get(), "S1", "submit", actor_);
  EXPECT_EQ(empty.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(empty.message(), "the plan of S1 has no measure; add one before submitting it");
  auto m1 =
      AddMeasure(db_.get(), "S1", {0, "截污纳管", "镇政府", "2026-05-31", "氨氮", ""}, actor_);
  ASSERT_TRUE(m1.ok()) << m1.status().message();
  auto m2 =
      AddMeasure(db_.get(), "S1", {0, "尾水治理", "农业农村局", "2026-09-30", "", ""}, actor_);
  ASSERT_TRUE(m2.ok());
  EXPECT_TRUE(ChangeApproval(db_.get(), "S1", "submit", actor_).ok());
  // Approving twice, or approving a draft, says which state it is in.
  EXPECT_TRUE(ChangeApproval(db_.get(), "S1", "approve", actor_).ok());
  Status again = ChangeApproval(db_.get(), "S1", "approve", actor_);
  EXPECT_EQ(again.message(), "the plan of S1 is approved; approve needs submitted");
  EXPECT_TRUE(*HasApprovedPlan(db_.get(), "S1"));
  // Progress and measure states do not undo the approval.
  EXPECT_TRUE(SetMeasureState(db_.get(), "S1", *m1, "done", actor_).ok());
  auto p = AddProgress(db_.get(), "S1",
                       {0, *m1, "2026-05-20", "", "两处排口已封堵", "照片 3 张", ""}, actor_);
  ASSERT_TRUE(p.ok()) << p.status().message();
  SectionPlan plan = *GetPlan(db_.get(), "S1");
  EXPECT_EQ(plan.approval, "approved");
  ASSERT_EQ(plan.causes.size(), 2u);
  EXPECT_EQ(plan.causes[0].kind, "outfall");
  ASSERT_EQ(plan.measures.size(), 2u);
  EXPECT_EQ(plan.measures[0].state, "done");
  ASSERT_EQ(plan.progress.size(), 1u);
  EXPECT_EQ(plan.progress[0].who, "tester");
  // On 2026-10-01 the second measure is overdue; the first is done.
  EXPECT_EQ(OverdueMeasures(plan, "2026-10-01"), 1);
  EXPECT_EQ(OverdueMeasures(plan, "2026-09-30"), 0);
  auto json = nlohmann::json::parse(PlanJson(plan, "2026-10-01"));
  EXPECT_EQ(json["measures_done"], 1);
  EXPECT_EQ(json["overdue"], 1);
  EXPECT_TRUE(json["measures"][1]["overdue"].get<bool>());
  // Editing the content sends it back to draft.
  draft.effect = "氨氮、总磷回到 III 类";
  EXPECT_TRUE(SavePlan(db_.get(), "S1", draft, actor_).ok());
  EXPECT_FALSE(*HasApprovedPlan(db_.get(), "S1"));
  // Every step is in the change record, and the chain still verifies.
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE object = 'plan:S1'"), 8);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE action = 'water.plan.edit'"), 1);
  auto report = store::VerifyDatabase(db_.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->Summary();
}

TEST_F(SectionPlanTest, BadInputIsRefusedAndNothingStored) {
  EXPECT_EQ(SavePlan(db_.get(), "NOPE", {"t", "", {}}, actor_).code(), StatusCode::kNotFound);
  EXPECT_EQ(SavePlan(db_.get(), "S1", {"", "", {}}, actor_).message(), "title is required");
  EXPECT_EQ(SavePlan(db_.get(), "S1", {"t", "", {{"pipe", "x"}}}, actor_).message(),
            "causes[0].kind must be source, outfall or other: 'pipe'");
  ASSERT_TRUE(SavePlan(db_.get(), "S1", {"t", "", {}}, actor_).ok());
  EXPECT_EQ(
      AddMeasure(db_.get(), "S1", {0, "x", "u", "2026-13-01", "", ""}, actor_).status().message(),
      "deadline must be a date YYYY-MM-DD: '2026-13-01'");
  EXPECT_EQ(
      AddMeasure(db_.get(), "S2", {0, "x", "u", "2026-12-01", "", ""}, actor_).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(SetMeasureState(db_.get(), "S1", 99, "done", actor_).code(), StatusCode::kNotFound);
  EXPECT_EQ(
      AddProgress(db_.get(), "S1", {0, 0, "2026-01-01", "", "", "", ""}, actor_).status().message(),
      "note is required");
  EXPECT_EQ(Count("SELECT count(*) FROM section_plan_measures"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM section_plan_progress"), 0);
}

TEST_F(SectionPlanTest, SectionAtRiskIsClosedOnlyAgainstAnApprovedPlan) {
  int64_t id = WarningAtFeedback("S2");
  Status refused = Close(db_.get(), id, "销号", actor_, kNow);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "warning " + std::to_string(id) +
                ": section S2 has no approved plan; a section at risk is closed only against an "
                "approved plan (ecociv water plan)");
  EXPECT_EQ(GetWarning(db_.get(), id)->state, "feedback");
  // A submitted plan is not enough either.
  ASSERT_TRUE(SavePlan(db_.get(), "S2", {"S2 方案", "", {}}, actor_).ok());
  ASSERT_TRUE(
      AddMeasure(db_.get(), "S2", {0, "清淤", "水务局", "2026-06-30", "", ""}, actor_).ok());
  ASSERT_TRUE(ChangeApproval(db_.get(), "S2", "submit", actor_).ok());
  EXPECT_EQ(Close(db_.get(), id, "销号", actor_, kNow).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ChangeApproval(db_.get(), "S2", "approve", actor_).ok());
  EXPECT_TRUE(Close(db_.get(), id, "销号", actor_, kNow).ok());
  EXPECT_EQ(GetWarning(db_.get(), id)->state, "closed");
}

TEST_F(SectionPlanTest, ChiefsSeeTheirSections) {
  ASSERT_TRUE(db_->Exec("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                        "('zhang', 'leader', 'x', '2026-01-01')")
                  .ok());
  EXPECT_EQ(SetChiefLink(db_.get(), {"nobody", "section", "张三"}, false, actor_).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "section", "张三"}, false, actor_).ok());
  EXPECT_EQ(*ChiefSections(db_.get(), "zhang"), (std::vector<std::string>{"S1", "S3"}));
  ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "river", "河一"}, false, actor_).ok());
  EXPECT_EQ(*ChiefSections(db_.get(), "zhang"), (std::vector<std::string>{"S1", "S2", "S3"}));
  ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "section", "张三"}, true, actor_).ok());
  EXPECT_EQ(*ChiefSections(db_.get(), "zhang"), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(ListChiefLinks(db_.get(), "zhang")->size(), 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE object = 'chief:zhang'"), 3);
}

}  // namespace
}  // namespace ecociv::warning
