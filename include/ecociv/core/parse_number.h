// The one parser of whole numbers given on the command line, in request
// parameters and in small text fields (ids, years, counts, ports).
//
// Unlike the std::stoi family it never throws, accepts only the whole text
// (an optional '-' and ASCII digits: "8080x", " 12", "+3", "1e3" and "" are
// refused) and checks a closed range, so a caller states what is plausible.
// Measured values are not parsed here: they are exact decimals
// (ParseScaledDecimal in text_input.h).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv {

// The integer written in `text`, if it lies in [min, max]. Otherwise an
// InvalidArgument error: "<what>: expected a whole number from <min> to <max>,
// got '<text>'" (long texts are cut in the message).
StatusOr<int64_t> ParseInteger(std::string_view text, int64_t min, int64_t max,
                               std::string_view what);

// True when `text` is an integer in [min, max]; the value in *out.
bool ParseIntegerInRange(std::string_view text, int64_t min, int64_t max, int64_t* out);

}  // namespace ecociv
