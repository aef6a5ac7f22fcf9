#include "ecociv/water/samples.h"

#include <gtest/gtest.h>
#include "water_test_util.h"

namespace ecociv::water {
namespace {

using testing_util::Rules;

const char kSections[] =
    "section,name,river,type,target_class,level,chief\n"
    "S1,一号,甲河,river,III,national,张三\n"
    "S2,二号,乙湖,lake,Ⅱ类,town,\n";

SampleSet WithSections() {
  SampleSet set;
  auto sections = ParseSections(kSections, "sections.csv");
  EXPECT_TRUE(sections.ok()) << sections.status().ToString();
  set.sections = *sections;
  return set;
}

std::string SamplesErrorOf(const std::string& samples) {
  SampleSet set = WithSections();
  Status s = ParseSamples(samples, "samples.csv", Rules(), &set);
  EXPECT_TRUE(set.samples.empty()) << "nothing is kept from a file with an error";
  return s.ok() ? "OK" : s.message();
}

TEST(WaterSections, ParsesTypesClassesAndLevels) {
  SampleSet set = WithSections();
  ASSERT_EQ(set.sections.size(), 2u);
  EXPECT_EQ(set.sections[1].type, WaterBody::kLake);
  EXPECT_EQ(set.sections[1].target, WaterClass::kII);
  EXPECT_EQ(set.sections[1].level, SectionLevel::kTown);
  EXPECT_EQ(set.sections[0].chief, "张三");
}

TEST(WaterSections, DrinkingSourceColumn) {
  auto r = ParseSections(
      "section,name,river,type,target_class,level,drinking_source\n"
      "A,a,r,river,II,national,是\nB,b,r,river,III,town,0\nC,c,r,river,III,town,\n",
      "s.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE((*r)[0].drinking_source);
  EXPECT_FALSE((*r)[1].drinking_source);
  EXPECT_FALSE((*r)[2].drinking_source);
  auto bad = ParseSections(
      "section,name,river,type,target_class,level,drinking_source\nA,a,r,river,II,town,maybe\n",
      "s.csv");
  EXPECT_NE(bad.status().message().find("s.csv:2"), std::string::npos) << bad.status().message();
}

TEST(WaterSections, CategoriesAndStructuredChief) {
  auto r = ParseSections(
      "section,name,river,type,target_class,level,categories,chief_name,chief_post,chief_unit\n"
      "A,a,r,river,II,national, 国省考断面 ；通江支流;国省考断面 ,李四,副市长,市人民政府\n"
      "B,b,r,river,III,town,,,,\n",
      "s.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].categories, (std::vector<std::string>{"国省考断面", "通江支流"}));
  EXPECT_EQ(ChiefText((*r)[0]), "李四（副市长，市人民政府）");
  EXPECT_TRUE((*r)[1].categories.empty());
  EXPECT_EQ(ChiefText((*r)[1]), "");
  EXPECT_EQ(JoinCategories((*r)[0].categories), "国省考断面;通江支流");
  Section free_text;
  free_text.chief = "张三";
  free_text.chief_name = "李四";
  EXPECT_EQ(ChiefText(free_text), "张三");  // the free text wins when given
  auto bad = ParseSections("section,name,river,type,target_class,level,categories\n"
                           "A,a,r,river,II,town," +
                               std::string(101, 'x') + "\n",
                           "s.csv");
  EXPECT_NE(bad.status().message().find("s.csv:2: category 'xxx"), std::string::npos)
      << bad.status().message();
}

TEST(WaterSections, ErrorsNameFileAndLine) {
  auto r = ParseSections("section,name,river,type,level\n", "s.csv");
  EXPECT_EQ(r.status().message(), "s.csv:1: header lacks the column 'target_class'");
  r = ParseSections("section,name,river,type,target_class,level\nA,a,r,sea,III,town\n", "s.csv");
  EXPECT_EQ(r.status().message(), "s.csv:2: type 'sea' is not river, lake or reservoir");
  r = ParseSections("section,name,river,type,target_class,level\nA,a,r,river,劣V,town\n", "s.csv");
  EXPECT_EQ(r.status().message(), "s.csv:2: target_class '劣V' is not a class I..V");
  r = ParseSections(
      "section,name,river,type,target_class,level\nA,a,r,river,III,town\nA,b,r,river,II,town\n",
      "s.csv");
  EXPECT_EQ(r.status().message(), "s.csv:3: section 'A' already defined on line 2");
  r = ParseSections("section,name,river,type,target_class,level,name\n", "s.csv");
  EXPECT_EQ(r.status().message(),
            "s.csv:1: column 'name' appears twice in the header (fields 2 and 7)");
  r = ParseSections("section,name,river,type,target_class,level\nA,a,r,river,III,county\n",
                    "s.csv");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(WaterSamples, LongFormWithFlagsAndUnits) {
  SampleSet set = WithSections();
  Status s = ParseSamples(
      "section,time,item,value,flag,unit\n"
      "S1,2025-01-05,氨氮,0.52,,mg/L\n"
      "S1,2025-01-05 10:00,w20111,0.04,L,µg/L\n"
      "S1,2025/1/6,NH3-N,<0.025,,\n"
      "S1,2025-01,总磷,0.02L,,\n"
      "S1,2025-01-07T08:00,挥发酚,ND,,\n"
      "S2,2025-01-05,叶绿素a,0.012,,mg/L\n"
      "S2,2025-01-05,透明度,80,,cm\n"
      "S2,2025-01-05,粪大肠菌群,35,,MPN/100mL\n",
      "samples.csv", Rules(), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(set.samples.size(), 8u);
  EXPECT_EQ(set.samples[0].value, 520000);
  EXPECT_FALSE(set.samples[0].below_detection);
  EXPECT_EQ(set.samples[1].value, 40);  // 0.04 µg/L = 0.00004 mg/L
  EXPECT_TRUE(set.samples[1].below_detection);
  EXPECT_EQ(set.samples[2].value, 25000);
  EXPECT_TRUE(set.samples[2].below_detection);
  EXPECT_EQ(set.samples[2].day, *ParseDate("2025-01-06"));
  EXPECT_EQ(set.samples[3].day, *ParseDate("2025-01-01"));  // a monthly value
  EXPECT_TRUE(set.samples[3].below_detection);
  EXPECT_TRUE(set.samples[4].below_detection);
  EXPECT_FALSE(set.samples[4].limit_known);
  EXPECT_EQ(set.samples[5].value, 12000000);   // 0.012 mg/L = 12 mg/m³
  EXPECT_EQ(set.samples[6].value, 800000);     // 80 cm = 0.8 m
  EXPECT_EQ(set.samples[7].value, 350000000);  // 35 per 100 mL = 350 per L
}

TEST(WaterSamples, WideForm) {
  SampleSet set = WithSections();
  Status s = ParseSamples("section,time,pH值,DO,w21003,总磷\nS1,2025-02-01,7.2,,0.3,<0.01\n",
                          "wide.csv", Rules(), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(set.samples.size(), 3u);  // the empty DO cell is "not measured"
  EXPECT_EQ(Rules().item(set.samples[0].item).id, "ph");
  EXPECT_EQ(Rules().item(set.samples[2].item).id, "tp");
  EXPECT_TRUE(set.samples[2].below_detection);
}

TEST(WaterSamples, WideHeadersMayCarryUnits) {
  SampleSet set = WithSections();
  Status s = ParseSamples(
      "section,time,氨氮(mg/L),汞[µg/L],粪大肠菌群（个/"
      "100mL）,铬(六价)\nS1,2025-02-01,0.3,0.05,12,0.004\n",
      "wide.csv", Rules(), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(set.samples.size(), 4u);
  EXPECT_EQ(set.samples[0].value, 300000);
  EXPECT_EQ(set.samples[1].value, 50);         // 0.05 µg/L = 0.00005 mg/L
  EXPECT_EQ(set.samples[2].value, 120000000);  // 12 per 100 mL = 120 per L
  EXPECT_EQ(Rules().item(set.samples[3].item).id, "cr6");
  set.samples.clear();
  s = ParseSamples("section,time,氨氮(kg)\n", "wide.csv", Rules(), &set);
  EXPECT_EQ(s.message(), "wide.csv:1: unit 'kg' in column '氨氮(kg)' cannot be converted to mg/L");
}

TEST(WaterSamples, BadInputIsFileLineReason) {
  EXPECT_EQ(SamplesErrorOf("station,time,item,value\n"),
            "samples.csv:1: header needs the columns 'section' and 'time'");
  EXPECT_EQ(SamplesErrorOf("section,time,item\n"),
            "samples.csv:1: long form needs both 'item' and 'value' columns");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value,remark\n"),
            "samples.csv:1: unexpected column 'remark'");
  EXPECT_EQ(SamplesErrorOf("section,time,氨氮,电导率,浊度\n"),
            "samples.csv:1: unknown item column(s) '电导率', '浊度'");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,0.5\nS1,2025-01-01,电导率,300\n"),
            "samples.csv:3: unknown item '电导率'");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,0.5x\n"),
            "samples.csv:2: bad number '0.5x' for 氨氮");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,-0.5\n"),
            "samples.csv:2: negative value '-0.5' for 氨氮");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value,flag,unit\nS1,2025-01-01,氨氮,0.5,,g/m3x\n"),
            "samples.csv:2: unit 'g/m3x' cannot be converted to mg/L for 氨氮");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value,flag,unit\nS1,2025-01-01,pH,7,,mg/L\n"),
            "samples.csv:2: unit 'mg/L' cannot be converted to 1 for pH值");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value,flag\nS1,2025-01-01,氨氮,0.5,Q\n"),
            "samples.csv:2: unknown flag 'Q'");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS9,2025-01-01,氨氮,0.5\n"),
            "samples.csv:2: unknown section 'S9'");
  EXPECT_EQ(
      SamplesErrorOf("section,time,item,value\nS1,2025-13-01,氨氮,0.5\n").rfind("samples.csv:2: ", 0), 0u);
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮\n"),
            "samples.csv:2: expected 4 fields, found 3");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,\"0.5\n"),
            SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,\"0.5\n"));  // an open quote
  EXPECT_NE(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,\"0.5\n"), "OK");
}

TEST(WaterSamples, NdWithoutLimitCanBeAnError) {
  WaterRules rules = Rules();
  rules.mutable_options().nd_without_limit_is_error = true;
  SampleSet set = WithSections();
  Status s = ParseSamples("section,time,item,value\nS1,2025-01-01,氨氮,ND\n", "f.csv", rules, &set);
  EXPECT_EQ(s.message(), "f.csv:2: ND without a detection limit for 氨氮");
}

// One value per section, day and item, as the store's import keeps them: a
// repeat of the same value is dropped, a second, different value refused
// (within a file and across the files read into one set).
TEST(WaterSamples, TwoValuesForOneSampleAreRefused) {
  EXPECT_EQ(SamplesErrorOf("section,time,item,value\nS1,2025-01-01,氨氮,0.5\nS1,2025-01-01,NH3-N,0.6\n"),
            "samples.csv:3: section 'S1' 2025-01-01 nh3n: two values (0.5 and 0.6) for "
            "one day (the first on line 2)");
  EXPECT_EQ(SamplesErrorOf("section,time,氨氮\nS1,2025-01-01,0.5\nS1,2025-01-01 08:00,<0.5\n"),
            "samples.csv:3: section 'S1' 2025-01-01 nh3n: two values (0.5 and <0.5) for "
            "one day (the first on line 2)");
  SampleSet set = WithSections();
  ASSERT_TRUE(ParseSamples("section,time,item,value\nS1,2025-01-01,氨氮,0.5\n"
                           "S1,2025-01-01,氨氮,0.50\n",
                           "a.csv", Rules(), &set)
                  .ok());
  EXPECT_EQ(set.samples.size(), 1u);  // the repeat is dropped, not counted twice
  Status second =
      ParseSamples("section,time,item,value\nS1,2025-01-01,氨氮,0.7\n", "b.csv", Rules(), &set);
  EXPECT_EQ(second.message(),
            "b.csv:2: section 'S1' 2025-01-01 nh3n: two values (0.5 and 0.7) for one day "
            "(the first from an earlier file)");
  EXPECT_EQ(set.samples.size(), 1u);
}

// Automatic stations sample several times a day: values at different times
// of one day are kept; two different values at one time are refused.
TEST(WaterSamples, SeveralTimesOfOneDayAreKept) {
  SampleSet set = WithSections();
  ASSERT_TRUE(ParseSamples("section,time,氨氮\nS1,2025-11-08 00:00,0.5\nS1,2025-11-08 04:00,0.7\n"
                           "S1,2025-11-08 04:00,0.70\n",
                           "a.csv", Rules(), &set)
                  .ok());
  EXPECT_EQ(set.samples.size(), 2u);
  EXPECT_EQ(SamplesErrorOf("section,time,氨氮\nS1,2025-11-08 04:00,0.5\nS1,2025-11-08 04:00,0.7\n"),
            "samples.csv:3: section 'S1' 2025-11-08 04:00 nh3n: two values (0.5 and 0.7) for "
            "one time (the first on line 2)");
}

// Two columns of one item, or one column name twice, are refused.
TEST(WaterSamples, ColumnsNamedTwiceAreRefused) {
  EXPECT_EQ(SamplesErrorOf("section,time,氨氮,NH3-N\n"),
            "samples.csv:1: columns '氨氮' and 'NH3-N' are both 氨氮 (fields 3 and 4)");
  EXPECT_EQ(SamplesErrorOf("section,time,氨氮(mg/L),氨氮\n"),
            "samples.csv:1: columns '氨氮(mg/L)' and '氨氮' are both 氨氮 (fields 3 and 4)");
  EXPECT_EQ(SamplesErrorOf("section,time,item,value,Value\n"),
            "samples.csv:1: column 'value' appears twice in the header (fields 4 and 5)");
  EXPECT_EQ(SamplesErrorOf("section,time,SECTION,氨氮\n"),
            "samples.csv:1: column 'section' appears twice in the header (fields 1 and 3)");
}

// A huge field is quoted short, with its length, in every error it causes.
TEST(WaterSamples, HugeFieldsAreQuotedShort) {
  const std::string huge(4 << 20, '9');
  for (const std::string& csv :
       {"section,time,item,value\nS1,2025-01-01,氨氮,x" + huge + "\n",
        "section,time,item,value\nS1,2025-01-" + huge + ",氨氮,1\n",
        "section,time,item,value\nS" + huge + ",2025-01-01,氨氮,1\n",
        "section,time,item,value\nS1,2025-01-01,X" + huge + ",1\n",
        "section,time,item,value,flag\nS1,2025-01-01,氨氮,1,Q" + huge + "\n",
        "section,time,X" + huge + "\n"}) {
    std::string error = SamplesErrorOf(csv);
    EXPECT_LT(error.size(), 250u) << error.substr(0, 300);
    EXPECT_NE(error.find(" bytes)"), std::string::npos) << error.substr(0, 300);
  }
  auto sections = ParseSections(
      "section,name,river,type,target_class,level\nA,a,r," + huge + ",III,town\n", "s.csv");
  ASSERT_FALSE(sections.ok());
  EXPECT_LT(sections.status().message().size(), 250u);
}

}  // namespace
}  // namespace ecociv::water

namespace ecociv::water {
namespace {

TEST(SampleTime, DateTimeOfDayOrMonth) {
  auto minute_of = [](const char* text) {
    int16_t minute = -2;
    auto day = ParseSampleTime(text, &minute);
    return day.ok() ? FormatDate(*day) + " " + std::to_string(minute) : day.status().message();
  };
  EXPECT_EQ(minute_of("2025-11-06"), "2025-11-06 -1");
  EXPECT_EQ(minute_of("2025-11-06 20:00"), "2025-11-06 1200");
  EXPECT_EQ(minute_of("2025-11-06T20:00:59"), "2025-11-06 1200");
  EXPECT_EQ(minute_of("2025/3/1 9:05"), "2025-03-01 545");
  EXPECT_EQ(minute_of("2025-03-01 00:00:00.000"), "2025-03-01 0");
  EXPECT_EQ(minute_of("2025-03"), "2025-03-01 -1");
  EXPECT_EQ(minute_of("2025-11-06 24:00"), "bad time '2025-11-06 24:00'");
  EXPECT_EQ(minute_of("2025-11-06 20:60"), "bad time '2025-11-06 20:60'");
  EXPECT_EQ(minute_of("2025-11-06 20:00Z"), "bad time '2025-11-06 20:00Z'");
  EXPECT_EQ(minute_of("2025-11-06 noon"), "bad time '2025-11-06 noon'");
  EXPECT_EQ(minute_of("2025-03 10:00"), "bad time '2025-03': expected a date YYYY-MM-DD");
}

}  // namespace
}  // namespace ecociv::water
