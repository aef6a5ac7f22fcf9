// API tests of the administration routes: the integrity check, the units'
// stations and sections, and the published indicators' status.
#include "api_test_fixture.h"

#include <map>

#include "ecociv/store/database.h"

namespace ecociv::server {
namespace {

// An administrator disables a user (its login refused), enables it again and resets its
// password; nobody else may, and an administrator cannot disable itself.
TEST_F(ApiTest, UsersDisabledAndReset) {
  ASSERT_EQ(Call("admin", "POST", "/api/v1/users",
                 R"({"name":"temp-user","role":"leader","password":"correct horse battery"})")
                .status,
            201);
  for (const char* who : {"analyst", "leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/users/disable", R"({"name":"temp-user","disabled":true})")
                  .status,
              403);
    EXPECT_EQ(
        Call(who, "POST", "/api/v1/users/password", R"({"name":"temp-user","password":"x"})")
            .status,
        403);
  }
  HttpResponse off =
      Call("admin", "POST", "/api/v1/users/disable", R"({"name":"temp-user","disabled":true})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(Json::parse(off.body)["user"]["disabled"], true);
  EXPECT_TRUE(LoginAs("temp-user").cookie.empty());
  EXPECT_EQ(
      Call("admin", "POST", "/api/v1/users/disable", R"({"name":"temp-user","disabled":"no"})")
          .status,
      400);
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users/disable", R"({"name":"u_admin","disabled":true})")
                .status,
            409);
  ASSERT_EQ(
      Call("admin", "POST", "/api/v1/users/disable", R"({"name":"temp-user","disabled":false})")
          .status,
      200);
  HttpResponse weak =
      Call("admin", "POST", "/api/v1/users/password", R"({"name":"temp-user","password":"short"})");
  EXPECT_EQ(weak.status, 400) << weak.body;
  ASSERT_EQ(Call("admin", "POST", "/api/v1/users/password",
                 R"({"name":"temp-user","password":"a new horse staple battery"})")
                .status,
            200);
  EXPECT_TRUE(LoginAs("temp-user").cookie.empty());
  EXPECT_FALSE(LoginAs("temp-user", "a new horse staple battery").cookie.empty());
  EXPECT_EQ(Call("admin", "POST", "/api/v1/users/password",
                 R"({"name":"nobody-here","password":"a new horse staple battery"})")
                .status,
            404);
}

TEST_F(ApiTest, IntegrityFindsAHandEditedWarning) {
  Json clean = Json::parse(Call("auditor", "GET", "/api/v1/integrity").body);
  EXPECT_TRUE(clean["ok"].get<bool>()) << clean.dump();
  EXPECT_GT(clean["entries_checked"].get<int64_t>(), 0);
  // A level changed outside the program: found, named, nothing else wrong.
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("UPDATE warnings SET level = level || '-edited' WHERE id = 1").ok());
  Json edited = Json::parse(Call("admin", "GET", "/api/v1/integrity").body);
  // Put it back for the tests that follow in this process.
  ASSERT_TRUE(
      (*db)->Exec("UPDATE warnings SET level = replace(level, '-edited', '') WHERE id = 1").ok());
  EXPECT_FALSE(edited["ok"].get<bool>());
  EXPECT_EQ(edited["warning_problems"], 1);
  EXPECT_EQ(edited["store_problems"], 0);
  ASSERT_EQ(edited["problems"].size(), 1u);
  EXPECT_NE(edited["problems"][0].get<std::string>().find("warning 1: changed since"),
            std::string::npos);
}

// A leader made an administrator in the database (not through the program)
// is named by the integrity check; so is a unit given a station by hand.
TEST_F(ApiTest, IntegrityFindsAHandEditedUserAndAssignment) {
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("UPDATE users SET role = 'admin' WHERE name = 'u_leader'").ok());
  ASSERT_TRUE((*db)
                  ->Exec("INSERT INTO unit_assets (unit, kind, code) VALUES ('TownA', "
                         "'station', 'T2')")
                  .ok());
  Json edited = Json::parse(Call("auditor", "GET", "/api/v1/integrity").body);
  // Put them back for the tests that follow in this process.
  ASSERT_TRUE((*db)->Exec("UPDATE users SET role = 'leader' WHERE name = 'u_leader'").ok());
  ASSERT_TRUE((*db)->Exec("DELETE FROM unit_assets WHERE unit = 'TownA' AND code = 'T2'").ok());
  EXPECT_FALSE(edited["ok"].get<bool>());
  EXPECT_EQ(edited["account_problems"], 2) << edited.dump();
  EXPECT_EQ(edited["store_problems"], 0);
  std::string problems = edited["problems"].dump();
  EXPECT_NE(problems.find("user u_leader: changed outside the program"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("unit TownA station T2: assigned outside the program"), std::string::npos)
      << problems;
  EXPECT_TRUE(Json::parse(Call("admin", "GET", "/api/v1/integrity").body)["ok"].get<bool>());
}

TEST_F(ApiTest, UnitAssetsListedAssignedAndRemoved) {
  const std::string base = "/api/v1/units/assets";
  ASSERT_EQ(
      Call("admin", "POST", base, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      200);
  Json list = Json::parse(Call("admin", "GET", base).body);
  bool found = false;
  for (const Json& a : list["assets"])
    found = found || (a["unit"] == "TownC" && a["code"] == "CJ01");
  EXPECT_TRUE(found);
  EXPECT_FALSE(list["stations"].empty());
  EXPECT_FALSE(list["sections"].empty());
  EXPECT_EQ(
      Call("admin", "POST", base, R"({"unit":"TownC","kind":"section","code":"NOPE"})").status,
      404);
  const std::string remove = base + "/remove";
  EXPECT_EQ(
      Call("admin", "POST", remove, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      200);
  EXPECT_EQ(
      Call("admin", "POST", remove, R"({"unit":"TownC","kind":"section","code":"CJ01"})").status,
      404);
  EXPECT_EQ(Call("admin", "POST", remove, R"({"unit":"TownC"})").status, 400);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "unit.unassign");
  EXPECT_EQ(newest["object"], "section:CJ01");
}

// The indicators' status reaches the public only once an administrator has
// published the page, with the figures of the indicators page and nothing of
// the bureau's working notes; withdrawn, it is gone again.
TEST_F(ApiTest, IndicatorStatusIsPublicOnlyOncePublished) {
  const std::string page = "/api/v1/pages/ind-status";
  const char* draft = R"({"title":"指标","kind":"indicators-summary","published":false})";
  const char* on = R"({"title":"指标","kind":"indicators-summary","published":true})";
  for (const char* who : {"analyst", "leader", "auditor", "reporter", "anonymous"}) {
    EXPECT_NE(Call(who, "PUT", page, on).status, 200) << who;
  }
  ASSERT_EQ(Call("admin", "PUT", page, draft).status, 200);
  EXPECT_EQ(Call("anonymous", "GET", page).status, 404);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/pages").body.find("ind-status"), std::string::npos);

  HttpResponse put = Call("admin", "PUT", page, on);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_NE(Call("anonymous", "GET", "/api/v1/pages").body.find("ind-status"), std::string::npos);
  HttpResponse got = Call("anonymous", "GET", page);
  ASSERT_EQ(got.status, 200) << got.body;
  Json content = Json::parse(got.body)["content"];
  Json table = Json::parse(Call("leader", "GET", "/api/v1/indicators").body);
  EXPECT_EQ(content["year"], table["year"]);
  EXPECT_EQ(content["summary"]["binding_met"], table["summary"]["binding_met"]);
  EXPECT_EQ(content["summary"]["reference_total"], table["summary"]["reference_total"]);
  std::map<std::string, Json> by_name;
  size_t judged = 0;
  for (const Json& x : table["indicators"]) {
    by_name[x["name_zh"].get<std::string>()] = x;
    if ((x["binding"] == "binding" || x["binding"] == "reference") &&
        x["verdict"] != "not_applicable") {
      ++judged;
    }
  }
  ASSERT_FALSE(content["indicators"].empty());
  EXPECT_EQ(content["indicators"].size(), judged);
  for (const Json& x : content["indicators"]) {
    const Json& mine = by_name[x["name_zh"].get<std::string>()];
    ASSERT_TRUE(mine.is_object()) << x.dump();
    EXPECT_EQ(x["verdict"], mine["verdict"]) << x.dump();
    EXPECT_EQ(x["target"], mine["target"]) << x.dump();
    EXPECT_EQ(x["unit"], mine["unit"]) << x.dump();
    // A value only when the verdict rests on it: one still in review is not published.
    if (mine["value_source"] == "") {
      EXPECT_TRUE(x["value"].is_null()) << x.dump();
    } else {
      EXPECT_EQ(x["value"], mine["value"]) << x.dump();
    }
    for (const char* internal : {"owner", "review_status", "inputs", "reason", "entry", "id"}) {
      EXPECT_FALSE(x.contains(internal)) << internal << " in " << x.dump();
    }
  }

  ASSERT_EQ(Call("admin", "PUT", page, draft).status, 200);
  EXPECT_EQ(Call("anonymous", "GET", page).status, 404);
  EXPECT_EQ(Call("admin", "PUT", page, R"({"title":"x","kind":"indicators"})").status, 400);
}

}  // namespace
}  // namespace ecociv::server
