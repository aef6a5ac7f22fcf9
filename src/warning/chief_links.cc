// Chiefs' links to their sections (see chief_links.h).
#include "ecociv/warning/chief_links.h"

#include "ecociv/core/message_text.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::warning {

Status SetChiefLink(store::Database* db, const ChiefLink& link, bool remove,
                    const store::Actor& actor) {
  if (link.kind != "section" && link.kind != "river") {
    return InvalidArgumentError("a chief is linked to a section chief's name or a river");
  }
  if (link.value.empty() || link.value.size() > 200) {
    return InvalidArgumentError("the chief's name or river must be 1..200 bytes");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto users, store::QueryRows(db, "SELECT count(*) FROM users WHERE name = ?", {link.user}));
  if (users.empty() || store::IntegerOfText(users[0][0]) == 0) {
    return NotFoundError("no user " + QuoteForMessage(link.user));
  }
  ECOCIV_ASSIGN_OR_RETURN(auto existing,
                          store::QueryRows(db,
                                           "SELECT count(*) FROM chief_links WHERE user_name = ? "
                                           "AND kind = ? AND value = ?",
                                           {link.user, link.kind, link.value}));
  const bool present = !existing.empty() && store::IntegerOfText(existing[0][0]) > 0;
  if (present == !remove) return tx.Commit();  // nothing to change
  if (remove) {
    ECOCIV_RETURN_IF_ERROR(store::RunSql(
        db, "DELETE FROM chief_links WHERE user_name = ? AND kind = ? AND value = ?",
        {link.user, link.kind, link.value}));
  } else {
    ECOCIV_RETURN_IF_ERROR(
        store::RunSql(db, "INSERT INTO chief_links (user_name, kind, value) VALUES (?, ?, ?)",
                      {link.user, link.kind, link.value}));
  }
  store::Sha256 sha;
  sha.AddField(link.user);
  sha.AddField(link.kind);
  sha.AddField(link.value);
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = remove ? "water.chief.unlink" : "water.chief.link";
  entry.object = "chief:" + link.user;
  entry.detail = link.kind + " " + link.value;
  entry.payload_sha256 = store::ToHex(sha.Finish());
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, std::move(entry)).status());
  return tx.Commit();
}

StatusOr<std::vector<ChiefLink>> ListChiefLinks(store::Database* db, const std::string& user) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows,
      user.empty()
          ? store::QueryRows(db,
                             "SELECT user_name, kind, value FROM chief_links "
                             "ORDER BY user_name, kind, value",
                             {})
          : store::QueryRows(db,
                             "SELECT user_name, kind, value FROM chief_links WHERE user_name = ? "
                             "ORDER BY user_name, kind, value",
                             {user}));
  std::vector<ChiefLink> out;
  for (auto& r : rows) out.push_back({r[0], r[1], r[2]});
  return out;
}

StatusOr<std::vector<std::string>> ChiefSections(store::Database* db, const std::string& user) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, store::QueryRows(db,
                                  "SELECT s.code FROM sections s WHERE EXISTS (SELECT 1 FROM "
                                  "chief_links l WHERE l.user_name = ? AND ((l.kind = 'section' "
                                  "AND l.value = s.chief_name) OR (l.kind = 'river' AND "
                                  "l.value = s.river))) ORDER BY s.id",
                                  {user}));
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r[0]);
  return out;
}

}  // namespace ecociv::warning
