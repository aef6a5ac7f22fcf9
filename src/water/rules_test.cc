#include "ecociv/water/rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ecociv/core/standard_files.h"

namespace ecociv::water {
namespace {

std::map<std::string, std::string> BuiltInTexts() {
  std::map<std::string, std::string> texts;
  auto files = LoadStandardFiles("");
  EXPECT_TRUE(files.ok());
  for (const StandardFile& f : *files) texts[f.name] = f.text;
  return texts;
}

TEST(WaterRules, LoadsTheBuiltInStandards) {
  auto rules = WaterRules::Load("");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->evaluated().size(), 21u);
  EXPECT_EQ(rules->items().size(), 26u);  // 24 basic items + chl-a + SD
  const WaterItem& hg = rules->item(rules->IndexOf("hg"));
  EXPECT_EQ(hg.limits[0], 50);  // 0.00005 mg/L in units of 10^-6
  EXPECT_EQ(hg.decimals, 5);
  const WaterItem& tp = rules->item(rules->IndexOf("tp"));
  ASSERT_TRUE(tp.lake_limits.has_value());
  EXPECT_EQ((*tp.lake_limits)[2], 50000);
  EXPECT_EQ(tp.LimitsFor(WaterBody::kReservoir)[2], 50000);
  EXPECT_EQ(tp.LimitsFor(WaterBody::kRiver)[2], 200000);
  EXPECT_FALSE(rules->item(rules->IndexOf("do")).has_multiple);
  EXPECT_FALSE(rules->item(rules->IndexOf("ph")).has_multiple);
  EXPECT_TRUE(rules->item(rules->IndexOf("tn")).separate);
  EXPECT_FALSE(rules->item(rules->IndexOf("tn")).evaluated);
  EXPECT_EQ(rules->Status(WaterClass::kWorseThanV).word, "重度污染");
  EXPECT_EQ(rules->options().share_method_min_sections, 5);
}

TEST(WaterRules, RecognisesNamesSymbolsAndCodes) {
  auto rules = WaterRules::Load("");
  ASSERT_TRUE(rules.ok());
  int nh3n = rules->IndexOf("nh3n");
  EXPECT_EQ(rules->Recognise("氨氮"), nh3n);
  EXPECT_EQ(rules->Recognise("NH3-N"), nh3n);
  EXPECT_EQ(rules->Recognise(" nh3-n "), nh3n);
  EXPECT_EQ(rules->Recognise("w21003"), nh3n);
  EXPECT_EQ(rules->Recognise("W21003"), nh3n);
  EXPECT_EQ(rules->Recognise("六价铬"), rules->IndexOf("cr6"));
  EXPECT_EQ(rules->Recognise("叶绿素a"), rules->IndexOf("chla"));
  EXPECT_EQ(rules->Recognise("电导率"), -1);
}

TEST(WaterRules, ParsesClassLabels) {
  EXPECT_EQ(ParseClass("III"), WaterClass::kIII);
  EXPECT_EQ(ParseClass("Ⅲ类"), WaterClass::kIII);
  EXPECT_EQ(ParseClass("4"), WaterClass::kIV);
  EXPECT_EQ(ParseClass("劣V"), WaterClass::kWorseThanV);
  EXPECT_FALSE(ParseClass("VI").has_value());
  EXPECT_STREQ(ClassLabel(WaterClass::kWorseThanV), "劣V");
}

TEST(WaterRules, BadFilesAreErrorsNamingTheFile) {
  auto texts = BuiltInTexts();
  auto broken = texts;
  broken["gb3838-2002.toml"] += "\n[[items]\n";
  auto r = WaterRules::FromTexts(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("gb3838-2002.toml:"), std::string::npos)
      << r.status().message();

  broken = texts;
  broken["sw-assessment-2011.toml"] += "\n[extra]\n";
  size_t at = broken["sw-assessment-2011.toml"].find("mean_value = \"half\"");
  ASSERT_NE(at, std::string::npos);
  broken["sw-assessment-2011.toml"].replace(at, 19, "mean_value = \"third\"");
  r = WaterRules::FromTexts(broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("below_detection.mean_value"), std::string::npos)
      << r.status().message();

  broken = texts;
  broken.erase("tli.toml");
  EXPECT_EQ(WaterRules::FromTexts(broken).status().code(), StatusCode::kNotFound);
}

TEST(WaterRules, StandardsDirectoryOverridesOneFile) {
  auto texts = BuiltInTexts();
  std::string dir = testing::TempDir() + "/water_standards";
  std::filesystem::create_directories(dir);
  std::string sw = texts["sw-assessment-2011.toml"];
  size_t at = sw.find("heavy_max_good_share = 75");
  ASSERT_NE(at, std::string::npos);
  sw.replace(at, 25, "heavy_max_good_share = 60");
  std::ofstream(dir + "/sw-assessment-2011.toml") << sw;
  auto rules = WaterRules::Load(dir);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->options().heavy_max_good_share, 60);
  bool from_dir = false;
  for (const std::string& e : rules->editions()) from_dir |= e.find(dir) != std::string::npos;
  EXPECT_TRUE(from_dir);
  EXPECT_EQ(WaterRules::Load(dir + "/missing").status().code(), StatusCode::kNotFound);
}

TEST(WaterRules, InexactLimitIsRejected) {
  auto texts = BuiltInTexts();
  std::string& gb = texts["gb3838-2002.toml"];
  size_t at = gb.find("\"0.00005\"");
  ASSERT_NE(at, std::string::npos);
  gb.replace(at, 9, "\"0.0000005\"");
  auto r = WaterRules::FromTexts(texts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("items.hg.limits"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace ecociv::water
