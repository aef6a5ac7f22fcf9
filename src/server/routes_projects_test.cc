// API tests of the key-project routes.
#include "api_test_fixture.h"

namespace ecociv::server {
namespace {

// Key-project progress: a unit's reporter for its own projects, analysts and
// admins for any; leaders and auditors read only; bad input changes nothing.
TEST_F(ApiTest, ProjectProgressByUnit) {
  const std::string own = "/api/v1/projects/P2025-02/progress";  // 水务局
  const std::string other = "/api/v1/projects/P2025-03/progress";
  const std::string body =
      R"({"progress":90,"status":"in_progress","milestones":[{"position":2,"done":"2026-11-20"}],)"
      R"("note":"管网完成"})";
  for (const char* who : {"leader", "auditor"}) EXPECT_EQ(Call(who, "POST", own, body).status, 403);
  EXPECT_EQ(Call("water", "POST", other, body).status, 403);
  EXPECT_EQ(Call("reporter", "POST", own, body).status, 403);  // TownA
  int64_t before = ChangeCount();
  for (const char* bad :
       {R"({"progress":101,"status":"done"})", R"({"progress":"9","status":"done"})",
        R"({"progress":9,"status":"finished"})",
        R"({"progress":9,"status":"done","milestones":[{"position":9,"done":""}]})",
        R"({"progress":9,"status":"done","milestones":[{"position":1,"done":"2026-13-01"}]})",
        R"({"status":"done"})", "[]"}) {
    EXPECT_EQ(Call("water", "POST", own, bad).status, 400) << bad;
  }
  EXPECT_EQ(Call("admin", "POST", "/api/v1/projects/NOPE/progress", body).status, 404);
  EXPECT_EQ(ChangeCount(), before);
  HttpResponse r = Call("water", "POST", own, body);
  ASSERT_EQ(r.status, 200) << r.body;
  Json list = Json::parse(Call("leader", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  for (const Json& p : list["projects"]) {
    if (p["code"] != "P2025-02") continue;
    EXPECT_EQ(p["progress"], 90);
    EXPECT_EQ(p["milestones"][1]["done"], "2026-11-20");
    EXPECT_EQ(p["milestones"][1]["position"], 2);
  }
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "indicators.project.progress");
  EXPECT_EQ(newest["object"], "project:P2025-02");
  EXPECT_EQ(newest["who"], "u_water");
  EXPECT_NE(newest["detail"].get<std::string>().find("progress 80→90"), std::string::npos);
  EXPECT_EQ(Call("analyst", "POST", other, R"({"progress":35,"status":"in_progress"})").status,
            200);
}

}  // namespace
}  // namespace ecociv::server
