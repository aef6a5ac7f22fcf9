// The API's dispatch: the route table of every group, path matching (405 with
// Allow for a wrong method), sessions, roles, CSRF and body limits. The
// routes themselves are in routes_*.cc.
#include "ecociv/server/api.h"

#include <algorithm>

#include "ecociv/store/summary.h"
#include "error_reasons.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {

// Official documents (routes_documents.cc). Declared here rather than in
// routes.h only to spare every route file a rebuild; it is a group like the others.
void RegisterDocumentRoutes(RouteRegistry& routes, ApiContext& context);
// The public page's current air quality (routes_public_air.cc).
void RegisterPublicAirRoutes(RouteRegistry& routes, ApiContext& context);
void RegisterTaskRoutes(RouteRegistry& routes, ApiContext& context);
// Official documents made on the web (routes_document_make.cc).
void RegisterDocumentMakeRoutes(RouteRegistry& routes, ApiContext& context);

namespace {

// Every group of routes, registered in this order (the order does not decide
// which route answers: see RouteRegistry).
using RouteGroup = void (*)(RouteRegistry&, ApiContext&);
constexpr RouteGroup kRouteGroups[] = {
    RegisterSessionRoutes,         RegisterAirWaterRoutes, RegisterIndicatorRoutes,
    RegisterProjectRoutes,         RegisterWarningRoutes,  RegisterReviewRoutes,
    RegisterAdminRoutes,           RegisterImportRoutes,   RegisterAssessmentRoutes,
    RegisterAssessmentEntryRoutes, RegisterAuditRoutes,    RegisterStationRoutes,
    RegisterDocumentRoutes,        RegisterMapRoutes,      RegisterPublicAirRoutes,
    RegisterTaskRoutes,            RegisterSpaceRoutes,    RegisterDocumentMakeRoutes,
    RegisterWaterPlanRoutes,       RegisterWaterChiefRoutes,
    RegisterRegionRoutes,
};

// Fills `params` with the path's template parameters when `path` matches `pattern`.
bool MatchPath(const std::string& pattern, const std::string& path,
               std::map<std::string, std::string>* params) {
  size_t i = 0, j = 0;
  while (i < pattern.size() && j < path.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, close - i - 1);
      size_t end = path.find('/', j);
      if (end == std::string::npos) end = path.size();
      if (end == j) return false;
      (*params)[name] = path.substr(j, end - j);
      i = close + 1;
      j = end;
      continue;
    }
    if (pattern[i] != path[j]) return false;
    ++i;
    ++j;
  }
  return i == pattern.size() && j == path.size();
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

// 405 with the methods the path accepts.
HttpResponse MethodNotAllowed(const HttpRequest& request, const std::vector<std::string>& allowed) {
  std::string allow;
  for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
  HttpResponse r = JsonResponse({{"code", "METHOD_NOT_ALLOWED"},
                                 {"message", "method " + request.method + " not allowed on " +
                                                 request.path + " (allowed: " + allow + ")"}},
                                405);
  r.headers.emplace_back("Allow", allow);
  return r;
}

// The route answering the request: among the routes whose path matches, the
// one with the request's method and the fewest template parameters.
struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> methods;  // every method the path accepts
};

Match FindRoute(const std::vector<Route>& routes, const HttpRequest& request) {
  Match best;
  for (const Route& r : routes) {
    std::map<std::string, std::string> params;
    if (!MatchPath(r.path, request.path, &params)) continue;
    if (std::find(best.methods.begin(), best.methods.end(), r.method) == best.methods.end()) {
      best.methods.push_back(r.method);
    }
    if (r.method != request.method) continue;
    if (!best.route || params.size() < best.params.size()) {
      best.route = &r;
      best.params = std::move(params);
    }
  }
  return best;
}

// Roles, then the CSRF token of every request but a GET and the login.
Status CheckAccess(const Route& route, const Call& call) {
  if (route.roles != kPublic) {
    if (!call.session) return NoSession();
    if (!RoleIn(route.roles, call.session->user.role)) {
      return Denied(std::string("the role ") + RoleName(call.session->user.role) + " may not " +
                    route.method + " " + route.path);
    }
  }
  bool changes_state = call.request.method != "GET";
  bool is_login = route.roles == kPublic && call.request.method == "POST";
  if (changes_state && !is_login) {
    if (!call.session) return NoSession();
    if (call.request.csrf_header.size() != call.session->csrf.size() ||
        call.request.csrf_header != call.session->csrf) {
      return Denied("missing or wrong CSRF token (X-CSRF-Token)");
    }
  }
  return Status::Ok();
}

// The body within the route's limit, parsed when the route takes JSON.
Status ReadBody(const Route& route, Call* call) {
  const HttpRequest& request = call->request;
  if (request.body.size() > route.body.max_bytes) {
    return InvalidArgumentError(route.body.too_large);
  }
  if (route.body.json && (request.method == "POST" || request.method == "PUT")) {
    call->body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (call->body.is_discarded()) return InvalidArgumentError("the body is not valid JSON");
  }
  return Status::Ok();
}

class ApiImpl : public Api {
 public:
  ApiImpl(const ApiOptions& options, std::unique_ptr<DataService> data)
      : context_(options, std::move(data)) {
    for (RouteGroup group : kRouteGroups) group(routes_, context_);
  }

  // The background webhook delivery (when configured); stopped by ~OutboxDelivery.
  void StartDelivery() { context_.delivery.Start(); }
  Status FillPool(int connections) { return context_.pool.Fill(static_cast<size_t>(connections)); }

  HttpResponse Handle(const HttpRequest& request) override {
    HttpResponse response;
    try {
      auto db = context_.pool.Take();
      if (!db.ok()) return ErrorResponse(db.status());
      auto result = Dispatch(request, db->get());
      context_.pool.Give(std::move(*db));
      response = result.ok() ? std::move(*result) : ErrorResponse(result.status());
    } catch (const std::exception& e) {
      response = ErrorResponse(InternalError(std::string("unexpected error: ") + e.what()));
    }
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }

  StatusOr<BodyAdmission> AdmitBody(const HttpRequest& head) override {
    const BodyAdmission unauthenticated{kMaxUnauthenticatedBodyBytes,
                                        "request body too large (at most " +
                                            std::to_string(kMaxUnauthenticatedBodyBytes) +
                                            " bytes without a session)"};
    try {
      Match match = FindRoute(routes_.routes(), head);
      if (!match.route) return unauthenticated;  // Handle answers 404 or 405
      const Route& route = *match.route;
      auto db = context_.pool.Take();
      if (!db.ok()) return db.status();
      Call call{head, std::move(match.params), std::nullopt, db->get(), Json()};
      std::string cookie = CookieValue(head.cookie, kSessionCookie);
      if (!cookie.empty()) {
        auto session = LookupSession(db->get(), cookie);
        if (session.ok()) call.session = std::move(*session);
      }
      Status access = CheckAccess(route, call);
      context_.pool.Give(std::move(*db));
      ECOCIV_RETURN_IF_ERROR(access);
      if (route.roles == kPublic || !call.session) {
        if (route.body.max_bytes > unauthenticated.max_bytes) return unauthenticated;
      }
      return BodyAdmission{
          route.body.max_bytes,
          route.body.too_large + " (at most " + std::to_string(route.body.max_bytes) + " bytes)"};
    } catch (const std::exception& e) {
      return InternalError(std::string("unexpected error: ") + e.what());
    }
  }

  void Shutdown() override { context_.delivery.Stop(); }

  const std::vector<Route>& routes() const { return routes_.routes(); }

 private:
  StatusOr<HttpResponse> Dispatch(const HttpRequest& request, store::Database* db) {
    Match match = FindRoute(routes_.routes(), request);
    if (!match.route) {
      if (!match.methods.empty()) return MethodNotAllowed(request, match.methods);
      return NotFoundError("no API route " + request.path);
    }
    const Route& route = *match.route;
    Call call{request, std::move(match.params), std::nullopt, db, Json()};
    call.scopes = context_.scopes.get();
    std::string cookie = CookieValue(request.cookie, kSessionCookie);
    if (!cookie.empty()) {
      // The data version comes with the session: one round trip, not two.
      int64_t version = 0;
      auto session = LookupSession(db, cookie, &version);
      if (session.ok()) {
        call.session = std::move(*session);
        call.data_version = version;
      }
    }
    ECOCIV_RETURN_IF_ERROR(CheckAccess(route, call));
    ECOCIV_RETURN_IF_ERROR(ReadBody(route, &call));
    return route.handler(call);
  }

  ApiContext context_;
  RouteRegistry routes_;
};

}  // namespace

void RouteRegistry::Add(std::string method, std::string path, unsigned roles, Handler handler,
                        BodyRule body) {
  routes_.push_back(
      Route{std::move(method), std::move(path), roles, std::move(handler), std::move(body)});
}

ApiContext::ApiContext(const ApiOptions& api_options, std::unique_ptr<DataService> data_service)
    : options(api_options),
      pool(api_options.db_path, api_options.busy_timeout_ms),
      data(std::move(data_service)),
      throttle(ThrottleLimits{api_options.login_max_per_name_and_address,
                              api_options.login_max_per_address}),
      imports(api_options.db_path),
      delivery(api_options.db_path,
               {api_options.webhook_url, api_options.webhook_secret, api_options.webhook_ca_file, {},
                api_options.webhook_claim_seconds},
               api_options.deliver_every_seconds),
      scopes(std::make_shared<RegionScopeCache>()) {}

StatusOr<int64_t> DataVersionOf(const Call& c) {
  if (!c.data_version) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t version, store::DataVersion(c.db));
    c.data_version = version;
  }
  return *c.data_version;
}

std::string ApiContext::SessionCookie(const std::string& value, int max_age) const {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (options.secure_cookies ? "; Secure" : "") + "; Max-Age=" + std::to_string(max_age);
}

HttpResponse ErrorResponse(const Status& status) {
  HttpResponse r;
  r.status = HttpStatusFor(status);
  Json body{{"code", StatusCodeName(status.code())}, {"message", status.message()}};
  // The detail as a code the web words in its language, when the sentence is a known one.
  if (auto coded = ErrorReasonCodes().Match(status.message())) {
    Json args = Json::object();
    for (const auto& [name, value] : coded->args) args[name] = value;
    body["reason"] = coded->code;
    body["args"] = std::move(args);
  }
  r.body = body.dump();
  return r;
}

StatusOr<std::unique_ptr<Api>> Api::Create(const ApiOptions& options) {
  store::OpenOptions open;
  open.create = false;
  ECOCIV_ASSIGN_OR_RETURN(auto db, store::OpenDatabase(options.db_path, open));
  (void)db;
  ECOCIV_ASSIGN_OR_RETURN(auto data,
                          DataService::Create(options.standards_dir,
                                              Targets{options.pm25_target, options.good_day_target,
                                                      options.composite_target}));
  auto api = std::make_unique<ApiImpl>(options, std::move(data));
  if (options.connections > 0) ECOCIV_RETURN_IF_ERROR(api->FillPool(options.connections));
  api->StartDelivery();
  return std::unique_ptr<Api>(std::move(api));
}

std::vector<RouteInfo> Api::Routes() {
  ApiImpl probe(ApiOptions{}, nullptr);
  std::vector<RouteInfo> out;
  for (const Route& r : probe.routes()) {
    RouteInfo info{r.method, r.path, {}};
    for (int i = 0; i < kRoleCount; ++i) {
      Role role = static_cast<Role>(i);
      if (RoleIn(r.roles, role)) info.roles.push_back(RoleName(role));
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace ecociv::server
