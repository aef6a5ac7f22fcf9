// UTF-8 or GB18030 text (see text_encoding.h).
#include "ecociv/core/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

namespace ecociv {

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0;
  while (i < n) {
    // Most of a release is ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > n) return false;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += len;
  }
  return true;
}

StatusOr<std::string> TextAsUtf8(std::string text, bool* converted) {
  *converted = false;
  if (IsValidUtf8(text)) return text;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return InternalError("the text is not UTF-8 and GB18030 conversion is not available");
  }
  std::string out(text.size() * 2 + 16, '\0');
  char* in = text.data();
  size_t in_left = text.size();
  char* dst = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      dst = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    size_t at = text.size() - in_left;
    iconv_close(cd);
    return InvalidArgumentError("the text is neither UTF-8 nor GBK/GB18030 (byte " +
                                std::to_string(at + 1) + ")");
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  *converted = true;
  return out;
}

}  // namespace ecociv
