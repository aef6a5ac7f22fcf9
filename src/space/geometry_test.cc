// Areas on the ellipsoid of generated polygons of known size, and overlay.
#include "ecociv/space/geometry.h"

#include <gtest/gtest.h>

#include "ecociv/space/reader.h"
#include "space_test_util.h"

namespace ecociv::space {
namespace {

using namespace testing_util;

LayerFile ReadOk(const std::string& text, Layer layer = Layer::kBoundary) {
  auto v = BuiltInVocabulary();
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  ReadOptions options;
  options.layer = layer;
  auto file = ReadGeoJsonText(text, options, *v);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? *file : LayerFile{};
}

TEST(SpaceGeometry, OneKilometreSquareInGaussKrugerZone) {
  LayerFile file = ReadOk(Collection({GeoFeature("\"id\":\"sq\"", Rect(0, 0, 1000, 1000))}));
  ASSERT_EQ(file.features.size(), 1u);
  EXPECT_EQ(file.source_crs, "EPSG:4549");
  EXPECT_NEAR(file.features[0].area_m2, 1e6, 1e6 * 1e-4);
  auto again = EllipsoidAreaM2(file.features[0].wkb);
  ASSERT_TRUE(again.ok());
  EXPECT_DOUBLE_EQ(*again, file.features[0].area_m2);
  EXPECT_DOUBLE_EQ(Hectares(1e6), 100);
  EXPECT_DOUBLE_EQ(SquareKm(1e6), 1);
}

TEST(SpaceGeometry, TenSquareKilometreCircle) {
  const double radius = std::sqrt(10e6 / M_PI);
  LayerFile file = ReadOk(Collection({GeoFeature("\"id\":\"c\"", Circle(0, 0, radius, 1440))}));
  ASSERT_EQ(file.features.size(), 1u);
  EXPECT_NEAR(file.features[0].area_m2, 10e6, 10e6 * 1e-4);
}

TEST(SpaceGeometry, SameSquareFromGeographicCoordinates) {
  // The square read in EPSG:4549 and written back as EPSG:4490 degrees has the same area.
  LayerFile projected = ReadOk(Collection({GeoFeature("\"id\":\"sq\"", Rect(0, 0, 1000, 1000))}));
  ASSERT_EQ(projected.features.size(), 1u);
  auto geojson = WkbToGeoJson(projected.features[0].wkb);
  ASSERT_TRUE(geojson.ok());
  LayerFile geographic = ReadOk(Collection({GeoFeature("\"id\":\"sq\"", *geojson)}, "4490"));
  ASSERT_EQ(geographic.features.size(), 1u);
  EXPECT_NEAR(geographic.features[0].area_m2, projected.features[0].area_m2, 1e-3);
}

TEST(SpaceGeometry, ShrunkByKnownStrip) {
  LayerFile before = ReadOk(Collection({GeoFeature("\"id\":\"a\"", Rect(0, 0, 1000, 1000))}));
  LayerFile after = ReadOk(Collection({GeoFeature("\"id\":\"a\"", Rect(0, 0, 1000, 900))}));
  auto lost = Difference(before.features[0].wkb, after.features[0].wkb);
  ASSERT_TRUE(lost.ok()) << lost.status().ToString();
  auto area = EllipsoidAreaM2(*lost);
  ASSERT_TRUE(area.ok());
  EXPECT_NEAR(*area, 100000, 100000 * 1e-4);
  auto gained = Difference(after.features[0].wkb, before.features[0].wkb);
  ASSERT_TRUE(gained.ok());
  EXPECT_TRUE(*IsEmpty(*gained));
  auto overlap = Intersection(before.features[0].wkb, after.features[0].wkb);
  ASSERT_TRUE(overlap.ok());
  EXPECT_NEAR(*EllipsoidAreaM2(*overlap), 900000, 900000 * 1e-4);
  auto both = UnionAll({before.features[0].wkb, after.features[0].wkb});
  ASSERT_TRUE(both.ok());
  EXPECT_NEAR(*EllipsoidAreaM2(*both), 1e6, 1e6 * 1e-4);
}

TEST(SpaceGeometry, PolygonWithHole) {
  std::string holed =
      "{\"type\":\"Polygon\",\"coordinates\":[" +
      Ring({{kE0, kN0}, {kE0 + 1000, kN0}, {kE0 + 1000, kN0 + 1000}, {kE0, kN0 + 1000}}) + "," +
      Ring({{kE0 + 100, kN0 + 100},
            {kE0 + 100, kN0 + 600},
            {kE0 + 600, kN0 + 600},
            {kE0 + 600, kN0 + 100}}) +
      "]}";
  LayerFile file = ReadOk(Collection({GeoFeature("\"id\":\"h\"", holed)}));
  ASSERT_EQ(file.features.size(), 1u);
  EXPECT_NEAR(file.features[0].area_m2, 750000, 750000 * 1e-4);
}

TEST(SpaceGeometry, NotWkb) {
  EXPECT_FALSE(EllipsoidAreaM2("not wkb").ok());
  EXPECT_FALSE(Difference("", "").ok());
}

}  // namespace
}  // namespace ecociv::space
