// API tests of the session routes: cookie flags, logout, password change,
// and the pages each role sees (login throttling: routes_login_test.cc).
#include "api_test_fixture.h"

#include "ecociv/store/database.h"

#include <algorithm>

#include "ecociv/server/accounts.h"
#include "role_pages.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, SessionCookieFlagsLogoutAndPasswordChange) {
  HttpResponse r =
      api_->Handle(HttpRequest{"POST",
                               "/api/v1/session",
                               {},
                               Json{{"name", "u_leader"}, {"password", kPassword}}.dump(),
                               "",
                               "",
                               "10.0.0.2"});
  ASSERT_EQ(r.status, 200);
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  std::string id = cookie.substr(std::string(kSessionCookie).size() + 1, 64);
  EXPECT_EQ(id.size(), 64u);  // 256 bits, hex
  Who who{cookie.substr(0, cookie.find(';')), Json::parse(r.body)["csrf"]};
  HttpRequest pw{
      "POST",
      "/api/v1/session/password",
      {},
      Json{{"old_password", "wrong wrong wrong"}, {"new_password", "new password 1"}}.dump(),
      who.cookie,
      who.csrf,
      "10.0.0.2"};
  EXPECT_EQ(api_->Handle(pw).status, 403);
  HttpRequest out{"DELETE", "/api/v1/session", {}, "", who.cookie, who.csrf, "10.0.0.2"};
  EXPECT_EQ(api_->Handle(out).status, 200);
  HttpRequest after{"GET", "/api/v1/session", {}, "", who.cookie, "", "10.0.0.2"};
  EXPECT_TRUE(Json::parse(api_->Handle(after).body)["user"].is_null());
  HttpRequest data{"GET", "/api/v1/overview", {}, "", who.cookie, "", "10.0.0.2"};
  EXPECT_EQ(api_->Handle(data).status, 401);
}

// The menu comes from the server: the pages of the role, in table order, in
// GET /session and in the login answer; the public page without a session.
TEST_F(ApiTest, SessionListsThePagesOfTheRole) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"admin",
       {"overview", "air", "water", "map", "stations", "warnings", "targets", "indicators", "projects",
        "rankings", "cards", "audits", "entries", "runs", "documents", "review", "changes", "admin",
        "plans", "chief", "campaign", "regions"}},
      {"analyst",
       {"overview", "air", "water", "map", "stations", "warnings", "targets", "indicators", "projects",
        "rankings", "cards", "audits", "entries", "runs", "documents", "review", "imports", "changes",
        "plans", "chief", "campaign", "regions"}},
      {"leader",
       {"overview", "air", "water", "map", "stations", "warnings", "targets", "indicators", "projects",
        "rankings", "cards", "audits", "entries", "runs", "documents", "review", "changes",
        "plans", "chief", "campaign", "regions"}},
      {"auditor",
       {"overview", "air", "water", "map", "warnings", "targets", "indicators", "projects", "rankings",
        "cards", "audits", "entries", "runs", "documents", "review", "changes", "plans", "chief",
        "campaign", "regions"}},
      {"reporter",
       {"tasks", "air", "water", "map", "warnings", "indicators", "projects", "cards", "audits",
        "entries", "plans", "chief"}},
  };
  for (const auto& [role, pages] : expected) {
    Json session = Json::parse(Call(role, "GET", "/api/v1/session").body);
    EXPECT_EQ(session["user"]["role"], role);
    EXPECT_EQ(session["pages"], Json(pages)) << role;
    HttpResponse login =
        api_->Handle(HttpRequest{"POST",
                                 "/api/v1/session",
                                 {},
                                 Json{{"name", "u_" + role}, {"password", kPassword}}.dump(),
                                 "",
                                 "",
                                 "10.0.0.3"});
    ASSERT_EQ(login.status, 200) << login.body;
    Json answer = Json::parse(login.body);
    EXPECT_EQ(answer["pages"], Json(pages)) << role;
    EXPECT_FALSE(answer["csrf"].get<std::string>().empty());
  }
  Json nobody = Json::parse(Call("anonymous", "GET", "/api/v1/session").body);
  EXPECT_TRUE(nobody["user"].is_null());
  EXPECT_EQ(nobody["pages"], Json::array({"public"}));
  EXPECT_FALSE(nobody.contains("csrf"));
}

// The page table and the route table agree: the roles that see a page are
// exactly those that may call every route the page needs.
TEST_F(ApiTest, EveryPagesRolesAreThoseThatMayCallItsRoutes) {
  std::map<std::string, std::set<std::string>> route_roles;
  for (const RouteInfo& r : Api::Routes()) {
    route_roles[r.method + " " + r.path] = {r.roles.begin(), r.roles.end()};
  }
  std::vector<std::string> order;
  for (const PageAccess& page : PageTable()) {
    order.push_back(page.page);
    ASSERT_FALSE(page.routes.empty()) << page.page;
    std::set<std::string> may_call(kRoles.begin(), kRoles.end());
    for (const std::string& route : page.routes) {
      ASSERT_TRUE(route_roles.count(route)) << page.page << ": no route " << route;
      std::set<std::string> both;
      for (const std::string& role : may_call)
        if (route_roles[route].count(role)) both.insert(role);
      may_call = both;
    }
    std::set<std::string> sees;
    for (const std::string& role : kRoles) {
      std::vector<std::string> pages = PagesFor(*ParseRole(role));
      if (std::find(pages.begin(), pages.end(), page.page) != pages.end()) sees.insert(role);
    }
    if (page.narrower) {
      EXPECT_FALSE(sees.empty()) << page.page;
      EXPECT_TRUE(std::includes(may_call.begin(), may_call.end(), sees.begin(), sees.end()))
          << page.page;
    } else {
      EXPECT_EQ(sees, may_call) << page.page;
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"tasks", "overview", "air", "water", "map", "stations", "warnings",
                                             "targets", "indicators", "projects", "rankings",
                                             "cards", "audits", "entries", "runs", "documents", "review",
                                             "imports", "changes", "admin", "plans", "chief",
                                             "campaign", "regions"}));
}

}  // namespace
}  // namespace ecociv::server
