#include "ecociv/water/realtime.h"

#include <gtest/gtest.h>

#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"
#include "ecociv/water/report.h"
#include "water_test_util.h"

namespace ecociv::water {
namespace {

using testing_util::Editions;
using testing_util::Rules;

const RealtimeRules& Edition(const char* id) {
  const RealtimeRules* e = Editions().Find(id);
  EXPECT_NE(e, nullptr) << id;
  return *e;
}

Ratio Exact(const char* text) {
  int64_t scaled = 0;
  EXPECT_TRUE(ParseScaledDecimal(text, kWaterDecimals, &scaled)) << text;
  return WaterValue(scaled);
}

// A sample from "item=value" pairs.
SampleValues Values(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  SampleValues v;
  v.values.resize(Rules().items().size());
  for (const auto& [id, text] : pairs) v.values[Rules().IndexOf(id)] = Exact(text);
  return v;
}

std::string Class(const SampleJudgement& j) { return j.cls ? ClassLabel(*j.cls) : "none"; }

SampleValues Clean(const char* item, const char* value) {
  SampleValues v = Values({{"ph", "7.5"}, {"do", "9"}, {"codmn", "1"}, {"nh3n", "0.1"},
                           {"tp", "0.01"}});
  v.values[Rules().IndexOf(item)] = Exact(value);
  return v;
}

TEST(RealtimeEditions, LoadsTheTwoReleaseLayoutsAndPicksThemByDate) {
  ASSERT_EQ(Editions().editions().size(), 2u);
  const RealtimeRules& e2025 = Edition("cnemc-auto-release-2025");
  EXPECT_EQ(e2025.items.size(), 5u);
  EXPECT_EQ(e2025.rounding, RealtimeRounding::kHalfEven);
  EXPECT_EQ(e2025.decimals, (std::vector<int>{0, 1, 1, 2, 3}));
  EXPECT_EQ(e2025.missing, MissingItemRule::kNoClass);
  EXPECT_TRUE(e2025.IsMaintenance("维护"));
  EXPECT_FALSE(e2025.IsMaintenance("正常"));
  EXPECT_EQ(Edition("cnemc-auto-release-2026").rounding, RealtimeRounding::kNone);

  auto at = [](const char* date) {
    auto found = Editions().For(*ParseDate(date), "");
    EXPECT_TRUE(found.ok()) << date;
    return (*found)->id;
  };
  EXPECT_EQ(at("2025-11-06"), "cnemc-auto-release-2025");
  EXPECT_EQ(at("2019-05-01"), "cnemc-auto-release-2025");  // no earlier practice is known
  EXPECT_EQ(at("2025-12-31"), "cnemc-auto-release-2025");
  EXPECT_EQ(at("2026-01-01"), "cnemc-auto-release-2026");
  EXPECT_EQ(at("2030-06-01"), "cnemc-auto-release-2026");
  auto forced = Editions().For(*ParseDate("2026-02-04"), "cnemc-auto-release-2025");
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ((*forced)->id, "cnemc-auto-release-2025");
  auto unknown = Editions().For(0, "cnemc-2019");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("known: auto, cnemc-auto-release-2025"),
            std::string::npos);
}

TEST(RealtimeEditions, RuleFileErrorsNameTheFileAndTheKey) {
  std::string text;
  auto files = LoadStandardFiles("");
  ASSERT_TRUE(files.ok());
  for (const StandardFile& f : *files) {
    if (f.name == "cnemc-auto-release-2025.toml") text = f.text;
  }
  ASSERT_FALSE(text.empty());
  auto error_of = [](const std::string& edited) {
    auto loaded = RealtimeEditions::FromTexts({{"x.toml", edited}}, Rules());
    return loaded.ok() ? std::string("ok") : loaded.status().message();
  };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  EXPECT_EQ(error_of(text), "ok");
  EXPECT_EQ(error_of(replaced("\"nh3n\", \"tp\"]", "\"nh3n\", \"tpx\"]")),
            "standards file x.toml: judging.items: unknown item 'tpx'");
  EXPECT_EQ(error_of(replaced("\"nh3n\", \"tp\"]", "\"nh3n\", \"temp\"]")),
            "standards file x.toml: judging.items: item 'temp' has no class limits");
  EXPECT_EQ(error_of(replaced("rounding = \"half_even\"", "rounding = \"up\"")),
            "standards file x.toml: judging.rounding: unknown option 'up' (known: half_even, "
            "none)");
  EXPECT_EQ(error_of(replaced("rounding = \"half_even\"", "rounding = \"none\"")),
            "standards file x.toml: judging.decimals: given with rounding = \"none\"");
  EXPECT_EQ(error_of(replaced("nh3n = 2, tp = 3 }\n\n[display]", "nh3n = 9, tp = 3 }\n\n[display]")),
            "standards file x.toml: judging.decimals.nh3n: expected 0..6");
  EXPECT_EQ(error_of(replaced("applies_until = \"2026-01-01\"", "applies_until = \"2026-13-01\"")),
            "standards file x.toml: edition.applies_until: expected a date YYYY-MM-DD, got "
            "'2026-13-01'");
  EXPECT_EQ(error_of(replaced("section_name_lake_contains = [", "section_name_lake_contains = [\"\", ")),
            "standards file x.toml: section_type.section_name_lake_contains: an empty word "
            "matches every name");
  // Two editions over the same dates.
  std::string other = replaced("id = \"cnemc-auto-release-2025\"", "id = \"other\"");
  auto both = RealtimeEditions::FromTexts({{"a.toml", text}, {"b.toml", other}}, Rules());
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().message(),
            "standards: real-time editions cnemc-auto-release-2025 and other cover the same dates");
}

TEST(JudgeSample, RoundsHalfToEvenToTheDisplayPrecisionIn2025) {
  const RealtimeRules& e = Edition("cnemc-auto-release-2025");
  auto judge = [&](const char* item, const char* value, WaterBody body = WaterBody::kRiver) {
    return Class(JudgeSample(Rules(), e, body, Clean(item, value)));
  };
  EXPECT_EQ(judge("ph", "9.4999"), "I");   // → 9
  EXPECT_EQ(judge("ph", "9.5"), "劣V");    // → 10 (half to even)
  EXPECT_EQ(judge("ph", "5.5"), "I");      // → 6
  EXPECT_EQ(judge("ph", "5.4999"), "劣V");  // → 5
  EXPECT_EQ(judge("do", "5.95"), "II");    // → 6.0 (9 is odd: up)
  EXPECT_EQ(judge("do", "5.9499"), "III");
  EXPECT_EQ(judge("codmn", "2.05"), "I");  // → 2.0 (0 is even: down)
  EXPECT_EQ(judge("codmn", "2.0501"), "II");
  EXPECT_EQ(judge("nh3n", "0.155"), "II");  // → 0.16 (5 is odd: up)
  EXPECT_EQ(judge("nh3n", "0.145"), "I");   // → 0.14
  EXPECT_EQ(judge("tp", "0.0245", WaterBody::kLake), "II");     // → 0.024
  EXPECT_EQ(judge("tp", "0.0255", WaterBody::kLake), "III");    // → 0.026
  EXPECT_EQ(judge("tp", "0.0255", WaterBody::kReservoir), "III");
  EXPECT_EQ(judge("tp", "0.0255", WaterBody::kRiver), "II");
}

TEST(JudgeSample, JudgesTheUnroundedValueIn2026) {
  const RealtimeRules& e = Edition("cnemc-auto-release-2026");
  auto judge = [&](const char* item, const char* value) {
    return Class(JudgeSample(Rules(), e, WaterBody::kRiver, Clean(item, value)));
  };
  EXPECT_EQ(judge("ph", "9.0001"), "劣V");
  EXPECT_EQ(judge("do", "5.999999"), "III");
  EXPECT_EQ(judge("codmn", "6.049"), "IV");
  EXPECT_EQ(judge("tp", "0.020001"), "II");
  EXPECT_EQ(judge("tp", "0.02"), "I");
}

TEST(JudgeSample, MissingItemsMaintenanceAndTotalNitrogen) {
  const RealtimeRules& e2025 = Edition("cnemc-auto-release-2025");
  const RealtimeRules& e2026 = Edition("cnemc-auto-release-2026");
  SampleValues partial = Values({{"ph", "8"}, {"do", "4"}});
  SampleJudgement j = JudgeSample(Rules(), e2025, WaterBody::kRiver, partial);
  EXPECT_EQ(Class(j), "none");
  EXPECT_EQ(j.no_class, NoClassReason::kMissingItem);
  EXPECT_EQ(j.missing.size(), 3u);
  EXPECT_EQ(j.items.size(), 2u);  // the present items are judged all the same
  j = JudgeSample(Rules(), e2026, WaterBody::kRiver, partial);
  EXPECT_EQ(Class(j), "IV");
  EXPECT_EQ(JudgeSample(Rules(), e2026, WaterBody::kRiver, Values({})).no_class,
            NoClassReason::kNoJudgedItem);

  SampleValues maintenance = Clean("do", "4");
  maintenance.maintenance = true;
  EXPECT_EQ(Class(JudgeSample(Rules(), e2025, WaterBody::kRiver, maintenance)), "IV");
  RealtimeRules strict = e2025;
  strict.maintenance = MaintenanceRule::kNoClass;
  j = JudgeSample(Rules(), strict, WaterBody::kRiver, maintenance);
  EXPECT_EQ(j.no_class, NoClassReason::kMaintenance);

  // Total nitrogen is not judged, for lakes either.
  SampleValues tn = Clean("tp", "0.01");
  tn.values[Rules().IndexOf("tn")] = Exact("5");
  EXPECT_EQ(Class(JudgeSample(Rules(), e2025, WaterBody::kLake, tn)), "I");
}

TEST(JudgeSample, MainPollutantsByMultipleAgainstClassIII) {
  SampleValues v = Values({{"ph", "7"}, {"do", "2.5"}, {"codmn", "5"}, {"nh3n", "1.6"},
                           {"tp", "0.35"}});
  SampleJudgement j = JudgeSample(Rules(), Edition("cnemc-auto-release-2025"), WaterBody::kRiver, v);
  EXPECT_EQ(Class(j), "V");
  // TP (0.35 − 0.2)/0.2 = 0.75, NH3-N (1.6 − 1)/1 = 0.6, then DO (no multiple).
  EXPECT_EQ(FormatMainPollutants(Rules(), j.main_pollutants), "总磷(0.75);氨氮(0.60);溶解氧");
}

TEST(GuessWaterBody, RiverNameFirstThenSectionName) {
  const SectionTypeWords& w = Edition("cnemc-auto-release-2025").section_type;
  EXPECT_EQ(GuessWaterBody(w, "太湖", "胥湖心"), WaterBody::kLake);
  EXPECT_EQ(GuessWaterBody(w, "白洋淀", "圈头"), WaterBody::kLake);
  EXPECT_EQ(GuessWaterBody(w, "滇池", "海口西"), WaterBody::kLake);
  EXPECT_EQ(GuessWaterBody(w, "乌梁素海", "乌梁素海湖心"), WaterBody::kLake);
  EXPECT_EQ(GuessWaterBody(w, "密云水库", "密云水库"), WaterBody::kReservoir);
  EXPECT_EQ(GuessWaterBody(w, "石门水库（褒河）", "石门水库"), WaterBody::kReservoir);
  EXPECT_EQ(GuessWaterBody(w, "京杭大运河苏北段（湖西段-不牢河段）", "蔺家坝"), WaterBody::kRiver);
  EXPECT_EQ(GuessWaterBody(w, "四湖总干渠", "新滩"), WaterBody::kRiver);
  EXPECT_EQ(GuessWaterBody(w, "湘家荡", "湘家荡"), WaterBody::kRiver);
  EXPECT_EQ(GuessWaterBody(w, "黄河", "花园口"), WaterBody::kRiver);
  EXPECT_EQ(GuessWaterBody(w, "", "阳澄湖心"), WaterBody::kLake);
  EXPECT_EQ(GuessWaterBody(w, "", "山美水库库心"), WaterBody::kReservoir);
  EXPECT_EQ(GuessWaterBody(w, "", "码头"), WaterBody::kRiver);
}

TEST(ClassifySamples, OneRowPerSectionAndTimeByTheEditionOfItsDate) {
  SampleSet set;
  auto sections = ParseSections(
      "section,name,river,type,target_class,level\nR1,甲,某河,river,II,national\n"
      "L1,乙,某湖,lake,III,national\n",
      "sections.csv");
  ASSERT_TRUE(sections.ok());
  set.sections = *sections;
  Status parsed = ParseSamples(
      "section,time,pH,DO,CODMn,NH3-N,TP,TN\n"
      "R1,2025-11-06 20:00,9.4,5.95,2.05,0.145,0.0202,3\n"
      "R1,2025-11-07 00:00,7,9,1,0.05L,0.01,\n"
      "L1,2025-11-06 20:00,8,8,3,,0.0255,1\n"
      "R1,2026-02-04 10:00,9.4,5.95,2.05,0.145,0.0202,3\n",
      "samples.csv", Rules(), &set);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  auto rows = ClassifySamples(Rules(), Editions(), set, "", 0, 1 << 20);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 4u);
  const SampleClassRow& first = (*rows)[0];
  EXPECT_EQ(FormatSampleTime(first.day, first.minute), "2025-11-06 20:00");
  EXPECT_EQ(first.rules->id, "cnemc-auto-release-2025");
  EXPECT_EQ(Class(first.judgement), "II");  // DO 6.0, CODMn 2.0, NH3-N 0.14, TP 0.020
  EXPECT_EQ(first.other_items.size(), 1u);  // TN, not judged
  // NH3-N 0.05L is judged as half the limit, 0.025.
  EXPECT_EQ(FormatExactDecimal((*rows)[1].judgement.items[3].mean), "0.025");
  EXPECT_EQ(Class((*rows)[1].judgement), "I");
  EXPECT_EQ((*rows)[2].rules->id, "cnemc-auto-release-2026");
  EXPECT_EQ(Class((*rows)[2].judgement), "劣V");  // the same values unrounded in 2026
  EXPECT_EQ(Class((*rows)[3].judgement), "none");  // L1: NH3-N missing in 2025
  EXPECT_EQ(NoClassReasonName((*rows)[3].judgement.no_class), std::string("missing_item"));

  auto forced = ClassifySamples(Rules(), Editions(), set, "cnemc-auto-release-2025", 0, 1 << 20);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(Class((*forced)[2].judgement), "II");

  std::string csv = SampleClassCsv(Rules(), set, *rows);
  EXPECT_NE(csv.find("R1,2025-11-06 20:00,cnemc-auto-release-2025,river,II,优,blue,II,yes,,,"
                     "ph;do;codmn;nh3n;tp,,9.4,9,I,5.95,6.0,II,2.05,2.0,I,0.145,0.14,I,0.0202,"
                     "0.020,I,3"),
            std::string::npos)
      << csv;

  set.samples.push_back(set.samples.front());
  auto twice = ClassifySamples(Rules(), Editions(), set, "", 0, 1 << 20);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "samples: section R1 at 2025-11-06 20:00: two values of pH值");
}

}  // namespace
}  // namespace ecociv::water
