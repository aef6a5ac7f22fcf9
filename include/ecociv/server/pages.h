// Published pages: what the public (no login) may see. A page is a named
// view of live figures ("air-summary": the cities' year-to-date assessment;
// "water-summary": the sections' latest month against target;
// "indicators-summary": the indicators' status of the latest year) that an
// administrator publishes or withdraws; each change is in the change record.
//
// Thread safety: the functions need exclusive use of the Database.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// 1..64 of A-Z, a-z, 0-9, '-', '_' (so a slug can never name a path).
bool ValidPageSlug(const std::string& slug);

// Creates or replaces a page; `kind` is "air-summary", "water-summary" or
// "indicators-summary".
Status PublishPage(store::Database* db, const std::string& slug, const std::string& title,
                   const std::string& kind, bool published, const store::Actor& actor);

struct PublishedPage {
  std::string slug, title, kind;
};
// The published pages, by slug (withdrawn ones are not listed).
StatusOr<std::vector<PublishedPage>> ListPublishedPages(store::Database* db);
// One published page; NotFound when there is none by that slug or it was withdrawn.
StatusOr<PublishedPage> FindPublishedPage(store::Database* db, const std::string& slug);

// Every page row (published or withdrawn) against the last "page.publish" /
// "page.unpublish" entry of its slug in `log` (the whole change record):
// title, kind and the published flag must be what the entry says. One line
// per page that differs, has no entry, or whose entry has no row.
StatusOr<std::vector<std::string>> VerifyPublishedPages(store::Database* db,
                                                        const std::vector<store::LogEntry>& log);

}  // namespace ecociv::server
