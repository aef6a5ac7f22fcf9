// API tests of a unit reporter's work list (GET /api/v1/me/tasks).
#include "api_test_fixture.h"
#include "ecociv/store/change_log.h"

namespace ecociv::server {
namespace {

// 水务局's reporter gets its unit's reported indicators that wait for a value,
// its open warnings and its projects not done; a value submitted leaves the
// list and comes back when returned; a unit with nothing assigned gets empty
// lists; other roles have no unit and no such list (the matrix: 403).
TEST_F(ApiTest, AReportersTasksAreItsUnitsOwn) {
  // 2025: every value of the demo is there; its projects are of 2025.
  Json tasks = Json::parse(Call("water", "GET", "/api/v1/me/tasks", "", {{"year", "2025"}}).body);
  EXPECT_EQ(tasks["unit"], "水务局");
  EXPECT_EQ(tasks["year"], 2025);
  EXPECT_TRUE(tasks["values"].empty());
  // 2026: no value yet, so every indicator the unit may enter waits for one.
  Json next = Json::parse(Call("water", "GET", "/api/v1/me/tasks", "", {{"year", "2026"}}).body);
  EXPECT_EQ(tasks["today"], store::BeijingToday());
  // The same indicators the reporter may enter on the indicators page, less those
  // with a submitted or accepted value.
  Json table = Json::parse(Call("water", "GET", "/api/v1/indicators", "", {{"year", "2026"}}).body);
  std::set<std::string> waiting;
  for (const Json& x : table["indicators"]) {
    if (!x["may_enter"].get<bool>()) continue;
    std::string status = x["entry"].is_object() ? x["entry"]["status"].get<std::string>() : "";
    if (status.empty() || status == "draft" || status == "returned") waiting.insert(x["id"]);
  }
  std::set<std::string> listed;
  for (const Json& v : next["values"]) listed.insert(v["id"]);
  EXPECT_EQ(listed, waiting);
  ASSERT_FALSE(listed.empty());
  // Entered and submitted: no longer a task; returned by an analyst: a task again.
  const std::string id = *listed.begin();
  const std::string base = "/api/v1/indicators/" + id;
  ASSERT_EQ(Call("water", "POST", base + "/values", R"({"year":2026,"value":"1"})").status, 201);
  ASSERT_EQ(Call("water", "POST", base + "/submit", R"({"year":2026})").status, 200);
  auto ids = [&] {
    std::set<std::string> out;
    Json t = Json::parse(Call("water", "GET", "/api/v1/me/tasks", "", {{"year", "2026"}}).body);
    for (const Json& v : t["values"]) out.insert(v["id"]);
    return out;
  };
  EXPECT_EQ(ids().count(id), 0u);
  ASSERT_EQ(Call("analyst", "POST", base + "/review",
                 R"({"year":2026,"action":"return","reason":"缺少证明材料"})")
                .status,
            200);
  EXPECT_EQ(ids().count(id), 1u);
  // Projects: the unit's, not done.
  ASSERT_FALSE(tasks["projects"].empty());
  for (const Json& p : tasks["projects"]) EXPECT_NE(p["status"], "done");
  Json all = Json::parse(Call("leader", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  size_t owned = 0;
  for (const Json& p : all["projects"])
    if (p["unit"].get<std::string>().find("水务局") != std::string::npos && p["status"] != "done")
      ++owned;
  EXPECT_EQ(tasks["projects"].size(), owned);
  // Warnings: none until one is assigned to the unit, then that one.
  EXPECT_TRUE(tasks["warnings"].empty());
  // A warning still raised, to acknowledge and assign.
  Json open = Json::parse(Call("analyst", "GET", "/api/v1/warnings").body)["warnings"];
  int64_t w = 0;
  for (const Json& o : open)
    if (o["state"] == "raised") w = o["id"];
  ASSERT_NE(w, 0) << open.dump();
  std::string wbase = "/api/v1/warnings/" + std::to_string(w);
  ASSERT_EQ(Call("analyst", "POST", wbase + "/ack", R"({"note":"收到"})").status, 200);
  ASSERT_EQ(Call("analyst", "POST", wbase + "/assign",
                 R"({"unit":"水务局","person":"李","deadline":"2099-12-31","plan":"整改"})")
                .status,
            200);
  Json after = Json::parse(Call("water", "GET", "/api/v1/me/tasks", "", {{"year", "2025"}}).body);
  ASSERT_EQ(after["warnings"].size(), 1u);
  EXPECT_EQ(after["warnings"][0]["id"], w);
  EXPECT_EQ(after["warnings"][0]["deadline"], "2099-12-31");
  // A unit with nothing assigned: empty lists, not an error. Its reporter is made
  // here, since the fixture's units may have work from tests run before this one.
  ASSERT_EQ(Call("admin", "POST", "/api/v1/users",
                 R"({"name":"idle-reporter","role":"reporter","unit":"IdleUnit",)"
                 R"("password":"correct horse battery"})")
                .status,
            201);
  sessions_["idle"] = LoginAs("idle-reporter");
  Json none = Json::parse(Call("idle", "GET", "/api/v1/me/tasks").body);
  EXPECT_EQ(none["unit"], "IdleUnit");
  EXPECT_TRUE(none["values"].empty() && none["warnings"].empty() && none["projects"].empty());
  EXPECT_EQ(Call("water", "GET", "/api/v1/me/tasks", "", {{"year", "x"}}).status, 400);
  for (const char* who : {"admin", "analyst", "leader", "auditor"})
    EXPECT_EQ(Call(who, "GET", "/api/v1/me/tasks").status, 403) << who;
}

}  // namespace
}  // namespace ecociv::server
