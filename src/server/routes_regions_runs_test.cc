// Assessment runs in a store of regions (the store: region_test_fixture.h):
// a run belongs to a region and ranks that region's subjects among
// themselves; it is made, reviewed and approved in that region or above it,
// and a region's ranking is its own run's, else its rows of the run of the
// nearest region above it.
#include "region_test_fixture.h"

namespace ecociv::server {
namespace {

// The (subject, rank) rows of a ranking answer.
std::map<std::string, int> Ranks(const HttpResponse& r) {
  std::map<std::string, int> out;
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return out;
  const Json ranking = Json::parse(r.body);
  for (const Json& row : ranking["rows"]) {
    out[row["subject"].get<std::string>()] = row["rank"].is_null() ? 0 : row["rank"].get<int>();
  }
  return out;
}

TEST_F(RegionTest, AssessmentRunsBelongToTheirRegion) {
  const Json request{{"scheme", "town-1000"}, {"year", 2025}};
  // A county's analyst scores its own towns: 张家港's T01 and T02, ranked among themselves.
  HttpResponse made = Post("zjg_analyst", "/api/v1/assessments/runs", request);
  ASSERT_EQ(made.status, 201) << made.body;
  const Json created = Json::parse(made.body);
  EXPECT_EQ(created["run"]["region"], "320582");
  std::set<std::string> subjects;
  std::set<int> ranks;
  for (const Json& row : created["ranking"]["rows"]) {
    subjects.insert(row["subject"].get<std::string>());
    ranks.insert(row["rank"].get<int>());
  }
  EXPECT_EQ(subjects, (Set{"T01", "T02"}));  // not T03, a town of the whole store
  EXPECT_EQ(ranks, (std::set<int>{1, 2}));
  const int64_t id = created["run"]["id"].get<int64_t>();
  const std::string base = "/api/v1/assessments/runs/" + std::to_string(id);

  // Not a region above its own, nor a subject outside it.
  Json above = request;
  above["region"] = "320500";
  HttpResponse refused = Post("zjg_analyst", "/api/v1/assessments/runs", above);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(Json::parse(refused.body)["reason"], "outside_region") << refused.body;
  Json stranger = request;
  stranger["subjects"] = Json::array({"T01", "T03"});
  EXPECT_EQ(Post("zjg_analyst", "/api/v1/assessments/runs", stranger).status, 400);
  // A region of the caller's subtree, and an unknown one.
  Json below = request;
  below["region"] = "320582";
  HttpResponse by_city = Post("sz_analyst", "/api/v1/assessments/runs", below);
  ASSERT_EQ(by_city.status, 201) << by_city.body;
  EXPECT_EQ(Json::parse(by_city.body)["run"]["region"], "320582");
  below["region"] = "999999";
  EXPECT_EQ(Post("root_admin", "/api/v1/assessments/runs", below).status, 404);

  // Who sees it: its region and the regions above, not another county.
  EXPECT_TRUE(Ids(Get("zjg_analyst", "/api/v1/assessments/runs"), "runs").count(id));
  EXPECT_TRUE(Ids(Get("sz_analyst", "/api/v1/assessments/runs"), "runs").count(id));
  EXPECT_TRUE(Ids(Get("root_admin", "/api/v1/assessments/runs"), "runs").count(id));
  ASSERT_EQ(Post("zjg_analyst", base + "/review", Json::object()).status, 200);
  EXPECT_FALSE(Ids(Get("jy_leader", "/api/v1/assessments/runs"), "runs").count(id));
  EXPECT_EQ(Post("jy_leader", base + "/approve", Json::object()).status, 404);
  ASSERT_EQ(Post("zjg_leader", base + "/approve", Json::object()).status, 200);

  // A run of the root is the root's users' to move on: the county sees it, refused.
  HttpResponse whole = Post("root_admin", "/api/v1/assessments/runs", request);
  ASSERT_EQ(whole.status, 201) << whole.body;
  EXPECT_EQ(Json::parse(whole.body)["run"]["region"], "000000");
  const std::string whole_path =
      "/api/v1/assessments/runs/" +
      std::to_string(Json::parse(whole.body)["run"]["id"].get<int64_t>());
  EXPECT_EQ(Post("zjg_analyst", whole_path + "/review", Json::object()).status, 403);

  // The county's ranking is its own run's (ranks among its towns); the
  // root's users read it by ?region=; 苏州, without a run of its own, reads
  // its rows of the run above it.
  const std::string ranking = "/api/v1/assessments/town-1000/2025/ranking";
  HttpResponse own = Get("zjg_analyst", ranking);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Json::parse(own.body)["run"]["id"], id);
  EXPECT_EQ(Json::parse(own.body)["run"]["region"], "320582");
  const std::map<std::string, int> county = Ranks(own);
  EXPECT_EQ(county.size(), 2u);
  EXPECT_EQ(Ranks(Get("root_admin", ranking, {{"region", "320582"}})), county);
  HttpResponse root = Get("root_admin", ranking);
  EXPECT_NE(Json::parse(root.body)["run"]["id"], id);
  EXPECT_GT(Ranks(root).size(), 2u);
  HttpResponse city = Get("sz_analyst", ranking);
  ASSERT_EQ(city.status, 200) << city.body;
  EXPECT_EQ(Json::parse(city.body)["run"]["region"], "000000");
  EXPECT_EQ(Ranks(city).size(), 2u);  // T01 and T02 of the root's run
  EXPECT_EQ(Get("zjg_analyst", ranking, {{"region", "320281"}}).status, 403);
}

}  // namespace
}  // namespace ecociv::server
