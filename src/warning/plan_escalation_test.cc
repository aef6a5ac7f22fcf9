// Overdue plan measures escalate through the warning workflow: the day after
// a measure's deadline each open water warning of its section gets one
// "escalate" step (assigned → escalated; other states kept), the plan names
// the warning, and a second run records nothing.
#include "ecociv/warning/plan_escalation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../store/store_test_util.h"
#include "ecociv/store/verify.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/section_plan.h"
#include "ecociv/warning/workflow.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kNow;


class PlanEscalationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing_util::SectionsStore("e.db");
    ASSERT_TRUE(db_);
  }
  int64_t Count(const std::string& sql) { return *store::QueryInt64(db_.get(), sql); }

  void Raise(const std::string& section, const std::string& kind) {
    Finding f;
    f.kind = kind;
    f.rule_set = "warning-test";
    f.subject = section;
    f.subject_name = section;
    f.level = "level-1";
    f.level_name = "一级";
    f.rank = kind == "water" ? 1 : 0;
    f.trigger = "t";
    f.figures = "{}";
    f.period = "2026-03";
    ASSERT_TRUE(RecordEvaluation(db_.get(), "warning-test", {f}, {}, DaysFromCivil({2026, 4, 1}),
                                 actor_, kNow)
                    .ok());
  }
  std::string State(int64_t id) { return GetWarning(db_.get(), id)->state; }

  std::unique_ptr<store::Database> db_;
  store::Actor actor_{"tester", "unit test"};
};

TEST_F(PlanEscalationTest, OverdueMeasureEscalatesOnceThroughTheWorkflow) {
  Raise("S1", "water");         // warning 1: will be assigned
  Raise("S1", "water-notice");  // warning 2: stays raised
  Raise("S2", "water");         // warning 3: another section, no plan
  ASSERT_TRUE(Acknowledge(db_.get(), 1, "", actor_, kNow).ok());
  ASSERT_TRUE(Assign(db_.get(), 1, {"镇政府", "王五", "2026-12-31", "见方案"}, actor_, kNow).ok());
  ASSERT_TRUE(SavePlan(db_.get(), "S1", {"S1 方案", "", {}}, actor_).ok());
  auto m1 =
      AddMeasure(db_.get(), "S1", {0, "截污纳管", "镇政府", "2026-05-31", "氨氮", "", {}}, actor_);
  auto m2 =
      AddMeasure(db_.get(), "S1", {0, "尾水治理", "农业农村局", "2026-09-30", "", "", {}}, actor_);
  ASSERT_TRUE(m1.ok() && m2.ok());

  // On the deadline day the measure is still in time.
  auto on_day = EscalateOverdue(db_.get(), DaysFromCivil({2026, 5, 31}), actor_, kNow);
  ASSERT_TRUE(on_day.ok()) << on_day.status().message();
  EXPECT_EQ(on_day->measures, 0);
  EXPECT_EQ(State(1), "assigned");

  // The day after: both open warnings of S1 get one step, S2's none.
  auto after = EscalateOverdue(db_.get(), DaysFromCivil({2026, 6, 1}), actor_, kNow);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->escalated, 0);  // the assignment's own deadline has not passed
  EXPECT_EQ(after->measures, 2);
  EXPECT_EQ(State(1), "escalated");
  EXPECT_EQ(State(2), "raised");
  auto events = *ListEvents(db_.get(), 1);
  EXPECT_EQ(events.back().action, "escalate");
  EXPECT_EQ(events.back().from_state, "assigned");
  EXPECT_EQ(events.back().note,
            "一断面一方案措施1（镇政府，完成期限2026-05-31）逾期未完成：截污纳管");
  auto notice_events = *ListEvents(db_.get(), 2);
  EXPECT_EQ(notice_events.back().action, "escalate");
  EXPECT_EQ(notice_events.back().from_state, "raised");
  EXPECT_EQ(notice_events.back().to_state, "raised");
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE action = 'warning.escalate'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE action = 'water.plan.escalate' AND "
                  "object = 'plan:S1'"),
            2);
  // Each escalation is a notification, as the deadline's escalation is.
  EXPECT_EQ(Count("SELECT count(*) FROM notification_outbox o JOIN warning_events e ON "
                  "e.id = o.event_id WHERE e.action = 'escalate'"),
            2);

  // Again, and through an evaluation run: nothing more for measure 1.
  auto again = EscalateOverdue(db_.get(), DaysFromCivil({2026, 6, 2}), actor_, kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->measures, 0);
  auto run = RecordEvaluation(db_.get(), "warning-test", {}, {}, DaysFromCivil({2026, 6, 3}),
                              actor_, kNow);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->measures_escalated, 0);
  EXPECT_EQ(run->Summary().find("overdue"), std::string::npos);

  // Reassigned, then measure 2 passes its deadline: a second, separate step.
  ASSERT_TRUE(Assign(db_.get(), 1, {"镇政府", "王五", "2026-12-31", "方案二"}, actor_, kNow).ok());
  auto second = RecordEvaluation(db_.get(), "warning-test", {}, {}, DaysFromCivil({2026, 10, 1}),
                                 actor_, kNow);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->measures_escalated, 2);
  EXPECT_NE(second->Summary().find("2 escalated for overdue plan measures"), std::string::npos);
  EXPECT_EQ(State(1), "escalated");

  // A measure done is not overdue; measures escalated stay recorded on the plan.
  ASSERT_TRUE(SetMeasureState(db_.get(), "S1", *m1, "done", actor_).ok());
  SectionPlan plan = *GetPlan(db_.get(), "S1");
  ASSERT_EQ(plan.measures.size(), 2u);
  ASSERT_EQ(plan.measures[0].escalations.size(), 2u);
  EXPECT_EQ(plan.measures[0].escalations[0].warning, 1);
  EXPECT_EQ(plan.measures[0].escalations[1].warning, 2);
  auto json = nlohmann::json::parse(PlanJson(plan, "2026-10-01"));
  EXPECT_EQ(json["measures"][1]["escalations"].size(), 2u);
  EXPECT_EQ(json["measures"][1]["overdue"], true);
  EXPECT_NE(PlanText(plan, "2026-10-01").find("已升级预警 escalated warning 1"), std::string::npos);
  auto list = *MeasureEscalations(db_.get(), "S1");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].text, "截污纳管");

  // The record is whole: the chain, the warnings and their events agree.
  auto warnings = VerifyWarnings(db_.get());
  ASSERT_TRUE(warnings.ok());
  EXPECT_TRUE(warnings->empty()) << (*warnings)[0];
}

TEST_F(PlanEscalationTest, ClosedAndLiftedWarningsAreNotEscalated) {
  Raise("S1", "water");
  ASSERT_TRUE(SavePlan(db_.get(), "S1", {"S1 方案", "", {}}, actor_).ok());
  ASSERT_TRUE(
      AddMeasure(db_.get(), "S1", {0, "截污纳管", "镇政府", "2026-05-31", "", "", {}}, actor_)
          .ok());
  auto lifted = RecordEvaluation(db_.get(), "warning-test", {}, {{"water", "S1"}},
                                 DaysFromCivil({2026, 6, 1}), actor_, kNow);
  ASSERT_TRUE(lifted.ok());
  EXPECT_EQ(lifted->lifted, 1);
  EXPECT_EQ(lifted->measures_escalated, 0);
  EXPECT_TRUE(MeasureEscalations(db_.get(), "S1")->empty());
}

}  // namespace
}  // namespace ecociv::warning
