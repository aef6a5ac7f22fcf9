// API tests of the assessments: schemes, runs (score, review, approve by a
// leader), rankings, report cards (a unit reporter: its own unit's only),
// values, events and evidence — over the fixture's SYNTHETIC demo
// (scoring/demo_store.h: runs 1–4 town-1000 / dept-100 2024 and 2025, 5 the
// departure audit).
#include "api_test_fixture.h"

#include <chrono>
#include <thread>

namespace ecociv::server {
namespace {

TEST_F(ApiTest, AssessmentSchemesAreTheBuiltInOnes) {
  Json r = Json::parse(Call("reporter", "GET", "/api/v1/assessments/schemes").body);
  std::set<std::string> ids;
  for (const Json& s : r["schemes"]) ids.insert(s["id"]);
  EXPECT_EQ(ids, (std::set<std::string>{"departure-audit", "dept-100", "gdi-2016", "town-1000"}));
  for (const Json& s : r["schemes"]) {
    if (s["id"] != "town-1000") continue;
    EXPECT_EQ(s["total"], "1000.00");
    EXPECT_EQ(s["period"], "year");
    EXPECT_EQ(s["items"][0]["id"], "good_air_days");
    EXPECT_EQ(s["grades"][0]["name_en"], "Excellent");
  }
  // A path's scheme is a built-in scheme's id, never a file.
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/x.toml/2025/ranking").status, 404);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/town-1000/20x5/ranking").status, 400);
}

// What the web's entry forms choose from: a scheme's events (deductions,
// bonuses, vetoes) and the subjects the caller may enter values for.
TEST_F(ApiTest, AssessmentFormsChooseFromTheSchemesEventsAndTheCallersSubjects) {
  Json r = Json::parse(Call("analyst", "GET", "/api/v1/assessments/schemes").body);
  for (const Json& s : r["schemes"]) {
    if (s["id"] != "dept-100") continue;
    std::map<std::string, std::string> kinds;
    for (const Json& e : s["events"]) kinds[e["id"]] = e["kind"];
    EXPECT_EQ(kinds["env_problem"], "deduction");
    EXPECT_EQ(kinds["commendation"], "bonus");
    EXPECT_EQ(kinds["data_fraud"], "veto");
  }
  HttpResponse all =
      Call("analyst", "GET", "/api/v1/assessments/subjects", "", {{"scheme", "dept-100"}});
  ASSERT_EQ(all.status, 200) << all.body;
  Json subjects = Json::parse(all.body)["subjects"];
  EXPECT_EQ(subjects.size(), DepartmentCount());
  EXPECT_EQ(subjects[0]["kind"], "department");
  // 东沙镇's reporter: its own town only, and no department.
  Json own = Json::parse(
      Call("town", "GET", "/api/v1/assessments/subjects", "", {{"scheme", "town-1000"}}).body);
  ASSERT_EQ(own["subjects"].size(), 1u);
  EXPECT_EQ(own["subjects"][0]["id"], "T01");
  EXPECT_TRUE(
      Json::parse(Call("town", "GET", "/api/v1/assessments/subjects", "", {{"scheme", "dept-100"}})
                      .body)["subjects"]
          .empty());
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/subjects", "", {{"scheme", "x.toml"}}).status,
            404);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/subjects").status, 404);
}

TEST_F(ApiTest, RankingOfTheApprovedRunWithLastYearsChange) {
  HttpResponse r = Call("leader", "GET", "/api/v1/assessments/town-1000/2025/ranking");
  ASSERT_EQ(r.status, 200) << r.body;
  Json ranking = Json::parse(r.body);
  EXPECT_EQ(ranking["format"], "ecociv-scoring-ranking");
  EXPECT_EQ(ranking["run"]["state"], "approved");
  EXPECT_EQ(ranking["last_year"]["year"], 2024);
  ASSERT_EQ(ranking["rows"].size(), 11u);
  EXPECT_EQ(ranking["rows"][0]["rank"], 1);
  EXPECT_TRUE(ranking["rows"][0].contains("rank_change"));
  EXPECT_TRUE(ranking["rows"][10]["vetoed"]);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/assessments/town-1000/2023/ranking").status, 404);
  HttpResponse xlsx = Call("auditor", "GET", "/api/v1/assessments/town-1000/2025/ranking/xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The departure audit's table: no rank.
  Json audit =
      Json::parse(Call("auditor", "GET", "/api/v1/assessments/departure-audit/2025/ranking").body);
  EXPECT_FALSE(audit["ranked"]);
  EXPECT_TRUE(audit["rows"][0]["rank"].is_null());
  EXPECT_EQ(audit["rows"][0]["person"]["tenure_end"], "2025-06-30");
}

// A draft is the analysts' until reviewed; a leader approves it (not an
// analyst, not an administrator), and the correction supersedes the run it
// replaces.
TEST_F(ApiTest, AssessmentRunWorkflow) {
  Json current =
      Json::parse(Call("admin", "GET", "/api/v1/assessments/dept-100/2025/ranking").body);
  int64_t approved = current["run"]["id"];
  HttpResponse created =
      Call("analyst", "POST", "/api/v1/assessments/runs",
           Json{{"scheme", "dept-100"}, {"year", 2025}, {"replaces", approved}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  Json made = Json::parse(created.body);
  int64_t id = made["run"]["id"];
  EXPECT_EQ(made["run"]["state"], "draft");
  EXPECT_EQ(made["ranking"]["rows"].size(), DepartmentCount());
  const std::string run = "/api/v1/assessments/runs/" + std::to_string(id);
  // Leaders and auditors do not see a draft.
  auto listed = [&](const std::string& who) {
    Json runs = Json::parse(
        Call(who, "GET", "/api/v1/assessments/runs", "", {{"scheme", "dept-100"}}).body);
    for (const Json& r : runs["runs"])
      if (r["id"] == id) return true;
    return false;
  };
  EXPECT_TRUE(listed("analyst"));
  EXPECT_FALSE(listed("leader"));
  EXPECT_FALSE(listed("auditor"));
  EXPECT_EQ(Call("leader", "GET", "/api/v1/assessments/dept-100/2025/ranking", "",
                 {{"run", std::to_string(id)}})
                .status,
            404);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/assessments/dept-100/2025/ranking", "",
                 {{"run", std::to_string(id)}})
                .status,
            200);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/assessments/town-1000/2025/ranking", "",
                 {{"run", std::to_string(id)}})
                .status,
            404);  // a dept-100 run is not a town-1000 ranking
  EXPECT_EQ(Call("leader", "POST", run + "/approve", "{}").status, 404);  // a draft: not shown
  ASSERT_EQ(Call("analyst", "POST", run + "/review", "{}").status, 200);
  EXPECT_EQ(Call("analyst", "POST", run + "/review", "{}").status, 409);
  EXPECT_TRUE(listed("leader"));
  EXPECT_FALSE(listed("auditor"));
  EXPECT_EQ(Call("analyst", "POST", run + "/approve", "{}").status, 403);
  EXPECT_EQ(Call("admin", "POST", run + "/approve", "{}").status, 403);
  HttpResponse ok = Call("leader", "POST", run + "/approve", "{}");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json::parse(ok.body)["approved_by"], "u_leader");
  Json now = Json::parse(Call("auditor", "GET", "/api/v1/assessments/dept-100/2025/ranking").body);
  EXPECT_EQ(now["run"]["id"], id);
  EXPECT_EQ(now["run"]["replaces"], approved);
  // The superseded run stays readable, marked.
  Json old = Json::parse(
      Call("auditor", "GET", "/api/v1/assessments/runs/" + std::to_string(approved) + "/cards/D19")
          .body);
  EXPECT_EQ(old["run"]["state"], "superseded");
  EXPECT_EQ(old["run"]["replaced_by"], id);
  // Bad requests name the field.
  HttpResponse bad = Call("analyst", "POST", "/api/v1/assessments/runs",
                          R"({"scheme":"town-1000","year":2025,"subjects":["T01","T99"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("T99"), std::string::npos);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/assessments/runs", R"({"scheme":"nope","year":2025})")
                .status,
            404);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/assessments/runs", R"({"scheme":"town-1000"})").status,
            400);
}

TEST_F(ApiTest, AUnitReporterReadsOnlyItsOwnUnitsCards) {
  Json cards = Json::parse(Call("town", "GET", "/api/v1/assessments/cards").body);
  ASSERT_FALSE(cards["runs"].empty());
  for (const Json& run : cards["runs"]) {
    EXPECT_NE(run["scheme"], "dept-100");  // 东沙镇 is no department
    ASSERT_EQ(run["subjects"].size(), 1u);
    EXPECT_EQ(run["subjects"][0]["id"], "T01");
  }
  HttpResponse own = Call("town", "GET", "/api/v1/assessments/runs/2/cards/T01");
  ASSERT_EQ(own.status, 200) << own.body;
  Json card = Json::parse(own.body);
  EXPECT_EQ(card["subject"]["name"], "东沙镇");
  EXPECT_EQ(card["scheme"]["id"], "town-1000");
  EXPECT_EQ(card["last_year"]["year"], 2024);
  EXPECT_FALSE(card["items"][0]["why"]["zh"].get<std::string>().empty());
  EXPECT_FALSE(card["items"][0]["why"]["en"].get<std::string>().empty());
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/runs/2/cards/T02").status, 403);
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/runs/2/cards/T01/xlsx").body.substr(0, 2),
            "PK");
  EXPECT_EQ(Call("water", "GET", "/api/v1/assessments/runs/4/cards/D19").status, 200);
  EXPECT_EQ(Call("water", "GET", "/api/v1/assessments/runs/4/cards/D15").status, 403);
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/runs/2/cards/T99").status, 403);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/runs/2/cards/T99").status, 404);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/assessments/runs/999/cards/T01").status, 404);
  // A reporter reads no ranking and sees no run list.
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/town-1000/2025/ranking").status, 403);
}

TEST_F(ApiTest, AReporterEntersItsOwnUnitsValuesOnly) {
  const std::string path = "/api/v1/assessments/town-1000/2026/values";
  HttpResponse r =
      Call("town", "POST", path, R"({"subject":"T01","item":"good_air_days","value":"88.4"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json::parse(r.body)["object"], "value:town-1000/2026/T01/good_air_days/year");
  EXPECT_EQ(
      Call("town", "POST", path, R"({"subject":"T02","item":"good_air_days","value":"80"})").status,
      403);
  EXPECT_EQ(Call("leader", "POST", path, R"({"subject":"T01","item":"good_air_days","value":"1"})")
                .status,
            403);
  HttpResponse bad =
      Call("town", "POST", path, R"({"subject":"T01","item":"good_air_days","value":"8x"})");
  EXPECT_EQ(bad.status, 400);
  HttpResponse unknown =
      Call("analyst", "POST", path, R"({"subject":"T01","item":"no_such_item","value":"1"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("no_such_item"), std::string::npos) << unknown.body;
  EXPECT_EQ(Call("analyst", "POST", path, R"({"item":"good_air_days","value":"1"})").status, 400);
  EXPECT_EQ(Call("town", "POST", "/api/v1/assessments/departure-audit/2026/values",
                 R"({"subject":"OFF-T06-2021","item":"farmland","point":"start","value":"1"})")
                .status,
            403);
  Json mine = Json::parse(Call("town", "GET", path).body);
  ASSERT_FALSE(mine["values"].empty());
  for (const Json& v : mine["values"]) EXPECT_EQ(v["subject"], "T01");
  EXPECT_EQ(Call("town", "GET", path, "", {{"subject", "T02"}}).status, 403);
  // Its evidence: the unit's own values only.
  HttpResponse file =
      Call("town", "POST", "/api/v1/assessments/evidence", "%PDF-1.4 synthetic",
           {{"object", "value:town-1000/2026/T01/good_air_days/year"}, {"name", "监测报告.pdf"}});
  ASSERT_EQ(file.status, 201) << file.body;
  EXPECT_EQ(Json::parse(file.body)["size"], 18);
  EXPECT_EQ(Call("town", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", "value:town-1000/2026/T02/good_air_days/year"}, {"name", "a.pdf"}})
                .status,
            403);
  EXPECT_EQ(Call("town", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", "value:town-1000/2026/T01/good_air_days/year"}, {"name", "../a.pdf"}})
                .status,
            400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", "value:town-1000/2026/T03/good_air_days/year"}, {"name", "a.pdf"}})
                .status,
            404);  // no such value
  Json files = Json::parse(Call("town", "GET", "/api/v1/assessments/evidence", "",
                                {{"object", "value:town-1000/2026/T01/good_air_days/year"}})
                               .body);
  ASSERT_EQ(files["evidence"].size(), 1u);
  EXPECT_EQ(files["evidence"][0]["file_name"], "监测报告.pdf");
  // Its bytes, to whoever may list them, under the file's own name.
  const std::string download =
      "/api/v1/assessments/evidence/" + std::to_string(files["evidence"][0]["file_id"].get<int>());
  HttpResponse bytes = Call("town", "GET", download);
  ASSERT_EQ(bytes.status, 200) << bytes.body;
  EXPECT_EQ(bytes.body, "%PDF-1.4 synthetic");
  bool named = false;
  for (const auto& [name, value] : bytes.headers) {
    named = named || (name == "Content-Disposition" &&
                      value.find("%E7%9B%91%E6%B5%8B") != std::string::npos);
  }
  EXPECT_TRUE(named);
  EXPECT_EQ(Call("auditor", "GET", download).status, 200);
  EXPECT_EQ(Call("reporter", "GET", download).status, 403);  // TownA owns no T01
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/evidence/999999").status, 404);
  EXPECT_EQ(Call("town", "GET", "/api/v1/assessments/evidence/x").status, 404);
}

TEST_F(ApiTest, AssessmentEvents) {
  const std::string path = "/api/v1/assessments/town-1000/2026/events";
  HttpResponse r = Call("analyst", "POST", path,
                        R"({"subject":"T01","item":"env_complaint","date":"2026-05-04",)"
                        R"("count":2,"reason":"信访查实"})");
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t id = Json::parse(r.body)["id"];
  EXPECT_EQ(Call("town", "POST", path,
                 R"({"subject":"T01","item":"env_complaint","date":"2026-05-04","reason":"x"})")
                .status,
            403);
  HttpResponse outside = Call("analyst", "POST", path,
                              R"({"subject":"T01","item":"env_complaint","date":"2025-05-04",)"
                              R"("reason":"x"})");
  EXPECT_EQ(outside.status, 400) << outside.body;
  EXPECT_EQ(Call("analyst", "POST", path,
                 R"({"subject":"T01","item":"env_complaint","date":"2026-05-04","count":0,)"
                 R"("reason":"x"})")
                .status,
            400);
  // The unit sees the events about it.
  bool seen = false;
  Json events = Json::parse(Call("town", "GET", path).body);
  for (const Json& e : events["events"]) {
    EXPECT_EQ(e["subject"], "T01");
    seen = seen || e["id"] == id;
  }
  EXPECT_TRUE(seen);
  const std::string withdraw = "/api/v1/assessments/events/" + std::to_string(id) + "/withdraw";
  EXPECT_EQ(Call("analyst", "POST", withdraw, R"({"reason":""})").status, 400);
  EXPECT_EQ(Call("town", "POST", withdraw, R"({"reason":"x"})").status, 403);
  ASSERT_EQ(Call("analyst", "POST", withdraw, R"({"reason":"重复登记"})").status, 200);
  EXPECT_EQ(Call("analyst", "POST", withdraw, R"({"reason":"again"})").status, 409);
  EXPECT_EQ(
      Call("analyst", "POST", "/api/v1/assessments/events/999999/withdraw", R"({"reason":"x"})")
          .status,
      404);
  // Its evidence is the analysts'.
  EXPECT_EQ(Call("town", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", "event:" + std::to_string(id)}, {"name", "a.pdf"}})
                .status,
            403);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", "event:" + std::to_string(id)}, {"name", "a.pdf"}})
                .status,
            201);
}

TEST_F(ApiTest, PeopleWithTheirTenures) {
  Json people = Json::parse(Call("leader", "GET", "/api/v1/people").body);
  ASSERT_GE(people["people"].size(), 3u);
  EXPECT_EQ(people["people"][0]["id"], "OFF-T06-2021");
  EXPECT_EQ(people["people"][0]["tenure_end"], "2025-06-30");
  EXPECT_EQ(Call("town", "GET", "/api/v1/people").status, 403);
  // Imported through the imports page, all or nothing.
  HttpResponse started = Call("analyst", "POST", "/api/v1/imports",
                              "person,name,unit,post,tenure_start,tenure_end\n"
                              "P-T03-2023,南湖镇镇长（虚构）,T03,镇长,2023-02-01,\n",
                              {{"kind", "people"}, {"name", "people.csv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job = "/api/v1/imports/" + Json::parse(started.body)["id"].dump();
  Json state;
  for (int i = 0; i < 200; ++i) {
    state = Json::parse(Call("analyst", "GET", job).body);
    if (state["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(state["state"], "done") << state.dump();
  bool found = false;
  Json after = Json::parse(Call("auditor", "GET", "/api/v1/people").body);
  for (const Json& p : after["people"]) found = found || p["id"] == "P-T03-2023";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace ecociv::server
