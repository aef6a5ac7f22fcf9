// Migration 9: sections as the city organises them (docs/water.md,
// "Sections"): the categories a section is reported in (`;`-joined, in the
// order written) and the section chief as a name, a post and a unit. The
// free-text chief column stays. Rows stored before keep their fingerprints:
// the canonical form adds these fields only when one is set (canonical.h).
#include "schema.h"

namespace ecociv::store {

std::string_view SectionsMigration() {
  return R"sql(
ALTER TABLE sections ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN chief_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN chief_post TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN chief_unit TEXT NOT NULL DEFAULT '';
)sql";
}

}  // namespace ecociv::store
