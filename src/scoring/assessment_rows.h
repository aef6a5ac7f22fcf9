// The assessment tables' rows as the store keeps them (internal): each
// table's canonical field list, whose SHA-256 is the row's row_sha256 and the
// payload of the change-record entry that last wrote it, and the object name
// that entry carries. One definition serves the writers and VerifyAssessments,
// so the two can never disagree about what a row's digest covers.
//
// Thread safety: pure functions, except LogRowChange (the caller's Database).
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::scoring::rows {

// How one table is read back for verification: the SELECT of its canonical
// fields (in digest order) followed by row_sha256, and how its object is named.
struct TableSpec {
  const char* table;
  const char* select_fields;  // "id, name, ..." (the digest's fields, in order)
  const char* object_prefix;  // "person:", "value:", ...
  int object_fields;          // how many leading fields make the object name
  // The last field is the row's region, which the digest covers only when it
  // is not the root's: rows written before regions keep their digests.
  bool ends_with_region = false;
};
const std::vector<TableSpec>& Tables();

// The digest's fields of a row read by `spec`: a root region dropped.
std::vector<std::string> DigestFields(const TableSpec& spec, std::vector<std::string> fields);

// SHA-256 (hex) of the fields, each as a netstring (store::Sha256::AddField).
std::string RowDigest(const std::vector<std::string>& fields);

// The object name of a row: prefix + its first `object_fields` fields joined by '/'.
std::string ObjectOf(const TableSpec& spec, const std::vector<std::string>& fields);

// Appends the change-record entry of a written row (inside the caller's
// transaction).
Status LogRowChange(store::Database* db, const store::Actor& actor, const std::string& action,
                    const std::string& object, const std::string& detail,
                    const std::string& row_sha256);

}  // namespace ecociv::scoring::rows
