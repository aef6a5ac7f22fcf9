#include "ecociv/core/exact.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(RoundHalfEven, GbT8170Cases) {
  // 四舍六入五成双 on the exact value.
  EXPECT_EQ(RoundHalfEven(Ratio::Of(125, 10), 0), 12);    // 12.5 -> 12
  EXPECT_EQ(RoundHalfEven(Ratio::Of(135, 10), 0), 14);    // 13.5 -> 14
  EXPECT_EQ(RoundHalfEven(Ratio::Of(1251, 100), 0), 13);  // 12.51 -> 13: 5 followed by non-zero
  EXPECT_EQ(RoundHalfEven(Ratio::Of(1249, 100), 0), 12);
  EXPECT_EQ(RoundHalfEven(Ratio::Of(35, 100), 1), 4);   // 0.35 -> 0.4 (exact, not binary 0.34999)
  EXPECT_EQ(RoundHalfEven(Ratio::Of(25, 100), 1), 2);   // 0.25 -> 0.2
  EXPECT_EQ(RoundHalfEven(Ratio::Of(-25, 10), 0), -2);  // symmetric
  EXPECT_EQ(RoundHalfEven(Ratio::Of(2, 3), 2), 67);
  EXPECT_EQ(RoundHalfEven(Ratio::Of(1, 3), 0), 0);
}

TEST(Ceil, ExactOnBoundaries) {
  EXPECT_EQ(Ceil(Ratio::Of(50, 1)), 50);
  EXPECT_EQ(Ceil(Ratio::Of(13125, 100)), 132);
  EXPECT_EQ(Ceil(Ratio::Of(-1, 2)), 0);
  // 50/55*55 is exactly 50: no float drift into 51.
  EXPECT_EQ(Ceil(Ratio::Of(50, 55) * Ratio::Integer(55)), 50);
}

TEST(Ratio, ArithmeticAndCompare) {
  Ratio a = Ratio::Of(1, 3), b = Ratio::Of(1, 6);
  EXPECT_EQ(a + b, Ratio::Of(1, 2));
  EXPECT_EQ(a - b, Ratio::Of(1, 6));
  EXPECT_EQ(a * b, Ratio::Of(1, 18));
  EXPECT_EQ(a / b, Ratio::Integer(2));
  EXPECT_LT(b, a);
  EXPECT_GT(Ratio::Of(-1, 3), Ratio::Of(-1, 2));
  EXPECT_EQ(Compare(Ratio::Of(7, 3), Ratio::Of(14, 6)), 0);
  // Huge denominators compare without overflow.
  int128 big = static_cast<int128>(1) << 100;
  EXPECT_LT(Ratio::Of(big - 1, big), Ratio::Of(big, big + 1));
}

TEST(FormatScaled, Decimals) {
  EXPECT_EQ(FormatScaled(1234, 2), "12.34");
  EXPECT_EQ(FormatScaled(5, 2), "0.05");
  EXPECT_EQ(FormatScaled(-5, 2), "-0.05");
  EXPECT_EQ(FormatScaled(7, 0), "7");
  EXPECT_EQ(FormatRounded(Ratio::Of(30571, 10000), 2), "3.06");
}

}  // namespace
}  // namespace ecociv
