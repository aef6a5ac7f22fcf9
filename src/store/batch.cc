#include "batch.h"

#include <cstdlib>

#include "ecociv/core/parse_number.h"
#include "ecociv/store/digest.h"

namespace ecociv::store {

std::string BatchPayloadDigest(const BatchRecord& batch) {
  Sha256 hash;
  hash.AddField(batch.id);
  hash.AddField(batch.kind);
  hash.AddField(batch.source);
  hash.AddField(batch.content_sha256);
  hash.AddField(batch.imported_at);
  hash.AddField(batch.imported_by);
  hash.AddField(batch.rows_inserted);
  hash.AddField(batch.rows_revised);
  hash.AddField(batch.rows_unchanged);
  hash.AddField(batch.rows_rejected);
  hash.AddField(batch.rows_sha256);
  hash.AddField(batch.rejects_sha256);
  return ToHex(hash.Finish());
}

std::string RejectsDigest(const std::vector<std::string>& rejects) {
  Sha256 hash;
  for (const std::string& reject : rejects) {
    hash.AddField(LineOfReject(reject));
    hash.AddField(reject);
  }
  return ToHex(hash.Finish());
}

StatusOr<int64_t> FindBatchByContent(Database* db, const std::string& kind,
                                     const std::string& content_sha256) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT id FROM import_batches WHERE kind = ? "
                                                  "AND content_sha256 = ? ORDER BY id LIMIT 1"));
  query->BindText(0, kind);
  query->BindText(1, content_sha256);
  Status status;
  int64_t id = query->Step(&status) ? query->ColumnInt64(0) : 0;
  ECOCIV_RETURN_IF_ERROR(status);
  return id;
}

Status CreateBatch(Database* db, const Actor& actor, BatchRecord* batch) {
  // Checked again inside the write transaction: another process may have
  // imported the same content since the caller looked.
  ECOCIV_ASSIGN_OR_RETURN(int64_t earlier,
                          FindBatchByContent(db, batch->kind, batch->content_sha256));
  if (earlier != 0) {
    return FailedPreconditionError(batch->source + ": imported meanwhile as batch " +
                                   std::to_string(earlier) + " by another process");
  }
  batch->imported_at = UtcNow();
  batch->imported_by = actor.who.empty() ? CurrentUser() : actor.who;
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO import_batches (kind, source, content_sha256, imported_at, "
                  "imported_by, rows_inserted, rows_revised, rows_unchanged, rows_rejected, "
                  "row_hashes, rows_sha256) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, x'', '')"));
  insert->BindText(0, batch->kind);
  insert->BindText(1, batch->source);
  insert->BindText(2, batch->content_sha256);
  insert->BindText(3, batch->imported_at);
  insert->BindText(4, batch->imported_by);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  batch->id = db->LastInsertId();
  return Status::Ok();
}

namespace {

Status StoreRejects(Database* db, int64_t batch_id, const std::vector<std::string>& rejects) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO import_rejects (batch_id, line, reason) VALUES (?, ?, ?)"));
  for (const std::string& reject : rejects) {
    insert->BindInt64(0, batch_id);
    insert->BindInt64(1, LineOfReject(reject));
    insert->BindText(2, reject);
    ECOCIV_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

}  // namespace

Status FinishBatch(Database* db, const Actor& actor, RowHashList* rows,
                   const std::vector<std::string>& rejects, const std::string& extra_detail,
                   BatchRecord* batch) {
  batch->rows_rejected = static_cast<int64_t>(rejects.size());
  rows->Sort();
  batch->row_hashes = EncodeRowHashes(*rows);
  batch->rows_sha256 = Sha256Hex(batch->row_hashes);
  batch->rejects_sha256 = RejectsDigest(rejects);
  ECOCIV_RETURN_IF_ERROR(StoreRejects(db, batch->id, rejects));
  ECOCIV_ASSIGN_OR_RETURN(
      auto update,
      db->Prepare("UPDATE import_batches SET rows_inserted = ?, rows_revised = ?, "
                  "rows_unchanged = ?, rows_rejected = ?, row_hashes = ?, rows_sha256 = ? "
                  "WHERE id = ?"));
  update->BindInt64(0, batch->rows_inserted);
  update->BindInt64(1, batch->rows_revised);
  update->BindInt64(2, batch->rows_unchanged);
  update->BindInt64(3, batch->rows_rejected);
  update->BindBlob(4, batch->row_hashes);
  update->BindText(5, batch->rows_sha256);
  update->BindInt64(6, batch->id);
  ECOCIV_RETURN_IF_ERROR(update->Run());

  LogEntry entry;
  entry.who = batch->imported_by;
  entry.at = batch->imported_at;
  entry.action = (batch->source.starts_with("manual edit") ? "edit." : "import.") + batch->kind;
  entry.object = "batch:" + std::to_string(batch->id);
  entry.detail = batch->source + " (sha256 " + batch->content_sha256.substr(0, 16) +
                 "…): " + WithThousands(batch->rows_inserted) + " inserted, " +
                 WithThousands(batch->rows_revised) + " revised, " +
                 WithThousands(batch->rows_unchanged) + " unchanged, " +
                 WithThousands(batch->rows_rejected) + " rejected" + extra_detail;
  entry.why = actor.why.empty() ? "import" : actor.why;
  entry.payload_sha256 = BatchPayloadDigest(*batch);
  return AppendLogEntry(db, std::move(entry)).status();
}

StatusOr<std::vector<BatchRecord>> ReadBatches(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT id, kind, source, content_sha256, imported_at, imported_by, "
                  "rows_inserted, rows_revised, rows_unchanged, rows_rejected, row_hashes, "
                  "rows_sha256 FROM import_batches ORDER BY id"));
  std::vector<BatchRecord> batches;
  Status status;
  while (query->Step(&status)) {
    BatchRecord b;
    b.id = query->ColumnInt64(0);
    b.kind = query->ColumnText(1);
    b.source = query->ColumnText(2);
    b.content_sha256 = query->ColumnText(3);
    b.imported_at = query->ColumnText(4);
    b.imported_by = query->ColumnText(5);
    b.rows_inserted = query->ColumnInt64(6);
    b.rows_revised = query->ColumnInt64(7);
    b.rows_unchanged = query->ColumnInt64(8);
    b.rows_rejected = query->ColumnInt64(9);
    b.row_hashes = query->ColumnBlob(10);
    b.rows_sha256 = query->ColumnText(11);
    batches.push_back(std::move(b));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  ECOCIV_ASSIGN_OR_RETURN(auto rejects, db->Prepare("SELECT reason FROM import_rejects WHERE "
                                                    "batch_id = ? ORDER BY rowid"));
  for (BatchRecord& b : batches) {
    std::vector<std::string> reasons;
    rejects->BindInt64(0, b.id);
    while (rejects->Step(&status)) reasons.push_back(rejects->ColumnText(0));
    rejects->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
    b.rejects_sha256 = RejectsDigest(reasons);
  }
  return batches;
}

std::string WithThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

int64_t LineOfReject(const std::string& reject) {
  // "path:line: reason" — the path may itself contain ':'; take the first
  // ":<digits>:" group.
  for (size_t colon = reject.find(':'); colon != std::string::npos;
       colon = reject.find(':', colon + 1)) {
    size_t end = colon + 1;
    while (end < reject.size() && reject[end] >= '0' && reject[end] <= '9') ++end;
    int64_t line = 0;
    if (end > colon + 1 && end < reject.size() && reject[end] == ':' &&
        ParseIntegerInRange(std::string_view(reject).substr(colon + 1, end - colon - 1), 0,
                            INT64_MAX, &line)) {
      return line;
    }
  }
  return 0;
}

}  // namespace ecociv::store
