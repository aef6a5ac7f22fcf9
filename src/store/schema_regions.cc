// Migration 16 (after the published pages' kinds, 15): regions, so that
// one store holds a province, its cities and their counties (docs/store.md,
// "Regions"). A region is an administrative division by its GB/T 2260 code
// (320000 江苏省, 320500 苏州市, 320582 张家港市) with its level and parent.
// The root region '000000' stands for the whole store: a store that has
// always held one city has only it, every station, section, unit and user
// belongs to it, and a user of the root sees everything, as before. Regions
// added later hang below the root (a province, or a city directly).
//
// Stations, sections, units (departments and towns) and users carry their
// region; warnings, review flags and documents do not: their region is that
// of the station, section or unit they concern.
//
// Migration 17: scoring runs and documents belong to a region. A county
// scores and ranks its own towns and departments, and makes the air and
// water documents of its own stations and sections; the root region's runs
// and documents are the whole store's, as every one made before regions. A
// published document's region is frozen with the rest of it.
#include "schema.h"

namespace ecociv::store {

std::string_view RegionsMigration() {
  return R"sql(
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL CHECK (level IN ('root', 'province', 'city', 'county')),
  parent TEXT REFERENCES regions (code),
  CHECK ((level = 'root') = (parent IS NULL))
);
INSERT INTO regions (code, name, name_en, level, parent)
  VALUES ('000000', '全部地区', 'All regions', 'root', NULL);
ALTER TABLE stations ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
ALTER TABLE sections ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
ALTER TABLE ind_units ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
ALTER TABLE users ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
)sql";
}

std::string_view RunAndDocumentRegionsMigration() {
  return R"sql(
ALTER TABLE scoring_runs ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
CREATE INDEX scoring_runs_region ON scoring_runs (scheme, year, region);
ALTER TABLE report_documents ADD COLUMN region TEXT NOT NULL DEFAULT '000000';
CREATE TRIGGER report_documents_region_frozen
BEFORE UPDATE OF region ON report_documents
WHEN OLD.state IN ('published', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'a published document is frozen');
END;
)sql";
}

}  // namespace ecociv::store
