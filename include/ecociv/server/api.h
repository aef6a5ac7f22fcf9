// Api: the JSON API of `ecociv serve` (/api/v1/...), as a function from a
// request to a response, independent of the HTTP library so that tests can
// drive every route directly. docs/web.md lists the routes and who may call
// them; web/openapi.json documents them (a test keeps the two in step).
//
// Each request: an unknown path is 404 and a known path with a method it
// does not take is 405 with an Allow header; the session cookie is looked
// up, the route's roles are checked (401 without a session, 403 for a role
// not allowed), a state-changing request must carry the session's CSRF token
// in the X-CSRF-Token header, and any error becomes {"code": ..., "message":
// ...} with the HTTP status of HttpStatusFor. Handlers never let an exception
// escape.
//
// Thread safety: Handle may be called from many threads at once; the Api
// keeps a pool of database connections and a cache of computed results that
// is dropped whenever the data version (store/summary.h) moves: any change
// of data, not a login or another account change.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/v1/air/daily"
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
  std::string cookie;       // the Cookie header
  std::string csrf_header;  // X-CSRF-Token
  std::string remote_addr;  // the socket's peer
  // Every X-Forwarded-For header, joined by ", " ("" when none); believed
  // only when remote_addr is a trusted proxy (ApiOptions::trusted_proxies).
  std::string forwarded_for = {};
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie
};

struct ApiOptions {
  std::string db_path;
  std::string standards_dir;    // overrides of the air and water standards
  bool secure_cookies = false;  // add "Secure" (behind TLS)
  // The login throttle (login_throttle.h): failures of one name from one
  // address, and of one address under any names, within 15 minutes.
  int login_max_per_name_and_address = 5;
  int login_max_per_address = 20;
  // Reverse proxies whose X-Forwarded-For names the client (ClientAddress);
  // empty: the header is ignored and the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
  std::string pm25_target = "30";      // µg/m³, this year's PM2.5 mean at most
  std::string good_day_target = "80";  // %, this year's good-day ratio at least
  std::string composite_target;        // composite index at most ("" = none)
  // Webhook of the warning outbox ("" = none: "deliver now" is refused with
  // 409); with deliver_every_seconds > 0 a background thread delivers the
  // outbox at that interval until the Api is destroyed.
  std::string webhook_url;
  std::string webhook_secret;   // DingTalk "加签" secret ("" = unsigned)
  std::string webhook_ca_file;  // https: PEM CA bundle ("" = the system's)
  int deliver_every_seconds = 0;
  // How long one server holds a message it is sending (webhook.h: a POST cut
  // by a crash is retried by any server once this has passed).
  int64_t webhook_claim_seconds = 300;
  // The documents' schedule (report/schedule.h): its file ("" = the built-in
  // one), and how often this server runs it (0 = never; shown on the
  // documents page, the runs are serve's ReportScheduler).
  std::string schedule_file;
  std::string holidays_dir;  // the public holidays' folder ("" = the built-in files)
  int draft_every_seconds = 0;
  // How long a request waits for another connection's write lock before it
  // is answered 503 with Retry-After (store::kBusyTimeoutMs).
  int busy_timeout_ms = store::kBusyTimeoutMs;
  // Database connections opened by Create and kept for the requests (serve:
  // one per worker thread). A PostgreSQL connection costs a server process
  // and several round trips: opened while requests wait, the first busy
  // seconds of a server queued behind them (p99 over a second, measured).
  // 0: opened as requests need them.
  int connections = 0;
};

// One route as documented: method, path template ("/api/v1/users/{name}")
// and the roles that may call it (RoleName; empty: public, no login).
// What a request may send as its body, decided from its head before any
// byte of the body is read: at most `max_bytes`, else 413 with `too_large`.
struct BodyAdmission {
  size_t max_bytes = 0;
  std::string too_large;
};

struct RouteInfo {
  std::string method;
  std::string path;
  std::vector<std::string> roles;
};

class Api {
 public:
  static StatusOr<std::unique_ptr<Api>> Create(const ApiOptions& options);
  virtual ~Api() = default;
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
  // The body `head` (a request whose body is not read yet) may send: its
  // route's BodyRule when the route is public or the session may call it,
  // never more than kMaxUnauthenticatedBodyBytes without a session; an error
  // (401, 403: no session, a role not allowed, a missing CSRF token) to
  // answer at once without reading the body. The HTTP layer calls this before
  // it buffers any body; Handle checks the limit again.
  virtual StatusOr<BodyAdmission> AdmitBody(const HttpRequest& head) = 0;
  // Stops background work: the webhook delivery thread, and any delivery in
  // flight is cancelled. Requests may still be handled. Idempotent.
  virtual void Shutdown() = 0;
  // Every route, for the OpenAPI consistency test and docs.
  static std::vector<RouteInfo> Routes();
};

inline constexpr char kSessionCookie[] = "ecociv_session";
inline constexpr size_t kMaxBodyBytes = 1 << 20;  // 1 MiB
// The most a request without a valid session may send (a login is a few
// hundred bytes), whatever its route allows.
inline constexpr size_t kMaxUnauthenticatedBodyBytes = 16 << 10;  // 16 KiB

// {"code": "NOT_FOUND", "message": ...} with the status's HTTP code.
HttpResponse ErrorResponse(const Status& status);

}  // namespace ecociv::server
