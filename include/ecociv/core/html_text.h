// Text placed into an HTML page (documents, report cards): the five
// characters that HTML gives a meaning (& < > " ') become their references,
// so any text, in an element or in a quoted attribute, stays text.
//
// Thread safety: a pure function.
#pragma once
#include <string>
#include <string_view>

namespace ecociv {

std::string EscapeHtml(std::string_view text);

}  // namespace ecociv
