#include "ecociv/core/message_text.h"

namespace ecociv {
namespace {

// The length of the valid UTF-8 sequence at text[i], or 0.
size_t Utf8Length(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t length = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xe  ? 3
                  : (c >> 3) == 0x1e ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  return length;
}

void AppendEscaped(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append("\\x");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xf]);
}

}  // namespace

std::string QuoteForMessage(std::string_view text) {
  std::string out = "'";
  size_t i = 0;
  while (i < text.size()) {
    size_t length = Utf8Length(text, i);
    if (length > 1 && i + length > kMaxQuotedBytes) break;  // never half a character
    if (i >= kMaxQuotedBytes) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0 || c < 0x20 || c == 0x7f) {
      AppendEscaped(c, &out);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  if (i < text.size()) {
    out += "…' (" + std::to_string(text.size()) + " bytes)";
  } else {
    out += "'";
  }
  return out;
}

}  // namespace ecociv
