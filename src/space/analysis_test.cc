// The three promises, intrusions and green cover on generated layers of known answers,
// through the store (import all-or-nothing, the change record).
#include "ecociv/space/analysis.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/space/report.h"
#include "ecociv/space/space_store.h"
#include "ecociv/store/change_log.h"
#include "space_test_util.h"

namespace ecociv::space {
namespace {

using namespace testing_util;
using store::testing_util::OpenOrDie;
using store::testing_util::QueryText;
using store::testing_util::ScratchDir;
using store::testing_util::WriteFile;

class SpaceAnalysis : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_ = OpenOrDie(dir_ + "/space.db");
    auto v = BuiltInVocabulary();
    ASSERT_TRUE(v.ok());
    vocabulary_ = *v;
  }
  Status Import(Layer layer, int year, const std::string& text) {
    const std::string path = dir_ + "/" + LayerName(layer) + std::to_string(year) + ".geojson";
    WriteFile(path, text);
    ReadOptions options;
    options.layer = layer;
    return ImportLayerFile(db_.get(), path, year, options, {"tester", "test"}).status();
  }
  // A 1 km² county (boundary of 2020).
  bool ImportCounty() {
    return Import(Layer::kBoundary, 2020,
                  Collection({GeoFeature("\"id\":\"county\"", Rect(0, 0, 1000, 1000))}))
        .ok();
  }
  // Land cover of 2025: forest 400 m × 1000 m inside the county and a forest polygon half
  // outside (+100 m × 200 m inside), grass 100 m × 1000 m, and `more`.
  bool ImportCover(const std::vector<std::string>& more) {
    std::vector<std::string> cells = {
        GeoFeature("\"id\":\"f1\",\"cover\":\"林地\"", Rect(0, 0, 400, 1000)),
        GeoFeature("\"id\":\"f2\",\"cover\":\"forest\"", Rect(900, 0, 1100, 200)),
        GeoFeature("\"id\":\"g1\",\"cover\":\"草地\"", Rect(400, 0, 500, 1000))};
    cells.insert(cells.end(), more.begin(), more.end());
    return Import(Layer::kLandCover, 2025, Collection(cells)).ok();
  }
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  Vocabulary vocabulary_;
};

TEST_F(SpaceAnalysis, ThreePromises) {
  ASSERT_TRUE(Import(Layer::kRedLine, 2020,
                     Collection({GeoFeature(Area("A"), Rect(0, 0, 1000, 1000)),
                                 GeoFeature(Area("B", "自然风景名胜区", "自然与人文景观保护"),
                                            Rect(2000, 0, 3000, 1000)),
                                 GeoFeature(Area("C", "重要生态功能区", "水源涵养"),
                                            Rect(4000, 0, 5000, 1000)),
                                 GeoFeature(Area("D"), Rect(6000, 0, 6500, 500))}))
                  .ok());
  // A shrunk by a 100 m strip; B's category changed; C's function lowered; D gone; E new.
  ASSERT_TRUE(
      Import(
          Layer::kRedLine, 2025,
          Collection(
              {GeoFeature(Area("A"), Rect(0, 0, 1000, 900)),
               GeoFeature(Area("B", "森林公园", "自然与人文景观保护"), Rect(2000, 0, 3000, 1000)),
               GeoFeature(Area("C", "重要生态功能区", "生态休闲"), Rect(4000, 0, 5000, 1000)),
               GeoFeature(Area("E"), Rect(8000, 0, 8100, 100))}))
          .ok());
  auto c = CompareYears(db_.get(), 2025, 2020, vocabulary_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->areas.size(), 5u);
  const AreaChange& a = c->areas[0];
  EXPECT_EQ(a.id, "A");
  EXPECT_NEAR(a.lost_m2, 100000, 10);
  EXPECT_NEAR(a.gained_m2, 0, 1e-6);
  EXPECT_FALSE(a.area.kept);
  EXPECT_NE(a.area.reason_zh.find("面积减少 10.0000 公顷"), std::string::npos) << a.area.reason_zh;
  EXPECT_NE(a.lost_geojson.find("Polygon"), std::string::npos);
  EXPECT_TRUE(a.category.kept);
  EXPECT_TRUE(a.function.kept);
  const AreaChange& b = c->areas[1];
  EXPECT_TRUE(b.area.kept);
  EXPECT_FALSE(b.category.kept);
  EXPECT_NE(b.category.reason_zh.find("自然风景名胜区"), std::string::npos);
  const AreaChange& cc = c->areas[2];
  EXPECT_TRUE(cc.category.kept);
  EXPECT_FALSE(cc.function.kept);
  EXPECT_NE(cc.function.reason_zh.find("功能降低"), std::string::npos);
  const AreaChange& d = c->areas[3];
  EXPECT_FALSE(d.in_year);
  EXPECT_FALSE(d.area.kept);
  EXPECT_NEAR(d.lost_m2, 250000, 25);
  const AreaChange& e = c->areas[4];
  EXPECT_FALSE(e.in_baseline);
  EXPECT_TRUE(e.AllKept());
  EXPECT_EQ(c->broken, 4);
  EXPECT_NE(ComparisonText(*c, vocabulary_).find("未守住"), std::string::npos);
  EXPECT_NE(ComparisonJson(*c, vocabulary_).find("\"area_not_reduced\""), std::string::npos);
  // The same year against itself keeps every promise.
  auto same = CompareYears(db_.get(), 2020, 2020, vocabulary_);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->broken, 0);
  EXPECT_FALSE(CompareYears(db_.get(), 2030, 2031, vocabulary_).ok());
}

TEST_F(SpaceAnalysis, ProjectOverlapsByKnownArea) {
  ASSERT_TRUE(
      Import(Layer::kControlArea, 2024,
             Collection({GeoFeature(Area("Z", "重要湿地", "洪水调蓄", "省级生态空间管控区域"),
                                    Rect(0, 0, 1000, 1000))}))
          .ok());
  ASSERT_TRUE(
      Import(Layer::kProjects, 2025,
             Collection({GeoFeature("\"id\":\"P1\",\"name\":\"物流园\"", Rect(900, 100, 1100, 300)),
                         GeoFeature("\"id\":\"P2\",\"name\":\"泵站\"", Point(500, 500)),
                         GeoFeature("\"id\":\"P3\",\"name\":\"远处\"", Rect(5000, 0, 5100, 100)),
                         GeoFeature("\"id\":\"P4\",\"name\":\"贴边\"", Rect(1000, 0, 1100, 100))}))
          .ok());
  auto r = FindIntrusions(db_.get(), 2025, vocabulary_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->areas_year, 2024);
  ASSERT_EQ(r->intrusions.size(), 2u);
  EXPECT_EQ(r->intrusions[0].project_id, "P1");
  EXPECT_NEAR(r->intrusions[0].area_m2, 20000, 2);
  EXPECT_EQ(r->intrusions[1].project_id, "P2");
  EXPECT_TRUE(r->intrusions[1].point);
  EXPECT_NE(IntrusionsText(*r).find("物流园"), std::string::npos);
  auto raised = RaiseIntrusionWarnings(db_.get(), *r, {"tester", "test"});
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM warnings WHERE kind = 'space'"), "2");
}

TEST_F(SpaceAnalysis, GreenCoverWithinBoundary) {
  ASSERT_TRUE(ImportCounty());
  ASSERT_TRUE(
      ImportCover({GeoFeature("\"id\":\"b1\",\"cover\":\"建设用地\"", Rect(500, 0, 900, 1000))}));
  auto r = GreenCover(db_.get(), 2025, vocabulary_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->boundary_year, 2020);
  EXPECT_NEAR(r->forest_share, 42.0, 0.01);
  EXPECT_NEAR(r->grass_share, 10.0, 0.01);
  EXPECT_NEAR(r->green_share, 52.0, 0.01);
  EXPECT_NE(CoverText(*r).find("森林覆盖率"), std::string::npos);
}

TEST_F(SpaceAnalysis, RefusedFileStoresNothing) {
  ASSERT_TRUE(
      Import(Layer::kRedLine, 2020, Collection({GeoFeature(Area("A"), Rect(0, 0, 10, 10))})).ok());
  const std::string entries = QueryText(db_.get(), "SELECT count(*) FROM change_log");
  Status s = Import(Layer::kRedLine, 2020,
                    Collection({GeoFeature(Area("A"), Rect(0, 0, 20, 20)),
                                GeoFeature(Area("B", "沙漠"), Rect(50, 0, 60, 10))}));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("feature 2"), std::string::npos) << s.ToString();
  EXPECT_EQ(QueryText(db_.get(), "SELECT count(*) FROM change_log"), entries);
  auto kept = LoadLayer(db_.get(), Layer::kRedLine, 2020);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_NEAR((*kept)[0].area_m2, 100, 0.01);
  EXPECT_EQ(QueryText(db_.get(),
                      "SELECT action || ' ' || object FROM change_log ORDER BY seq "
                      "DESC LIMIT 1"),
            "import.space space:red-line:2020");
}

// The built-up area is a boundary of its own kind: imported and dated apart from the
// administrative boundary, and urban green cover is the green classes within it.
TEST_F(SpaceAnalysis, UrbanGreenCoverWithinBuiltUpArea) {
  ASSERT_TRUE(ImportCounty());
  ASSERT_TRUE(Import(Layer::kBuiltUp, 2023,
                     Collection({GeoFeature("\"id\":\"town\"", Rect(500, 0, 1000, 1000))}))
                  .ok());
  // Within the built-up half: urban green 400 m × 500 m and the forest polygon's
  // 100 m × 200 m inside the county: 220,000 m² of 500,000 m² = 44 %.
  ASSERT_TRUE(
      ImportCover({GeoFeature("\"id\":\"b1\",\"cover\":\"建设用地\"", Rect(500, 0, 900, 500)),
                   GeoFeature("\"id\":\"u1\",\"cover\":\"城市绿地\"", Rect(500, 500, 900, 1000))}));
  auto r = GreenCover(db_.get(), 2025, vocabulary_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->boundary_year, 2020);
  EXPECT_NEAR(r->boundary_m2, 1e6, 1e6 * 1e-4);
  EXPECT_NEAR(r->forest_share, 42.0, 0.01);
  EXPECT_NEAR(r->forest_grass_share, 52.0, 0.01);
  EXPECT_EQ(r->built_up_year, 2023);
  EXPECT_NEAR(r->built_up_m2, 5e5, 5e5 * 1e-4);
  EXPECT_NEAR(r->urban_green_share, 44.0, 0.01);
  EXPECT_EQ(ShareText(r->urban_green_share), "44.00");
  const std::string evidence = CoverEvidence(*r);
  EXPECT_NE(evidence.find("built-up 2023 (" + dir_ + "/built-up2023.geojson"), std::string::npos)
      << evidence;
  EXPECT_NE(evidence.find("land-cover 2025 ("), std::string::npos) << evidence;
  EXPECT_NE(CoverJson(*r).find("\"green_cover_percent\": 44.0"), std::string::npos);
  // The two kinds of boundary stay apart: a new administrative boundary leaves the
  // built-up area, and neither is read as the other.
  ASSERT_TRUE(Import(Layer::kBoundary, 2023,
                     Collection({GeoFeature("\"id\":\"county\"", Rect(0, 0, 2000, 1000))}))
                  .ok());
  EXPECT_EQ(LoadLayer(db_.get(), Layer::kBuiltUp, 2023)->size(), 1u);
  EXPECT_EQ(LoadLayer(db_.get(), Layer::kBoundary, 2023)->front().id, "county");
  EXPECT_EQ(*LatestLayerYear(db_.get(), Layer::kBuiltUp, 2022), 0);
  auto again = GreenCover(db_.get(), 2025, vocabulary_);
  ASSERT_TRUE(again.ok());
  EXPECT_NEAR(again->boundary_m2, 2e6, 2e6 * 1e-4);
  EXPECT_NEAR(again->urban_green_share, 44.0, 0.01);
}

// Key projects (the indicators' table) are checked at their sites: the projects-layer
// feature with the project's code, of the year or the latest earlier year.
TEST_F(SpaceAnalysis, KeyProjectsCheckedAtTheirSites) {
  ASSERT_TRUE(
      Import(Layer::kRedLine, 2020, Collection({GeoFeature(Area("A"), Rect(0, 0, 1000, 1000))}))
          .ok());
  ASSERT_TRUE(
      Import(Layer::kProjects, 2024,
             Collection({GeoFeature("\"id\":\"K1\",\"name\":\"管网\"", Rect(900, 100, 1100, 300))}))
          .ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO ind_projects (code, year, name, unit, budget, progress, "
                        "status) VALUES ('K1', 2026, '管网工程', '水务局', '100', 10, "
                        "'in_progress'), ('K2', 2026, '宣教基地', '宣传部', '50', 0, 'planned')")
                  .ok());
  auto r = FindIntrusions(db_.get(), 2026, vocabulary_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->intrusions.size(), 1u);
  EXPECT_EQ(r->intrusions[0].project_id, "K1");
  EXPECT_NEAR(r->intrusions[0].area_m2, 20000, 2);
  EXPECT_EQ(r->intrusions[0].key_unit, "水务局");
  ASSERT_EQ(r->key_projects.size(), 2u);
  EXPECT_EQ(r->key_projects[0].site_year, 2024);
  EXPECT_EQ(r->key_projects[0].intrusions, 1u);
  EXPECT_EQ(r->key_projects[1].site_year, 0);
  const std::string text = IntrusionsText(*r);
  EXPECT_NE(text.find("no site, not checked: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("K2 宣教基地 (宣传部)"), std::string::npos) << text;
  EXPECT_NE(IntrusionsJson(*r).find("\"site_year\": null"), std::string::npos);
  auto raised = RaiseIntrusionWarnings(db_.get(), *r, {"tester", "test"});
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  EXPECT_EQ(QueryText(db_.get(), "SELECT owner FROM warnings WHERE kind = 'space'"), "水务局");
  // Neither a projects layer nor a key project of the year: nothing to check.
  EXPECT_EQ(FindIntrusions(db_.get(), 2027, vocabulary_).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ecociv::space
