// The encodings of text files as spreadsheets export them: UTF-8 (with or without a BOM)
// and GB18030, the superset of GBK and GB2312 that a Chinese Excel writes as "CSV". A file
// that is valid UTF-8 is UTF-8 (GBK text with Chinese in it is, in practice, never valid
// UTF-8); anything else is read as GB18030 and converted (iconv), or refused naming the
// byte offset where neither fits.
//
// Thread safety: pure functions.
#pragma once
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv {

bool IsValidUtf8(std::string_view text);

// Text as UTF-8: unchanged when it is UTF-8, else converted from GB18030; `*converted` says
// which. Errors: InvalidArgument naming the first byte that is neither.
StatusOr<std::string> TextAsUtf8(std::string text, bool* converted);

}  // namespace ecociv
