// Air target progress: the allowance by hand, the exactly-met test through
// air::AssessPeriod, the rounding edge, and non-good days. The report text of
// the same example is the golden case tests/golden/warning/air_targets_small.test.
#include "ecociv/warning/air_targets.h"

#include <gtest/gtest.h>

#include "ecociv/air/assessment.h"

namespace ecociv::warning {
namespace {

const air::AirStandards& Standards() {
  static const air::AirStandards standards = *air::AirStandards::Load("");
  return standards;
}

// Daily records of one city with a PM2.5 value and an AQI per day.
std::vector<air::DailyRecord> Days(CivilDate from, const std::vector<int>& pm25,
                                   const std::vector<int>& aqi) {
  std::vector<air::DailyRecord> out;
  DayNumber first = DaysFromCivil(from);
  for (size_t i = 0; i < pm25.size(); ++i) {
    air::DailyRecord d;
    d.day = first + static_cast<DayNumber>(i);
    d.edition = Standards().FindAqi("hj633-2026");
    d.value[int(air::Indicator::kPM25)] = Ratio::Integer(pm25[i]);
    d.aqi.aqi = static_cast<int16_t>(aqi[i]);
    out.push_back(d);
  }
  return out;
}

// The small example of docs/warning.md: 2028 (366 days); to 27 December
// (362 days) every day PM2.5 36 and the first 300 days good (AQI 40), the
// other 62 AQI 120; 2027 all PM2.5 30, all good. Targets: PM2.5 36, good days 82.5 %.
std::vector<air::DailyRecord> Example() {
  std::vector<air::DailyRecord> days =
      Days({2027, 1, 1}, std::vector<int>(365, 30), std::vector<int>(365, 40));
  std::vector<int> aqi(362, 40);
  for (int i = 300; i < 362; ++i) aqi[i] = 120;
  std::vector<air::DailyRecord> now = Days({2028, 1, 1}, std::vector<int>(362, 36), aqi);
  days.insert(days.end(), now.begin(), now.end());
  return days;
}

AirTargetOptions ExampleOptions() {
  AirTargetOptions o;
  o.year = 2028;
  o.as_of = DaysFromCivil({2028, 12, 27});
  o.pm25_target = Ratio::Integer(36);
  o.good_day_ratio_target = Ratio::Of(825, 10);
  return o;
}

TEST(MeanAllowance, ByHand) {
  // S = 362 × 36 = 13032; B = 36.5 (rounds to 36: inclusive);
  // allowance = (36.5 × 366 − 13032) / 4 = 327 / 4 = 81.75.
  MeanAllowance a = ComputeMeanAllowance(Ratio::Integer(13032), 362, 4, Ratio::Integer(36), 0);
  EXPECT_TRUE(a.inclusive);
  EXPECT_EQ(a.value, Ratio::Of(327, 4));
  EXPECT_EQ(a.bound, Ratio::Of(73, 2));
  // An odd target: 35.5 rounds to 36, so the rest must stay strictly below.
  MeanAllowance odd = ComputeMeanAllowance(Ratio::Integer(13032), 362, 4, Ratio::Integer(35), 0);
  EXPECT_FALSE(odd.inclusive);
  // (35.5 × 366 − 13032) / 4 = (12993 − 13032) / 4 = −39/4: already missed.
  EXPECT_EQ(odd.value, Ratio::Of(-39, 4));
}

// The annual mean and its rounded value as the air engine computes them.
std::pair<Ratio, int64_t> AnnualMean(const std::vector<air::DailyRecord>& days) {
  air::PeriodOptions p;
  p.from = DaysFromCivil({2028, 1, 1});
  p.to = DaysFromCivil({2028, 12, 31});
  auto a = air::AssessPeriod(days, Standards(), p);
  EXPECT_TRUE(a.ok());
  const Ratio& mean = *a->pollutants[int(air::Pollutant::kPM25)].mean;
  return {mean, RoundHalfEven(mean, 0)};
}

TEST(MeanAllowance, ExactlyMetWhenTheRestComesInAtTheAllowance) {
  std::vector<air::DailyRecord> days = Example();
  auto report = ComputeAirTargets(days, Standards(), ExampleOptions());
  ASSERT_TRUE(report.ok()) << report.status().message();
  const PollutantTarget& pm = report->pollutants.back();
  ASSERT_EQ(pm.pollutant, air::Pollutant::kPM25);
  ASSERT_TRUE(pm.allowance);
  ASSERT_EQ(pm.allowance->value, Ratio::Of(327, 4));
  // The rest at exactly 81.75 on average (81 + 82 + 82 + 82 = 327, integer
  // daily values as published): the annual mean is exactly 36.5 → 36, met.
  std::vector<air::DailyRecord> met = days;
  std::vector<air::DailyRecord> rest = Days({2028, 12, 28}, {81, 82, 82, 82}, {40, 40, 40, 40});
  met.insert(met.end(), rest.begin(), rest.end());
  auto [mean, rounded] = AnnualMean(met);
  EXPECT_EQ(mean, Ratio::Of(73, 2));
  EXPECT_EQ(rounded, 36);
  // One µg/m³ more on one day: 37, missed.
  std::vector<air::DailyRecord> missed = days;
  rest = Days({2028, 12, 28}, {82, 82, 82, 82}, {40, 40, 40, 40});
  missed.insert(missed.end(), rest.begin(), rest.end());
  EXPECT_EQ(AnnualMean(missed).second, 37);
}

// Days with all six pollutants: SO2 6, NO2 20, PM10 70, CO 0.8, O3-8h 80
// (composite terms 0.1 + 0.5 + 1.0 + 0.2 + 0.5 = 2.3 under ranking-2014) and
// the given PM2.5.
std::vector<air::DailyRecord> FullDays(CivilDate from, const std::vector<int>& pm25) {
  std::vector<air::DailyRecord> out = Days(from, pm25, std::vector<int>(pm25.size(), 40));
  for (air::DailyRecord& d : out) {
    d.value[int(air::Indicator::kSO2)] = Ratio::Integer(6);
    d.value[int(air::Indicator::kNO2)] = Ratio::Integer(20);
    d.value[int(air::Indicator::kPM10)] = Ratio::Integer(70);
    d.value[int(air::Indicator::kCO)] = Ratio::Of(8, 10);
    d.value[int(air::Indicator::kO3_8h)] = Ratio::Integer(80);
  }
  return out;
}

std::optional<Ratio> AnnualComposite(const std::vector<air::DailyRecord>& days) {
  air::PeriodOptions p;
  p.from = DaysFromCivil({2028, 1, 1});
  p.to = DaysFromCivil({2028, 12, 31});
  auto a = air::AssessPeriod(days, Standards(), p);
  EXPECT_TRUE(a.ok());
  return a->composite_index;
}

TEST(CompositeAllowance, ByHandAndExactlyMet) {
  // 362 days of PM2.5 36; target index 3.40. The other terms are 2.3, so the
  // rounded PM2.5 mean m must keep round(2.3 + m/35, 2) ≤ 3.40: m = 38 gives
  // 3.3857 → 3.39, m = 39 gives 3.4143 → 3.41. A PM2.5 annual target of 38:
  // bound 38.5 (rounds to 38), allowance (38.5 × 366 − 13032)/4 = 1059/4.
  std::vector<air::DailyRecord> days = FullDays({2028, 1, 1}, std::vector<int>(362, 36));
  AirTargetOptions o = ExampleOptions();
  o.good_day_ratio_target.reset();
  o.composite_target = Ratio::Of(340, 100);
  auto report = ComputeAirTargets(days, Standards(), o);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_TRUE(report->composite);
  const CompositeTarget& c = *report->composite;
  EXPECT_EQ(*c.others_ytd, Ratio::Of(23, 10));
  EXPECT_EQ(*c.pm25_annual_target, Ratio::Integer(38));
  ASSERT_TRUE(c.pm25_allowance);
  EXPECT_EQ(c.pm25_allowance->value, Ratio::Of(1059, 4));
  EXPECT_TRUE(c.pm25_allowance->inclusive);
  // The rest at exactly 264.75 on average (264 + 265 + 265 + 265 = 1059).
  std::vector<air::DailyRecord> met = days;
  std::vector<air::DailyRecord> rest = FullDays({2028, 12, 28}, {264, 265, 265, 265});
  met.insert(met.end(), rest.begin(), rest.end());
  EXPECT_EQ(RoundedRatio(*AnnualComposite(met), 2), Ratio::Of(339, 100));
  // One µg/m³ more on one day: the PM2.5 mean rounds to 39 and the index to 3.41.
  std::vector<air::DailyRecord> missed = days;
  rest = FullDays({2028, 12, 28}, {265, 265, 265, 265});
  missed.insert(missed.end(), rest.begin(), rest.end());
  EXPECT_EQ(RoundedRatio(*AnnualComposite(missed), 2), Ratio::Of(341, 100));
}

TEST(CompositeAllowance, MissedWhenTheOtherTermsAloneExceedTheTarget) {
  std::vector<air::DailyRecord> days = FullDays({2028, 1, 1}, std::vector<int>(362, 36));
  AirTargetOptions o = ExampleOptions();
  o.good_day_ratio_target.reset();
  o.composite_target = Ratio::Of(229, 100);  // below the 2.3 of the other terms
  auto report = ComputeAirTargets(days, Standards(), o);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->composite->risk, "missed");
  EXPECT_FALSE(report->composite->pm25_allowance);
  ASSERT_FALSE(report->warnings.empty());
  EXPECT_EQ(Render(report->warnings.back(), Language::kZh),
            "综合指数：在其他分指数保持年初至今水平时，即使剩余天数PM2.5为零也无法达到目标2.29");
}

TEST(NonGoodDays, RoundingOfTheRatio) {
  // 300 good of 362, 4 left, 366 in all: 302/366 = 82.51 % → 82.5 meets 82.5;
  // 301/366 = 82.24 % does not. So 2 non-good days are still allowed.
  EXPECT_EQ(NonGoodDaysAllowed(300, 362, 4, Ratio::Of(825, 10), 1), 2);
  EXPECT_EQ(NonGoodDaysAllowed(300, 362, 4, Ratio::Integer(80), 1), 4);
  EXPECT_EQ(NonGoodDaysAllowed(300, 362, 4, Ratio::Integer(90), 1), -1);
}

TEST(AirTargets, AsOfOutsideTheYear) {
  AirTargetOptions o = ExampleOptions();
  o.as_of = DaysFromCivil({2029, 1, 1});
  EXPECT_EQ(ComputeAirTargets(Example(), Standards(), o).status().code(),
            StatusCode::kInvalidArgument);
}

// O3-8h has no annual mean limit: it is judged by its 90th percentile against 160. A year
// to date of 171 every day is above it (risk high), set against last year's 100; every
// target has a trajectory, this year to the as-of date and last year to its end; the
// allowance is printed to one decimal, rounded down.
TEST(PercentileTargets, O3AboveItsLimitAndTrajectories) {
  std::vector<air::DailyRecord> days =
      Days({2027, 1, 1}, std::vector<int>(365, 30), std::vector<int>(365, 40));
  for (auto& d : days) d.value[int(air::Indicator::kO3_8h)] = Ratio::Integer(100);
  std::vector<air::DailyRecord> now =
      Days({2028, 1, 1}, std::vector<int>(100, 36), std::vector<int>(100, 40));
  for (auto& d : now) d.value[int(air::Indicator::kO3_8h)] = Ratio::Integer(171);
  days.insert(days.end(), now.begin(), now.end());
  AirTargetOptions o;
  o.year = 2028;
  o.as_of = DaysFromCivil({2028, 4, 9});  // day 100
  o.pm25_target = Ratio::Integer(35);
  auto report = ComputeAirTargets(days, Standards(), o);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->percentile_targets.size(), 1u);
  const PercentileTarget& o3 = report->percentile_targets[0];
  EXPECT_EQ(o3.pollutant, air::Pollutant::kO3);
  EXPECT_EQ(o3.rank, 90);
  EXPECT_EQ(FormatRounded(*o3.ytd, 0), "171");
  EXPECT_EQ(FormatRounded(o3.target, 0), "160");
  EXPECT_EQ(FormatRounded(*o3.last_year_ytd, 0), "100");
  EXPECT_EQ(o3.risk, "high");
  ASSERT_EQ(report->trajectories.size(), 2u);  // PM2.5, then O3
  EXPECT_EQ(report->trajectories[0].pollutant, air::Pollutant::kPM25);
  EXPECT_EQ(report->trajectories[1].pollutant, air::Pollutant::kO3);
  EXPECT_EQ(report->trajectories[1].this_year.size(), 100u);
  EXPECT_EQ(report->trajectories[1].last_year.size(), 365u);
  EXPECT_EQ(FormatRounded(*report->trajectories[0].this_year.back(), 0), "36");
  std::string json = AirTargetsJson(*report);
  EXPECT_NE(json.find(R"("percentile_targets")"), std::string::npos);
  EXPECT_NE(json.find(R"("ytd": "171")"), std::string::npos);
  // PM2.5 target 35 (the limit): B = 35.5, S = 3600 over 100 days, 266 left:
  // (35.5 × 366 − 3600) / 266 = 9393 / 266 = 35.312… → "≤ 35.3".
  EXPECT_NE(json.find(R"("allowance_published": {)"), std::string::npos);
  EXPECT_NE(json.find(R"("value": "35.3")"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::warning
