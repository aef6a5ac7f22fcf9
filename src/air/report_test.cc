#include "ecociv/air/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"

namespace ecociv::air {
namespace {

using Json = nlohmann::json;

constexpr int32_t kScale = 10000;

// One station "A" of 张家港市 with 26 hours from 2026-02-28T23:00, every hour
// SO2 5, NO2 20, CO 0.5, O3 50, PM10 130, PM2.5 100 (as in the CLI tests).
AirDataset OneStation() {
  StationInfo info;
  info.code = "A";
  info.name = "城北";
  info.city = "张家港市";
  HourLabel first = *ParseHourLabel("2026-02-28T23:00");
  AirDataset d = AirDataset::Make(first, first + 25, {info}, false);
  const int32_t kValues[] = {5 * kScale,  20 * kScale,  kScale / 2,
                             50 * kScale, 130 * kScale, 100 * kScale};
  for (int p = 0; p < kPollutantCount; ++p) {
    for (int32_t& v : d.mutable_stations()[0].values[p]) v = kValues[p];
  }
  return d;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto standards = AirStandards::Load("");
    ASSERT_TRUE(standards.ok()) << standards.status().ToString();
    standards_ = *standards;
    data_ = OneStation();
    series_ = SeriesOfStation(data_, 0);
    auto hours = ComputeHourly(series_, standards_, "auto");
    ASSERT_TRUE(hours.ok());
    hours_ = *hours;
  }
  AirStandards standards_;
  AirDataset data_;
  HourlySeries series_;
  std::vector<HourlyResult> hours_;
};

TEST_F(ReportTest, HourlyCsvIsTheDocumentedTable) {
  IndicatorMask columns = HourlyIaqiColumns(standards_, "auto");
  HourlyCsv table(columns, series_.first_label, series_.hours);
  EXPECT_EQ(table.Header().rfind(
                "station,time,aqi,level,category,primary_pollutants,iaqi_so2,iaqi_no2,iaqi_co,"
                "iaqi_o3,iaqi_pm10,iaqi_pm25",
                0),
            0u);
  std::string rows;
  table.AppendRow("A", hours_[0], &rows);  // 2012 rules on 02-28
  table.AppendRow("A", hours_[2], &rows);  // 2026 rules from 03-01
  EXPECT_EQ(rows.rfind("A,2026-02-28T23:00,132,3,轻度污染,PM2.5,", 0), 0u) << rows;
  EXPECT_NE(rows.find("\nA,2026-03-01T01:00,137,3,轻度污染,PM2.5,"), std::string::npos) << rows;
  EXPECT_NE(rows.find(",PM2.5,Lightly polluted,#FF7E00,hj633-2012\n"), std::string::npos) << rows;
}

// A station code from the input that a spreadsheet would run as a formula
// is written as text, in the hourly and the daily tables.
TEST_F(ReportTest, StationTextIsNeverAFormula) {
  HourlyCsv table(HourlyIaqiColumns(standards_, "auto"), series_.first_label, series_.hours);
  std::string rows;
  table.AppendRow("=cmd|' /C calc'!A0", hours_[2], &rows);
  EXPECT_EQ(rows.rfind("\"'=cmd|' /C calc'!A0\",2026-03-01T01:00,137,", 0), 0u) << rows;
  auto days = DailyOfSeries(data_, series_, standards_, "auto");
  ASSERT_TRUE(days.ok());
  std::string csv;
  AppendDailyCsvRow("@SUM(A1),x", (*days)[1], &csv);
  EXPECT_EQ(csv.rfind("\"'@SUM(A1),x\",2026-03-01,5,20,0.5,", 0), 0u) << csv;
}

TEST_F(ReportTest, HourlyJsonRowHasTheLevelObjectAndExactStrings) {
  Json row = Json::parse(HourlyJsonRow(series_, hours_[2], HourlyIaqiColumns(standards_, "")));
  EXPECT_EQ(row["station"], "A");
  EXPECT_EQ(row["time"], "2026-03-01T01:00");
  EXPECT_EQ(row["aqi"], 137);
  EXPECT_EQ(row["level"]["level"], 3);
  EXPECT_EQ(row["level"]["category_zh"], "轻度污染");
  EXPECT_EQ(row["level"]["colour"], "#FF7E00");
  EXPECT_EQ(row["primary_pollutants"], "PM2.5");
  EXPECT_EQ(row["pm25"], "100");
  EXPECT_EQ(row["co"], "0.5");
  EXPECT_TRUE(row["iaqi_pm25"].is_number_integer());
  EXPECT_EQ(row["edition"], "hj633-2026");
  // Kept for one release.
  EXPECT_EQ(row["category"], "轻度污染");
  EXPECT_EQ(row["category_en"], row["level"]["category_en"]);
  EXPECT_EQ(row["colour"], "#FF7E00");
  EXPECT_EQ(row["primary"], "PM2.5");
}

TEST_F(ReportTest, LatestAqiIsTheLastPublishedHour) {
  Json row = Json::parse(LatestAqiJson(series_, hours_));
  EXPECT_EQ(row["id"], "A");
  EXPECT_EQ(row["type"], "station");
  EXPECT_EQ(row["time"], "2026-03-02T00:00");
  EXPECT_EQ(row["level"]["level"], 3);
  Json none = Json::parse(LatestAqiJson(series_, {}));
  EXPECT_TRUE(none["aqi"].is_null());
  EXPECT_TRUE(none["level"].is_null());
}

TEST_F(ReportTest, DailyRowsCsvAndJson) {
  auto days = DailyOfSeries(data_, series_, standards_, "auto");
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 2u);  // 02-28 (one hour), 03-01 (its 24 hours)
  const DailyRecord& full = (*days)[1];
  std::string csv;
  AppendDailyCsvRow("A", full, &csv);
  EXPECT_EQ(csv.rfind("A,2026-03-01,5,20,0.5,", 0), 0u) << csv;
  EXPECT_EQ(DailyCsvHeader().substr(0, 13), "station,date,");
  Json row = Json::parse(DailyJsonRow("A", full));
  EXPECT_EQ(row["date"], "2026-03-01");
  EXPECT_EQ(row["pm25"], "100");
  EXPECT_EQ(row["co"], "0.5");
  EXPECT_EQ(row["valid"], true);
  EXPECT_EQ(row["o3_8h"], row["o3_8h_max"]);
  EXPECT_EQ(row["level"]["category_en"], row["category_en"]);
  Json partial = Json::parse(DailyJsonRow("A", (*days)[0]));
  EXPECT_TRUE(partial["aqi"].is_null());
  EXPECT_TRUE(partial["level"].is_null());
  EXPECT_EQ(partial["valid"], false);
  EXPECT_FALSE(partial.contains("category"));
}

TEST_F(ReportTest, AssessmentJsonIsOneShape) {
  auto days = DailyOfSeries(data_, series_, standards_, "auto");
  ASSERT_TRUE(days.ok());
  PeriodOptions options;
  options.from = *ParseDate("2026-03-01");
  options.to = *ParseDate("2026-03-01");
  AssessmentReport report;
  report.from = options.from;
  report.to = options.to;
  AssessedSeries one;
  auto a = AssessPeriod(*days, standards_, options);
  ASSERT_TRUE(a.ok());
  one.assessment = *a;
  one.assessment.id = "A";
  one.assessment.name = "城北";
  report.stations.push_back(one);
  const AssessmentRules& rules = standards_.assessment();
  Json doc = Json::parse(AssessmentReportJson(report, rules));
  EXPECT_EQ(doc["standard"], "auto");
  EXPECT_EQ(doc["class"], 2);
  EXPECT_EQ(doc["assessment_rules"], rules.id);
  EXPECT_TRUE(doc["cities"].empty());
  const Json& s = doc["stations"][0];
  EXPECT_EQ(s["type"], "station");
  EXPECT_EQ(s["days_valid"], 1);
  EXPECT_EQ(s["days_by_level"]["3"], 1);
  EXPECT_TRUE(s["good_day_ratio"].is_string());
  EXPECT_EQ(s["pollutants"]["pm25"]["mean"], "100");
  EXPECT_EQ(s["pollutants"]["pm25"]["unit"], "µg/m³");
  EXPECT_TRUE(s["pollutants"]["pm25"]["percentile_limit"].is_string());
  EXPECT_EQ(s["limits"]["class"], 2);
  EXPECT_FALSE(s.contains("change_vs_year_earlier"));
  std::string text = AssessmentText(one, rules);
  EXPECT_EQ(text.rfind("站点 Station: 城北 (A)  2026-03-01 .. 2026-03-01\n", 0), 0u) << text;
}

TEST(JsonRows, RowsOneLevelDeeper) {
  EXPECT_EQ(JsonRows({}), "[]\n");
  EXPECT_EQ(JsonRows({"{\n \"a\": 1\n}", "{\n \"a\": 2\n}"}),
            "[\n {\n  \"a\": 1\n },\n {\n  \"a\": 2\n }\n]\n");
}

}  // namespace
}  // namespace ecociv::air
