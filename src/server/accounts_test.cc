// Users, passwords and sessions: names, password rules, the same work for
// unknown names, password changes, the last administrator, and the data
// version across logins.
#include "ecociv/server/accounts.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "accounts_test_util.h"
#include "ecociv/store/import.h"
#include "ecociv/store/summary.h"

namespace ecociv::server {
namespace {

using testing_util::kPw;
using testing_util::kTest;

using testing_util::FreshDatabase;


TEST(Accounts, Argon2idHashVerifies) {
  auto hash = HashPassword("a long enough password");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "a long enough password"));
  EXPECT_FALSE(VerifyPassword(*hash, "a long enough passwore"));
}

TEST(Accounts, RolesRoundTrip) {
  for (int i = 0; i < kRoleCount; ++i) {
    auto r = ParseRole(RoleName(static_cast<Role>(i)));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(static_cast<int>(*r), i);
  }
  EXPECT_FALSE(ParseRole("root").ok());
}

TEST(Accounts, UnitOwnsWhenAnyOwnerNamesTheUnit) {
  UnitNames water{{"水务局", "U07"}, "U07"};
  EXPECT_TRUE(UnitOwns("水务局", water));
  EXPECT_TRUE(UnitOwns("生态环境局;水务局", water));
  EXPECT_TRUE(UnitOwns("生态环境局; U07 ", water));
  EXPECT_FALSE(UnitOwns("生态环境局", water));
  EXPECT_FALSE(UnitOwns("水务", water));
  EXPECT_FALSE(UnitOwns("", water));
  EXPECT_FALSE(UnitOwns("水务局", UnitNames{}));  // a user without a unit owns nothing
}

TEST(Accounts, TokensAreRandom256Bit) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
}

// Length in characters (code points), not bytes; not only white space.
TEST(Accounts, PasswordRulesCountCharacters) {
  EXPECT_TRUE(CheckPasswordStrength("生态环境局监测科一号").ok());  // 10 characters, 30 bytes
  EXPECT_FALSE(CheckPasswordStrength("生态环境局监测科一").ok());   // 9 characters, 27 bytes
  EXPECT_FALSE(CheckPasswordStrength("short1234").ok());
  EXPECT_TRUE(CheckPasswordStrength("0123456789").ok());
  std::string cjk256, cjk257;
  for (int i = 0; i < 256; ++i) cjk256 += "水";
  cjk257 = cjk256 + "水";
  EXPECT_TRUE(CheckPasswordStrength(cjk256).ok());  // 768 bytes
  EXPECT_FALSE(CheckPasswordStrength(cjk257).ok());
  Status spaces = CheckPasswordStrength("            ");
  EXPECT_FALSE(spaces.ok());
  EXPECT_NE(spaces.message().find("only spaces"), std::string::npos);
  std::string ideographic;
  for (int i = 0; i < 10; ++i) ideographic += "\u3000";  // full-width space
  EXPECT_FALSE(CheckPasswordStrength(ideographic).ok());
  EXPECT_FALSE(CheckPasswordStrength(" \t \u00a0 \u3000    ").ok());
  EXPECT_TRUE(CheckPasswordStrength("  a        ").ok());
  EXPECT_FALSE(CheckPasswordStrength("0123456789\xff").ok());      // not UTF-8
  EXPECT_FALSE(CheckPasswordStrength("0123456789\xe6\xb0").ok());  // cut character
  EXPECT_FALSE(CheckPasswordStrength("0123456789\xc0\xaf").ok());  // overlong '/'
}

TEST(Accounts, UserNamesAndTheirFold) {
  for (const char* ok : {"admin", "wang.li", "u_1-2", "王小明", "阿依古丽·买买提"}) {
    EXPECT_TRUE(ValidUserName(ok)) << ok;
  }
  for (const char* bad : {"", "a b", "a/b", "Ａｄｍｉｎ", "аdmin" /* Cyrillic а */, "x\xff"}) {
    EXPECT_FALSE(ValidUserName(bad)) << bad;
  }
  EXPECT_FALSE(ValidUserName(std::string(65, 'a')));
  EXPECT_EQ(FoldUserName("Admin.X_王"), "admin.x_王");
}

// "Admin" and "admin" are one name.
TEST(Accounts, UserNamesAreUniqueRegardlessOfCase) {
  auto db = FreshDatabase();
  ASSERT_TRUE(AddUser(db.get(), "admin", Role::kAdmin, "", kPw, kTest).ok());
  auto again = AddUser(db.get(), "Admin", Role::kLeader, "", kPw, kTest);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("already exists as 'admin'"), std::string::npos);
  EXPECT_FALSE(AddUser(db.get(), "admin", Role::kLeader, "", kPw, kTest).ok());
  EXPECT_EQ(ListUsers(db.get())->size(), 1u);
  // Login is by the exact name.
  EXPECT_FALSE(Login(db.get(), "ADMIN", kPw, "10.0.0.1").ok());
  EXPECT_TRUE(Login(db.get(), "admin", kPw, "10.0.0.1").ok());
}

// An unknown name costs the same Argon2id verification as a wrong password
// (a dummy hash), so the time of a login does not tell which names exist.
TEST(Accounts, UnknownUserDoesTheSamePasswordWork) {
  auto db = FreshDatabase();
  ASSERT_TRUE(AddUser(db.get(), "alice", Role::kLeader, "", kPw, kTest).ok());
  ASSERT_TRUE(AddUser(db.get(), "dora", Role::kLeader, "", kPw, kTest).ok());
  ASSERT_TRUE(SetUserDisabled(db.get(), "dora", true, kTest).ok());
  (void)Login(db.get(), "nobody", "warm up the dummy hash", "10.0.0.1");
  for (const char* name : {"nobody", "alice", "dora"}) {
    int64_t before = PasswordVerifications();
    auto session =
        Login(db.get(), name, std::string(name) == "alice" ? "wrong password!" : kPw, "10.0.0.1");
    ASSERT_FALSE(session.ok()) << name;
    EXPECT_EQ(session.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(session.status().message(), "wrong user name or password");
    EXPECT_EQ(PasswordVerifications() - before, 1) << name;
  }
  // And measured, generously: the fastest unknown-name login takes at least
  // half the time of the fastest wrong-password login. The two are timed in
  // turn, so that a busy moment of a loaded machine (other tests run beside
  // this one) slows both, not one.
  auto wrong = std::chrono::nanoseconds::max(), unknown = wrong;
  auto time_login = [&](const char* name, std::chrono::nanoseconds* best) {
    auto start = std::chrono::steady_clock::now();
    (void)Login(db.get(), name, "wrong password!", "10.0.0.1");
    *best = std::min(*best, std::chrono::nanoseconds(std::chrono::steady_clock::now() - start));
  };
  for (int i = 0; i < 5; ++i) {
    time_login("alice", &wrong);
    time_login("nobody", &unknown);
  }
  EXPECT_GE(unknown * 2, wrong) << "unknown " << unknown.count() << " ns, wrong password "
                                << wrong.count() << " ns";
}

// A change of password: the current one must match, the new one differ;
// the user's other sessions end, the one it was made in stays.
TEST(Accounts, PasswordChangeEndsTheOtherSessions) {
  auto db = FreshDatabase();
  ASSERT_TRUE(AddUser(db.get(), "alice", Role::kLeader, "", kPw, kTest).ok());
  auto here = Login(db.get(), "alice", kPw, "10.0.0.1");
  auto there = Login(db.get(), "alice", kPw, "10.0.0.2");
  ASSERT_TRUE(here.ok() && there.ok());
  Status wrong = ChangePassword(db.get(), *here, "not the password", "another password 1");
  EXPECT_EQ(wrong.code(), StatusCode::kPermissionDenied);
  Status same = ChangePassword(db.get(), *here, kPw, kPw);
  EXPECT_EQ(same.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(same.message().find("differ"), std::string::npos);
  EXPECT_EQ(ChangePassword(db.get(), *here, kPw, "          ").code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(LookupSession(db.get(), there->id).ok()) << "refused changes end nothing";
  ASSERT_TRUE(ChangePassword(db.get(), *here, kPw, "another password 1").ok());
  EXPECT_TRUE(LookupSession(db.get(), here->id).ok());
  EXPECT_FALSE(LookupSession(db.get(), there->id).ok());
  EXPECT_FALSE(Login(db.get(), "alice", kPw, "10.0.0.1").ok());
  EXPECT_TRUE(Login(db.get(), "alice", "another password 1", "10.0.0.1").ok());
}

// Roles, disabling and resets, each recorded; the last enabled administrator
// can be neither demoted nor disabled.
TEST(Accounts, AdministrationKeepsAnAdministrator) {
  auto db = FreshDatabase();
  ASSERT_TRUE(AddUser(db.get(), "root", Role::kAdmin, "", kPw, kTest).ok());
  Status demote = SetUserRole(db.get(), "root", Role::kLeader, "", kTest);
  EXPECT_EQ(demote.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(demote.message().find("last enabled administrator"), std::string::npos);
  EXPECT_EQ(SetUserDisabled(db.get(), "root", true, kTest).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(AddUser(db.get(), "second", Role::kLeader, "", kPw, kTest).ok());
  EXPECT_EQ(SetUserRole(db.get(), "second", Role::kReporter, "", kTest).code(),
            StatusCode::kInvalidArgument);  // a reporter needs a unit
  ASSERT_TRUE(SetUserRole(db.get(), "second", Role::kAdmin, "ignored", kTest).ok());
  EXPECT_EQ(FindUser(db.get(), "second")->unit, "");
  auto session = Login(db.get(), "root", kPw, "10.0.0.1");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(SetUserDisabled(db.get(), "root", true, kTest).ok());
  EXPECT_FALSE(LookupSession(db.get(), session->id).ok()) << "disabling ends the sessions";
  EXPECT_EQ(SetUserDisabled(db.get(), "second", true, kTest).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(SetUserDisabled(db.get(), "root", false, kTest).ok());
  ASSERT_TRUE(SetUserRole(db.get(), "second", Role::kReporter, "水务局", kTest).ok());
  EXPECT_EQ(FindUser(db.get(), "second")->unit, "水务局");
  auto other = Login(db.get(), "second", kPw, "10.0.0.1");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(ResetPassword(db.get(), "second", "a reset password", kTest).ok());
  EXPECT_FALSE(LookupSession(db.get(), other->id).ok());
  EXPECT_TRUE(Login(db.get(), "second", "a reset password", "10.0.0.1").ok());
  EXPECT_EQ(ResetPassword(db.get(), "nobody", "a reset password", kTest).code(),
            StatusCode::kNotFound);
  std::vector<std::string> actions;
  auto log = store::ReadLog(db.get());
  ASSERT_TRUE(log.ok());
  for (const auto& e : *log) actions.push_back(e.action);
  for (const char* action : {"user.role", "user.disable", "user.enable", "user.password"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
}

// A login (and a logout, and account changes) appends to the change record
// but leaves the data version, so the server's cached results stay; an
// import moves it.
TEST(Accounts, LoginLeavesTheDataVersionAndAnImportMovesIt) {
  auto db = FreshDatabase();
  ASSERT_TRUE(AddUser(db.get(), "alice", Role::kAdmin, "", kPw, kTest).ok());
  const std::string stations =
      ::testing::TempDir() + "/ecociv_accounts." + std::to_string(getpid()) + ".stations.csv";
  std::ofstream(stations) << "station,name,city,lon,lat\nA,城北,测试市,120.5,31.9\n";
  ASSERT_TRUE(store::ImportStationsFile(db.get(), stations, store::ImportOptions()).ok());
  int64_t version = *store::DataVersion(db.get());
  int64_t entries = store::ReadLog(db.get())->size();
  auto session = Login(db.get(), "alice", kPw, "10.0.0.1");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(ChangePassword(db.get(), *session, kPw, "another password 1").ok());
  ASSERT_TRUE(AssignAsset(db.get(), "TownA", "station", "A", kTest).ok());
  ASSERT_TRUE(Logout(db.get(), *session).ok());
  EXPECT_GT(static_cast<int64_t>(store::ReadLog(db.get())->size()), entries);
  EXPECT_EQ(*store::DataVersion(db.get()), version);
  std::ofstream(stations) << "station,name,city,lon,lat\nB,城南,测试市,120.6,31.8\n";
  ASSERT_TRUE(store::ImportStationsFile(db.get(), stations, store::ImportOptions()).ok());
  EXPECT_GT(*store::DataVersion(db.get()), version);
}

}  // namespace
}  // namespace ecociv::server
