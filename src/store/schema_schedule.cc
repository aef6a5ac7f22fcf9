// Migration 13 (after the section plans' 12): the schedule of periodic
// documents and the notices of drafted documents (docs/reports.md,
// "Schedule"). report_schedule holds one row per (kind, period) the
// schedule has taken up: the primary key is what keeps several servers on
// one store from drafting a period twice, and a run claims a row (state
// 'claimed' until claimed_until) before it makes the documents, so a run
// that dies leaves the period to the next run once the claim ends.
// document_outbox has the warning outbox's shape (migration 2) and is
// delivered by the same webhook runs (warning/webhook.h); its rows name the
// document they announce, where the warning outbox names a warning event.
#include "schema.h"

namespace ecociv::store {

std::string_view ReportScheduleMigration() {
  return R"sql(
CREATE TABLE report_schedule (
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'drafted', 'failed')),
  claimed_until INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  documents TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, period)
);
CREATE TABLE document_outbox (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES report_documents (id),
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_outbox_pending ON document_outbox (delivered_at, next_attempt_at);
)sql";
}

}  // namespace ecociv::store
