// Internal to the server: answers as bytes on the wire — the responses of the
// API and of the interface's files, and the HTTP layer's own JSON errors —
// with the security headers every answer carries.
//
// Thread safety: pure functions (Answer calls Api::Handle, which is safe to
// call from many threads, and StaticFiles::Get).
#pragma once

#include <string>

#include "ecociv/server/api.h"
#include "static_files.h"

namespace ecociv::server {

// The bytes of a whole response: status line, `response.headers`,
// Content-Type, the security headers (nosniff, DENY, no-referrer, the CSP),
// Retry-After on a 503 that has none, Content-Length and Connection; the body
// unless `head_only`.
std::string Serialize(HttpResponse response, bool keep_alive, bool head_only);

// {"code": code, "message": message} with `status`.
HttpResponse LayerError(int status, const std::string& code, const std::string& message);
// The code of a refusal of the HTTP layer: "PAYLOAD_TOO_LARGE" for 413, ...
std::string LayerCode(int status);

// The answer to a whole request: /api/... from the Api, anything else from
// the interface's files (GET and HEAD only; 405 otherwise). HEAD gets no body.
std::string Answer(Api& api, const StaticFiles& files, const HttpRequest& request, bool keep_alive);

}  // namespace ecociv::server
