// Administration in a store of regions (the store: region_test_fixture.h): an
// administrator of a region sees, adds and changes the users of its subtree
// only, and gives them regions of its subtree.
#include "region_test_fixture.h"

namespace ecociv::server {
namespace {

// An administrator gives a user a region: the root's any, a region's
// administrator regions of its subtree to users of its subtree.
TEST_F(RegionTest, AdministratorsSetAUsersRegionWithinTheirOwn) {
  const std::string path = "/api/v1/users/region";
  auto status = [&](const std::string& who, const std::string& name, const std::string& region) {
    return Post(who, path, Json{{"name", name}, {"region", region}}).status;
  };
  EXPECT_EQ(status("sz_analyst", "moving", "320583"), 403);   // not an administrator
  EXPECT_EQ(status("sz_admin", "moving", "320281"), 403);     // a region outside its own
  EXPECT_EQ(status("sz_admin", "jy_leader", "320582"), 403);  // a user outside its region
  EXPECT_EQ(status("sz_admin", "sz_admin", "320583"), 409);   // its own region
  EXPECT_EQ(status("root_admin", "moving", "999999"), 404);
  EXPECT_EQ(status("root_admin", "nobody", "320582"), 404);
  HttpResponse moved = Post("sz_admin", path, Json{{"name", "moving"}, {"region", "320583"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Json::parse(moved.body)["user"]["region"], "320583");
  // Its sessions ended: the new scope holds from its next login.
  EXPECT_EQ(Get("moving", "/api/v1/stations").status, 401);
  Login("moving");
  EXPECT_EQ(Codes("moving", "/api/v1/stations", "stations", "code"), (Set{"KS1"}));
  EXPECT_EQ(status("root_admin", "moving", "320000"), 200);
  Json users = Json::parse(Get("root_admin", "/api/v1/users").body);
  for (const Json& u : users["users"]) {
    if (u["name"] == "moving") {
      EXPECT_EQ(u["region"], "320000");
    }
  }
}

// A region's administrator lists, adds, disables and resets the users of its
// subtree only; a user it adds is in its own region unless it names one below.
TEST_F(RegionTest, AdministratorsManageTheUsersOfTheirRegionOnly) {
  auto names = [&](const std::string& admin) {
    Set out;
    const Json users = Json::parse(Get(admin, "/api/v1/users").body);
    for (const Json& u : users["users"]) out.insert(u["name"].get<std::string>());
    return out;
  };
  const Set suzhou = names("sz_admin");
  for (const char* inside : {"sz_admin", "sz_analyst", "zjg_analyst", "zjg_reporter"})
    EXPECT_TRUE(suzhou.count(inside)) << inside;
  for (const char* outside : {"root_admin", "js_analyst", "wx_auditor", "jy_leader"})
    EXPECT_FALSE(suzhou.count(outside)) << outside;
  EXPECT_TRUE(names("root_admin").count("jy_leader"));

  auto add = [&](const std::string& name, const std::string& region) {
    Json body{{"name", name}, {"role", "admin"}, {"password", "0123456789ab"}};
    if (!region.empty()) body["region"] = region;
    return Post("sz_admin", "/api/v1/users", body);
  };
  HttpResponse own = add("sz_new", "");
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(Json::parse(own.body)["user"]["region"], "320500");
  HttpResponse below = add("ks_new", "320583");
  ASSERT_EQ(below.status, 201) << below.body;
  EXPECT_EQ(Json::parse(below.body)["user"]["region"], "320583");
  HttpResponse other = add("jy_new", "320281");  // another city's county
  EXPECT_EQ(other.status, 403);
  // The web words the refusal by its reason (errd_outside_region), not the English sentence.
  const Json refusal = Json::parse(other.body);
  EXPECT_EQ(refusal["reason"], "outside_region") << other.body;
  EXPECT_EQ(refusal["args"]["region"], "320500") << other.body;
  EXPECT_EQ(add("root_new", "000000").status, 403);  // the whole store
  EXPECT_EQ(add("x_new", "999999").status, 403);     // no such region: outside too
  EXPECT_EQ(Post("root_admin", "/api/v1/users",
                 Json{{"name", "y_new"}, {"role", "analyst"}, {"password", "0123456789ab"},
                      {"region", "999999"}})
                .status,
            404);

  const Json off{{"name", "jy_leader"}, {"disabled", true}};
  EXPECT_EQ(Post("sz_admin", "/api/v1/users/disable", off).status, 403);
  EXPECT_EQ(Post("sz_admin", "/api/v1/users/password",
                 Json{{"name", "jy_leader"}, {"password", "another password 1"}})
                .status,
            403);
  EXPECT_EQ(Get("jy_leader", "/api/v1/stations").status, 200);  // its session is untouched
  EXPECT_EQ(Post("sz_admin", "/api/v1/users/disable", Json{{"name", "ks_new"}, {"disabled", true}})
                .status,
            200);
  EXPECT_EQ(Post("sz_admin", "/api/v1/users/password",
                 Json{{"name", "sz_new"}, {"password", "another password 1"}})
                .status,
            200);
}

}  // namespace
}  // namespace ecociv::server
