// The warning workflow: raising, merging repeats, upgrades, the manual steps,
// illegal transitions, escalation, lifting, the change record and the outbox.
#include "ecociv/warning/workflow.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/store/verify.h"
#include "ecociv/warning/air_targets.h"
#include "plan_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::kNow;

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;


Finding MakeFinding(const std::string& subject, int rank, const std::string& period) {
  Finding f;
  f.kind = "water";
  f.rule_set = "warning-test";
  f.subject = subject;
  f.subject_name = subject + "断面";
  f.level = "level-" + std::to_string(rank);
  f.level_name = "级别" + std::to_string(rank);
  f.rank = rank;
  f.trigger = "month IV below target III";
  f.figures = "{\"month\":\"" + period + "\"}";
  f.owner = "张三";
  f.main_pollutants = "氨氮(0.2)";
  f.period = period;
  return f;
}

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = OpenOrDie(ScratchDir() + "/w.db"); }

  RecordReport Record(std::vector<Finding> findings, std::vector<Released> released = {},
                      CivilDate today = {2026, 4, 1}) {
    auto r = RecordEvaluation(db_.get(), "warning-test", findings, released, DaysFromCivil(today),
                              actor_, kNow);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : RecordReport{};
  }
  int64_t Count(const std::string& sql) { return *store::QueryInt64(db_.get(), sql); }
  std::string State(int64_t id) { return GetWarning(db_.get(), id)->state; }

  std::unique_ptr<store::Database> db_;
  store::Actor actor_{"tester", "unit test"};
};

TEST_F(WorkflowTest, RaiseThenMergeRepeats) {
  RecordReport first = Record({MakeFinding("S1", 1, "2026-02")});
  EXPECT_EQ(first.raised, 1);
  // The same period again: nothing new (re-running an evaluation is a no-op).
  RecordReport again = Record({MakeFinding("S1", 1, "2026-02")});
  EXPECT_EQ(again.unchanged, 1);
  // The next month at the same level: merged, not duplicated.
  RecordReport repeat = Record({MakeFinding("S1", 1, "2026-03")});
  EXPECT_EQ(repeat.repeated, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM warnings"), 1);
  Warning w = *GetWarning(db_.get(), 1);
  EXPECT_EQ(w.repeats, 1);
  EXPECT_EQ(w.first_period, "2026-02");
  EXPECT_EQ(w.last_period, "2026-03");
  // A higher level: an upgrade of the same warning.
  RecordReport up = Record({MakeFinding("S1", 2, "2026-04")});
  EXPECT_EQ(up.upgraded, 1);
  EXPECT_EQ(GetWarning(db_.get(), 1)->level, "level-2");
  EXPECT_EQ(Count("SELECT count(*) FROM warnings"), 1);
  // Raise, repeat and upgrade in the change record; repeats are not notified.
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE action LIKE 'warning.%'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM notification_outbox"), 2);
}

TEST_F(WorkflowTest, FullPathToClosure) {
  Record({MakeFinding("S1", 1, "2026-03")});
  EXPECT_TRUE(Acknowledge(db_.get(), 1, "seen", actor_, kNow).ok());
  Assignment a{"测试镇人民政府", "李四", "2026-04-30", "一断面一方案：截污纳管"};
  EXPECT_TRUE(Assign(db_.get(), 1, a, actor_, kNow).ok());
  EXPECT_TRUE(GiveFeedback(db_.get(), 1, "已完成截污", actor_, kNow).ok());
  // A section at risk closes against an approved plan (its own path is in
  // section_plan_test.cc; here the row alone).
  ASSERT_TRUE(db_->Exec("INSERT INTO section_plans (section, title, approval, updated_at, "
                        "updated_by) VALUES ('S1', 'plan', 'approved', 'x', 'x')")
                  .ok());
  EXPECT_TRUE(Close(db_.get(), 1, "销号", actor_, kNow).ok());
  Warning w = *GetWarning(db_.get(), 1);
  EXPECT_EQ(w.state, "closed");
  EXPECT_EQ(w.unit, "测试镇人民政府");
  EXPECT_EQ(w.plan, "一断面一方案：截污纳管");
  EXPECT_EQ(w.feedback, "已完成截污");
  auto events = *ListEvents(db_.get(), 1);
  ASSERT_EQ(events.size(), 5u);
  std::string path;
  for (const WarningEvent& e : events) path += e.action + ":" + e.to_state + " ";
  EXPECT_EQ(path,
            "raise:raised acknowledge:acknowledged assign:assigned feedback:feedback "
            "close:closed ");
  for (const WarningEvent& e : events) EXPECT_GT(e.log_seq, 0);
  EXPECT_EQ(events[1].who, "tester");
  // The change record holds every step and still verifies.
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE object = 'warning:1'"), 5);
  auto verify = store::VerifyDatabase(db_.get());
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->Summary();
  // A closed warning is not open: a new finding raises a new warning.
  EXPECT_EQ(Record({MakeFinding("S1", 1, "2026-05")}).raised, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM warnings"), 2);
}

TEST_F(WorkflowTest, VerifyFindsEditsMadeOutsideTheProgram) {
  Record({MakeFinding("S1", 1, "2026-03"), MakeFinding("S2", 1, "2026-03")});
  ASSERT_TRUE(Acknowledge(db_.get(), 1, "seen", actor_, kNow).ok());
  EXPECT_TRUE(VerifyWarnings(db_.get())->empty());
  // A note rewritten, a warning closed by hand.
  ASSERT_TRUE(db_->Exec("UPDATE warning_events SET note = 'never seen' WHERE id = 3").ok());
  ASSERT_TRUE(db_->Exec("UPDATE warnings SET state = 'closed' WHERE id = 2").ok());
  std::vector<std::string> problems = *VerifyWarnings(db_.get());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "warning 1 event 3 (acknowledge): changed (does not match change-record entry 3)");
  EXPECT_EQ(problems[1], "warning 2: state closed but the last recorded step ends in raised");
  // A warning inserted by hand.
  ASSERT_TRUE(db_->Exec("INSERT INTO warnings (kind, rule_set, subject, subject_name, level, "
                        "level_name, rank, trigger, figures, owner, main_pollutants, state, "
                        "first_period, last_period, raised_at, updated_at) VALUES ('water', 'r', "
                        "'S9', 'S9', 'x', 'x', 1, '', '{}', '', '', 'raised', '', '', '', '')")
                  .ok());
  problems = *VerifyWarnings(db_.get());
  EXPECT_EQ(problems.back(), "warning 3: no events (inserted outside the program)");
}

TEST_F(WorkflowTest, VerifyFindsAContentEditAlone) {
  Record({MakeFinding("S1", 1, "2026-03"), MakeFinding("S2", 1, "2026-03")});
  ASSERT_TRUE(Acknowledge(db_.get(), 1, "seen", actor_, kNow).ok());
  EXPECT_TRUE(VerifyWarnings(db_.get())->empty());
  // The state untouched; the level, the trigger and the assignment text changed.
  ASSERT_TRUE(db_->Exec("UPDATE warnings SET level = 'level-0' WHERE id = 1").ok());
  ASSERT_TRUE(db_->Exec("UPDATE warnings SET trigger_en = 'fine' WHERE id = 2").ok());
  std::vector<std::string> problems = *VerifyWarnings(db_.get());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "warning 1: changed since its last recorded step (event 3)");
  EXPECT_EQ(problems[1], "warning 2: changed since its last recorded step (event 2)");
  // No step is recorded over an edit (it would hide it): refused, nothing written.
  int64_t entries = Count("SELECT count(*) FROM change_log");
  Status step = Assign(db_.get(), 1, {"锦丰镇", "李四", "2026-05-01", "方案"}, actor_, kNow);
  EXPECT_EQ(step.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(step.message().find("changed outside the program"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log"), entries);
  auto evaluation = RecordEvaluation(db_.get(), "warning-test", {MakeFinding("S2", 2, "2026-04")},
                                     {}, DaysFromCivil({2026, 5, 1}), actor_, kNow);
  EXPECT_EQ(evaluation.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log"), entries);
  // Put back as recorded: consistent again, and steps go through.
  ASSERT_TRUE(db_->Exec("UPDATE warnings SET level = 'level-1' WHERE id = 1").ok());
  EXPECT_EQ(VerifyWarnings(db_.get())->size(), 1u);
  EXPECT_TRUE(Assign(db_.get(), 1, {"锦丰镇", "李四", "2026-05-01", "方案"}, actor_, kNow).ok());
}

TEST_F(WorkflowTest, OwnerNamesTheUnitsOfTheSection) {
  ASSERT_TRUE(db_->Exec("INSERT INTO unit_assets (unit, kind, code) VALUES ('锦丰镇', 'section', "
                        "'S1'), ('水务局', 'section', 'S1'), ('锦丰镇', 'station', 'S2')")
                  .ok());
  Record({MakeFinding("S1", 1, "2026-03"), MakeFinding("S2", 1, "2026-03")});
  EXPECT_EQ(GetWarning(db_.get(), 1)->owner, "张三；责任单位：水务局、锦丰镇");
  EXPECT_EQ(GetWarning(db_.get(), 2)->owner, "张三");  // a station of that code is not a section
}

TEST_F(WorkflowTest, IllegalTransitionsAreErrorsAndChangeNothing) {
  Record({MakeFinding("S1", 1, "2026-03")});
  int64_t log_before = Count("SELECT count(*) FROM change_log");
  Status close = Close(db_.get(), 1, "", actor_, kNow);
  EXPECT_EQ(close.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(close.message(), "warning 1 is raised; close needs feedback");
  Assignment a{"镇", "李四", "2026-04-30", "方案"};
  EXPECT_EQ(Assign(db_.get(), 1, a, actor_, kNow).message(),
            "warning 1 is raised; assign needs acknowledged or escalated");
  EXPECT_FALSE(GiveFeedback(db_.get(), 1, "x", actor_, kNow).ok());
  EXPECT_TRUE(Acknowledge(db_.get(), 1, "", actor_, kNow).ok());
  EXPECT_FALSE(Acknowledge(db_.get(), 1, "", actor_, kNow).ok());
  // Missing assignment fields and a bad deadline are bad input.
  EXPECT_EQ(Assign(db_.get(), 1, {"", "李四", "2026-04-30", "p"}, actor_, kNow).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Assign(db_.get(), 1, {"镇", "李四", "April", "p"}, actor_, kNow).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(GetWarning(db_.get(), 99).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(State(1), "acknowledged");
  EXPECT_EQ(Count("SELECT count(*) FROM change_log"), log_before + 1);
}

TEST_F(WorkflowTest, EscalationWhenTheDeadlinePasses) {
  Record({MakeFinding("S1", 1, "2026-03")});
  ASSERT_TRUE(Acknowledge(db_.get(), 1, "", actor_, kNow).ok());
  ASSERT_TRUE(Assign(db_.get(), 1, {"镇", "李四", "2026-04-10", "方案"}, actor_, kNow).ok());
  // On the deadline day: still in time.
  EXPECT_EQ(EscalateOverdue(db_.get(), DaysFromCivil({2026, 4, 10}), actor_, kNow)->escalated, 0);
  EXPECT_EQ(State(1), "assigned");
  // The day after, through an evaluation run: escalated.
  RecordReport r = Record({}, {}, {2026, 4, 11});
  EXPECT_EQ(r.escalated, 1);
  EXPECT_EQ(State(1), "escalated");
  EXPECT_EQ(EscalateOverdue(db_.get(), DaysFromCivil({2026, 4, 12}), actor_, kNow)->escalated, 0);
  // An escalated warning is assigned again with a new deadline.
  EXPECT_TRUE(
      Assign(db_.get(), 1, {"市水务局", "王五", "2026-05-10", "方案二"}, actor_, kNow).ok());
  EXPECT_EQ(State(1), "assigned");
  // Feedback in time stops escalation.
  ASSERT_TRUE(GiveFeedback(db_.get(), 1, "done", actor_, kNow).ok());
  EXPECT_EQ(EscalateOverdue(db_.get(), DaysFromCivil({2026, 6, 1}), actor_, kNow)->escalated, 0);
}

TEST_F(WorkflowTest, LiftedWhenReleased) {
  Record({MakeFinding("S1", 1, "2026-03"), MakeFinding("S2", 1, "2026-03")});
  ASSERT_TRUE(Acknowledge(db_.get(), 2, "", actor_, kNow).ok());
  RecordReport r = Record({}, {{"water", "S2"}, {"water", "S3"}, {"water-notice", "S1"}});
  EXPECT_EQ(r.lifted, 1);
  EXPECT_EQ(State(1), "raised");
  EXPECT_EQ(State(2), "lifted");
  EXPECT_EQ(ListWarnings(db_.get(), true)->size(), 1u);
  EXPECT_EQ(ListWarnings(db_.get(), false)->size(), 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM change_log WHERE action = 'warning.lift'"), 1);
}

TEST_F(WorkflowTest, OutboxPayloadIsARobotTextMessage) {
  Record({MakeFinding("S1", 1, "2026-03")});
  auto prepared = db_->Prepare("SELECT payload, next_attempt_at FROM notification_outbox");
  auto& stmt = *prepared;
  Status s;
  ASSERT_TRUE(stmt->Step(&s));
  std::string payload = stmt->ColumnText(0);
  EXPECT_EQ(stmt->ColumnInt64(1), kNow);
  EXPECT_EQ(payload.rfind("{\"msgtype\":\"text\",\"text\":{\"content\":\"【级别1】S1断面（S1）", 0),
            0u);
  EXPECT_NE(payload.find("\"notification\":\"event-1\""), std::string::npos);
  EXPECT_NE(payload.find("\"figures\":{\"month\":\"2026-03\"}"), std::string::npos);
}

TEST_F(WorkflowTest, AirTargetsAtRiskBecomeWarnings) {
  AirTargetReport r;
  r.city = "示例市";
  r.year = 2026;
  r.as_of = DaysFromCivil({2026, 11, 27});
  r.days_left = 34;
  PollutantTarget pm;
  pm.pollutant = air::Pollutant::kPM25;
  pm.target = Ratio::Integer(30);
  pm.ytd_mean = Ratio::Integer(28);
  pm.allowance = MeanAllowance{Ratio::Of(541, 10), true, Ratio::Of(61, 2)};
  pm.historical_rest = Ratio::Of(549, 10);
  pm.risk = "high";
  PollutantTarget no2 = pm;
  no2.pollutant = air::Pollutant::kNO2;
  no2.risk = "low";
  r.pollutants = {no2, pm};
  std::vector<Finding> findings;
  std::vector<Released> released;
  AirFindingsOf(r, &findings, &released);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].subject, "示例市/pm25");
  EXPECT_EQ(findings[0].rule_set, "air-targets-2026");
  EXPECT_EQ(findings[0].level, "high");
  EXPECT_EQ(findings[0].trigger_en,
            "PM2.5 ytd mean 28.0, target 30; rest of year (34 days) allowance ≤ 54.10; vs 54.9 "
            "in the rest of earlier years");
  EXPECT_EQ(findings[0].trigger,
            "PM2.5年初至今均值28.0，年度目标30；剩余34天均值需≤54.10；往年同期剩余天数均值为54.9");
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0].subject, "示例市/no2");
  auto rec =
      RecordEvaluation(db_.get(), "air-targets-2026", findings, released, r.as_of, actor_, kNow);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->raised, 1);
  // Back within reach: lifted.
  std::vector<Finding> none;
  rec = RecordEvaluation(db_.get(), "air-targets-2026", none, {{"air", "示例市/pm25"}}, r.as_of + 7,
                         actor_, kNow);
  EXPECT_EQ(rec->lifted, 1);
}

}  // namespace
}  // namespace ecociv::warning
