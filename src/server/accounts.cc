#include "ecociv/server/accounts.h"

#include <sodium.h>

#include <ctime>

#include "ecociv/indicators/indicator_store.h"
#include "ecociv/store/digest.h"

namespace ecociv::server {
namespace {

constexpr const char* kRoleNames[kRoleCount] = {"admin", "analyst", "reporter", "leader",
                                                "auditor"};

Status Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message));
}

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    if (c >= 0x80) continue;  // UTF-8 (Chinese names)
    if (!std::isalnum(c) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

int64_t NowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

Status AppendEntry(store::Database* db, const std::string& who, const std::string& action,
                   const std::string& object, const std::string& detail, const std::string& why) {
  store::LogEntry entry;
  entry.who = who;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  entry.why = why;
  entry.payload_sha256 = store::Sha256Hex(action + "\n" + object + "\n" + detail);
  return store::AppendLogEntry(db, std::move(entry)).status();
}

StatusOr<User> ReadUser(store::Statement* st) {
  User u;
  u.id = st->ColumnInt64(0);
  u.name = st->ColumnText(1);
  ECOCIV_ASSIGN_OR_RETURN(u.role, ParseRole(st->ColumnText(2)));
  u.unit = st->ColumnText(3);
  u.disabled = st->ColumnInt64(4) != 0;
  return u;
}

constexpr const char* kUserColumns = "SELECT id, name, role, unit, disabled FROM users ";

std::string HashSessionId(const std::string& raw) { return store::Sha256Hex(raw); }

}  // namespace

const char* RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

StatusOr<Role> ParseRole(std::string_view name) {
  for (int i = 0; i < kRoleCount; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return InvalidArgumentError("unknown role '" + std::string(name) +
                              "' (admin, analyst, reporter, leader, auditor)");
}

Status CheckPasswordStrength(const std::string& password) {
  if (password.size() < 10) return InvalidArgumentError("a password needs at least 10 characters");
  if (password.size() > 256) return InvalidArgumentError("a password has at most 256 characters");
  return Status::Ok();
}

StatusOr<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return InternalError("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return InternalError("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

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
                       const store::Actor& actor) {
  if (!ValidName(name)) return InvalidArgumentError("invalid user name '" + name + "'");
  if (role == Role::kReporter && unit.empty()) {
    return InvalidArgumentError("a reporter needs a unit (--unit)");
  }
  if (unit.size() > 128) return InvalidArgumentError("unit name too long");
  ECOCIV_RETURN_IF_ERROR(CheckPasswordStrength(password));
  ECOCIV_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto find, db->Prepare("SELECT 1 FROM users WHERE name = ?"));
  find->BindText(0, name);
  Status st;
  if (find->Step(&st)) return FailedPreconditionError("user '" + name + "' already exists");
  ECOCIV_RETURN_IF_ERROR(st);
  ECOCIV_ASSIGN_OR_RETURN(auto insert,
                          db->Prepare("INSERT INTO users (name, role, unit, password_hash, "
                                      "created_at) VALUES (?, ?, ?, ?, ?)"));
  insert->BindText(0, name);
  insert->BindText(1, RoleName(role));
  insert->BindText(2, role == Role::kReporter ? unit : "");
  insert->BindText(3, hash);
  insert->BindText(4, store::UtcNow());
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  User user{db->LastInsertId(), name, role, role == Role::kReporter ? unit : "", false};
  ECOCIV_RETURN_IF_ERROR(AppendEntry(
      db, actor.who, "user.add", "user:" + name,
      std::string("role ") + RoleName(role) + (user.unit.empty() ? "" : ", unit " + user.unit),
      actor.why));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return user;
}

StatusOr<User> FindUser(store::Database* db, const std::string& name) {
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare(std::string(kUserColumns) + "WHERE name = ?"));
  st->BindText(0, name);
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no user '" + name + "'");
  }
  return ReadUser(st.get());
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

Status ChangePassword(store::Database* db, const User& user, const std::string& old_password,
                      const std::string& new_password) {
  ECOCIV_ASSIGN_OR_RETURN(auto get, db->Prepare("SELECT password_hash FROM users WHERE id = ?"));
  get->BindInt64(0, user.id);
  Status status;
  if (!get->Step(&status)) return NotFoundError("no such user");
  if (!VerifyPassword(get->ColumnText(0), old_password)) {
    return Status(StatusCode::kPermissionDenied, "the current password is wrong");
  }
  ECOCIV_RETURN_IF_ERROR(CheckPasswordStrength(new_password));
  ECOCIV_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto set, db->Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  set->BindText(0, hash);
  set->BindInt64(1, user.id);
  ECOCIV_RETURN_IF_ERROR(set->Run());
  ECOCIV_ASSIGN_OR_RETURN(auto end, db->Prepare("DELETE FROM sessions WHERE user_id = ?"));
  end->BindInt64(0, user.id);
  ECOCIV_RETURN_IF_ERROR(end->Run());
  ECOCIV_RETURN_IF_ERROR(
      AppendEntry(db, user.name, "user.password", "user:" + user.name, "password changed", ""));
  return tx.Commit();
}

StatusOr<Session> Login(store::Database* db, const std::string& name, const std::string& password,
                        const std::string& address) {
  auto user = FindUser(db, name);
  std::string hash;
  if (user.ok()) {
    ECOCIV_ASSIGN_OR_RETURN(auto get, db->Prepare("SELECT password_hash FROM users WHERE id = ?"));
    get->BindInt64(0, user->id);
    Status status;
    if (get->Step(&status)) hash = get->ColumnText(0);
  }
  if (!user.ok() || user->disabled || hash.empty() || !VerifyPassword(hash, password)) {
    return Unauthenticated("wrong user name or password");
  }
  Session session{RandomToken(), RandomToken(), *user};
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
  insert->BindInt64(1, user->id);
  insert->BindText(2, session.csrf);
  insert->BindInt64(3, now);
  insert->BindInt64(4, now + kSessionSeconds);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  ECOCIV_RETURN_IF_ERROR(
      AppendEntry(db, name, "session.login", "user:" + name, "from " + address, ""));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return session;
}

StatusOr<Session> LookupSession(store::Database* db, const std::string& raw_id) {
  if (raw_id.size() != 64) return Unauthenticated("not logged in");
  ECOCIV_ASSIGN_OR_RETURN(
      auto st,
      db->Prepare("SELECT u.id, u.name, u.role, u.unit, u.disabled, s.csrf FROM sessions s "
                  "JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND "
                  "s.expires_at >= ?"));
  st->BindText(0, HashSessionId(raw_id));
  st->BindInt64(1, NowSeconds());
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return Unauthenticated("not logged in (or the session expired)");
  }
  ECOCIV_ASSIGN_OR_RETURN(User user, ReadUser(st.get()));
  if (user.disabled) return Unauthenticated("the account is disabled");
  return Session{raw_id, st->ColumnText(5), user};
}

Status Logout(store::Database* db, const Session& session) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("DELETE FROM sessions WHERE id_hash = ?"));
  st->BindText(0, HashSessionId(session.id));
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_RETURN_IF_ERROR(AppendEntry(db, session.user.name, "session.logout",
                                     "user:" + session.user.name, "logged out", ""));
  return tx.Commit();
}

Status AssignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                   const std::string& code, const store::Actor& actor) {
  if (unit.empty() || code.empty()) return InvalidArgumentError("unit and code are required");
  if (kind != "station" && kind != "section") {
    return InvalidArgumentError("kind must be station or section");
  }
  std::string table = kind == "station" ? "stations" : "sections";
  ECOCIV_ASSIGN_OR_RETURN(auto find, db->Prepare("SELECT 1 FROM " + table + " WHERE code = ?"));
  find->BindText(0, code);
  Status status;
  if (!find->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no " + kind + " '" + code + "' in the store");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto st,
      db->Prepare("INSERT OR IGNORE INTO unit_assets (unit, kind, code) VALUES (?, ?, ?)"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  st->BindText(2, code);
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_RETURN_IF_ERROR(
      AppendEntry(db, actor.who, "unit.assign", kind + ":" + code, "to unit " + unit, actor.why));
  return tx.Commit();
}

StatusOr<std::vector<std::string>> UnitAssets(store::Database* db, const std::string& unit,
                                              const std::string& kind) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto st,
      db->Prepare("SELECT code FROM unit_assets WHERE unit = ? AND kind = ? ORDER BY code"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  std::vector<std::string> codes;
  Status status;
  while (st->Step(&status)) codes.push_back(st->ColumnText(0));
  ECOCIV_RETURN_IF_ERROR(status);
  return codes;
}

Status UnassignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                     const std::string& code, const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("DELETE FROM unit_assets WHERE unit = ? AND kind = ? AND code = ?"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  st->BindText(2, code);
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_ASSIGN_OR_RETURN(int64_t removed, store::QueryInt64(db, "SELECT changes()"));
  if (removed == 0) {
    return NotFoundError("unit '" + unit + "' has no " + kind + " '" + code + "'");
  }
  ECOCIV_RETURN_IF_ERROR(AppendEntry(db, actor.who, "unit.unassign", kind + ":" + code,
                                     "from unit " + unit, actor.why));
  return tx.Commit();
}

StatusOr<std::vector<UnitAsset>> ListUnitAssets(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("SELECT unit, kind, code FROM unit_assets ORDER BY unit, kind, code"));
  std::vector<UnitAsset> out;
  Status status;
  while (st->Step(&status))
    out.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2)});
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<std::vector<std::string>> AssignableCodes(store::Database* db, const std::string& kind) {
  if (kind != "station" && kind != "section") {
    return InvalidArgumentError("kind must be station or section");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare(kind == "station"
                                                   ? "SELECT code FROM stations ORDER BY code"
                                                   : "SELECT code FROM sections ORDER BY code"));
  std::vector<std::string> codes;
  Status status;
  while (st->Step(&status)) codes.push_back(st->ColumnText(0));
  ECOCIV_RETURN_IF_ERROR(status);
  return codes;
}

StatusOr<UnitNames> NamesOfUnit(store::Database* db, const std::string& unit) {
  UnitNames out;
  if (unit.empty()) return out;
  out.names.insert(unit);
  out.code = unit;
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  for (const auto& u : units) {
    if (u.code == unit || u.name == unit) {
      out.names.insert(u.code);
      out.names.insert(u.name);
      out.code = u.code;
    }
  }
  return out;
}

bool UnitOwns(const std::string& owner, const UnitNames& unit) {
  size_t pos = 0;
  while (pos <= owner.size()) {
    size_t end = owner.find(';', pos);
    if (end == std::string::npos) end = owner.size();
    std::string part = owner.substr(pos, end - pos);
    size_t first = part.find_first_not_of(' '), last = part.find_last_not_of(' ');
    if (first != std::string::npos && unit.names.count(part.substr(first, last - first + 1))) {
      return true;
    }
    pos = end + 1;
  }
  return false;
}

int LoginThrottle::Count(const std::string& key, Clock::time_point now) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  auto& times = it->second;
  std::erase_if(times, [&](Clock::time_point t) { return now - t > window_; });
  return static_cast<int>(times.size());
}

bool LoginThrottle::Allowed(const std::string& user, const std::string& address,
                            Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  return Count("u:" + user, now) < max_per_user_ && Count("a:" + address, now) < max_per_address_;
}

void LoginThrottle::RecordFailure(const std::string& user, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_["u:" + user].push_back(now);
  failures_["a:" + address].push_back(now);
}

void LoginThrottle::RecordSuccess(const std::string& user) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.erase("u:" + user);
}

}  // namespace ecociv::server
