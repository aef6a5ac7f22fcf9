// The JSON API as a browser or an attacker reaches it: any route of the table,
// any path parameters, query parameters and body, as an administrator (with a
// valid session and CSRF token) or with none. Every request gets a response
// with a status; nothing crashes, hangs or escapes as an exception.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/server/accounts.h"
#include "ecociv/server/api.h"
#include "ecociv/store/database.h"
#include "fuzz_util.h"

namespace {

using ecociv::server::Api;
using ecociv::server::HttpRequest;

struct Fixture {
  std::unique_ptr<Api> api;
  std::vector<ecociv::server::RouteInfo> routes;
  std::string cookie, csrf;
};

Fixture& Setup() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    std::string path = ecociv::fuzz::ScratchDir() + "/api.db";
    std::remove(path.c_str());
    ecociv::store::OpenOptions options;
    options.create = true;
    auto db = ecociv::store::OpenSqliteDatabase(path, options);
    if (!db.ok()) std::abort();
    auto user = ecociv::server::AddUser(db->get(), "fuzz-admin", ecociv::server::Role::kAdmin, "",
                                        "a long enough password", {"fuzz", ""});
    if (!user.ok()) std::abort();
    auto session = ecociv::server::Login(db->get(), "fuzz-admin", "a long enough password",
                                         "127.0.0.1");
    if (!session.ok()) std::abort();
    f->cookie = std::string(ecociv::server::kSessionCookie) + "=" + session->id;
    f->csrf = session->csrf;
    ecociv::server::ApiOptions api_options;
    api_options.db_path = path;
    auto api = Api::Create(api_options);
    if (!api.ok()) std::abort();
    f->api = std::move(*api);
    f->routes = Api::Routes();
    return f;
  }();
  return *fixture;
}

// The next line of `rest` (up to '\n'), consumed.
std::string_view NextLine(std::string_view* rest) {
  size_t end = rest->find('\n');
  std::string_view line = rest->substr(0, end);
  rest->remove_prefix(end == std::string_view::npos ? rest->size() : end + 1);
  return line;
}

// The route's path with each "{param}" replaced by `value`.
std::string FillPath(const std::string& pattern, std::string_view value) {
  std::string path;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      path += value;
      i = pattern.find('}', i);
    } else {
      path += pattern[i];
    }
  }
  return path;
}

}  // namespace

// Input: byte 0 picks the route, byte 1 bit 0 the identity (admin or none);
// then a line with the path parameter value, a line of query "k=v&k=v", and
// the body.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  Fixture& f = Setup();
  const auto& route = f.routes[data[0] % f.routes.size()];
  // Logging the fuzzing administrator out would leave the rest of the run
  // without a session: that route is tried without one.
  bool admin = (data[1] & 1) == 0 && !(route.method == "DELETE" && route.path == "/api/v1/session");
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  HttpRequest request;
  request.method = route.method;
  request.path = FillPath(route.path, NextLine(&rest));
  std::string_view query = NextLine(&rest);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    request.query.emplace_back(std::string(pair.substr(0, eq)),
                               eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
  }
  request.body = std::string(rest);
  request.remote_addr = "127.0.0.1";
  if (admin) {
    request.cookie = f.cookie;
    request.csrf_header = f.csrf;
  }
  ecociv::server::HttpResponse response = f.api->Handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  return 0;
}
