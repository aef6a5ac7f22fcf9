// Writing code-keyed entity tables (stations, sections) for an import batch
// (internal): new codes are inserted, changed ones revised (upsert), equal
// ones counted as unchanged, and each written row gets its fingerprint under
// the key (row id, 0). Thread safety: as the Database.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch.h"
#include "ecociv/store/database.h"
#include "row_hashes.h"

namespace ecociv::store {

// How to write one kind of entity. `upsert_sql` inserts or updates one row by
// code; `bind` binds a row and the batch id to it; `table` names the table
// ("stations") for the id lookup.
template <typename Row>
struct EntityTable {
  const char* table;
  const char* upsert_sql;
  void (*bind)(Statement* upsert, const Row& row, int64_t batch_id);
  std::string (*canonical)(const Row& row);
};

template <typename Row>
Status WriteEntities(Database* db, const EntityTable<Row>& table, const std::vector<Row>& rows,
                     const std::map<std::string, Row>& existing, BatchRecord* batch,
                     RowHashList* hashes, std::string* revised_codes) {
  ECOCIV_ASSIGN_OR_RETURN(auto upsert, db->Prepare(table.upsert_sql));
  ECOCIV_ASSIGN_OR_RETURN(
      auto id_of, db->Prepare(std::string("SELECT id FROM ") + table.table + " WHERE code = ?"));
  for (const Row& row : rows) {
    auto it = existing.find(row.code);
    std::string canonical = table.canonical(row);
    if (it != existing.end() && table.canonical(it->second) == canonical) {
      ++batch->rows_unchanged;
      continue;
    }
    if (it != existing.end()) {
      ++batch->rows_revised;
      *revised_codes += (revised_codes->empty() ? "" : " ") + row.code;
    } else {
      ++batch->rows_inserted;
    }
    table.bind(upsert.get(), row, batch->id);
    ECOCIV_RETURN_IF_ERROR(upsert->Run());
    id_of->BindText(0, row.code);
    Status status;
    if (!id_of->Step(&status)) return InternalError(row.code + " vanished from " + table.table);
    hashes->Set({id_of->ColumnInt64(0), 0}, RowFingerprint(canonical));
    id_of->Reset();
  }
  return Status::Ok();
}

}  // namespace ecociv::store
