#include "ecociv/store/map_layer.h"

#include <gtest/gtest.h>

#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OpenOrDie;
using testing_util::ScratchDir;

const char kSquare[] =
    R"({"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]})";

std::string Refusal(std::string_view text) {
  auto r = CheckMapLayer(text);
  return r.ok() ? "accepted" : std::string(r.status().message());
}

TEST(MapLayer, AcceptsABoundaryAndSectionPoints) {
  auto lone = CheckMapLayer(kSquare);
  ASSERT_TRUE(lone.ok()) << lone.status().ToString();
  EXPECT_NE(lone->find("\"FeatureCollection\""), std::string::npos);
  std::string with_points =
      std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)") +
      R"({"name":"x"},"geometry":)" + kSquare +
      R"(},{"type":"Feature","properties":{"section":"S1"},"geometry":{"type":"Point",)"
      R"("coordinates":[120.5,31.5]}}]})";
  EXPECT_EQ(Refusal(with_points), "accepted");
}

TEST(MapLayer, RefusesWhatIsNotABoundary) {
  EXPECT_NE(Refusal("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(Refusal("[1,2]").find("not a GeoJSON object"), std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"FeatureCollection","features":[]})").find("no boundary"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,31.5]]]})")
                .find("feature 1: a ring must be closed"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"Polygon","coordinates":[[[200,31],[121,31],[121,32],[200,31]]]})")
                .find("outside longitude"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"Polygon","coordinates":[[[120,31],[121,31],[120,31]]]})")
                .find("at least 4 positions"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"LineString","coordinates":[[120,31],[121,31]]})")
                .find("must be a GeoJSON FeatureCollection"),
            std::string::npos);
  EXPECT_NE(Refusal(R"({"type":3})").find("not GeoJSON"), std::string::npos);
  EXPECT_NE(Refusal(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                    R"("geometry":{"type":"Point","coordinates":[120,31]}}]})")
                .find("properties.section"),
            std::string::npos);
  EXPECT_NE(Refusal(std::string(kMaxMapLayerBytes + 1, ' ')).find("at most"), std::string::npos);
}

TEST(MapLayer, StoredWholeWithAChangeRecordEntry) {
  auto db = OpenOrDie(ScratchDir() + "/map.db");
  auto none = ReadMapLayer(db.get());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(StoreMapLayer(db.get(), "{}", Actor{"admin", "test"}).ok());
  ASSERT_TRUE(StoreMapLayer(db.get(), kSquare, Actor{"admin", "test"}).ok());
  auto stored = ReadMapLayer(db.get());
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ(**stored, *CheckMapLayer(kSquare));
  auto log = ReadLog(db.get());
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->back().action, "map.layer");
  EXPECT_EQ(log->back().who, "admin");
}

}  // namespace
}  // namespace ecociv::store
