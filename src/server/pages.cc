#include "ecociv/server/pages.h"

#include <cctype>
#include <map>

#include "ecociv/store/digest.h"

namespace ecociv::server {

bool ValidPageSlug(const std::string& slug) {
  if (slug.empty() || slug.size() > 64) return false;
  for (char c : slug) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

Status PublishPage(store::Database* db, const std::string& slug, const std::string& title,
                   const std::string& kind, bool published, const store::Actor& actor) {
  if (!ValidPageSlug(slug))
    return InvalidArgumentError("a page name is 1..64 of a-z, 0-9, '-', '_'");
  if (title.empty() || title.size() > 200) return InvalidArgumentError("a title is 1..200 bytes");
  if (kind != "air-summary" && kind != "water-summary" && kind != "indicators-summary") {
    return InvalidArgumentError("kind must be air-summary, water-summary or indicators-summary");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("INSERT OR REPLACE INTO published_pages (slug, "
                                               "title, kind, published, updated_at) VALUES "
                                               "(?, ?, ?, ?, ?)"));
  st->BindText(0, slug);
  st->BindText(1, title);
  st->BindText(2, kind);
  st->BindInt64(3, published ? 1 : 0);
  st->BindText(4, store::UtcNow());
  ECOCIV_RETURN_IF_ERROR(st->Run());
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = published ? "page.publish" : "page.unpublish";
  entry.object = "page:" + slug;
  entry.detail = kind + ": " + title;
  entry.payload_sha256 = store::Sha256Hex(entry.object + "\n" + entry.detail);
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, entry).status());
  return tx.Commit();
}

StatusOr<std::vector<PublishedPage>> ListPublishedPages(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT slug, title, kind FROM published_pages "
                                               "WHERE published = 1 ORDER BY slug"));
  std::vector<PublishedPage> pages;
  Status status;
  while (st->Step(&status)) pages.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2)});
  ECOCIV_RETURN_IF_ERROR(status);
  return pages;
}

StatusOr<PublishedPage> FindPublishedPage(store::Database* db, const std::string& slug) {
  if (!ValidPageSlug(slug)) return NotFoundError("no such page");
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT title, kind FROM published_pages WHERE "
                                               "slug = ? AND published = 1"));
  st->BindText(0, slug);
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no published page '" + slug + "'");
  }
  return PublishedPage{slug, st->ColumnText(0), st->ColumnText(1)};
}

StatusOr<std::vector<std::string>> VerifyPublishedPages(store::Database* db,
                                                        const std::vector<store::LogEntry>& log) {
  // The last entry of each slug; its detail is "KIND: TITLE".
  std::map<std::string, const store::LogEntry*> last;
  for (const store::LogEntry& e : log) {
    if ((e.action == "page.publish" || e.action == "page.unpublish") &&
        e.object.rfind("page:", 0) == 0) {
      last[e.object.substr(5)] = &e;
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT slug, title, kind, published FROM "
                                               "published_pages ORDER BY slug"));
  std::vector<std::string> problems;
  Status status;
  while (st->Step(&status)) {
    std::string slug = st->ColumnText(0);
    auto it = last.find(slug);
    if (it == last.end()) {
      problems.push_back("page " + slug +
                         ": not in the change record (published outside the "
                         "program)");
      continue;
    }
    const store::LogEntry& e = *it->second;
    bool published = st->ColumnInt64(3) != 0;
    if (e.detail != st->ColumnText(2) + ": " + st->ColumnText(1) ||
        published != (e.action == "page.publish")) {
      problems.push_back("page " + slug + ": changed outside the program (does not match " +
                         "change-record entry " + std::to_string(e.seq) + ", " + e.action + ")");
    }
    last.erase(it);
  }
  ECOCIV_RETURN_IF_ERROR(status);
  for (const auto& [slug, e] : last) {
    problems.push_back("page " + slug +
                       ": deleted outside the program (last recorded in "
                       "change-record entry " +
                       std::to_string(e->seq) + ")");
  }
  return problems;
}

}  // namespace ecociv::server
