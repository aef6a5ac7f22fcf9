// Percent-encoding (RFC 3986 §2.1): every byte but the unreserved characters
// A–Z a–z 0–9 - . _ ~ becomes %XX (upper-case hex). Used for URL query values
// (robot signatures) and RFC 5987 header values (UTF-8 file names).
//
// Thread safety: a pure function.
#pragma once
#include <string>
#include <string_view>

namespace ecociv {

std::string PercentEncode(std::string_view bytes);

}  // namespace ecociv
