#include "ecociv/store/verify.h"

#include <map>

#include "batch.h"
#include "canonical.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"
#include "row_hashes.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

class Verifier {
 public:
  Verifier(Database* db, VerifyReport* report) : db_(db), report_(report) {}

  Status Run();

 private:
  void Problem(std::string text) { report_->problems.push_back(std::move(text)); }
  Status CheckChain();
  Status CheckBatches();
  Status CheckAirRows(const BatchRecord& batch, const RowHashMap& expected);
  Status CheckOrphanAirRows();
  void CheckStations(const std::vector<BatchRecord>& batches,
                     const std::map<int64_t, RowHashMap>& expected);
  Status CheckObjects(const std::string& prefix, const std::string& table,
                      StatusOr<std::string> (*digest)(Database*, int64_t));
  std::string StationName(int64_t id) const {
    auto it = codes_.find(id);
    return it != codes_.end() ? it->second : "station#" + std::to_string(id);
  }
  std::string AirRowName(int64_t station, int64_t label) const {
    return "air row " + StationName(station) + " " + FormatHourLabel(HourLabel(label));
  }

  Database* db_;
  VerifyReport* report_;
  std::map<std::string, LogEntry> by_object_;  // "batch:3" → entry
  std::map<std::string, StationRow> stations_;
  std::map<int64_t, std::string> codes_;
};

Status Verifier::CheckChain() {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<LogEntry> entries, ReadLog(db_));
  std::string previous = kGenesisHash;
  int64_t expected_seq = 1;
  for (const LogEntry& e : entries) {
    ++report_->entries_checked;
    std::string where = "change record entry " + std::to_string(e.seq);
    if (e.seq != expected_seq) {
      Problem("change record entries " + std::to_string(expected_seq) + ".." +
              std::to_string(e.seq - 1) + ": deleted");
    }
    if (e.prev_hash != previous) {
      Problem(where +
              ": does not follow the previous entry (an entry before it was "
              "deleted, inserted or changed)");
    }
    if (ComputeEntryHash(e) != e.hash) Problem(where + ": changed (hash mismatch)");
    previous = e.hash;
    expected_seq = e.seq + 1;
    by_object_[e.object] = e;
  }
  report_->head_hash = previous;
  return Status::Ok();
}

// Current and superseded versions of the air rows a batch wrote.
Status Verifier::CheckAirRows(const BatchRecord& batch, const RowHashMap& expected) {
  RowHashMap found;
  for (const char* table : {"air_hourly", "air_revisions"}) {
    ECOCIV_ASSIGN_OR_RETURN(auto query,
                            db_->Prepare(std::string("SELECT station_id, label, so2, no2, co, "
                                                     "o3, pm10, pm25, not_monitored FROM ") +
                                         table + " WHERE batch_id = ?"));
    query->BindInt64(0, batch.id);
    Status status;
    while (query->Step(&status)) {
      AirValues values = ColumnAirValues(*query, 2);
      int64_t station = query->ColumnInt64(0), label = query->ColumnInt64(1);
      RowKey key{station, label};
      std::string hash = RowFingerprint(AirRowCanonical(StationName(station), label, values));
      if (found.count(key)) Problem(AirRowName(station, label) + ": inserted (duplicate)");
      found[key] = hash;
      ++report_->rows_checked;
    }
    ECOCIV_RETURN_IF_ERROR(status);
  }
  std::string tag = " (batch " + std::to_string(batch.id) + ")";
  for (const auto& [key, hash] : expected) {
    auto it = found.find(key);
    if (it == found.end()) {
      Problem(AirRowName(key.first, key.second) + tag + ": deleted");
    } else if (it->second != hash) {
      Problem(AirRowName(key.first, key.second) + tag + ": changed");
    }
  }
  for (const auto& [key, hash] : found) {
    if (!expected.count(key)) Problem(AirRowName(key.first, key.second) + tag + ": inserted");
  }
  return Status::Ok();
}

Status Verifier::CheckOrphanAirRows() {
  for (const char* table : {"air_hourly", "air_revisions"}) {
    ECOCIV_ASSIGN_OR_RETURN(
        auto query, db_->Prepare(std::string("SELECT station_id, label, batch_id FROM ") + table +
                                 " WHERE batch_id NOT IN (SELECT id FROM import_batches WHERE "
                                 "kind = 'air')"));
    Status status;
    while (query->Step(&status)) {
      Problem(AirRowName(query->ColumnInt64(0), query->ColumnInt64(1)) + ": inserted (batch " +
              std::to_string(query->ColumnInt64(2)) + " is not an air import)");
    }
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

// A station must match the fingerprint of the batch that last wrote it; an
// earlier batch's fingerprint is superseded when a later batch wrote it too.
void Verifier::CheckStations(const std::vector<BatchRecord>& batches,
                             const std::map<int64_t, RowHashMap>& expected) {
  std::map<int64_t, const StationRow*> by_id;
  for (const auto& [code, s] : stations_) by_id[s.id] = &s;
  for (const auto& [id, s] : by_id) {
    ++report_->rows_checked;
    auto batch = expected.find(s->batch_id);
    const RowHashMap* hashes = batch != expected.end() ? &batch->second : nullptr;
    auto hash = hashes ? hashes->find({id, 0}) : RowHashMap::const_iterator();
    if (hashes == nullptr || hash == hashes->end()) {
      Problem("station " + s->code + ": inserted (no import batch wrote it)");
    } else if (hash->second != RowFingerprint(StationCanonical(*s))) {
      Problem("station " + s->code + ": changed");
    }
  }
  for (const auto& [batch_id, hashes] : expected) {
    for (const auto& [key, hash] : hashes) {
      auto it = by_id.find(key.first);
      if (it == by_id.end()) {
        Problem("station " + StationName(key.first) + " (batch " + std::to_string(batch_id) +
                "): deleted");
      } else if (it->second->batch_id < batch_id) {
        Problem("station " + it->second->code + ": changed (batch " + std::to_string(batch_id) +
                " wrote it later)");
      }
    }
  }
}

Status Verifier::CheckBatches() {
  ECOCIV_ASSIGN_OR_RETURN(auto batches, ReadBatches(db_));
  std::map<int64_t, RowHashMap> station_hashes;
  for (const BatchRecord& batch : batches) {
    ++report_->batches_checked;
    std::string where = "import batch " + std::to_string(batch.id) + " (" + batch.source + ")";
    auto entry = by_object_.find("batch:" + std::to_string(batch.id));
    if (entry == by_object_.end()) {
      Problem(where + ": inserted (no change record entry)");
    } else if (entry->second.payload_sha256 != BatchPayloadDigest(batch)) {
      Problem(where + ": changed (does not match its change record entry)");
    }
    if (Sha256Hex(batch.row_hashes) != batch.rows_sha256) {
      Problem(where + ": row fingerprints changed");
    }
    RowHashMap expected;
    if (!DecodeRowHashes(batch.row_hashes, &expected).ok()) {
      Problem(where + ": row fingerprints unreadable");
    }
    if (batch.kind == "air") ECOCIV_RETURN_IF_ERROR(CheckAirRows(batch, expected));
    if (batch.kind == "stations") station_hashes[batch.id] = std::move(expected);
  }
  for (const auto& [object, entry] : by_object_) {
    if (object.rfind("batch:", 0) != 0) continue;
    int64_t id = std::stoll(object.substr(6));
    bool present = false;
    for (const BatchRecord& b : batches) present = present || b.id == id;
    if (!present) Problem("import batch " + object.substr(6) + ": deleted");
  }
  CheckStations(batches, station_hashes);
  return CheckOrphanAirRows();
}

// Decisions ("decision:N") and screening runs ("run:N") against their entries.
Status Verifier::CheckObjects(const std::string& prefix, const std::string& table,
                              StatusOr<std::string> (*digest)(Database*, int64_t)) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db_->Prepare("SELECT id FROM " + table + " ORDER BY id"));
  std::vector<int64_t> ids;
  Status status;
  while (query->Step(&status)) ids.push_back(query->ColumnInt64(0));
  ECOCIV_RETURN_IF_ERROR(status);
  std::string name = table == "review_decisions" ? "review decision " : "screening run ";
  for (int64_t id : ids) {
    ++report_->rows_checked;
    auto entry = by_object_.find(prefix + std::to_string(id));
    StatusOr<std::string> actual = digest(db_, id);
    if (entry == by_object_.end()) {
      Problem(name + std::to_string(id) + ": inserted (no change record entry)");
    } else if (!actual.ok() || *actual != entry->second.payload_sha256) {
      Problem(name + std::to_string(id) + ": changed");
    }
  }
  for (const auto& [object, entry] : by_object_) {
    if (object.rfind(prefix, 0) != 0) continue;
    int64_t id = std::stoll(object.substr(prefix.size()));
    if (!std::binary_search(ids.begin(), ids.end(), id)) {
      Problem(name + std::to_string(id) + ": deleted");
    }
  }
  return Status::Ok();
}

Status Verifier::Run() {
  ECOCIV_ASSIGN_OR_RETURN(stations_, ReadStationTable(db_));
  for (const auto& [code, s] : stations_) codes_[s.id] = code;
  ECOCIV_RETURN_IF_ERROR(CheckChain());
  ECOCIV_RETURN_IF_ERROR(CheckBatches());
  ECOCIV_RETURN_IF_ERROR(CheckObjects("decision:", "review_decisions", DecisionDigest));
  return CheckObjects("run:", "review_runs", ScreeningRunDigest);
}

}  // namespace

std::string VerifyReport::Summary() const {
  std::string text = "checked " + WithThousands(entries_checked) + " change record entries, " +
                     WithThousands(batches_checked) + " import batches, " +
                     WithThousands(rows_checked) + " rows; ";
  text += ok() ? "no tampering found" : WithThousands(problems.size()) + " problems found";
  return text + "; head " + head_hash;
}

StatusOr<VerifyReport> VerifyDatabase(Database* db) {
  VerifyReport report;
  ECOCIV_RETURN_IF_ERROR(Verifier(db, &report).Run());
  return report;
}

}  // namespace ecociv::store
