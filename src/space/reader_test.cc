// Hostile and malformed layer files are refused with the feature and the reason.
#include "ecociv/space/reader.h"

#include <gtest/gtest.h>

#include "space_test_util.h"

namespace ecociv::space {
namespace {

using namespace testing_util;

Status ReadStatus(const std::string& text, Layer layer = Layer::kRedLine,
                  ReadOptions options = {}) {
  auto v = BuiltInVocabulary();
  EXPECT_TRUE(v.ok());
  options.layer = layer;
  return ReadGeoJsonText(text, options, *v).status();
}

void ExpectRefused(const std::string& text, const std::string& reason,
                   Layer layer = Layer::kRedLine, ReadOptions options = {}) {
  Status s = ReadStatus(text, layer, options);
  EXPECT_FALSE(s.ok()) << text.substr(0, 200);
  EXPECT_NE(s.message().find(reason), std::string::npos) << s.ToString();
}

TEST(SpaceReader, VocabularyLoads) {
  auto v = BuiltInVocabulary();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_NE(Vocabulary::Find(v->categories, "重要湿地"), nullptr);
  EXPECT_NE(Vocabulary::Find(v->categories, "wetland"), nullptr);
  EXPECT_EQ(Vocabulary::Find(v->categories, "沙漠"), nullptr);
  EXPECT_FALSE(LoadVocabulary("[[category]]\ncode = \"a\"\n", "x.toml").ok());
}

TEST(SpaceReader, AcceptsAControlledArea) {
  EXPECT_TRUE(ReadStatus(Collection({GeoFeature(Area("A"), Rect(0, 0, 100, 100))})).ok());
}

TEST(SpaceReader, RefusesFileWithoutCrs) {
  std::string text = "{\"type\":\"FeatureCollection\",\"features\":[" +
                     GeoFeature(Area("A"), Rect(0, 0, 100, 100)) + "]}";
  ExpectRefused(text, "declares no coordinate reference system");
  // Named explicitly, the same file is read (here the metres make no sense in degrees).
  ReadOptions options;
  options.assume_crs = "EPSG:4549";
  EXPECT_TRUE(ReadStatus(text, Layer::kRedLine, options).ok());
  options.assume_crs = "EPSG:99999999";
  ExpectRefused(text, "--crs", Layer::kRedLine, options);
}

TEST(SpaceReader, RefusesWrongCrs) {
  // Metres read as degrees fall outside the globe.
  ExpectRefused(Collection({GeoFeature(Area("A"), Rect(0, 0, 100, 100))}, "4490"), "outside");
}

TEST(SpaceReader, RefusesSelfIntersection) {
  std::string bowtie = "{\"type\":\"Polygon\",\"coordinates\":[" +
                       Ring({{kE0, kN0}, {kE0 + 100, kN0 + 100}, {kE0 + 100, kN0},
                             {kE0, kN0 + 100}}) +
                       "]}";
  ExpectRefused(Collection({GeoFeature(Area("A"), Rect(0, 0, 10, 10)), GeoFeature(Area("B"), bowtie)}),
                "feature 2: invalid geometry: Self-intersection");
}

TEST(SpaceReader, RefusesOpenRing) {
  std::string open = "{\"type\":\"Polygon\",\"coordinates\":[" +
                     Ring({{kE0, kN0}, {kE0 + 100, kN0}, {kE0 + 100, kN0 + 100},
                           {kE0, kN0 + 100}},
                          /*close=*/false) +
                     "]}";
  ExpectRefused(Collection({GeoFeature(Area("A"), open)}), "feature 1: a ring is open");
}

TEST(SpaceReader, RefusesNonFiniteCoordinates) {
  std::string text = Collection({GeoFeature(Area("A"), Rect(0, 0, 100, 100))});
  const std::string first = Num(kE0);
  for (const char* bad : {"NaN", "Infinity", "-Infinity", "1e999"}) {
    std::string hostile = text;
    hostile.replace(hostile.find(first), first.size(), bad);
    EXPECT_FALSE(ReadStatus(hostile).ok()) << bad;
  }
}

TEST(SpaceReader, RefusesHugeVertexCounts) {
  ReadOptions options;
  options.max_vertices_per_feature = 1000;
  ExpectRefused(Collection({GeoFeature(Area("A"), Circle(0, 0, 500, 2000))}),
                "feature 1: more than 1000 vertices", Layer::kRedLine, options);
  options.max_vertices_per_feature = 100000;
  options.max_vertices = 1500;
  ExpectRefused(Collection({GeoFeature(Area("A"), Circle(0, 0, 500, 1000)),
                            GeoFeature(Area("B"), Circle(3000, 0, 500, 1000))}),
                "feature 2: the file has more than 1500 vertices", Layer::kRedLine, options);
}

TEST(SpaceReader, RefusesUnknownAttributeValues) {
  ExpectRefused(Collection({GeoFeature(Area("A", "沙漠公园"), Rect(0, 0, 10, 10))}),
                "feature 1: category");
  ExpectRefused(Collection({GeoFeature(Area("A", "重要湿地", "发电"), Rect(0, 0, 10, 10))}),
                "feature 1: function");
  ExpectRefused(Collection({GeoFeature(Area("A", "重要湿地", "洪水调蓄", "市级"), Rect(0, 0, 10, 10))}),
                "feature 1: control_level");
  ExpectRefused(Collection({GeoFeature("\"id\":\"L\",\"cover\":\"月球\"", Rect(0, 0, 10, 10))}),
                "feature 1: cover", Layer::kLandCover);
  ExpectRefused(Collection({GeoFeature("\"name\":\"x\"", Rect(0, 0, 10, 10))}), "no id",
                Layer::kBoundary);
  ExpectRefused(Collection({GeoFeature("\"id\":\"a\"", Rect(0, 0, 10, 10)),
                            GeoFeature("\"id\":\"a\"", Rect(20, 0, 30, 10))}),
                "feature 2: id", Layer::kBoundary);
}

TEST(SpaceReader, RefusesWrongGeometryType) {
  ExpectRefused(Collection({GeoFeature(Area("A"), Point(0, 0))}), "is not Polygon or MultiPolygon");
  EXPECT_TRUE(
      ReadStatus(Collection({GeoFeature("\"id\":\"P\"", Point(0, 0))}), Layer::kProjects).ok());
  ExpectRefused(Collection({GeoFeature(Area("A"), "null")}), "no geometry");
}

TEST(SpaceReader, RefusesGarbage) {
  for (const char* text : {"", "{", "[]", "{\"type\":\"FeatureCollection\"}", "\x01\x02",
                           "{\"type\":\"FeatureCollection\",\"features\":[]}"}) {
    EXPECT_FALSE(ReadStatus(text).ok()) << text;
  }
}

}  // namespace
}  // namespace ecociv::space
