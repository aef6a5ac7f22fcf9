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

TEST(FormatRounded, AnyRatioWithoutOverflow) {
  // The general path (large terms) gives what the fast path gives.
  const int128 k = static_cast<int128>(1) << 90;
  for (int64_t num : {0, 1, -1, 5, -5, 15, 25, -25, 30571, 123456789, -987654321}) {
    for (int64_t den : {1, 2, 3, 7, 10, 1000, 10000, 99991}) {
      for (int decimals : {0, 1, 2, 4, 6}) {
        Ratio small = Ratio::Unreduced(num, den);
        Ratio large = Ratio::Unreduced(static_cast<int128>(num) * k, static_cast<int128>(den) * k);
        EXPECT_EQ(FormatRounded(large, decimals), FormatRounded(small, decimals))
            << num << "/" << den << " to " << decimals;
        EXPECT_EQ(RoundHalfEven(large, decimals), RoundHalfEven(small, decimals));
      }
    }
  }
  // Values whose scaled form does not fit 64 or even 128 bits still print.
  const int128 max = static_cast<int128>(~static_cast<unsigned __int128>(0) >> 1);
  EXPECT_EQ(FormatRounded(Ratio::Unreduced(max, 1), 2),
            "170141183460469231731687303715884105727.00");
  EXPECT_EQ(FormatRounded(Ratio::Unreduced(-max, 2), 0), "-85070591730234615865843651857942052864");
  EXPECT_EQ(FormatRounded(Ratio::Of(1, 3), 18), "0.333333333333333333");
  EXPECT_EQ(FormatRounded(Ratio::Of(-1, 1000), 2), "0.00");
  EXPECT_EQ(FormatRounded(Ratio::Of(-995, 1000), 2), "-1.00");
}

TEST(OverflowCheck, OverflowBecomesAStatus) {
  const int128 max = static_cast<int128>(~static_cast<unsigned __int128>(0) >> 1);
  const Ratio huge = Ratio::Unreduced(max / 2, 1);
  {
    OverflowCheck check;
    Ratio product = huge * Ratio::Integer(3);
    EXPECT_TRUE(check.overflowed());
    EXPECT_EQ(product, Ratio());  // not a wrapped number
    Status status = check.ToStatus("formula a*b");
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find("formula a*b: a value is too large to compute exactly"),
              std::string::npos);
  }
  {
    OverflowCheck check;
    EXPECT_EQ(RoundHalfEven(huge, 2), 0);  // beyond int64_t
    EXPECT_TRUE(check.overflowed());
  }
  {
    OverflowCheck check;
    (void)(huge + huge + huge);
    (void)(Ratio::Integer(1) / Ratio());  // after an overflow a zero may be divided by
    EXPECT_TRUE(check.overflowed());
  }
  OverflowCheck clean;
  EXPECT_EQ(Ratio::Of(1, 2) + Ratio::Of(1, 3), Ratio::Of(5, 6));
  EXPECT_FALSE(clean.overflowed());
  EXPECT_TRUE(clean.ToStatus("x").ok());
}

TEST(OverflowCheck, NestedChecksPassOverflowsOutward) {
  const Ratio huge = Ratio::Unreduced(static_cast<int128>(1) << 120, 1);
  OverflowCheck outer;
  {
    OverflowCheck inner;
    (void)(huge * huge);
    EXPECT_TRUE(inner.overflowed());
  }
  EXPECT_TRUE(outer.overflowed());
}

TEST(OverflowCheck, WithOverflowCheckReturnsTheError) {
  const Ratio huge = Ratio::Unreduced(static_cast<int128>(1) << 120, 1);
  StatusOr<Ratio> ok = WithOverflowCheck(
      "sum", [&]() -> StatusOr<Ratio> { return Ratio::Integer(2) + Ratio::Integer(3); });
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, Ratio::Integer(5));
  StatusOr<Ratio> bad =
      WithOverflowCheck("square", [&]() -> StatusOr<Ratio> { return huge * huge; });
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("square: a value is too large"), std::string::npos);
}

TEST(OverflowCheckDeathTest, OutsideACheckAnOverflowIsABug) {
  const Ratio huge = Ratio::Unreduced(static_cast<int128>(1) << 120, 1);
  EXPECT_DEATH((void)(huge * huge), "");
}

}  // namespace
}  // namespace ecociv
