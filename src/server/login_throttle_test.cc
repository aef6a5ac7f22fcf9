// The login throttle in the database, `user unlock`, and the client address
// behind trusted proxies.
#include "ecociv/server/login_throttle.h"

#include <gtest/gtest.h>

#include "accounts_test_util.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/summary.h"

namespace ecociv::server {
namespace {

using testing_util::FreshDatabase;

constexpr int64_t kNow = 1'800'000'000;

// A failed attempt: started and not succeeded.
bool Fail(const LoginThrottle& t, store::Database* db, const std::string& name,
          const std::string& address, int64_t now = kNow) {
  auto attempt = t.Start(db, name, address, now);
  EXPECT_TRUE(attempt.ok()) << attempt.status().ToString();
  return attempt.ok() && attempt->allowed;
}

bool Allowed(const LoginThrottle& t, store::Database* db, const std::string& name,
             const std::string& address, int64_t now = kNow) {
  auto attempt = t.Start(db, name, address, now);
  EXPECT_TRUE(attempt.ok()) << attempt.status().ToString();
  if (!attempt.ok() || !attempt->allowed) return false;
  EXPECT_TRUE(t.Succeeded(db, *attempt, name, address).ok());
  return true;
}

// Failures of one name from one address block that pair only: the same user
// from elsewhere, and other users from that address, may still log in.
TEST(LoginThrottle, BlocksTheNameFromTheAddressOnly) {
  auto db = FreshDatabase();
  LoginThrottle t(ThrottleLimits{3, 10, 60});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Fail(t, db.get(), "admin", "203.0.113.9"));
  auto refused = t.Start(db.get(), "admin", "203.0.113.9", kNow + 10);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->allowed);
  EXPECT_EQ(refused->retry_after_seconds, 50);  // the oldest of the 3 leaves the window
  EXPECT_FALSE(t.Start(db.get(), "ADMIN", "203.0.113.9", kNow)->allowed) << "names fold";
  EXPECT_TRUE(Allowed(t, db.get(), "admin", "10.1.1.1"));
  EXPECT_TRUE(Allowed(t, db.get(), "bob", "203.0.113.9"));
  EXPECT_TRUE(Allowed(t, db.get(), "admin", "203.0.113.9", kNow + 61)) << "the window passed";
}

// Many names from one address: the looser per-address limit.
TEST(LoginThrottle, BlocksAnAddressTryingManyNames) {
  auto db = FreshDatabase();
  LoginThrottle t(ThrottleLimits{3, 10, 60});
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(Fail(t, db.get(), "user" + std::to_string(i), "198.51.100.1"));
  EXPECT_FALSE(t.Start(db.get(), "someone", "198.51.100.1", kNow)->allowed);
  EXPECT_TRUE(Allowed(t, db.get(), "someone", "198.51.100.2"));
}

// A success forgets the failures of that name from that address (not those
// of the address under other names).
TEST(LoginThrottle, SuccessForgetsThePair) {
  auto db = FreshDatabase();
  LoginThrottle t(ThrottleLimits{3, 5, 60});
  EXPECT_TRUE(Fail(t, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Fail(t, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Fail(t, db.get(), "mallory", "10.0.0.1"));
  EXPECT_TRUE(Allowed(t, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Fail(t, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Fail(t, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Allowed(t, db.get(), "alice", "10.0.0.1")) << "2 failures since the success";
  auto rows = ListLoginFailures(db.get(), kNow, 60);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].name_key, "mallory");
}

// The recovery: `ecociv user unlock` forgets a name's failures from every
// address (and an address's), recorded, without changing the data version.
TEST(LoginThrottle, UnlockClearsANameOrAnAddress) {
  auto db = FreshDatabase();
  LoginThrottle t(ThrottleLimits{3, 5, 900});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Fail(t, db.get(), "Admin", "10.0.0.1"));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(Fail(t, db.get(), "x" + std::to_string(i), "10.0.0.2"));
  EXPECT_FALSE(t.Start(db.get(), "admin", "10.0.0.1", kNow)->allowed);
  EXPECT_FALSE(t.Start(db.get(), "admin", "10.0.0.2", kNow)->allowed);
  int64_t version = *store::DataVersion(db.get());
  EXPECT_FALSE(UnlockLogins(db.get(), "", "", store::Actor{"ops", ""}).ok());
  auto removed = UnlockLogins(db.get(), "admin", "", store::Actor{"ops", "locked out"});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 3);
  EXPECT_TRUE(Allowed(t, db.get(), "admin", "10.0.0.1"));
  EXPECT_FALSE(t.Start(db.get(), "admin", "10.0.0.2", kNow)->allowed) << "the address is blocked";
  EXPECT_EQ(*UnlockLogins(db.get(), "", "10.0.0.2", store::Actor{"ops", ""}), 5);
  EXPECT_TRUE(Allowed(t, db.get(), "admin", "10.0.0.2"));
  auto log = store::ReadLog(db.get());
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "user.unlock");
  EXPECT_EQ((*log)[0].object, "user:admin");
  EXPECT_EQ((*log)[0].why, "locked out");
  EXPECT_EQ((*log)[1].object, "address:10.0.0.2");
  EXPECT_EQ(*store::DataVersion(db.get()), version);
}

// The state is in the database: a second server on it (another connection,
// another LoginThrottle) sees the same failures.
TEST(LoginThrottle, SharedByConnectionsToOneDatabase) {
  std::string path;
  auto db = FreshDatabase(&path);
  auto other = store::OpenDatabase(path, store::OpenOptions{});
  ASSERT_TRUE(other.ok());
  LoginThrottle a(ThrottleLimits{2, 10, 60}), b(ThrottleLimits{2, 10, 60});
  EXPECT_TRUE(Fail(a, db.get(), "alice", "10.0.0.1"));
  EXPECT_TRUE(Fail(b, other->get(), "alice", "10.0.0.1"));
  EXPECT_FALSE(a.Start(db.get(), "alice", "10.0.0.1", kNow)->allowed);
  EXPECT_FALSE(b.Start(other->get(), "alice", "10.0.0.1", kNow)->allowed);
}

// IPv6 clients count by their /64 network.
TEST(LoginThrottle, Ipv6CountsByNetwork) {
  EXPECT_EQ(ThrottleAddressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ThrottleAddressKey("2001:DB8:1:2:bbbb::9"), "2001:db8:1:2::/64");
  EXPECT_EQ(ThrottleAddressKey("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(ThrottleAddressKey("::ffff:10.0.0.1"), "10.0.0.1");
  auto db = FreshDatabase();
  LoginThrottle t(ThrottleLimits{2, 10, 60});
  EXPECT_TRUE(Fail(t, db.get(), "alice", "2001:db8:1:2::1"));
  EXPECT_TRUE(Fail(t, db.get(), "alice", "2001:db8:1:2::2"));
  EXPECT_FALSE(t.Start(db.get(), "alice", "2001:db8:1:2::3", kNow)->allowed);
  EXPECT_TRUE(Allowed(t, db.get(), "alice", "2001:db8:1:3::1"));
}

TEST(ClientAddress, TheForwardedHopOnlyFromATrustedProxy) {
  const std::vector<std::string> proxy = {"127.0.0.1"};
  // Not behind a trusted proxy: the header is whatever the client wrote.
  EXPECT_EQ(ClientAddress("198.51.100.7", "203.0.113.5", proxy), "198.51.100.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.5", {}), "127.0.0.1");
  // Behind it: the hop the proxy appended (the last), not what the client sent.
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.5", proxy), "203.0.113.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.5", proxy), "203.0.113.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4,203.0.113.5 ", proxy), "203.0.113.5");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", "203.0.113.5", proxy), "203.0.113.5");
  EXPECT_EQ(ClientAddress("127.0.0.1", "2001:DB8::1", proxy), "2001:db8::1");
  // Two proxies in a row, both trusted: the hop before the inner one.
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.9", {"127.0.0.1", "10.0.0.9"}),
            "203.0.113.5");
  // No header, an empty one, or a hop that is not an address: the proxy.
  EXPECT_EQ(ClientAddress("127.0.0.1", "", proxy), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", " , ", proxy), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "1.2.3.4, unknown", proxy), "127.0.0.1");
  EXPECT_EQ(NormalizeAddress("not an address"), "");
  EXPECT_EQ(NormalizeAddress("0:0:0:0:0:0:0:1"), "::1");
}

}  // namespace
}  // namespace ecociv::server
