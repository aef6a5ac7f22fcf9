// API tests of the ecological-space routes on the SYNTHETIC demo layers
// (scripts/demo-space/): who may read them, the figures the CLI prints, parameters.
#include "api_test_fixture.h"
#include "ecociv/space/space_store.h"

namespace ecociv::server {
namespace {

void ImportDemoLayers(const std::string& db_path) {
  auto db = store::OpenSqliteDatabase(db_path, store::OpenOptions{});
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
                        Spec{"projects-2025", space::Layer::kProjects, 2025}}) {
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
  EXPECT_EQ(intrusions["intrusions"].size(), 3u);
  Json cover =
      Json::parse(Call("leader", "GET", "/api/v1/space/cover", "", {{"year", "2025"}}).body);
  EXPECT_EQ(cover["forest_cover_percent"], 15.08);
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

}  // namespace
}  // namespace ecociv::server
