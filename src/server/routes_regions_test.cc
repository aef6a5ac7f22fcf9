// Regions in one store: what a user of each region and role sees (stations,
// sections, warnings, series, the overview and assessment, the ranking of
// regions), as a matrix across a province, two cities and three counties,
// and the ranking of counties by a month's composite index and good-day
// ratio. Its own database (a SQLite file, or a schema of ECOCIV_TEST_DB's
// PostgreSQL database), so it runs alike alone and after the other suites.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "../store/store_test_util.h"
#include "ecociv/server/accounts.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/demo_store.h"
#include "ecociv/server/api.h"
#include "ecociv/store/import.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/water_store.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/rules.h"

namespace ecociv::server {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kPass = "correct horse battery";

void Write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Five days of March 2026 for every station; each county's PM2.5 level is
// its own, so the counties rank 张家港 < 昆山 < 江阴 by composite index.
std::string AirCsv() {
  const std::pair<const char*, int> kStations[] = {
      {"SZ1", 40}, {"ZJG1", 25}, {"ZJG2", 30}, {"KS1", 60}, {"JY1", 90}};
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\n";
  for (int day = 1; day <= 5; ++day) {
    for (int hour = 0; hour < 24; ++hour) {
      char time[32];
      std::snprintf(time, sizeof time, "2026-03-%02d %02d:00", day, hour);
      for (const auto& [code, pm25] : kStations) {
        csv += std::string(code) + "," + time + ",8,30,0.6,60," + std::to_string(pm25 + 20) +
               "," + std::to_string(pm25 + hour % 3) + "\n";
      }
    }
  }
  return csv;
}

class RegionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("ecociv_region_test." + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = store::testing_util::TestDatabase((dir_ / "regions.db").string());
    store::OpenOptions open;
    open.create = true;
    auto opened = store::OpenDatabase(db_path_, open);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store::Database* db = opened->get();
    const store::Actor who{"test", ""};
    // A province, two cities, three counties.
    const store::Region kRegions[] = {{"320000", "江苏省", "Jiangsu", "province", ""},
                                      {"320500", "苏州市", "Suzhou", "city", "320000"},
                                      {"320200", "无锡市", "Wuxi", "city", "320000"},
                                      {"320582", "张家港市", "Zhangjiagang", "county", "320500"},
                                      {"320583", "昆山市", "Kunshan", "county", "320500"},
                                      {"320281", "江阴市", "Jiangyin", "county", "320200"}};
    for (const auto& r : kRegions) ASSERT_TRUE(store::AddRegion(db, r, who).ok()) << r.code;
    Write(dir_ / "stations.csv",
          "station,name,city,lon,lat\nSZ1,苏州一,苏州市,120.6,31.3\nZJG1,张家港一,张家港市,120.5,"
          "31.9\nZJG2,张家港二,张家港市,120.6,31.8\nKS1,昆山一,昆山市,121.0,31.4\nJY1,江阴一,"
          "江阴市,120.3,31.9\n");
    Write(dir_ / "air.csv", AirCsv());
    store::ImportOptions options;
    ASSERT_TRUE(store::ImportStationsFile(db, (dir_ / "stations.csv").string(), options).ok());
    auto air = store::ImportAirFile(db, (dir_ / "air.csv").string(), options);
    ASSERT_TRUE(air.ok()) << air.status().ToString();
    auto rules = water::WaterRules::Load("");
    ASSERT_TRUE(rules.ok());
    auto city = water::GenerateDemoCity(*rules, 2025, 1);
    Write(dir_ / "sections.csv", city.sections_csv);
    ASSERT_TRUE(store::ImportSectionsFile(db, (dir_ / "sections.csv").string(), options).ok());
    Write(dir_ / "samples.csv", city.samples_csv);
    ASSERT_TRUE(store::ImportWaterFile(db, (dir_ / "samples.csv").string(), options).ok());
    const std::pair<const char*, const char*> kStationRegions[] = {
        {"SZ1", "320500"}, {"ZJG1", "320582"}, {"ZJG2", "320582"}, {"KS1", "320583"},
        {"JY1", "320281"}};
    for (const auto& [code, region] : kStationRegions)
      ASSERT_TRUE(store::AssignRegion(db, "station", code, region, who).ok()) << code;
    ASSERT_TRUE(store::AssignRegion(db, "section", "CJ01", "320582", who).ok());
    ASSERT_TRUE(store::AssignRegion(db, "section", "CJ02", "320281", who).ok());
    // Warnings about a section of each county and the air of 江阴市.
    std::vector<warning::Finding> findings(3);
    findings[0] = {"water", "warning-local-template", "CJ01", "长江姚港", "yellow", "黄色预警", 1,
                   "month IV vs target II", R"({"month":"2026-02"})", "", "", "2026-02"};
    findings[1] = {"water", "warning-local-template", "CJ02", "长江新港", "yellow", "黄色预警", 1,
                   "month IV vs target II", R"({"month":"2026-02"})", "", "", "2026-02"};
    findings[2] = {"air",        "air-targets-2026",     "江阴市/pm25", "江阴市 PM2.5", "high",
                   "目标高风险", 1,                      "allowance below need",
                   R"({"ytd_mean":"90"})", "", "", "2026-03-05"};
    auto recorded = warning::RecordEvaluation(db, "test", findings, {}, 20515, who, 0);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    // The SYNTHETIC units and assessments; two towns in 张家港.
    ASSERT_TRUE(indicators::LoadDemoCity(db, store::Actor{"test", "demo"}).ok());
    ASSERT_TRUE(
        scoring::LoadScoringDemo(db, store::UtcNow().substr(0, 10), store::Actor{"test", "demo"})
            .ok());
    for (const char* unit : {"T01", "T02"})
      ASSERT_TRUE(store::AssignRegion(db, "unit", unit, "320582", who).ok()) << unit;
    // Users: (name, role, unit, region).
    const std::tuple<const char*, Role, const char*, const char*> kUsers[] = {
        {"root_admin", Role::kAdmin, "", store::kRootRegion},
        {"js_analyst", Role::kAnalyst, "", "320000"},
        {"sz_analyst", Role::kAnalyst, "", "320500"},
        {"wx_auditor", Role::kAuditor, "", "320200"},
        {"zjg_analyst", Role::kAnalyst, "", "320582"},
        {"jy_leader", Role::kLeader, "", "320281"},
        {"zjg_reporter", Role::kReporter, "ZJGU", "320582"},
        {"sz_admin", Role::kAdmin, "", "320500"},
        {"moving", Role::kAnalyst, "", "320582"},
    };
    for (const auto& [name, role, unit, region] : kUsers) {
      ASSERT_TRUE(AddUser(db, name, role, unit, kPass, who).ok()) << name;
      ASSERT_TRUE(SetUserRegion(db, name, region, who).ok()) << name;
    }
    // The reporter's unit holds a station of its county and one of another:
    // the region bounds what a unit's assignment shows.
    ASSERT_TRUE(AssignAsset(db, "ZJGU", "station", "ZJG1", who).ok());
    ASSERT_TRUE(AssignAsset(db, "ZJGU", "station", "JY1", who).ok());
    ASSERT_TRUE(AssignAsset(db, "ZJGU", "section", "CJ01", who).ok());
    // HJ 212 loggers at a station of each of two counties and a section.
    for (const auto& [mn, kind, code] :
         {std::tuple{"MNZJG1", "station", "ZJG1"}, std::tuple{"MNJY1", "station", "JY1"},
          std::tuple{"MNCJ01", "section", "CJ01"}}) {
      hj212::Registration device;
      device.mn = mn;
      device.kind = kind;
      device.code = code;
      device.password = "pw123456";
      ASSERT_TRUE(hj212::RegisterDevice(db, device, who).ok()) << mn;
    }
    opened->reset();
    ApiOptions api_options;
    api_options.db_path = db_path_;
    auto api = Api::Create(api_options);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = api->release();
    for (const auto& [name, role, unit, region] : kUsers) Login(name);
  }

  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    fs::remove_all(dir_);
  }

  static void Login(const std::string& name) {
    HttpRequest r{"POST", "/api/v1/session", {}, Json{{"name", name}, {"password", kPass}}.dump(),
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

  static inline fs::path dir_;
  static inline std::string db_path_;
  static inline Api* api_ = nullptr;
  static inline std::map<std::string, std::string> cookies_, csrf_;
};

using Set = std::set<std::string>;

TEST_F(RegionTest, EachRegionAndRoleSeesItsSubtreeOnly) {
  struct Row {
    std::string user;
    Set stations, sections, warnings;
  };
  const Set all_stations = {"JY1", "KS1", "SZ1", "ZJG1", "ZJG2"};
  const Row kMatrix[] = {
      {"js_analyst", all_stations, {"CJ01", "CJ02"}, {"CJ01", "CJ02", "江阴市/pm25"}},
      {"sz_analyst", {"KS1", "SZ1", "ZJG1", "ZJG2"}, {"CJ01"}, {"CJ01"}},
      {"wx_auditor", {"JY1"}, {"CJ02"}, {"CJ02", "江阴市/pm25"}},
      {"zjg_analyst", {"ZJG1", "ZJG2"}, {"CJ01"}, {"CJ01"}},
      {"jy_leader", {"JY1"}, {"CJ02"}, {"CJ02", "江阴市/pm25"}},
      // Its unit's assignments within its county (JY1 is outside it).
      {"zjg_reporter", {"ZJG1"}, {"CJ01"}, {}},
  };
  for (const Row& row : kMatrix) {
    SCOPED_TRACE(row.user);
    EXPECT_EQ(Codes(row.user, "/api/v1/stations", "stations", "code"), row.stations);
    EXPECT_EQ(Codes(row.user, "/api/v1/water/sections", "sections", "code"), row.sections);
    EXPECT_EQ(Codes(row.user, "/api/v1/water/classes", "rows", "section",
                    {{"from", "2025-01-01"}, {"to", "2025-12-31"}, {"period", "year"}}),
              row.sections);
    EXPECT_EQ(Codes(row.user, "/api/v1/warnings", "warnings", "subject", {{"state", "all"}}),
              row.warnings);
    // A station outside the region: refused, as another unit's is.
    for (const std::string& station : all_stations) {
      int status = Get(row.user, "/api/v1/air/daily", {{"id", station}}).status;
      EXPECT_EQ(status, row.stations.count(station) ? 200 : 403) << station;
    }
  }
  // The root region's user sees the whole store, as before regions.
  EXPECT_EQ(Codes("root_admin", "/api/v1/stations", "stations", "code"), all_stations);
  EXPECT_GT(Codes("root_admin", "/api/v1/water/sections", "sections", "code").size(), 2u);
  EXPECT_EQ(Codes("root_admin", "/api/v1/warnings", "warnings", "subject", {{"state", "all"}}),
            (Set{"CJ01", "CJ02", "江阴市/pm25"}));
}

TEST_F(RegionTest, CitiesOverviewAndAssessmentFollowTheRegion) {
  // An air city is seen by whom sees every station of it.
  HttpResponse stations = Get("sz_analyst", "/api/v1/stations");
  const Json stations_json = Json::parse(stations.body);
  Set cities;
  for (const Json& c : stations_json["cities"]) cities.insert(c.get<std::string>());
  EXPECT_EQ(cities, (Set{"昆山市", "张家港市", "苏州市"}));
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/air/daily", {{"id", "张家港市"}}).status, 200);
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/air/daily", {{"id", "江阴市"}}).status, 403);
  EXPECT_EQ(Codes("zjg_analyst", "/api/v1/overview", "stations", "id"),
            (Set{"ZJG1", "ZJG2", "张家港市"}));
  EXPECT_EQ(Codes("jy_leader", "/api/v1/air/assessment", "cities", "id",
                  {{"from", "2026-03-01"}, {"to", "2026-03-05"}}),
            (Set{"江阴市"}));
  EXPECT_EQ(Codes("jy_leader", "/api/v1/air/assessment", "stations", "id",
                  {{"from", "2026-03-01"}, {"to", "2026-03-05"}}),
            (Set{"JY1"}));
  // The store-wide water target progress is the root region's.
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/water/allowance").status, 403);
  EXPECT_EQ(Get("root_admin", "/api/v1/water/assessment",
                {{"from", "2025-01-01"}, {"to", "2025-12-31"}})
                .status,
            200);
}

TEST_F(RegionTest, RegionsListedAreTheSubtree) {
  EXPECT_EQ(Codes("sz_analyst", "/api/v1/regions", "regions", "code"),
            (Set{"320500", "320582", "320583"}));
  EXPECT_EQ(Codes("jy_leader", "/api/v1/regions", "regions", "code"), (Set{"320281"}));
  EXPECT_EQ(Codes("root_admin", "/api/v1/regions", "regions", "code").size(), 7u);
}

TEST_F(RegionTest, ProvinceRanksItsCountiesByCompositeIndexAndGoodDays) {
  HttpResponse r = Get("js_analyst", "/api/v1/regions/ranking",
                       {{"level", "county"}, {"month", "2026-03"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["from"], "2026-03-01");
  EXPECT_EQ(j["to"], "2026-03-31");
  ASSERT_EQ(j["rows"].size(), 3u);
  const char* kOrder[] = {"320582", "320583", "320281"};
  for (int i = 0; i < 3; ++i) {
    const Json& row = j["rows"][i];
    EXPECT_EQ(row["code"], kOrder[i]);
    EXPECT_EQ(row["rank_composite"], i + 1);
    EXPECT_EQ(row["days_valid"], 5);
    EXPECT_TRUE(row["composite_index"].is_string());
    EXPECT_TRUE(row["good_day_ratio"].is_string());
  }
  // 张家港 (PM2.5 about 28) has every day good; 江阴 (about 91) none.
  EXPECT_EQ(j["rows"][0]["good_day_ratio"], "100.0");
  EXPECT_EQ(j["rows"][2]["good_day_ratio"], "0.0");
  EXPECT_EQ(j["rows"][0]["rank_good_days"], 1);
  EXPECT_EQ(j["rows"][0]["stations"], 2);
  // The cities: 苏州 (four stations) before 无锡 (江阴's one).
  Json cities = Json::parse(Get("js_analyst", "/api/v1/regions/ranking",
                                {{"level", "city"}, {"month", "2026-03"}})
                                .body);
  ASSERT_EQ(cities["rows"].size(), 2u);
  EXPECT_EQ(cities["rows"][0]["code"], "320500");
  EXPECT_EQ(cities["rows"][0]["stations"], 4);
  // A city's analyst ranks its own counties; a county's sees itself.
  EXPECT_EQ(Codes("sz_analyst", "/api/v1/regions/ranking", "rows", "code",
                  {{"level", "county"}, {"month", "2026-03"}}),
            (Set{"320582", "320583"}));
  EXPECT_EQ(Codes("jy_leader", "/api/v1/regions/ranking", "rows", "code",
                  {{"month", "2026-03"}}),
            (Set{"320281"}));
  // Reporters see no ranking; bad parameters are refused.
  EXPECT_EQ(Get("zjg_reporter", "/api/v1/regions/ranking").status, 403);
  EXPECT_EQ(Get("js_analyst", "/api/v1/regions/ranking", {{"level", "town"}}).status, 400);
  EXPECT_EQ(Get("js_analyst", "/api/v1/regions/ranking", {{"month", "2026-13"}}).status, 400);
  // The default month is the last with air data.
  EXPECT_EQ(Json::parse(Get("js_analyst", "/api/v1/regions/ranking").body)["month"], "2026-03");
}

TEST_F(RegionTest, RegionRulesAreChecked) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  const store::Actor who{"test", ""};
  // A county under a province of another code, a city code for a county, a
  // province below a city, an unknown parent, a code in use.
  const store::Region kBad[] = {{"330582", "X", "", "county", "320500"},
                                {"320600", "X", "", "county", "320500"},
                                {"330000", "X", "", "province", "320500"},
                                {"320584", "X", "", "county", "329900"},
                                {"320582", "X", "", "county", "320500"},
                                {"32058", "X", "", "county", "320500"}};
  for (const auto& r : kBad) EXPECT_FALSE(store::AddRegion(db->get(), r, who).ok()) << r.code;
  EXPECT_EQ(store::AssignRegion(db->get(), "station", "NOPE", "320582", who).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store::AssignRegion(db->get(), "station", "SZ1", "999999", who).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(SetUserRegion(db->get(), "sz_analyst", "999999", who).code(), StatusCode::kNotFound);
}

// Report cards: a region's user reads its units' cards only.
TEST_F(RegionTest, CardsAreTheRegionsUnits) {
  HttpResponse r = Get("zjg_analyst", "/api/v1/assessments/cards");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json cards = Json::parse(r.body);
  ASSERT_FALSE(cards["runs"].empty());
  int64_t town_run = 0;
  for (const Json& run : cards["runs"]) {
    for (const Json& s : run["subjects"]) {
      EXPECT_TRUE(s["id"] == "T01" || s["id"] == "T02") << s.dump();
      town_run = run["run"].get<int64_t>();
    }
  }
  ASSERT_GT(town_run, 0);
  const std::string card = "/api/v1/assessments/runs/" + std::to_string(town_run) + "/cards/";
  EXPECT_EQ(Get("zjg_analyst", card + "T01").status, 200);
  EXPECT_EQ(Get("zjg_analyst", card + "T03").status, 403);
  EXPECT_EQ(Get("jy_leader", card + "T01").status, 403);
  EXPECT_EQ(Get("root_admin", card + "T03").status, 200);
  // The whole store's user sees every town's card.
  const Json all = Json::parse(Get("root_admin", "/api/v1/assessments/cards").body);
  size_t subjects = 0;
  for (const Json& run : all["runs"]) subjects += run["subjects"].size();
  EXPECT_GT(subjects, 2u);
}

// The map, the HJ 212 status board, the water assessment, the scoring
// ranking, the indicators and the documents follow the region too.
TEST_F(RegionTest, PagesOfTheWholeStoreFollowTheRegion) {
  struct Row {
    std::string user;
    Set stations, sections;
  };
  const Row kMatrix[] = {
      {"js_analyst", {"JY1", "KS1", "SZ1", "ZJG1", "ZJG2"}, {"CJ01", "CJ02"}},
      {"sz_analyst", {"KS1", "SZ1", "ZJG1", "ZJG2"}, {"CJ01"}},
      {"wx_auditor", {"JY1"}, {"CJ02"}},
      {"zjg_analyst", {"ZJG1", "ZJG2"}, {"CJ01"}},
      {"jy_leader", {"JY1"}, {"CJ02"}},
      {"zjg_reporter", {"ZJG1"}, {"CJ01"}},
  };
  const std::vector<std::pair<std::string, std::string>> kYear = {{"from", "2025-01-01"},
                                                                  {"to", "2025-12-31"}};
  for (const Row& row : kMatrix) {
    SCOPED_TRACE(row.user);
    EXPECT_EQ(Codes(row.user, "/api/v1/map", "stations", "code"), row.stations);
    EXPECT_EQ(Codes(row.user, "/api/v1/map", "sections", "section"), row.sections);
    // The status board: the loggers of the region's stations and sections.
    Set devices;
    for (const std::string& code : {"ZJG1", "JY1", "CJ01"})
      if (row.stations.count(code) || row.sections.count(code)) devices.insert(code);
    EXPECT_EQ(Codes(row.user, "/api/v1/stations/status", "stations", "code"), devices);
    for (const std::string& code : {"ZJG1", "JY1"}) {
      EXPECT_EQ(Get(row.user, "/api/v1/stations/status", {{"station", code}}).status,
                devices.count(code) ? 200 : 403)
          << code;
      EXPECT_EQ(Get(row.user, "/api/v1/stations/recent", {{"station", code}}).status,
                devices.count(code) ? 200 : 403)
          << code;
    }
    // The documents are the whole store's: none listed, none served.
    EXPECT_TRUE(Codes(row.user == "zjg_reporter" ? "zjg_analyst" : row.user, "/api/v1/documents",
                      "documents", "id")
                    .empty());
    if (row.user == "zjg_reporter") continue;  // no assessments for a reporter
    // The water assessment of the region's sections, shaped as the store's.
    EXPECT_EQ(Codes(row.user, "/api/v1/water/assessment", "sections", "section", kYear),
              row.sections);
  }
  EXPECT_EQ(Codes("root_admin", "/api/v1/map", "stations", "code").size(), 5u);
  EXPECT_EQ(Codes("root_admin", "/api/v1/stations/status", "stations", "code"),
            (Set{"CJ01", "JY1", "ZJG1"}));
  const Set all_sections =
      Codes("root_admin", "/api/v1/water/assessment", "sections", "section", kYear);
  EXPECT_GT(all_sections.size(), 2u);
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/documents/1/pdf").status, 403);
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/documents/1/html").status, 403);
  EXPECT_EQ(Get("root_admin", "/api/v1/documents/1/pdf").status, 404);
  EXPECT_EQ(Get("root_admin", "/api/v1/documents").status, 200);
  EXPECT_TRUE(
      Json::parse(Get("zjg_analyst", "/api/v1/documents/schedule").body)["periods"].empty());
}

// The ranking of a scoring run: a region's user reads its units' rows, with
// the ranks the run gave them among all.
TEST_F(RegionTest, AssessmentRankingIsTheRegionsRows) {
  const Json cards = Json::parse(Get("root_admin", "/api/v1/assessments/cards").body);
  std::string path;
  Set all;
  for (const Json& run : cards["runs"]) {
    Set ids;
    for (const Json& s : run["subjects"]) ids.insert(s["id"].get<std::string>());
    if (!ids.count("T01")) continue;
    path = "/api/v1/assessments/" + run["scheme"].get<std::string>() + "/" +
           std::to_string(run["year"].get<int>()) + "/ranking";
    all = ids;
  }
  ASSERT_FALSE(path.empty());
  ASSERT_GT(all.size(), 2u);
  EXPECT_EQ(Codes("root_admin", path, "rows", "subject"), all);
  EXPECT_EQ(Codes("zjg_analyst", path, "rows", "subject"), (Set{"T01", "T02"}));
  EXPECT_EQ(Codes("sz_analyst", path, "rows", "subject"), (Set{"T01", "T02"}));
  EXPECT_TRUE(Codes("jy_leader", path, "rows", "subject").empty());
  EXPECT_EQ(Get("zjg_analyst", path + "/xlsx").status, 200);
}

// Indicators: a region's user sees the reported indicators whose owner
// units all lie in its region; engine figures, the zone-wide summary and
// the export are the whole store's.
TEST_F(RegionTest, IndicatorsAreThoseOfTheRegionsUnits) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  const store::Actor who{"test", ""};
  // 自然资源和规划局 (D14) reports n2019_22; with 东沙镇 and 北港镇 it owns
  // n2019_11, an engine figure (land cover over the whole store).
  ASSERT_TRUE(store::AssignRegion(db->get(), "unit", "D14", "320582", who).ok());
  const std::vector<std::pair<std::string, std::string>> year = {{"year", "2025"}};
  HttpResponse r = Get("zjg_analyst", "/api/v1/indicators", year);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Json::parse(r.body);
  Set seen;
  for (const Json& ind : j["indicators"]) {
    seen.insert(ind["id"].get<std::string>());
    EXPECT_EQ(ind["source"], "reported") << ind["id"];
  }
  EXPECT_TRUE(seen.count("n2019_22"));
  EXPECT_FALSE(seen.count("n2019_11"));
  EXPECT_FALSE(seen.count("n2019_08"));  // 生态环境局;水务局
  EXPECT_TRUE(j["summary"].is_null());
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/n2019_22", year).status, 200);
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/n2019_08", year).status, 403);
  EXPECT_EQ(Get("jy_leader", "/api/v1/indicators/n2019_22", year).status, 403);
  EXPECT_TRUE(Codes("jy_leader", "/api/v1/indicators", "indicators", "id", year).empty());
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/export", year).status, 403);
  EXPECT_EQ(Get("root_admin", "/api/v1/indicators/export", year).status, 200);
  Json all = Json::parse(Get("root_admin", "/api/v1/indicators", year).body);
  EXPECT_GT(all["indicators"].size(), seen.size());
  EXPECT_FALSE(all["summary"].is_null());
  ASSERT_TRUE(store::AssignRegion(db->get(), "unit", "D14", store::kRootRegion, who).ok());
}

// An administrator gives a user a region: the root's any, a region's
// administrator regions of its subtree to users of its subtree.
TEST_F(RegionTest, AdministratorsSetAUsersRegionWithinTheirOwn) {
  const std::string path = "/api/v1/users/region";
  auto status = [&](const std::string& who, const std::string& name, const std::string& region) {
    return Post(who, path, Json{{"name", name}, {"region", region}}).status;
  };
  EXPECT_EQ(status("sz_analyst", "moving", "320583"), 403);   // not an administrator
  EXPECT_EQ(status("sz_admin", "moving", "320281"), 403);     // a region outside its own
  EXPECT_EQ(status("sz_admin", "jy_leader", "320582"), 403);  // a user outside its region
  EXPECT_EQ(status("sz_admin", "sz_admin", "320583"), 409);   // its own region
  EXPECT_EQ(status("root_admin", "moving", "999999"), 404);
  EXPECT_EQ(status("root_admin", "nobody", "320582"), 404);
  HttpResponse moved = Post("sz_admin", path, Json{{"name", "moving"}, {"region", "320583"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Json::parse(moved.body)["user"]["region"], "320583");
  // Its sessions ended: the new scope holds from its next login.
  EXPECT_EQ(Get("moving", "/api/v1/stations").status, 401);
  Login("moving");
  EXPECT_EQ(Codes("moving", "/api/v1/stations", "stations", "code"), (Set{"KS1"}));
  EXPECT_EQ(status("root_admin", "moving", "320000"), 200);
  Json users = Json::parse(Get("root_admin", "/api/v1/users").body);
  for (const Json& u : users["users"])
    if (u["name"] == "moving") EXPECT_EQ(u["region"], "320000");
}

// A station list's region column gives stations their region; an unknown
// region refuses the whole file. (Last: it adds a station to the store.)
TEST_F(RegionTest, StationImportsCarryTheirRegion) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  store::ImportOptions options;
  Write(dir_ / "bad.csv", "station,name,city,lon,lat,region\nWX8,无锡八,无锡市,120.3,31.5,329999\n");
  auto bad = store::ImportStationsFile(db->get(), (dir_ / "bad.csv").string(), options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.csv:2: no region"), std::string::npos)
      << bad.status().message();
  auto regions = store::RegionsOf(db->get(), "station");
  ASSERT_TRUE(regions.ok());
  EXPECT_EQ(regions->count("WX8"), 0u);
  Write(dir_ / "good.csv", "station,name,city,lon,lat,region\nWX9,无锡九,无锡市,120.3,31.5,320200\n");
  auto good = store::ImportStationsFile(db->get(), (dir_ / "good.csv").string(), options);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  regions = store::RegionsOf(db->get(), "station");
  EXPECT_EQ((*regions)["WX9"], "320200");
  EXPECT_EQ((*regions)["JY1"], "320281");  // a list without the column leaves regions be
  EXPECT_TRUE(Codes("wx_auditor", "/api/v1/stations", "stations", "code").count("WX9"));
  EXPECT_FALSE(Codes("sz_analyst", "/api/v1/stations", "stations", "code").count("WX9"));
}

// Section and unit lists take the same optional region column: all or
// none, and not part of a section's fingerprint. (After the stations': it
// adds sections and a unit.)
TEST_F(RegionTest, SectionAndUnitImportsCarryTheirRegion) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  store::ImportOptions options;
  const std::string header = "section,name,river,type,target_class,level";
  Write(dir_ / "s1.csv",
        header + "\nZJ91,港区一,长江,river,II,town\nZJ92,港区二,长江,river,II,town\n");
  ASSERT_TRUE(store::ImportSectionsFile(db->get(), (dir_ / "s1.csv").string(), options).ok());
  // An unknown region refuses the file: neither section changes region.
  Write(dir_ / "s2.csv",
        header +
            ",Region\nZJ91,港区一,长江,river,II,town,320582\nZJ92,港区二,长江,river,"
            "II,town,329999\n");
  auto bad = store::ImportSectionsFile(db->get(), (dir_ / "s2.csv").string(), options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("s2.csv:3: no region"), std::string::npos)
      << bad.status().message();
  auto regions = store::RegionsOf(db->get(), "section");
  EXPECT_EQ((*regions)["ZJ91"], store::kRootRegion);
  Write(dir_ / "s3.csv",
        header +
            ",region\nZJ91,港区一,长江,river,II,town,320582\nZJ92,港区二,长江,river,"
            "II,town,\n");
  auto good = store::ImportSectionsFile(db->get(), (dir_ / "s3.csv").string(), options);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->rows_unchanged, 2);  // the region is no part of the row's fingerprint
  regions = store::RegionsOf(db->get(), "section");
  EXPECT_EQ((*regions)["ZJ91"], "320582");
  EXPECT_EQ((*regions)["ZJ92"], store::kRootRegion);  // an empty cell keeps the region
  EXPECT_EQ((*regions)["CJ02"], "320281");
  Write(dir_ / "s4.csv", header + ",region\nZJ93,港区三,长江,river,II,town,3205\n");
  auto malformed = store::ImportSectionsFile(db->get(), (dir_ / "s4.csv").string(), options);
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.status().message().find("s4.csv:2: bad region"), std::string::npos);
  EXPECT_TRUE(Codes("zjg_analyst", "/api/v1/water/sections", "sections", "code").count("ZJ91"));

  // Units: the same column; a list without it leaves regions be.
  const store::Actor who{"test", ""};
  const std::string units = "code,name,kind,contact,phone,note,region\n";
  auto unit_bad = indicators::ImportUnits(
      db->get(), units + "U91,港区办,town,,,,320582\nU92,新区办,town,,,,329999\n", "u.csv", who);
  ASSERT_FALSE(unit_bad.ok());
  EXPECT_NE(unit_bad.status().message().find("u.csv:3: no region"), std::string::npos)
      << unit_bad.status().message();
  auto unit_regions = store::RegionsOf(db->get(), "unit");
  EXPECT_EQ(unit_regions->count("U91"), 0u);
  ASSERT_TRUE(
      indicators::ImportUnits(db->get(), units + "U91,港区办,town,,,,320582\n", "u.csv", who).ok());
  ASSERT_TRUE(indicators::ImportUnits(db->get(),
                                      "code,name,kind,contact,phone,note\nU91,港区办公室,town,,,\n",
                                      "u2.csv", who)
                  .ok());
  unit_regions = store::RegionsOf(db->get(), "unit");
  EXPECT_EQ((*unit_regions)["U91"], "320582");
  EXPECT_EQ((*unit_regions)["T01"], "320582");
}

// The scopes, a region's overview and the ranking are kept per data version:
// a station moved to another county shows there at the next request, and
// moving it back restores what was shown (nothing stale in between).
TEST_F(RegionTest, CachedViewsFollowTheDataVersion) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  const store::Actor who{"test", ""};
  auto stations_of = [](const Json& ranking, const std::string& code) {
    for (const Json& row : ranking["rows"])
      if (row["code"] == code) return row["stations"].get<int>();
    return -1;
  };
  auto ranking = [&]() {
    HttpResponse r = Get("js_analyst", "/api/v1/regions/ranking",
                         {{"level", "county"}, {"month", "2026-03"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body);
  };
  auto before = Codes("zjg_analyst", "/api/v1/overview", "stations", "id");
  EXPECT_FALSE(before.count("KS1"));
  Json ranked = ranking();
  EXPECT_EQ(stations_of(ranked, "320583"), 1);
  ASSERT_TRUE(store::AssignRegion(db->get(), "station", "KS1", "320582", who).ok());
  EXPECT_TRUE(Codes("zjg_analyst", "/api/v1/overview", "stations", "id").count("KS1"));
  ranked = ranking();
  EXPECT_EQ(stations_of(ranked, "320583"), 0);
  EXPECT_EQ(stations_of(ranked, "320582"), 3);
  ASSERT_TRUE(store::AssignRegion(db->get(), "station", "KS1", "320583", who).ok());
  EXPECT_EQ(Codes("zjg_analyst", "/api/v1/overview", "stations", "id"), before);
  EXPECT_EQ(stations_of(ranking(), "320583"), 1);
}

}  // namespace
}  // namespace ecociv::server
