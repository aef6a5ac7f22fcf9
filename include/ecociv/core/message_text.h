// Quoting input in error messages. An error message names the place
// ("file:line") and may quote the offending value, but never the whole of an
// unbounded one: a 1 GB field must not become a 1 GB message.
//
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ecociv {

// The most bytes of an input value an error message quotes.
inline constexpr size_t kMaxQuotedBytes = 40;

// `text` in single quotes, as an error message quotes input: at most
// kMaxQuotedBytes bytes of it (cut at a UTF-8 character boundary), followed by
// "…" and the length when it is longer — 'aaaa…' (1073741824 bytes) — and with
// every control byte (NUL, CR, LF, tab, ...) and every byte that is not part
// of valid UTF-8 written as \xNN, so that a message is one line, never cut
// short by a NUL, and always valid UTF-8 (a JSON error body can carry it).
std::string QuoteForMessage(std::string_view text);

}  // namespace ecociv
