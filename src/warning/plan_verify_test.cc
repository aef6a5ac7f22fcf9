// VerifyPlans: plans built through the program verify clean; a hand edit of
// any plan row (header, cause, measure, its state, progress, approval), a row
// inserted or deleted behind the program's back, or a chief's link added by
// hand is reported.
#include <gtest/gtest.h>

#include <algorithm>

#include "../store/store_test_util.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/chief_links.h"
#include "ecociv/warning/plan_escalation.h"
#include "ecociv/warning/section_plan.h"
#include "ecociv/warning/workflow.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kNow;


class PlanVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing_util::SectionsStore("v.db");
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Exec("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                          "('zhang', 'leader', 'x', '2026-01-01')")
                    .ok());
    // A plan through its whole life, a second one in draft, a chief's links,
    // and an overdue measure escalating a warning.
    ASSERT_TRUE(
        SavePlan(db_.get(), "S1", {"S1 方案", "氨氮达标", {{"outfall", "排口"}}}, actor_).ok());
    ASSERT_TRUE(
        AddMeasure(db_.get(), "S1", {0, "截污", "镇", "2026-05-31", "氨氮", "", {}}, actor_).ok());
    ASSERT_TRUE(
        AddMeasure(db_.get(), "S1", {0, "清淤", "局", "2026-09-30", "", "", {}}, actor_).ok());
    ASSERT_TRUE(ChangeApproval(db_.get(), "S1", "submit", actor_).ok());
    ASSERT_TRUE(ChangeApproval(db_.get(), "S1", "return", actor_).ok());
    ASSERT_TRUE(ChangeApproval(db_.get(), "S1", "submit", actor_).ok());
    ASSERT_TRUE(ChangeApproval(db_.get(), "S1", "approve", actor_).ok());
    ASSERT_TRUE(SetMeasureState(db_.get(), "S1", 1, "in_progress", actor_).ok());
    ASSERT_TRUE(SetMeasureState(db_.get(), "S1", 1, "done", actor_).ok());
    ASSERT_TRUE(
        AddProgress(db_.get(), "S1", {0, 1, "2026-05-20", "", "完成", "照片", ""}, actor_).ok());
    ASSERT_TRUE(SavePlan(db_.get(), "S2", {"S2 方案", "", {}}, actor_).ok());
    ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "section", "张三"}, false, actor_).ok());
    ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "river", "河一"}, false, actor_).ok());
    ASSERT_TRUE(SetChiefLink(db_.get(), {"zhang", "river", "河一"}, true, actor_).ok());
    Finding f;
    f.kind = "water";
    f.rule_set = "warning-test";
    f.subject = "S1";
    f.subject_name = "北桥";
    f.level = "level-1";
    f.rank = 1;
    f.figures = "{}";
    f.period = "2026-09";
    ASSERT_TRUE(RecordEvaluation(db_.get(), "warning-test", {f}, {}, DaysFromCivil({2026, 10, 1}),
                                 actor_, kNow)
                    .ok());
    ASSERT_EQ(MeasureEscalations(db_.get(), "S1")->size(), 1u);
  }

  std::vector<std::string> Problems() {
    auto p = VerifyPlans(db_.get());
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? *p : std::vector<std::string>{};
  }
  // Whether a problem starting with `start` is reported after `sql`.
  void ExpectFound(const std::string& sql, const std::string& start) {
    ASSERT_TRUE(db_->Exec(sql).ok()) << sql;
    std::vector<std::string> p = Problems();
    EXPECT_TRUE(std::any_of(p.begin(), p.end(),
                            [&](const std::string& x) { return x.rfind(start, 0) == 0; }))
        << sql << "\n  got: " << (p.empty() ? "(nothing)" : p[0]);
  }

  std::unique_ptr<store::Database> db_;
  store::Actor actor_{"tester", "unit test"};
};

TEST_F(PlanVerifyTest, MadeByTheProgramIsClean) {
  EXPECT_TRUE(Problems().empty()) << Problems()[0];
}

TEST_F(PlanVerifyTest, HeaderEdit) {
  ExpectFound("UPDATE section_plans SET title = 'x' WHERE section = 'S1'",
              "plan S1: title, effect or causes changed");
}
TEST_F(PlanVerifyTest, CauseEdit) {
  ExpectFound("UPDATE section_plan_causes SET text = 'x'", "plan S1: title, effect or causes");
}
TEST_F(PlanVerifyTest, ApprovalEdit) {
  ExpectFound("UPDATE section_plans SET approval = 'approved' WHERE section = 'S2'",
              "plan S2: approval approved but the change record ends in draft");
}
TEST_F(PlanVerifyTest, MeasureEdit) {
  ExpectFound("UPDATE section_plan_measures SET deadline = '2027-01-01' WHERE id = 2",
              "plan S1 measure 2: does not match a change-record entry");
}
TEST_F(PlanVerifyTest, MeasureStateEdit) {
  ExpectFound("UPDATE section_plan_measures SET state = 'done' WHERE id = 2",
              "plan S1 measure 2: state done but the change record ends in planned");
}
TEST_F(PlanVerifyTest, MeasureDeleted) {
  ExpectFound("DELETE FROM section_plan_measures WHERE id = 2", "change-record entry");
}
TEST_F(PlanVerifyTest, ProgressEdit) {
  ExpectFound("UPDATE section_plan_progress SET note = 'x'",
              "plan S1 progress 1: does not match a change-record entry");
}
TEST_F(PlanVerifyTest, PlanInserted) {
  ExpectFound(
      "INSERT INTO section_plans (section, title, effect, approval, updated_at, "
      "updated_by) VALUES ('S9', 't', '', 'approved', 'x', 'y')",
      "plan S9: no change-record entry");
}
TEST_F(PlanVerifyTest, PlanDeleted) {
  ExpectFound("DELETE FROM section_plans WHERE section = 'S2'", "change-record entry");
}
TEST_F(PlanVerifyTest, ChiefLinkAddedOrRemovedByHand) {
  ExpectFound("INSERT INTO chief_links (user_name, kind, value) VALUES ('zhang', 'river', '河二')",
              "chief link zhang river 河二: no change-record entry");
  ASSERT_TRUE(db_->Exec("DELETE FROM chief_links WHERE value = '河二'").ok());
  ExpectFound("DELETE FROM chief_links WHERE value = '张三'", "change-record entry");
}

}  // namespace
}  // namespace ecociv::warning
