#include "http_answer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ecociv/server/http_server.h"
#include "http_wire.h"

namespace ecociv::server {
namespace {

void AddSecurityHeaders(wire::Fields* headers) {
  headers->emplace_back("X-Content-Type-Options", "nosniff");
  headers->emplace_back("X-Frame-Options", "DENY");
  headers->emplace_back("Referrer-Policy", "no-referrer");
  headers->emplace_back("Content-Security-Policy",
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
                        "data: blob:; connect-src 'self'; frame-ancestors 'none'");
}

}  // namespace

std::string Serialize(HttpResponse response, bool keep_alive, bool head_only) {
  wire::Fields headers(response.headers.begin(), response.headers.end());
  headers.emplace_back("Content-Type", response.content_type);
  AddSecurityHeaders(&headers);
  if (response.status == 503 && std::none_of(headers.begin(), headers.end(), [](const auto& h) {
        return h.first == "Retry-After";
      })) {
    headers.emplace_back("Retry-After", std::to_string(kRetryAfterSeconds));
  }
  std::string out = wire::ResponseHead(response.status, headers, response.body.size(), keep_alive);
  if (!head_only) out += response.body;
  return out;
}

// A JSON error of the HTTP layer: {"code": ..., "message": ...}.
HttpResponse LayerError(int status, const std::string& code, const std::string& message) {
  HttpResponse r;
  r.status = status;
  r.body = nlohmann::json{{"code", code}, {"message", message}}.dump();
  return r;
}

std::string LayerCode(int status) {
  switch (status) {
    case 408:
      return "REQUEST_TIMEOUT";
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 431:
      return "HEADERS_TOO_LARGE";
    case 501:
      return "NOT_IMPLEMENTED";
    case 503:
      return "UNAVAILABLE";
    case 505:
      return "HTTP_VERSION_NOT_SUPPORTED";
    default:
      return "INVALID_ARGUMENT";
  }
}

std::string Answer(Api& api, const StaticFiles& files, const HttpRequest& request,
                   bool keep_alive) {
  // An answer to HEAD has the head of the answer to GET and no body.
  const bool head_only = request.method == "HEAD";
  if (request.path.rfind("/api/", 0) == 0) {
    return Serialize(api.Handle(request), keep_alive, head_only);
  }
  if (request.method != "GET" && !head_only) {
    HttpResponse r = LayerError(405, "METHOD_NOT_ALLOWED", "the web interface takes GET");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return Serialize(std::move(r), keep_alive, false);
  }
  auto file = files.Get(request.path);
  if (!file.ok()) {
    HttpResponse r;
    r.status = HttpStatusFor(file.status());
    r.content_type = "text/plain; charset=utf-8";
    r.body = file.status().message();
    return Serialize(std::move(r), keep_alive, head_only);
  }
  HttpResponse r;
  r.content_type = file->content_type;
  r.body = std::move(file->body);
  if (file->cacheable) r.headers.emplace_back("Cache-Control", "max-age=3600");
  return Serialize(std::move(r), keep_alive, head_only);
}

}  // namespace ecociv::server
