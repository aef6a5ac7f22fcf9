// The region tests' store and sessions (region_test_fixture.h).
#include "region_test_fixture.h"

#include <unistd.h>

#include "../store/store_test_util.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/scoring/demo_store.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/import.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/rules.h"

namespace ecociv::server {
namespace {

namespace fs = std::filesystem;

// Five days of March 2026 for every station; each county's PM2.5 level is
// its own, so the counties rank 张家港 < 昆山 < 江阴 by composite index.
std::string RegionAirCsv() {
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

}  // namespace

void RegionTest::SetUp() {
  // Ten accounts made and logged in per test: the least hashing cost
  // (accounts_test keeps the real one).
  UseMinimalPasswordHashCostForTests();
  static int tests = 0;
  dir_ = fs::path(::testing::TempDir()) /
         ("ecociv_region_test." + std::to_string(getpid()) + "." + std::to_string(++tests));
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
  Write(dir_ / "air.csv", RegionAirCsv());
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
      {"zjg_leader", Role::kLeader, "", "320582"},
      {"zjg_reporter", Role::kReporter, "ZJGU", "320582"},
      {"sz_admin", Role::kAdmin, "", "320500"},
      {"moving", Role::kAnalyst, "", "320582"},
  };
  for (const auto& [name, role, unit, region] : kUsers) {
    ASSERT_TRUE(AddUser(db, name, role, unit, kRegionTestPassword, who, region).ok()) << name;
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

}  // namespace ecociv::server
