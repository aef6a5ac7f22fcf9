// API tests of the ecological-space routes on the SYNTHETIC demo layers
// (scripts/demo-space/): who may read them, the figures the CLI prints, parameters.
#include <algorithm>

#include "api_test_fixture.h"
#include "ecociv/space/promises.h"
#include "ecociv/space/space_store.h"

namespace ecociv::server {
namespace {

void ImportDemoLayers(const std::string& db_path) {
  auto db = store::OpenDatabase(db_path, store::OpenOptions{});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const fs::path dir =
      fs::path(std::getenv("ECOCIV_SOURCE_DIR") ? std::getenv("ECOCIV_SOURCE_DIR") : ".") /
      "scripts/demo-space";
  struct Spec {
    const char* file;
    space::Layer layer;
    int year;
  };
  for (const Spec& s : {Spec{"boundary", space::Layer::kBoundary, 2020},
                        Spec{"red-line-2020", space::Layer::kRedLine, 2020},
                        Spec{"red-line-2025", space::Layer::kRedLine, 2025},
                        Spec{"control-area-2020", space::Layer::kControlArea, 2020},
                        Spec{"control-area-2025", space::Layer::kControlArea, 2025},
                        Spec{"land-cover-2025", space::Layer::kLandCover, 2025},
                        Spec{"projects-2025", space::Layer::kProjects, 2025},
                        Spec{"built-up-2025", space::Layer::kBuiltUp, 2025}}) {
    space::ReadOptions options;
    options.layer = s.layer;
    auto imported =
        space::ImportLayerFile(db->get(), (dir / (std::string(s.file) + ".geojson")).string(),
                               s.year, options, {"test", "test"});
    ASSERT_TRUE(imported.ok()) << s.file << ": " << imported.status().ToString();
  }
}

TEST_F(ApiTest, SpaceRoutesShowThePromisesIntrusionsAndCover) {
  ImportDemoLayers(db_path_);
  using Query = std::vector<std::pair<std::string, std::string>>;
  struct Route {
    std::string path;
    Query query;
  };
  const std::vector<Route> routes = {
      {"/api/v1/space/layers", {}},
      {"/api/v1/space/features", {{"layer", "red-line"}, {"year", "2025"}}},
      {"/api/v1/space/compare", {{"year", "2025"}, {"baseline", "2020"}}},
      {"/api/v1/space/intrusions", {{"year", "2025"}}},
      {"/api/v1/space/cover", {{"year", "2025"}}}};
  for (const Route& r : routes) {
    for (const char* who : {"admin", "analyst", "leader", "auditor"}) {
      EXPECT_EQ(Call(who, "GET", r.path, "", r.query).status, 200) << r.path << " " << who;
    }
    EXPECT_EQ(Call("reporter", "GET", r.path, "", r.query).status, 403) << r.path;
    EXPECT_EQ(Call("anonymous", "GET", r.path, "", r.query).status, 401) << r.path;
  }
  Json compare = Json::parse(
      Call("leader", "GET", "/api/v1/space/compare", "", {{"year", "2025"}, {"baseline", "2020"}})
          .body);
  EXPECT_EQ(compare["areas_not_kept"], 2);
  EXPECT_FALSE(compare["areas"][1]["promises"]["area_not_reduced"]["kept"]);
  EXPECT_TRUE(compare["areas"][1]["lost_geometry"].is_object());
  Json intrusions =
      Json::parse(Call("leader", "GET", "/api/v1/space/intrusions", "", {{"year", "2025"}}).body);
  EXPECT_EQ(intrusions["intrusions"].size(), 4u);
  Json cover =
      Json::parse(Call("leader", "GET", "/api/v1/space/cover", "", {{"year", "2025"}}).body);
  EXPECT_EQ(cover["forest_cover_percent"], 15.08);
  EXPECT_EQ(cover["urban"]["built_up_year"], 2025);
  EXPECT_EQ(cover["urban"]["green_cover_percent"], 42.85);
  EXPECT_EQ(cover["sources"].size(), 3u);
  Json features = Json::parse(
      Call("leader", "GET", "/api/v1/space/features", "", {{"layer", "red-line"}, {"year", "2025"}})
          .body);
  ASSERT_EQ(features["features"].size(), 3u);
  EXPECT_EQ(features["features"][1]["properties"]["category"]["zh"], "重要湿地");
  EXPECT_EQ(features["features"][1]["geometry"]["type"], "Polygon");
  // Parameters are checked; a year without data is 404.
  EXPECT_EQ(Call("admin", "GET", "/api/v1/space/compare", "", {{"year", "2025"}}).status, 400);
  EXPECT_EQ(
      Call("admin", "GET", "/api/v1/space/features", "", {{"layer", "x"}, {"year", "2025"}}).status,
      400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/space/cover", "", {{"year", "20x5"}}).status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/space/cover", "", {{"year", "2030"}}).status, 404);
}

// The readiness table takes forest and grass cover from the land cover (computed when
// read, the layers as inputs), and the key projects are checked at their sites.
TEST_F(ApiTest, SpaceFiguresReachTheIndicatorsAndKeyProjectsAreChecked) {
  ImportDemoLayers(db_path_);
  Json table =
      Json::parse(Call("analyst", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  Json row;
  for (const Json& r : table["indicators"]) {
    if (r["id"] == "n2019_11") row = r;
  }
  ASSERT_TRUE(row.is_object()) << table.dump().substr(0, 400);
  EXPECT_EQ(row["value"], "17.88");
  EXPECT_EQ(row["value_source"], "engine");
  EXPECT_NE(row["inputs"].get<std::string>().find("land-cover 2025 ("), std::string::npos);
  // The demo key projects P2025-01..05 (indicators demo); P2025-02 and P2025-04 have sites.
  Json intrusions =
      Json::parse(Call("leader", "GET", "/api/v1/space/intrusions", "", {{"year", "2025"}}).body);
  ASSERT_EQ(intrusions["key_projects"].size(), 5u);
  EXPECT_TRUE(intrusions["key_projects"][0]["site_year"].is_null());
  EXPECT_EQ(intrusions["key_projects"][1]["code"], "P2025-02");
  EXPECT_EQ(intrusions["key_projects"][1]["site_year"], 2025);
  EXPECT_EQ(intrusions["key_projects"][1]["intrusions"], 1);
  EXPECT_EQ(intrusions["key_projects"][3]["site_year"], 2025);
  EXPECT_EQ(intrusions["key_projects"][3]["intrusions"], 0);
  EXPECT_EQ(intrusions["intrusions"][3]["key_project_unit"], "水务局");
}

// The map learns the approved baseline and the years with key projects from the layers route
// (so the key projects without a site are listed even without a projects layer); the
// red-line indicator n2019_17 is judged against the approved baseline.
TEST_F(ApiTest, SpaceApprovedBaselineAndTheRedLineIndicator) {
  ImportDemoLayers(db_path_);
  Json layers = Json::parse(Call("analyst", "GET", "/api/v1/space/layers").body);
  EXPECT_TRUE(layers["approved_baseline"].is_null());
  // The demo's key projects are of 2025 (a test run before this one in the same process may
  // have added another year's).
  const Json years = layers["key_project_years"];
  EXPECT_NE(std::find(years.begin(), years.end(), Json(2025)), years.end()) << years.dump();
  auto row_of = [&](const std::string& id) {
    Json table =
        Json::parse(Call("analyst", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
    for (const Json& r : table["indicators"]) {
      if (r["id"] == id) return r;
    }
    return Json();
  };
  // Without a baseline the demo's reported state counts (a year without the engine's data).
  Json row = row_of("n2019_17");
  EXPECT_EQ(row["value_source"], "reported") << row.dump();
  {
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(space::SetApprovedBaseline(db->get(), 2020, {"test", "plan approved"}).ok());
  }
  layers = Json::parse(Call("analyst", "GET", "/api/v1/space/layers").body);
  EXPECT_EQ(layers["approved_baseline"], 2020);
  Json compare =
      Json::parse(Call("leader", "GET", "/api/v1/space/compare", "", {{"year", "2025"}}).body);
  EXPECT_EQ(compare["baseline"], 2020);
  EXPECT_EQ(compare["areas_not_kept"], 2);
  row = row_of("n2019_17");
  EXPECT_EQ(row["value"], "面积减少，性质不改变，功能不降低") << row.dump();
  EXPECT_EQ(row["value_source"], "engine");
  EXPECT_EQ(row["verdict"], "not_met");
  EXPECT_NE(row["inputs"].get<std::string>().find("RL-02"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::server
