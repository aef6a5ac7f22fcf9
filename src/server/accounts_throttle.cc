// The login throttle over the table login_failures, and client addresses
// (an accounts' store file: the SQL of the throttle).
#include <arpa/inet.h>

#include <cstring>

#include "accounts_internal.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/login_throttle.h"

namespace ecociv::server {
namespace {

std::string Trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// How many failures `where` (with `params`, then the window's start) counts,
// and when the one that makes the count reach `limit` leaves the window.
struct Count {
  int64_t failures = 0;
  int64_t frees_at = 0;
};
StatusOr<Count> CountFailures(store::Database* db, const std::string& where,
                              const std::vector<std::string>& params, int64_t since, int limit) {
  Count out;
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT at FROM login_failures WHERE " + where +
                                               " AND at > ? ORDER BY at DESC"));
  int i = 0;
  for (const std::string& p : params) st->BindText(i++, p);
  st->BindInt64(i, since);
  Status status;
  while (st->Step(&status)) {
    ++out.failures;
    // The limit-th newest failure: while it is in the window, the count is
    // at the limit.
    if (out.failures == limit) out.frees_at = st->ColumnInt64(0);
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

// The address's 16 or 4 bytes; false when `text` is not an IP address.
bool ParseAddress(const std::string& text, int* family, unsigned char bytes[16]) {
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    *family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    *family = AF_INET6;
    return true;
  }
  return false;
}

std::string FormatAddress(int family, const unsigned char bytes[16]) {
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(family, bytes, out, sizeof out) == nullptr) return "";
  return out;
}

}  // namespace

StatusOr<LoginAttempt> LoginThrottle::Start(store::Database* db, const std::string& name,
                                            const std::string& address, int64_t now) const {
  const std::string user_key = FoldUserName(name), address_key = ThrottleAddressKey(address);
  const int64_t since = now - limits_.window_seconds;
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto purge, db->Prepare("DELETE FROM login_failures WHERE at <= ?"));
  purge->BindInt64(0, since);
  ECOCIV_RETURN_IF_ERROR(purge->Run());
  ECOCIV_ASSIGN_OR_RETURN(
      Count pair, CountFailures(db, "user_key = ? AND address = ?", {user_key, address_key}, since,
                                limits_.per_name_and_address));
  ECOCIV_ASSIGN_OR_RETURN(Count by_address, CountFailures(db, "address = ?", {address_key}, since,
                                                          limits_.per_address));
  LoginAttempt attempt;
  for (const auto& [count, limit] : {std::pair{pair, limits_.per_name_and_address},
                                     std::pair{by_address, limits_.per_address}}) {
    if (count.failures >= limit) {
      attempt.allowed = false;
      attempt.retry_after_seconds =
          std::max(attempt.retry_after_seconds,
                   std::max<int64_t>(1, count.frees_at + limits_.window_seconds - now));
    }
  }
  if (attempt.allowed) {
    ECOCIV_ASSIGN_OR_RETURN(auto insert, db->Prepare("INSERT INTO login_failures (user_key, "
                                                     "address, at) VALUES (?, ?, ?)"));
    insert->BindText(0, user_key);
    insert->BindText(1, address_key);
    insert->BindInt64(2, now);
    ECOCIV_RETURN_IF_ERROR(insert->Run());
    attempt.id = db->LastInsertId();
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return attempt;
}

Status LoginThrottle::Succeeded(store::Database* db, const LoginAttempt& attempt,
                                const std::string& name, const std::string& address) const {
  (void)attempt;  // among the pair's failures, which all go
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("DELETE FROM login_failures WHERE user_key = ? AND address = ?"));
  st->BindText(0, FoldUserName(name));
  st->BindText(1, ThrottleAddressKey(address));
  return st->Run();
}

StatusOr<int64_t> UnlockLogins(store::Database* db, const std::string& name,
                               const std::string& address, const store::Actor& actor) {
  if (name.empty() && address.empty()) {
    return InvalidArgumentError("unlock needs a user name (--name) or an address (--address)");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  int64_t removed = 0;
  std::string detail;
  for (const auto& [column, value] :
       {std::pair<std::string, std::string>{"user_key", name.empty() ? "" : FoldUserName(name)},
        std::pair<std::string, std::string>{"address",
                                            address.empty() ? "" : ThrottleAddressKey(address)}}) {
    if (value.empty()) continue;
    ECOCIV_ASSIGN_OR_RETURN(auto st,
                            db->Prepare("DELETE FROM login_failures WHERE " + column + " = ?"));
    st->BindText(0, value);
    ECOCIV_RETURN_IF_ERROR(st->Run());
    ECOCIV_ASSIGN_OR_RETURN(int64_t n, store::QueryInt64(db, "SELECT changes()"));
    removed += n;
    detail += std::string(detail.empty() ? "" : "; ") + "failed logins of " +
              (column == "user_key" ? "name " : "address ") + value + " cleared (" +
              std::to_string(n) + ")";
  }
  ECOCIV_RETURN_IF_ERROR(AppendAccountEntry(db, actor.who, "user.unlock",
                                            name.empty() ? "address:" + address : "user:" + name,
                                            detail, actor.why));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return removed;
}

StatusOr<std::vector<LoginFailureCount>> ListLoginFailures(store::Database* db, int64_t now,
                                                           int64_t window_seconds) {
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT user_key, address, count(*), max(at) FROM "
                                               "login_failures WHERE at > ? GROUP BY user_key, "
                                               "address ORDER BY user_key, address"));
  st->BindInt64(0, now - window_seconds);
  std::vector<LoginFailureCount> out;
  Status status;
  while (st->Step(&status)) {
    out.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnInt64(2), st->ColumnInt64(3)});
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

std::string NormalizeAddress(const std::string& text) {
  int family = 0;
  unsigned char bytes[16] = {};
  if (text.empty() || text.size() > 64 || !ParseAddress(text, &family, bytes)) return "";
  static const unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (family == AF_INET6 && std::memcmp(bytes, kMappedPrefix, 12) == 0) {
    return FormatAddress(AF_INET, bytes + 12);  // an IPv4 client of a dual-stack socket
  }
  return FormatAddress(family, bytes);
}

std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  std::string client = NormalizeAddress(peer);
  if (client.empty()) client = peer;
  auto trusted = [&](const std::string& address) {
    for (const std::string& proxy : trusted_proxies) {
      if (!address.empty() && NormalizeAddress(proxy) == address) return true;
    }
    return false;
  };
  // Each trusted proxy appended the address it received the request from;
  // the hops to the left of an untrusted one are the client's own word.
  size_t end = forwarded_for.size();
  while (trusted(client) && end > 0) {
    size_t comma = forwarded_for.rfind(',', end - 1);
    size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string hop = NormalizeAddress(Trim(forwarded_for.substr(begin, end - begin)));
    if (hop.empty()) break;
    client = hop;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return client;
}

std::string ThrottleAddressKey(const std::string& address) {
  int family = 0;
  unsigned char bytes[16] = {};
  std::string normal = NormalizeAddress(address);
  if (normal.empty()) return address;
  if (!ParseAddress(normal, &family, bytes) || family == AF_INET) return normal;
  std::memset(bytes + 8, 0, 8);
  return FormatAddress(AF_INET6, bytes) + "/64";
}

}  // namespace ecociv::server
