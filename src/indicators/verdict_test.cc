#include "ecociv/indicators/verdict.h"

#include <gtest/gtest.h>

#include "ecociv/indicators/provider.h"

namespace ecociv::indicators {
namespace {

// The small hand-made city of tests/golden/indicators/small-city.test (whose
// readiness table is checked there): one indicator per rule, values for 2024
// and 2025.
constexpr const char* kCatalogue =
    "id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,source,"
    "responsible,evidence,notes\n"
    "a_ge,d,甲,A,%,25,20,>=,binding,,reported,U1,confirmed,\n"
    "b_le,d,乙,B,t,0.5,0.5,<=,reference,,reported,U2,UNVERIFIED,\n"
    "c_eq,d,丙,C,%,100,100,=,binding,,reported,U1,confirmed,\n"
    "d_state,d,丁,D,-,建立,建立,state,binding,,reported,U3,confirmed,\n"
    "e_state,d,戊,E,-,全面实施,全面实施,state,reference,,reported,U3,confirmed,\n"
    "f_up,d,己,F,%,,,up,binding,,engine:air.good_day_ratio,U2,confirmed,\n"
    "g_down,d,庚,G,-,30,30,down,reference,,reported,U2,confirmed,\n"
    "h_ge_up,d,辛,H,%,90,90,>=|up,binding,,reported,U1,confirmed,\n"
    "i_le_down,d,壬,I,μg/m³,25,25,<=|down,reference,,reported,U1,confirmed,\n"
    "j_coastal,d,癸,J,%,50,50,>=,binding,coastal,reported,U1,confirmed,\n"
    "k_city,d,子,K,%,15,n/a,>=,reference,city,reported,U1,confirmed,\n"
    "l_missing,d,丑,L,%,10,10,>=,reference,,reported,U1,confirmed,\n"
    "m_pending,d,寅,M,%,10,10,>=,reference,,reported,U1,confirmed,\n"
    "n_derived,d,卯,N,m³/万元,,,down,binding,,derived: water / gdp * 10000,U4,confirmed,\n"
    "o_div0,d,辰,O,-,1,1,>=,reference,,derived: water / zero_in,U4,confirmed,\n"
    "p_plan,d,巳,P,%,90,90,>=,binding,,reported,U1,confirmed,\n"
    "q_hill,d,午,Q,%,plain=18|hill=40,plain=18|hill=40,>=,reference,plain;hill,reported,U1,"
    "confirmed,\n"
    "water,d,用水,Water,万m³,,,input,input,,reported,U4,confirmed,\n"
    "gdp,d,GDP,GDP,万元,,,input,input,,reported,U4,confirmed,\n"
    "zero_in,d,零,Zero,-,,,input,input,,reported,U4,confirmed,\n";

Catalogue SmallCatalogue() {
  auto cat = ParseCatalogue(kCatalogue, "small", "small.csv");
  EXPECT_TRUE(cat.ok()) << cat.status().ToString();
  return *cat;
}

void Put(ValueTable* t, const std::string& id, int year, const std::string& value,
         const std::string& status = "accepted", const std::string& source = "reported") {
  (*t)[id][year] = YearValue{value, source, status, "", "", "", "", ""};
}

ValueTable SmallValues() {
  ValueTable t;
  Put(&t, "a_ge", 2025, "20");
  Put(&t, "b_le", 2025, "0.6");
  Put(&t, "c_eq", 2025, "100");
  Put(&t, "d_state", 2025, "建立");
  Put(&t, "e_state", 2025, "实施");
  Put(&t, "f_up", 2024, "80", "accepted", "engine");
  Put(&t, "f_up", 2025, "79.5", "accepted", "engine");
  Put(&t, "g_down", 2024, "32");
  Put(&t, "g_down", 2025, "31");
  Put(&t, "h_ge_up", 2024, "85");
  Put(&t, "h_ge_up", 2025, "86");
  Put(&t, "i_le_down", 2025, "27");
  Put(&t, "m_pending", 2025, "12", "submitted");
  Put(&t, "water", 2024, "100");
  Put(&t, "gdp", 2024, "50000");
  Put(&t, "water", 2025, "90");
  Put(&t, "gdp", 2025, "50000");
  Put(&t, "zero_in", 2025, "0");
  Put(&t, "p_plan", 2025, "92");
  Put(&t, "q_hill", 2025, "30");
  return t;
}

PlanTable SmallPlan() { return {{"p_plan", {"95", "U5;U6", "2025-12-31"}}}; }

const IndicatorResult& Find(const Readiness& r, const std::string& id) {
  for (const auto& x : r.results) {
    if (x.indicator->id == id) return x;
  }
  std::abort();
}

class SmallCity : public ::testing::Test {
 protected:
  Catalogue cat_ = SmallCatalogue();
  Readiness r_ = Evaluate(cat_, CityProfile{}, SmallValues(), SmallPlan(), 2025);
};

TEST_F(SmallCity, NumericDirections) {
  EXPECT_EQ(Find(r_, "a_ge").verdict, Verdict::kMet);  // county target 20, value 20
  EXPECT_EQ(FormatRatio(*Find(r_, "a_ge").gap), "0");
  EXPECT_EQ(Find(r_, "b_le").verdict, Verdict::kNotMet);
  EXPECT_EQ(FormatRatio(*Find(r_, "b_le").gap), "0.1");
  EXPECT_EQ(Find(r_, "c_eq").verdict, Verdict::kMet);
}

TEST_F(SmallCity, QualitativeStates) {
  EXPECT_EQ(Find(r_, "d_state").verdict, Verdict::kMet);
  EXPECT_EQ(Find(r_, "e_state").verdict, Verdict::kNotMet);  // 实施 is not 全面实施
}

TEST_F(SmallCity, KeepImprovingFromHistory) {
  const auto& f = Find(r_, "f_up");
  EXPECT_EQ(f.verdict, Verdict::kNotMet);
  EXPECT_EQ(f.trend, "down");
  EXPECT_EQ(f.reason, "低于上年");
  const auto& g = Find(r_, "g_down");  // falling, but above the fixed cap 30
  EXPECT_EQ(g.verdict, Verdict::kNotMet);
  EXPECT_EQ(g.reason, "未达到目标值");
  EXPECT_EQ(Find(r_, "h_ge_up").verdict, Verdict::kMet);  // below 90 but rising
  const auto& i = Find(r_, "i_le_down");
  EXPECT_EQ(i.verdict, Verdict::kNotMet);
  EXPECT_EQ(i.reason, "未达到目标值；无上年数据");
}

TEST(Verdict, UpWithoutLastYearIsNoData) {
  Catalogue cat = SmallCatalogue();
  ValueTable t;
  Put(&t, "f_up", 2025, "90", "accepted", "engine");
  Readiness r = Evaluate(cat, CityProfile{}, t, {}, 2025);
  EXPECT_EQ(Find(r, "f_up").verdict, Verdict::kNoData);
  EXPECT_EQ(Find(r, "f_up").reason, "无2024年数据，无法判断趋势");
  Put(&t, "f_up", 2024, "90", "accepted", "engine");  // equal: "not lower" holds
  r = Evaluate(cat, CityProfile{}, t, {}, 2025);
  EXPECT_EQ(Find(r, "f_up").verdict, Verdict::kMet);
  EXPECT_EQ(Find(r, "f_up").trend, "flat");
}

TEST_F(SmallCity, DerivedFormulasAndErrors) {
  const auto& n = Find(r_, "n_derived");
  EXPECT_EQ(n.verdict, Verdict::kMet);
  EXPECT_EQ(n.value_text, "18");
  EXPECT_EQ(FormatRatio(*n.previous), "20");
  EXPECT_EQ(n.inputs, "water / gdp * 10000 with water=90, gdp=50000");
  const auto& o = Find(r_, "o_div0");
  EXPECT_EQ(o.verdict, Verdict::kError);
  EXPECT_EQ(o.reason, "o_div0: division by zero (zero_in is 0)");
}

TEST_F(SmallCity, NotApplicableMissingPendingPlan) {
  EXPECT_EQ(Find(r_, "j_coastal").verdict, Verdict::kNotApplicable);
  EXPECT_EQ(Find(r_, "j_coastal").reason, "coastal areas only");
  EXPECT_EQ(Find(r_, "k_city").reason, "applies to another level only");
  EXPECT_EQ(Find(r_, "l_missing").verdict, Verdict::kNoData);
  EXPECT_EQ(Find(r_, "m_pending").verdict, Verdict::kNoData);
  EXPECT_EQ(Find(r_, "m_pending").reason, "value submitted, not accepted");
  const auto& p = Find(r_, "p_plan");
  EXPECT_TRUE(p.plan_target);
  EXPECT_EQ(p.verdict, Verdict::kNotMet);
  EXPECT_EQ(p.owner, "U5;U6");
  EXPECT_EQ(Find(r_, "q_hill").verdict, Verdict::kMet);
  Readiness mountain = Evaluate(cat_, CityProfile{"county", "mountain", false, ""}, SmallValues(),
                                SmallPlan(), 2025);
  EXPECT_EQ(Find(mountain, "q_hill").reason, "applies to another terrain only");
}

// The reasons as codes and arguments (what the web interface words in its language) beside the
// command line's text, and the target in parts.
TEST_F(SmallCity, ReasonsAsCodes) {
  const auto& f = Find(r_, "f_up");
  EXPECT_EQ(f.reason_code, "fell");
  EXPECT_EQ(f.target_rule, "not_below_year");
  EXPECT_EQ(Find(r_, "g_down").reason_code, "target_missed");
  EXPECT_EQ(Find(r_, "i_le_down").reason_code, "target_missed_no_previous");
  EXPECT_EQ(Find(r_, "i_le_down").target_rule, "or_down");
  EXPECT_EQ(Find(r_, "j_coastal").reason_code, "coastal_only");
  EXPECT_EQ(Find(r_, "k_city").reason_code, "applies_other_level");
  const auto& m = Find(r_, "m_pending");
  EXPECT_EQ(m.reason_code, "value_not_accepted");
  ASSERT_EQ(m.reason_args.size(), 2u);
  EXPECT_EQ(m.reason_args[0], (std::pair<std::string, std::string>{"status", "submitted"}));
  const auto& o = Find(r_, "o_div0");
  EXPECT_EQ(o.reason_code, "error");
  EXPECT_EQ(o.reason_args[0].second, o.reason);
  EXPECT_EQ(Find(r_, "d_state").reason_code, "");
  ValueTable t;
  Put(&t, "f_up", 2025, "90", "accepted", "engine");
  Readiness r = Evaluate(cat_, CityProfile{}, t, {}, 2025);
  EXPECT_EQ(Find(r, "f_up").reason_code, "no_previous_year");
  EXPECT_EQ(Find(r, "f_up").reason_args[0].second, "2024");
  EXPECT_EQ(Find(r, "l_missing").reason_code, "no_value");
  EXPECT_EQ(r_.summary.min_reference_percent, 0);
}

TEST_F(SmallCity, Summary) {
  const Summary& s = r_.summary;
  EXPECT_EQ(s.binding_met, 5);
  EXPECT_EQ(s.binding_total, 7);
  EXPECT_EQ(s.reference_met, 1);
  EXPECT_EQ(s.reference_total, 8);  // b e g i l m o q; j and k not applicable
  EXPECT_FALSE(s.can_apply);
}

TEST(Verdict, CanApplyRuleOption) {
  Catalogue cat = SmallCatalogue();
  ValueTable t = SmallValues();
  Put(&t, "f_up", 2025, "81", "accepted", "engine");
  Put(&t, "p_plan", 2025, "95");
  Readiness r = Evaluate(cat, CityProfile{}, t, SmallPlan(), 2025);
  EXPECT_EQ(r.summary.binding_met, r.summary.binding_total);
  EXPECT_TRUE(r.summary.can_apply);
  Readiness strict = Evaluate(cat, CityProfile{}, t, SmallPlan(), 2025, ApplyRule{80});
  EXPECT_FALSE(strict.summary.can_apply);
  EXPECT_NE(strict.summary.rule.find("80%"), std::string::npos);
}

TEST_F(SmallCity, ProviderFigures) {
  auto figures = FiguresOf(r_);
  ASSERT_EQ(figures.size(), cat_.indicators.size());
  EXPECT_EQ(figures[0].id, "a_ge");
  EXPECT_EQ(*figures[0].value, Ratio::Integer(20));
  EXPECT_EQ(*figures[0].target, Ratio::Integer(20));
  EXPECT_EQ(figures[0].owner, "U1");
  EXPECT_TRUE(figures[1].unverified);
}

}  // namespace
}  // namespace ecociv::indicators
