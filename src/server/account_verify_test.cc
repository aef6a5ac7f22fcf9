// Users, unit assignments and published pages against the change record:
// every hand edit is named; users from before row digests are checked by
// their entries' text until `db init` records their digests.
#include "ecociv/server/account_verify.h"

#include <gtest/gtest.h>

#include "accounts_test_util.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/pages.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/import.h"

namespace ecociv::server {
namespace {

using testing_util::kPw;
using testing_util::kTest;

using testing_util::FreshDatabase;


std::vector<std::string> Problems(store::Database* db) {
  auto problems = VerifyAccounts(db);
  EXPECT_TRUE(problems.ok()) << problems.status().ToString();
  return problems.ok() ? *problems : std::vector<std::string>{"error"};
}

// Runs `edit`, checks that verification names `expected` (one problem), then
// runs `undo` and checks it is clean again.
void ExpectFound(store::Database* db, const std::string& edit, const std::string& undo,
                 const std::string& expected) {
  ASSERT_TRUE(db->Exec(edit).ok()) << edit;
  auto found = Problems(db);
  ASSERT_EQ(found.size(), 1u) << edit << ": " << ::testing::PrintToString(found);
  EXPECT_NE(found[0].find(expected), std::string::npos) << found[0];
  ASSERT_TRUE(db->Exec(undo).ok()) << undo;
  EXPECT_TRUE(Problems(db).empty()) << "after " << undo;
}

class AccountVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = FreshDatabase(&path_);
    ASSERT_TRUE(AddUser(db_.get(), "root", Role::kAdmin, "", kPw, kTest).ok());
    ASSERT_TRUE(AddUser(db_.get(), "boss", Role::kLeader, "", kPw, kTest).ok());
    ASSERT_TRUE(AddUser(db_.get(), "town", Role::kReporter, "TownA", kPw, kTest).ok());
    ASSERT_TRUE(SetUserRole(db_.get(), "town", Role::kReporter, "TownB", kTest).ok());
    ASSERT_TRUE(SetUserDisabled(db_.get(), "boss", true, kTest).ok());
    ASSERT_TRUE(SetUserDisabled(db_.get(), "boss", false, kTest).ok());
    auto session = Login(db_.get(), "town", kPw, "10.0.0.1");
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(ChangePassword(db_.get(), *session, kPw, "a new password!").ok());
    const std::string stations = ::testing::TempDir() + "/ecociv_accounts." +
                                 std::to_string(getpid()) + ".verify-stations.csv";
    FILE* f = std::fopen(stations.c_str(), "w");
    ASSERT_NE(f, nullptr) << stations;
    std::fputs("station,name,city,lon,lat\nA,城北,测试市,120.5,31.9\nB,城南,测试市,121,31\n", f);
    std::fclose(f);
    ASSERT_TRUE(store::ImportStationsFile(db_.get(), stations, store::ImportOptions()).ok());
    ASSERT_TRUE(AssignAsset(db_.get(), "TownB", "station", "A", kTest).ok());
    ASSERT_TRUE(AssignAsset(db_.get(), "TownB", "station", "B", kTest).ok());
    ASSERT_TRUE(UnassignAsset(db_.get(), "TownB", "station", "B", kTest).ok());
    ASSERT_TRUE(PublishPage(db_.get(), "air", "空气", "air-summary", true, kTest).ok());
    ASSERT_TRUE(PublishPage(db_.get(), "water", "水", "water-summary", true, kTest).ok());
    ASSERT_TRUE(PublishPage(db_.get(), "water", "水", "water-summary", false, kTest).ok());
  }
  std::string path_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(AccountVerify, CleanAfterEveryKindOfChange) { EXPECT_TRUE(Problems(db_.get()).empty()); }

TEST_F(AccountVerify, NamesUserRowsEditedOutsideTheProgram) {
  ExpectFound(db_.get(), "UPDATE users SET role = 'admin' WHERE name = 'boss'",
              "UPDATE users SET role = 'leader' WHERE name = 'boss'",
              "user boss: changed outside the program (does not match change-record entry");
  ExpectFound(db_.get(), "UPDATE users SET disabled = 1 WHERE name = 'root'",
              "UPDATE users SET disabled = 0 WHERE name = 'root'", "user root: changed");
  ExpectFound(db_.get(), "UPDATE users SET unit = 'TownA' WHERE name = 'town'",
              "UPDATE users SET unit = 'TownB' WHERE name = 'town'", "user town: changed");
  // A password hash replaced (by one whose password the editor knows).
  ExpectFound(db_.get(), "UPDATE users SET password_hash = password_hash || 'x' WHERE id = 1",
              "UPDATE users SET password_hash = substr(password_hash, 1, "
              "length(password_hash) - 1) WHERE id = 1",
              "user root: changed");
}

TEST_F(AccountVerify, NamesUsersInsertedOrDeleted) {
  ExpectFound(db_.get(),
              "INSERT INTO users (name, role, password_hash, created_at) VALUES "
              "('intruder', 'admin', 'x', 't')",
              "DELETE FROM users WHERE name = 'intruder'",
              "user intruder: not in the change record (added outside the program)");
  ASSERT_TRUE(db_->Exec("DELETE FROM sessions").ok());
  ASSERT_TRUE(db_->Exec("DELETE FROM users WHERE name = 'boss'").ok());
  auto found = Problems(db_.get());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("user boss: deleted outside the program"), std::string::npos);
}

TEST_F(AccountVerify, NamesUnitAssignmentsAndPagesEditedOutsideTheProgram) {
  ExpectFound(db_.get(),
              "INSERT INTO unit_assets (unit, kind, code) VALUES ('TownB', 'station', 'B')",
              "DELETE FROM unit_assets WHERE code = 'B'",
              "unit TownB station B: assigned outside the program");
  ExpectFound(db_.get(), "DELETE FROM unit_assets WHERE code = 'A'",
              "INSERT INTO unit_assets (unit, kind, code) VALUES ('TownB', 'station', 'A')",
              "unit TownB station A: removed outside the program");
  ExpectFound(db_.get(), "UPDATE published_pages SET published = 1 WHERE slug = 'water'",
              "UPDATE published_pages SET published = 0 WHERE slug = 'water'",
              "page water: changed outside the program");
  ExpectFound(db_.get(), "UPDATE published_pages SET title = 'x' WHERE slug = 'air'",
              "UPDATE published_pages SET title = '空气' WHERE slug = 'air'", "page air: changed");
  ExpectFound(db_.get(),
              "INSERT INTO published_pages (slug, title, kind, updated_at) VALUES ('p', 't', "
              "'air-summary', 'now')",
              "DELETE FROM published_pages WHERE slug = 'p'", "page p: not in the change record");
}

// A user whose entries were written before row digests (schema < 7) is
// checked by the text of its entry until `db init` records its digest;
// from then on its whole row is bound.
TEST(AccountVerifyLegacy, TextEntriesThenRecordedDigests) {
  auto db = FreshDatabase();
  auto add_legacy = [&](const std::string& name, const std::string& role, const std::string& unit) {
    ASSERT_TRUE(db->Exec("INSERT INTO users (name, role, unit, password_hash, created_at) "
                         "VALUES ('" +
                         name + "', '" + role + "', '" + unit + "', '" + *HashPassword(kPw) +
                         "', '2025-01-01T00:00:00Z')")
                    .ok());
    store::LogEntry e;
    e.who = "old";
    e.action = "user.add";
    e.object = "user:" + name;
    e.detail = "role " + role + (unit.empty() ? "" : ", unit " + unit);
    e.payload_sha256 = store::Sha256Hex(e.action + "\n" + e.object + "\n" + e.detail);
    ASSERT_TRUE(store::AppendLogEntry(db.get(), e).ok());
  };
  add_legacy("old_admin", "admin", "");
  add_legacy("old_town", "reporter", "TownA");
  add_legacy("old_boss", "leader", "");
  EXPECT_TRUE(Problems(db.get()).empty());
  ASSERT_TRUE(db->Exec("UPDATE users SET role = 'admin' WHERE name = 'old_boss'").ok());
  auto found = Problems(db.get());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("user old_boss: changed"), std::string::npos);
  // Digests are recorded for the users that agree with the record only.
  auto recorded = RecordUserDigests(db.get(), kTest);
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(*recorded, 2);
  EXPECT_EQ(*RecordUserDigests(db.get(), kTest), 0) << "once";
  EXPECT_EQ(Problems(db.get()).size(), 1u) << "old_boss is still reported";
  ASSERT_TRUE(db->Exec("UPDATE users SET role = 'leader' WHERE name = 'old_boss'").ok());
  EXPECT_TRUE(Problems(db.get()).empty());
  ASSERT_TRUE(db->Exec("UPDATE users SET password_hash = 'x' WHERE name = 'old_admin'").ok());
  found = Problems(db.get());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("user old_admin: changed"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::server
