// API tests of the map routes: the layer with stations and sections, the upload's checks.
#include "api_test_fixture.h"

namespace ecociv::server {
namespace {

constexpr char kSquare[] =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Test"},)"
    R"("geometry":{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]}},)"
    R"({"type":"Feature","properties":{"section":"S1"},"geometry":{"type":"Point","coordinates":[120.5,31.5]}}]})";

TEST_F(ApiTest, MapShowsStationsWithCoordinatesAndTheirCurrentAqi) {
  HttpResponse r = Call("leader", "GET", "/api/v1/map");
  ASSERT_EQ(r.status, 200) << r.body;
  Json m = Json::parse(r.body);
  ASSERT_GE(m["stations"].size(), 2u);
  const Json& t1 = m["stations"][0];
  EXPECT_EQ(t1["code"], "T1");
  EXPECT_TRUE(t1["longitude"].is_number());
  EXPECT_TRUE(t1["latitude"].is_number());
  EXPECT_TRUE(t1.contains("aqi"));
  EXPECT_TRUE(m["sections"].is_array());
  // The reporter of TownA sees its own station only.
  Json own = Json::parse(Call("reporter", "GET", "/api/v1/map").body);
  ASSERT_EQ(own["stations"].size(), 1u);
  EXPECT_EQ(own["stations"][0]["code"], "T1");
}

TEST_F(ApiTest, MapUploadIsCheckedAndStoredWhole) {
  HttpResponse bad = Call("admin", "PUT", "/api/v1/map", R"({"type":"FeatureCollection"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(Json::parse(bad.body)["message"].get<std::string>().find("FeatureCollection"),
            std::string::npos);
  HttpResponse open_ring =
      Call("admin", "PUT", "/api/v1/map",
           R"({"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32.5]]]})");
  EXPECT_EQ(open_ring.status, 400);
  EXPECT_NE(open_ring.body.find("closed"), std::string::npos);
  EXPECT_EQ(Call("analyst", "PUT", "/api/v1/map", kSquare).status, 403);
  HttpResponse ok = Call("admin", "PUT", "/api/v1/map", kSquare);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json::parse(ok.body)["features"], 2);
  Json m = Json::parse(Call("leader", "GET", "/api/v1/map").body);
  ASSERT_TRUE(m["layer"].is_object());
  EXPECT_EQ(m["layer"]["features"][0]["properties"]["name"], "Test");
}

}  // namespace
}  // namespace ecociv::server
