#include "ecociv/store/verify.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "batch.h"
#include "canonical.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"
#include "row_hashes.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

// The number after `prefix` in an entry's object ("batch:12" → 12), or -1 for
// a malformed one (which can only come from outside the program).
int64_t IdOf(const std::string& object, const std::string& prefix) {
  int64_t id = 0;
  if (object.size() < prefix.size()) return -1;
  return ParseIntegerInRange(std::string_view(object).substr(prefix.size()), 0, INT64_MAX, &id)
             ? id
             : -1;
}

// A current or superseded row as verify sees it: its fingerprint key, the
// fingerprint of its canonical encoding, and a readable name (for an air row
// made from its key when a problem needs it: a million rows need no names).
struct FoundRow {
  RowKey key;
  Fingerprint hash;
  std::string name;
};

// A station or section: checked against the batch that last wrote it.
struct Entity {
  int64_t id = 0;
  std::string name;  // "station 1001A"
  int64_t batch_id = 0;
  Fingerprint hash;
};

class Verifier {
 public:
  Verifier(Database* db, VerifyReport* report) : db_(db), report_(report) {}

  Status Run();

 private:
  void Problem(std::string text) { report_->problems.push_back(std::move(text)); }
  Status CheckChain();
  Status CheckBatches();
  Status CollectAirRows(int64_t batch_id, std::vector<FoundRow>* rows);
  Status CollectWaterRows(int64_t batch_id, std::vector<FoundRow>* rows);
  void CompareRows(const BatchRecord& batch, const RowHashList& expected,
                   const std::vector<FoundRow>& found, const std::string& kind);
  std::string RowName(const FoundRow& row) const {
    return row.name.empty() ? AirRowName(row.key.first, row.key.second) : row.name;
  }
  Status CheckOrphanRows();
  void CheckEntities(const std::vector<Entity>& entities,
                     const std::map<int64_t, RowHashList>& expected, const std::string& kind);
  Status CheckObjects(const std::string& prefix, const std::string& table,
                      StatusOr<std::string> (*digest)(Database*, int64_t));
  std::string StationName(int64_t id) const {
    auto it = station_codes_.find(id);
    return it != station_codes_.end() ? it->second : "station#" + std::to_string(id);
  }
  std::string SectionName(int64_t id) const {
    auto it = section_codes_.find(id);
    return it != section_codes_.end() ? it->second : "section#" + std::to_string(id);
  }
  std::string AirRowName(int64_t station, int64_t label) const {
    return "air row " + StationName(station) + " " + FormatHourLabel(HourLabel(label));
  }

  Database* db_;
  VerifyReport* report_;
  std::map<std::string, LogEntry> by_object_;  // "batch:3" → entry
  std::map<std::string, StationRow> stations_;
  std::map<std::string, SectionRow> sections_;
  std::map<int64_t, std::string> station_codes_, section_codes_;
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

// Current and superseded versions of the air rows a batch wrote. Rows are
// read from SQLite on this thread and fingerprinted on another, a block at a
// time, so the hashing costs no time beside the reading.
Status Verifier::CollectAirRows(int64_t batch_id, std::vector<FoundRow>* rows) {
  struct StoredAirRow {
    RowKey key;
    AirValues values;
    std::string flags;
  };
  constexpr size_t kBlockRows = 32768;
  auto fingerprint = [this](const std::vector<StoredAirRow>& block, std::vector<FoundRow>* out) {
    std::string canonical, code;
    int64_t code_of = -1;  // the station whose code is in `code`
    out->reserve(block.size());
    for (const StoredAirRow& row : block) {
      if (row.key.first != code_of) {
        code = StationName(row.key.first);
        code_of = row.key.first;
      }
      AirRowCanonicalTo(code, row.key.second, row.values, row.flags, &canonical);
      out->push_back({row.key, RowFingerprint(canonical), {}});
    }
  };
  std::vector<StoredAirRow> block;
  std::vector<FoundRow> hashed;
  std::thread worker;
  auto finish_worker = [&] {
    if (!worker.joinable()) return;
    worker.join();
    rows->insert(rows->end(), hashed.begin(), hashed.end());
    hashed.clear();
  };
  for (const char* table : {"air_hourly", "air_revisions"}) {
    ECOCIV_ASSIGN_OR_RETURN(auto query,
                            db_->Prepare(std::string("SELECT station_id, label, so2, no2, co, "
                                                     "o3, pm10, pm25, not_monitored, flags FROM ") +
                                         table + " WHERE batch_id = ?"));
    query->BindInt64(0, batch_id);
    Status status;
    bool more = true;
    while (more) {
      block.clear();
      while (block.size() < kBlockRows && (more = query->Step(&status))) {
        block.push_back({{query->ColumnInt64(0), query->ColumnInt64(1)},
                         ColumnAirValues(*query, 2),
                         query->ColumnText(9)});
      }
      finish_worker();
      if (block.empty()) break;
      worker = std::thread([&, taken = std::move(block)]() mutable { fingerprint(taken, &hashed); });
      block = {};
    }
    finish_worker();
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

// Current and superseded versions of the water samples a batch wrote.
Status Verifier::CollectWaterRows(int64_t batch_id, std::vector<FoundRow>* rows) {
  for (const char* table : {"water_samples", "water_revisions"}) {
    ECOCIV_ASSIGN_OR_RETURN(auto query,
                            db_->Prepare(std::string("SELECT section_id, day, item, value, "
                                                     "below_detection, limit_known, flag FROM ") +
                                         table + " WHERE batch_id = ?"));
    query->BindInt64(0, batch_id);
    Status status;
    while (query->Step(&status)) {
      WaterRow row;
      row.section_id = query->ColumnInt64(0);
      row.day = query->ColumnInt64(1);
      row.item = query->ColumnText(2);
      row.value = query->ColumnInt64(3);
      row.below_detection = query->ColumnInt64(4) != 0;
      row.limit_known = query->ColumnInt64(5) != 0;
      row.flag = query->ColumnText(6);
      std::string section = SectionName(row.section_id);
      rows->push_back(
          {WaterRowKey(row), RowFingerprint(WaterRowCanonical(section, row)),
           "water sample " + section + " " + FormatDate(DayNumber(row.day)) + " " + row.item});
    }
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

void Verifier::CompareRows(const BatchRecord& batch, const RowHashList& expected,
                           const std::vector<FoundRow>& found, const std::string& kind) {
  std::string tag = " (batch " + std::to_string(batch.id) + ")";
  // The rows in key order (found order among equal keys): the first of a key
  // is the one compared, any later one a duplicate. Problems are listed in
  // the order a map from key to first row would give.
  std::vector<uint32_t> by_key(found.size());
  for (size_t i = 0; i < found.size(); ++i) by_key[i] = uint32_t(i);
  auto key_less = [&](uint32_t a, uint32_t b) { return found[a].key < found[b].key; };
  if (!std::is_sorted(by_key.begin(), by_key.end(), key_less)) {
    std::stable_sort(by_key.begin(), by_key.end(), key_less);
  }
  std::vector<bool> duplicate(found.size(), false);
  for (size_t i = 1; i < by_key.size(); ++i) {
    if (found[by_key[i]].key == found[by_key[i - 1]].key) duplicate[by_key[i]] = true;
  }
  report_->rows_checked += int64_t(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    if (duplicate[i]) Problem(RowName(found[i]) + tag + ": inserted (duplicate)");
  }
  size_t at = 0;  // expected and by_key are both in key order: one merge
  for (const auto& [key, hash] : expected) {
    while (at < by_key.size() && found[by_key[at]].key < key) ++at;
    if (at == by_key.size() || found[by_key[at]].key != key) {
      std::string name = kind == "air" ? AirRowName(key.first, key.second)
                                       : "water sample " + SectionName(key.first) + " " +
                                             FormatDate(DayNumber(key.second >> 32)) + " (an item)";
      Problem(name + tag + ": deleted");
    } else if (found[by_key[at]].hash != hash) {
      Problem(RowName(found[by_key[at]]) + tag + ": changed");
    }
  }
  for (const FoundRow& row : found) {
    if (!expected.Find(row.key)) Problem(RowName(row) + tag + ": inserted");
  }
}

Status Verifier::CheckOrphanRows() {
  const std::pair<std::string, std::string> kQueries[] = {
      {"air", "SELECT station_id, label, '', batch_id FROM air_hourly"},
      {"air", "SELECT station_id, label, '', batch_id FROM air_revisions"},
      {"water", "SELECT section_id, day, item, batch_id FROM water_samples"},
      {"water", "SELECT section_id, day, item, batch_id FROM water_revisions"}};
  for (const auto& [kind, select] : kQueries) {
    ECOCIV_ASSIGN_OR_RETURN(auto query, db_->Prepare(select +
                                                     " WHERE batch_id NOT IN (SELECT id FROM "
                                                     "import_batches WHERE kind = '" +
                                                     kind + "')"));
    Status status;
    while (query->Step(&status)) {
      int64_t id = query->ColumnInt64(0), when = query->ColumnInt64(1);
      std::string name = kind == "air"
                             ? AirRowName(id, when)
                             : "water sample " + SectionName(id) + " " +
                                   FormatDate(DayNumber(when)) + " " + query->ColumnText(2);
      Problem(name + ": inserted (batch " + std::to_string(query->ColumnInt64(3)) + " is not " +
              (kind == "air" ? "an air" : "a water") + " import)");
    }
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

// A station or section must match the fingerprint of the batch that last
// wrote it; an earlier batch's fingerprint is superseded when a later batch
// wrote it too.
void Verifier::CheckEntities(const std::vector<Entity>& entities,
                             const std::map<int64_t, RowHashList>& expected,
                             const std::string& kind) {
  std::map<int64_t, const Entity*> by_id;
  for (const Entity& e : entities) {
    by_id[e.id] = &e;
    ++report_->rows_checked;
    auto batch = expected.find(e.batch_id);
    const RowHashList* hashes = batch != expected.end() ? &batch->second : nullptr;
    const Fingerprint* hash = hashes ? hashes->Find({e.id, 0}) : nullptr;
    if (hash == nullptr) {
      Problem(e.name + ": inserted (no import batch wrote it)");
    } else if (*hash != e.hash) {
      Problem(e.name + ": changed");
    }
  }
  for (const auto& [batch_id, hashes] : expected) {
    for (const auto& [key, hash] : hashes) {
      auto it = by_id.find(key.first);
      if (it == by_id.end()) {
        std::string name = kind == "station" ? StationName(key.first) : SectionName(key.first);
        Problem(kind + " " + name + " (batch " + std::to_string(batch_id) + "): deleted");
      } else if (it->second->batch_id < batch_id) {
        Problem(it->second->name + ": changed (batch " + std::to_string(batch_id) +
                " wrote it later)");
      }
    }
  }
}

Status Verifier::CheckBatches() {
  ECOCIV_ASSIGN_OR_RETURN(auto batches, ReadBatches(db_));
  std::map<std::string, std::map<int64_t, RowHashList>> entity_hashes;  // kind → batch → rows
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
    RowHashList expected;
    if (!DecodeRowHashes(batch.row_hashes, &expected).ok()) {
      Problem(where + ": row fingerprints unreadable");
    }
    std::vector<FoundRow> found;
    if (batch.kind == "air") ECOCIV_RETURN_IF_ERROR(CollectAirRows(batch.id, &found));
    if (batch.kind == "water") ECOCIV_RETURN_IF_ERROR(CollectWaterRows(batch.id, &found));
    if (batch.kind == "air" || batch.kind == "water") {
      CompareRows(batch, expected, found, batch.kind);
    } else {
      entity_hashes[batch.kind][batch.id] = std::move(expected);
    }
  }
  for (const auto& [object, entry] : by_object_) {
    if (object.rfind("batch:", 0) != 0) continue;
    int64_t id = IdOf(object, "batch:");
    bool present = false;
    for (const BatchRecord& b : batches) present = present || b.id == id;
    if (!present) Problem("import batch " + object.substr(6) + ": deleted");
  }
  std::vector<Entity> stations, sections;
  for (const auto& [code, s] : stations_) {
    stations.push_back({s.id, "station " + code, s.batch_id, RowFingerprint(StationCanonical(s))});
  }
  for (const auto& [code, s] : sections_) {
    sections.push_back({s.id, "section " + code, s.batch_id, RowFingerprint(SectionCanonical(s))});
  }
  CheckEntities(stations, entity_hashes["stations"], "station");
  CheckEntities(sections, entity_hashes["sections"], "section");
  return CheckOrphanRows();
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
    int64_t id = IdOf(object, prefix);
    if (!std::binary_search(ids.begin(), ids.end(), id)) {
      Problem(name + std::to_string(id) + ": deleted");
    }
  }
  return Status::Ok();
}

Status Verifier::Run() {
  ECOCIV_ASSIGN_OR_RETURN(stations_, ReadStationTable(db_));
  for (const auto& [code, s] : stations_) station_codes_[s.id] = code;
  ECOCIV_ASSIGN_OR_RETURN(sections_, ReadSectionTable(db_));
  for (const auto& [code, s] : sections_) section_codes_[s.id] = code;
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

namespace ecociv::store {

StatusOr<std::vector<Anchor>> ReadAnchors(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  std::vector<Anchor> out;
  int64_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    ++line_no;
    line = line.substr(0, line.find('#'));
    std::string_view body = TrimSpaces(line);
    if (body.empty()) continue;
    std::istringstream fields{std::string(body)};
    std::string seq_text, hash;
    fields >> seq_text >> hash;
    Anchor a;
    a.line = line_no;
    a.hash = hash;
    bool hex = hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!ParseIntegerInRange(seq_text, 1, INT64_MAX, &a.seq) || !hex) {
      return InvalidArgumentError(path + ":" + std::to_string(line_no) +
                                  ": expected '<seq> <64 hex digits>' (from ecociv audit anchor)");
    }
    out.push_back(std::move(a));
  }
  return out;
}

Status VerifyAnchors(Database* db, const std::vector<Anchor>& anchors, VerifyReport* report) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT hash FROM change_log WHERE seq = ?"));
  for (const Anchor& a : anchors) {
    stmt->Reset();
    stmt->BindInt64(0, a.seq);
    Status status;
    const std::string where =
        "anchor line " + std::to_string(a.line) + " (entry " + std::to_string(a.seq) + ")";
    if (!stmt->Step(&status)) {
      ECOCIV_RETURN_IF_ERROR(status);
      report->problems.push_back(where + ": the entry is missing (the record was cut back)");
    } else if (stmt->ColumnText(0) != a.hash) {
      report->problems.push_back(where +
                                 ": hash differs (the record was rewritten after the "
                                 "anchor was taken)");
    }
  }
  return Status::Ok();
}

}  // namespace ecociv::store
