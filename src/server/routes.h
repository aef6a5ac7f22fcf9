// Internal to the server: what the API's route groups share.
//
// Each routes_*.cc file registers its group's routes into a RouteRegistry
// (RegisterSessionRoutes, ...); api.cc calls the group functions once, in
// one list, and dispatches requests over the resulting table. A handler gets
// a Call (the request, path parameters, the session, a database connection
// and the parsed JSON body) and returns a response or a Status, which api.cc
// turns into {"code", "message"} with HttpStatusFor's status.
//
// Thread safety: the registry is filled once, before any request; handlers
// run concurrently, each with its own Call and connection. ApiContext's
// members are safe to share (see their headers).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data_service.h"
#include "db_pool.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/api.h"
#include "ecociv/server/login_throttle.h"
#include "ecociv/store/change_log.h"
#include "import_jobs.h"
#include "outbox_delivery.h"
#include "roles.h"

namespace ecociv::server {

// What a handler sees.
class RegionScopeCache;

struct Call {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // path parameters ("{id}" → "12")
  std::optional<Session> session;             // set on every route but public ones
  store::Database* db;
  Json body;  // the parsed body of a POST or PUT with a JSON body
  // The server's region scopes per data version (region_scope.h); null: read each time.
  RegionScopeCache* scopes = nullptr;
  // The store's data version as this request first read it (DataVersionOf):
  // one lookup per request however many cached results it asks for.
  mutable std::optional<int64_t> data_version = {};

  // The query parameter `name` ("" when absent).
  std::string Query(const std::string& name) const {
    for (const auto& [key, value] : request.query)
      if (key == name) return value;
    return "";
  }
  // The web user as the actor of a change record entry.
  store::Actor Actor(const std::string& why = "") const {
    return store::Actor{session ? session->user.name : "anonymous", why};
  }
  bool IsReporter() const { return session && session->user.role == Role::kReporter; }
  Role role() const { return session->user.role; }
};

// The store's data version (store::DataVersion), read once per call.
StatusOr<int64_t> DataVersionOf(const Call& c);

using Handler = std::function<StatusOr<HttpResponse>(Call&)>;

// What a route accepts as its body.
struct BodyRule {
  size_t max_bytes = kMaxBodyBytes;
  bool json = true;  // false: the body is an uploaded file, handed over as bytes
  std::string too_large = "request body too large";
};

// An uploaded file of at most `max_bytes`.
inline BodyRule Upload(size_t max_bytes, std::string too_large) {
  return BodyRule{max_bytes, false, std::move(too_large)};
}

struct Route {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // "/api/v1/warnings/{id}"
  unsigned roles;      // kPublic: no session needed
  Handler handler;
  BodyRule body;
};

// The route table. A path with a literal segment wins over a template
// ("/warnings/evaluate" over "/warnings/{id}"), whatever the order of
// registration.
class RouteRegistry {
 public:
  void Add(std::string method, std::string path, unsigned roles, Handler handler,
           BodyRule body = {});
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// What the handlers share: the server's options and its long-lived parts.
struct ApiContext {
  ApiContext(const ApiOptions& options, std::unique_ptr<DataService> data);

  // The Set-Cookie value of the session cookie (value "" and max_age 0 end it).
  std::string SessionCookie(const std::string& value, int max_age) const;

  const ApiOptions options;
  DbPool pool;
  std::unique_ptr<DataService> data;  // null only in the route-listing probe
  LoginThrottle throttle;
  ImportJobs imports;
  OutboxDelivery delivery;
  std::shared_ptr<RegionScopeCache> scopes;  // region_scope.h
};

// The route groups (routes_*.cc).
void RegisterSessionRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterAirWaterRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterIndicatorRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterProjectRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterWarningRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterReviewRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterAdminRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterImportRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterAssessmentRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterAssessmentEntryRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterAuditRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterStationRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterMapRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterSpaceRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterWaterPlanRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterWaterChiefRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterRegionRoutes(RouteRegistry& routes, ApiContext& context);

// Responses.
inline HttpResponse JsonResponse(const Json& json, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.body = json.dump();
  return r;
}
// A body already serialised (a cached result).
inline HttpResponse BodyResponse(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}
// A file to download.
inline HttpResponse Attachment(std::string content_type, std::string bytes,
                               std::string disposition) {
  HttpResponse r;
  r.content_type = std::move(content_type);
  r.body = std::move(bytes);
  r.headers.emplace_back("Content-Disposition", std::move(disposition));
  return r;
}
inline Status Denied(const std::string& message) {
  return Status(StatusCode::kPermissionDenied, message);
}
inline Status NoSession() { return Status(StatusCode::kUnauthenticated, "not logged in"); }

inline Json UserJson(const User& u) {
  return {{"name", u.name},
          {"role", RoleName(u.role)},
          {"unit", u.unit},
          {"region", u.region},
          {"disabled", u.disabled}};
}

}  // namespace ecociv::server
