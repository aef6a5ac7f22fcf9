// Indicators in a store of regions (the store: region_test_fixture.h): a
// region's user sees the reported indicators whose owner units all lie in its
// region, and the air and water engine indicators computed over its region's
// data; the land-cover figures, the zone-wide summary and the export are the
// whole store's.
#include "ecociv/store/regions.h"
#include "region_test_fixture.h"

namespace ecociv::server {
namespace {

// The row of indicator `id` in GET /indicators as `user` (null when absent).
Json IndicatorRow(const HttpResponse& r, const std::string& id) {
  if (r.status != 200) return Json();
  const Json j = Json::parse(r.body);
  for (const Json& ind : j["indicators"])
    if (ind["id"] == id) return ind;
  return Json();
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
  for (const Json& ind : j["indicators"]) seen.insert(ind["id"].get<std::string>());
  EXPECT_TRUE(seen.count("n2019_22"));
  EXPECT_FALSE(seen.count("n2019_11"));  // land cover: the whole store's
  EXPECT_TRUE(seen.count("n2019_08"));   // water: the region's sections (below)
  EXPECT_TRUE(j["summary"].is_null());
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/n2019_22", year).status, 200);
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/n2019_11", year).status, 403);
  EXPECT_EQ(Get("jy_leader", "/api/v1/indicators/n2019_22", year).status, 403);
  for (const std::string& id : Codes("jy_leader", "/api/v1/indicators", "indicators", "id", year))
    EXPECT_TRUE(id == "n2019_07" || id == "n2019_08" || id == "n2019_27") << id;  // engine only
  EXPECT_EQ(Get("zjg_analyst", "/api/v1/indicators/export", year).status, 403);
  EXPECT_EQ(Get("root_admin", "/api/v1/indicators/export", year).status, 200);
  Json all = Json::parse(Get("root_admin", "/api/v1/indicators", year).body);
  EXPECT_GT(all["indicators"].size(), seen.size());
  EXPECT_FALSE(all["summary"].is_null());
  ASSERT_TRUE(store::AssignRegion(db->get(), "unit", "D14", store::kRootRegion, who).ok());
}

// The air and water engine indicators of a region are its own data's: 张家港
// (ZJG1, ZJG2: the whole of the city 张家港市) has the city's good-day ratio,
// and the share of its one section CJ01; the root's figures are the store's.
TEST_F(RegionTest, EngineIndicatorsAreTheRegionsOwnData) {
  const std::vector<std::pair<std::string, std::string>> y2026 = {{"year", "2026"}};
  const Json air = IndicatorRow(Get("zjg_analyst", "/api/v1/indicators", y2026), "n2019_07");
  ASSERT_FALSE(air.is_null());
  EXPECT_EQ(air["source"], "engine");
  HttpResponse city = Get("root_admin", "/api/v1/air/assessment",
                          {{"from", "2026-01-01"}, {"to", "2026-12-31"}});
  ASSERT_EQ(city.status, 200) << city.body;
  std::string ratio;
  const Json cities = Json::parse(city.body)["cities"];
  for (const Json& c : cities)
    if (c["id"] == "张家港市") ratio = c["good_day_ratio"].get<std::string>();
  ASSERT_FALSE(ratio.empty()) << cities.dump();
  EXPECT_EQ(air["value"], ratio) << air.dump();
  // 江阴 (JY1, PM2.5 about 90) has its own, lower ratio.
  const Json other = IndicatorRow(Get("jy_leader", "/api/v1/indicators", y2026), "n2019_07");
  ASSERT_FALSE(other.is_null());
  EXPECT_NE(other["value"], air["value"]);
  // The figures line: the region's air and water, not the whole store's land cover.
  const Json listed = Json::parse(Get("zjg_analyst", "/api/v1/indicators", y2026).body);
  ASSERT_FALSE(listed["engine_figures"].empty());
  for (const Json& f : listed["engine_figures"]) {
    const std::string figure = f["figure"];
    EXPECT_TRUE(figure.rfind("air.", 0) == 0 || figure.rfind("water.", 0) == 0) << figure;
  }

  const std::vector<std::pair<std::string, std::string>> y2025 = {{"year", "2025"}};
  const Json water = IndicatorRow(Get("zjg_analyst", "/api/v1/indicators", y2025), "n2019_08");
  ASSERT_FALSE(water.is_null());
  HttpResponse own = Get("zjg_analyst", "/api/v1/water/assessment",
                         {{"from", "2025-01-01"}, {"to", "2025-12-31"}});
  ASSERT_EQ(own.status, 200) << own.body;
  const Json assessed = Json::parse(own.body);
  ASSERT_EQ(assessed["sections"].size(), 1u);  // CJ01
  // The engine's own figure, as the region's water assessment prints it.
  const Json share = assessed["city"]["share_I_III_percent"];
  ASSERT_FALSE(share.is_null()) << assessed["city"].dump();
  EXPECT_EQ(water["value"].get<std::string>(),
            share.is_string() ? share.get<std::string>() : share.dump())
      << water.dump();
  const Json whole = IndicatorRow(Get("root_admin", "/api/v1/indicators", y2025), "n2019_08");
  ASSERT_FALSE(whole.is_null());
  EXPECT_FALSE(whole["value"].is_null());
}

}  // namespace
}  // namespace ecociv::server
