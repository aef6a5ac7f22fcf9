#include "ecociv/indicators/formula.h"

#include <gtest/gtest.h>

#include <map>

namespace ecociv::indicators {
namespace {

StatusOr<Ratio> Eval(const std::string& text, const std::map<std::string, Ratio>& values) {
  auto formula = Formula::Parse(text);
  if (!formula.ok()) return formula.status();
  return formula->Evaluate([&](const std::string& id) -> StatusOr<Ratio> {
    auto it = values.find(id);
    if (it == values.end()) return NotFoundError("no value for " + id);
    return it->second;
  });
}

TEST(Formula, PrecedenceParenthesesUnaryExact) {
  EXPECT_EQ(*Eval("1 + 2 * 3", {}), Ratio::Integer(7));
  EXPECT_EQ(*Eval("(1 + 2) * 3", {}), Ratio::Integer(9));
  EXPECT_EQ(*Eval("-2 - -3", {}), Ratio::Integer(1));
  EXPECT_EQ(*Eval("1 / 3 * 3", {}), Ratio::Integer(1));   // exact, no 0.999…
  EXPECT_EQ(*Eval("10 - 4 - 3", {}), Ratio::Integer(3));  // left-associative
  EXPECT_EQ(*Eval("0.1 + 0.2", {}), Ratio::Of(3, 10));
}

TEST(Formula, IdsAndTrace) {
  auto formula = Formula::Parse("water_use / gdp * 10000 + water_use");
  ASSERT_TRUE(formula.ok());
  EXPECT_EQ(formula->ids(), (std::vector<std::string>{"water_use", "gdp"}));
  auto v = Eval("water_use / gdp * 10000",
                {{"water_use", Ratio::Integer(78000)}, {"gdp", Ratio::Integer(31500000)}});
  EXPECT_EQ(*v, Ratio::Of(780000, 31500));
}

TEST(Formula, Errors) {
  EXPECT_EQ(Eval("1 / (gdp - gdp)", {{"gdp", Ratio::Integer(5)}}).status().message(),
            "division by zero ((...) is 0)");
  EXPECT_EQ(Eval("a / b", {{"a", Ratio::Integer(1)}, {"b", Ratio::Integer(0)}}).status().message(),
            "division by zero (b is 0)");
  EXPECT_EQ(Eval("a + 1", {}).status().message(), "no value for a");
  EXPECT_EQ(Formula::Parse("(1 + 2").status().message(),
            "formula '(1 + 2': ')' expected at column 7");
  EXPECT_EQ(Formula::Parse("1 + $").status().message(),
            "formula '1 + $': unexpected '$' at column 5");
  EXPECT_EQ(Formula::Parse("1 2").status().message(), "formula '1 2': unexpected '2' at column 3");
  EXPECT_EQ(Formula::Parse("1..2").status().message(), "formula '1..2': bad number at column 1");
  EXPECT_EQ(Formula::Parse("Gdp").status().message(), "formula 'Gdp': unexpected 'G' at column 1");
  EXPECT_FALSE(Formula::Parse(std::string(200, '(') + "1" + std::string(200, ')')).ok());
}

}  // namespace
}  // namespace ecociv::indicators
