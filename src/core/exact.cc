#include "ecociv/core/exact.h"

#include <cstdint>
#include <cstdlib>

namespace ecociv {
namespace {

using uint128 = unsigned __int128;

constexpr int128 kInt128Max = static_cast<int128>(~uint128(0) >> 1);
constexpr int128 kInt128Min = -kInt128Max - 1;

// The innermost OverflowCheck of this thread (exact.h).
thread_local OverflowCheck* g_check = nullptr;

int128 Abs(int128 v) { return v < 0 ? -v : v; }

uint128 Magnitude(int128 v) { return v < 0 ? uint128(0) - uint128(v) : uint128(v); }

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
  if (__builtin_mul_overflow(a, b, &out)) {
    RecordExactOverflow();
    return 0;
  }
  return out;
}

int128 CheckedAdd(int128 a, int128 b) {
  int128 out;
  if (__builtin_add_overflow(a, b, &out)) {
    RecordExactOverflow();
    return 0;
  }
  return out;
}

// The next decimal digit of rest/den (rest < den): 10·rest = digit·den +
// *rest, without forming 10·rest (den may use all 127 bits).
int NextDigit(uint128* rest, uint128 den) {
  uint128 acc = 0;
  int digit = 0;
  for (int i = 0; i < 10; ++i) {
    acc += *rest;  // < 2·den < 2^128
    if (acc >= den) {
      acc -= den;
      ++digit;
    }
  }
  *rest = acc;
  return digit;
}

std::string DecimalText(uint128 v) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return digits;
}

// Adds one to the decimal digits in `text` (no sign, no point).
void Increment(std::string* text) {
  for (size_t i = text->size(); i-- > 0;) {
    if ((*text)[i] != '9') {
      ++(*text)[i];
      return;
    }
    (*text)[i] = '0';
  }
  text->insert(text->begin(), '1');
}

// |value| rounded half-even (GB/T 8170) to `decimals` places, as the digits
// of the scaled magnitude. Works for every Ratio: nothing can overflow.
std::string RoundedMagnitudeDigits(const Ratio& value, int decimals) {
  const uint128 den = Magnitude(value.den);
  const uint128 mag = Magnitude(value.num);
  uint128 rest = mag % den;
  std::string digits = DecimalText(mag / den);
  for (int k = 0; k < decimals; ++k)
    digits.push_back(static_cast<char>('0' + NextDigit(&rest, den)));
  // rest/den is what is dropped: above a half rounds up, a half to even.
  const uint128 other = den - rest;  // rest > den/2  <=>  rest > other
  const bool odd = (digits.back() - '0') % 2 == 1;
  if (rest > other || (rest == other && odd)) Increment(&digits);
  return digits;
}

}  // namespace

void RecordExactOverflow() {
  // Outside any check an overflow is a programming error (exact.h): stop
  // rather than go on with a wrong number.
  if (g_check == nullptr) std::abort();
  g_check->overflowed_ = true;
}

OverflowCheck::OverflowCheck() : outer_(g_check) { g_check = this; }

OverflowCheck::~OverflowCheck() {
  g_check = outer_;
  if (overflowed_ && outer_ != nullptr) outer_->overflowed_ = true;
}

Status OverflowCheck::ToStatus(std::string_view what) const {
  if (!overflowed_) return Status::Ok();
  return InvalidArgumentError(std::string(what) +
                              ": a value is too large to compute exactly (it does not fit "
                              "128-bit exact arithmetic)");
}

int64_t Pow10Checked(int exponent) {
  if (exponent < 0 || exponent > 18) {
    RecordExactOverflow();
    return 1;
  }
  return kPowersOfTen[exponent];
}

Ratio Ratio::Of(int128 num, int128 den) {
  if (den == 0 || num == kInt128Min || den == kInt128Min) {
    RecordExactOverflow();
    return Ratio();
  }
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
  if (b.num == kInt128Min) {
    RecordExactOverflow();
    return Ratio();
  }
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
  if (b.num == 0) {
    RecordExactOverflow();  // callers test for zero; this is a bug or follows an overflow
    return Ratio();
  }
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
  if (value.num < kSmall && value.num > -kSmall && value.den < kSmall && decimals >= 0 &&
      decimals <= 6) {
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
  if (decimals < 0 || decimals > 18) {
    RecordExactOverflow();
    return 0;
  }
  std::string digits = RoundedMagnitudeDigits(value, decimals);
  uint64_t magnitude = 0;
  bool fits = digits.size() <= 19;
  for (char c : digits) {
    if (!fits) break;
    fits = !__builtin_mul_overflow(magnitude, uint64_t{10}, &magnitude) &&
           !__builtin_add_overflow(magnitude, uint64_t(c - '0'), &magnitude);
  }
  const bool negative = value.num < 0;
  if (!fits || magnitude > (negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) {
    RecordExactOverflow();
    return 0;
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

Ratio RoundedRatio(const Ratio& value, int decimals) {
  return Ratio::Scaled(RoundHalfEven(value, decimals), decimals);
}

int64_t Ceil(const Ratio& value) {
  int128 ceil = CeilDiv(value.num, value.den);
  if (ceil > INT64_MAX || ceil < INT64_MIN) {
    RecordExactOverflow();
    return 0;
  }
  return static_cast<int64_t>(ceil);
}

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
  constexpr int128 kSmall = int128(1) << 40;
  if (value.num < kSmall && value.num > -kSmall && value.den < kSmall && decimals >= 0 &&
      decimals <= 6) {
    return FormatScaled(RoundHalfEven(value, decimals), decimals);
  }
  decimals = decimals < 0 ? 0 : decimals > 18 ? 18 : decimals;
  std::string digits = RoundedMagnitudeDigits(value, decimals);
  if (static_cast<int>(digits.size()) <= decimals) {
    digits.insert(0, decimals + 1 - digits.size(), '0');
  }
  if (decimals > 0) digits.insert(digits.size() - decimals, ".");
  // Half-to-even is symmetric, so the sign goes on the rounded magnitude
  // (and -0.001 to two decimals is "0.00", as FormatScaled prints it).
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return value.num < 0 && !zero ? "-" + digits : digits;
}

}  // namespace ecociv
