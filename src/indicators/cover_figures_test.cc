// Forest, forest-and-grass and urban green cover as engine figures: computed from the
// land-cover layer when the readiness table is read (never stored, so a new layer counts
// at once), with the layers' files and years as the inputs; a year without land cover
// falls back to a reported value.
#include <gtest/gtest.h>

#include "../space/space_test_util.h"
#include "../store/store_test_util.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/space/promises.h"
#include "ecociv/space/space_store.h"
#include "indicators_test_util.h"

namespace ecociv::indicators {
namespace {

using testing_util::kActor;

using namespace space::testing_util;
using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;
using store::testing_util::WriteFile;


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
  EXPECT_EQ(uses.size(), 11u);
  EXPECT_EQ(uses[7].figure, "space.urban_green_cover");
  EXPECT_EQ(uses[7].value, "30.00");
}

// The red-line indicator (n2019_17: red lines and protected areas) from the layers of the
// year against the approved baseline: met while every area keeps the three promises, not
// met with the reasons per area when one does not; no data without a baseline or layer.
TEST_F(CoverFigures, RedLinePromisesAgainstTheApprovedBaseline) {
  const std::string wetland = Area("W1");
  const std::string park = Area("P1", "森林公园", "生物多样性维护", "省级生态空间管控区域");
  Import(space::Layer::kRedLine, 2020, "red-2020.geojson",
         Collection({GeoFeature(wetland, Rect(0, 0, 1000, 1000))}));
  Import(space::Layer::kControlArea, 2020, "control-2020.geojson",
         Collection({GeoFeature(park, Rect(2000, 0, 3000, 1000))}));
  IndicatorResult row = Row("n2019_17");
  EXPECT_EQ(row.verdict, Verdict::kNoData);
  EXPECT_NE(row.reason.find("no approved baseline"), std::string::npos) << row.reason;

  EXPECT_EQ(space::SetApprovedBaseline(db_.get(), 2019, kActor).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(space::SetApprovedBaseline(db_.get(), 2020, kActor).ok());
  EXPECT_EQ(*space::ApprovedBaseline(db_.get()), 2020);
  row = Row("n2019_17");
  EXPECT_EQ(row.verdict, Verdict::kNoData);
  EXPECT_NE(row.reason.find("no red-line layer of 2025 (the year)"), std::string::npos)
      << row.reason;

  // 2025: the wetland keeps its area and gains 100 m on the north; the park (a control area,
  // not in n2019_17) loses its east half.
  Import(space::Layer::kRedLine, 2025, "red-2025.geojson",
         Collection({GeoFeature(wetland, Rect(0, 0, 1000, 1100))}));
  Import(space::Layer::kControlArea, 2025, "control-2025.geojson",
         Collection({GeoFeature(park, Rect(2000, 0, 2500, 1000))}));
  row = Row("n2019_17");
  EXPECT_EQ(row.value_text, space::kPromisesKept);
  EXPECT_EQ(row.value_source, "engine");
  EXPECT_EQ(row.verdict, Verdict::kMet);
  EXPECT_NE(row.inputs.find("red-line 2025 (" + dir_ + "/red-2025.geojson, imported "),
            std::string::npos)
      << row.inputs;
  EXPECT_NE(row.inputs.find("against red-line 2020 (" + dir_ + "/red-2020.geojson"),
            std::string::npos);
  EXPECT_NE(row.inputs.find("1 areas, 0 not keeping a promise"), std::string::npos);
  StoreEngineFigures engines(db_.get());
  auto control = EngineValueOf(engines, "space.control_area", 2025);
  ASSERT_TRUE(control.ok()) << control.status().ToString();
  EXPECT_EQ(control->text, "面积减少，性质不改变，功能不降低");
  EXPECT_NE(control->inputs.find("P1 区域P1 (control-area): area reduced by 50.0000 ha"),
            std::string::npos)
      << control->inputs;

  // The wetland shrunk by a 200 m strip and its function lowered to recreation.
  Import(space::Layer::kRedLine, 2025, "red-2025b.geojson",
         Collection({GeoFeature(Area("W1", "重要湿地", "生态休闲"), Rect(0, 0, 1000, 800))}));
  row = Row("n2019_17");
  EXPECT_EQ(row.value_text, "面积减少，性质不改变，功能降低");
  EXPECT_EQ(row.verdict, Verdict::kNotMet);
  EXPECT_NE(row.inputs.find("W1 区域W1 (red-line): area reduced by 20.0000 ha"), std::string::npos)
      << row.inputs;
  EXPECT_NE(row.inputs.find("lowered"), std::string::npos);
  EXPECT_NE(row.inputs.find("面积减少 20.0000 公顷"), std::string::npos);

  // A protected area in the baseline only: the year's layer is missing, no data.
  Import(space::Layer::kProtectedArea, 2020, "protected-2020.geojson",
         Collection({GeoFeature(Area("N1", "自然保护区", "生物多样性维护"),
                                Rect(4000, 0, 5000, 1000))}));
  row = Row("n2019_17");
  EXPECT_EQ(row.verdict, Verdict::kNoData);
  EXPECT_NE(row.reason.find("no protected-area layer of 2025"), std::string::npos) << row.reason;
  StoreEngineFigures again(db_.get());
  auto red = EngineValueOf(again, "space.red_line", 2025);
  ASSERT_TRUE(red.ok()) << red.status().ToString();
  EXPECT_EQ(red->text, "面积减少，性质不改变，功能降低");
  EXPECT_EQ(EngineValueOf(again, "space.red_line", 2019).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ecociv::indicators
