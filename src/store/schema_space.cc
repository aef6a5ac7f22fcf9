// Migration 11 (after the official documents' migration 10): the ecological
// space layers (docs/space.md). A layer of a year is stored as imported, one
// row per feature: attributes as vocabulary codes, the geometry as ISO WKB in
// CGCS2000 geographic coordinates (EPSG:4490) with the source file's CRS kept
// beside it, and its area on the ellipsoid. space_imports names each import;
// its change-record entry's payload is the file's SHA-256.
#include "schema.h"

namespace ecociv::store {

std::string_view SpaceMigration() {
  return R"sql(
CREATE TABLE space_imports (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL,
  year INTEGER NOT NULL,
  source TEXT NOT NULL,
  source_crs TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  features INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);

CREATE TABLE space_features (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL CHECK (layer IN ('red-line', 'control-area', 'protected-area',
                                       'land-cover', 'projects', 'boundary')),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  control_level TEXT NOT NULL DEFAULT '',
  function TEXT NOT NULL DEFAULT '',
  cover TEXT NOT NULL DEFAULT '',
  wkb BLOB NOT NULL,
  area_m2 REAL NOT NULL,
  source_number INTEGER NOT NULL,
  import_id INTEGER NOT NULL REFERENCES space_imports (id),
  UNIQUE (layer, year, code)
);
)sql";
}

}  // namespace ecociv::store
