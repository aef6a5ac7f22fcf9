// Numbers and times as every reader parses them, checked against a slow
// reference: an exact decimal is either parsed to exactly the value written
// (GB/T 8170 rounded to the scale) or refused — never another number.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "fuzz_util.h"

namespace {

using ecociv::int128;

// value × 10^decimals rounded half to even, for texts of the form
// [-+]digits[.digits][(e|E)[-+]digits]; nullopt when not of that form or too
// large to decide with 128-bit integers.
std::optional<int128> Reference(std::string_view text, int decimals) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int scale = 0;  // value = digits × 10^-scale × 10^exponent
  bool point = false, any = false;
  for (; i < text.size() && ((text[i] >= '0' && text[i] <= '9') || (text[i] == '.' && !point));
       ++i) {
    if (text[i] == '.') {
      point = true;
      continue;
    }
    any = true;
    if (!(digits.empty() && text[i] == '0')) digits.push_back(text[i]);
    if (point) ++scale;
  }
  if (!any) return std::nullopt;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    if (i == text.size()) return std::nullopt;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9' || exponent > 1000) return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size() || digits.size() > 30) return std::nullopt;
  long shift = exponent - scale + decimals;
  if (digits.empty()) return int128{0};
  if (shift > 0 && static_cast<long>(digits.size()) + shift > 36) return std::nullopt;
  int128 mantissa = 0;
  for (char c : digits) mantissa = mantissa * 10 + (c - '0');
  if (shift >= 0) {
    for (long k = 0; k < shift; ++k) mantissa *= 10;
    return negative ? -mantissa : mantissa;
  }
  if (-shift > 36) return int128{0};
  int128 divisor = 1;
  for (long k = 0; k < -shift; ++k) divisor *= 10;
  int128 q = mantissa / divisor, r = mantissa % divisor;
  if (2 * r > divisor || (2 * r == divisor && q % 2 == 1)) ++q;
  return negative ? -q : q;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  int decimals = in.mode % 7;
  int64_t parsed = 0;
  bool accepted = ParseScaledDecimal(text, decimals, &parsed);
  std::optional<int128> expected = Reference(TrimSpaces(text), decimals);
  if (accepted && expected && *expected != parsed) std::abort();  // another number
  double d = 0;
  (void)ParseDouble(text, &d);
  int64_t n = 0;
  (void)ParseIntegerInRange(text, -1000000, 1000000, &n);
  (void)ParseHourLabel(text);
  (void)ParseDate(text);
  return 0;
}
