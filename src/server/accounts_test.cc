#include "ecociv/server/accounts.h"

#include <gtest/gtest.h>

namespace ecociv::server {
namespace {

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

TEST(Accounts, ThrottleBlocksThenForgets) {
  LoginThrottle t(3, 10, std::chrono::seconds(60));
  auto now = LoginThrottle::Clock::now();
  for (int i = 0; i < 3; ++i) t.RecordFailure("bob", "1.2.3.4", now);
  EXPECT_FALSE(t.Allowed("bob", "5.6.7.8", now));
  EXPECT_TRUE(t.Allowed("alice", "5.6.7.8", now));
  EXPECT_TRUE(t.Allowed("bob", "5.6.7.8", now + std::chrono::seconds(61)));
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

}  // namespace
}  // namespace ecociv::server
