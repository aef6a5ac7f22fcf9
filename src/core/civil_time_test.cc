#include "ecociv/core/civil_time.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(CivilTime, RoundTripDays) {
  for (DayNumber d = -800; d < 20000; d += 7) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil({2000, 1, 1}), 0);
  EXPECT_EQ(FormatDate(DaysFromCivil({2024, 2, 29})), "2024-02-29");
}

TEST(CivilTime, HourEndingLabels) {
  HourLabel midnight = ParseHourLabel("2026-03-02T00:00").value();
  EXPECT_EQ(midnight, ParseHourLabel("2026-03-01T24:00").value());
  EXPECT_EQ(midnight, ParseHourLabel("2026-03-02T0000").value());
  EXPECT_EQ(midnight, ParseHourLabel("2026-03-02 00:00:00").value());
  // The 00:00 value is hour 24 of the previous day.
  EXPECT_EQ(FormatDate(DayOfLabel(midnight)), "2026-03-01");
  EXPECT_EQ(HourOfDay(midnight), 24);
  HourLabel one = ParseHourLabel("2026-03-02T01:00").value();
  EXPECT_EQ(FormatDate(DayOfLabel(one)), "2026-03-02");
  EXPECT_EQ(HourOfDay(one), 1);
  EXPECT_EQ(FormatHourLabel(midnight), "2026-03-02T00:00");
  EXPECT_EQ(ParseHourLabel("2026/3/2 1:00").value(), one);
  EXPECT_EQ(ParseHourLabel("2026-03-02").value(), midnight);
}

TEST(CivilTime, RejectsBadTimes) {
  EXPECT_FALSE(ParseHourLabel("2026-02-30T01:00").ok());
  EXPECT_FALSE(ParseHourLabel("2026-03-01T25:00").ok());
  EXPECT_FALSE(ParseHourLabel("2026-03-01T10:30").ok());
  EXPECT_FALSE(ParseHourLabel("2026-03-01X").ok());
  EXPECT_FALSE(ParseHourLabel("yesterday").ok());
  EXPECT_FALSE(ParseDate("2026-13-01").ok());
}

// Impossible dates and times are refused saying what is impossible.
TEST(CivilTime, SaysWhatIsImpossible) {
  auto message = [](const StatusOr<HourLabel>& r) { return r.status().message(); };
  EXPECT_EQ(message(ParseHourLabel("2026-02-30T01:00")),
            "bad time '2026-02-30T01:00': no such date: 2026-02 has 28 days");
  EXPECT_EQ(ParseDate("2024-02-30").status().message(),
            "bad time '2024-02-30': no such date: 2024-02 has 29 days");
  EXPECT_EQ(ParseDate("2026-13-01").status().message(),
            "bad time '2026-13-01': no such date: there is no month 13");
  EXPECT_EQ(ParseDate("2026-04-00").status().message(),
            "bad time '2026-04-00': no such date: 2026-04 has 30 days");
  EXPECT_EQ(message(ParseHourLabel("2026-03-01T25:00")),
            "bad time '2026-03-01T25:00': no such time: there is no hour 25 (hours run 00 to 24)");
  EXPECT_EQ(message(ParseHourLabel("2026-03-01 24:30")),
            "bad time '2026-03-01 24:30': no such time: hour 24 is only 24:00 (00:00 of the next "
            "day)");
  EXPECT_EQ(message(ParseHourLabel("2026-03-01T10:61")),
            "bad time '2026-03-01T10:61': no such time: minutes and seconds run 00 to 59");
  EXPECT_EQ(message(ParseHourLabel("1899-12-31T10:00")),
            "bad time '1899-12-31T10:00': year 1899 outside 1900..2200");
  EXPECT_TRUE(ParseHourLabel("2026-03-01T24:00").ok());
  EXPECT_TRUE(ParseHourLabel("2024-02-29T01:00").ok());
}

// A huge or binary time field is quoted short, with its length.
TEST(CivilTime, QuotesAHugeFieldShort) {
  std::string huge = "2026-03-01T" + std::string(1 << 20, '9');
  std::string m = ParseHourLabel(huge).status().message();
  EXPECT_LT(m.size(), 200u);
  EXPECT_NE(m.find("(1048587 bytes)"), std::string::npos) << m;
  std::string with_nul("2026-03-01\0T01:00", 17);
  m = ParseHourLabel(with_nul).status().message();
  EXPECT_NE(m.find("\\x00"), std::string::npos) << m;
  EXPECT_EQ(m.find('\0'), std::string::npos);
}

// The month's and year's first day, and the one date form stored and printed
// (a slash form that ParseDate accepts is not it: text dates compare as text).
TEST(CivilTime, MonthAndYearFirstDaysAndTheIsoForm) {
  const DayNumber day = *ParseDate("2024-02-29");
  EXPECT_EQ(FormatDate(MonthFirstDay(day)), "2024-02-01");
  EXPECT_EQ(FormatDate(YearFirstDay(day)), "2024-01-01");
  EXPECT_EQ(FormatDate(YearFirstDay(*ParseDate("2025-01-01"))), "2025-01-01");
  EXPECT_TRUE(IsIsoDate("2026-03-01"));
  EXPECT_FALSE(IsIsoDate("2026/03/01"));
  EXPECT_FALSE(IsIsoDate("2026-3-1"));
  EXPECT_FALSE(IsIsoDate("2026-02-30"));
  EXPECT_FALSE(IsIsoDate(""));
}

}  // namespace
}  // namespace ecociv
