// The fixture of the region tests (routes_regions_*_test.cc): a store with a
// province, two cities and three counties, stations, sections, units and
// warnings in each, and a user of each region and role, logged in. Each test
// gets a store of its own, made afresh (a SQLite file, or a schema of
// ECOCIV_TEST_DB's PostgreSQL database), so it runs alike alone, after the
// other suites and in any order.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ecociv/server/api.h"

namespace ecociv::server {

using Json = nlohmann::json;

inline constexpr const char* kRegionTestPassword = "correct horse battery";

class RegionTest : public ::testing::Test {
 protected:
  // A store of its own for each test (on PostgreSQL a schema of its own), so
  // that no test sees what another changed, whatever the order.
  void SetUp() override;

  static void Write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }

  void TearDown() override {
    delete api_;
    api_ = nullptr;
    cookies_.clear();
    csrf_.clear();
    std::filesystem::remove_all(dir_);
  }

  static void Login(const std::string& name) {
    HttpRequest r{"POST", "/api/v1/session", {}, Json{{"name", name}, {"password", kRegionTestPassword}}.dump(),
                  "",     "",                "10.0.0.2"};
    HttpResponse out = api_->Handle(r);
    ASSERT_EQ(out.status, 200) << name << ": " << out.body;
    for (const auto& [k, v] : out.headers)
      if (k == "Set-Cookie") cookies_[name] = v.substr(0, v.find(';'));
    csrf_[name] = Json::parse(out.body)["csrf"].get<std::string>();
  }

  static HttpResponse Post(const std::string& user, const std::string& path, const Json& body) {
    HttpRequest r{"POST", path, {}, body.dump(), cookies_[user], csrf_[user], "127.0.0.1"};
    return api_->Handle(r);
  }

  static HttpResponse Get(const std::string& user, const std::string& path,
                          std::vector<std::pair<std::string, std::string>> query = {}) {
    HttpRequest r{"GET", path, std::move(query), "", cookies_[user], "", "127.0.0.1"};
    return api_->Handle(r);
  }

  // The values of `key` in the array `array` of the JSON answer (200 required).
  static std::set<std::string> Codes(const std::string& user, const std::string& path,
                                     const std::string& array, const std::string& key,
                                     std::vector<std::pair<std::string, std::string>> query = {}) {
    HttpResponse r = Get(user, path, std::move(query));
    EXPECT_EQ(r.status, 200) << user << " " << path << ": " << r.body;
    std::set<std::string> out;
    if (r.status != 200) return out;
    Json j = Json::parse(r.body);
    for (const Json& row : j[array]) out.insert(row[key].get<std::string>());
    return out;
  }

  // The ids in the array `array` of a JSON answer (200 required).
  static std::set<int64_t> Ids(const HttpResponse& r, const std::string& array) {
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<int64_t> out;
    if (r.status != 200) return out;
    const Json j = Json::parse(r.body);
    for (const Json& row : j[array]) out.insert(row["id"].get<int64_t>());
    return out;
  }

  static inline std::filesystem::path dir_;
  static inline std::string db_path_;
  static inline Api* api_ = nullptr;
  static inline std::map<std::string, std::string> cookies_, csrf_;
};

using Set = std::set<std::string>;

}  // namespace ecociv::server
