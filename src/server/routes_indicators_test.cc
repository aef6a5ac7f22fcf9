// API tests of the indicator routes: per role and unit, bad input, the review
// workflow, evidence files and the change record.
#include "api_test_fixture.h"

#include "ecociv/store/database.h"

namespace ecociv::server {
namespace {

// The indicator routes: per role and unit, the review workflow (illegal steps
// 409), evidence names and sizes, CSRF, bad input, and the change record.
TEST_F(ApiTest, IndicatorRoutesByRole) {
  const std::string v = "/api/v1/indicators/n2019_29/values";
  const std::string body = R"({"year":2025,"value":"97.5","note":"2025 年报"})";
  for (const char* who : {"leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "POST", v, body).status, 403) << who;  // reporter: TownA, not 水务局
    EXPECT_EQ(Call(who, "POST", "/api/v1/indicators/n2019_29/submit", R"({"year":2025})").status,
              403)
        << who;
  }
  EXPECT_EQ(Call("anonymous", "POST", v, body).status, 401);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/indicators").status, 401);
  for (const char* who : {"reporter", "water", "leader", "auditor"}) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/indicators/n2019_29/review",
                   R"({"year":2025,"action":"accept"})")
                  .status,
              403)
        << who;
  }
  for (const char* who : {"reporter", "water"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/indicators/export").status, 403) << who;
  }
  // Evidence lists: readers and the owning unit.
  for (const char* who : {"admin", "analyst", "leader", "auditor", "water"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/indicators/n2019_29/evidence").status, 200) << who;
  }
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/indicators/n2019_29/evidence").status, 403);
  // CSRF on every state change.
  for (const std::string& path : {v, std::string("/api/v1/indicators/n2019_29/submit"),
                                  std::string("/api/v1/indicators/n2019_29/review"),
                                  std::string("/api/v1/indicators/n2019_29/evidence")}) {
    HttpRequest r{
        "POST", path,       {{"year", "2025"}, {"name", "a.pdf"}}, body, sessions_["water"].cookie,
        "",     "127.0.0.1"};
    EXPECT_EQ(api_->Handle(r).status, 403) << path;
  }
}

TEST_F(ApiTest, IndicatorReporterSeesOnlyItsUnitsIndicators) {
  Json own = Json::parse(Call("water", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  ASSERT_FALSE(own["indicators"].empty());
  std::set<std::string> ids;
  for (const Json& x : own["indicators"]) {
    ids.insert(x["id"]);
    EXPECT_NE(x["owner"].get<std::string>().find("水务局"), std::string::npos) << x.dump();
    EXPECT_TRUE(x.contains("unverified"));
  }
  EXPECT_TRUE(ids.count("n2019_29"));
  EXPECT_FALSE(ids.count("n2019_01"));  // 生态环境局's
  EXPECT_TRUE(own["summary"].is_null());
  EXPECT_EQ(Call("water", "GET", "/api/v1/indicators/n2019_01/evidence").status, 403);
  EXPECT_EQ(Call("water", "POST", "/api/v1/indicators/n2019_01/values",
                 R"({"year":2025,"value":"制定实施"})")
                .status,
            403);
  // A town reporter owns none of them.
  Json town = Json::parse(Call("reporter", "GET", "/api/v1/indicators").body);
  EXPECT_TRUE(town["indicators"].empty());
  // Readers see the whole table and the summary.
  Json all = Json::parse(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  EXPECT_GT(all["indicators"].size(), own["indicators"].size());
  EXPECT_TRUE(all["summary"]["binding_total"].is_number());
  EXPECT_TRUE(all["summary"]["can_apply"].is_boolean());
  // Projects: the unit's own.
  Json p = Json::parse(Call("water", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  ASSERT_EQ(p["projects"].size(), 1u);
  EXPECT_EQ(p["projects"][0]["unit"], "水务局");
  Json every = Json::parse(Call("auditor", "GET", "/api/v1/projects", "", {{"year", "2025"}}).body);
  EXPECT_GT(every["projects"].size(), 1u);
  bool overdue = false;
  for (const Json& x : every["projects"])
    for (const Json& m : x["milestones"]) overdue |= m["overdue"].get<bool>();
  EXPECT_TRUE(overdue);  // open milestones of 2025 are past due by now
  EXPECT_TRUE(Json::parse(Call("reporter", "GET", "/api/v1/projects").body)["projects"].empty());
}

TEST_F(ApiTest, IndicatorBadInput) {
  const std::string v = "/api/v1/indicators/n2019_29/values";
  EXPECT_EQ(Call("water", "POST", v, "{not json").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":"2025","value":"1"})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025,"value":97.5})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":2025,"value":""})").status, 400);
  EXPECT_EQ(Call("water", "POST", v, R"({"year":99999,"value":"1"})").status, 400);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/nothing/values", R"({"year":2025,"value":"1"})")
          .status,
      404);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/../values", R"({"year":2025,"value":"1"})").status,
      404);
  // Engine and derived indicators are not entered by hand.
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/n2019_07/values", R"({"year":2025,"value":"80"})")
          .status,
      409);
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/indicators/n2019_21/values", R"({"year":2025,"value":"80"})")
          .status,
      409);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/indicators", "", {{"year", "20x5"}}).status, 400);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/indicators/export", "", {{"format", "pdf"}}).status,
            400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/indicators/n2019_29/review",
                 R"({"year":2025,"action":"approve"})")
                .status,
            400);
}

TEST_F(ApiTest, IndicatorWorkflowEvidenceAndChangeRecord) {
  const std::string base = "/api/v1/indicators/n2019_19/";  // 水务局, reference
  int64_t before = ChangeCount();
  HttpResponse set =
      Call("water", "POST", base + "values", R"({"year":2025,"value":"完成上级管控目标"})");
  ASSERT_EQ(set.status, 201) << set.body;
  EXPECT_EQ(ChangeCount(), before + 1);
  // Illegal steps: 409.
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"accept"})").status,
            409);
  EXPECT_EQ(Call("water", "POST", "/api/v1/indicators/n2019_29/submit", R"({"year":2030})").status,
            404);
  // Evidence: plain names of documents only, at most 8 MiB.
  for (const char* name : {"../../etc/passwd.pdf", "a/b.pdf", "..pdf", ".hidden.pdf", "x.exe",
                           "a\\b.pdf", "", "a..b.pdf"}) {
    EXPECT_EQ(
        Call("water", "POST", base + "evidence", "%PDF-1.4", {{"year", "2025"}, {"name", name}})
            .status,
        400)
        << name;
  }
  std::string big(8 * 1024 * 1024 + 1, 'x');
  EXPECT_EQ(
      Call("water", "POST", base + "evidence", big, {{"year", "2025"}, {"name", "big.pdf"}}).status,
      400);
  EXPECT_EQ(Call("water", "POST", base + "evidence", "%PDF-1.4", {{"name", "a.pdf"}}).status, 400);
  HttpResponse ev = Call("water", "POST", base + "evidence", "%PDF-1.4 evidence",
                         {{"year", "2025"}, {"name", "岸线保护报告.pdf"}});
  ASSERT_EQ(ev.status, 201) << ev.body;
  std::string sha = Json::parse(ev.body)["sha256"];
  EXPECT_EQ(sha.size(), 64u);
  Json list = Json::parse(
      Call("leader", "GET", base + "evidence", "", {{"year", "2025"}}).body)["evidence"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["file_name"], "岸线保护报告.pdf");
  EXPECT_EQ(list[0]["sha256"], sha);
  EXPECT_TRUE(list[0]["intact"].get<bool>());
  // Download: the bytes with their type and name, for whoever may list them.
  const std::string file_id = std::to_string(list[0]["file_id"].get<int64_t>());
  const std::string file = base + "evidence/" + file_id;
  HttpResponse got = Call("auditor", "GET", file);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "%PDF-1.4 evidence");
  EXPECT_EQ(got.content_type, "application/pdf");
  std::string disposition;
  for (const auto& [name, value] : got.headers)
    if (name == "Content-Disposition") disposition = value;
  EXPECT_EQ(
      disposition,
      "attachment; filename=\"" + std::string(18, '_') +  // 6 characters, 18 bytes
          ".pdf\"; filename*=UTF-8''%E5%B2%B8%E7%BA%BF%E4%BF%9D%E6%8A%A4%E6%8A%A5%E5%91%8A.pdf");
  EXPECT_EQ(Call("water", "GET", file).status, 200);
  EXPECT_EQ(Call("reporter", "GET", file).status, 403);  // another unit's indicator
  EXPECT_EQ(Call("auditor", "GET", "/api/v1/indicators/n2019_01/evidence/" + file_id).status, 404);
  EXPECT_EQ(Call("auditor", "GET", base + "evidence/999999").status, 404);
  EXPECT_EQ(Call("auditor", "GET", base + "evidence/x1").status, 404);
  {
    // Bytes altered in the database: not served.
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE ind_evidence SET content = X'00' WHERE id = " + file_id).ok());
    HttpResponse bad = Call("auditor", "GET", file);
    EXPECT_EQ(bad.status, 409);
    EXPECT_NE(bad.body.find("no longer matches its SHA-256"), std::string::npos) << bad.body;
    ASSERT_TRUE((*db)
                    ->Exec("UPDATE ind_evidence SET content = CAST('%PDF-1.4 evidence' AS BLOB) "
                           "WHERE id = " +
                           file_id)
                    .ok());
    EXPECT_EQ(Call("auditor", "GET", file).status, 200);
  }
  // draft → submitted → returned → submitted → accepted.
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 200);
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 409);
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"return"})").status,
            400);  // a reason is required
  EXPECT_EQ(Call("analyst", "POST", base + "review",
                 R"({"year":2025,"action":"return","reason":"缺少批复文件"})")
                .status,
            200);
  Json table = Json::parse(Call("water", "GET", "/api/v1/indicators", "", {{"year", "2025"}}).body);
  Json row;
  for (const Json& x : table["indicators"])
    if (x["id"] == "n2019_19") row = x;
  EXPECT_EQ(row["entry"]["status"], "returned");
  EXPECT_EQ(row["entry"]["review_reason"], "缺少批复文件");
  EXPECT_EQ(row["evidence_files"], 1);
  // The verdict's reason as a code and arguments beside the command line's text.
  EXPECT_EQ(row["reason_code"], "value_not_accepted");
  EXPECT_EQ(row["reason_args"]["status"], "returned");
  EXPECT_EQ(row["reason_args"]["review_reason"], "缺少批复文件");
  EXPECT_EQ(Call("water", "POST", base + "submit", R"({"year":2025})").status, 200);
  EXPECT_EQ(Call("analyst", "POST", base + "review",
                 R"({"year":2025,"action":"accept","reason":"材料齐全"})")
                .status,
            200);
  EXPECT_EQ(Call("analyst", "POST", base + "review", R"({"year":2025,"action":"accept"})").status,
            409);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["who"], "u_analyst");
  EXPECT_EQ(newest["action"], "indicators.review.accepted");
  // Exports.
  HttpResponse csv =
      Call("leader", "GET", "/api/v1/indicators/export", "", {{"year", "2025"}, {"format", "csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("n2019_19"), std::string::npos);
  HttpResponse xlsx = Call("leader", "GET", "/api/v1/indicators/export", "", {{"year", "2025"}});
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace ecociv::server
