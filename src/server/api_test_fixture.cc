// The API tests' database and sessions (api_test_fixture.h).
#include "api_test_fixture.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "../store/store_test_util.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/scoring/demo_store.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/import.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/rules.h"

namespace ecociv::server {
namespace {

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

}  // namespace

void ApiTest::SetUp() {
  // Every test makes and logs in nine accounts: at the interactive cost that
  // alone took a second of CPU (accounts_test keeps the real cost).
  UseMinimalPasswordHashCostForTests();
  // One folder per test and process: CTest runs the tests of this binary in
  // parallel, and a test's database is its own.
  static int tests = 0;
  dir_ = fs::path(::testing::TempDir()) /
         ("ecociv_api_test." + std::to_string(getpid()) + "." + std::to_string(++tests));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  // A SQLite file, or a schema of ECOCIV_TEST_DB's PostgreSQL database.
  std::string db_path = store::testing_util::TestDatabase((dir_ / "t.db").string());
  store::OpenOptions open;
  open.create = true;
  auto db = store::OpenDatabase(db_path, open);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  // The set-up's many small transactions need no flush to disk each (a test
  // database; WAL keeps it consistent).
  if (!store::testing_util::OnPostgres()) {
    ASSERT_TRUE((*db)->Exec("PRAGMA synchronous = NORMAL").ok());
  }
  Write(dir_ / "stations.csv",
        "station,name,city,lon,lat\nT1,Test one,TestCity,120.5,31.8\nT2,Test two,TestCity,"
        "120.6,31.9\n");
  Write(dir_ / "air.csv", AirCsv());
  store::ImportOptions options;
  ASSERT_TRUE(store::ImportStationsFile(db->get(), (dir_ / "stations.csv").string(), options).ok());
  auto air = store::ImportAirFile(db->get(), (dir_ / "air.csv").string(), options);
  ASSERT_TRUE(air.ok()) << air.status().ToString();
  auto rules = water::WaterRules::Load("");
  ASSERT_TRUE(rules.ok());
  auto city = water::GenerateDemoCity(*rules, 2025, 1);
  Write(dir_ / "sections.csv", city.sections_csv);
  Write(dir_ / "samples.csv", city.samples_csv);
  ASSERT_TRUE(store::ImportSectionsFile(db->get(), (dir_ / "sections.csv").string(), options).ok());
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
  // The SYNTHETIC assessments (approved town and department runs of 2024 and
  // 2025, a departure audit with three findings) and a reporter of 东沙镇 (T01).
  auto scoring_demo = scoring::LoadScoringDemo(db->get(), store::UtcNow().substr(0, 10),
                                               store::Actor{"test", "demo"});
  ASSERT_TRUE(scoring_demo.ok()) << scoring_demo.status().ToString();
  ASSERT_TRUE(
      AddUser(db->get(), "u_town", Role::kReporter, "东沙镇", kPassword, {"test", ""}).ok());
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
  sessions_["town"] = LoginAs("u_town");
}

Json ApiTest::FinishedImport(int64_t id) {
  Json job;
  for (int i = 0; i < 200; ++i) {
    job = Json::parse(Call("analyst", "GET", "/api/v1/imports/" + std::to_string(id)).body);
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return job;
}

void ApiTest::TearDown() {
  delete api_;
  api_ = nullptr;
  sessions_.clear();
  fs::remove_all(dir_);
}

ApiTest::Who ApiTest::LoginAs(const std::string& name, const std::string& password) {
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

HttpResponse ApiTest::Call(const std::string& role, const std::string& method,
                           const std::string& path, const std::string& body,
                           std::vector<std::pair<std::string, std::string>> query) {
  HttpRequest r{method, path, std::move(query), body, "", "", "127.0.0.1"};
  auto it = sessions_.find(role);
  if (it != sessions_.end()) {
    r.cookie = it->second.cookie;
    r.csrf_header = it->second.csrf;
  }
  return api_->Handle(r);
}

int64_t ApiTest::ChangeCount() { return Count("SELECT count(*) FROM change_log"); }

int64_t ApiTest::Count(const std::string& sql) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  return *store::QueryInt64(db->get(), sql);
}

}  // namespace ecociv::server
