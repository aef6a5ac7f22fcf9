// API tests of logging in: the throttle per name and address, the client
// address behind a trusted proxy (through the real HTTP server too), the
// recovery by unlock, the password change's sessions, and the data version
// (the key of the result cache) across logins.
#include <httplib.h>

#include <thread>

#include "api_test_fixture.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/http_server.h"
#include "ecociv/server/login_throttle.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/store/summary.h"

namespace ecociv::server {
namespace {

std::unique_ptr<store::Database> OpenFixtureDb(const std::string& path) {
  auto db = store::OpenDatabase(path, store::OpenOptions{});
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(db).value();
}

HttpResponse LogIn(Api* api, const std::string& name, const std::string& password,
                   const std::string& peer, const std::string& forwarded_for = "") {
  HttpRequest r{
      "POST", "/api/v1/session", {}, Json{{"name", name}, {"password", password}}.dump(), "", "",
      peer};
  r.forwarded_for = forwarded_for;
  return api->Handle(r);
}

// The detail of the last session.login entry: "from ADDRESS".
std::string LastLoginDetail(const std::string& db_path) {
  auto log = store::ReadLog(OpenFixtureDb(db_path).get());
  for (auto e = log->rbegin(); e != log->rend(); ++e) {
    if (e->action == "session.login") return e->detail;
  }
  return "";
}

// Five failures of a name from one address block that name from that
// address (429 with Retry-After, even with the right password); the same user
// from another address logs in; `user unlock` ends the block at once.
TEST_F(ApiTest, LoginThrottleBlocksTheNameFromItsAddressOnly) {
  auto db = OpenFixtureDb(db_path_);
  ASSERT_TRUE(AddUser(db.get(), "u_throttled", Role::kLeader, "", kPassword, {"test", ""}).ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(LogIn(api_, "u_throttled", "not the password", "10.9.9.1").status, 401);
  }
  HttpResponse blocked = LogIn(api_, "u_throttled", kPassword, "10.9.9.1");
  EXPECT_EQ(blocked.status, 429);
  int retry = std::stoi(Header(blocked, "Retry-After"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 900);
  EXPECT_EQ(LogIn(api_, "u_throttled", kPassword, "10.9.9.2").status, 200);
  EXPECT_EQ(LogIn(api_, "U_THROTTLED", kPassword, "10.9.9.1").status, 429) << "names fold";
  ASSERT_TRUE(UnlockLogins(db.get(), "u_throttled", "", {"ops", "test"}).ok());
  EXPECT_EQ(LogIn(api_, "u_throttled", kPassword, "10.9.9.1").status, 200);
}

// Behind the reverse proxy every request comes from 127.0.0.1. With it
// trusted, an attacker's failures count against the attacker's forwarded
// address, and the administrator (another address) logs in; without it the
// header is ignored, so a client cannot pick its own address.
TEST_F(ApiTest, LoginBehindATrustedProxyCountsTheForwardedAddress) {
  auto db = OpenFixtureDb(db_path_);
  ASSERT_TRUE(AddUser(db.get(), "u_boss", Role::kAdmin, "", kPassword, {"test", ""}).ok());
  ApiOptions options;
  options.db_path = db_path_;
  options.trusted_proxies = {"127.0.0.1"};
  auto proxied = Api::Create(options);
  ASSERT_TRUE(proxied.ok());
  Api* api = proxied->get();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        LogIn(api, "u_boss", "guess " + std::to_string(i), "127.0.0.1", "10.66.0.1, 203.0.113.66")
            .status,
        401);
  }
  EXPECT_EQ(LogIn(api, "u_boss", kPassword, "127.0.0.1", "203.0.113.66").status, 429);
  EXPECT_EQ(LogIn(api, "u_boss", kPassword, "127.0.0.1", "198.51.100.10").status, 200);
  EXPECT_EQ(LastLoginDetail(db_path_), "from 198.51.100.10");
  // A forged header from a peer that is not the proxy is ignored.
  EXPECT_EQ(LogIn(api, "u_boss", kPassword, "203.0.113.66", "198.51.100.10").status, 429);
  // Not trusted (the fixture's Api): all requests are the proxy's.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        LogIn(api_, "u_viewer_x", "guess", "127.0.0.1", "192.0.2." + std::to_string(i)).status,
        401);
  }
  EXPECT_EQ(LogIn(api_, "u_viewer_x", "guess", "127.0.0.1", "192.0.2.200").status, 429);
}

// The header reaches the API through the HTTP layer; several X-Forwarded-For
// headers are read as one list.
TEST_F(ApiTest, ForwardedForThroughTheHttpServer) {
  ApiOptions options;
  options.db_path = db_path_;
  options.trusted_proxies = {"127.0.0.1"};
  auto api = Api::Create(options);
  ASSERT_TRUE(api.ok());
  ServerOptions so;
  so.port = 0;
  so.threads = 2;
  auto server = HttpServer::Create(std::move(*api), so);
  ASSERT_TRUE(server.ok());
  auto port = (*server)->Bind();
  ASSERT_TRUE(port.ok());
  std::thread t([&] { (void)(*server)->Run(); });
  httplib::Client client("127.0.0.1", *port);
  httplib::Headers headers = {{"X-Forwarded-For", "192.0.2.1"},
                              {"X-Forwarded-For", "198.51.100.23"}};
  auto res =
      client.Post("/api/v1/session", headers,
                  Json{{"name", "u_leader"}, {"password", kPassword}}.dump(), "application/json");
  (*server)->Stop();
  t.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(LastLoginDetail(db_path_), "from 198.51.100.23");
}

// A login (an entry in the change record) leaves the data version, so the
// cached results stay (that an import moves it: accounts_test.cc).
TEST_F(ApiTest, LoginLeavesTheDataVersion) {
  auto db = OpenFixtureDb(db_path_);
  int64_t version = *store::DataVersion(db.get());
  int64_t entries = ChangeCount();
  EXPECT_FALSE(LoginAs("u_analyst").cookie.empty());
  EXPECT_EQ(LogIn(api_, "u_analyst", "wrong password", "10.0.0.7").status, 401);
  EXPECT_GT(ChangeCount(), entries);
  EXPECT_EQ(*store::DataVersion(db.get()), version);
}

// The password change: the same password again is refused; the user's other
// sessions end and the one it was made in stays.
TEST_F(ApiTest, PasswordChangeKeepsThisSessionAndEndsTheOthers) {
  auto db = OpenFixtureDb(db_path_);
  ASSERT_TRUE(AddUser(db.get(), "u_changer", Role::kLeader, "", kPassword, {"test", ""}).ok());
  Who here = LoginAs("u_changer"), there = LoginAs("u_changer");
  auto change = [&](const std::string& old_pw, const std::string& new_pw) {
    HttpRequest r{"POST",      "/api/v1/session/password",
                  {},          Json{{"old_password", old_pw}, {"new_password", new_pw}}.dump(),
                  here.cookie, here.csrf,
                  "10.0.0.1"};
    return api_->Handle(r);
  };
  auto session_of = [&](const Who& who) {
    HttpRequest r{"GET", "/api/v1/session", {}, "", who.cookie, "", "10.0.0.1"};
    return Json::parse(api_->Handle(r).body)["user"];
  };
  EXPECT_EQ(change(kPassword, kPassword).status, 400);
  EXPECT_EQ(change(kPassword, "   \u3000      ").status, 400);
  EXPECT_FALSE(session_of(there).is_null());
  ASSERT_EQ(change(kPassword, "新的密码：生态环境局").status, 200);  // 10 characters
  EXPECT_FALSE(session_of(here).is_null());
  EXPECT_TRUE(session_of(there).is_null());
  EXPECT_FALSE(LoginAs("u_changer", "新的密码：生态环境局").cookie.empty());
}

}  // namespace
}  // namespace ecociv::server
