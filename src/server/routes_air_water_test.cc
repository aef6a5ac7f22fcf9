// API tests of the monitoring routes: exact figures, air target progress and
// its input, and a reporter's unit boundary.
#include <set>

#include "api_test_fixture.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, AirTargetsFiguresAndBadInput) {
  HttpResponse r =
      Call("leader", "GET", "/api/v1/air/targets", "",
           {{"year", "2026"}, {"as_of", "2026-03-03"}, {"pm25", "30"}, {"good_day_ratio", "80"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["city"], "TestCity");
  EXPECT_EQ(j["days_elapsed"], 62);
  EXPECT_EQ(j["days_left"], 303);
  bool pm25 = false;
  for (const Json& p : j["pollutants"]) {
    if (p["pollutant"] != "pm25") continue;
    pm25 = true;
    EXPECT_EQ(p["target"], "30");
    EXPECT_TRUE(p["ytd_mean"].is_string());
    EXPECT_TRUE(p["allowance"].is_string());
  }
  EXPECT_TRUE(pm25);
  EXPECT_EQ(j["good_days"]["target_percent"], "80.0");
  EXPECT_TRUE(j["composite"].is_null());  // no composite target configured
  EXPECT_TRUE(j["warnings_en"].is_array());
  Json c = Json::parse(Call("leader", "GET", "/api/v1/air/targets", "",
                            {{"as_of", "2026-03-03"}, {"composite", "4.5"}})
                           .body);
  EXPECT_EQ(c["composite"]["target"], "4.50");
  EXPECT_EQ(c["composite"]["method"], "pm25-others-at-ytd");
  auto status = [](std::vector<std::pair<std::string, std::string>> q) {
    return Call("leader", "GET", "/api/v1/air/targets", "", std::move(q)).status;
  };
  EXPECT_EQ(status({{"year", "20x6"}}), 400);
  EXPECT_EQ(status({{"year", "2026"}, {"as_of", "2026-13-01"}}), 400);
  EXPECT_EQ(status({{"year", "2025"}, {"as_of", "2026-03-03"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"pm25", "abc"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"pm25", "-5"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"good_day_ratio", "120"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"composite", "x"}}), 400);
  EXPECT_EQ(status({{"as_of", "2026-03-03"}, {"city", "Nowhere"}}), 404);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/targets").status, 403);
}

TEST_F(ApiTest, ReporterSeesOnlyItsUnit) {
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/daily", "", {{"id", "T1"}}).status, 200);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/daily", "", {{"id", "T2"}}).status, 403);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/air/hourly", "", {{"id", "TestCity"}}).status, 403);
  Json stations = Json::parse(Call("reporter", "GET", "/api/v1/stations").body)["stations"];
  ASSERT_EQ(stations.size(), 1u);
  EXPECT_EQ(stations[0]["code"], "T1");
  Json rows = Json::parse(Call("reporter", "GET", "/api/v1/water/classes").body)["rows"];
  ASSERT_FALSE(rows.empty());
  for (const Json& r : rows) EXPECT_EQ(r["section"], "CJ01");
}

TEST_F(ApiTest, AirFiguresAreExactStrings) {
  Json a = Json::parse(Call("analyst", "GET", "/api/v1/air/assessment", "",
                            {{"from", "2026-03-01"}, {"to", "2026-03-03"}})
                           .body);
  ASSERT_EQ(a["cities"].size(), 1u);
  EXPECT_TRUE(a["cities"][0]["pollutants"]["pm25"]["mean"].is_string());
  Json o = Json::parse(Call("leader", "GET", "/api/v1/overview").body);
  EXPECT_EQ(o["stations"].size(), 3u);  // two stations and the city
  EXPECT_TRUE(o["stations"][0]["aqi"].is_number());
  EXPECT_FALSE(o["sections"].empty());
}

TEST_F(ApiTest, OneFigureOneComputation) {
  // The overview judges the year as the target page does.
  Json o = Json::parse(Call("leader", "GET", "/api/v1/overview").body);
  Json t = Json::parse(Call("leader", "GET", "/api/v1/air/targets").body);
  ASSERT_TRUE(o["air_targets"].is_object()) << o.dump();
  EXPECT_EQ(o["air_targets"]["city"], "TestCity");
  EXPECT_EQ(o["air_targets"]["as_of"], t["as_of"]);
  Json pm25;
  for (const Json& p : t["pollutants"])
    if (p["pollutant"] == "pm25") pm25 = p;
  EXPECT_EQ(o["air_targets"]["pm25"]["ytd"], pm25["ytd_mean_published"]);
  EXPECT_EQ(o["air_targets"]["pm25"]["projection"], pm25["projection"]);
  EXPECT_EQ(o["air_targets"]["pm25"]["risk"], pm25["risk"]);
  EXPECT_EQ(o["air_targets"]["good_day_ratio"]["ytd"], t["good_days"]["ytd_ratio"]);
  EXPECT_EQ(o["air_targets"]["good_day_ratio"]["risk"], t["good_days"]["risk"]);
  // The same figures as the assessment and the indicators of the year.
  Json city = o["year"]["cities"][0];
  EXPECT_EQ(city["pm25"], pm25["ytd_mean_published"]);
  EXPECT_EQ(city["good_day_ratio"], t["good_days"]["ytd_ratio"]);
  Json ind = Json::parse(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "2026"}}).body);
  std::map<std::string, Json> figures;
  for (const Json& f : ind["engine_figures"]) figures[f["figure"]] = f["value"];
  EXPECT_EQ(figures["air.pm25_mean"], city["pm25"]);
  EXPECT_EQ(figures["air.good_day_ratio"], city["good_day_ratio"]);
  for (const Json& row : ind["indicators"]) {
    if (row["id"] != "n2019_07") continue;
    EXPECT_EQ(row["value"], city["good_day_ratio"]);
    EXPECT_EQ(row["value_source"], "engine");
  }
  // Water: the indicators' shares are the assessment's.
  Json w = Json::parse(Call("leader", "GET", "/api/v1/water/assessment", "",
                            {{"from", "2025-01-01"}, {"to", "2025-12-31"}})
                           .body);
  ind = Json::parse(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  for (const Json& f : ind["engine_figures"]) figures[f["figure"]] = f["value"];
  EXPECT_EQ(std::stod(figures["water.class_iii_share"].get<std::string>()),
            w["city"]["share_I_III_percent"].get<double>());
  EXPECT_EQ(std::stod(figures["water.drinking_source_share"].get<std::string>()),
            w["drinking_sources"]["share_percent"].get<double>());
  // The fixture's air data are of 2026: 2025 has no air figure and no reported one.
  EXPECT_EQ(figures["air.good_day_ratio"], nullptr);
}

// The water assessment gives the shares per level and per category the city
// reports by; the sections carry their categories and chief; the allowance
// gives the year-to-date class month by month and the items' allowances.
TEST_F(ApiTest, WaterGroupsAndAllowance) {
  HttpResponse r = Call("leader", "GET", "/api/v1/water/assessment", "",
                        {{"from", "2025-01-01"}, {"to", "2025-12-31"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json w = Json::parse(r.body);
  ASSERT_TRUE(w["levels"].is_array());
  std::set<std::string> levels, categories;
  int level_sections = 0;
  for (const Json& g : w["levels"]) {
    levels.insert(g["name"].get<std::string>());
    level_sections += g["sections"].get<int>();
    EXPECT_TRUE(g["share_I_III_percent"].is_number()) << g.dump();
  }
  EXPECT_EQ(levels, (std::set<std::string>{"national", "provincial", "municipal", "town"}));
  EXPECT_EQ(level_sections, w["city"]["sections"].get<int>());
  for (const Json& g : w["categories"]) categories.insert(g["name"].get<std::string>());
  EXPECT_TRUE(categories.count("国省考断面"));
  EXPECT_TRUE(categories.count("通江支流"));
  Json sections = Json::parse(Call("leader", "GET", "/api/v1/water/sections").body);
  ASSERT_FALSE(sections["sections"].empty());
  const Json& first = sections["sections"][0];
  EXPECT_EQ(first["level"], "national");
  EXPECT_FALSE(first["section_chief"]["name"].get<std::string>().empty());

  r = Call("leader", "GET", "/api/v1/water/allowance", "",
           {{"year", "2025"}, {"as_of", "2025-06-30"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json a = Json::parse(r.body);
  EXPECT_EQ(a["month"], 6);
  EXPECT_EQ(a["months_left"], 6);
  ASSERT_FALSE(a["sections"].empty());
  EXPECT_EQ(a["sections"][0]["months"].size(), 6u);
  ASSERT_FALSE(a["sections"][0]["items"].empty());
  EXPECT_TRUE(a["sections"][0]["items"][0]["allowance"].is_string());
  EXPECT_EQ(Call("leader", "GET", "/api/v1/water/allowance", "",
                 {{"year", "2025"}, {"as_of", "2024-06-30"}})
                .status,
            400);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/water/allowance").status, 403);
}

}  // namespace
}  // namespace ecociv::server
