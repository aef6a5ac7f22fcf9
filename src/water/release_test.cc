#include "ecociv/water/release.h"

#include <gtest/gtest.h>

#include "ecociv/water/release_check.h"
#include "ecociv/water/report.h"
#include "water_test_util.h"

namespace ecociv::water {
namespace {

using testing_util::Editions;
using testing_util::Rules;

const char* const kHeader =
    "snapshot,province,basin,city,river,section,monitor_time,class,wt,wt_raw,ph,ph_raw,do,do_raw,"
    "cond,cond_raw,codmn,codmn_raw,nh3n,nh3n_raw,tp,tp_raw,tn,tn_raw,algae,algae_raw,status\n";

std::string ReleaseErrorOf(const std::string& text) {
  Release release;
  Status s = ParseRelease(text, "r.csv", Rules(), &release);
  return s.ok() ? "ok" : s.message();
}

TEST(ReleaseReader, ReadsCellsExactly) {
  Release release;
  Status s = ParseRelease(
      std::string(kHeader) +
          "2025-11-06 23:39:01,北京市,海河流域,房山区,大石河,码头,2025-11-06 20:00,Ⅱ,12.6,12.64,8,"
          "8.073,8.9,EXTREME_FILTERED,831.0,831.01,1.4,1.387,0.12,0.1151,0.052,0.02050001,6.80,"
          "6.798,*,5.1E6,正常\n"
          "2025-11-06 23:39:01,北京市,海河流域,密云区,潮河,古北口,,,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*,"
          "*,*,*,维护\n",
      "r.csv", Rules(), &release);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(release.rows.size(), 2u);
  const ReleaseRow& r = release.rows[0];
  EXPECT_EQ(r.section, "码头");
  EXPECT_EQ(r.river, "大石河");
  EXPECT_TRUE(r.has_time);
  EXPECT_EQ(FormatSampleTime(r.day, r.minute), "2025-11-06 20:00");
  EXPECT_EQ(r.published, WaterClass::kII);
  const int tp = Rules().IndexOf("tp"), dissolved = Rules().IndexOf("do");
  EXPECT_EQ(FormatExactDecimal(r.raw[tp].value), "0.02050001");  // beyond 10^-6, kept
  EXPECT_EQ(FormatExactDecimal(r.displayed[tp].value), "0.052");
  EXPECT_EQ(r.raw[dissolved].mark, CellMark::kExtremeFiltered);
  EXPECT_EQ(r.line, 2);
  EXPECT_FALSE(release.rows[1].has_time);
  EXPECT_EQ(release.rows[1].status, "维护");
  EXPECT_EQ(release.rows[1].displayed[tp].mark, CellMark::kNotMeasured);
}

TEST(ReleaseReader, BadInputIsNamedWithItsLine) {
  const std::string row =
      ",北京市,海河流域,,,码头,2025-11-06 20:00,Ⅱ,1,,8,,8.9,,1,,1.4,,0.12,,0.052,,6.8,,*,,\n";
  EXPECT_EQ(ReleaseErrorOf(kHeader + row), "ok");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string r = row;
    return kHeader + r.replace(r.find(from), from.size(), to);
  };
  EXPECT_EQ(ReleaseErrorOf(with("0.052", "0.05x")), "r.csv:2: tp: bad number '0.05x'");
  EXPECT_EQ(ReleaseErrorOf(with("0.052", "-0.05")), "r.csv:2: tp: negative value '-0.05'");
  EXPECT_EQ(ReleaseErrorOf(with(",1,,8,", ",-1.5,,8,")), "ok");  // water temperature may be negative
  EXPECT_EQ(ReleaseErrorOf(with("Ⅱ", "Ⅵ")), "r.csv:2: class 'Ⅵ' is not Ⅰ..Ⅴ, 劣Ⅴ or --");
  EXPECT_EQ(ReleaseErrorOf(with("2025-11-06 20:00", "2025-11-06")),
            "r.csv:2: monitor_time '2025-11-06' is not YYYY-MM-DD HH:MM");
  EXPECT_EQ(ReleaseErrorOf(with("2025-11-06 20:00", "2025-11-06 25:00")),
            "r.csv:2: monitor_time '2025-11-06 25:00' is not YYYY-MM-DD HH:MM");
  EXPECT_EQ(ReleaseErrorOf(with("2025-11-06 20:00", "")), "r.csv:2: values without a monitor_time");
  EXPECT_EQ(ReleaseErrorOf(with("码头", "")), "r.csv:2: empty section name");
  EXPECT_EQ(ReleaseErrorOf(kHeader + row + "x,y\n"), "r.csv:3: expected 27 fields, found 2");
  EXPECT_EQ(ReleaseErrorOf("section,monitor_time,class,colour\n"), "r.csv:1: unknown column(s) 'colour'");
  EXPECT_EQ(ReleaseErrorOf("section,class,tp\n"),
            "r.csv:1: header needs the columns 'section', 'monitor_time' and 'class'");
  EXPECT_EQ(ReleaseErrorOf("section,monitor_time,class,tp,TP\n"), "r.csv:1: column 'tp' appears twice");
  EXPECT_EQ(ReleaseErrorOf("section,monitor_time,class,tp,总磷\n"), "r.csv:1: two columns for tp");
  EXPECT_EQ(ReleaseErrorOf(""), "r.csv: empty file");
}

TEST(SectionTypes, ByProvinceAndSectionOrBySectionAlone) {
  auto types = SectionTypes::Parse(
      "province,section,type,remark\n江苏省,胥湖心,lake,x\n,码头,河流,\n北京市,密云水库,水库,\n",
      "types.csv");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(types->Find("江苏省", "胥湖心"), WaterBody::kLake);
  EXPECT_EQ(types->Find("浙江省", "胥湖心"), std::nullopt);
  EXPECT_EQ(types->Find("北京市", "码头"), WaterBody::kRiver);  // no province: any
  EXPECT_EQ(types->Find("北京市", "密云水库"), WaterBody::kReservoir);
  auto error_of = [](const std::string& text) {
    auto t = SectionTypes::Parse(text, "types.csv");
    return t.ok() ? std::string("ok") : t.status().message();
  };
  EXPECT_EQ(error_of("section,type\n甲,pond\n"),
            "types.csv:2: type 'pond' is not river, lake or reservoir");
  EXPECT_EQ(error_of("section,type\n甲,river\n甲,lake\n"),
            "types.csv:3: section '甲' already given on line 2");
  EXPECT_EQ(error_of("name,type\n"), "types.csv:1: header needs the columns 'section' and 'type'");
}

// A release of hand-made rows: the rules of the row's date reproduce most,
// and each disagreement is named by its cause.
TEST(CheckRelease, NamesEachDisagreementByItsCause) {
  const std::string h =
      "snapshot,province,river,section,monitor_time,class,ph,ph_raw,do,do_raw,codmn,codmn_raw,"
      "nh3n,nh3n_raw,tp,tp_raw,tn,tn_raw,status\n";
  Release release;
  Status s = ParseRelease(
      h +
          // 2025: reproduced after rounding (CODMn 2.001 → 2.0, class I).
          "1,甲省,某河,A,2025-11-06 20:00,Ⅰ,8,8.1,9.0,9.0,2.0,2.001,0.02,0.025,0.010,0.01,1,1,正常\n"
          // The same state captured again: counted once.
          "2,甲省,某河,A,2025-11-06 20:00,Ⅰ,8,8.1,9.0,9.0,2.0,2.001,0.02,0.025,0.010,0.01,1,1,正常\n"
          // Lake TP 0.03 is class III for a lake, II for a river: the river name says lake.
          "1,甲省,某湖,B,2025-11-06 20:00,Ⅲ,8,8,9,9,1,1,0.1,0.1,0.030,0.03,1,1,正常\n"
          // Missing NH3-N: no class in 2025, published none.
          "1,甲省,某河,C,2025-11-06 20:00,,8,8,9,9,1,1,--,--,0.01,0.01,1,1,维护\n"
          // Published II though every value is class I: TN 0.4 would be II (item set).
          "1,甲省,某河,D,2025-11-06 20:00,Ⅱ,8,8,9,9,1,1,0.1,0.1,0.01,0.01,0.4,0.4,正常\n"
          // Published I with CODMn 2.04 unrounded in 2026: rounding explains it.
          "1,甲省,某河,E,2026-02-06 10:00,Ⅰ,7.5,7.5,9,9,2.04,2.04,0.1,0.1,0.01,0.01,1,1,\n"
          // 2026, displayed only, TP shown 0.020 at the class I limit, published II.
          "1,甲省,某河,F,2026-02-04 10:00,Ⅱ,7.5,,9,,1,,0.1,,0.020,,1,,\n"
          // Revised: the first capture's class belongs to the second's values.
          "1,甲省,某河,G,2025-11-08 12:00,Ⅳ,8,8,9,9,1,1,0.1,0.1,0.05,0.05,1,1,正常\n"
          "2,甲省,某河,G,2025-11-08 12:00,Ⅳ,8,8,9,9,7,7,0.1,0.1,0.05,0.05,1,1,正常\n"
          // Nothing explains class V for clean water.
          "1,甲省,某河,H,2025-11-06 20:00,Ⅴ,8,8,9,9,1,1,0.1,0.1,0.01,0.01,1,1,正常\n",
      "r.csv", Rules(), &release);
  ASSERT_TRUE(s.ok()) << s.message();
  ReleaseCheckOptions options;
  ReleaseCheckReport report = CheckRelease(Rules(), Editions(), release, options);
  EXPECT_EQ(report.rows, 10);
  EXPECT_EQ(report.distinct_rows, 9);
  EXPECT_EQ(report.section_times, 8);
  EXPECT_EQ(report.disagreements, 5) << report.Summary();
  EXPECT_EQ(report.causes["item set"], 1);
  EXPECT_EQ(report.causes["rounding"], 1);
  EXPECT_EQ(report.causes["hidden by the display"], 1);
  EXPECT_EQ(report.causes["revision"], 1);
  EXPECT_EQ(report.causes["unexplained"], 1);
  EXPECT_TRUE(report.has_unexplained());
  EXPECT_EQ(report.types_guessed, 8);
  EXPECT_EQ(report.lake_sections, 1);
  EXPECT_EQ(report.types_decided, 1);  // B: TP 0.03 is III for a lake only
  EXPECT_EQ(report.types_agree, 1);
  EXPECT_NE(report.Summary().find("e.g. 甲省 F 2026-02-04 10:00 (r.csv:8, river): published II, "
                                  "computed I by cnemc-auto-release-2026 from displayed values: "
                                  "pH 7.5 DO 9 CODMn 1 NH3-N 0.1 TP 0.02; TP shown with 3 "
                                  "decimals can be I or II"),
            std::string::npos)
      << report.Summary();

  // A sections file saying B is a river: the lake type explains it instead.
  auto types = SectionTypes::Parse("section,type\nB,river\n", "types.csv");
  ASSERT_TRUE(types.ok());
  options.types = &*types;
  report = CheckRelease(Rules(), Editions(), release, options);
  EXPECT_EQ(report.causes["lake type"], 1);
  EXPECT_EQ(report.types_from_file, 1);
  EXPECT_EQ(report.types_agree, 0);

  // The 2025 rules for every row: E agrees (CODMn 2.04 → 2.0 is class I), and
  // F's displayed TP 0.020 is judged as class I: only the unrounded value
  // behind the display explains II, another rounding than the rules'.
  options.types = nullptr;
  options.forced_edition = "cnemc-auto-release-2025";
  report = CheckRelease(Rules(), Editions(), release, options);
  EXPECT_EQ(report.causes["rounding"], 1) << report.Summary();
  EXPECT_EQ(report.causes.count("hidden by the display"), 0u);
  // With --latest only the last capture of G is compared, and it agrees.
  options.forced_edition = "";
  options.latest = true;
  report = CheckRelease(Rules(), Editions(), release, options);
  EXPECT_EQ(report.distinct_rows, 8);
  EXPECT_EQ(report.causes.count("revision"), 0u);
}

TEST(CheckRelease, MissingItemAndMaintenanceRules) {
  const std::string h =
      "section,monitor_time,class,ph,do,codmn,nh3n,tp,status\n";
  Release release;
  ASSERT_TRUE(ParseRelease(h + "A,2025-11-06 20:00,Ⅰ,8,9,1,--,0.01,正常\n"
                               "B,2025-11-06 20:00,,8,9,1,0.1,0.01,维护\n"
                               "C,2026-02-06 10:00,,8,9,*,0.1,0.01,\n",
                           "r.csv", Rules(), &release)
                  .ok());
  ReleaseCheckReport report = CheckRelease(Rules(), Editions(), release, {});
  EXPECT_EQ(report.causes["missing item"], 2) << report.Summary();  // A (2025), C (2026)
  EXPECT_EQ(report.causes["maintenance"], 1);                       // B
  EXPECT_FALSE(report.has_unexplained());
  ASSERT_EQ(report.agreement.size(), 2u);
  EXPECT_EQ(report.agreement[0].edition, "cnemc-auto-release-2025");
  EXPECT_EQ(report.agreement[0].values, "displayed");  // no raw columns
  EXPECT_EQ(report.agreement[0].published, 1);
  EXPECT_EQ(report.agreement[0].equal, 0);
  EXPECT_EQ(report.agreement[0].unpublished, 1);
}

}  // namespace
}  // namespace ecociv::water
