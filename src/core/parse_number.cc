#include "ecociv/core/parse_number.h"

#include <charconv>
#include <string>

#include "ecociv/core/message_text.h"

namespace ecociv {

bool ParseIntegerInRange(std::string_view text, int64_t min, int64_t max, int64_t* out) {
  if (text.empty()) return false;
  size_t digits_from = text[0] == '-' ? 1 : 0;
  if (digits_from == text.size()) return false;
  for (size_t i = digits_from; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return false;  // too large
  if (value < min || value > max) return false;
  *out = value;
  return true;
}

StatusOr<int64_t> ParseInteger(std::string_view text, int64_t min, int64_t max,
                               std::string_view what) {
  int64_t value = 0;
  if (ParseIntegerInRange(text, min, max, &value)) return value;
  return InvalidArgumentError(std::string(what) + ": expected a whole number from " +
                              std::to_string(min) + " to " + std::to_string(max) + ", got " +
                              QuoteForMessage(text));
}

}  // namespace ecociv
