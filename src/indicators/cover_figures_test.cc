// Forest, forest-and-grass and urban green cover as engine figures: computed from the
// land-cover layer when the readiness table is read (never stored, so a new layer counts
// at once), with the layers' files and years as the inputs; a year without land cover
// falls back to a reported value.
#include <gtest/gtest.h>

#include "../space/space_test_util.h"
#include "../store/store_test_util.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/space/space_store.h"
#include "indicators_test_util.h"

namespace ecociv::indicators {
namespace {

using namespace space::testing_util;
using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;
using store::testing_util::WriteFile;

const Actor kActor{"tester", "test"};

class CoverFigures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_ = OpenOrDie(dir_ + "/c.db");
    ASSERT_NE(db_, nullptr);
  }
  void Import(space::Layer layer, int year, const std::string& name, const std::string& text) {
    WriteFile(dir_ + "/" + name, text);
    space::ReadOptions options;
    options.layer = layer;
    auto r = space::ImportLayerFile(db_.get(), dir_ + "/" + name, year, options, kActor);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // A 1 km² county whose west `forest_m` metres are forest and the next 100 m grass.
  void ImportCover(int year, const std::string& name, double forest_m) {
    Import(
        space::Layer::kLandCover, year, name,
        Collection(
            {GeoFeature("\"id\":\"f\",\"cover\":\"林地\"", Rect(0, 0, forest_m, 1000)),
             GeoFeature("\"id\":\"g\",\"cover\":\"草地\"", Rect(forest_m, 0, forest_m + 100, 1000)),
             GeoFeature("\"id\":\"u\",\"cover\":\"城市绿地\"", Rect(forest_m + 100, 0, 1000, 300)),
             GeoFeature("\"id\":\"b\",\"cover\":\"建设用地\"",
                        Rect(forest_m + 100, 300, 1000, 1000))}));
  }
  IndicatorResult Row(const std::string& id, int year = 2025) {
    return testing_util::ReadinessRow(db_.get(), year, id, &readiness_);
  }
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  Readiness readiness_;
};

TEST_F(CoverFigures, ForestAndGrassCoverFollowsTheLandCoverLayer) {
  IndicatorResult row = Row("n2019_11");
  EXPECT_EQ(row.verdict, Verdict::kNoData);
  EXPECT_NE(row.reason.find("no land cover is stored for 2025"), std::string::npos) << row.reason;

  Import(space::Layer::kBoundary, 2020, "county.geojson",
         Collection({GeoFeature("\"id\":\"county\"", Rect(0, 0, 1000, 1000))}));
  ImportCover(2025, "cover-a.geojson", 100);
  row = Row("n2019_11");
  EXPECT_EQ(row.value_text, "20.00");  // 10 % forest + 10 % grass
  EXPECT_EQ(row.value_source, "engine");
  EXPECT_EQ(row.verdict, Verdict::kMet);  // plain terrain: ≥ 18
  EXPECT_NE(row.inputs.find("land-cover 2025 (" + dir_ + "/cover-a.geojson, imported "),
            std::string::npos)
      << row.inputs;
  EXPECT_NE(row.inputs.find("boundary 2020 (" + dir_ + "/county.geojson"), std::string::npos);

  // A new land-cover layer of the year: the figure follows at the next read.
  ImportCover(2025, "cover-b.geojson", 50);
  row = Row("n2019_11");
  EXPECT_EQ(row.value_text, "15.00");
  EXPECT_EQ(row.verdict, Verdict::kNotMet);
  EXPECT_NE(row.inputs.find("cover-b.geojson"), std::string::npos);
}

TEST_F(CoverFigures, AYearWithoutLandCoverTakesTheReportedValue) {
  Import(space::Layer::kBoundary, 2020, "county.geojson",
         Collection({GeoFeature("\"id\":\"county\"", Rect(0, 0, 1000, 1000))}));
  ImportCover(2025, "cover.geojson", 100);
  testing_util::EnterAccepted(db_.get(), 2024, "n2019_11", "19.5", kActor);
  IndicatorResult last = Row("n2019_11", 2024);
  EXPECT_EQ(last.value_text, "19.5");
  EXPECT_EQ(last.value_source, "reported");
  IndicatorResult now = Row("n2019_11");
  EXPECT_EQ(now.value_text, "20.00");
  EXPECT_EQ(now.trend, "up");
}

TEST_F(CoverFigures, ForestAndUrbanGreenFigures) {
  Import(space::Layer::kBoundary, 2020, "county.geojson",
         Collection({GeoFeature("\"id\":\"county\"", Rect(0, 0, 1000, 1000))}));
  ImportCover(2025, "cover.geojson", 100);
  StoreEngineFigures engines(db_.get());
  auto forest = EngineValueOf(engines, "space.forest_cover", 2025);
  ASSERT_TRUE(forest.ok()) << forest.status().ToString();
  EXPECT_EQ(forest->text, "10.00");
  auto urban = EngineValueOf(engines, "space.urban_green_cover", 2025);
  EXPECT_EQ(urban.status().code(), StatusCode::kNotFound);
  EXPECT_NE(urban.status().message().find("no built-up area"), std::string::npos);

  // The built-up area: the east 800 m; its green is the urban green 800 m × 300 m.
  Import(space::Layer::kBuiltUp, 2025, "town.geojson",
         Collection({GeoFeature("\"id\":\"town\"", Rect(200, 0, 1000, 1000))}));
  StoreEngineFigures fresh(db_.get());
  urban = EngineValueOf(fresh, "space.urban_green_cover", 2025);
  ASSERT_TRUE(urban.ok()) << urban.status().ToString();
  EXPECT_EQ(urban->text, "30.00");
  EXPECT_NE(urban->inputs.find("built-up 2025 (" + dir_ + "/town.geojson"), std::string::npos);
  EXPECT_EQ(FiguresOfEngine("space.forest_cover").size(), 3u);
  auto uses = EngineFiguresOfYear(fresh, 2025);
  EXPECT_EQ(uses.size(), 8u);
  EXPECT_EQ(uses.back().figure, "space.urban_green_cover");
  EXPECT_EQ(uses.back().value, "30.00");
}

}  // namespace
}  // namespace ecociv::indicators
