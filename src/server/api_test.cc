// API tests of the dispatch: every route × every role (allowed and refused),
// CSRF, input validation at the door, unknown paths and wrong methods, and
// the OpenAPI document against the route table.
#include "api_test_fixture.h"

#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "ecociv/store/database.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, EveryRouteAndRoleIsAllowedOrRefused) {
  // A finished import job of a known id for GET /imports/{id} (a started
  // job's id is random).
  {
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("INSERT INTO import_jobs (id, kind, name, who, state, server, "
                            "started_at, heartbeat_at) VALUES (1, 'air', 'a.csv', 'u_analyst', "
                            "'done', 'test', 0, 0) ON CONFLICT (id) DO NOTHING")
                    .ok());
  }
  int64_t started_import = 0;
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
      {"GET", "/api/v1/water/allowance", "", readers, {{"year", "2025"}}},
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
      {"GET", "/api/v1/imports/template", "", {"analyst"}, {{"kind", "air"}}},
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
      // Cancels the period just added ({quiet}: the newest).
      {"POST", "/api/v1/warnings/quiet/{quiet}/end", "{}", {"admin"}, {},
       "/api/v1/warnings/quiet/{id}/end"},
      {"GET", "/api/v1/air/targets", "", readers, {{"year", "2026"}, {"as_of", "2026-03-03"}}},
      // The assessments (the fixture's SYNTHETIC demo: run 2 is the approved
      // town-1000 2025, run 5 the approved departure audit, finding 2 open
      // with 凤鸣镇 T06 responsible). The matrix reporter (TownA) owns no subject.
      {"GET", "/api/v1/assessments/schemes", "", all},
      {"GET", "/api/v1/assessments/runs", "", readers},
      {"POST",
       "/api/v1/assessments/runs",
       R"({"scheme":"town-1000","year":2025})",
       {"admin", "analyst"}},
      {"GET",
       "/api/v1/assessments/town-1000/2025/ranking",
       "",
       readers,
       {},
       "/api/v1/assessments/{scheme}/{year}/ranking"},
      {"GET",
       "/api/v1/assessments/town-1000/2025/ranking/xlsx",
       "",
       readers,
       {},
       "/api/v1/assessments/{scheme}/{year}/ranking/xlsx"},
      {"GET", "/api/v1/assessments/cards", "", all},
      {"GET",
       "/api/v1/assessments/runs/2/cards/T02",
       "",
       readers,
       {},
       "/api/v1/assessments/runs/{id}/cards/{subject}"},
      {"GET",
       "/api/v1/assessments/runs/2/cards/T02/xlsx",
       "",
       readers,
       {},
       "/api/v1/assessments/runs/{id}/cards/{subject}/xlsx"},
      {"GET",
       "/api/v1/assessments/town-1000/2025/values",
       "",
       all,
       {},
       "/api/v1/assessments/{scheme}/{year}/values"},
      {"POST",
       "/api/v1/assessments/town-1000/2025/values",
       R"({"subject":"T02","item":"good_air_days","value":"86.5"})",
       {"admin", "analyst"},
       {},
       "/api/v1/assessments/{scheme}/{year}/values"},
      {"GET",
       "/api/v1/assessments/town-1000/2025/events",
       "",
       all,
       {},
       "/api/v1/assessments/{scheme}/{year}/events"},
      {"POST",
       "/api/v1/assessments/town-1000/2025/events",
       R"({"subject":"T02","item":"env_complaint","date":"2025-04-01","reason":"matrix"})",
       {"admin", "analyst"},
       {},
       "/api/v1/assessments/{scheme}/{year}/events"},
      {"POST",
       "/api/v1/assessments/evidence",
       "matrix evidence",
       {"admin", "analyst"},
       {{"object", "value:town-1000/2025/T02/good_air_days/year"}, {"name", "m.txt"}}},
      {"GET",
       "/api/v1/assessments/evidence",
       "",
       readers,
       {{"object", "value:town-1000/2025/T02/good_air_days/year"}}},
      {"GET", "/api/v1/assessments/subjects", "", all, {{"scheme", "town-1000"}}},
      {"GET", "/api/v1/people", "", readers},
      {"GET", "/api/v1/audits/findings", "", all},
      {"GET",
       "/api/v1/audits/runs/5/findings",
       "",
       readers,
       {},
       "/api/v1/audits/runs/{id}/findings"},
      {"POST",
       "/api/v1/audits/runs/5/findings",
       R"({"subject":"OFF-T06-2021","problem":"matrix","owner":"D19","deadline":"2030-01-01"})",
       {"admin", "analyst", "auditor"},
       {},
       "/api/v1/audits/runs/{id}/findings"},
      {"POST",
       "/api/v1/audits/findings/2",
       R"({"status":"in_progress","progress":"matrix"})",
       {"admin", "analyst", "auditor"},
       {},
       "/api/v1/audits/findings/{id}"},
      {"GET", "/api/v1/stations/status", "", all},
      {"GET", "/api/v1/map", "", all},
      {"PUT",
       "/api/v1/map",
       R"({"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]})",
       {"admin"}},
      {"GET", "/api/v1/stations/recent", "", all, {{"station", "T1"}}},
      {"GET", "/api/v1/stations/current", "", all, {{"station", "T1"}}},
      {"GET", "/api/v1/space/layers", "", readers},
      {"GET", "/api/v1/space/features", "", readers, {{"layer", "red-line"}, {"year", "2025"}}},
      {"GET", "/api/v1/documents", "", readers},
      // Makes documents 1 and 2 (admin, analyst) through headless Chromium.
      {"POST", "/api/v1/documents", R"({"kind":"water-yearly","period":"2025"})", {"admin", "analyst"}},
      {"GET", "/api/v1/documents/1/html", "", readers, {}, "/api/v1/documents/{id}/html"},
      {"GET", "/api/v1/documents/schedule", "", readers},
      {"GET", "/api/v1/public/documents", "", {"public"}},
      {"GET", "/api/v1/public/air/now", "", {"public"}},
      {"GET", "/api/v1/me/tasks", "", {"reporter"}},
      // Another unit's indicator: the reporter (TownA) is refused.
      {"GET",
       "/api/v1/indicators/n2019_01",
       "",
       readers,
       {{"year", "2025"}},
       "/api/v1/indicators/{id}"},
      // Section plans on CJ01 (the reporter's unit's section), in order: the
      // plan, a measure ({measure}: the newest), its state, progress.
      {"GET", "/api/v1/water/plans", "", all},
      {"PUT", "/api/v1/water/plans/CJ01", R"({"title":"matrix","causes":[]})",
       {"admin", "analyst", "reporter"}, {}, "/api/v1/water/plans/{section}"},
      {"GET", "/api/v1/water/plans/CJ01", "", all, {}, "/api/v1/water/plans/{section}"},
      {"POST", "/api/v1/water/plans/CJ01/measures",
       R"({"text":"matrix","unit":"TownA","deadline":"2026-12-31"})",
       {"admin", "analyst", "reporter"}, {}, "/api/v1/water/plans/{section}/measures"},
      {"POST", "/api/v1/water/plans/CJ01/measures/{measure}/state", R"({"state":"in_progress"})",
       {"admin", "analyst", "reporter"}, {}, "/api/v1/water/plans/{section}/measures/{id}/state"},
      {"POST", "/api/v1/water/plans/CJ01/progress", R"({"date":"2026-05-01","note":"matrix"})",
       {"admin", "analyst", "reporter"}, {}, "/api/v1/water/plans/{section}/progress"},
      {"GET", "/api/v1/water/chief", "", all},
      {"GET", "/api/v1/water/periods", "", all},
      {"GET", "/api/v1/water/campaigns/bao3-xiaolie-2025/report", "", readers, {},
       "/api/v1/water/campaigns/{id}/report"},
      {"GET", "/api/v1/regions", "", all},
      {"GET", "/api/v1/regions/ranking", "", readers, {{"level", "county"}}},
  };
  // A path's {quiet} and {measure}: the newest of those rows when it is called
  // (what the case before made), whatever other tests made before this one.
  auto newest = [](std::string path) {
    for (auto [name, table] : {std::pair{"{quiet}", "quiet_periods"},
                               std::pair{"{measure}", "section_plan_measures"}}) {
      if (size_t at = path.find(name); at != std::string::npos)
        path.replace(at, std::strlen(name),
                     std::to_string(Count(std::string("SELECT max(id) FROM ") + table)));
    }
    return path;
  };
  std::set<std::string> covered;
  for (const Case& c : cases) {
    covered.insert(c.method + " " + (c.route.empty() ? c.path : c.route));
    for (std::string who :
         {"anonymous", "admin", "analyst", "reporter", "leader", "auditor"}) {
      HttpResponse r = Call(who, c.method, newest(c.path), c.body, c.query);
      if (c.method == "POST" && c.path == "/api/v1/imports" && r.status == 202)
        started_import = Json::parse(r.body)["id"].get<int64_t>();
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
  if (started_import) FinishedImport(started_import);
  // The routes that change sessions, users and review are covered below.
  for (const RouteInfo& r : Api::Routes()) {
    std::string key = r.method + " " + r.path;
    if (key == "POST /api/v1/session" || key == "DELETE /api/v1/session" ||
        key == "POST /api/v1/session/password" || key == "POST /api/v1/users" ||
        key == "POST /api/v1/users/disable" ||   // routes_admin_test: UsersDisabledAndReset
        key == "POST /api/v1/users/password" ||  // routes_admin_test: UsersDisabledAndReset
        key == "POST /api/v1/users/region" ||  // RegionTest.AdministratorsSetAUsersRegion…
        key == "POST /api/v1/review/decisions" || key == "GET /api/v1/pages/{slug}" ||
        key == "PUT /api/v1/pages/{slug}" || key == "GET /api/v1/imports/{id}" ||
        key == "GET /api/v1/warnings/{id}" || key == "POST /api/v1/warnings/outbox/deliver" ||
        key == "POST /api/v1/warnings/quiet/{id}/end" ||           // also WebhookOutboxOnTheWeb
        key == "POST /api/v1/projects/{code}/progress" ||          // ProjectProgressByUnit
        key == "POST /api/v1/assessments/runs/{id}/review" ||      // AssessmentRunWorkflow
        key == "POST /api/v1/assessments/runs/{id}/approve" ||     // AssessmentRunWorkflow
        key == "POST /api/v1/assessments/events/{id}/withdraw" ||  // AssessmentEvents
        key == "GET /api/v1/assessments/evidence/{file_id}" ||     // AReporterEnters...
        key.find("/documents/{id}") != std::string::npos ||  // DocumentsAreApproved…, Nothing…
        key.find("/api/v1/space/") != std::string::npos ||   // SpaceRoutesShowThePromises…
        key == "POST /api/v1/water/plans/{section}/submit" ||   // SectionPlanWorkflow
        key == "POST /api/v1/water/plans/{section}/approve" ||  // SectionPlanWorkflow
        key == "POST /api/v1/water/plans/{section}/return" ||   // SectionPlanWorkflow
        key.find("/api/v1/warnings/{id}/") != std::string::npos ||
        key.find("/api/v1/indicators/{id}/") != std::string::npos)
      continue;  // the indicator workflow routes: IndicatorWorkflow* below
    EXPECT_TRUE(covered.count(key)) << key << " is missing from the matrix";
  }
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

// A known path with a method it does not take: 405 naming the methods it
// does take (before any session or CSRF check); an unknown path stays 404.
TEST_F(ApiTest, WrongMethodIs405WithTheAllowedMethods) {
  struct Wrong {
    std::string method, path, allow;
  };
  for (const Wrong& w : std::vector<Wrong>{{"PATCH", "/api/v1/session", "POST, GET, DELETE"},
                                           {"PUT", "/api/v1/session", "POST, GET, DELETE"},
                                           {"DELETE", "/api/v1/users", "GET, POST"},
                                           {"POST", "/api/v1/overview", "GET"},
                                           {"DELETE", "/api/v1/pages/air", "GET, PUT"},
                                           {"POST", "/api/v1/warnings/7", "GET"},
                                           {"GET", "/api/v1/imports", "POST"}}) {
    for (const char* who : {"anonymous", "reporter", "admin"}) {
      HttpResponse r = Call(who, w.method, w.path, "{}");
      SCOPED_TRACE(w.method + " " + w.path + " as " + who + ": " + r.body);
      EXPECT_EQ(r.status, 405);
      EXPECT_EQ(Header(r, "Allow"), w.allow);
      Json body = Json::parse(r.body);
      EXPECT_EQ(body["code"], "METHOD_NOT_ALLOWED");
      EXPECT_NE(body["message"].get<std::string>().find(w.allow), std::string::npos);
    }
  }
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/nothing").status, 404);
  // A literal path wins over a template whatever the order of registration:
  // GET /warnings/evaluate is the warning "evaluate", which does not exist.
  EXPECT_EQ(Call("admin", "GET", "/api/v1/warnings/evaluate").status, 404);
}

}  // namespace
}  // namespace ecociv::server
