// The fixture of the API tests (api_test.cc, routes_*_test.cc,
// http_server_test.cc): one database per test process with two air stations
// and three days of data, the demo water sections, the SYNTHETIC indicators
// demo, two warnings, a user of every role (the reporter of unit TownA, with
// station T1 and section CJ01), a reporter of 水务局 and one of 东沙镇 (T01),
// each logged in, and the SYNTHETIC assessments (scoring/demo_store.h).
//
// All the API tests form one suite (ApiTest). Each test gets a database of
// its own, made afresh before it runs (on PostgreSQL a schema of its own), so
// no test sees what another changed, in whatever order or process they run
// (CTest runs each in its own process; suites.postgres runs them in one).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ecociv/server/api.h"

namespace ecociv::server {

using Json = nlohmann::json;
namespace fs = std::filesystem;

inline constexpr const char* kPassword = "correct horse battery";
inline const std::vector<std::string> kRoles = {"admin", "analyst", "reporter", "leader",
                                                "auditor"};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  struct Who {
    std::string cookie, csrf;
  };
  static Who LoginAs(const std::string& name, const std::string& password = kPassword);
  // A request as `role` ("admin", ..., "water" for the reporter of 水务局,
  // "town" for the reporter of 东沙镇,
  // anything else: no session), with the session's cookie and CSRF token.
  static HttpResponse Call(const std::string& role, const std::string& method,
                           const std::string& path, const std::string& body = "",
                           std::vector<std::pair<std::string, std::string>> query = {});
  // The web import job `id` once it has stopped running (or after 4 s).
  static Json FinishedImport(int64_t id);
  static int64_t ChangeCount();
  // The one number `sql` counts in the test's database.
  static int64_t Count(const std::string& sql);
  static size_t DepartmentCount() {
    return static_cast<size_t>(Count("SELECT count(*) FROM ind_units WHERE kind = 'department'"));
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline Api* api_ = nullptr;
  static inline std::map<std::string, Who> sessions_;
};

// One row of the route × role matrix.
struct Case {
  std::string method, path, body;
  std::set<std::string> allowed;  // roles; "public" = no login needed
  std::vector<std::pair<std::string, std::string>> query = {};
  std::string route = {};  // the route's template when `path` fills one in
};

// The value of response header `name` ("" when absent).
inline std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [key, value] : r.headers)
    if (key == name) return value;
  return "";
}

}  // namespace ecociv::server
