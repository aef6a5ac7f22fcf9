// Migration 12 (after the ecological space's 11): one plan per section
// (一断面一方案) and the links of web users to the sections they are chief of
// (docs/water.md, "One plan per section", "The chiefs' view"). A plan is its
// header row (one per section, with its approval state), its causes, its
// measures (owner unit, deadline, state) and its dated progress entries;
// every change to them is a change-record entry on object "plan:SECTION".
#include "schema.h"

namespace ecociv::store {

std::string_view SectionPlansMigration() {
  return R"sql(
CREATE TABLE section_plans (
  section TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  effect TEXT NOT NULL DEFAULT '',
  approval TEXT NOT NULL CHECK (approval IN ('draft', 'submitted', 'approved')),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE section_plan_causes (
  id INTEGER PRIMARY KEY,
  section TEXT NOT NULL REFERENCES section_plans (section),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('source', 'outfall', 'other')),
  text TEXT NOT NULL
);
CREATE TABLE section_plan_measures (
  id INTEGER PRIMARY KEY,
  section TEXT NOT NULL REFERENCES section_plans (section),
  text TEXT NOT NULL,
  unit TEXT NOT NULL,
  deadline TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done'))
);
CREATE TABLE section_plan_progress (
  id INTEGER PRIMARY KEY,
  section TEXT NOT NULL REFERENCES section_plans (section),
  measure_id INTEGER NOT NULL DEFAULT 0,
  on_date TEXT NOT NULL,
  who TEXT NOT NULL,
  note TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL
);
CREATE TABLE chief_links (
  user_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('section', 'river')),
  value TEXT NOT NULL,
  PRIMARY KEY (user_name, kind, value)
);
)sql";
}

}  // namespace ecociv::store
