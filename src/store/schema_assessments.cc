// Migration 6: the double assessment on the platform (docs/scoring.md, "In the
// store"). Subjects are units (ind_units.code) and people (people.id); values
// are exact decimal TEXT as entered; dates YYYY-MM-DD; times of record-keeping
// UTC ISO 8601. Each row carries the SHA-256 of its content (row_sha256),
// which is also the payload of the change-record entry that last wrote it, so
// `db verify` finds a row edited behind the program's back.
#include "schema.h"

namespace ecociv::store {

std::string_view AssessmentsMigration() {
  return R"sql(
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  post TEXT NOT NULL,
  tenure_start TEXT NOT NULL,
  tenure_end TEXT NOT NULL,
  row_sha256 TEXT NOT NULL
);
CREATE TABLE assessment_values (
  scheme TEXT NOT NULL,
  year INTEGER NOT NULL,
  subject TEXT NOT NULL,
  item TEXT NOT NULL,
  point TEXT NOT NULL CHECK (point IN ('year', 'start', 'end')),
  value TEXT NOT NULL,
  note TEXT NOT NULL,
  origin TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  row_sha256 TEXT NOT NULL,
  PRIMARY KEY (scheme, year, subject, item, point)
);
CREATE TABLE assessment_events (
  id INTEGER PRIMARY KEY,
  scheme TEXT NOT NULL,
  year INTEGER NOT NULL,
  subject TEXT NOT NULL,
  item TEXT NOT NULL,
  date TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  reason TEXT NOT NULL,
  origin TEXT NOT NULL,
  withdrawn TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  row_sha256 TEXT NOT NULL
);
CREATE INDEX assessment_events_key ON assessment_events (scheme, year, subject);
CREATE TABLE assessment_evidence (
  id INTEGER PRIMARY KEY,
  object TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX assessment_evidence_object ON assessment_evidence (object);
CREATE TABLE scoring_runs (
  id INTEGER PRIMARY KEY,
  scheme TEXT NOT NULL,
  year INTEGER NOT NULL,
  scheme_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'reviewed', 'approved', 'superseded')),
  replaces INTEGER REFERENCES scoring_runs (id),
  record TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reviewed_by TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  row_sha256 TEXT NOT NULL
);
CREATE INDEX scoring_runs_key ON scoring_runs (scheme, year);
CREATE TABLE audit_findings (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES scoring_runs (id),
  subject TEXT NOT NULL,
  problem TEXT NOT NULL,
  owner TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  progress TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  row_sha256 TEXT NOT NULL
);
)sql";
}

}  // namespace ecociv::store
