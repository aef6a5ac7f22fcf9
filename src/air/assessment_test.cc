#include "ecociv/air/assessment.h"

#include <gtest/gtest.h>

namespace ecociv::air {
namespace {

class AssessmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = AirStandards::Load();
    ASSERT_TRUE(loaded.ok());
    standards_ = std::move(*loaded);
  }
  // A day with the given daily values (µg/m³, CO mg/m³) scored by its edition.
  DailyRecord Day(const std::string& date, double pm25, double o3_8h = 80, double pm10 = 60,
                  double so2 = 8, double no2 = 30, double co = 0.8) {
    DailyRecord d;
    d.day = ParseDate(date).value();
    d.edition = standards_.AqiFor(LabelAt(d.day, 1), "auto").value();
    d.limits = standards_.LimitsFor(d.day, "auto").value();
    auto set = [&](Indicator i, double v) {
      d.value[int(i)] = Ratio::Of(static_cast<int64_t>(v * 10000 + 0.5), 10000);
    };
    set(Indicator::kPM25, pm25);
    set(Indicator::kO3_8h, o3_8h);
    set(Indicator::kO3_1h, o3_8h + 20);
    set(Indicator::kPM10, pm10);
    set(Indicator::kSO2, so2);
    set(Indicator::kNO2, no2);
    set(Indicator::kCO, co);
    ScoreDailyValues(*d.edition, 0, &d);
    return d;
  }
  AirStandards standards_;
};

TEST_F(AssessmentTest, GoodDaysLevelsAndRatio) {
  std::vector<DailyRecord> days;
  // 2025-06-01..10: PM2.5 20 (优/良 by O3) on 8 days, 100 (轻度) and 160 (重度) on two.
  for (int i = 1; i <= 10; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-06-%02d", i);
    days.push_back(Day(date, i == 3 ? 100 : i == 7 ? 260 : 20));
  }
  PeriodOptions options;
  options.from = ParseDate("2025-06-01").value();
  options.to = ParseDate("2025-06-10").value();
  auto a = AssessPeriod(days, standards_, options);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->days_valid, 10);
  EXPECT_EQ(a->good_days, 8);
  EXPECT_EQ(FormatRounded(*a->good_day_ratio, 1), "80.0");
  // PM2.5 260 → 2012 table: 250..350 → 300..400: 310 → 严重污染 (level 6).
  EXPECT_EQ(a->days_by_level[5], 1);
  EXPECT_EQ(a->days_by_level[2], 1);
  EXPECT_EQ(a->heavy_pollution_days, 1);
  EXPECT_EQ(a->limits_edition, "gb3095-2012");
}

TEST_F(AssessmentTest, MeanPercentileComplianceAndExceedances) {
  std::vector<DailyRecord> days;
  // 20 days of 2026-04: PM2.5 = 10, 20, …, 200 (mean 105, P95 = 190.5 → 190 by half-even).
  for (int i = 1; i <= 20; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2026-04-%02d", i);
    days.push_back(Day(date, 10.0 * i));
  }
  PeriodOptions options;
  options.from = ParseDate("2026-04-01").value();
  options.to = ParseDate("2026-04-20").value();
  auto a = AssessPeriod(days, standards_, options);
  ASSERT_TRUE(a.ok());
  const PollutantAssessment& pm = a->pollutants[int(Pollutant::kPM25)];
  EXPECT_EQ(pm.valid_days, 20);
  EXPECT_EQ(*pm.mean, Ratio::Integer(105));
  // k = 1 + 19 × 0.95 = 19.05 → 190 + 0.05 × 10 = 190.5.
  EXPECT_EQ(*pm.percentile, Ratio::Of(381, 2));
  EXPECT_EQ(FormatRounded(*pm.percentile, 0), "190");
  // GB 3095-2026 transition class II: annual 30, daily 60.
  EXPECT_EQ(a->limits_edition, "gb3095-2026");
  EXPECT_EQ(a->limits_stage, "transition");
  EXPECT_EQ(*pm.mean_limit, 30 * kConcentrationScale);
  EXPECT_EQ(*pm.percentile_limit, 60 * kConcentrationScale);
  EXPECT_FALSE(*pm.compliant);
  EXPECT_EQ(pm.exceedance_days, 14);  // 70..200
  // Class I: daily limit 35.
  options.area_class = 1;
  auto class1 = AssessPeriod(days, standards_, options);
  EXPECT_EQ(*class1->pollutants[int(Pollutant::kPM25)].percentile_limit, 35 * kConcentrationScale);
  // SO2 8 every day: compliant.
  EXPECT_TRUE(*a->pollutants[int(Pollutant::kSO2)].compliant);
  // A partial month: the data-capture rule does not apply to whole months it
  // does not contain.
  EXPECT_TRUE(pm.enough_data);
}

TEST_F(AssessmentTest, DataCaptureRuleForMonthsAndYear) {
  std::vector<DailyRecord> days;
  // February 2025 with 25 valid days: enough; January 2025 with 26: not (27 needed).
  for (int i = 1; i <= 26; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-01-%02d", i);
    days.push_back(Day(date, 30));
  }
  for (int i = 1; i <= 25; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-02-%02d", i);
    days.push_back(Day(date, 30));
  }
  PeriodOptions feb;
  feb.from = ParseDate("2025-02-01").value();
  feb.to = ParseDate("2025-02-28").value();
  EXPECT_TRUE(AssessPeriod(days, standards_, feb)->pollutants[int(Pollutant::kPM25)].enough_data);
  PeriodOptions jan = feb;
  jan.from = ParseDate("2025-01-01").value();
  jan.to = ParseDate("2025-01-31").value();
  auto a = AssessPeriod(days, standards_, jan);
  EXPECT_FALSE(a->pollutants[int(Pollutant::kPM25)].enough_data);
  ASSERT_FALSE(a->notes.empty());
  EXPECT_NE(a->notes[0].find("26 valid days in 2025-01 (need 27)"), std::string::npos);
  PeriodOptions year = feb;
  year.from = ParseDate("2025-01-01").value();
  year.to = ParseDate("2025-12-31").value();
  auto y = AssessPeriod(days, standards_, year);
  EXPECT_FALSE(y->pollutants[int(Pollutant::kPM25)].enough_data);
}

TEST_F(AssessmentTest, CompositeIndexAndYearOnYearChange) {
  std::vector<DailyRecord> now, before;
  for (int i = 1; i <= 10; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-05-%02d", i);
    now.push_back(Day(date, 21, 192, 39, 9, 15, 0.7));
    std::snprintf(date, sizeof date, "2024-05-%02d", i);
    before.push_back(Day(date, 42, 192, 39, 9, 15, 0.7));
  }
  PeriodOptions options;
  options.from = ParseDate("2025-05-01").value();
  options.to = ParseDate("2025-05-10").value();
  auto a = AssessPeriod(now, standards_, options);
  // The 022net example: 3.0571 → 3.06.
  EXPECT_EQ(FormatRounded(*a->composite_index, 2), "3.06");
  options.from = ParseDate("2024-05-01").value();
  options.to = ParseDate("2024-05-10").value();
  auto b = AssessPeriod(before, standards_, options);
  PeriodChange change = CompareWithEarlier(*a, *b);
  EXPECT_EQ(FormatRounded(*change.pm25_mean_percent, 1), "-50.0");
}

// Dust days (扣沙, UNVERIFIED option): the dust day's PM values leave the
// means and the composite index; the good-day count keeps the day.
TEST_F(AssessmentTest, DustDaysLeavePmStatisticsNotTheGoodDayRatio) {
  std::vector<DailyRecord> days = {Day("2025-03-01", 20, 80, 60), Day("2025-03-02", 20, 80, 60),
                                   Day("2025-03-03", 90, 80, 600)};  // a dust day
  PeriodOptions options;
  options.from = ParseDate("2025-03-01").value();
  options.to = ParseDate("2025-03-03").value();
  auto all = AssessPeriod(days, standards_, options);
  options.dust_days = {ParseDate("2025-03-03").value(), ParseDate("2024-01-01").value()};
  auto removed = AssessPeriod(days, standards_, options);
  ASSERT_TRUE(all.ok() && removed.ok());
  const PollutantAssessment& pm10 = removed->pollutants[int(Pollutant::kPM10)];
  EXPECT_EQ(*all->pollutants[int(Pollutant::kPM10)].mean, Ratio::Integer(240));
  EXPECT_EQ(*pm10.mean, Ratio::Integer(60));
  EXPECT_EQ(pm10.valid_days, 2);
  EXPECT_EQ(*removed->pollutants[int(Pollutant::kPM25)].mean, Ratio::Integer(20));
  // Other pollutants keep the day; so do the good days (the dust day is not good).
  EXPECT_EQ(removed->pollutants[int(Pollutant::kNO2)].valid_days, 3);
  EXPECT_EQ(removed->good_days, all->good_days);
  EXPECT_EQ(removed->days_valid, 3);
  EXPECT_LT(*removed->composite_index, *all->composite_index);
  ASSERT_FALSE(removed->notes.empty());
  EXPECT_NE(removed->notes.back().find("1 dust day(s) removed"), std::string::npos);
}

TEST(Percentile, WorkedExample) {
  std::vector<Ratio> v;
  for (int x : {3, 4, 8, 2, 5, 4}) v.push_back(Ratio::Integer(x));
  EXPECT_EQ(Percentile(v, 90), Ratio::Of(13, 2));
}

}  // namespace
}  // namespace ecociv::air
