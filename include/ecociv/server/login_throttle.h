// The login throttle and the client address it counts by.
//
// Failed logins are rows of the database (table login_failures: the folded
// user name, the client's address key, the time), so every server on one
// database shares them and `ecociv user unlock` can clear them. Within a
// window (15 minutes), a login is refused (HTTP 429 with Retry-After) when
//   - the same user name has failed `per_name_and_address` times (5) from
//     the same address, or
//   - the address has failed `per_address` times (20) under any names.
// Failures of one name from other addresses never block it, so an attacker
// elsewhere cannot lock a user (or the last administrator) out; a user
// blocked from its own address is unblocked by `ecociv user unlock --name N`
// (and `--address A` when the address itself is blocked), or by waiting.
//
// An attempt is counted before the password is checked (Start), inside one
// transaction with the count, so concurrent guesses cannot exceed the limits;
// a successful login takes it back (Succeeded) with the earlier failures of
// that name from that address.
//
// The address: behind a reverse proxy every request comes from the proxy, so
// `ecociv serve --trusted-proxy ADDR` names the proxies whose X-Forwarded-For
// is believed (ClientAddress). IPv6 clients are counted by their /64 network
// (ThrottleAddressKey), the smallest block one subscriber usually holds.
//
// Thread safety: LoginThrottle is immutable after construction; its
// functions take a Database the caller uses exclusively. The free functions
// are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

struct ThrottleLimits {
  int per_name_and_address = 5;
  int per_address = 20;
  int64_t window_seconds = 15 * 60;
};

// One login attempt as the throttle saw it.
struct LoginAttempt {
  bool allowed = true;
  int64_t retry_after_seconds = 0;  // when refused: until the window frees a place
  int64_t id = 0;                   // the attempt's row (allowed attempts)
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}
  // Whether `name` may try to log in from `address` at `now` (UTC seconds);
  // when it may, the attempt is recorded as a failure until Succeeded.
  // Failures older than the window are purged.
  StatusOr<LoginAttempt> Start(store::Database* db, const std::string& name,
                               const std::string& address, int64_t now) const;
  // The attempt succeeded: it and the earlier failures of `name` from
  // `address` are forgotten (those of other names from the address stay).
  Status Succeeded(store::Database* db, const LoginAttempt& attempt, const std::string& name,
                   const std::string& address) const;
  const ThrottleLimits& limits() const { return limits_; }

 private:
  ThrottleLimits limits_;
};

// `ecociv user unlock`: forgets the failed logins of a user name (from every
// address; `name` may be "") and/or of an address (`address` may be "";
// ThrottleAddressKey is applied). Entry "user.unlock". Returns how many
// failures were forgotten; InvalidArgument when both are empty.
StatusOr<int64_t> UnlockLogins(store::Database* db, const std::string& name,
                               const std::string& address, const store::Actor& actor);

// A currently counted failure, for `ecociv user unlock --list`.
struct LoginFailureCount {
  std::string name_key, address;
  int64_t failures = 0;
  int64_t last_at = 0;  // UTC seconds
};
StatusOr<std::vector<LoginFailureCount>> ListLoginFailures(store::Database* db, int64_t now,
                                                           int64_t window_seconds);

// The client's address: `peer` (the socket's) unless it is one of
// `trusted_proxies`, in which case the X-Forwarded-For hops (`forwarded_for`,
// every header joined by ", ") are read from the right, skipping those that
// are trusted proxies too, and the first other one is the client. A peer that
// is not trusted is the client whatever the header says; a hop that is not
// an IP address ends the walk at the last trusted one. Addresses are
// normalised ("::ffff:10.0.0.1" is "10.0.0.1", IPv6 in its short form).
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);
// An IP address in its normal form; "" when `text` is not one.
std::string NormalizeAddress(const std::string& text);
// The key the throttle counts an address under: an IPv4 address itself, an
// IPv6 address its /64 network ("2001:db8:1:2::/64"); other text as it is.
std::string ThrottleAddressKey(const std::string& address);

}  // namespace ecociv::server
