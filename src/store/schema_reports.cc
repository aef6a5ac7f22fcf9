// Migration 10 (after the section categories' migration 9): official
// documents and their publishing (docs/reports.md, "Publishing").
//
// A document is stored as made (its HTML and PDF bytes with their SHA-256)
// and moves draft → approved → published; a published document is frozen
// (triggers refuse any change of its content and its deletion) and a
// correction is a new document naming the one it replaces, which becomes
// superseded when the correction is published. Each step is a change-record
// entry whose payload is the PDF's SHA-256.
#include "schema.h"

namespace ecociv::store {

std::string_view ReportsPublishingMigration() {
  return R"sql(
CREATE TABLE report_documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'published', 'superseded')),
  replaces INTEGER NOT NULL DEFAULT 0,
  replaced_by INTEGER NOT NULL DEFAULT 0,
  html TEXT NOT NULL,
  pdf BLOB NOT NULL,
  html_sha256 TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT '',
  published_by TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_documents_state ON report_documents (state, kind, period);

CREATE TRIGGER report_documents_frozen
BEFORE UPDATE OF kind, period, lang, title, html, pdf, html_sha256, pdf_sha256, replaces,
  created_by, created_at, approved_by, approved_at, published_by, published_at
ON report_documents
WHEN OLD.state IN ('published', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'a published document is frozen');
END;

CREATE TRIGGER report_documents_kept
BEFORE DELETE ON report_documents
WHEN OLD.state IN ('published', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'a published document is kept');
END;
)sql";
}

}  // namespace ecociv::store
