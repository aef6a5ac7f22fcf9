#include "ecociv/scoring/card.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ecociv::scoring {
namespace {

// Every rule, every missing-data policy, a grouped and an ungrouped
// deduction, bonuses under a quota of one subject, a veto and three grades.
constexpr char kCardScheme[] = R"(
[scheme]
id = "cardtest"
name = "测试方案"
name_en = "Test scheme"
subject_kind = "town"
total = 100
status = "TEST"

[[groups]]
id = "eco"
name = "生态"
name_en = "Ecology"
points = 70

[[groups]]
id = "work"
name = "工作"
name_en = "Work"
points = 30

[[items]]
id = "air"
group = "eco"
name = "优良天数比例"
name_en = "Good-air days"
points = 40
rule = "linear"
floor = 60
target = 90

[[items]]
id = "pm25"
group = "eco"
name = "PM2.5浓度"
name_en = "PM2.5"
points = 10
rule = "per_unit"
direction = "lower"
target = 30
per_unit = 4
units = "started"

[[items]]
id = "water"
group = "eco"
name = "水质达标率"
name_en = "Water compliance"
points = 10
rule = "met"
target = 100
missing = "minimum"
minimum = 3

[[items]]
id = "green"
group = "eco"
name = "绿化"
name_en = "Greening"
points = 10
rule = "rank"
rank_points = [10, 8, 6]
rank_rest = 4
missing = "drop"

[[items]]
id = "duty"
group = "work"
name = "履职"
name_en = "Duties"
points = 20
rule = "manual"

[[items]]
id = "eff"
group = "work"
name = "成效"
name_en = "Efficacy"
points = 10
rule = "efficacy"

[[deductions]]
id = "complaint"
group = "eco"
name = "环境信访"
name_en = "Complaints"
per_event = 2
cap = 5

[[deductions]]
id = "accident"
name = "安全事故"
name_en = "Accident"
per_event = 10
cap = 10

[[bonuses]]
id = "award"
name = "表彰"
name_en = "Award"
per_event = 5
cap = 10

[bonus]
total_cap = 10
max_share = "0.2"

[[vetoes]]
id = "incident"
name = "重大环境事件"
name_en = "Major incident"

[[grades]]
name = "优秀"
name_en = "Excellent"
min_score = 90
max_rank = 1

[[grades]]
name = "良好"
name_en = "Good"
min_score = 60
max_share = "0.25"

[[grades]]
name = "合格"
name_en = "Pass"
)";

InputValue V(const std::string& text, const std::string& note = "") {
  return InputValue{*ParseInputValue(text), text, note, "test"};
}

class CardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scheme = ParseScheme(kCardScheme, "cardtest.toml");
    ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
    scheme_ = *scheme;
    auto set = [&](const char* s, const char* item, const char* v, const char* note = "") {
      source_.SetValue(s, item, V(v, note));
    };
    set("T1", "air", "85.2");
    set("T1", "pm25", "32.4");
    set("T1", "water", "100");
    set("T1", "green", "50");
    set("T1", "duty", "18", "台账齐全 records complete");
    set("T1", "eff", "80");
    set("T2", "air", "95");
    set("T2", "pm25", "28");
    set("T2", "water", "99");
    set("T2", "green", "40");
    set("T2", "duty", "15", "一般");
    set("T2", "eff", "60");
    set("T3", "air", "55");
    set("T3", "pm25", "30.5");
    set("T4", "air", "70");
    set("T4", "pm25", "29");
    set("T4", "water", "100");
    set("T4", "green", "30");
    set("T4", "duty", "10", "较差");
    set("T4", "eff", "70");
    source_.AddEvent("T1", "award", {"2025-05-01", 2, "省级表彰", "test"});
    source_.AddEvent("T2", "award", {"2025-05-01", 1, "市级表彰", "test"});
    source_.AddEvent("T2", "complaint", {"2025-03-01", 3, "信访", "test"});
    source_.AddEvent("T4", "incident", {"2025-08-12", 1, "较大突发环境事件", "test"});
    std::vector<Subject> subjects = {{"T1", "东沙镇", "town"},
                                     {"T2", "北港镇", "town"},
                                     {"T3", "南湖镇", "town"},
                                     {"T4", "西塘镇", "town"}};
    ScoringOptions options;
    options.year = 2025;
    auto a = ScoreScheme(scheme_, subjects, source_, options);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    assessment_ = std::move(*a);
  }
  Card CardOf(const std::string& subject, const CardContext& context = {}) {
    auto card = BuildCard(assessment_, subject, context);
    EXPECT_TRUE(card.ok()) << card.status().ToString();
    return card.ok() ? *card : Card{};
  }
  static const CardItem& Item(const Card& c, const std::string& id) {
    for (const CardItem& i : c.items)
      if (i.id == id) return i;
    ADD_FAILURE() << "no item " << id;
    return c.items.front();
  }

  Scheme scheme_;
  CsvValueSource source_;
  Assessment assessment_;
};

TEST(PrintFigure, ExactDecimalsAsTheyAreOthersRounded) {
  EXPECT_EQ(PrintFigure(Ratio::Of(852, 10), 2), "85.2");
  EXPECT_EQ(PrintFigure(Ratio::Integer(30), 2), "30");
  EXPECT_EQ(PrintFigure(Ratio::Of(-1, 2), 2), "-0.5");
  EXPECT_EQ(PrintFigure(Ratio::Of(2, 3), 2), "0.67");
  EXPECT_EQ(PrintFigure(Ratio::Of(1, 8), 2), "0.125");  // exact: not rounded
  EXPECT_EQ(PrintFigure(Ratio(), 2), "0");
}

TEST_F(CardTest, LinearItemSaysWhereTheValueLies) {
  Card c = CardOf("T1");
  const CardItem& air = Item(c, "air");
  EXPECT_EQ(air.value, "85.2");
  EXPECT_EQ(air.points, "33.60");
  EXPECT_EQ(air.max_points, "40.00");
  EXPECT_EQ(air.why.zh,
            "线性计分：实际 85.2，介于下限 60 与目标 90 之间，得 33.60 分（满分 40.00）");
  EXPECT_EQ(air.why.en, "linear: 85.2 between floor 60 and target 90 → 33.60 of 40.00");
  EXPECT_EQ(Item(CardOf("T2"), "air").why.en, "linear: 95 reaches the target 90 → 40.00 of 40.00");
}

TEST_F(CardTest, PerUnitMetRankEfficacyAndManual) {
  Card c = CardOf("T1");
  EXPECT_EQ(
      Item(c, "pm25").why.zh,
      "按差距扣分：实际 32.4，距目标 30 差 2.4，每差 1 扣 4 分，计 3 个单位（不足一个单位按一个"
      "计），扣 10 分（扣完为止），得 0.00 分（满分 10.00）");
  EXPECT_EQ(Item(c, "pm25").why.en,
            "per unit: 32.4 is 2.4 short of the target 30; 3 units of 1 (a started unit counts) × "
            "4 off = 10 (exhausted) → 0.00 of 10.00");
  EXPECT_EQ(Item(c, "water").why.zh,
            "达标判定：实际 100 ≥ 目标 100，达标，得 10.00 分（满分 10.00）");
  EXPECT_EQ(Item(CardOf("T2"), "water").why.en, "not met: 99 (needs ≥ 100) → 0.00 of 10.00");
  EXPECT_EQ(Item(CardOf("T2"), "green").why.zh,
            "名次计分：实际 40，在有数据的 3 个对象中列第 2 名，得 8.00 分（满分 10.00）");
  EXPECT_EQ(Item(CardOf("T4"), "eff").why.en,
            "efficacy: 70, min 60, max 80, index 60 + 40 × (x − min) / (max − min) = 80 → 8.00 of "
            "10.00");
  EXPECT_EQ(Item(c, "duty").why.zh, "评审打分：18 分（满分 20），依据：台账齐全 records complete");
}

TEST_F(CardTest, MissingDataOutcomesAndReweighting) {
  Card c = CardOf("T3");
  EXPECT_EQ(Item(c, "green").outcome, "missing_dropped");
  EXPECT_EQ(Item(c, "green").why.zh, "无数据：该项不计分，其 10 分按比例分给同组其他项目");
  EXPECT_EQ(Item(c, "water").outcome, "missing_minimum");
  EXPECT_EQ(Item(c, "water").why.zh, "无数据：按方案规定计最低分，得 3.50 分（满分 11.67）");
  EXPECT_EQ(Item(c, "duty").why.en, "no data: 0 of 20.00 (the scheme's rule for missing data)");
  EXPECT_EQ(
      Item(c, "air").why.zh,
      "线性计分：实际 55，不高于下限 60，得 0.00 分（满分 46.67）（因缺项重新分配权重，满分由 "
      "40 调为 46.67）");
  EXPECT_EQ(c.groups[0].max_points, "70.00");
  EXPECT_EQ(c.total, "10.50");
  EXPECT_EQ(c.grade, "合格");
  EXPECT_EQ(c.grade_why.zh,
            "总分 10.50，第 3 名：评为「合格」；未达「优秀」所需 90 分；未达「良好」所需 60 分");
}

TEST_F(CardTest, DeductionsBonusesQuotaAndVeto) {
  Card t1 = CardOf("T1");
  ASSERT_EQ(t1.bonuses.size(), 1u);
  EXPECT_FALSE(t1.bonuses[0].refused);
  EXPECT_EQ(t1.bonuses[0].why.zh, "表彰：2 次 × 5 分 = 10 分，加 10.00 分");
  EXPECT_EQ(t1.total, "91.60");
  EXPECT_EQ(t1.grade, "优秀");
  Card t2 = CardOf("T2");
  ASSERT_EQ(t2.bonuses.size(), 1u);
  EXPECT_TRUE(t2.bonuses[0].refused);
  EXPECT_EQ(t2.bonuses[0].points, "0.00");
  EXPECT_EQ(t2.bonuses[0].why.en,
            "Award: 1 × 5 = 5; refused: the bonus quota (1 subjects: 20% of 4) is used up");
  ASSERT_EQ(t2.deductions.size(), 1u);
  EXPECT_EQ(t2.deductions[0].why.zh,
            "环境信访：3 次 × 2 分 = 6 分，封顶 5 分，从「生态」扣 5.00 分");
  EXPECT_EQ(t2.grade, "良好");
  EXPECT_EQ(t2.grade_why.en, "total 74.00, rank 2 → Good; Excellent needs ≥ 90");
  Card t4 = CardOf("T4");
  EXPECT_TRUE(t4.vetoed);
  EXPECT_EQ(*t4.rank, 4);
  ASSERT_EQ(t4.vetoes.size(), 1u);
  EXPECT_EQ(t4.vetoes[0].why.zh,
            "一票否决：重大环境事件（1 起），等次定为「合格」，排在未被否决的对象之后");
  EXPECT_EQ(t4.grade_why.en, "one-vote veto → Pass");
}

TEST_F(CardTest, RankChangeAgainstLastYear) {
  CardContext context;
  context.run = CardRun{7,         "cardtest",
                        2025,      "approved",
                        "analyst", "2026-01-05T00:00:00Z",
                        "analyst", "2026-01-06T00:00:00Z",
                        "leader",  "2026-01-07T00:00:00Z",
                        0,         0};
  context.last_year = PriorRanks{2024, 3, {{"T1", 3}, {"T2", 1}}};
  Card t1 = CardOf("T1", context);
  EXPECT_EQ(*t1.last_rank, 3);
  EXPECT_EQ(*t1.rank_change, 2);
  Card t3 = CardOf("T3", context);
  EXPECT_FALSE(t3.last_rank);
  Ranking ranking = BuildRanking(assessment_, context);
  ASSERT_EQ(ranking.rows.size(), 4u);
  EXPECT_EQ(ranking.rows[0].subject.id, "T1");
  EXPECT_EQ(*ranking.rows[1].rank_change, -1);
  EXPECT_EQ(ranking.rows[3].subject.id, "T4");
  EXPECT_TRUE(ranking.rows[3].vetoed);
  auto json = nlohmann::json::parse(RankingJson(ranking));
  EXPECT_EQ(json["run"]["approved_by"], "leader");
  EXPECT_EQ(json["last_year"]["year"], 2024);
  EXPECT_EQ(json["rows"][0]["groups"]["eco"], "53.60");
  EXPECT_EQ(json["rows"][0]["rank_change"], 2);
  auto card = nlohmann::json::parse(CardJson(t1));
  EXPECT_EQ(card["format"], "ecociv-scoring-card");
  EXPECT_EQ(card["items"][0]["why"]["en"],
            "linear: 85.2 between floor 60 and target 90 → 33.60 of 40.00");
  EXPECT_EQ(card["rank"], 1);
  EXPECT_EQ(card["last_rank"], 3);
  EXPECT_NE(CardText(t1).find("排名 Rank: 1/4 (上年 last year 3, ↑2)"), std::string::npos);
  EXPECT_NE(RankingText(ranking).find("一票否决"), std::string::npos);
}

TEST_F(CardTest, UnknownSubjectIsNotFound) {
  auto card = BuildCard(assessment_, "T9", {});
  EXPECT_EQ(card.status().code(), StatusCode::kNotFound);
}

TEST_F(CardTest, XlsxOfACardAndARanking) {
  auto card = CardXlsx(CardOf("T2"));
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_EQ(card->substr(0, 2), "PK");
  auto ranking = RankingXlsx(BuildRanking(assessment_, {}));
  ASSERT_TRUE(ranking.ok()) << ranking.status().ToString();
  EXPECT_EQ(ranking->substr(0, 2), "PK");
}

// A "tenure" scheme judges each official alone: no rank, no rank change,
// the tenure on the card, a table by subject id.
TEST(TenureCard, NoRankAndTheTenure) {
  std::string text = kCardScheme;
  text.replace(text.find("subject_kind = \"town\""), 21,
               "subject_kind = \"official\"\nperiod = \"tenure\"");
  auto scheme = ParseScheme(text, "tenure.toml");
  ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
  CsvValueSource source;
  source.SetValue("P2", "air", V("80"));
  source.SetValue("P1", "air", V("90"));
  ScoringOptions options;
  options.year = 2025;
  auto a =
      ScoreScheme(*scheme, {{"P2", "乙", "official"}, {"P1", "甲", "official"}}, source, options);
  ASSERT_TRUE(a.ok());
  CardContext context;
  context.people["P1"] = CardPerson{"T06", "凤鸣镇", "镇长", "2021-03-01", "2025-06-30"};
  context.last_year = PriorRanks{2024, 1, {{"P1", 2}}};
  auto card = BuildCard(*a, "P1", context);
  ASSERT_TRUE(card.ok());
  EXPECT_FALSE(card->rank);
  EXPECT_FALSE(card->last_rank);
  EXPECT_FALSE(card->last_year);
  EXPECT_EQ(card->person->tenure_end, "2025-06-30");
  EXPECT_EQ(card->grade_why.zh.find("名"), std::string::npos);
  auto json = nlohmann::json::parse(CardJson(*card));
  EXPECT_TRUE(json["rank"].is_null());
  EXPECT_EQ(json["person"]["post"], "镇长");
  EXPECT_NE(CardText(*card).find("任期 Tenure: 2021-03-01 – 2025-06-30"), std::string::npos);
  Ranking ranking = BuildRanking(*a, context);
  EXPECT_FALSE(ranking.ranked);
  EXPECT_EQ(ranking.rows[0].subject.id, "P1");
  EXPECT_FALSE(ranking.rows[0].rank);
}

}  // namespace
}  // namespace ecociv::scoring
