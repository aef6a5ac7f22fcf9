// Water warning rules: each trigger at its edges, release, early notices and
// rule-file errors.
#include "ecociv/warning/water_warning.h"

#include <gtest/gtest.h>

#include "warning_test_util.h"

namespace ecociv::warning {
namespace {

using testing_util::AddMonth;
using testing_util::AddYear;
using testing_util::MakeSection;
using testing_util::Rules;
using water::WaterClass;

WarningRuleSet Yangtze() { return *LoadWarningRules("yangtze"); }
WarningRuleSet Local() { return *LoadWarningRules("local-template"); }

WaterEvaluation Evaluate(const WarningRuleSet& rs, const water::SampleSet& set, CivilDate as_of) {
  return EvaluateWaterWarnings(Rules(), rs, set, water::IndexSamples(set), DaysFromCivil(as_of));
}

// Last year all `before`, this year Jan..Mar `now`; evaluated at 2026-03-31.
water::SampleSet YearOnYear(WaterClass before, WaterClass now, WaterClass target) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", target));
  AddYear(&set, 0, 2025, before);
  for (int m = 1; m <= 3; ++m) AddMonth(&set, 0, 2026, m, now);
  return set;
}

TEST(BuiltInRules, Load) {
  WarningRuleSet y = Yangtze();
  EXPECT_EQ(y.id, "warning-yangtze");
  EXPECT_EQ(y.status, "national");
  ASSERT_EQ(y.levels.size(), 2u);
  EXPECT_EQ(y.levels[0].id, "level-1");
  WarningRuleSet l = Local();
  EXPECT_EQ(l.status, "template");
  EXPECT_EQ(l.levels.size(), 3u);
  EXPECT_EQ(l.release_compliant_months, 2);
  EXPECT_TRUE(l.early_notice);
  EXPECT_EQ(LoadWarningRules("warning-yangtze")->id, "warning-yangtze");
  EXPECT_FALSE(LoadWarningRules("nosuch").ok());
}

TEST(Yangtze, LevelTwoOneClassWorseBelowIIIAndMissingTarget) {
  WaterEvaluation e = Evaluate(
      Yangtze(), YearOnYear(WaterClass::kIII, WaterClass::kIV, WaterClass::kIII), {2026, 3, 31});
  EXPECT_EQ(e.month, "2026-03");
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].level_id, "level-2");
  EXPECT_EQ(RenderAll(e.findings[0].trigger, Language::kEn),
            "month IV vs III a year earlier (+1), ytd IV vs III (+1); both worse than III; "
            "ytd IV misses target III");
  EXPECT_EQ(RenderAll(e.findings[0].trigger, Language::kZh),
            "当月水质IV类，去年同月III类（+1类）；年初至今IV类，去年同期III类（+1类）；"
            "当月与年初至今水质均劣于III类；年初至今水质IV类，未达到目标III类");
  EXPECT_EQ(e.findings[0].chief, "张三（测试镇）");
  EXPECT_EQ(e.findings[0].facts.main_pollutants.size(), 1u);
}

TEST(Yangtze, LevelOneTwoClassesWorse) {
  WaterEvaluation e = Evaluate(
      Yangtze(), YearOnYear(WaterClass::kIII, WaterClass::kV, WaterClass::kIII), {2026, 3, 31});
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].level_id, "level-1");
}

TEST(Yangtze, EdgeNotWorseThanIII) {
  // II → III: one class worse, but class III is not "below class III".
  WaterEvaluation e = Evaluate(
      Yangtze(), YearOnYear(WaterClass::kII, WaterClass::kIII, WaterClass::kII), {2026, 3, 31});
  EXPECT_TRUE(e.findings.empty());
  EXPECT_EQ(e.released, std::vector<std::string>{"S1"});
}

TEST(Yangtze, EdgeTargetMet) {
  // III → IV with a class IV target: the year to date meets its target.
  WaterEvaluation e = Evaluate(
      Yangtze(), YearOnYear(WaterClass::kIII, WaterClass::kIV, WaterClass::kIV), {2026, 3, 31});
  EXPECT_TRUE(e.findings.empty());
}

TEST(Yangtze, EdgeSameAsLastYear) {
  WaterEvaluation e = Evaluate(
      Yangtze(), YearOnYear(WaterClass::kIV, WaterClass::kIV, WaterClass::kIII), {2026, 3, 31});
  EXPECT_TRUE(e.findings.empty());
}

TEST(Yangtze, NoLastYearNoWarning) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", WaterClass::kIII));
  AddMonth(&set, 0, 2026, 1, WaterClass::kV);
  EXPECT_TRUE(Evaluate(Yangtze(), set, {2026, 1, 31}).findings.empty());
}

TEST(Evaluation, MonthIsLastCompleteOne) {
  // As of 30 March the month judged is February: March's IV does not count yet.
  water::SampleSet set = YearOnYear(WaterClass::kIII, WaterClass::kIII, WaterClass::kIII);
  AddMonth(&set, 0, 2026, 3, WaterClass::kV, 20);
  EXPECT_EQ(Evaluate(Yangtze(), set, {2026, 3, 30}).month, "2026-02");
  EXPECT_EQ(Evaluate(Yangtze(), set, {2026, 3, 31}).month, "2026-03");
}

// This year: the given classes for January onward; target III.
water::SampleSet Months(std::initializer_list<WaterClass> classes) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", WaterClass::kIII));
  AddYear(&set, 0, 2025, WaterClass::kIII);
  int m = 1;
  for (WaterClass c : classes) AddMonth(&set, 0, 2026, m++, c);
  return set;
}

std::string LevelAt(std::initializer_list<WaterClass> classes, int month) {
  water::SampleSet set = Months(classes);
  WaterEvaluation e = Evaluate(Local(), set, {2026, month, DaysInMonth(2026, month)});
  return e.findings.empty() ? "none" : e.findings[0].level_id;
}

TEST(LocalTemplate, TiersByConsecutiveMonths) {
  using C = WaterClass;
  EXPECT_EQ(LevelAt({C::kIII, C::kIII, C::kIII, C::kIII}, 1), "none");
  EXPECT_EQ(LevelAt({C::kIII, C::kIV}, 2), "yellow");          // one month below
  EXPECT_EQ(LevelAt({C::kIII, C::kIV, C::kIV}, 3), "orange");  // two consecutive
  EXPECT_EQ(LevelAt({C::kIV, C::kIV, C::kIV}, 3), "red");      // three consecutive
  EXPECT_EQ(LevelAt({C::kIV, C::kIII, C::kIV}, 3), "orange");  // interrupted; ytd misses
}

TEST(LocalTemplate, DropOfTwoClasses) {
  using C = WaterClass;
  // II → IV month on month (and below target): orange; a drop of one: yellow.
  EXPECT_EQ(LevelAt({C::kII, C::kII, C::kIV}, 3), "orange");
  EXPECT_EQ(LevelAt({C::kII, C::kIII, C::kIV}, 3), "yellow");
  // III a year earlier → V: red (two classes worse than last year, below target).
  EXPECT_EQ(LevelAt({C::kII, C::kII, C::kV}, 3), "red");
}

TEST(LocalTemplate, YtdMissingTargetAlone) {
  using C = WaterClass;
  // The month meets III but Jan–Mar averaged is worse than III: yellow.
  water::SampleSet set = Months({C::kWorseThanV, C::kWorseThanV, C::kIII});
  WaterEvaluation e = Evaluate(Local(), set, {2026, 3, 31});
  ASSERT_EQ(e.findings.size(), 1u);
  EXPECT_EQ(e.findings[0].level_id, "yellow");
  EXPECT_EQ(RenderAll(e.findings[0].trigger, Language::kEn), "ytd V misses target III");
  EXPECT_EQ(RenderAll(e.findings[0].trigger, Language::kZh), "年初至今水质V类，未达到目标III类");
}

TEST(LocalTemplate, ReleaseAfterTwoCompliantMonths) {
  using C = WaterClass;
  // Dec 2025 IV, then II, II: ytd fine; one compliant month is not enough.
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", C::kIII));
  AddMonth(&set, 0, 2025, 12, C::kIV);
  AddMonth(&set, 0, 2026, 1, C::kII);
  AddMonth(&set, 0, 2026, 2, C::kII);
  EXPECT_TRUE(Evaluate(Local(), set, {2025, 12, 31}).released.empty());
  EXPECT_TRUE(Evaluate(Local(), set, {2026, 1, 31}).released.empty());
  EXPECT_EQ(Evaluate(Local(), set, {2026, 2, 28}).released, std::vector<std::string>{"S1"});
}

// The local template without its notice rules: the running-mean notice alone.
WarningRuleSet LocalEarlyOnly() {
  WarningRuleSet rules = Local();
  rules.notices.clear();
  return rules;
}

TEST(EarlyNotice, RunningMeanCrossesTargetLimit) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", WaterClass::kIII));
  // 1.0 is the class III limit for NH3-N: 0.9, 1.0, 1.2 → mean 1.033 (IV).
  int nh3n = Rules().IndexOf("nh3n");
  for (auto [day, value] : {std::pair{1, 900000}, {2, 1000000}, {3, 1200000}}) {
    water::Sample s;
    s.day = DaysFromCivil({2026, 4, day});
    s.item = static_cast<int16_t>(nh3n);
    s.value = value;
    set.samples.push_back(s);
  }
  WaterEvaluation two = Evaluate(LocalEarlyOnly(), set, {2026, 4, 2});  // 2 values: below min_samples
  EXPECT_TRUE(two.early_notices.empty());
  WaterEvaluation three = Evaluate(LocalEarlyOnly(), set, {2026, 4, 3});
  ASSERT_EQ(three.early_notices.size(), 1u);
  EXPECT_EQ(three.early_notices[0].level_id, "notice");
  EXPECT_EQ(RenderAll(three.early_notices[0].trigger, Language::kZh),
            "氨氮2026-04-01至2026-04-03共3个数据的累计均值1.03 mg/L，为IV类，劣于目标III类");
  // Month over: the monthly result exists, no notice.
  EXPECT_TRUE(Evaluate(LocalEarlyOnly(), set, {2026, 4, 30}).early_notices.empty());
  // The national rule has no notices.
  EXPECT_TRUE(Evaluate(Yangtze(), set, {2026, 4, 3}).early_notices.empty());
}

TEST(EarlyNotice, ExactlyAtTheLimitIsNoNotice) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", WaterClass::kIII));
  int nh3n = Rules().IndexOf("nh3n");
  for (int day = 1; day <= 3; ++day) {
    water::Sample s;
    s.day = DaysFromCivil({2026, 4, day});
    s.item = static_cast<int16_t>(nh3n);
    s.value = 1000000;  // exactly the class III limit
    set.samples.push_back(s);
  }
  EXPECT_TRUE(Evaluate(LocalEarlyOnly(), set, {2026, 4, 3}).early_notices.empty());
  // The template's notice level: 1.0 is 100 % of the limit, above its 90 % line.
  WaterEvaluation with_notices = Evaluate(Local(), set, {2026, 4, 3});
  ASSERT_EQ(with_notices.early_notices.size(), 1u);
  EXPECT_EQ(with_notices.early_notices[0].trigger[0].code, "approaching_sample");
}

TEST(RuleFile, ErrorsNameFileAndLine) {
  auto bad = ParseWarningRules(
      "[warning]\nkind = \"water-warning\"\nid = \"x\"\n[[levels]]\nid = \"a\"\nrank = 1\n"
      "when = [[{ kind = \"sideways\" }]]\n",
      "x.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "x.toml:7: unknown condition kind 'sideways'");
  auto syntax = ParseWarningRules("[warning\n", "y.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().message().rfind("y.toml:1: ", 0), 0u);
  auto order = ParseWarningRules(
      "[warning]\nkind = \"water-warning\"\nid = \"x\"\n"
      "[[levels]]\nid = \"a\"\nrank = 1\nwhen = [[{ kind = \"ytd_misses_target\" }]]\n"
      "[[levels]]\nid = \"b\"\nrank = 2\nwhen = [[{ kind = \"ytd_misses_target\" }]]\n",
      "z.toml");
  ASSERT_FALSE(order.ok());
  EXPECT_NE(order.status().message().find("most severe first"), std::string::npos);
}

// The case a new user met: ammonia climbing 0.50 → 0.95 mg/L (class III
// limit 1.0) raised nothing until the section had slipped to class IV. With
// the local template's notice level it raises a notice while every month is
// still class III, and no warning level holds (the latest sample above 90 %
// of the limit; the trend over these six values is golden/water-notices).
TEST(LocalTemplate, AmmoniaClimbRaisesANoticeBeforeClassIV) {
  water::SampleSet set;
  set.sections.push_back(MakeSection("S1", WaterClass::kIII));
  const int64_t climb[] = {500000, 590000, 680000, 770000, 860000, 950000};
  for (int m = 1; m <= 6; ++m) {
    water::Sample s;
    s.section = 0;
    s.day = DaysFromCivil({2026, m, 15});
    s.item = static_cast<int16_t>(Rules().IndexOf("nh3n"));
    s.value = climb[m - 1];
    set.samples.push_back(s);
  }
  const WarningRuleSet local = Local();
  ASSERT_FALSE(local.notices.empty());
  int first_notice_month = 0;
  for (int m = 1; m <= 6; ++m) {
    WaterEvaluation e = Evaluate(local, set, {2026, m, DaysInMonth(2026, m)});
    EXPECT_TRUE(e.findings.empty()) << "month " << m << ": no warning while class III";
    EXPECT_TRUE(e.notices_evaluated);
    if (!e.early_notices.empty() && first_notice_month == 0) {
      first_notice_month = m;
      const WaterFinding& n = e.early_notices[0];
      EXPECT_EQ(n.level_id, "notice");
      EXPECT_EQ(n.rank, 0);
      std::string en = RenderAll(n.trigger, Language::kEn);
      EXPECT_NE(en.find("氨氮 sample of 2026-06-15 0.95 mg/L is 95.0% of the class III limit 1"),
                std::string::npos)
          << en;
    }
  }
  EXPECT_EQ(first_notice_month, 6);
  // The Yangtze rule set has no notice level and stays as the text says.
  EXPECT_TRUE(Yangtze().notices.empty());
  EXPECT_TRUE(Evaluate(Yangtze(), set, {2026, 6, 30}).early_notices.empty());
}

TEST(NoticeRules, FileErrors) {
  const std::string head =
      "[warning]\nkind = \"water-warning\"\nid = \"x\"\n[[levels]]\nid = \"y\"\nrank = 1\n"
      "when = [[{ kind = \"month_below_target\" }]]\n";
  auto bad_kind = ParseWarningRules(head + "[notice]\nrules = [{ kind = \"nope\" }]\n", "f.toml");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.status().message().find("f.toml:9: unknown notice kind"), std::string::npos)
      << bad_kind.status().message();
  auto bad_share = ParseWarningRules(
      head + "[notice]\nrules = [{ kind = \"approaching_limit\", share_percent = 0 }]\n", "f.toml");
  ASSERT_FALSE(bad_share.ok());
  EXPECT_NE(bad_share.status().message().find("share_percent must be 1..100"), std::string::npos);
  auto bad_item = ParseWarningRules(
      head + "[notice]\nrules = [{ kind = \"rising_trend\", items = [\"do\"] }]\n", "f.toml");
  ASSERT_FALSE(bad_item.ok());
  EXPECT_NE(bad_item.status().message().find("not an item id with a maximum"), std::string::npos);
  auto empty = ParseWarningRules(head + "[notice]\nname = \"提示\"\n", "f.toml");
  EXPECT_FALSE(empty.ok());
}

}  // namespace
}  // namespace ecociv::warning
