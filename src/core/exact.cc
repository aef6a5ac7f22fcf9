#include "ecociv/core/exact.h"

#include <cstdlib>

namespace ecociv {
namespace {

int128 Abs(int128 v) { return v < 0 ? -v : v; }

int128 Gcd(int128 a, int128 b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int128 CheckedMul(int128 a, int128 b) {
  int128 out;
  // Overflow means a statistic far outside any physical range; stop loudly
  // rather than print a wrapped number.
  if (__builtin_mul_overflow(a, b, &out)) std::abort();
  return out;
}

int128 CheckedAdd(int128 a, int128 b) {
  int128 out;
  if (__builtin_add_overflow(a, b, &out)) std::abort();
  return out;
}

}  // namespace

int64_t Pow10Checked(int exponent) {
  if (exponent < 0 || exponent > 18) std::abort();
  return kPowersOfTen[exponent];
}

Ratio Ratio::Of(int128 num, int128 den) {
  if (den == 0) std::abort();
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int128 g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  Ratio r;
  r.num = num;
  r.den = den;
  return r;
}

double Ratio::ToDouble() const {
  // Split into integer part and remainder so large values keep precision.
  int128 whole = FloorDiv(num, den);
  int128 rest = num - whole * den;
  return static_cast<double>(whole) + static_cast<double>(rest) / static_cast<double>(den);
}

Ratio operator+(const Ratio& a, const Ratio& b) {
  if (a.den == b.den) return Ratio::Of(CheckedAdd(a.num, b.num), a.den);
  int128 g = Gcd(a.den, b.den);
  int128 lhs = CheckedMul(a.num, b.den / g);
  int128 rhs = CheckedMul(b.num, a.den / g);
  return Ratio::Of(CheckedAdd(lhs, rhs), CheckedMul(a.den / g, b.den));
}

Ratio operator-(const Ratio& a, const Ratio& b) {
  Ratio neg = b;
  neg.num = -neg.num;
  return a + neg;
}

Ratio operator*(const Ratio& a, const Ratio& b) {
  int128 g1 = Gcd(a.num, b.den);
  int128 g2 = Gcd(b.num, a.den);
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  return Ratio::Of(CheckedMul(a.num / g1, b.num / g2), CheckedMul(a.den / g2, b.den / g1));
}

Ratio operator/(const Ratio& a, const Ratio& b) {
  if (b.num == 0) std::abort();
  Ratio inv = Ratio::Of(b.den, b.num);
  return a * inv;
}

int128 FloorDiv(int128 num, int128 den) {
  int128 q = num / den;
  if ((num % den != 0) && ((num < 0) != (den < 0))) --q;
  return q;
}

int128 CeilDiv(int128 num, int128 den) { return -FloorDiv(-num, den); }

int Compare(const Ratio& a, const Ratio& b) {
  // Compares integer parts first, then the fractional parts through their
  // reciprocals (x < y  <=>  1/x > 1/y for x, y in (0,1)), Euclid-style. It
  // never multiplies, so it cannot overflow.
  int128 an = a.num, ad = a.den, bn = b.num, bd = b.den;
  int sign = 1;
  while (true) {
    int128 aq = FloorDiv(an, ad), bq = FloorDiv(bn, bd);
    if (aq != bq) return aq < bq ? -sign : sign;
    int128 ar = an - aq * ad, br = bn - bq * bd;  // remainders in [0, den)
    if (ar == 0 && br == 0) return 0;
    if (ar == 0) return -sign;
    if (br == 0) return sign;
    int128 next_an = ad, next_ad = ar, next_bn = bd, next_bd = br;
    an = next_an;
    ad = next_ad;
    bn = next_bn;
    bd = next_bd;
    sign = -sign;
  }
}

int64_t RoundHalfEven(const Ratio& value, int decimals) {
  // Fast path in 64-bit arithmetic when everything fits comfortably.
  constexpr int128 kSmall = int128(1) << 40;
  if (value.num < kSmall && value.num > -kSmall && value.den < kSmall && decimals <= 6) {
    int64_t num = static_cast<int64_t>(value.num) * Pow10(decimals);
    int64_t den = static_cast<int64_t>(value.den);
    int64_t q = num / den, r = num % den;
    if (r < 0) {
      --q;
      r += den;
    }
    if (2 * r > den || (2 * r == den && (q & 1))) ++q;
    return q;
  }
  int128 scaled_num = CheckedMul(value.num, Pow10(decimals));
  int128 q = FloorDiv(scaled_num, value.den);
  int128 twice_rest = 2 * (scaled_num - q * value.den);  // in [0, 2*den)
  if (twice_rest > value.den || (twice_rest == value.den && (q % 2 != 0))) ++q;
  return static_cast<int64_t>(q);
}

Ratio RoundedRatio(const Ratio& value, int decimals) {
  return Ratio::Scaled(RoundHalfEven(value, decimals), decimals);
}

int64_t Ceil(const Ratio& value) { return static_cast<int64_t>(CeilDiv(value.num, value.den)); }

std::string FormatScaled(int64_t scaled, int decimals) {
  bool negative = scaled < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  std::string digits = std::to_string(magnitude);
  if (decimals > 0) {
    if (static_cast<int>(digits.size()) <= decimals) {
      digits.insert(0, decimals + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - decimals, ".");
  }
  if (negative) digits.insert(digits.begin(), '-');
  return digits;
}

std::string FormatRounded(const Ratio& value, int decimals) {
  return FormatScaled(RoundHalfEven(value, decimals), decimals);
}

}  // namespace ecociv
