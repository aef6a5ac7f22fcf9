#include "ecociv/core/parse_number.h"

#include <charconv>
#include <string>

namespace ecociv {
namespace {

// At most this much of a refused text is echoed, so a huge value never floods a log.
constexpr size_t kMaxEchoedChars = 40;

std::string Echo(std::string_view text) {
  std::string shown(text.substr(0, kMaxEchoedChars));
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';  // NUL and control bytes
  }
  if (text.size() > kMaxEchoedChars) {
    shown += "… (" + std::to_string(text.size()) + " bytes)";
  }
  return shown;
}

}  // namespace

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
                              std::to_string(min) + " to " + std::to_string(max) + ", got '" +
                              Echo(text) + "'");
}

}  // namespace ecociv
