#include "ecociv/indicators/catalogue.h"

#include <gtest/gtest.h>

namespace ecociv::indicators {
namespace {

constexpr const char* kHeader =
    "id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,source,"
    "responsible,evidence,notes\n";

StatusOr<Catalogue> Parse(const std::string& rows) {
  return ParseCatalogue(std::string(kHeader) + rows, "t", "t.csv");
}

TEST(Catalogue, BuiltInNational2019HasFortyIndicatorsAndThreeInputs) {
  auto cat = BuiltInCatalogue("national-2019");
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  ASSERT_EQ(cat->indicators.size(), 43u);
  int unverified = 0, binding_city = 0;
  for (const auto& ind : cat->indicators) {
    unverified += ind.unverified();
    binding_city += ResolveBinding(ind, "city") == "binding";
  }
  EXPECT_EQ(unverified, 36);
  EXPECT_EQ(binding_city, 21);  // §1.2: 21 binding (row 6 is reference for cities)
  EXPECT_EQ(cat->Find("n2019_06")->binding, "city=reference|county=binding");
  EXPECT_EQ(ResolveBinding(*cat->Find("n2019_06"), "county"), "binding");
  EXPECT_EQ(cat->Find("n2019_21")->formula, "water_use / gdp * 10000");
}

TEST(Catalogue, BuiltInCity2024Parses) {
  auto cat = BuiltInCatalogue("city-2024");
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  EXPECT_EQ(cat->indicators.size(), 20u);
  EXPECT_EQ(BuiltInCatalogueNames().size(), 2u);
}

TEST(Catalogue, TerrainKeyedTargets) {
  auto cat = BuiltInCatalogue("national-2019");
  const Indicator& forest = *cat->Find("n2019_11");
  auto plain = ResolveTarget(forest, "county", "plain");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->text, "18");
  EXPECT_EQ(*plain->number, Ratio::Integer(18));
  EXPECT_EQ(ResolveTarget(forest, "city", "mountain")->text, "60");
  auto straw = ResolveTarget(*cat->Find("n2019_25"), "city", "plain");
  EXPECT_FALSE(straw->applies);
}

TEST(Catalogue, ParseErrorsNameFileAndLine) {
  auto bad_dir = Parse("a,d,甲,A,%,1,1,>,binding,,reported,u,confirmed,\n");
  EXPECT_EQ(bad_dir.status().message(), "t.csv:2: unknown direction '>'");
  auto bad_id = Parse("A1,d,甲,A,%,1,1,>=,binding,,reported,u,confirmed,\n");
  EXPECT_EQ(bad_id.status().message(), "t.csv:2: id 'A1' must match [a-z][a-z0-9_]*");
  auto bad_target = Parse("a,d,甲,A,%,x,1,>=,binding,,reported,u,confirmed,\n");
  EXPECT_EQ(bad_target.status().message(), "t.csv:2: target_city: target 'x' is not a number");
  auto dup = Parse(
      "a,d,甲,A,%,1,1,>=,binding,,reported,u,confirmed,\n"
      "a,d,甲,A,%,1,1,>=,binding,,reported,u,confirmed,\n");
  EXPECT_EQ(dup.status().message(), "t.csv:3: duplicate id 'a'");
  auto bad_formula = Parse("a,d,甲,A,%,1,1,>=,binding,,derived: b / ,u,confirmed,\n");
  EXPECT_EQ(bad_formula.status().message(),
            "t.csv:2: formula 'b /': expression expected at column 4");
  auto unknown_input = Parse("a,d,甲,A,%,1,1,>=,binding,,derived: b / 2,u,confirmed,\n");
  EXPECT_EQ(unknown_input.status().message(), "t.csv:2: formula names unknown id 'b'");
  auto evidence = Parse("a,d,甲,A,%,1,1,>=,binding,,reported,u,maybe,\n");
  EXPECT_EQ(evidence.status().message(),
            "t.csv:2: evidence 'maybe' must be confirmed, partial or UNVERIFIED");
  auto missing = ParseCatalogue("id,domain\n", "t", "t.csv");
  EXPECT_EQ(missing.status().message(), "t.csv:1: missing column 'name_zh'");
  auto keyed = Parse("a,d,甲,A,%,plain=18|40,1,>=,binding,,reported,u,confirmed,\n");
  EXPECT_EQ(keyed.status().message(),
            "t.csv:2: target_city: target 'plain=18|40': keyed parts must be plain=, hill= or "
            "mountain=");
  auto derived_state = Parse("a,d,甲,A,-,建立,建立,state,binding,,derived: 1 + 1,u,confirmed,\n");
  EXPECT_EQ(derived_state.status().message(),
            "t.csv:2: a derived indicator needs a numeric direction");
  auto binding = Parse("a,d,甲,A,%,1,1,>=,maybe,,reported,u,confirmed,\n");
  EXPECT_EQ(binding.status().message(),
            "t.csv:2: binding 'maybe' must be binding, reference or city=...|county=...");
}

TEST(Catalogue, ExactDecimals) {
  Ratio r;
  ASSERT_TRUE(ParseExactDecimal("0.1", &r));
  EXPECT_EQ(r, Ratio::Of(1, 10));
  ASSERT_TRUE(ParseExactDecimal("-12.50", &r));
  EXPECT_EQ(FormatRatio(r), "-12.5");
  EXPECT_FALSE(ParseExactDecimal("1e3", &r));
  EXPECT_FALSE(ParseExactDecimal(".", &r));
  EXPECT_FALSE(ParseExactDecimal("", &r));
  EXPECT_EQ(FormatRatio(Ratio::Of(2, 3)), "0.6667");
}

}  // namespace
}  // namespace ecociv::indicators
