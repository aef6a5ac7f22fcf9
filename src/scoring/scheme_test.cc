#include "ecociv/scoring/scheme.h"

#include <gtest/gtest.h>

namespace ecociv::scoring {
namespace {

// A minimal valid scheme; tests replace parts of it.
std::string Base(const std::string& items = "") {
  return R"([scheme]
id = "t"
name = "测试"
total = 10

[[groups]]
id = "g"
name = "组"
points = 10

)" +
         (items.empty() ? R"([[items]]
id = "a"
group = "g"
name = "甲"
points = 10
rule = "linear"
floor = 0
target = 10
)"
                        : items) +
         R"(
[[grades]]
name = "合格"
min_score = 6

[[grades]]
name = "不合格"
)";
}

std::string ErrorOf(const std::string& text) {
  auto s = ParseScheme(text, "t.toml");
  return s.ok() ? "OK" : s.status().message();
}

TEST(ScoringSchemeTest, ParsesMinimal) {
  auto s = ParseScheme(Base(), "t.toml");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->items.size(), 1u);
  EXPECT_EQ(s->items[0].rule, RuleKind::kLinear);
  EXPECT_EQ(s->grades.size(), 2u);
}

TEST(ScoringSchemeTest, ExactErrorMessages) {
  EXPECT_EQ(ErrorOf("[scheme\n").rfind("t.toml:1: ", 0), 0u) << ErrorOf("[scheme\n");
  EXPECT_EQ(ErrorOf(Base(R"([[items]]
id = "a"
group = "g"
name = "甲"
points = 9
rule = "met"
target = 1
)")),
            "t.toml: groups.g.points: the items add up to 9.0000, not 10.0000");
  EXPECT_EQ(ErrorOf(Base(R"([[items]]
id = "a"
group = "g"
name = "甲"
points = 10
rule = "curve"
)")),
            "t.toml: items.a.rule: unknown value 'curve' (expected linear, per_unit, met, rank, "
            "efficacy, manual)");
  EXPECT_EQ(ErrorOf(Base(R"([[items]]
id = "a"
group = "g"
name = "甲"
points = 10
rule = "linear"
floor = 10
target = 5
)")),
            "t.toml: items.a.floor: must lie on the worse side of the target");
  EXPECT_EQ(ErrorOf(Base(R"([[items]]
id = "a"
group = "h"
name = "甲"
points = 10
rule = "manual"
)")),
            "t.toml: items.a.group: unknown group 'h'");
  EXPECT_EQ(ErrorOf(Base(R"([[items]]
id = "a"
group = "g"
name = "甲"
points = 10
rule = "met"
target = 0.5
)")),
            "t.toml: items.a.target: expected an integer or a decimal string with at most 6 "
            "places (\"0.5\")");
}

TEST(ScoringSchemeTest, EcoMinimumAndGradeRules) {
  std::string text = Base();
  std::string eco = text;
  eco.replace(eco.find("total = 10"), 10, "total = 10\nmin_eco_points = 2");
  EXPECT_EQ(ErrorOf(eco),
            "t.toml: scheme.min_eco_points: ecological groups carry 0.0000 points, "
            "fewer than 2.0000");
  std::string grades = text;
  const std::string last = "name = \"不合格\"";
  grades.replace(grades.rfind(last), last.size(), last + "\nmin_score = 1");
  EXPECT_EQ(ErrorOf(grades),
            "t.toml: grades[1]: the last grade takes everyone else: no min_score, max_rank or "
            "max_share");
}

TEST(ScoringSchemeTest, AmountsAndSharesAreChecked) {
  std::string d = Base() + "\n[[deductions]]\nid = \"d\"\nname = \"扣\"\nper_event = -1\ncap = 2\n";
  EXPECT_EQ(ErrorOf(d), "t.toml: deductions.d.per_event: must be positive");
  std::string share = Base();
  const std::string first = "min_score = 6";
  share.replace(share.find(first), first.size(), first + "\nmax_share = 15");
  EXPECT_EQ(ErrorOf(share), "t.toml: grades[0].max_share: must be a share 0..1 (\"0.15\")");
  std::string tier = Base();
  tier.replace(tier.find("total = 10"), 10, "total = 10\nitem_weights = \"tier\"");
  EXPECT_EQ(ErrorOf(tier),
            "t.toml: items.a.points: not used with item_weights = \"tier\" (derived "
            "from the group)");
}

TEST(ScoringSchemeTest, BuiltInSchemesLoad) {
  auto names = ListSchemes("");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names,
            (std::vector<std::string>{"departure-audit", "dept-100", "gdi-2016", "town-1000"}));
  for (const std::string& name : *names) {
    auto s = LoadScheme(name, "");
    ASSERT_TRUE(s.ok()) << name << ": " << s.status().ToString();
  }
}

TEST(ScoringSchemeTest, BuiltInShapes) {
  auto audit = LoadScheme("departure-audit", "");
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->groups.size(), 7u);
  EXPECT_EQ(audit->items.size(), 25u);
  EXPECT_EQ(audit->total, Ratio::Integer(100));
  ASSERT_EQ(audit->grades.size(), 5u);
  EXPECT_EQ(audit->grades[0].name, "好");
  EXPECT_EQ(audit->grades[0].min_score, Ratio::Integer(90));
  EXPECT_EQ(audit->grades[3].min_score, Ratio::Integer(60));
  auto town = LoadScheme("town-1000", "");
  ASSERT_TRUE(town.ok());
  EXPECT_EQ(town->total, Ratio::Integer(1000));
  EXPECT_EQ(*town->min_eco_points, Ratio::Integer(200));
  auto dept = LoadScheme("dept-100", "");
  ASSERT_TRUE(dept.ok());
  EXPECT_EQ(*dept->min_eco_points, Ratio::Integer(20));
  // GDI: category weights confirmed, item points derived 3:2:1 within each.
  auto gdi = LoadScheme("gdi-2016", "");
  ASSERT_TRUE(gdi.ok());
  EXPECT_EQ(gdi->FindGroup("resource_use")->points, Ratio::Of(293, 10));
  // 资源利用: tiers 3, 3, 2, 1 → 29.3 × 3/9.
  EXPECT_EQ(gdi->FindItem("energy_intensity_drop")->points, Ratio::Of(293, 30));
  EXPECT_EQ(gdi->FindItem("solid_waste_use")->minimum,
            gdi->FindItem("solid_waste_use")->points * Ratio::Of(3, 5));
}

TEST(ScoringSchemeTest, UnknownSchemeNamesTheAvailable) {
  auto s = LoadScheme("nope", "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "unknown scheme 'nope' (available: departure-audit dept-100 gdi-2016 town-1000)");
}

}  // namespace
}  // namespace ecociv::scoring
