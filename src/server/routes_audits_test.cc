// API tests of the departure audits' findings over the fixture's SYNTHETIC
// demo (run 5: the audit of OFF-T06-2021; findings 1 closed with evidence
// (自然资源和规划局 D14), 2 open (凤鸣镇 T06), 3 overdue (水务局 D19)).
#include "api_test_fixture.h"

#include "ecociv/store/database.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, FindingsOfADepartureAudit) {
  Json all = Json::parse(Call("auditor", "GET", "/api/v1/audits/runs/5/findings").body);
  ASSERT_GE(all["findings"].size(), 3u);
  EXPECT_EQ(all["findings"][0]["status"], "closed");
  EXPECT_EQ(all["findings"][0]["evidence_files"], 1);
  EXPECT_FALSE(all["findings"][1]["overdue"]);
  EXPECT_TRUE(all["findings"][2]["overdue"]);
  EXPECT_FALSE(all["today"].get<std::string>().empty());
  // A unit reporter sees the findings its unit must rectify, and no run's list.
  Json water = Json::parse(Call("water", "GET", "/api/v1/audits/findings").body);
  ASSERT_FALSE(water["findings"].empty());
  for (const Json& f : water["findings"]) EXPECT_EQ(f["owner"], "D19");
  EXPECT_TRUE(Json::parse(Call("town", "GET", "/api/v1/audits/findings").body)["findings"].empty());
  EXPECT_EQ(Call("water", "GET", "/api/v1/audits/runs/5/findings").status, 403);
  EXPECT_EQ(Call("auditor", "GET", "/api/v1/audits/runs/999/findings").status, 404);
}

TEST_F(ApiTest, AFindingIsRectifiedByItsUnitAndClosedWithEvidence) {
  HttpResponse added = Call("auditor", "POST", "/api/v1/audits/runs/5/findings",
                            R"({"subject":"OFF-T06-2021","problem":"（合成）湿地保护率下降",)"
                            R"("owner":"D19","deadline":"2030-06-30"})");
  ASSERT_EQ(added.status, 201) << added.body;
  int64_t id = Json::parse(added.body)["id"];
  const std::string path = "/api/v1/audits/findings/" + std::to_string(id);
  const std::string object = "finding:" + std::to_string(id);
  HttpResponse step =
      Call("water", "POST", path, R"({"status":"in_progress","progress":"已制定方案"})");
  ASSERT_EQ(step.status, 200) << step.body;
  EXPECT_EQ(Json::parse(step.body)["findings"][0]["status"], "in_progress");
  EXPECT_EQ(Call("water", "POST", path, R"({"status":"closed","progress":"已完成"})").status,
            409);  // no evidence yet
  EXPECT_EQ(Call("town", "POST", path, R"({"status":"in_progress","progress":"x"})").status, 403);
  EXPECT_EQ(Call("leader", "POST", path, R"({"status":"in_progress","progress":"x"})").status, 403);
  EXPECT_EQ(Call("town", "POST", "/api/v1/assessments/evidence", "x",
                 {{"object", object}, {"name", "a.pdf"}})
                .status,
            403);
  ASSERT_EQ(Call("water", "POST", "/api/v1/assessments/evidence", "%PDF synthetic",
                 {{"object", object}, {"name", "验收.pdf"}})
                .status,
            201);
  HttpResponse closed =
      Call("water", "POST", path, R"({"status":"closed","progress":"已完成并验收"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  Json f = Json::parse(closed.body)["findings"][0];
  EXPECT_EQ(f["status"], "closed");
  EXPECT_EQ(f["evidence_files"], 1);
  EXPECT_FALSE(f["closed_at"].get<std::string>().empty());
  EXPECT_EQ(Call("water", "POST", path, R"({"status":"open","progress":"x"})").status, 409);
  EXPECT_EQ(Call("water", "POST", path, R"({"status":"done","progress":"x"})").status, 400);
  EXPECT_EQ(Call("water", "POST", path, R"({"status":"in_progress"})").status, 400);
  // Bad findings name the field; nothing is stored.
  for (const char* body :
       {R"({"subject":"OFF-T06-2021","problem":"x","owner":"D99","deadline":"2030-01-01"})",
        R"({"subject":"OFF-T06-2021","problem":"x","owner":"D19","deadline":"2030-02-30"})",
        R"({"subject":"P-T02-2022","problem":"x","owner":"D19","deadline":"2030-01-01"})",
        R"({"subject":"OFF-T06-2021","owner":"D19","deadline":"2030-01-01"})"}) {
    EXPECT_EQ(Call("analyst", "POST", "/api/v1/audits/runs/5/findings", body).status, 400) << body;
  }
  EXPECT_EQ(
      Call("leader", "POST", "/api/v1/audits/runs/5/findings",
           R"({"subject":"OFF-T06-2021","problem":"x","owner":"D19","deadline":"2030-01-01"})")
          .status,
      403);
}

// A finding edited outside the program: the integrity check names it.
TEST_F(ApiTest, IntegrityFindsAHandEditedFinding) {
  Json clean = Json::parse(Call("auditor", "GET", "/api/v1/integrity").body);
  EXPECT_EQ(clean["assessment_problems"], 0) << clean.dump();
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(
      (*db)->Exec("UPDATE audit_findings SET problem = problem || '-edited' WHERE id = 2").ok());
  Json edited = Json::parse(Call("auditor", "GET", "/api/v1/integrity").body);
  // Put it back for the tests that follow in this process.
  ASSERT_TRUE(
      (*db)
          ->Exec("UPDATE audit_findings SET problem = replace(problem, '-edited', '') WHERE id = 2")
          .ok());
  EXPECT_FALSE(edited["ok"].get<bool>());
  EXPECT_EQ(edited["assessment_problems"], 1);
  bool named = false;
  for (const Json& p : edited["problems"])
    named = named || p.get<std::string>().find("finding:2") != std::string::npos;
  EXPECT_TRUE(named) << edited.dump();
}

}  // namespace
}  // namespace ecociv::server
