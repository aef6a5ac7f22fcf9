#include "ecociv/indicators/report.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "ecociv/indicators/catalogue.h"
#include "ecociv/store/xlsx.h"

namespace ecociv::indicators {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "ecociv_indicators";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

Readiness TwoRows(const Catalogue& cat) {
  ValueTable values;
  values["a"][2025] = YearValue{"21", "reported", "accepted", "", "", "", "", ""};
  values["b"][2025] = YearValue{"实施", "reported", "accepted", "", "", "", "", ""};
  return Evaluate(cat, CityProfile{}, values, {}, 2025);
}

Catalogue TwoRowCatalogue() {
  auto cat = ParseCatalogue(
      "id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,source,"
      "responsible,evidence,notes\n"
      "a,生态制度,甲指标,A,%,20,20,>=,binding,,reported,生态环境局,confirmed,\n"
      "b,生态生活,乙指标,B,-,建立,建立,state,reference,,reported,水务局,UNVERIFIED,\"x, y\"\n",
      "two", "two.csv");
  EXPECT_TRUE(cat.ok()) << cat.status().ToString();
  return *cat;
}

TEST(Report, XlsxHasTitleVerdictsAndUnverifiedMarks) {
  Catalogue cat = TwoRowCatalogue();
  std::string path = TempPath("r.xlsx");
  ASSERT_TRUE(WriteReadinessXlsx(TwoRows(cat), path).ok());
  auto sheets = store::ReadXlsxAsCsv(path);
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 1u);
  EXPECT_EQ((*sheets)[0].name, "达标情况");
  const std::string& csv = (*sheets)[0].csv;
  EXPECT_NE(csv.find("生态文明建设示范区指标达标情况表（2025年）"), std::string::npos);
  EXPECT_NE(csv.find("约束性指标达标 1/1，参考性指标达标 0/1"), std::string::npos);
  EXPECT_NE(csv.find("a,生态制度,甲指标,%,约束性,20,21,1,达标,生态环境局,confirmed"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("未达标,水务局,UNVERIFIED 未核实"), std::string::npos) << csv;
  EXPECT_FALSE(WriteReadinessXlsx(TwoRows(cat), "/nonexistent-dir/r.xlsx").ok());
}

TEST(Report, JsonAndCsv) {
  Catalogue cat = TwoRowCatalogue();
  Readiness r = TwoRows(cat);
  std::string json = ReadinessJson(r);
  EXPECT_NE(json.find("\"verdict\": \"met\""), std::string::npos);
  EXPECT_NE(json.find("\"unverified\": true"), std::string::npos);
  EXPECT_NE(json.find("\"can_apply\": true"), std::string::npos);
  std::string csv = ReadinessCsv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "id,domain,name_zh,unit,binding,evidence,verdict,value,target,target_from_plan,gap,"
            "previous,trend,owner,review_status,source,value_source,inputs,reason");
  EXPECT_NE(csv.find("a,生态制度,甲指标,%,binding,confirmed,met,21,20,no,1,,,生态环境局,accepted,"
                     "reported,reported,,\n"),
            std::string::npos)
      << csv;
}

// Text that a spreadsheet would run as a formula (a name, an owner, a
// reason) is written as text; a negative value stays a number.
TEST(Report, CsvTextIsNeverAFormula) {
  Catalogue cat = TwoRowCatalogue();
  Readiness r = TwoRows(cat);
  r.results[0].value_text = "-3";
  r.results[0].owner = "=HYPERLINK(\"http://x\",\"y\")";
  r.results[0].reason = "+1+cmd|' /C calc'!A0";
  std::string csv = ReadinessCsv(r);
  EXPECT_NE(csv.find(",met,-3,20,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"'+1+cmd|' /C calc'!A0\"\n"), std::string::npos) << csv;
}

TEST(Report, CatalogueFromXlsx) {
  std::string path = TempPath("jiangsu-2020.xlsx");
  xlsx::Workbook book;
  xlsx::Sheet& sheet = book.AddSheet("指标");
  const char* rows[][14] = {
      {"id", "domain", "name_zh", "name_en", "unit", "target_city", "target_county", "direction",
       "binding", "applies", "source", "responsible", "evidence", "notes"},
      {"js_01", "生态制度", "考核比例", "Weight", "%", "20", "20", ">=", "binding", "", "reported",
       "组织部", "UNVERIFIED", "provincial"},
      {"js_02", "生态安全", "水质", "Water", "%", "", "", "up", "binding", "",
       "engine:water.class_iii_share", "生态环境局", "partial", ""}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 14; ++c) sheet.Text(r, c, rows[r][c]);
  }
  ASSERT_TRUE(book.WriteFile(path).ok());
  auto cat = LoadCatalogueFile(path);
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  EXPECT_EQ(cat->name, "jiangsu-2020");
  ASSERT_EQ(cat->indicators.size(), 2u);
  EXPECT_EQ(cat->indicators[1].engine_figure, "water.class_iii_share");
  EXPECT_TRUE(cat->indicators[0].unverified());
}

}  // namespace
}  // namespace ecociv::indicators
