// Regions in one store: what a user of each region and role sees (stations,
// sections, warnings, series, the overview and assessment, the ranking of
// regions), as a matrix across a province, two cities and three counties,
// and the ranking of counties by a month's composite index and good-day
// ratio (the store: region_test_fixture.h).
#include "region_test_fixture.h"

#include "../store/store_test_util.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/import.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/water_store.h"

namespace ecociv::server {
namespace {

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
  // The water target progress: each section's own, of the region's sections.
  EXPECT_EQ(Codes("zjg_analyst", "/api/v1/water/allowance", "sections", "section",
                  {{"year", "2025"}}),
            (Set{"CJ01"}));
  EXPECT_EQ(Codes("jy_leader", "/api/v1/water/allowance", "sections", "section",
                  {{"year", "2025"}}),
            (Set{"CJ02"}));
  EXPECT_GT(Codes("root_admin", "/api/v1/water/allowance", "sections", "section",
                  {{"year", "2025"}})
                .size(),
            2u);
  auto row_of = [&](const std::string& user) {
    const Json j = Json::parse(Get(user, "/api/v1/water/allowance", {{"year", "2025"}}).body);
    for (const Json& row : j["sections"])
      if (row["section"] == "CJ01") return row;
    return Json();
  };
  EXPECT_EQ(row_of("zjg_analyst"), row_of("root_admin"));  // the same figures
  EXPECT_FALSE(row_of("zjg_analyst").is_null());
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
  // The regions above the caller's (tree order), so that pages name them.
  const Json zjg = Json::parse(Get("zjg_analyst", "/api/v1/regions").body);
  ASSERT_EQ(zjg["above"].size(), 3u) << zjg.dump();
  EXPECT_EQ(zjg["above"][0]["code"], "000000");
  EXPECT_EQ(zjg["above"][2]["code"], "320500");
  EXPECT_TRUE(Json::parse(Get("root_admin", "/api/v1/regions").body)["above"].empty());
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
    for (std::string code : {"ZJG1", "JY1", "CJ01"})
      if (row.stations.count(code) || row.sections.count(code)) devices.insert(code);
    EXPECT_EQ(Codes(row.user, "/api/v1/stations/status", "stations", "code"), devices);
    for (std::string code : {"ZJG1", "JY1"}) {
      EXPECT_EQ(Get(row.user, "/api/v1/stations/status", {{"station", code}}).status,
                devices.count(code) ? 200 : 403)
          << code;
      EXPECT_EQ(Get(row.user, "/api/v1/stations/recent", {{"station", code}}).status,
                devices.count(code) ? 200 : 403)
          << code;
    }
    // No document of the region yet (routes_regions_documents_test.cc).
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
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/documents/999/pdf").status, 404);
  EXPECT_EQ(Get("root_admin", "/api/v1/documents/999/pdf").status, 404);
  EXPECT_EQ(Get("root_admin", "/api/v1/documents").status, 200);
  EXPECT_TRUE(
      Json::parse(Get("zjg_analyst", "/api/v1/documents/schedule").body)["periods"].empty());
}

// A departure audit's findings: a region's user reads, adds and updates the
// findings its region's units must rectify (张家港: T01 and T02), no others.
TEST_F(RegionTest, AuditFindingsAreThoseOfTheRegionsUnits) {
  const std::string run = "/api/v1/audits/runs/5/findings";
  auto add = [&](const std::string& who, const std::string& owner) {
    return Post(who, run,
                Json{{"subject", "OFF-T06-2021"}, {"problem", "region test " + owner},
                     {"owner", owner}, {"deadline", "2030-01-01"}});
  };
  HttpResponse t01 = add("root_admin", "T01");
  ASSERT_EQ(t01.status, 201) << t01.body;
  const int64_t id = Json::parse(t01.body)["id"];
  EXPECT_EQ(add("zjg_analyst", "T06").status, 403);  // 凤鸣镇: not of 张家港 in this store
  HttpResponse t02 = add("zjg_analyst", "T02");
  ASSERT_EQ(t02.status, 201) << t02.body;
  auto owners = [&](const std::string& who, const std::string& path) {
    Set out;
    const Json rows = Json::parse(Get(who, path).body)["findings"];
    for (const Json& f : rows) out.insert(f["owner"].get<std::string>());
    return out;
  };
  for (const std::string& path : {run, std::string("/api/v1/audits/findings")}) {
    EXPECT_EQ(owners("zjg_analyst", path), (Set{"T01", "T02"})) << path;
    EXPECT_TRUE(owners("jy_leader", path).empty()) << path;
    const Set all = owners("root_admin", path);
    EXPECT_TRUE(all.count("T06") && all.count("D19") && all.count("T01")) << path;
  }
  const std::string one = "/api/v1/audits/findings/" + std::to_string(id);
  const Json progress{{"status", "in_progress"}, {"progress", "region test"}};
  EXPECT_EQ(Post("wx_auditor", one, progress).status, 403);  // 无锡's auditor
  EXPECT_EQ(Post("zjg_analyst", one, progress).status, 200);
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

// A station list's region column gives stations their region; an unknown
// region refuses the whole file.
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
