#include "ecociv/server/pages.h"

#include <cctype>

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
  if (kind != "air-summary" && kind != "water-summary") {
    return InvalidArgumentError("kind must be air-summary or water-summary");
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

}  // namespace ecociv::server
