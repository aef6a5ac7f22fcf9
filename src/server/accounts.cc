// Users, passwords and sessions (the accounts' store file for them; unit
// assignments are accounts_units.cc, the throttle accounts_throttle.cc, the
// check against the change record accounts_verify.cc).
#include "ecociv/server/accounts.h"

#include <sodium.h>

#include <atomic>
#include <cctype>
#include <ctime>
#include <optional>

#include "accounts_internal.h"
#include "ecociv/server/account_verify.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/summary.h"

namespace ecociv::server {
namespace {

constexpr const char* kRoleNames[kRoleCount] = {"admin", "analyst", "reporter", "leader",
                                                "auditor"};
constexpr size_t kMinPasswordChars = 10;
constexpr size_t kMaxPasswordChars = 256;

std::atomic<int64_t> password_verifications{0};

Status Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message));
}

// The code points of UTF-8 text; false for anything that is not UTF-8
// (overlong forms, surrogates, beyond U+10FFFF, cut sequences).
bool DecodeUtf8(std::string_view text, std::u32string* out) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int extra = c < 0x80           ? 0
                : (c >> 5) == 0x6  ? 1
                : (c >> 4) == 0xE  ? 2
                : (c >> 3) == 0x1E ? 3
                                   : -1;
    if (extra < 0 || i + extra >= text.size()) return false;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMinOf[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinOf[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out->push_back(cp);
    i += extra + 1;
  }
  return true;
}

// White space and invisible spaces: a password of these only is refused.
bool IsSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

bool IsCjkIdeograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

int64_t NowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

// A fixed Argon2id hash, made once with the same parameters as every stored
// one, that unknown names are verified against.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomToken());
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

std::string HashSessionId(const std::string& raw) { return store::Sha256Hex(raw); }

struct UserRow {
  User user;
  std::string password_hash;
};

constexpr const char* kUserColumns = "SELECT id, name, role, unit, disabled, region FROM users ";

StatusOr<User> ReadUser(store::Statement* st) {
  User u;
  u.id = st->ColumnInt64(0);
  u.name = st->ColumnText(1);
  ECOCIV_ASSIGN_OR_RETURN(u.role, ParseRole(st->ColumnText(2)));
  u.unit = st->ColumnText(3);
  u.disabled = st->ColumnInt64(4) != 0;
  // Every query of a user row has the region in column 5.
  u.region = st->ColumnText(5);
  return u;
}

// The user of exactly this name with its hash; nullopt when there is none.
StatusOr<std::optional<UserRow>> FindUserRow(store::Database* db, const std::string& name) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("SELECT id, name, role, unit, disabled, region, password_hash FROM users "
                           "WHERE name = ?"));
  st->BindText(0, name);
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return std::optional<UserRow>();
  }
  ECOCIV_ASSIGN_OR_RETURN(User user, ReadUser(st.get()));
  return std::optional<UserRow>(UserRow{std::move(user), st->ColumnText(6)});
}

Status EndSessions(store::Database* db, int64_t user_id, const std::string& except_id_hash) {
  ECOCIV_ASSIGN_OR_RETURN(auto end,
                          db->Prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash != ?"));
  end->BindInt64(0, user_id);
  end->BindText(1, except_id_hash);
  return end->Run();
}

// FailedPrecondition when `user` is the last enabled administrator.
Status KeepAnAdministrator(store::Database* db, const User& user, const std::string& change) {
  if (user.role != Role::kAdmin || user.disabled) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(int64_t others,
                          store::QueryInt64(db,
                                            "SELECT count(*) FROM users WHERE role = 'admin' AND "
                                            "disabled = 0 AND id != ?",
                                            {user.id}));
  if (others > 0) return Status::Ok();
  return FailedPreconditionError("cannot " + change + " '" + user.name +
                                 "': it is the last enabled administrator (make another "
                                 "administrator first)");
}

StatusOr<User> RequireUser(store::Database* db, const std::string& name) {
  ECOCIV_ASSIGN_OR_RETURN(auto row, FindUserRow(db, name));
  if (!row) return NotFoundError("no user '" + name + "'");
  return row->user;
}

Status StorePassword(store::Database* db, int64_t user_id, const std::string& hash) {
  ECOCIV_ASSIGN_OR_RETURN(auto set, db->Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  set->BindText(0, hash);
  set->BindInt64(1, user_id);
  return set->Run();
}

}  // namespace

std::string TextPayload(const std::string& action, const std::string& object,
                        const std::string& detail) {
  return store::Sha256Hex(action + "\n" + object + "\n" + detail);
}

Status AppendAccountEntry(store::Database* db, const std::string& who, const std::string& action,
                          const std::string& object, const std::string& detail,
                          const std::string& why) {
  store::LogEntry entry;
  entry.who = who;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  entry.why = why;
  entry.payload_sha256 = TextPayload(action, object, detail);
  return store::AppendLogEntry(db, std::move(entry)).status();
}

Status AppendUserRowEntry(store::Database* db, const std::string& who, const std::string& action,
                          int64_t user_id, const std::string& name, const std::string& detail,
                          const std::string& why) {
  store::LogEntry entry;
  entry.who = who;
  entry.action = action;
  entry.object = "user:" + name;
  entry.detail = detail;
  entry.why = why;
  ECOCIV_ASSIGN_OR_RETURN(entry.payload_sha256, UserRowDigest(db, user_id));
  return store::AppendLogEntry(db, std::move(entry)).status();
}

std::string RoleDetail(const std::string& role, const std::string& unit) {
  return "role " + role + (unit.empty() ? "" : ", unit " + unit);
}

const char* RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

StatusOr<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < kRoleCount; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return InvalidArgumentError("unknown role '" + std::string(name) +
                              "' (admin, analyst, reporter, leader, auditor)");
}

bool ValidUserName(std::string_view name) {
  std::u32string chars;
  if (name.empty() || name.size() > 64 || !DecodeUtf8(name, &chars)) return false;
  for (char32_t c : chars) {
    bool ascii_ok =
        c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '_' || c == '-' || c == '.');
    if (!ascii_ok && !IsCjkIdeograph(c) && c != 0xB7) return false;
  }
  return true;
}

std::string FoldUserName(std::string_view name) {
  std::string folded(name);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

Status CheckPasswordStrength(const std::string& password) {
  std::u32string chars;
  if (!DecodeUtf8(password, &chars)) return InvalidArgumentError("a password must be UTF-8 text");
  if (chars.size() < kMinPasswordChars) {
    return InvalidArgumentError("a password needs at least 10 characters");
  }
  if (chars.size() > kMaxPasswordChars) {
    return InvalidArgumentError("a password has at most 256 characters");
  }
  bool all_space = true;
  for (char32_t c : chars) all_space = all_space && IsSpace(c);
  if (all_space) return InvalidArgumentError("a password cannot be only spaces");
  return Status::Ok();
}

namespace {
std::atomic<bool> minimal_hash_cost{false};
}  // namespace

void UseMinimalPasswordHashCostForTests() { minimal_hash_cost = true; }

StatusOr<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return InternalError("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  const bool minimal = minimal_hash_cost.load();
  if (crypto_pwhash_str_alg(
          out, password.data(), password.size(),
          minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
          crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return InternalError("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  password_verifications.fetch_add(1, std::memory_order_relaxed);
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

int64_t PasswordVerifications() { return password_verifications.load(std::memory_order_relaxed); }

std::string RandomToken() {
  if (sodium_init() < 0) std::abort();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 64);
}

StatusOr<User> AddUser(store::Database* db, const std::string& name, Role role,
                       const std::string& unit, const std::string& password,
                       const store::Actor& actor, const std::string& region) {
  if (!ValidUserName(name)) {
    return InvalidArgumentError("invalid user name '" + name +
                                "' (1..64 bytes of letters a-z A-Z, digits, '_', '-', '.', "
                                "Chinese characters, '·')");
  }
  if (role == Role::kReporter && unit.empty()) {
    return InvalidArgumentError("a reporter needs a unit (--unit)");
  }
  if (unit.size() > 128) return InvalidArgumentError("unit name too long");
  ECOCIV_RETURN_IF_ERROR(CheckPasswordStrength(password));
  ECOCIV_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto find, db->Prepare("SELECT name FROM users WHERE lower(name) = ?"));
  find->BindText(0, FoldUserName(name));
  Status st;
  if (find->Step(&st)) {
    std::string existing = find->ColumnText(0);
    return FailedPreconditionError(existing == name
                                       ? "user '" + name + "' already exists"
                                       : "user '" + name + "' already exists as '" + existing +
                                             "' (user names differ in more than letter case)");
  }
  ECOCIV_RETURN_IF_ERROR(st);
  ECOCIV_ASSIGN_OR_RETURN(store::Region in, store::FindRegion(db, region));
  ECOCIV_ASSIGN_OR_RETURN(auto insert,
                          db->Prepare("INSERT INTO users (name, role, unit, password_hash, "
                                      "created_at, region) VALUES (?, ?, ?, ?, ?, ?)"));
  insert->BindText(0, name);
  insert->BindText(1, RoleName(role));
  insert->BindText(2, role == Role::kReporter ? unit : "");
  insert->BindText(3, hash);
  insert->BindText(4, store::UtcNow());
  insert->BindText(5, in.code);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  User user{db->LastInsertId(), name, role, role == Role::kReporter ? unit : "", false};
  user.region = in.code;
  std::string detail = RoleDetail(RoleName(role), user.unit);
  if (in.code != store::kRootRegion) detail += ", region " + in.code + " " + in.name;
  ECOCIV_RETURN_IF_ERROR(
      AppendUserRowEntry(db, actor.who, "user.add", user.id, name, detail, actor.why));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return user;
}

StatusOr<User> FindUser(store::Database* db, const std::string& name) {
  return RequireUser(db, name);
}

StatusOr<std::vector<User>> ListUsers(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare(std::string(kUserColumns) + "ORDER BY name"));
  std::vector<User> users;
  Status status;
  while (st->Step(&status)) {
    ECOCIV_ASSIGN_OR_RETURN(User u, ReadUser(st.get()));
    users.push_back(std::move(u));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return users;
}

Status SetUserRole(store::Database* db, const std::string& name, Role role, const std::string& unit,
                   const store::Actor& actor) {
  if (role == Role::kReporter && unit.empty()) {
    return InvalidArgumentError("a reporter needs a unit (--unit)");
  }
  if (unit.size() > 128) return InvalidArgumentError("unit name too long");
  std::string new_unit = role == Role::kReporter ? unit : "";
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(User user, RequireUser(db, name));
  if (user.role == role && user.unit == new_unit) return Status::Ok();
  if (role != Role::kAdmin) ECOCIV_RETURN_IF_ERROR(KeepAnAdministrator(db, user, "demote"));
  ECOCIV_ASSIGN_OR_RETURN(auto set,
                          db->Prepare("UPDATE users SET role = ?, unit = ? WHERE id = ?"));
  set->BindText(0, RoleName(role));
  set->BindText(1, new_unit);
  set->BindInt64(2, user.id);
  ECOCIV_RETURN_IF_ERROR(set->Run());
  ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(db, actor.who, "user.role", user.id, name,
                                            RoleDetail(RoleName(role), new_unit) + " (was " +
                                                RoleDetail(RoleName(user.role), user.unit) + ")",
                                            actor.why));
  return tx.Commit();
}

Status SetUserRegion(store::Database* db, const std::string& name, const std::string& region,
                     const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(User user, RequireUser(db, name));
  ECOCIV_ASSIGN_OR_RETURN(store::Region r, store::FindRegion(db, region));
  if (user.region == r.code) return Status::Ok();
  ECOCIV_RETURN_IF_ERROR(
      store::RunSql(db, "UPDATE users SET region = ? WHERE id = ?", {r.code, user.id}));
  ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(db, actor.who, "user.region", user.id, name,
                                            "region " + r.code + " " + r.name + " (was " +
                                                user.region + ")",
                                            actor.why));
  // Its open sessions carry the old scope: they end.
  ECOCIV_RETURN_IF_ERROR(EndSessions(db, user.id, ""));
  return tx.Commit();
}

Status SetUserDisabled(store::Database* db, const std::string& name, bool disabled,
                       const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(User user, RequireUser(db, name));
  if (user.disabled == disabled) return Status::Ok();
  if (disabled) ECOCIV_RETURN_IF_ERROR(KeepAnAdministrator(db, user, "disable"));
  ECOCIV_ASSIGN_OR_RETURN(auto set, db->Prepare("UPDATE users SET disabled = ? WHERE id = ?"));
  set->BindInt64(0, disabled ? 1 : 0);
  set->BindInt64(1, user.id);
  ECOCIV_RETURN_IF_ERROR(set->Run());
  if (disabled) ECOCIV_RETURN_IF_ERROR(EndSessions(db, user.id, ""));
  ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(db, actor.who,
                                            disabled ? "user.disable" : "user.enable", user.id,
                                            name, disabled ? "disabled" : "enabled", actor.why));
  return tx.Commit();
}

Status ResetPassword(store::Database* db, const std::string& name, const std::string& new_password,
                     const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  ECOCIV_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(User user, RequireUser(db, name));
  ECOCIV_RETURN_IF_ERROR(StorePassword(db, user.id, hash));
  ECOCIV_RETURN_IF_ERROR(EndSessions(db, user.id, ""));
  ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(db, actor.who, "user.password", user.id, name,
                                            "password reset", actor.why));
  return tx.Commit();
}

StatusOr<Session> Login(store::Database* db, const std::string& name, const std::string& password,
                        const std::string& address) {
  ECOCIV_ASSIGN_OR_RETURN(std::optional<UserRow> row, FindUserRow(db, name));
  // The same Argon2id verification whether or not the name exists.
  bool has_hash = row && !row->password_hash.empty();
  bool match = VerifyPassword(has_hash ? row->password_hash : DummyHash(), password);
  if (!has_hash || !match || row->user.disabled) {
    return Unauthenticated("wrong user name or password");
  }
  Session session{RandomToken(), RandomToken(), row->user};
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  int64_t now = NowSeconds();
  ECOCIV_ASSIGN_OR_RETURN(auto purge, db->Prepare("DELETE FROM sessions WHERE expires_at < ?"));
  purge->BindInt64(0, now);
  ECOCIV_RETURN_IF_ERROR(purge->Run());
  ECOCIV_ASSIGN_OR_RETURN(auto insert,
                          db->Prepare("INSERT INTO sessions (id_hash, user_id, csrf, "
                                      "created_at, expires_at) VALUES (?, ?, ?, ?, ?)"));
  insert->BindText(0, HashSessionId(session.id));
  insert->BindInt64(1, session.user.id);
  insert->BindText(2, session.csrf);
  insert->BindInt64(3, now);
  insert->BindInt64(4, now + kSessionSeconds);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  ECOCIV_RETURN_IF_ERROR(
      AppendAccountEntry(db, name, "session.login", "user:" + name, "from " + address, ""));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return session;
}

StatusOr<Session> LookupSession(store::Database* db, const std::string& raw_id,
                                int64_t* data_version) {
  if (raw_id.size() != 64) return Unauthenticated("not logged in");
  std::string sql = "SELECT u.id, u.name, u.role, u.unit, u.disabled, u.region, s.csrf";
  if (data_version) sql += std::string(", ") + store::DataVersionSubquery();
  sql += " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND "
         "s.expires_at >= ?";
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare(sql));
  st->BindText(0, HashSessionId(raw_id));
  st->BindInt64(1, NowSeconds());
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return Unauthenticated("not logged in (or the session expired)");
  }
  ECOCIV_ASSIGN_OR_RETURN(User user, ReadUser(st.get()));
  if (user.disabled) return Unauthenticated("the account is disabled");
  if (data_version) *data_version = st->ColumnInt64(7);
  return Session{raw_id, st->ColumnText(6), user};
}

Status Logout(store::Database* db, const Session& session) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("DELETE FROM sessions WHERE id_hash = ?"));
  st->BindText(0, HashSessionId(session.id));
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_RETURN_IF_ERROR(AppendAccountEntry(db, session.user.name, "session.logout",
                                            "user:" + session.user.name, "logged out", ""));
  return tx.Commit();
}

Status ChangePassword(store::Database* db, const Session& session, const std::string& old_password,
                      const std::string& new_password) {
  const User& user = session.user;
  ECOCIV_ASSIGN_OR_RETURN(auto get, db->Prepare("SELECT password_hash FROM users WHERE id = ?"));
  get->BindInt64(0, user.id);
  Status status;
  if (!get->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no such user");
  }
  if (!VerifyPassword(get->ColumnText(0), old_password)) {
    return Status(StatusCode::kPermissionDenied, "the current password is wrong");
  }
  ECOCIV_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  if (new_password == old_password) {
    return InvalidArgumentError("the new password must differ from the current one");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(StorePassword(db, user.id, hash));
  ECOCIV_RETURN_IF_ERROR(EndSessions(db, user.id, HashSessionId(session.id)));
  ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(db, user.name, "user.password", user.id, user.name,
                                            "password changed", ""));
  return tx.Commit();
}

}  // namespace ecociv::server
