// API tests of the session routes: cookie flags, logout, password change and
// login throttling.
#include "api_test_fixture.h"

#include "ecociv/store/database.h"

#include "ecociv/server/accounts.h"

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

TEST_F(ApiTest, LoginThrottlePerUser) {
  auto db = store::OpenSqliteDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(AddUser(db->get(), "u_throttled", Role::kLeader, "", kPassword, {"test", ""}).ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(LoginAs("u_throttled", "not the password").cookie.empty());
  }
  HttpRequest r{"POST",    "/api/v1/session",
                {},        Json{{"name", "u_throttled"}, {"password", kPassword}}.dump(),
                "",        "",
                "10.9.9.9"};
  EXPECT_EQ(api_->Handle(r).status, 429);
}

}  // namespace
}  // namespace ecociv::server
