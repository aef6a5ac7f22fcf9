// API tests of the section plans (who writes, who approves, bad input, the
// change record), the chiefs' view and the campaign report.
#include "api_test_fixture.h"
#include "ecociv/warning/chief_links.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, SectionPlanWorkflow) {
  const std::string plan = "/api/v1/water/plans/CJ02";
  // CJ02 is not the reporter's unit's section; a leader reads but does not write.
  EXPECT_EQ(Call("reporter", "PUT", plan, R"({"title":"x"})").status, 403);
  EXPECT_EQ(Call("reporter", "GET", plan).status, 403);
  EXPECT_EQ(Call("leader", "PUT", plan, R"({"title":"x"})").status, 403);
  Json none = Json::parse(Call("leader", "GET", plan).body);
  EXPECT_TRUE(none["plan"].is_null());
  EXPECT_FALSE(none["may_edit"].get<bool>());
  EXPECT_TRUE(none["may_approve"].get<bool>());
  // Bad input: 400 naming the field, nothing stored.
  int64_t before = ChangeCount();
  EXPECT_EQ(Call("analyst", "PUT", plan, R"({"title":""})").status, 400);
  EXPECT_EQ(Call("analyst", "PUT", plan, R"({"title":"t","causes":[{"kind":"pipe","text":"x"}]})")
                .status,
            400);
  EXPECT_EQ(Call("analyst", "PUT", "/api/v1/water/plans/NOPE", R"({"title":"t"})").status, 404);
  EXPECT_EQ(Call("analyst", "POST", plan + "/measures",
                 R"({"text":"x","unit":"u","deadline":"2026-02-28"})")
                .status,
            404);  // no plan yet
  EXPECT_EQ(ChangeCount(), before);
  HttpResponse saved = Call("analyst", "PUT", plan,
                            R"({"title":"CJ02 总磷方案","effect":"总磷回到 II 类",)"
                            R"("causes":[{"kind":"outfall","text":"排口 1 处"}]})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json::parse(saved.body)["plan"]["approval"], "draft");
  // Submitting without a measure: 409.
  EXPECT_EQ(Call("analyst", "POST", plan + "/submit", "{}").status, 409);
  EXPECT_EQ(Call("analyst", "POST", plan + "/measures",
                 R"({"text":"x","unit":"u","deadline":"2026-02-30"})")
                .status,
            400);
  HttpResponse m = Call("analyst", "POST", plan + "/measures",
                        R"({"text":"排口封堵","unit":"水务局","deadline":"2020-01-31","items":"总磷"})");
  ASSERT_EQ(m.status, 201) << m.body;
  Json measure = Json::parse(m.body)["plan"]["measures"][0];
  EXPECT_TRUE(measure["overdue"].get<bool>());  // its deadline has passed and it is not done
  const std::string mid = std::to_string(measure["id"].get<int64_t>());
  EXPECT_EQ(Call("analyst", "POST", plan + "/measures/" + mid + "/state", R"({"state":"finished"})")
                .status,
            400);
  EXPECT_EQ(Call("analyst", "POST", plan + "/measures/99999/state", R"({"state":"done"})").status,
            404);
  // A reporter does not approve; the analyst submits, the leader returns it,
  // it is submitted again and approved.
  ASSERT_EQ(Call("analyst", "POST", plan + "/submit", "{}").status, 200);
  EXPECT_EQ(Call("reporter", "POST", plan + "/approve", "{}").status, 403);
  EXPECT_EQ(Call("auditor", "POST", plan + "/approve", "{}").status, 403);
  ASSERT_EQ(Call("leader", "POST", plan + "/return", "{}").status, 200);
  EXPECT_EQ(Call("leader", "POST", plan + "/approve", "{}").status, 409);
  ASSERT_EQ(Call("analyst", "POST", plan + "/submit", "{}").status, 200);
  ASSERT_EQ(Call("leader", "POST", plan + "/approve", "{}").status, 200);
  // Progress and the measure's state; the approval stays.
  ASSERT_EQ(Call("analyst", "POST", plan + "/progress",
                 R"({"date":"2026-03-01","note":"已封堵","measure_id":)" + mid +
                     R"(,"evidence":"照片"})")
                .status,
            201);
  HttpResponse done =
      Call("analyst", "POST", plan + "/measures/" + mid + "/state", R"({"state":"done"})");
  ASSERT_EQ(done.status, 200);
  Json p = Json::parse(done.body)["plan"];
  EXPECT_EQ(p["approval"], "approved");
  EXPECT_EQ(p["measures_done"], 1);
  EXPECT_EQ(p["overdue"], 0);
  EXPECT_EQ(p["progress"][0]["who"], "u_analyst");
  // Every change is in the change record, by the web user.
  Json changes = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"];
  std::set<std::string> seen;
  for (const Json& e : changes)
    if (e["object"] == "plan:CJ02")
      seen.insert(e["action"].get<std::string>() + "/" + e["who"].get<std::string>());
  for (const char* entry :
       {"water.plan.create/u_analyst", "water.plan.measure/u_analyst",
        "water.plan.submit/u_analyst", "water.plan.return/u_leader",
        "water.plan.approve/u_leader", "water.plan.progress/u_analyst",
        "water.plan.measure_state/u_analyst"}) {
    EXPECT_TRUE(seen.count(entry)) << entry;
  }
  // The list: a reporter sees its unit's plans only.
  const Json reporters = Json::parse(Call("reporter", "GET", "/api/v1/water/plans").body);
  for (const Json& row : reporters["plans"]) EXPECT_EQ(row["section"], "CJ01");
}

TEST_F(ApiTest, ChiefsSeeTheirSections) {
  {
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(warning::SetChiefLink(db->get(), {"u_leader", "section", "示例断面长ZJG4"}, false,
                                      {"test", ""})
                    .ok());
  }
  // Not linked: an empty view.
  Json empty = Json::parse(Call("auditor", "GET", "/api/v1/water/chief").body);
  EXPECT_TRUE(empty["sections"].empty());
  // As of the demo year's end (other tests import later samples elsewhere).
  Json view = Json::parse(
      Call("leader", "GET", "/api/v1/water/chief", "", {{"as_of", "2025-12-31"}}).body);
  ASSERT_EQ(view["sections"].size(), 1u) << view.dump();
  const Json& s = view["sections"][0];
  EXPECT_EQ(s["section"], "ZJG4");
  EXPECT_EQ(s["target_class"], "III");
  EXPECT_FALSE(s["month_class"].is_null());
  EXPECT_FALSE(s["ytd_class"].is_null());
  EXPECT_FALSE(s["items"].empty());
  EXPECT_EQ(view["links"][0]["value"], "示例断面长ZJG4");
  EXPECT_EQ(view["month"], "2025-12");
  // An operator may look at it; a reporter may not.
  EXPECT_EQ(Json::parse(Call("analyst", "GET", "/api/v1/water/chief", "", {{"user", "u_leader"}})
                            .body)["sections"]
                .size(),
            1u);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/water/chief", "", {{"user", "u_leader"}}).status,
            403);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/water/chief", "", {{"as_of", "2025-13-01"}}).status,
            400);
}

TEST_F(ApiTest, CampaignReportOnTheWeb) {
  Json periods = Json::parse(Call("reporter", "GET", "/api/v1/water/periods").body);
  ASSERT_FALSE(periods["campaigns"].empty());
  EXPECT_EQ(periods["flood_seasons"][0]["from"], "06-01");
  const std::string url = "/api/v1/water/campaigns/bao3-xiaolie-2025/report";
  HttpResponse r = Call("leader", "GET", url);
  ASSERT_EQ(r.status, 200) << r.body;
  Json report = Json::parse(r.body);
  EXPECT_EQ(report["sections"].size(), 16u);
  EXPECT_EQ(report["total"]["before"]["sections"], 16);
  EXPECT_TRUE(report["started"].get<bool>());
  HttpResponse csv = Call("leader", "GET", url, "", {{"format", "csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("campaign,row,section,name,phase"), std::string::npos);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/water/campaigns/nope/report").status, 404);
  EXPECT_EQ(Call("leader", "GET", url, "", {{"format", "pdf"}}).status, 400);
  EXPECT_EQ(Call("reporter", "GET", url).status, 403);
}

}  // namespace
}  // namespace ecociv::server
