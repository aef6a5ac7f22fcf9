// Migration 3: the demonstration-zone indicators (docs/indicators.md). Tables
// are prefixed ind_; values, targets and budgets are exact decimal TEXT as
// entered; dates YYYY-MM-DD; times of record-keeping UTC ISO 8601.
#include "schema.h"

namespace ecociv::store {

std::string_view IndicatorsMigration() {
  return R"sql(
CREATE TABLE ind_catalogues (
  name TEXT PRIMARY KEY,
  csv TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
CREATE TABLE ind_indicators (
  catalogue TEXT NOT NULL REFERENCES ind_catalogues (name) ON DELETE CASCADE,
  id TEXT NOT NULL,
  domain TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  direction TEXT NOT NULL,
  binding TEXT NOT NULL,
  source TEXT NOT NULL,
  responsible TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (catalogue, id)
);
CREATE TABLE ind_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ind_units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('department', 'town', 'district', 'subdistrict')),
  contact TEXT NOT NULL,
  phone TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE TABLE ind_plans (
  year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  target TEXT NOT NULL,
  units TEXT NOT NULL,
  deadline TEXT NOT NULL,
  PRIMARY KEY (year, indicator)
);
CREATE TABLE ind_projects (
  code TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  budget TEXT NOT NULL,
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'suspended'))
);
CREATE TABLE ind_milestones (
  project TEXT NOT NULL REFERENCES ind_projects (code) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  due TEXT NOT NULL,
  done TEXT NOT NULL,
  PRIMARY KEY (project, seq)
);
CREATE TABLE ind_values (
  year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  value TEXT NOT NULL,
  note TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('reported', 'engine')),
  inputs TEXT NOT NULL,
  unit TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  reason TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (year, indicator)
);
CREATE TABLE ind_evidence (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
)sql";
}

}  // namespace ecociv::store
