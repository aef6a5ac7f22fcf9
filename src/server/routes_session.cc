// Routes of the session: log in and out, who is logged in (with the pages the
// role sees), password change, and the OpenAPI document.
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

// Failed logins count against the name and the address (LoginThrottle); a
// throttled login is 429 whatever the password.
StatusOr<HttpResponse> LogIn(ApiContext& ctx, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string password, StringField(c.body, "password", true, 256));
  auto now = LoginThrottle::Clock::now();
  if (!ctx.throttle.Allowed(name, c.request.remote_addr, now)) {
    HttpResponse r = JsonResponse(
        {{"code", "TOO_MANY_REQUESTS"}, {"message", "too many failed logins; try again later"}},
        429);
    r.headers.emplace_back("Retry-After", "900");
    return r;
  }
  auto session = Login(c.db, name, password, c.request.remote_addr);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kUnauthenticated) {
      ctx.throttle.RecordFailure(name, c.request.remote_addr, now);
    }
    return session.status();
  }
  ctx.throttle.RecordSuccess(name);
  HttpResponse r = JsonResponse(SessionJson(*session));
  r.headers.emplace_back("Set-Cookie", ctx.SessionCookie(session->id, kSessionSeconds));
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
  ECOCIV_ASSIGN_OR_RETURN(std::string old_pw, StringField(c.body, "old_password", true, 256));
  ECOCIV_ASSIGN_OR_RETURN(std::string new_pw, StringField(c.body, "new_password", true, 256));
  ECOCIV_RETURN_IF_ERROR(ChangePassword(c.db, c.session->user, old_pw, new_pw));
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
