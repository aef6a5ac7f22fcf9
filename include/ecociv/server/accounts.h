// Accounts of the web platform: users with a role (and, for unit reporters,
// a unit), Argon2id password hashes (libsodium crypto_pwhash_str), login
// sessions identified by random 256-bit ids of which only a hash is stored,
// a CSRF token per session, and a login throttle.
//
// Every change (a user added, a password changed, a login, a logout, a unit
// given a station or section) appends a change-record entry in the same
// transaction (change_log.h).
//
// Thread safety: the functions taking a Database need exclusive use of it;
// LoginThrottle is internally synchronised and may be shared by threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

enum class Role { kAdmin, kAnalyst, kReporter, kLeader, kAuditor };
inline constexpr int kRoleCount = 5;

const char* RoleName(Role role);  // "admin", "analyst", "reporter", "leader", "auditor"
StatusOr<Role> ParseRole(std::string_view name);

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::kLeader;
  std::string unit;  // the reporting unit (reporters); empty for the others
  bool disabled = false;
};

// At least 10 characters; InvalidArgument naming the rule otherwise.
Status CheckPasswordStrength(const std::string& password);
// An Argon2id hash string ("$argon2id$v=19$m=...") of `password`.
StatusOr<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// 32 random bytes as 64 hex digits.
std::string RandomToken();

// Adds a user. Names are 1..64 characters of letters, digits, '_', '-', '.'
// or CJK; a reporter needs a unit. FailedPrecondition when the name exists.
StatusOr<User> AddUser(store::Database* db, const std::string& name, Role role,
                       const std::string& unit, const std::string& password,
                       const store::Actor& actor);
StatusOr<User> FindUser(store::Database* db, const std::string& name);
StatusOr<std::vector<User>> ListUsers(store::Database* db);
// Checks `old_password`, then stores the new hash and ends the user's other sessions.
Status ChangePassword(store::Database* db, const User& user, const std::string& old_password,
                      const std::string& new_password);

struct Session {
  std::string id;  // the raw id: only known when the session is created
  std::string csrf;
  User user;
};
inline constexpr int64_t kSessionSeconds = 8 * 3600;

// Checks the password and opens a session. Unauthenticated (one message for
// an unknown user, a wrong password and a disabled user).
StatusOr<Session> Login(store::Database* db, const std::string& name, const std::string& password,
                        const std::string& address);
// The live session with this raw id; Unauthenticated when none.
StatusOr<Session> LookupSession(store::Database* db, const std::string& raw_id);
Status Logout(store::Database* db, const Session& session);

// Gives a unit a station or section ("station" / "section") to report on.
Status AssignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                   const std::string& code, const store::Actor& actor);
// The codes of one kind that a unit reports on.
StatusOr<std::vector<std::string>> UnitAssets(store::Database* db, const std::string& unit,
                                              const std::string& kind);
// Takes a station or section back from a unit (NotFound when not assigned);
// change record "unit.unassign".
Status UnassignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                     const std::string& code, const store::Actor& actor);
// Every assignment, by unit, kind and code.
struct UnitAsset {
  std::string unit, kind, code;
};
StatusOr<std::vector<UnitAsset>> ListUnitAssets(store::Database* db);
// The station or section codes in the store ("station" / "section"), sorted:
// what may be given to a unit.
StatusOr<std::vector<std::string>> AssignableCodes(store::Database* db, const std::string& kind);

// The names a user's unit goes by: the unit text itself and, when it is the
// code or the name of an indicators unit (indicators::ListUnits), that
// unit's code and name. `code` is that unit's code, else the unit text.
struct UnitNames {
  std::set<std::string> names;
  std::string code;
};
StatusOr<UnitNames> NamesOfUnit(store::Database* db, const std::string& unit);
// Whether an owner text — unit names separated by ';', e.g. "生态环境局;水务局"
// (an indicator's owners, a project's or a warning's unit) — names the unit.
bool UnitOwns(const std::string& owner, const UnitNames& unit);

// Counts failed logins per user name and per address in a sliding window;
// a key with too many failures is refused until the window has passed.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  LoginThrottle(int max_per_user = 5, int max_per_address = 20,
                std::chrono::seconds window = std::chrono::minutes(15))
      : max_per_user_(max_per_user), max_per_address_(max_per_address), window_(window) {}
  // False when the user or the address is currently blocked.
  bool Allowed(const std::string& user, const std::string& address, Clock::time_point now);
  void RecordFailure(const std::string& user, const std::string& address, Clock::time_point now);
  void RecordSuccess(const std::string& user);

 private:
  int Count(const std::string& key, Clock::time_point now);
  std::mutex mu_;
  int max_per_user_, max_per_address_;
  std::chrono::seconds window_;
  std::map<std::string, std::vector<Clock::time_point>> failures_;
};

}  // namespace ecociv::server
