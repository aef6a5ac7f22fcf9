// Accounts of the web platform: users with a role (and, for unit reporters,
// a unit), Argon2id password hashes (libsodium crypto_pwhash_str), login
// sessions identified by random 256-bit ids of which only a hash is stored,
// a CSRF token per session, and the stations and sections a unit reports on.
// The login throttle is login_throttle.h; the check of users, unit
// assignments and published pages against the change record is
// account_verify.h.
//
// Every change (a user added, a password, role or disabled flag changed, a
// login, a logout, a unit given a station or section) appends a change-record
// entry in the same transaction (change_log.h). The entry of a change to a
// user row ("user.add", "user.password", "user.role", "user.disable",
// "user.enable", "user.digest") has the digest of the row as it left it
// (UserRowDigest, account_verify.h) as its payload, so `db verify` finds a
// row edited outside the program. Every account entry's action begins with
// "session.", "user." or "unit.": such entries leave the data version
// (store/summary.h) as it is.
//
// Thread safety: the functions taking a Database need exclusive use of it;
// the others are thread-safe.
#pragma once

#include <cstdint>
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
  // The region the user works for (store/regions.h): it sees that region's
  // subtree only. The root region (the whole store) for a one-city store.
  std::string region = "000000";
};

// A user name: 1..64 bytes of ASCII letters, digits, '_', '-', '.', CJK
// ideographs (U+3400..U+4DBF, U+4E00..U+9FFF, U+F900..U+FAFF) and the middle
// dot '·' (U+00B7) of transcribed names. Other scripts are refused, so that
// ASCII case folding (FoldUserName) is all the folding names need.
bool ValidUserName(std::string_view name);
// The name with its ASCII letters lowered: names are unique under this fold
// ("Admin" and "admin" cannot both exist; store migration 7 enforces it) and
// the login throttle counts per folded name.
std::string FoldUserName(std::string_view name);

// A password is UTF-8 text of 10..256 characters (code points, not bytes:
// "生态环境局监测科一号" is 10) and not only white space; InvalidArgument
// naming the rule otherwise.
Status CheckPasswordStrength(const std::string& password);
// An Argon2id hash string ("$argon2id$v=19$m=...") of `password`, at
// libsodium's interactive cost (64 MiB, 2 passes) — the cost an attacker with
// the users table pays per guess.
StatusOr<std::string> HashPassword(const std::string& password);
// For test programs only (the ecociv program never calls it): new hashes at
// libsodium's minimum cost (8 KiB, 1 pass), so that a suite that makes and
// logs in many accounts in every test process spends microseconds, not
// seconds, on hashing. Verification follows the cost written in each hash.
void UseMinimalPasswordHashCostForTests();
bool VerifyPassword(const std::string& hash, const std::string& password);
// How many times VerifyPassword has run in this process. Every login runs it
// exactly once, for an unknown or disabled user too, so that the time a login
// takes does not tell which names exist. For tests.
int64_t PasswordVerifications();
// 32 random bytes as 64 hex digits.
std::string RandomToken();

// Adds a user (ValidUserName; a reporter needs a unit, the other roles have
// none) in `region` (an existing region, store/regions.h; the root, the whole
// store, by default). FailedPrecondition when the name exists in any letter
// case; NotFound for an unknown region.
StatusOr<User> AddUser(store::Database* db, const std::string& name, Role role,
                       const std::string& unit, const std::string& password,
                       const store::Actor& actor, const std::string& region = "000000");
// The user of exactly this name; NotFound otherwise.
StatusOr<User> FindUser(store::Database* db, const std::string& name);
StatusOr<std::vector<User>> ListUsers(store::Database* db);

// Administration (`ecociv user role|disable|enable|password`). A change that
// would leave no enabled administrator — demoting or disabling the last one —
// is FailedPrecondition.
// A new role, and unit (required for a reporter, cleared for the others);
// entry "user.role".
Status SetUserRole(store::Database* db, const std::string& name, Role role, const std::string& unit,
                   const store::Actor& actor);
// The user's region (an existing region, store/regions.h); its sessions end,
// since they carry the old scope. Entry "user.region".
Status SetUserRegion(store::Database* db, const std::string& name, const std::string& region,
                     const store::Actor& actor);
// Disables the user (ending its sessions) or enables it again; entries
// "user.disable" / "user.enable".
Status SetUserDisabled(store::Database* db, const std::string& name, bool disabled,
                       const store::Actor& actor);
// An administrator's reset of a forgotten password: the new one must pass
// CheckPasswordStrength; every session of the user ends. Entry
// "user.password".
Status ResetPassword(store::Database* db, const std::string& name, const std::string& new_password,
                     const store::Actor& actor);

struct Session {
  std::string id;  // the raw id: only known when the session is created
  std::string csrf;
  User user;
};
inline constexpr int64_t kSessionSeconds = 8 * 3600;

// Checks the password and opens a session. Unauthenticated with one message
// for an unknown user, a wrong password and a disabled user, after the same
// Argon2id work in each case (an unknown name is verified against a fixed
// dummy hash). `address` is the client's (ClientAddress, login_throttle.h),
// recorded in the entry "session.login".
StatusOr<Session> Login(store::Database* db, const std::string& name, const std::string& password,
                        const std::string& address);
// The live session with this raw id; Unauthenticated when none. With
// `data_version`, the store's data version (store::DataVersion) is read in
// the same query and set there, when a session is found.
StatusOr<Session> LookupSession(store::Database* db, const std::string& raw_id,
                                int64_t* data_version = nullptr);
Status Logout(store::Database* db, const Session& session);
// The user's own change of password in `session`: the current password must
// match (PermissionDenied otherwise) and the new one pass
// CheckPasswordStrength and differ from it (InvalidArgument). The user's
// other sessions end; this one stays. Entry "user.password".
Status ChangePassword(store::Database* db, const Session& session, const std::string& old_password,
                      const std::string& new_password);

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
// The units an owner text names: unit names or codes separated by ';', each
// trimmed of spaces, empty parts left out.
std::vector<std::string> OwnerUnits(const std::string& owner);

}  // namespace ecociv::server
