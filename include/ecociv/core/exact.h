// Exact decimal arithmetic for official statistics.
//
// A number ecociv prints may end up in an official bulletin, so rounding is
// never done on binary floating point. Measured values are held as integers
// scaled by a power of ten (see kConcentrationScale); means, percentiles and
// indices are exact rationals (Ratio); rounding to a number of decimals is
// GB/T 8170 (四舍六入五成双: half to even on the exact value, which makes "a
// dropped 5 followed by a non-zero digit rounds up" automatic), and index
// values are rounded up (ceiling) with exact integer division.
//
// Ratio is a plain value type: safe to copy and to use from many threads.
//
// Overflow. A result is exact or it is not given: an operation whose exact
// result (numerator, denominator, or a rounded value returned as int64_t)
// does not fit is an overflow, never a wrapped number. Input decides whether
// an overflow can happen: a value read from a file, a flag or a request is
// bounded when it is parsed (|value| < 10^13, see ParseScaledDecimal), but
// sums of many values, denominators that grow with sample counts and
// user-written formulas or scoring rules can still outgrow 128 bits. So:
//  - inside an OverflowCheck (on the same thread) an overflow is recorded and
//    the operation returns 0; the code that set up the check reports it as
//    an InvalidArgument error ("... too large to compute exactly");
//  - outside any check it aborts, because it is a programming error: every
//    engine entry point that computes from input runs its arithmetic under a
//    check (WithOverflowCheck): the air engine's ComputeHourly, ComputeDaily,
//    CityDailyFromStations, DailyOfSeries, AssessPeriod; ComputeAirTargets;
//    ScoreScheme; indicator formulas; and the callers of the water engine's
//    EvaluateSection/Assess/ClassifyPeriods (which return plain values).
// Compare and FormatRounded never overflow. The thread-local check costs
// nothing until an overflow happens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv {

using int128 = __int128;

// Stored concentrations are integers in units of 10^-4 of the reporting unit
// (µg/m³, or mg/m³ for CO): 12.3456 µg/m³ is stored as 123456.
inline constexpr int kConcentrationDecimals = 4;
inline constexpr int64_t kConcentrationScale = 10000;

// Powers of ten 10^0 .. 10^18 (an exponent outside that range is an overflow).
inline constexpr int64_t kPowersOfTen[19] = {1,
                                             10,
                                             100,
                                             1000,
                                             10000,
                                             100000,
                                             1000000,
                                             10000000,
                                             100000000,
                                             1000000000,
                                             10000000000,
                                             100000000000,
                                             1000000000000,
                                             10000000000000,
                                             100000000000000,
                                             1000000000000000,
                                             10000000000000000,
                                             100000000000000000,
                                             1000000000000000000};
int64_t Pow10Checked(int exponent);
inline int64_t Pow10(int exponent) {
  return exponent >= 0 && exponent <= 18 ? kPowersOfTen[exponent] : Pow10Checked(exponent);
}

// An exact rational number num/den with den > 0, kept in lowest terms.
struct Ratio {
  int128 num = 0;
  int128 den = 1;

  static Ratio Of(int128 num, int128 den);  // reduces; den must be non-zero
  // Without reduction, for hot paths (den must be positive). Every operation
  // below is correct on unreduced values.
  static Ratio Unreduced(int128 num, int128 den) {
    Ratio r;
    r.num = num;
    r.den = den;
    return r;
  }
  static Ratio Integer(int64_t value) { return Of(value, 1); }
  // A value scaled by 10^decimals (e.g. 1234 with 2 decimals is 12.34).
  static Ratio Scaled(int64_t scaled, int decimals) { return Of(scaled, Pow10(decimals)); }
  // A stored concentration (scaled by kConcentrationScale).
  static Ratio Concentration(int64_t stored) { return Of(stored, kConcentrationScale); }

  // Conversion for display and for non-normative uses (plots, benchmarks).
  double ToDouble() const;
};

// Exact arithmetic; an overflow (and, inside a check, division by zero) is
// handled as described at the top of this file.
Ratio operator+(const Ratio& a, const Ratio& b);
Ratio operator-(const Ratio& a, const Ratio& b);
Ratio operator*(const Ratio& a, const Ratio& b);
Ratio operator/(const Ratio& a, const Ratio& b);  // b must be non-zero
int Compare(const Ratio& a, const Ratio& b);      // -1, 0, 1; exact, overflow-safe
inline bool operator<(const Ratio& a, const Ratio& b) { return Compare(a, b) < 0; }
inline bool operator>(const Ratio& a, const Ratio& b) { return Compare(a, b) > 0; }
inline bool operator<=(const Ratio& a, const Ratio& b) { return Compare(a, b) <= 0; }
inline bool operator>=(const Ratio& a, const Ratio& b) { return Compare(a, b) >= 0; }
inline bool operator==(const Ratio& a, const Ratio& b) { return Compare(a, b) == 0; }
inline bool operator!=(const Ratio& a, const Ratio& b) { return !(a == b); }

// floor(num/den) and ceil(num/den) for den > 0, exact for negative numbers too.
int128 FloorDiv(int128 num, int128 den);
int128 CeilDiv(int128 num, int128 den);

// GB/T 8170 rounding of num/den to `decimals` places, returned scaled by
// 10^decimals (RoundHalfEven(Ratio(1235,100), 1) == 124, i.e. 12.4). A
// rounded value beyond int64_t is an overflow.
int64_t RoundHalfEven(const Ratio& value, int decimals);
// Same as RoundHalfEven but returns the rounded value as a Ratio.
Ratio RoundedRatio(const Ratio& value, int decimals);

// Smallest integer >= value (how HJ 633 rounds IAQI: 全部进位取整数); beyond
// int64_t it is an overflow.
int64_t Ceil(const Ratio& value);

// Formats a value scaled by 10^decimals with exactly `decimals` decimals:
// FormatScaled(-5, 2) == "-0.05".
std::string FormatScaled(int64_t scaled, int decimals);

// Rounds (GB/T 8170) and formats in one step: FormatRounded(2/3, 2) == "0.67".
// Any Ratio and 0..18 decimals: never overflows.
std::string FormatRounded(const Ratio& value, int decimals);

// Records the overflows of exact arithmetic on this thread while it lives
// (see the top of this file). Checks nest: an overflow is recorded by the
// innermost one and, when that one ends, by the one around it too.
class OverflowCheck {
 public:
  OverflowCheck();
  ~OverflowCheck();
  OverflowCheck(const OverflowCheck&) = delete;
  OverflowCheck& operator=(const OverflowCheck&) = delete;

  bool overflowed() const { return overflowed_; }
  // OK, or InvalidArgument "<what>: a value is too large to compute exactly
  // (it does not fit 128-bit exact arithmetic)".
  Status ToStatus(std::string_view what) const;

 private:
  friend void RecordExactOverflow();
  OverflowCheck* outer_;
  bool overflowed_ = false;
};

// Called by the arithmetic on an overflow: recorded by the innermost check of
// this thread; aborts when there is none.
void RecordExactOverflow();

// Runs `compute` (returning a Status or a StatusOr) under an OverflowCheck; an
// overflow is returned as that check's error naming `what`, whatever
// `compute` returned.
template <typename F>
auto WithOverflowCheck(std::string_view what, F&& compute) -> decltype(compute()) {
  OverflowCheck check;
  auto result = compute();
  if (check.overflowed()) return check.ToStatus(what);
  return result;
}

}  // namespace ecociv
