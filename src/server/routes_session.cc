// Routes of the session: log in (throttled) and out, who is logged in (with
// the pages the role sees), password change, and the OpenAPI document.
#include <ctime>

#include "ecociv/core/embedded_files.h"
#include "json_fields.h"
#include "role_pages.h"
#include "routes.h"

const ecociv::EmbeddedFile* EmbeddedOpenApi(size_t* count);

namespace ecociv::server {
namespace {

// The pages the session's role sees; the public page without a session.
Json PagesJson(const Session* session) {
  if (!session) return Json::array({kPublicPage});
  return PagesFor(session->user.role);
}

// {"user", "csrf", "pages"} of a session.
Json SessionJson(const Session& session) {
  return {{"user", UserJson(session.user)},
          {"csrf", session.csrf},
          {"pages", PagesJson(&session)}};
}

StatusOr<HttpResponse> OpenApiDocument(Call&) {
  size_t n = 0;
  const EmbeddedFile* f = EmbeddedOpenApi(&n);
  if (n == 0) return NotFoundError("no OpenAPI document built in");
  HttpResponse r;
  r.body.assign(f[0].data, f[0].size);
  return r;
}

// The JSON fields of passwords are bounded in bytes generously (a password
// is at most 256 characters, up to 4 bytes each); CheckPasswordStrength
// counts characters.
constexpr size_t kPasswordFieldBytes = 1024;

// Every attempt counts against the name from the client's address and
// against the address (LoginThrottle, login_throttle.h) until it succeeds; a
// throttled login is 429 whatever the password, with Retry-After.
StatusOr<HttpResponse> LogIn(ApiContext& ctx, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string password,
                          StringField(c.body, "password", true, kPasswordFieldBytes));
  const std::string address =
      ClientAddress(c.request.remote_addr, c.request.forwarded_for, ctx.options.trusted_proxies);
  ECOCIV_ASSIGN_OR_RETURN(LoginAttempt attempt,
                          ctx.throttle.Start(c.db, name, address, std::time(nullptr)));
  if (!attempt.allowed) {
    HttpResponse r = JsonResponse(
        {{"code", "TOO_MANY_REQUESTS"}, {"message", "too many failed logins; try again later"}},
        429);
    r.headers.emplace_back("Retry-After", std::to_string(attempt.retry_after_seconds));
    return r;
  }
  ECOCIV_ASSIGN_OR_RETURN(Session session, Login(c.db, name, password, address));
  ECOCIV_RETURN_IF_ERROR(ctx.throttle.Succeeded(c.db, attempt, name, address));
  HttpResponse r = JsonResponse(SessionJson(session));
  r.headers.emplace_back("Set-Cookie", ctx.SessionCookie(session.id, kSessionSeconds));
  return r;
}

StatusOr<HttpResponse> CurrentSession(Call& c) {
  if (!c.session) return JsonResponse({{"user", nullptr}, {"pages", PagesJson(nullptr)}});
  return JsonResponse(SessionJson(*c.session));
}

StatusOr<HttpResponse> LogOut(ApiContext& ctx, Call& c) {
  ECOCIV_RETURN_IF_ERROR(Logout(c.db, *c.session));
  HttpResponse r = JsonResponse({{"ok", true}});
  r.headers.emplace_back("Set-Cookie", ctx.SessionCookie("", 0));
  return r;
}

StatusOr<HttpResponse> NewPassword(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string old_pw,
                          StringField(c.body, "old_password", true, kPasswordFieldBytes));
  ECOCIV_ASSIGN_OR_RETURN(std::string new_pw,
                          StringField(c.body, "new_password", true, kPasswordFieldBytes));
  ECOCIV_RETURN_IF_ERROR(ChangePassword(c.db, *c.session, old_pw, new_pw));
  return JsonResponse({{"ok", true}});
}

}  // namespace

void RegisterSessionRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/openapi.json", kPublic, OpenApiDocument);
  routes.Add("POST", "/api/v1/session", kPublic, [&ctx](Call& c) { return LogIn(ctx, c); });
  routes.Add("GET", "/api/v1/session", kPublic, CurrentSession);
  routes.Add("DELETE", "/api/v1/session", kAnyone, [&ctx](Call& c) { return LogOut(ctx, c); });
  routes.Add("POST", "/api/v1/session/password", kAnyone, NewPassword);
}

}  // namespace ecociv::server
