#include "ecociv/report/profile.h"

#include <gtest/gtest.h>

namespace ecociv::report {
namespace {

const char* kGood = R"(# a profile
[profile]
id = "t"
title_zh = "测试"
title_en = "test"
issuer_zh = "{city}生态环境局"
issuer_en = "{city} bureau"

[decimals]
pm25 = 1
pm10 = 0
so2 = 0
no2 = 0
co = 1
o3 = 0
good_day_ratio = 1
composite_index = 2
water_share = 1
area_km2 = 2
change_percent = 1
change_points = 1

[change]
basis = "published"

[wording]
rise_zh = "同比上升"
fall_zh = "同比下降"
flat_zh = "同比持平"
rise_en = "rose"
fall_en = "fell"
flat_en = "unchanged"
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(ProfileTest, ParsesEveryField) {
  auto p = ParseProfile(kGood, "t.toml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->id, "t");
  EXPECT_EQ(p->Decimals("pm25"), 1);
  EXPECT_EQ(p->Decimals("composite_index"), 2);
  EXPECT_EQ(p->basis, ChangeBasis::kPublished);
  EXPECT_EQ(p->Issuer(Lang::kZh, "张家港市"), "张家港市生态环境局");
  EXPECT_EQ(p->Issuer(Lang::kEn, "Z"), "Z bureau");
}

TEST(ProfileTest, ErrorsNameTheFileAndLine) {
  auto bad_decimals = ParseProfile(Replace(kGood, "pm25 = 1", "pm25 = 9"), "t.toml");
  ASSERT_FALSE(bad_decimals.ok());
  EXPECT_EQ(bad_decimals.status().message(),
            "t.toml:10: decimals.pm25: a whole number of decimals 0..6");
  auto unknown = ParseProfile(Replace(kGood, "pm10 = 0", "pm2_5 = 0"), "t.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "t.toml:11: unknown key 'pm2_5' in [decimals]");
  auto basis = ParseProfile(Replace(kGood, "\"published\"", "\"rounded\""), "t.toml");
  ASSERT_FALSE(basis.ok());
  EXPECT_EQ(basis.status().message(),
            "t.toml:24: change.basis: expected \"published\" or \"exact\", got \"rounded\"");
  auto missing = ParseProfile(Replace(kGood, "flat_en = \"unchanged\"\n", ""), "t.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("[wording] has no 'flat_en'"), std::string::npos);
  auto syntax = ParseProfile(Replace(kGood, "[change]", "[change"), "t.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().message().rfind("t.toml:23:", 0), 0u) << syntax.status().message();
  auto empty = ParseProfile(Replace(kGood, "rise_en = \"rose\"", "rise_en = \"\""), "t.toml");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "t.toml:30: wording.rise_en: a non-empty text");
}

TEST(ProfileTest, BuiltInProfilesLoad) {
  std::vector<std::string> ids = BuiltInProfiles();
  ASSERT_GE(ids.size(), 3u);
  for (const std::string& id : ids) {
    auto p = LoadProfile(id);
    ASSERT_TRUE(p.ok()) << id << ": " << p.status().message();
    EXPECT_EQ(p->id, id);
  }
  // The yearly bulletin prints PM2.5 to one decimal, daily releases integers.
  EXPECT_EQ(LoadProfile("yearly")->Decimals("pm25"), 1);
  EXPECT_EQ(LoadProfile("daily")->Decimals("pm25"), 0);
  auto unknown = LoadProfile("weekly");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("built in: "), std::string::npos);
  EXPECT_FALSE(LoadProfile("/nonexistent/x.toml").ok());
}

}  // namespace
}  // namespace ecociv::report
