// API tests of the public page's current air quality: no login needed, the
// health advice of each station's level, only the map layer's areas.
#include "api_test_fixture.h"
#include "ecociv/air/health_advice.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, PublicAirNowNeedsNoLoginAndGivesTheLevelsAdvice) {
  HttpResponse r = Call("anonymous", "GET", "/api/v1/public/air/now");
  ASSERT_EQ(r.status, 200) << r.body;
  Json m = Json::parse(r.body);
  ASSERT_GE(m["stations"].size(), 2u);
  int with_aqi = 0;
  for (const Json& s : m["stations"]) {
    EXPECT_TRUE(s["longitude"].is_number());
    if (!s.contains("aqi") || !s["aqi"].is_number()) continue;
    ++with_aqi;
    const int level = s["level"]["level"].get<int>();
    const air::LevelAdvice& a = air::BuiltInHealthAdvice().levels[level - 1];
    EXPECT_EQ(s["health"]["advice"]["zh"], a.advice_zh);
    EXPECT_EQ(s["health"]["effect"]["en"], a.effect_en);
    EXPECT_EQ(s["health"].contains("sensitive_groups"), s["aqi"].get<int>() > 100);
  }
  EXPECT_GE(with_aqi, 1);
  // No boundary until the administrator uploads a map layer (a test run before
  // this one in the same process may have).
  const bool uploaded = !Json::parse(Call("admin", "GET", "/api/v1/map").body)["layer"].is_null();
  EXPECT_EQ(m["boundary"].is_null(), !uploaded);
  EXPECT_FALSE(m["advice_source"]["zh"].get<std::string>().empty());
}

TEST_F(ApiTest, PublicAirNowShowsTheBoundaryButNotTheSectionPoints) {
  const char* layer =
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"City"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,32],[120,31]]]}},)"
      R"({"type":"Feature","properties":{"section":"S1"},"geometry":{"type":"Point","coordinates":[120.5,31.5]}}]})";
  ASSERT_EQ(Call("admin", "PUT", "/api/v1/map", layer).status, 200);
  Json m = Json::parse(Call("anonymous", "GET", "/api/v1/public/air/now").body);
  ASSERT_EQ(m["boundary"]["features"].size(), 1u);
  EXPECT_EQ(m["boundary"]["features"][0]["properties"]["name"], "City");
}

}  // namespace
}  // namespace ecociv::server
