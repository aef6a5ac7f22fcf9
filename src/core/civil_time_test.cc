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

}  // namespace
}  // namespace ecociv
