// Official documents on the API: the leaders approve and publish, the public
// sees the published documents and their files and nothing unpublished.
#include <regex>

#include "api_test_fixture.h"
#include "ecociv/report/publishing.h"

namespace ecociv::server {
namespace {

// Saves a draft straight into the fixture's database (the command line's
// `report ... --save`); returns its id.
int64_t Draft(const std::string& db_path, const std::string& title, const std::string& pdf,
              const std::string& period) {
  store::OpenOptions options;
  auto db = store::OpenDatabase(db_path, options);
  EXPECT_TRUE(db.ok());
  report::Document d;
  d.kind = "air-monthly";
  d.title = title;
  auto saved = report::SaveDraft(db->get(), d, period, "<p>" + title + "</p>", pdf, 0,
                                 store::Actor{"analyst-test", ""});
  EXPECT_TRUE(saved.ok()) << saved.status().message();
  return saved.ok() ? saved->id : 0;
}

}  // namespace

TEST_F(ApiTest, DocumentsAreApprovedAndPublishedByLeaders) {
  const int64_t id = Draft(db_path_, "2026年1月空气质量月报", "%PDF-1.4 january", "2026-01");
  const std::string base = "/api/v1/documents/" + std::to_string(id);
  EXPECT_EQ(Call("analyst", "POST", base + "/approve", "{}").status, 403);
  EXPECT_EQ(Call("admin", "POST", base + "/approve", "{}").status, 403);
  EXPECT_EQ(Call("leader", "POST", base + "/publish", "{}").status, 409);  // a draft
  EXPECT_EQ(Call("leader", "POST", base + "/approve", R"({"why":"审定"})").status, 200);
  HttpResponse published = Call("leader", "POST", base + "/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Json::parse(published.body)["state"], "published");
  // The public sees it, without the names of who made and approved it.
  HttpResponse list = Call("anonymous", "GET", "/api/v1/public/documents");
  ASSERT_EQ(list.status, 200);
  bool found = false;
  const Json listed = Json::parse(list.body);  // alive while the loop reads it
  for (const Json& d : listed["documents"]) {
    EXPECT_EQ(d["state"], "published");
    EXPECT_EQ(d["approved_by"], "");
    found = found || d["id"] == id;
  }
  EXPECT_TRUE(found);
  HttpResponse pdf =
      Call("anonymous", "GET", "/api/v1/public/documents/" + std::to_string(id) + "/pdf");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, "%PDF-1.4 january");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  // The logged-in list names them.
  HttpResponse all = Call("auditor", "GET", "/api/v1/documents");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("analyst-test"), std::string::npos);
}

// Nothing unpublished is reachable without a login: a draft and an approved
// document, by every public route with every id, never show their title or
// their bytes; their files are 404 like an unknown id.
TEST_F(ApiTest, NothingUnpublishedIsReachableWithoutALogin) {
  const int64_t draft =
      Draft(db_path_, "UNPUBLISHED-DRAFT-标题", "%PDF-UNPUBLISHED-DRAFT", "2026-02");
  const int64_t approved =
      Draft(db_path_, "UNPUBLISHED-APPROVED-标题", "%PDF-UNPUBLISHED-APPROVED", "2026-03");
  ASSERT_EQ(
      Call("leader", "POST", "/api/v1/documents/" + std::to_string(approved) + "/approve", "{}")
          .status,
      200);
  for (int64_t id : {draft, approved}) {
    HttpResponse r =
        Call("anonymous", "GET", "/api/v1/public/documents/" + std::to_string(id) + "/pdf");
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(Call("anonymous", "GET", "/api/v1/documents/" + std::to_string(id) + "/pdf").status,
              401);
  }
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/documents").status, 401);
  for (const RouteInfo& route : Api::Routes()) {
    if (route.method != "GET") continue;
    for (int64_t id : {draft, approved}) {
      const std::string path =
          std::regex_replace(route.path, std::regex("\\{[a-z_]+\\}"), std::to_string(id));
      HttpResponse r = Call("anonymous", "GET", path);
      SCOPED_TRACE(path + ": " + std::to_string(r.status));
      EXPECT_EQ(r.body.find("UNPUBLISHED"), std::string::npos);
      if (r.status == 200) {
        EXPECT_TRUE(route.path.rfind("/api/v1/public/", 0) == 0 ||
                    route.path.rfind("/api/v1/pages", 0) == 0 ||
                    route.path == "/api/v1/openapi.json" || route.path == "/api/v1/session")
            << route.path << " answers without a login";
      }
    }
  }
}

}  // namespace ecociv::server
