#include "ecociv/air/health_advice.h"

#include <gtest/gtest.h>

namespace ecociv::air {
namespace {

TEST(HealthAdvice, BuiltInFileGivesEveryLevelAndTheSixPollutants) {
  const HealthAdvice& a = BuiltInHealthAdvice();
  for (const LevelAdvice& l : a.levels) {
    EXPECT_FALSE(l.effect_zh.empty());
    EXPECT_FALSE(l.advice_en.empty());
  }
  EXPECT_NE(a.levels[5].advice_zh.find("避免户外活动"), std::string::npos);
  for (const char* p : {"SO2", "NO2", "CO", "O3", "PM10", "PM2.5"}) {
    EXPECT_EQ(a.groups.count(p), 1u) << p;
  }
}

TEST(HealthAdvice, AFileMissingALevelOrATextIsRefusedByName) {
  auto no_levels = ParseHealthAdvice("[edition]\nid = \"x\"\n", "advice.toml");
  EXPECT_FALSE(no_levels.ok());
  std::string five_levels;
  for (int level = 1; level <= 5; ++level) {
    five_levels += "[[level]]\nlevel = " + std::to_string(level) +
                   "\neffect_zh = \"a\"\nadvice_zh = \"b\"\neffect_en = \"c\"\nadvice_en = \"d\"\n";
  }
  auto missing = ParseHealthAdvice(five_levels, "advice.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("level 6"), std::string::npos);
  auto no_text = ParseHealthAdvice("[[level]]\nlevel = 1\neffect_zh = \"a\"\n", "advice.toml");
  ASSERT_FALSE(no_text.ok());
  EXPECT_NE(no_text.status().message().find("advice_zh is missing"), std::string::npos);
  auto broken = ParseHealthAdvice("[[level]\n", "advice.toml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("advice.toml: line 1"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::air
