// The server's common error sentences as codes (internal): an error response
// carries, beside its English message, the sentence's code and arguments
// ("reason", "args") when the table knows it, so that the web words the
// detail in its own language (web/src/i18n: errd_<code>). See
// ecociv/core/message_codes.h for the patterns.
#pragma once

#include "ecociv/core/message_codes.h"

namespace ecociv::server {

const MessageCodes& ErrorReasonCodes();

}  // namespace ecociv::server
