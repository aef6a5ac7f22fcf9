// Users and unit assignments against the change record (an accounts' store
// file: the SQL of the check). Published pages: pages.cc.
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "accounts_internal.h"
#include "ecociv/server/account_verify.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/pages.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"

namespace ecociv::server {
namespace {

// The actions whose entry binds a user row (the last one is its state).
const std::set<std::string> kUserRowActions = {"user.add",     "user.password", "user.role",
                                               "user.disable", "user.enable",   "user.digest",
                                               "user.region"};

struct StoredUserRow {
  int64_t id = 0;
  std::string name, role, unit;
  bool disabled = false;
};

StatusOr<std::vector<StoredUserRow>> ReadUserRows(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT id, name, role, unit, disabled FROM users "
                                               "ORDER BY name"));
  std::vector<StoredUserRow> rows;
  Status status;
  while (st->Step(&status)) {
    rows.push_back({st->ColumnInt64(0), st->ColumnText(1), st->ColumnText(2), st->ColumnText(3),
                    st->ColumnInt64(4) != 0});
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return rows;
}

// What the record says of each user name: its last row entry and its last
// "user.add".
struct UserHistory {
  const store::LogEntry* last = nullptr;
  const store::LogEntry* added = nullptr;
};

std::map<std::string, UserHistory> UserHistories(const std::vector<store::LogEntry>& log) {
  std::map<std::string, UserHistory> out;
  for (const store::LogEntry& e : log) {
    if (e.object.rfind("user:", 0) != 0 || !kUserRowActions.count(e.action)) continue;
    UserHistory& h = out[e.object.substr(5)];
    h.last = &e;
    if (e.action == "user.add") h.added = &e;
  }
  return out;
}

// An entry written before row digests: its payload is the digest of its text.
bool IsTextEntry(const store::LogEntry& e) {
  return e.payload_sha256 == TextPayload(e.action, e.object, e.detail);
}

// For a user whose last entry predates row digests: whether the row's role,
// unit and disabled flag are what the record says (before version 7 users
// were only added, with "role R[, unit U]", and had their passwords changed).
bool AgreesWithText(const StoredUserRow& row, const UserHistory& h) {
  return h.added && h.added->detail == RoleDetail(row.role, row.unit) && !row.disabled;
}

std::string Where(const store::LogEntry& e) {
  return "change-record entry " + std::to_string(e.seq) + ", " + e.action;
}

void CheckUsers(store::Database* db, const std::vector<StoredUserRow>& rows,
                const std::vector<store::LogEntry>& log, std::vector<std::string>* problems,
                Status* status) {
  std::map<std::string, UserHistory> histories = UserHistories(log);
  std::set<std::string> present;
  for (const StoredUserRow& row : rows) {
    present.insert(row.name);
    const std::string what = "user " + row.name;
    auto it = histories.find(row.name);
    if (it == histories.end() || !it->second.last) {
      problems->push_back(what + ": not in the change record (added outside the program)");
      continue;
    }
    const store::LogEntry& last = *it->second.last;
    auto digest = UserRowDigest(db, row.id);
    if (!digest.ok()) {
      *status = digest.status();
      return;
    }
    if (*digest == last.payload_sha256) continue;
    if (IsTextEntry(last) && AgreesWithText(row, it->second)) continue;
    problems->push_back(what + ": changed outside the program (does not match " + Where(last) +
                        ")");
  }
  for (const auto& [name, h] : histories) {
    if (!present.count(name) && h.last) {
      problems->push_back("user " + name + ": deleted outside the program (last recorded in " +
                          Where(*h.last) + ")");
    }
  }
}

// The assignments the entries leave, replayed in order.
using Assignment = std::tuple<std::string, std::string, std::string>;  // unit, kind, code
std::map<Assignment, int64_t> ReplayAssignments(const std::vector<store::LogEntry>& log) {
  std::map<Assignment, int64_t> out;  // → the seq that assigned it
  for (const store::LogEntry& e : log) {
    bool assign = e.action == "unit.assign", unassign = e.action == "unit.unassign";
    if (!assign && !unassign) continue;
    const std::string prefix = assign ? "to unit " : "from unit ";
    size_t colon = e.object.find(':');
    if (colon == std::string::npos || e.detail.rfind(prefix, 0) != 0) continue;
    Assignment a{e.detail.substr(prefix.size()), e.object.substr(0, colon),
                 e.object.substr(colon + 1)};
    if (assign) {
      out.emplace(a, e.seq);
    } else {
      out.erase(a);
    }
  }
  return out;
}

Status CheckAssignments(store::Database* db, const std::vector<store::LogEntry>& log,
                        std::vector<std::string>* problems) {
  std::map<Assignment, int64_t> recorded = ReplayAssignments(log);
  ECOCIV_ASSIGN_OR_RETURN(std::vector<UnitAsset> rows, ListUnitAssets(db));
  for (const UnitAsset& row : rows) {
    Assignment a{row.unit, row.kind, row.code};
    if (recorded.erase(a) == 0) {
      problems->push_back("unit " + row.unit + " " + row.kind + " " + row.code +
                          ": assigned outside the program (no unit.assign entry)");
    }
  }
  for (const auto& [a, seq] : recorded) {
    problems->push_back("unit " + std::get<0>(a) + " " + std::get<1>(a) + " " + std::get<2>(a) +
                        ": removed outside the program (assigned in change-record entry " +
                        std::to_string(seq) + ")");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::string> UserRowDigest(store::Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("SELECT id, name, role, unit, disabled, "
                                      "password_hash, created_at, region FROM users WHERE id = ?"));
  st->BindInt64(0, id);
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no user with id " + std::to_string(id));
  }
  store::Sha256 digest;
  digest.AddField("user");
  digest.AddField(st->ColumnInt64(0));
  digest.AddField(st->ColumnText(1));
  digest.AddField(st->ColumnText(2));
  digest.AddField(st->ColumnText(3));
  digest.AddField(st->ColumnInt64(4) != 0 ? int64_t{1} : int64_t{0});
  digest.AddField(st->ColumnText(5));
  digest.AddField(st->ColumnText(6));
  // The region counts once it is not the whole store's, so that rows made
  // before regions keep their digests.
  if (st->ColumnText(7) != store::kRootRegion) digest.AddField(st->ColumnText(7));
  return store::ToHex(digest.Finish());
}

StatusOr<std::vector<std::string>> VerifyAccounts(store::Database* db) {
  std::vector<std::string> problems;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::LogEntry> log, store::ReadLog(db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StoredUserRow> rows, ReadUserRows(db));
  Status status;
  CheckUsers(db, rows, log, &problems, &status);
  ECOCIV_RETURN_IF_ERROR(status);
  ECOCIV_RETURN_IF_ERROR(CheckAssignments(db, log, &problems));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> pages, VerifyPublishedPages(db, log));
  problems.insert(problems.end(), pages.begin(), pages.end());
  return problems;
}

StatusOr<int> RecordUserDigests(store::Database* db, const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::LogEntry> log, store::ReadLog(db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StoredUserRow> rows, ReadUserRows(db));
  std::map<std::string, UserHistory> histories = UserHistories(log);
  int recorded = 0;
  for (const StoredUserRow& row : rows) {
    auto it = histories.find(row.name);
    if (it == histories.end() || !it->second.last || !IsTextEntry(*it->second.last) ||
        !AgreesWithText(row, it->second)) {
      continue;
    }
    ECOCIV_RETURN_IF_ERROR(AppendUserRowEntry(
        db, actor.who, "user.digest", row.id, row.name,
        "row digest recorded (" + RoleDetail(row.role, row.unit) + ")", actor.why));
    ++recorded;
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return recorded;
}

}  // namespace ecociv::server
