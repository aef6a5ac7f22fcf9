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
  std::string bowtie =
      "{\"type\":\"Polygon\",\"coordinates\":[" +
      Ring({{kE0, kN0}, {kE0 + 100, kN0 + 100}, {kE0 + 100, kN0}, {kE0, kN0 + 100}}) + "]}";
  ExpectRefused(
      Collection({GeoFeature(Area("A"), Rect(0, 0, 10, 10)), GeoFeature(Area("B"), bowtie)}),
      "feature 2: invalid geometry: Self-intersection");
}

TEST(SpaceReader, RefusesOpenRing) {
  std::string open = "{\"type\":\"Polygon\",\"coordinates\":[" +
                     Ring({{kE0, kN0}, {kE0 + 100, kN0}, {kE0 + 100, kN0 + 100}, {kE0, kN0 + 100}},
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
  ExpectRefused(
      Collection({GeoFeature(Area("A", "重要湿地", "洪水调蓄", "市级"), Rect(0, 0, 10, 10))}),
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

// Shapefile and GeoPackage: written here through GDAL (a 1 km square in EPSG:4549 with
// the attributes of a control area), read back through the reader.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>

namespace ecociv::space {
namespace {

std::string WriteWithGdal(const char* driver_name, const std::string& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr) return "no driver";
  std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (ds == nullptr) return "not created";
  OGRSpatialReference srs;
  srs.importFromEPSG(4549);
  // A Shapefile's text is written as UTF-8 with a .cpg saying so (GDAL recodes a
  // .cpg of GBK / CP936 to UTF-8 when reading, as Chinese files often have).
  const char* options[] = {"ENCODING=UTF-8", nullptr};
  OGRLayer* layer =
      ds->CreateLayer("areas", &srs, wkbPolygon,
                      std::string(driver_name) == "GPKG" ? nullptr : const_cast<char**>(options));
  for (const char* field : {"id", "name", "category", "control_lev", "function"}) {
    OGRFieldDefn defn(field, OFTString);
    layer->CreateField(&defn);
  }
  // Shapefile field names are at most 10 bytes: control_level is written as
  // control_lev there, and the reader then misses it (tested below).
  OGRFeature feature(layer->GetLayerDefn());
  feature.SetField("id", "CA-1");
  feature.SetField("name", "湿地");
  feature.SetField("category", "重要湿地");
  feature.SetField("control_lev", "省级生态空间管控区域");
  feature.SetField("function", "洪水调蓄");
  OGRLinearRing ring;
  using testing_util::kE0;
  using testing_util::kN0;
  for (auto [x, y] :
       {std::pair{0.0, 0.0}, {1000.0, 0.0}, {1000.0, 1000.0}, {0.0, 1000.0}, {0.0, 0.0}}) {
    ring.addPoint(kE0 + x, kN0 + y);
  }
  OGRPolygon polygon;
  polygon.addRing(&ring);
  feature.SetGeometry(&polygon);
  if (layer->CreateFeature(&feature) != OGRERR_NONE) return "feature not written";
  return "";
}

std::string Scratch(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "ecociv_space_formats";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir / name);
  return (dir / name).string();
}

TEST(SpaceReader, ReadsGeoPackageWithItsCrs) {
  const std::string path = Scratch("areas.gpkg");
  ASSERT_EQ(WriteWithGdal("GPKG", path), "");
  auto v = BuiltInVocabulary();
  ASSERT_TRUE(v.ok());
  ReadOptions options;
  options.layer = Layer::kBoundary;
  auto file = ReadLayerFile(path, options, *v);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->source_crs, "EPSG:4549");
  ASSERT_EQ(file->features.size(), 1u);
  EXPECT_NEAR(file->features[0].area_m2, 1e6, 1e6 * 1e-4);
}

TEST(SpaceReader, ReadsShapefileAndRefusesOneWithoutPrj) {
  const std::string path = Scratch("areas.shp");
  for (const char* ext : {".shx", ".dbf", ".prj", ".cpg"}) {
    std::filesystem::remove(path.substr(0, path.size() - 4) + ext);
  }
  ASSERT_EQ(WriteWithGdal("ESRI Shapefile", path), "");
  auto v = BuiltInVocabulary();
  ASSERT_TRUE(v.ok());
  ReadOptions options;
  options.layer = Layer::kBoundary;
  auto file = ReadLayerFile(path, options, *v);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->features.size(), 1u);
  EXPECT_NEAR(file->features[0].area_m2, 1e6, 1e6 * 1e-4);
  EXPECT_EQ(file->features[0].name, "湿地");
  // As a red line, the 10-byte field name loses control_level: refused, naming it.
  options.layer = Layer::kRedLine;
  auto red = ReadLayerFile(path, options, *v);
  ASSERT_FALSE(red.ok());
  EXPECT_NE(red.status().message().find("feature 1: no control_level"), std::string::npos)
      << red.status().ToString();
  options.layer = Layer::kBoundary;
  std::filesystem::remove(path.substr(0, path.size() - 4) + ".prj");
  auto bare = ReadLayerFile(path, options, *v);
  ASSERT_FALSE(bare.ok());
  EXPECT_NE(bare.status().message().find("declares no coordinate reference system"),
            std::string::npos)
      << bare.status().ToString();
  options.assume_crs = "EPSG:4549";
  EXPECT_TRUE(ReadLayerFile(path, options, *v).ok());
}

TEST(SpaceReader, RefusesFileLargerThanTheLimit) {
  ReadOptions options;
  options.max_file_bytes = 100;
  auto v = BuiltInVocabulary();
  ASSERT_TRUE(v.ok());
  Status s = ReadGeoJsonText(testing_util::Collection({testing_util::GeoFeature(
                                 "\"id\":\"a\"", testing_util::Rect(0, 0, 10, 10))}),
                             options, *v)
                 .status();
  EXPECT_NE(s.message().find("at most 100"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace ecociv::space
