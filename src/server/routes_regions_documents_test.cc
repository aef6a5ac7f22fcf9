// Official documents in a store of regions (the store: region_test_fixture.h):
// a document is of a region; a region's users list, read, approve and publish
// the documents of their subtree's regions and make documents for them; the
// schedule of periodic documents is the whole store's.
#include "ecociv/report/publishing.h"
#include "ecociv/store/database.h"
#include "region_test_fixture.h"

namespace ecociv::server {
namespace {

TEST_F(RegionTest, DocumentsAreThoseOfTheRegionsSubtree) {
  // Three drafts saved as the command line saves them: the whole store's,
  // 张家港's and 江阴's (a PDF's bytes need no browser here).
  std::map<std::string, int64_t> id;
  {
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    for (const char* region : {"000000", "320582", "320281"}) {
      report::Document d;
      d.kind = "air-monthly";
      d.title = std::string("空气质量月报 ") + region;
      d.region = region;
      auto saved = report::SaveDraft(db->get(), d, "2026-03", "<p>x</p>",
                                     std::string("%PDF-1.4 ") + region, 0, {"test", ""});
      ASSERT_TRUE(saved.ok()) << saved.status().ToString();
      id[region] = saved->id;
    }
  }
  const std::string list = "/api/v1/documents";
  const std::set<int64_t> zjg = Ids(Get("zjg_analyst", list), "documents");
  EXPECT_TRUE(zjg.count(id["320582"]));
  EXPECT_FALSE(zjg.count(id["000000"]) || zjg.count(id["320281"]));
  // A city: its counties' documents too.
  EXPECT_TRUE(Ids(Get("sz_analyst", list), "documents").count(id["320582"]));
  EXPECT_FALSE(Ids(Get("jy_leader", list), "documents").count(id["320582"]));
  const std::set<int64_t> all = Ids(Get("root_admin", list), "documents");
  for (const auto& [region, doc] : id) EXPECT_TRUE(all.count(doc)) << region;

  auto path = [&](const char* region, const std::string& tail) {
    return "/api/v1/documents/" + std::to_string(id[region]) + tail;
  };
  EXPECT_EQ(Get("zjg_analyst", path("320582", "/pdf")).status, 200);
  HttpResponse other = Get("zjg_analyst", path("000000", "/pdf"));
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(Json::parse(other.body)["reason"], "outside_region") << other.body;
  EXPECT_EQ(Get("zjg_analyst", path("320281", "/html")).status, 403);
  // Approved and published by the county's leader, not another county's.
  EXPECT_EQ(Post("jy_leader", path("320582", "/approve"), Json::object()).status, 403);
  ASSERT_EQ(Post("zjg_leader", path("320582", "/approve"), Json::object()).status, 200);
  HttpResponse published = Post("zjg_leader", path("320582", "/publish"), Json::object());
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Json::parse(published.body)["region"], "320582");
  EXPECT_TRUE(Ids(Get("", "/api/v1/public/documents"), "documents").count(id["320582"]));

  // Making one: for a region of the caller's subtree only.
  const Json month{{"kind", "air-monthly"}, {"period", "2026-03"}, {"region", "320281"}};
  HttpResponse outside = Post("zjg_analyst", list, month);
  EXPECT_EQ(outside.status, 403) << outside.body;
  EXPECT_EQ(Json::parse(outside.body)["reason"], "outside_region") << outside.body;
}

}  // namespace
}  // namespace ecociv::server
