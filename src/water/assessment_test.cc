#include "ecociv/water/assessment.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "ecociv/core/text_input.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/report.h"
#include "water_test_util.h"

namespace ecociv::water {
namespace {

using testing_util::Rules;

DayNumber Day(const char* text) { return *ParseDate(text); }

SampleSet Load(const WaterRules& rules, const std::string& samples,
               const std::string& sections =
                   "section,name,river,type,target_class,level\nS1,S1,R,river,III,town\n") {
  SampleSet set;
  auto parsed = ParseSections(sections, "sections");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  set.sections = *parsed;
  Status s = ParseSamples(samples, "samples", rules, &set);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return set;
}

SectionResult EvaluateOnly(const WaterRules& rules, const SampleSet& set, const char* from,
                           const char* to) {
  SectionSamples index = IndexSamples(set);
  return EvaluateSection(rules, set.sections[0], 0, index.by_section[0],
                         RangePeriod(Day(from), Day(to)));
}

TEST(WaterPeriods, SplitClipsToTheRange) {
  auto months = SplitPeriods(Day("2025-02-10"), Day("2025-05-03"), PeriodKind::kMonth);
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0].label, "2025-02");
  EXPECT_EQ(months[0].first, Day("2025-02-10"));
  EXPECT_EQ(months[0].last, Day("2025-02-28"));
  EXPECT_EQ(months[3].last, Day("2025-05-03"));
  auto quarters = SplitPeriods(Day("2024-11-01"), Day("2025-04-30"), PeriodKind::kQuarter);
  ASSERT_EQ(quarters.size(), 3u);
  EXPECT_EQ(quarters[0].label, "2024-Q4");
  EXPECT_EQ(quarters[2].label, "2025-Q2");
  auto years = SplitPeriods(Day("2024-06-01"), Day("2025-01-31"), PeriodKind::kYear);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[1].label, "2025");
}

TEST(WaterPeriods, PreviousAndYearEarlier) {
  Period jan = SplitPeriods(Day("2025-01-01"), Day("2025-01-31"), PeriodKind::kMonth)[0];
  EXPECT_EQ(PreviousPeriod(jan, PeriodKind::kMonth).label, "2024-12");
  EXPECT_EQ(YearEarlier(jan, PeriodKind::kMonth).label, "2024-01");
  Period q1 = SplitPeriods(Day("2025-01-01"), Day("2025-03-31"), PeriodKind::kQuarter)[0];
  EXPECT_EQ(PreviousPeriod(q1, PeriodKind::kQuarter).label, "2024-Q4");
  EXPECT_EQ(PreviousPeriod(q1, PeriodKind::kQuarter).last, Day("2024-12-31"));
  Period y = SplitPeriods(Day("2025-01-01"), Day("2025-12-31"), PeriodKind::kYear)[0];
  EXPECT_EQ(YearEarlier(y, PeriodKind::kYear).label, "2024");
}

TEST(WaterExceedance, MultipleIsExactAndDirectionAware) {
  const WaterRules& rules = Rules();
  const WaterItem& nh3n = rules.item(rules.IndexOf("nh3n"));
  auto m = ExceedanceMultiple(nh3n, Ratio::Of(13, 10), WaterBody::kRiver, WaterClass::kIII);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(*m, Ratio::Of(3, 10));
  EXPECT_FALSE(ExceedanceMultiple(nh3n, Ratio::Integer(1), WaterBody::kRiver, WaterClass::kIII));
  const WaterItem& tp = rules.item(rules.IndexOf("tp"));
  // Against the target class (II) rather than III: (0.15 − 0.1)/0.1.
  EXPECT_EQ(*ExceedanceMultiple(tp, Ratio::Of(15, 100), WaterBody::kRiver, WaterClass::kII),
            Ratio::Of(1, 2));
  EXPECT_EQ(*ExceedanceMultiple(tp, Ratio::Of(6, 100), WaterBody::kLake, WaterClass::kIII),
            Ratio::Of(1, 5));
  const WaterItem& dissolved_oxygen = rules.item(rules.IndexOf("do"));
  EXPECT_FALSE(
      ExceedanceMultiple(dissolved_oxygen, Ratio::Integer(1), WaterBody::kRiver, WaterClass::kIII));
}

const char kPolluted[] =
    "section,time,item,value\n"
    "S1,2025-01-05,氨氮,2.1\n"     // 劣V, multiple 1.10
    "S1,2025-01-05,COD,39\n"       // V, multiple 0.95
    "S1,2025-01-05,BOD5,9\n"       // V, multiple 1.25
    "S1,2025-01-05,溶解氧,1.5\n";  // 劣V, no multiple

TEST(WaterMainPollutants, ByMultipleThenItemsWithoutMultiple) {
  SampleSet set = Load(Rules(), kPolluted);
  SectionResult r = EvaluateOnly(Rules(), set, "2025-01-01", "2025-01-31");
  EXPECT_EQ(r.cls, WaterClass::kWorseThanV);
  EXPECT_EQ(FormatMainPollutants(Rules(), r.main_pollutants),
            "五日生化需氧量(1.25);氨氮(1.10);化学需氧量(0.95)");
}

TEST(WaterMainPollutants, ClassThenMultipleOption) {
  WaterRules rules = Rules();
  rules.mutable_options().main_rule = MainPollutantsRule::kClassThenMultiple;
  SampleSet set = Load(rules, kPolluted);
  SectionResult r = EvaluateOnly(rules, set, "2025-01-01", "2025-01-31");
  EXPECT_EQ(FormatMainPollutants(rules, r.main_pollutants),
            "氨氮(1.10);溶解氧;五日生化需氧量(1.25)");
}

TEST(WaterMainPollutants, ItemsWithoutMultipleCanBeExcluded) {
  WaterRules rules = Rules();
  SampleSet set = Load(rules, "section,time,item,value\nS1,2025-01-05,溶解氧,4\n");
  EXPECT_EQ(FormatMainPollutants(
                rules, EvaluateOnly(rules, set, "2025-01-01", "2025-01-31").main_pollutants),
            "溶解氧");
  rules.mutable_options().no_multiple_in_main = false;
  EXPECT_EQ(EvaluateOnly(rules, set, "2025-01-01", "2025-01-31").main_pollutants.size(), 0u);
}

TEST(WaterMeans, MonthlyMeansOptionAndBelowDetectionRules) {
  const char samples[] =
      "section,time,item,value\n"
      "S1,2025-01-05,氨氮,1.0\n"
      "S1,2025-01-20,氨氮,2.0\n"
      "S1,2025-02-05,氨氮,3.0\n"
      "S1,2025-01-05,总磷,0.04L\n"
      "S1,2025-02-05,总磷,0.10\n";
  WaterRules rules = Rules();
  SampleSet set = Load(rules, samples);
  SectionResult r = EvaluateOnly(rules, set, "2025-01-01", "2025-02-28");
  int nh3n = rules.IndexOf("nh3n"), tp = rules.IndexOf("tp");
  EXPECT_EQ(r.Find(nh3n)->mean, Ratio::Integer(2));
  EXPECT_EQ(r.Find(tp)->mean, Ratio::Of(6, 100));  // (0.02 + 0.10)/2
  rules.mutable_options().period_mean = PeriodMean::kMonthlyMeans;
  r = EvaluateOnly(rules, set, "2025-01-01", "2025-02-28");
  EXPECT_EQ(r.Find(nh3n)->mean, Ratio::Of(9, 4));  // (1.5 + 3)/2
  rules.mutable_options().period_mean = PeriodMean::kSamples;
  rules.mutable_options().below_dl_mean = BelowDetectionMean::kZero;
  EXPECT_EQ(EvaluateOnly(rules, set, "2025-01-01", "2025-02-28").Find(tp)->mean, Ratio::Of(5, 100));
  rules.mutable_options().below_dl_mean = BelowDetectionMean::kLimit;
  EXPECT_EQ(EvaluateOnly(rules, set, "2025-01-01", "2025-02-28").Find(tp)->mean, Ratio::Of(7, 100));
}

TEST(WaterMeans, AllBelowDetectionNeverWorseThanTheLimit) {
  WaterRules rules = Rules();
  rules.mutable_options().below_dl_mean = BelowDetectionMean::kLimit;
  // Every sample below a detection limit of 0.004 (class II): the class is at
  // most II. With the shipped limits and decimals the cap agrees with the class
  // of the mean (a mean of values under the limit cannot exceed it); it guards
  // against decimals options coarser than the limits.
  SampleSet set = Load(rules, "section,time,item,value\nS1,2025-01-05,镉,0.004L\n");
  SectionResult r = EvaluateOnly(rules, set, "2025-01-01", "2025-01-31");
  const ItemResult* cd = r.Find(rules.IndexOf("cd"));
  ASSERT_NE(cd, nullptr);
  EXPECT_TRUE(cd->all_below_detection());
  EXPECT_EQ(cd->cls, WaterClass::kII);
}

TEST(WaterMeans, EvaluatedValueIsRoundedHalfEvenBeforeClassifying) {
  // NH3-N 1.004 and 1.006 → mean 1.005 → 1.00 (5 after even 0) → III, not IV.
  SampleSet set = Load(
      Rules(), "section,time,item,value\nS1,2025-01-05,氨氮,1.004\nS1,2025-01-20,氨氮,1.006\n");
  SectionResult r = EvaluateOnly(Rules(), set, "2025-01-01", "2025-01-31");
  EXPECT_EQ(r.Find(Rules().IndexOf("nh3n"))->cls, WaterClass::kIII);
  WaterRules raw = Rules();
  raw.mutable_options().round_before_classification = false;
  EXPECT_EQ(EvaluateOnly(raw, set, "2025-01-01", "2025-01-31").Find(raw.IndexOf("nh3n"))->cls,
            WaterClass::kIV);
}

TEST(WaterStatus, SharesAtTheEdges) {
  WaterOptions o = Rules().options();
  auto status = [&](int good, int worse) {
    return StatusFromShares(o, Ratio::Integer(good), Ratio::Integer(worse));
  };
  EXPECT_EQ(status(90, 0), WaterClass::kI);
  EXPECT_EQ(status(89, 0), WaterClass::kIII);
  EXPECT_EQ(status(75, 25), WaterClass::kIII);
  EXPECT_EQ(status(74, 19), WaterClass::kIV);
  EXPECT_EQ(status(74, 20), WaterClass::kV);
  EXPECT_EQ(status(60, 39), WaterClass::kV);
  EXPECT_EQ(status(60, 40), WaterClass::kWorseThanV);
  o.heavy_max_good_share = 60;
  EXPECT_EQ(status(60, 40), WaterClass::kV);
  EXPECT_EQ(status(59, 40), WaterClass::kWorseThanV);
}

TEST(WaterClassify, PreviousAndYearEarlierClasses) {
  SampleSet set = Load(Rules(),
                       "section,time,item,value\n"
                       "S1,2024-01-10,氨氮,0.4\n"
                       "S1,2024-12-10,氨氮,1.2\n"
                       "S1,2025-01-10,氨氮,0.9\n");
  auto rows = ClassifyPeriods(Rules(), set, IndexSamples(set), Day("2025-01-01"), Day("2025-01-31"),
                              PeriodKind::kMonth);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].result.cls, WaterClass::kIII);
  EXPECT_EQ(rows[0].previous, WaterClass::kIV);
  EXPECT_EQ(rows[0].year_before, WaterClass::kII);
  std::string csv = ClassifyCsv(Rules(), set, rows);
  EXPECT_NE(csv.find("S1,2025-01,III,良好,III,yes,,0.9000,green,,IV,better,II,worse,"),
            std::string::npos)
      << csv;
}

// A section id a spreadsheet would run as a formula is written as text.
TEST(WaterClassify, CsvSectionTextIsNeverAFormula) {
  SampleSet set = Load(Rules(), "section,time,item,value\nS1,2025-01-10,氨氮,0.9\n");
  set.sections[0].id = "-2+3+cmd|' /C calc'!A0";
  auto rows = ClassifyPeriods(Rules(), set, IndexSamples(set), Day("2025-01-01"), Day("2025-01-31"),
                              PeriodKind::kMonth);
  ASSERT_EQ(rows.size(), 1u);
  std::string csv = ClassifyCsv(Rules(), set, rows);
  EXPECT_NE(csv.find("\n\"'-2+3+cmd|' /C calc'!A0\",2025-01,III,"), std::string::npos) << csv;
}

TEST(WaterCwqi, DeltaAndZeroBase) {
  EXPECT_EQ(*DeltaCwqi(Ratio::Integer(3), Ratio::Integer(4)), Ratio::Integer(-25));
  EXPECT_FALSE(DeltaCwqi(Ratio::Integer(3), Ratio()).has_value());
}

TEST(WaterDemoCity, DeterministicAndReadable) {
  DemoCityFiles a = GenerateDemoCity(Rules(), 2025, 7);
  DemoCityFiles b = GenerateDemoCity(Rules(), 2025, 7);
  DemoCityFiles c = GenerateDemoCity(Rules(), 2025, 8);
  EXPECT_EQ(a.samples_csv, b.samples_csv);
  EXPECT_NE(a.samples_csv, c.samples_csv);
  SampleSet set = Load(Rules(), a.samples_csv, a.sections_csv);
  EXPECT_EQ(set.sections.size(), 31u);
  Assessment year =
      Assess(Rules(), set, IndexSamples(set), RangePeriod(Day("2025-01-01"), Day("2025-12-31")));
  EXPECT_EQ(year.lakes.size(), 2u);
  ASSERT_TRUE(year.lakes[0].tli.has_value());
  EXPECT_EQ(year.lakes[0].tli->parameters, 5);
  int below = 0;
  for (const Sample& s : set.samples) below += s.below_detection;
  EXPECT_GT(below, 100);
  auto months = ClassifyPeriods(Rules(), set, IndexSamples(set), Day("2025-01-01"),
                                Day("2025-12-31"), PeriodKind::kMonth);
  EXPECT_EQ(months.size(), 372u);
  int failing = 0;
  for (const ClassifiedRow& row : months) failing += !row.result.compliant;
  EXPECT_GT(failing, 5);   // a few sections fail their target in some months
  EXPECT_LT(failing, 60);  // ... but most do not
}

#ifdef ECOCIV_BINARY
// The CLI contract: usage errors and bad input exit 2 with file:line.
int RunCli(const std::string& args, std::string* output) {
  std::string out = testing::TempDir() + "/water_cli_out.txt";
  int status =
      std::system((std::string(ECOCIV_BINARY) + " " + args + " > " + out + " 2>&1").c_str());
  auto text = ReadTextFile(out);
  *output = text.ok() ? *text : "";
  return WEXITSTATUS(status);
}

TEST(WaterCli, ClassifyAssessAndBadInput) {
  std::string dir = testing::TempDir() + "/water_cli";
  std::string out;
  ASSERT_EQ(RunCli("water demo-data --out " + dir + " --year 2025 --seed 3", &out), 0) << out;
  std::string inputs = " --samples " + dir + "/samples.csv --sections " + dir + "/sections.csv";
  ASSERT_EQ(
      RunCli("water classify" + inputs + " --period quarter --from 2025-01-01 --to 2025-06-30",
             &out),
      0)
      << out;
  EXPECT_EQ(
      out.rfind("section,period,class,status,target_class,compliant,main_pollutants,cwqi,", 0), 0u);
  EXPECT_NE(out.find(",2025-Q2,"), std::string::npos);
  ASSERT_EQ(
      RunCli("water assess" + inputs +
                 " --from 2025-01-01 --to 2025-12-31 --base-from 2025-01-01 --base-to 2025-03-31",
             &out),
      0)
      << out;
  EXPECT_NE(out.find("\"delta_cwqi_percent\""), std::string::npos);
  EXPECT_NE(out.find("\"tli\""), std::string::npos);

  std::string bad = dir + "/bad.csv";
  std::ofstream(bad)
      << "section,time,item,value\nCJ01,2025-01-05,氨氮,0.5\nCJ01,2025-01-05,电导率,310\n";
  EXPECT_EQ(
      RunCli("water classify --samples " + bad + " --sections " + dir + "/sections.csv", &out), 2);
  EXPECT_NE(out.find(bad + ":3: unknown item '电导率'"), std::string::npos) << out;
  EXPECT_EQ(RunCli("water assess" + inputs + " --from 2025-01-01", &out), 2);
  EXPECT_EQ(RunCli("water classify" + inputs + " --period week", &out), 2);
}
#endif

}  // namespace
}  // namespace ecociv::water
