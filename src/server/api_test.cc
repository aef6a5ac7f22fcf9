// API tests: every route × every role (allowed and refused), CSRF, cookie
// flags, login throttling, input validation, the reporter's unit boundary,
// the change record, the OpenAPI document, and the real HTTP server.
#include "ecociv/server/api.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include <unistd.h>

#include "ecociv/indicators/demo_city.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/http_server.h"
#include "ecociv/store/import.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/rules.h"

namespace ecociv::server {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kPassword = "correct horse battery";
const std::vector<std::string> kRoles = {"admin", "analyst", "reporter", "leader", "auditor"};

void Write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Two stations of one city, three days; station B's PM2.5 is flat for 20 h
// so the review screening flags it.
std::string AirCsv() {
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\n";
  for (int day = 1; day <= 3; ++day) {
    for (int hour = 0; hour < 24; ++hour) {
      char time[32];
      std::snprintf(time, sizeof time, "2026-03-%02d %02d:00", day, hour);
      for (const char* st : {"T1", "T2"}) {
        int pm25 = std::string(st) == "T2" && day == 2 ? 35 : 20 + (hour * 7 + day * 3) % 40;
        csv += std::string(st) + "," + time + ",8,30,0.6,60,70," + std::to_string(pm25) + "\n";
      }
    }
  }
  return csv;
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: CTest runs the tests of this binary in parallel.
    dir_ = fs::path(::testing::TempDir()) / ("ecociv_api_test." + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string db_path = (dir_ / "t.db").string();
    store::OpenOptions open;
    open.create = true;
    auto db = store::OpenSqliteDatabase(db_path, open);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Write(dir_ / "stations.csv",
          "station,name,city,lon,lat\nT1,Test one,TestCity,120.5,31.8\nT2,Test two,TestCity,"
          "120.6,31.9\n");
    Write(dir_ / "air.csv", AirCsv());
    store::ImportOptions options;
    ASSERT_TRUE(
        store::ImportStationsFile(db->get(), (dir_ / "stations.csv").string(), options).ok());
    auto air = store::ImportAirFile(db->get(), (dir_ / "air.csv").string(), options);
    ASSERT_TRUE(air.ok()) << air.status().ToString();
    auto rules = water::WaterRules::Load("");
    ASSERT_TRUE(rules.ok());
    auto city = water::GenerateDemoCity(*rules, 2025, 1);
    Write(dir_ / "sections.csv", city.sections_csv);
    Write(dir_ / "samples.csv", city.samples_csv);
    ASSERT_TRUE(
        store::ImportSectionsFile(db->get(), (dir_ / "sections.csv").string(), options).ok());
    ASSERT_TRUE(store::ImportWaterFile(db->get(), (dir_ / "samples.csv").string(), options).ok());
    for (const std::string& role : kRoles) {
      auto r = ParseRole(role);
      auto u = AddUser(db->get(), "u_" + role, *r, role == "reporter" ? "TownA" : "", kPassword,
                       store::Actor{"test", ""});
      ASSERT_TRUE(u.ok()) << u.status().ToString();
    }
    // The SYNTHETIC indicators demo (units, plan, projects, values 2022-2025)
    // and a reporter of 水务局, which owns some of its indicators.
    ASSERT_TRUE(indicators::LoadDemoCity(db->get(), store::Actor{"test", "demo"}).ok());
    ASSERT_TRUE(
        AddUser(db->get(), "u_water", Role::kReporter, "水务局", kPassword, {"test", ""}).ok());
    ASSERT_TRUE(AssignAsset(db->get(), "TownA", "station", "T1", store::Actor{"test", ""}).ok());
    ASSERT_TRUE(AssignAsset(db->get(), "TownA", "section", "CJ01", store::Actor{"test", ""}).ok());
    // Two warnings: a water one (TEMPLATE rule set) and an air target one.
    std::vector<warning::Finding> findings(2);
    findings[0] = {"water",
                   "warning-local-template",
                   "CJ01",
                   "Section one",
                   "yellow",
                   "黄色预警",
                   1,
                   "month IV vs target III",
                   R"({"month":"2026-02"})",
                   "chief A",
                   "氨氮(0.8)",
                   "2026-02"};
    findings[1] = {"air",
                   "air-targets-2026",
                   "TestCity/pm25",
                   "TestCity PM2.5",
                   "high",
                   "目标高风险",
                   1,
                   "allowance below need",
                   R"({"ytd_mean":"40"})",
                   "",
                   "",
                   "2026-03-03"};
    auto recorded = warning::RecordEvaluation(db->get(), "test", findings, {}, 20515,
                                              store::Actor{"test", ""}, 0);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    db_path_ = db_path;
    ApiOptions api_options;
    api_options.db_path = db_path;
    auto api = Api::Create(api_options);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = api->release();
    for (const std::string& role : kRoles) sessions_[role] = LoginAs("u_" + role);
    sessions_["water"] = LoginAs("u_water");
  }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    fs::remove_all(dir_);
  }

  struct Who {
    std::string cookie, csrf;
  };
  static Who LoginAs(const std::string& name, const std::string& password = kPassword) {
    HttpRequest r{
        "POST", "/api/v1/session", {}, Json{{"name", name}, {"password", password}}.dump(), "",
        "",     "10.0.0.1"};
    HttpResponse out = api_->Handle(r);
    Who who;
    for (const auto& [k, v] : out.headers) {
      if (k == "Set-Cookie") who.cookie = v.substr(0, v.find(';'));
    }
    if (out.status == 200) who.csrf = Json::parse(out.body)["csrf"];
    return who;
  }
  static HttpResponse Call(const std::string& role, const std::string& method,
                           const std::string& path, const std::string& body = "",
                           std::vector<std::pair<std::string, std::string>> query = {}) {
    HttpRequest r{method, path, std::move(query), body, "", "", "127.0.0.1"};
    auto it = sessions_.find(role);
    if (it != sessions_.end()) {
      r.cookie = it->second.cookie;
      r.csrf_header = it->second.csrf;
    }
    return api_->Handle(r);
  }
  static int64_t ChangeCount() {
    auto db = store::OpenSqliteDatabase(db_path_, store::OpenOptions{});
    return *store::QueryInt64(db->get(), "SELECT count(*) FROM change_log");
  }

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline Api* api_ = nullptr;
  static inline std::map<std::string, Who> sessions_;
};

struct Case {
  std::string method, path, body;
  std::set<std::string> allowed;  // roles; "public" = no login needed
  std::vector<std::pair<std::string, std::string>> query;
};

TEST_F(ApiTest, EveryRouteAndRoleIsAllowedOrRefused) {
  const std::set<std::string> readers = {"admin", "analyst", "leader", "auditor"};
  const std::set<std::string> all = {"admin", "analyst", "reporter", "leader", "auditor"};
  std::vector<Case> cases = {
      {"GET", "/api/v1/openapi.json", "", {"public"}},
      {"GET", "/api/v1/session", "", {"public"}},
      {"GET", "/api/v1/overview", "", readers},
      {"GET", "/api/v1/stations", "", all},
      {"GET", "/api/v1/air/hourly", "", all, {{"id", "T1"}}},
      {"GET", "/api/v1/air/daily", "", all, {{"id", "T1"}}},
      {"GET", "/api/v1/air/assessment", "", readers},
      {"GET", "/api/v1/water/sections", "", all},
      {"GET", "/api/v1/water/classes", "", all},
      {"GET",
       "/api/v1/water/assessment",
       "",
       readers,
       {{"from", "2025-01-01"}, {"to", "2025-12-31"}}},
      {"GET", "/api/v1/review/flags", "", readers},
      {"GET", "/api/v1/changes", "", readers},
      {"GET", "/api/v1/integrity", "", {"admin", "auditor"}},
      {"GET", "/api/v1/users", "", {"admin"}},
      {"POST",
       "/api/v1/units/assets",
       R"({"unit":"TownB","kind":"station","code":"T2"})",
       {"admin"}},
      {"GET", "/api/v1/units/assets", "", {"admin"}},
      // Takes back the assignment just made (only the admin's call reaches it).
      {"POST",
       "/api/v1/units/assets/remove",
       R"({"unit":"TownB","kind":"station","code":"T2"})",
       {"admin"}},
      {"GET", "/api/v1/pages", "", {"public"}},
      {"PUT",
       "/api/v1/pages/air",
       R"({"title":"Air","kind":"air-summary","published":true})",
       {"admin"}},
      {"GET", "/api/v1/pages/air", "", {"public"}},
      {"POST", "/api/v1/export/xlsx", R"({"header":["a","b"],"rows":[[1,"x"]]})", all},
      {"POST",
       "/api/v1/imports",
       "station,name,city,lon,lat\nT1,Test one,TestCity,120.5,31.8\n",
       {"analyst"},
       {{"kind", "stations"}, {"name", "stations.csv"}}},
      {"GET", "/api/v1/imports/1", "", {"analyst"}},
      {"GET", "/api/v1/indicators", "", all, {{"year", "2025"}}},
      {"GET", "/api/v1/indicators/export", "", readers, {{"format", "csv"}}},
      {"GET", "/api/v1/projects", "", all},
      {"GET", "/api/v1/warnings", "", all},
      {"GET", "/api/v1/warnings/1", "", readers},  // a reporter: not its unit's (403)
      // 2020: no samples, nothing overdue — allowed calls change no warning.
      {"POST",
       "/api/v1/warnings/evaluate",
       R"({"rules":"yangtze","as_of":"2020-01-31"})",
       {"admin", "analyst"}},
      {"POST", "/api/v1/warnings/escalate", R"({"as_of":"2020-01-31"})", {"admin", "analyst"}},
      {"GET", "/api/v1/warnings/outbox", "", {"admin"}},
      {"POST",
       "/api/v1/warnings/quiet",
       R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T01:00Z","reason":"matrix"})",
       {"admin"}},
      // Cancels the period just added (the first of this process's database).
      {"POST", "/api/v1/warnings/quiet/1/end", "{}", {"admin"}},
      {"GET", "/api/v1/air/targets", "", readers, {{"year", "2026"}, {"as_of", "2026-03-03"}}},
  };
  std::set<std::string> covered;
  for (const Case& c : cases) {
    covered.insert(c.method + " " + c.path);
    for (const std::string& who :
         {"anonymous", "admin", "analyst", "reporter", "leader", "auditor"}) {
      HttpResponse r = Call(who, c.method, c.path, c.body, c.query);
      bool allowed = c.allowed.count("public") || c.allowed.count(who);
      SCOPED_TRACE(c.method + " " + c.path + " as " + who + ": " + std::to_string(r.status) + " " +
                   r.body.substr(0, 200));
      if (allowed) {
        EXPECT_TRUE(r.status == 200 || r.status == 201 || r.status == 202);
      } else {
        EXPECT_EQ(r.status, who == "anonymous" ? 401 : 403);
        EXPECT_EQ(Json::parse(r.body)["code"],
                  who == "anonymous" ? "UNAUTHENTICATED" : "PERMISSION_DENIED");
      }
    }
  }
  // Let the background import finish before other tests count change entries.
  for (int i = 0; i < 200; ++i) {
    if (Json::parse(Call("analyst", "GET", "/api/v1/imports/1").body)["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The routes that change sessions, users and review are covered below.
  for (const RouteInfo& r : Api::Routes()) {
    std::string key = r.method + " " + r.path;
    if (key == "POST /api/v1/session" || key == "DELETE /api/v1/session" ||
        key == "POST /api/v1/session/password" || key == "POST /api/v1/users" ||
        key == "POST /api/v1/review/decisions" || key == "GET /api/v1/pages/{slug}" ||
        key == "PUT /api/v1/pages/{slug}" || key == "GET /api/v1/imports/{id}" ||
        key == "GET /api/v1/warnings/{id}" || key == "POST /api/v1/warnings/outbox/deliver" ||
        key == "POST /api/v1/warnings/quiet/{id}/end" ||   // also WebhookOutboxOnTheWeb
        key == "POST /api/v1/projects/{code}/progress" ||  // ProjectProgressByUnit
        key.find("/api/v1/warnings/{id}/") != std::string::npos ||
        key.find("/api/v1/indicators/{id}/") != std::string::npos)
      continue;  // the indicator workflow routes: IndicatorWorkflow* below
    EXPECT_TRUE(covered.count(key)) << key << " is missing from the matrix";
  }
}

// The warning workflow on the web: who may act, CSRF, illegal steps (409),
// bad input, the reporter's unit, the change record; air targets' input.
TEST_F(ApiTest, WarningWorkflowByRole) {
  Json list = Json::parse(Call("leader", "GET", "/api/v1/warnings").body);
  ASSERT_EQ(list["warnings"].size(), 2u);
  EXPECT_FALSE(list["may_act"].get<bool>());
  int64_t id = 0;
  for (const Json& w : list["warnings"])
    if (w["kind"] == "water") {
      id = w["id"];
      EXPECT_TRUE(w["template"].get<bool>());
      EXPECT_EQ(w["figures"]["month"], "2026-02");
    }
  ASSERT_GT(id, 0);
  std::string base = "/api/v1/warnings/" + std::to_string(id) + "/";
  EXPECT_EQ(Json::parse(Call("reporter", "GET", "/api/v1/warnings").body)["warnings"].size(), 0u);
  for (const char* who : {"leader", "auditor", "reporter"}) {
    for (const char* step : {"ack", "assign", "feedback", "close"}) {
      EXPECT_EQ(Call(who, "POST", base + step, "{}").status, 403) << who << step;
    }
  }
  EXPECT_EQ(Call("anonymous", "POST", base + "ack", "{}").status, 401);
  HttpRequest no_csrf{"POST", base + "ack", {}, "{}", sessions_["analyst"].cookie, "", "127.0.0.1"};
  EXPECT_EQ(api_->Handle(no_csrf).status, 403);
  // Illegal steps: 409, nothing recorded.
  int64_t before = ChangeCount();
  EXPECT_EQ(Call("analyst", "POST", base + "close", "{}").status, 409);
  EXPECT_EQ(Call("analyst", "POST", base + "feedback", R"({"feedback":"done"})").status, 409);
  EXPECT_EQ(ChangeCount(), before);
  // Bad input.
  EXPECT_EQ(Call("analyst", "POST", base + "ack", "{not json").status, 400);
  EXPECT_EQ(Call("analyst", "POST", base + "ack", R"({"note":5})").status, 400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/warnings/999/ack", "{}").status, 404);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/warnings/x1/ack", "{}").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings/999").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings/-1").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings", "", {{"state", "x"}}).status, 400);
  // The path.
  HttpResponse ack = Call("analyst", "POST", base + "ack", R"({"note":"seen"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(Json::parse(ack.body)["state"], "acknowledged");
  EXPECT_EQ(Call("analyst", "POST", base + "ack", "{}").status, 409);
  std::string assign =
      R"({"unit":"TownA","person":"Li","deadline":"2026-04-30","plan":"one section, one plan"})";
  Json a = Json::parse(assign);
  for (const char* field : {"unit", "person", "deadline", "plan"}) {
    Json missing = a;
    missing.erase(field);
    EXPECT_EQ(Call("analyst", "POST", base + "assign", missing.dump()).status, 400) << field;
  }
  Json bad = a;
  bad["deadline"] = "2026-02-30";
  EXPECT_EQ(Call("analyst", "POST", base + "assign", bad.dump()).status, 400);
  bad["deadline"] = 20260430;
  EXPECT_EQ(Call("analyst", "POST", base + "assign", bad.dump()).status, 400);
  EXPECT_EQ(Call("admin", "POST", base + "assign", assign).status, 200);
  // Now assigned to TownA: its reporter sees it (and its events), still may not act.
  Json mine = Json::parse(Call("reporter", "GET", "/api/v1/warnings").body);
  ASSERT_EQ(mine["warnings"].size(), 1u);
  Json detail = Json::parse(Call("reporter", "GET", "/api/v1/warnings/" + std::to_string(id)).body);
  EXPECT_EQ(detail["unit"], "TownA");
  EXPECT_EQ(detail["events"].size(), 3u);  // raise, acknowledge, assign
  EXPECT_TRUE(detail["may_feedback"].get<bool>());
  EXPECT_FALSE(
      Json::parse(
          Call("analyst", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["may_feedback"]
          .get<bool>());
  // The reporter answers its unit's warning; no other step, no other unit's warning.
  for (const char* step : {"ack", "assign", "close"}) {
    EXPECT_EQ(Call("reporter", "POST", base + step, "{}").status, 403) << step;
  }
  int64_t air = 0;
  for (const Json& w : list["warnings"])
    if (w["kind"] == "air") air = w["id"];
  EXPECT_EQ(Call("reporter", "POST", "/api/v1/warnings/" + std::to_string(air) + "/feedback",
                 R"({"feedback":"x"})")
                .status,
            403);
  EXPECT_EQ(Call("water", "POST", base + "feedback", R"({"feedback":"x"})").status, 403);
  EXPECT_EQ(Call("reporter", "POST", "/api/v1/warnings/999/feedback", "{}").status, 404);
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", "{}").status, 400);
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", R"({"feedback":""})").status, 400);
  HttpResponse fb = Call("reporter", "POST", base + "feedback", R"({"feedback":"已整改 fixed"})");
  ASSERT_EQ(fb.status, 200) << fb.body;
  EXPECT_EQ(Json::parse(fb.body)["feedback"], "已整改 fixed");
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", R"({"feedback":"again"})").status, 409);
  EXPECT_FALSE(
      Json::parse(
          Call("reporter", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["may_feedback"]
          .get<bool>());
  EXPECT_EQ(Call("analyst", "POST", base + "close", R"({"note":"ok"})").status, 200);
  Json open = Json::parse(Call("leader", "GET", "/api/v1/warnings").body);
  EXPECT_EQ(open["warnings"].size(), 1u);
  Json all = Json::parse(Call("leader", "GET", "/api/v1/warnings", "", {{"state", "all"}}).body);
  EXPECT_EQ(all["warnings"].size(), 2u);
  // Each step is in the change record, by the web user.
  Json changes = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"];
  std::set<std::string> seen;
  for (const Json& e : changes)
    if (e["object"] == "warning:" + std::to_string(id))
      seen.insert(e["action"].get<std::string>() + "/" + e["who"].get<std::string>());
  EXPECT_TRUE(seen.count("warning.acknowledge/u_analyst"));
  EXPECT_TRUE(seen.count("warning.assign/u_admin"));
  EXPECT_TRUE(seen.count("warning.feedback/u_reporter"));
  EXPECT_TRUE(seen.count("warning.close/u_analyst"));
}

// Evaluation and escalation from the web: who may, bad input, the counts, the
// web user in the change record.
TEST_F(ApiTest, WarningEvaluateAndEscalate) {
  const std::string evaluate = "/api/v1/warnings/evaluate";
  for (const char* who : {"leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "POST", evaluate, R"({"rules":"yangtze","as_of":"2025-12-31"})").status,
              403);
    EXPECT_EQ(Call(who, "POST", "/api/v1/warnings/escalate", R"({"as_of":"2025-12-31"})").status,
              403);
  }
  EXPECT_EQ(Call("anonymous", "POST", evaluate, "{}").status, 401);
  int64_t before = ChangeCount();
  for (const char* body :
       {"{not json", "[]", R"({"as_of":"2025-12-31"})", R"({"rules":"x","as_of":"2025-12-31"})",
        R"({"rules":"/etc/passwd","as_of":"2025-12-31"})",
        R"({"rules":"standards/warning-yangtze.toml","as_of":"2025-12-31"})",
        R"({"rules":"yangtze"})", R"({"rules":"yangtze","as_of":"2025-13-01"})",
        R"({"rules":"yangtze","as_of":"2025-1-1"})", R"({"rules":"yangtze","as_of":20251231})"}) {
    HttpResponse r = Call("analyst", "POST", evaluate, body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_FALSE(Json::parse(r.body)["message"].get<std::string>().empty());
  }
  EXPECT_EQ(ChangeCount(), before);
  // The demo sections' year: the local template at its end.
  HttpResponse first =
      Call("analyst", "POST", evaluate, R"({"rules":"local-template","as_of":"2025-12-31"})");
  ASSERT_EQ(first.status, 200) << first.body;
  Json j = Json::parse(first.body);
  EXPECT_EQ(j["rule_set"], "warning-local-template");
  EXPECT_TRUE(j["template"].get<bool>());
  EXPECT_EQ(j["month"], "2025-12");
  EXPECT_TRUE(j["findings"].is_array());
  for (const char* k : {"raised", "repeated", "upgraded", "lifted", "escalated", "unchanged"}) {
    EXPECT_TRUE(j["counts"][k].is_number_integer()) << k;
  }
  int recorded = j["counts"]["raised"].get<int>() + j["counts"]["repeated"].get<int>() +
                 j["counts"]["upgraded"].get<int>() + j["counts"]["unchanged"].get<int>();
  EXPECT_EQ(recorded, static_cast<int>(j["findings"].size()));
  // Again at the same date: already recorded, nothing new.
  Json again = Json::parse(
      Call("admin", "POST", evaluate, R"({"rules":"local-template","as_of":"2025-12-31"})").body);
  EXPECT_EQ(again["counts"]["raised"], 0);
  EXPECT_EQ(again["counts"]["unchanged"], j["findings"].size());
  if (j["counts"]["raised"].get<int>() > 0) {
    bool by_web_user = false;
    Json changes = Json::parse(Call("auditor", "GET", "/api/v1/changes").body);
    for (const Json& e : changes["entries"]) {
      by_web_user = by_web_user || (e["action"] == "warning.raise" && e["who"] == "u_analyst" &&
                                    e["why"] == "web evaluate");
    }
    EXPECT_TRUE(by_web_user);
  }
  // The air targets as of a date in the test city's data: recorded under
  // air-targets-<year>; evaluating again records nothing new.
  HttpResponse air =
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2026-03-03"})");
  ASSERT_EQ(air.status, 200) << air.body;
  Json a = Json::parse(air.body);
  EXPECT_EQ(a["rule_set"], "air-targets-2026");
  for (const Json& f : a["findings"]) {
    EXPECT_EQ(f["kind"], "air");
    EXPECT_FALSE(f["trigger_en"].get<std::string>().empty());
  }
  Json air_again = Json::parse(
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2026-03-03"})").body);
  EXPECT_EQ(air_again["counts"]["raised"], 0);
  EXPECT_EQ(
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2031-01-01"})").status,
      400);
  // Escalation: the air warning (untouched by the water evaluation) assigned
  // with a deadline, then a day after it.
  int64_t id = 0;
  Json open = Json::parse(Call("admin", "GET", "/api/v1/warnings").body);
  for (const Json& w : open["warnings"])
    if (w["kind"] == "air") id = w["id"];
  ASSERT_GT(id, 0);
  std::string base = "/api/v1/warnings/" + std::to_string(id) + "/";
  ASSERT_EQ(Call("analyst", "POST", base + "ack", "{}").status, 200);
  ASSERT_EQ(Call("analyst", "POST", base + "assign",
                 R"({"unit":"TownA","person":"Li","deadline":"2026-04-30","plan":"plan"})")
                .status,
            200);
  const std::string escalate = "/api/v1/warnings/escalate";
  EXPECT_EQ(Call("analyst", "POST", escalate, R"({"as_of":"2026-04-31"})").status, 400);
  EXPECT_EQ(Call("analyst", "POST", escalate, "{}").status, 400);
  Json none = Json::parse(Call("analyst", "POST", escalate, R"({"as_of":"2026-04-30"})").body);
  EXPECT_EQ(none["escalated"], 0);
  Json one = Json::parse(Call("admin", "POST", escalate, R"({"as_of":"2026-05-01"})").body);
  EXPECT_EQ(one["escalated"], 1);
  EXPECT_EQ(
      Json::parse(Call("leader", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["state"],
      "escalated");
}

// A receiver of webhook posts on 127.0.0.1, counting them.
class HookReceiver {
 public:
  HookReceiver() {
    server_.Post("/hook", [this](const httplib::Request&, httplib::Response& res) {
      ++received_;
      res.set_content(R"({"errcode":0,"errmsg":"ok"})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HookReceiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int received() const { return received_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<int> received_{0};
  int port_ = 0;
};

// The outbox on the web: admin only, 409 without a webhook URL, quiet periods,
// delivery now and in the background (which stops with the Api).
TEST_F(ApiTest, WebhookOutboxOnTheWeb) {
  const std::string outbox = "/api/v1/warnings/outbox";
  for (const char* who : {"analyst", "leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "GET", outbox).status, 403) << who;
    EXPECT_EQ(Call(who, "POST", outbox + "/deliver", "{}").status, 403) << who;
    EXPECT_EQ(Call(who, "POST", "/api/v1/warnings/quiet", "{}").status, 403) << who;
  }
  HttpResponse r = Call("admin", "GET", outbox);
  ASSERT_EQ(r.status, 200) << r.body;
  Json st = Json::parse(r.body);
  // The two raised warnings; more when other tests ran first in this process.
  const int64_t queued = st["pending"].get<int64_t>();
  EXPECT_GE(queued, 2);
  EXPECT_EQ(st["delivered"], 0);
  EXPECT_FALSE(st["webhook_configured"].get<bool>());
  EXPECT_EQ(Call("anonymous", "POST", outbox + "/deliver", "{}").status, 401);
  EXPECT_EQ(Call("anonymous", "GET", outbox).status, 401);
  HttpResponse none = Call("admin", "POST", outbox + "/deliver", "{}");
  EXPECT_EQ(none.status, 409) << none.body;
  // Quiet periods: bad input, then one far ahead (it does not stop delivery now).
  const std::string quiet = "/api/v1/warnings/quiet";
  for (const char* body :
       {"{}", R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T01:00Z"})",
        R"({"from":"2099-01-01 00:00","to":"2099-01-01T01:00Z","reason":"r"})",
        R"({"from":"2099-01-01T00:00Z","to":"2099-02-30T01:00Z","reason":"r"})",
        R"({"from":"2099-01-01T01:00Z","to":"2099-01-01T00:00Z","reason":"r"})",
        R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T01:00Z","reason":""})"}) {
    EXPECT_EQ(Call("admin", "POST", quiet, body).status, 400) << body;
  }
  HttpResponse added =
      Call("admin", "POST", quiet,
           R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T06:00Z","reason":"校准"})");
  ASSERT_EQ(added.status, 201) << added.body;
  st = Json::parse(Call("admin", "GET", outbox).body);
  ASSERT_EQ(st["quiet_periods"].size(), 1u);
  EXPECT_EQ(st["quiet_periods"][0]["from"], "2099-01-01T00:00:00Z");
  EXPECT_EQ(st["quiet_periods"][0]["reason"], "校准");
  EXPECT_FALSE(st["quiet_now"].get<bool>());
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "warning.quiet");
  EXPECT_EQ(newest["who"], "u_admin");
  // A quiet period not yet begun is cancelled; ending it twice is 409.
  const std::string end =
      quiet + "/" + std::to_string(st["quiet_periods"][0]["id"].get<int64_t>()) + "/end";
  EXPECT_EQ(Call("analyst", "POST", end, "{}").status, 403);
  EXPECT_EQ(Call("admin", "POST", end, "{}").status, 200);
  EXPECT_EQ(Call("admin", "POST", end, "{}").status, 409);
  EXPECT_EQ(Call("admin", "POST", quiet + "/999999/end", "{}").status, 404);
  EXPECT_EQ(Json::parse(Call("admin", "GET", outbox).body)["quiet_periods"].size(), 0u);

  // A receiver that is down: "deliver now" reports the failure.
  HookReceiver receiver;
  {
    ApiOptions dead;
    dead.db_path = db_path_;
    dead.webhook_url = "http://127.0.0.1:1/hook";
    auto api = Api::Create(dead);
    ASSERT_TRUE(api.ok());
    HttpRequest req{"POST",     outbox + "/deliver",       {},
                    "{}",       sessions_["admin"].cookie, sessions_["admin"].csrf,
                    "127.0.0.1"};
    HttpResponse out = (*api)->Handle(req);
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_EQ(Json::parse(out.body)["failed"], queued);
    req.method = "GET";
    req.path = outbox;
    Json after = Json::parse((*api)->Handle(req).body);
    EXPECT_EQ(after["failed"], queued);
    EXPECT_EQ(after["pending"], 0);
    EXPECT_FALSE(after["last_error"].get<std::string>().empty());
    EXPECT_TRUE(after["webhook_configured"].get<bool>());
  }
  // The background thread delivers once the retry is due; the acknowledgement
  // below queues a new, due notification first.
  int64_t id = Json::parse(Call("admin", "GET", "/api/v1/warnings").body)["warnings"][0]["id"];
  ASSERT_EQ(Call("analyst", "POST", "/api/v1/warnings/" + std::to_string(id) + "/ack", "{}").status,
            200);
  {
    ApiOptions live;
    live.db_path = db_path_;
    live.webhook_url = receiver.url();
    live.deliver_every_seconds = 1;
    auto api = Api::Create(live);
    ASSERT_TRUE(api.ok());
    for (int i = 0; i < 250 && receiver.received() < 1; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(receiver.received(), 1);  // the failed ones wait for their backoff
    auto start = std::chrono::steady_clock::now();
    api->reset();  // stops the thread without waiting out the interval
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  }
  st = Json::parse(Call("admin", "GET", outbox).body);
  EXPECT_EQ(st["delivered"], 1);
  EXPECT_EQ(st["failed"], queued);
}

TEST_F(ApiTest, AirTargetsFiguresAndBadInput) {
  HttpResponse r =
      Call("leader", "GET", "/api/v1/air/targets", "",
           {{"year", "2026"}, {"as_of", "2026-03-03"}, {"pm25", "30"}, {"good_day_ratio", "80"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["city"], "TestCity");
  EXPECT_EQ(j["days_elapsed"], 62);
  EXPECT_EQ(j["days_left"], 303);
  bool pm25 = false;
  for (const Json& p : j["pollutants"]) {
    if (p["pollutant"] != "pm25") continue;
    pm25 = true;
    EXPECT_EQ(p["target"], "30");
    EXPECT_TRUE(p["ytd_mean"].is_string());
    EXPECT_TRUE(p["allowance"].is_string());
  }
  EXPECT_TRUE(pm25);
  EXPECT_EQ(j["good_days"]["target_percent"], "80.0");
  EXPECT_TRUE(j["composite"].is_null());  // no composite target configured
  EXPECT_TRUE(j["warnings_en"].is_array());
  Json c = Json::parse(Call("leader", "GET", "/api/v1/air/targets", "",
                            {{"as_of", "2026-03-03"}, {"composite", "4.5"}})
                           .body);
  EXPECT_EQ(c["composite"]["target"], "4.50");
  EXPECT_EQ(c["composite"]["method"], "pm25-others-at-ytd");
  auto status = [](std::vector<std::pair<std::string, std::string>> q) {
    return Call("leader", "GET", "/api/v1/air/targets", "", std::move(q)).status;
  };
  EXPECT_EQ(status({{"year", "20x6"}}), 400);
  EXPECT_EQ(status({{"year", "2026"}, {"as_of", "2026-13-01"}}), 400);
  EXPECT_EQ(status({{"year", "2025"}, {"as_of", "2026-03-03"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"pm25", "abc"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"pm25", "-5"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"good_day_ratio", "120"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"composite", "x"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"city", "Nowhere"}}), 404);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/targets").status, 403);
}

TEST_F(ApiTest, IntegrityFindsAHandEditedWarning) {
  Json clean = Json::parse(Call("auditor", "GET", "/api/v1/integrity").body);
  EXPECT_TRUE(clean["ok"].get<bool>()) << clean.dump();
  EXPECT_GT(clean["entries_checked"].get<int64_t>(), 0);
  // A level changed outside the program: found, named, nothing else wrong.
  auto db = store::OpenSqliteDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("UPDATE warnings SET level = level || '-edited' WHERE id = 1").ok());
  Json edited = Json::parse(Call("admin", "GET", "/api/v1/integrity").body);
  // Put it back for the tests that follow in this process.
  ASSERT_TRUE(
      (*db)->Exec("UPDATE warnings SET level = replace(level, '-edited', '') WHERE id = 1").ok());
  EXPECT_FALSE(edited["ok"].get<bool>());
  EXPECT_EQ(edited["warning_problems"], 1);
  EXPECT_EQ(edited["store_problems"], 0);
  ASSERT_EQ(edited["problems"].size(), 1u);
  EXPECT_NE(edited["problems"][0].get<std::string>().find("warning 1: changed since"),
            std::string::npos);
}

TEST_F(ApiTest, UnitAssetsListedAssignedAndRemoved) {
  const std::string base = "/api/v1/units/assets";
  ASSERT_EQ(
      Call("admin", "POST", base, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      200);
  Json list = Json::parse(Call("admin", "GET", base).body);
  bool found = false;
  for (const Json& a : list["assets"])
    found = found || (a["unit"] == "TownC" && a["code"] == "CJ01");
  EXPECT_TRUE(found);
  EXPECT_FALSE(list["stations"].empty());
  EXPECT_FALSE(list["sections"].empty());
  EXPECT_EQ(
      Call("admin", "POST", base, R"({"unit":"TownC","kind":"section","code":"NOPE"})").status,
      404);
  const std::string remove = base + "/remove";
  EXPECT_EQ(
      Call("admin", "POST", remove, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      200);
  EXPECT_EQ(
      Call("admin", "POST", remove, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      404);
  EXPECT_EQ(Call("admin", "POST", remove, R"({"unit":"TownC"})").status, 400);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "unit.unassign");
  EXPECT_EQ(newest["object"], "section:CJ01");
}

// Key-project progress: a unit's reporter for its own projects, analysts and
// admins for any; leaders and auditors read only; bad input changes nothing.
TEST_F(ApiTest, ProjectProgressByUnit) {
  const std::string own = "/api/v1/projects/P2025-02/progress";  // 水务局
  const std::string other = "/api/v1/projects/P2025-03/progress";
  const std::string body =
      R"({"progress":90,"status":"in_progress","milestones":[{"position":2,"done":"2026-11-20"}],)"
      R"("note":"管网完成"})";
  for (const char* who : {"leader", "auditor"}) EXPECT_EQ(Call(who, "POST", own, body).status, 403);
  EXPECT_EQ(Call("water", "POST", other, body).status, 403);
  EXPECT_EQ(Call("reporter", "POST", own, body).status, 403);  // TownA
  int64_t before = ChangeCount();
  for (const char* bad :
       {R"({"progress":101,"status":"done"})", R"({"progress":"9","status":"done"})",
        R"({"progress":9,"status":"finished"})",
        R"({"progress":9,"status":"done","milestones":[{"position":9,"done":""}]})",
        R"({"progress":9,"status":"done","milestones":[{"position":1,"done":"2026-13-01"}]})",
        R"({"status":"done"})", "[]"}) {
    EXPECT_EQ(Call("water", "POST", own, bad).status, 400) << bad;
  }
  EXPECT_EQ(Call("admin", "POST", "/api/v1/projects/NOPE/progress", body).status, 404);
  EXPECT_EQ(ChangeCount(), before);
  HttpResponse r = Call("water", "POST", own, body);
  ASSERT_EQ(r.status, 200) << r.body;
  Json list = Json::parse(Call("leader", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  for (const Json& p : list["projects"]) {
    if (p["code"] != "P2025-02") continue;
    EXPECT_EQ(p["progress"], 90);
    EXPECT_EQ(p["milestones"][1]["done"], "2026-11-20");
    EXPECT_EQ(p["milestones"][1]["position"], 2);
  }
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "indicators.project.progress");
  EXPECT_EQ(newest["object"], "project:P2025-02");
  EXPECT_EQ(newest["who"], "u_water");
  EXPECT_NE(newest["detail"].get<std::string>().find("progress 80→90"), std::string::npos);
  EXPECT_EQ(Call("analyst", "POST", other, R"({"progress":35,"status":"in_progress"})").status,
            200);
}

TEST_F(ApiTest, StateChangesNeedTheCsrfToken) {
  for (auto [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"POST", "/api/v1/users"},
                                                        {"PUT", "/api/v1/pages/x"},
                                                        {"DELETE", "/api/v1/session"},
                                                        {"POST", "/api/v1/review/decisions"},
                                                        {"POST", "/api/v1/session/password"}}) {
    HttpRequest r{method, path, {}, "{}", sessions_["admin"].cookie, "", "127.0.0.1"};
    EXPECT_EQ(api_->Handle(r).status, 403) << path;
    r.csrf_header = std::string(64, 'a');
    EXPECT_EQ(api_->Handle(r).status, 403) << path;
  }
}

TEST_F(ApiTest, ReviewDecisionsByAnalystOnlyAndRecorded) {
  HttpResponse flags = Call("analyst", "GET", "/api/v1/review/flags", "", {{"status", "suspect"}});
  ASSERT_EQ(flags.status, 200);
  Json list = Json::parse(flags.body)["flags"];
  ASSERT_FALSE(list.empty()) << "the flat line should have been flagged";
  int64_t id = list[0]["id"];
  std::string body =
      Json{{"flag_id", id}, {"action", "invalidate"}, {"reason", "instrument fault"}}.dump();
  for (const std::string& role : {"admin", "reporter", "leader", "auditor"}) {
    EXPECT_EQ(Call(role, "POST", "/api/v1/review/decisions", body).status, 403) << role;
  }
  int64_t before = ChangeCount();
  HttpResponse ok = Call("analyst", "POST", "/api/v1/review/decisions", body);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ChangeCount(), before + 1);
  HttpResponse log = Call("auditor", "GET", "/api/v1/changes");
  Json newest = Json::parse(log.body)["entries"][0];
  EXPECT_EQ(newest["who"], "u_analyst");
  EXPECT_EQ(newest["action"], "review.invalidate");
}

TEST_F(ApiTest, InputValidation) {
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users", "{not json").status, 400);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users", "[1,2]").status, 400);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users",
                 R"({"name":5,"role":"analyst","password":"0123456789"})")
                .status,
            400);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users",
                 R"({"name":"x","role":"king","password":"0123456789"})")
                .status,
            400);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/users", R"({"name":"x","role":"analyst","password":"short"})")
          .status,
      400);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users",
                 R"({"name":"u_admin","role":"analyst","password":"0123456789ab"})")
                .status,
            409);
  std::string huge = "{\"name\":\"" + std::string(kMaxBodyBytes + 10, 'a') + "\"}";
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users", huge).status, 400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/review/decisions",
                 R"({"flag_id":"1","action":"clear","reason":"x"})")
                .status,
            400);
  EXPECT_EQ(
      Call("admin", "PUT", "/api/v1/pages/..%2F..%2Fetc", R"({"title":"t","kind":"air-summary"})")
          .status,
      400);
  EXPECT_EQ(
      Call("admin", "PUT", "/api/v1/pages/a", R"({"title":"t","kind":"../../etc/passwd"})").status,
      400);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/pages/..").status, 404);
  EXPECT_EQ(
      Call("admin", "GET", "/api/v1/air/daily", "", {{"id", "T1"}, {"from", "2026-13-01"}}).status,
      400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/air/daily", "", {{"id", "nowhere"}}).status, 404);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/air/assessment", "", {{"class", "3"}}).status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/nothing").status, 404);
}

TEST_F(ApiTest, ImportsRunInTheBackgroundWithProgressAndSafeNames) {
  for (const char* name :
       {"../../etc/passwd.csv", "a/b.csv", "..csv", ".hidden.csv", "x.exe", "a\\b.csv", ""}) {
    EXPECT_EQ(
        Call("analyst", "POST", "/api/v1/imports", "x", {{"kind", "air"}, {"name", name}}).status,
        400)
        << name;
  }
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/imports", "x", {{"kind", "../air"}, {"name", "a.csv"}})
                .status,
            400);
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\nT1,2026-03-04 01:00,8,30,0.6,60,70,25\n";
  HttpResponse started =
      Call("analyst", "POST", "/api/v1/imports", csv, {{"kind", "air"}, {"name", "三月.csv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  int64_t id = Json::parse(started.body)["id"];
  Json job;
  for (int i = 0; i < 200; ++i) {
    job = Json::parse(Call("analyst", "GET", "/api/v1/imports/" + std::to_string(id)).body);
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["outcome"], "imported");
  EXPECT_EQ(job["rows_written"], 1);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"];
  bool recorded = false;
  for (const Json& e : newest) recorded |= e["action"] == "import.air" && e["who"] == "u_analyst";
  EXPECT_TRUE(recorded);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/imports/999").status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/imports/..").status, 404);
}

// The demonstration-zone tables through the same import page: all or
// nothing, file:line errors with the uploaded name.
TEST_F(ApiTest, IndicatorTablesImportFromTheWeb) {
  auto finished = [](int64_t id) {
    Json job;
    for (int i = 0; i < 200; ++i) {
      job = Json::parse(Call("analyst", "GET", "/api/v1/imports/" + std::to_string(id)).body);
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return job;
  };
  std::string plan = "year,indicator,target,units,deadline\n2027,n2019_29,98,水务局,2027-12-31\n";
  HttpResponse ok = Call("analyst", "POST", "/api/v1/imports", plan,
                         {{"kind", "plan"}, {"name", "2027年度目标.csv"}});
  ASSERT_EQ(ok.status, 202) << ok.body;
  Json job = finished(Json::parse(ok.body)["id"]);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["summary"], "2027年度目标.csv: 1 plan rows stored (all or nothing)");
  std::string bad = plan + "2027,nope,1,x,2027-12-31\n";
  Json failed = finished(Json::parse(
      Call("analyst", "POST", "/api/v1/imports", bad, {{"kind", "plan"}, {"name", "坏.csv"}})
          .body)["id"]);
  EXPECT_EQ(failed["state"], "failed");
  EXPECT_NE(failed["error"].get<std::string>().find("坏.csv:3:"), std::string::npos)
      << failed.dump();
  EXPECT_EQ(
      Call("analyst", "POST", "/api/v1/imports", plan, {{"kind", "targets"}, {"name", "a.csv"}})
          .status,
      400);
}

TEST_F(ApiTest, ReporterSeesOnlyItsUnit) {
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/daily", "", {{"id", "T1"}}).status, 200);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/daily", "", {{"id", "T2"}}).status, 403);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/hourly", "", {{"id", "TestCity"}}).status, 403);
  Json stations = Json::parse(Call("reporter", "GET", "/api/v1/stations").body)["stations"];
  ASSERT_EQ(stations.size(), 1u);
  EXPECT_EQ(stations[0]["code"], "T1");
  Json rows = Json::parse(Call("reporter", "GET", "/api/v1/water/classes").body)["rows"];
  ASSERT_FALSE(rows.empty());
  for (const Json& r : rows) EXPECT_EQ(r["section"], "CJ01");
}

// The indicator routes: per role and unit, the review workflow (illegal steps
// 409), evidence names and sizes, CSRF, bad input, and the change record.
TEST_F(ApiTest, IndicatorRoutesByRole) {
  const std::string v = "/api/v1/indicators/n2019_29/values";
  const std::string body = R"({"year":2025,"value":"97.5","note":"2025 年报"})";
  for (const char* who : {"leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "POST", v, body).status, 403) << who;  // reporter: TownA, not 水务局
    EXPECT_EQ(Call(who, "POST", "/api/v1/indicators/n2019_29/submit", R"({"year":2025})").status,
              403)
        << who;
  }
  EXPECT_EQ(Call("anonymous", "POST", v, body).status, 401);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/indicators").status, 401);
  for (const char* who : {"reporter", "water", "leader", "auditor"}) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/indicators/n2019_29/review",
                   R"({"year":2025,"action":"accept"})")
                  .status,
              403)
        << who;
  }
  for (const char* who : {"reporter", "water"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/indicators/export").status, 403) << who;
  }
  // Evidence lists: readers and the owning unit.
  for (const char* who : {"admin", "analyst", "leader", "auditor", "water"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/indicators/n2019_29/evidence").status, 200) << who;
  }
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/indicators/n2019_29/evidence").status, 403);
  // CSRF on every state change.
  for (const std::string& path : {v, std::string("/api/v1/indicators/n2019_29/submit"),
                                  std::string("/api/v1/indicators/n2019_29/review"),
                                  std::string("/api/v1/indicators/n2019_29/evidence")}) {
    HttpRequest r{
        "POST", path,       {{"year", "2025"}, {"name", "a.pdf"}}, body, sessions_["water"].cookie,
        "",     "127.0.0.1"};
    EXPECT_EQ(api_->Handle(r).status, 403) << path;
  }
}

TEST_F(ApiTest, IndicatorReporterSeesOnlyItsUnitsIndicators) {
  Json own = Json::parse(Call("water", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  ASSERT_FALSE(own["indicators"].empty());
  std::set<std::string> ids;
  for (const Json& x : own["indicators"]) {
    ids.insert(x["id"]);
    EXPECT_NE(x["owner"].get<std::string>().find("水务局"), std::string::npos) << x.dump();
    EXPECT_TRUE(x.contains("unverified"));
  }
  EXPECT_TRUE(ids.count("n2019_29"));
  EXPECT_FALSE(ids.count("n2019_01"));  // 生态环境局's
  EXPECT_TRUE(own["summary"].is_null());
  EXPECT_EQ(Call("water", "GET", "/api/v1/indicators/n2019_01/evidence").status, 403);
  EXPECT_EQ(Call("water", "POST", "/api/v1/indicators/n2019_01/values",
                 R"({"year":2025,"value":"制定实施"})")
                .status,
            403);
  // A town reporter owns none of them.
  Json town = Json::parse(Call("reporter", "GET", "/api/v1/indicators").body);
  EXPECT_TRUE(town["indicators"].empty());
  // Readers see the whole table and the summary.
  Json all = Json::parse(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  EXPECT_GT(all["indicators"].size(), own["indicators"].size());
  EXPECT_TRUE(all["summary"]["binding_total"].is_number());
  EXPECT_TRUE(all["summary"]["can_apply"].is_boolean());
  // Projects: the unit's own.
  Json p = Json::parse(Call("water", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  ASSERT_EQ(p["projects"].size(), 1u);
  EXPECT_EQ(p["projects"][0]["unit"], "水务局");
  Json every = Json::parse(Call("auditor", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  EXPECT_GT(every["projects"].size(), 1u);
  bool overdue = false;
  for (const Json& x : every["projects"])
    for (const Json& m : x["milestones"]) overdue |= m["overdue"].get<bool>();
  EXPECT_TRUE(overdue);  // open milestones of 2025 are past due by now
  EXPECT_TRUE(Json::parse(Call("reporter", "GET", "/api/v1/projects").body)["projects"].empty());
}

TEST_F(ApiTest, IndicatorBadInput) {
  const std::string v = "/api/v1/indicators/n2019_29/values";
  EXPECT_EQ(Call("water", "POST", v, "{not json").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":"2025","value":"1"})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025,"value":97.5})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025,"value":""})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":99999,"value":"1"})").status, 400);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/nothing/values", R"({"year":2025,"value":"1"})")
          .status,
      404);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/../values", R"({"year":2025,"value":"1"})").status,
      404);
  // Engine and derived indicators are not entered by hand.
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/n2019_07/values", R"({"year":2025,"value":"80"})")
          .status,
      409);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/n2019_21/values", R"({"year":2025,"value":"80"})")
          .status,
      409);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "20x5"}}).status, 400);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/indicators/export", "", {{"format", "pdf"}}).status,
            400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/indicators/n2019_29/review",
                 R"({"year":2025,"action":"approve"})")
                .status,
            400);
}

TEST_F(ApiTest, IndicatorWorkflowEvidenceAndChangeRecord) {
  const std::string base = "/api/v1/indicators/n2019_19/";  // 水务局, reference
  int64_t before = ChangeCount();
  HttpResponse set =
      Call("water", "POST", base + "values", R"({"year":2025,"value":"完成上级管控目标"})");
  ASSERT_EQ(set.status, 201) << set.body;
  EXPECT_EQ(ChangeCount(), before + 1);
  // Illegal steps: 409.
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"accept"})").status,
            409);
  EXPECT_EQ(Call("water", "POST", "/api/v1/indicators/n2019_29/submit", R"({"year":2030})").status,
            404);
  // Evidence: plain names of documents only, at most 8 MiB.
  for (const char* name : {"../../etc/passwd.pdf", "a/b.pdf", "..pdf", ".hidden.pdf", "x.exe",
                           "a\\b.pdf", "", "a..b.pdf"}) {
    EXPECT_EQ(
        Call("water", "POST", base + "evidence", "%PDF-1.4", {{"year", "2025"}, {"name", name}})
            .status,
        400)
        << name;
  }
  std::string big(8 * 1024 * 1024 + 1, 'x');
  EXPECT_EQ(
      Call("water", "POST", base + "evidence", big, {{"year", "2025"}, {"name", "big.pdf"}}).status,
      400);
  EXPECT_EQ(Call("water", "POST", base + "evidence", "%PDF-1.4", {{"name", "a.pdf"}}).status, 400);
  HttpResponse ev = Call("water", "POST", base + "evidence", "%PDF-1.4 evidence",
                         {{"year", "2025"}, {"name", "岸线保护报告.pdf"}});
  ASSERT_EQ(ev.status, 201) << ev.body;
  std::string sha = Json::parse(ev.body)["sha256"];
  EXPECT_EQ(sha.size(), 64u);
  Json list = Json::parse(
      Call("leader", "GET", base + "evidence", "", {{"year", "2025"}}).body)["evidence"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["file_name"], "岸线保护报告.pdf");
  EXPECT_EQ(list[0]["sha256"], sha);
  EXPECT_TRUE(list[0]["intact"].get<bool>());
  // Download: the bytes with their type and name, for whoever may list them.
  const std::string file_id = std::to_string(list[0]["file_id"].get<int64_t>());
  const std::string file = base + "evidence/" + file_id;
  HttpResponse got = Call("auditor", "GET", file);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "%PDF-1.4 evidence");
  EXPECT_EQ(got.content_type, "application/pdf");
  std::string disposition;
  for (const auto& [name, value] : got.headers)
    if (name == "Content-Disposition") disposition = value;
  EXPECT_EQ(
      disposition,
      "attachment; filename=\"" + std::string(18, '_') +  // 6 characters, 18 bytes
          ".pdf\"; filename*=UTF-8''%E5%B2%B8%E7%BA%BF%E4%BF%9D%E6%8A%A4%E6%8A%A5%E5%91%8A.pdf");
  EXPECT_EQ(Call("water", "GET", file).status, 200);
  EXPECT_EQ(Call("reporter", "GET", file).status, 403);  // another unit's indicator
  EXPECT_EQ(Call("auditor", "GET", "/api/v1/indicators/n2019_01/evidence/" + file_id).status, 404);
  EXPECT_EQ(Call("auditor", "GET", base + "evidence/999999").status, 404);
  EXPECT_EQ(Call("auditor", "GET", base + "evidence/x1").status, 404);
  {
    // Bytes altered in the database: not served.
    auto db = store::OpenSqliteDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE ind_evidence SET content = X'00' WHERE id = " + file_id).ok());
    HttpResponse bad = Call("auditor", "GET", file);
    EXPECT_EQ(bad.status, 409);
    EXPECT_NE(bad.body.find("no longer matches its SHA-256"), std::string::npos) << bad.body;
    ASSERT_TRUE((*db)
                    ->Exec("UPDATE ind_evidence SET content = CAST('%PDF-1.4 evidence' AS BLOB) "
                           "WHERE id = " +
                           file_id)
                    .ok());
    EXPECT_EQ(Call("auditor", "GET", file).status, 200);
  }
  // draft → submitted → returned → submitted → accepted.
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 200);
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 409);
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"return"})").status,
            400);  // a reason is required
  EXPECT_EQ(Call("analyst", "POST", base + "review",
                 R"({"year":2025,"action":"return","reason":"缺少批复文件"})")
                .status,
            200);
  Json table = Json::parse(Call("water", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  Json row;
  for (const Json& x : table["indicators"])
    if (x["id"] == "n2019_19") row = x;
  EXPECT_EQ(row["entry"]["status"], "returned");
  EXPECT_EQ(row["entry"]["review_reason"], "缺少批复文件");
  EXPECT_EQ(row["evidence_files"], 1);
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 200);
  EXPECT_EQ(Call("analyst", "POST", base + "review",
                 R"({"year":2025,"action":"accept","reason":"材料齐全"})")
                .status,
            200);
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"accept"})").status,
            409);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["who"], "u_analyst");
  EXPECT_EQ(newest["action"], "indicators.review.accepted");
  // Exports.
  HttpResponse csv =
      Call("leader", "GET", "/api/v1/indicators/export", "", {{"year", "2025"}, {"format", "csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("n2019_19"), std::string::npos);
  HttpResponse xlsx = Call("leader", "GET", "/api/v1/indicators/export", "", {{"year", "2025"}});
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

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

TEST_F(ApiTest, OpenApiDocumentsEveryRoute) {
  std::ifstream in(
      fs::path(std::getenv("ECOCIV_SOURCE_DIR") ? std::getenv("ECOCIV_SOURCE_DIR") : ".") /
      "web/openapi.json");
  Json doc = Json::parse(in);
  std::set<std::string> documented;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      std::string m = method;
      for (char& ch : m) ch = static_cast<char>(std::toupper(ch));
      documented.insert(m + " " + path);
    }
  }
  std::set<std::string> routes;
  for (const RouteInfo& r : Api::Routes()) routes.insert(r.method + " " + r.path);
  EXPECT_EQ(documented, routes);
  // And the served copy is the same document.
  EXPECT_EQ(Json::parse(Call("anonymous", "GET", "/api/v1/openapi.json").body), doc);
}

TEST_F(ApiTest, AirFiguresAreExactStrings) {
  Json a = Json::parse(Call("analyst", "GET", "/api/v1/air/assessment", "",
                            {{"from", "2026-03-01"}, {"to", "2026-03-03"}})
                           .body);
  ASSERT_EQ(a["cities"].size(), 1u);
  EXPECT_TRUE(a["cities"][0]["pollutants"]["pm25"]["mean"].is_string());
  Json o = Json::parse(Call("leader", "GET", "/api/v1/overview").body);
  EXPECT_EQ(o["stations"].size(), 3u);  // two stations and the city
  EXPECT_TRUE(o["stations"][0]["aqi"].is_number());
  EXPECT_FALSE(o["sections"].empty());
}

TEST_F(ApiTest, RealServerOnLoopback) {
  ApiOptions options;
  options.db_path = db_path_;
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
  auto res = client.Get("/api/v1/overview");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  auto traversal = client.Get("/assets/../../etc/passwd");
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->body.find("root:"), std::string::npos);
  std::string big(kMaxBodyBytes + 100, 'x');
  auto large = client.Post("/api/v1/session", big, "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 400);  // over 1 MiB on a JSON route
  std::string huge(65 * 1024 * 1024, 'x');
  auto too_large = client.Post("/api/v1/imports", huge, "application/octet-stream");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);  // over 64 MiB anywhere
  (*server)->Stop();
  t.join();
}

}  // namespace
}  // namespace ecociv::server
