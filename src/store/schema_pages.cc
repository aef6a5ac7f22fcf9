// Migration 15 (after the web's import jobs, 14): published pages of a
// third kind, the indicators' status ('indicators-summary', docs/web.md).
// A CHECK constraint cannot be altered in SQLite, so the table is rebuilt:
// the old one is renamed aside, the new one made under the table's own name
// (so the PostgreSQL dialect, which learns each table from its CREATE TABLE,
// knows it as before), the rows copied and the old table dropped. Nothing
// refers to published_pages, and the migration runs in one transaction on
// both backends, so a failure leaves the table as it was.
#include "schema.h"

namespace ecociv::store {

std::string_view PublishedPagesKindsMigration() {
  return R"sql(
ALTER TABLE published_pages RENAME TO published_pages_before_15;
CREATE TABLE published_pages (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('air-summary', 'water-summary', 'indicators-summary')),
  published INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO published_pages (slug, title, kind, published, updated_at)
  SELECT slug, title, kind, published, updated_at FROM published_pages_before_15;
DROP TABLE published_pages_before_15;
)sql";
}

}  // namespace ecociv::store
