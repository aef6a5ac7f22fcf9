// Storing screening flags and review decisions (see review.h).
//
// A flag or decision names its subject by station_id (air) or section_id
// (water); queries join both tables and take coalesce(station code, section
// code) as the subject's code.
#include <algorithm>
#include <set>
#include <tuple>

#include "ecociv/core/message_text.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"
#include "ecociv/store/water_store.h"
#include "air_batch_screen.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

// SQL joining the subject of table alias `t` (review_flags f, review_decisions d).
std::string SubjectJoin(const std::string& t) {
  return " LEFT JOIN stations s ON s.id = " + t +
         ".station_id LEFT JOIN sections w ON w.id = " + t + ".section_id ";
}

// What a batch wrote: its subjects (station or section codes), their cities
// (air), and the span of hours (air) or days (water).
struct BatchScope {
  bool water = false;
  std::vector<std::string> subjects;
  std::vector<std::string> cities;
  int32_t from = 0, to = -1;
};

StatusOr<BatchScope> ScopeOfBatch(Database* db, int64_t batch_id) {
  BatchScope scope;
  ECOCIV_ASSIGN_OR_RETURN(
      int64_t water,
      QueryInt64(db, "SELECT kind = 'water' FROM import_batches WHERE id = ?", {batch_id}));
  scope.water = water != 0;
  std::string sql =
      scope.water ? "SELECT w.code, '', min(x.day), max(x.day) FROM water_samples x JOIN "
                    "sections w ON w.id = x.section_id WHERE x.batch_id = ? GROUP BY w.id"
                  : "SELECT s.code, s.city, min(x.label), max(x.label) FROM air_hourly x JOIN "
                    "stations s ON s.id = x.station_id WHERE x.batch_id = ? GROUP BY s.id";
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare(sql));
  query->BindInt64(0, batch_id);
  std::set<std::string> cities;
  Status status;
  while (query->Step(&status)) {
    bool first = scope.subjects.empty();
    scope.subjects.push_back(query->ColumnText(0));
    cities.insert(query->ColumnText(1));
    int32_t from = query->ColumnInt64(2), to = query->ColumnInt64(3);
    scope.from = first ? from : std::min(scope.from, from);
    scope.to = first ? to : std::max(scope.to, to);
  }
  ECOCIV_RETURN_IF_ERROR(status);
  scope.cities.assign(cities.begin(), cities.end());
  return scope;
}

using FlagKey = std::tuple<std::string, std::string, int32_t, int32_t, std::string>;

StatusOr<std::set<FlagKey>> ExistingFlags(Database* db, const BatchScope& scope) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare(
          "SELECT coalesce(s.code, w.code), f.pollutant, f.label_from, f.label_to, f.rule "
          "FROM review_flags f" +
          SubjectJoin("f") +
          "WHERE (f.section_id IS NOT NULL) = ? AND f.label_to >= ? AND f.label_from <= ?"));
  query->BindInt64(0, scope.water);
  query->BindInt64(1, scope.from);
  query->BindInt64(2, scope.to);
  std::set<FlagKey> keys;
  Status status;
  while (query->Step(&status)) {
    keys.emplace(query->ColumnText(0), query->ColumnText(1), query->ColumnInt64(2),
                 query->ColumnInt64(3), query->ColumnText(4));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return keys;
}

// Subject code → id for air (stations) or water (sections); only the
// stations in `codes` when given.
StatusOr<std::map<std::string, int64_t>> SubjectIds(Database* db, bool water,
                                                    const std::vector<std::string>* codes = nullptr) {
  std::map<std::string, int64_t> ids;
  if (water) {
    ECOCIV_ASSIGN_OR_RETURN(auto sections, ReadSectionTable(db));
    for (const auto& [code, row] : sections) ids[code] = row.id;
  } else {
    ECOCIV_ASSIGN_OR_RETURN(auto stations,
                            codes ? ReadStationsByCode(db, *codes) : ReadStationTable(db));
    for (const auto& [code, row] : stations) ids[code] = row.id;
  }
  return ids;
}

StatusOr<int64_t> StoreFlags(Database* db, int64_t run_id, const std::vector<ReviewFlag>& flags,
                             const BatchScope& scope) {
  ECOCIV_ASSIGN_OR_RETURN(auto ids, SubjectIds(db, scope.water, &scope.subjects));
  ECOCIV_ASSIGN_OR_RETURN(auto existing, ExistingFlags(db, scope));
  std::set<std::string> own(scope.subjects.begin(), scope.subjects.end());
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO review_flags (run_id, station_id, section_id, pollutant, "
                  "label_from, label_to, rule, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  int64_t stored = 0;
  for (const ReviewFlag& f : flags) {
    if (!own.count(f.subject)) continue;  // a neighbour, screened only for context
    if (existing.count({f.subject, f.pollutant, f.from, f.to, f.rule})) continue;
    insert->BindInt64(0, run_id);
    insert->BindNull(f.water ? 1 : 2);
    insert->BindInt64(f.water ? 2 : 1, ids.at(f.subject));
    insert->BindText(3, f.pollutant);
    insert->BindInt64(4, f.from);
    insert->BindInt64(5, f.to);
    insert->BindText(6, f.rule);
    insert->BindText(7, f.detail);
    ECOCIV_RETURN_IF_ERROR(insert->Run());
    ++stored;
  }
  return stored;
}

StatusOr<std::vector<ReviewFlag>> ScreenScope(Database* db, const BatchScope& scope,
                                              const ReviewRules& rules,
                                              const std::string& standards_dir) {
  if (scope.water) {
    ECOCIV_ASSIGN_OR_RETURN(water::WaterRules water_rules, water::WaterRules::Load(standards_dir));
    WaterQuery query;
    query.sections = scope.subjects;
    query.from = scope.from;
    query.to = scope.to;
    query.include_invalidated = true;
    ECOCIV_ASSIGN_OR_RETURN(water::SampleSet set, LoadWaterSamples(db, query, water_rules));
    return ScreenWaterSamples(set, water_rules, rules);
  }
  AirQuery query;
  query.cities = scope.cities;
  query.from = scope.from;
  query.to = scope.to;
  query.include_invalidated = true;
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset dataset, LoadAirDataset(db, query));
  return ScreenAirDataset(dataset, rules);
}

// Fills r->station/section, pollutant and range from the flag when flag_id is
// given, checks the request and normalises the pollutant (item) name.
Status ResolveFlag(Database* db, DecisionRequest* r) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare("SELECT s.code, w.code, f.pollutant, "
                                                  "f.label_from, f.label_to FROM review_flags f" +
                                                  SubjectJoin("f") + "WHERE f.id = ?"));
  query->BindInt64(0, r->flag_id);
  Status status;
  if (!query->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no flag " + std::to_string(r->flag_id));
  }
  r->station = query->ColumnIsNull(0) ? "" : query->ColumnText(0);
  r->section = query->ColumnIsNull(1) ? "" : query->ColumnText(1);
  r->pollutant = query->ColumnText(2);
  r->from = query->ColumnInt64(3);
  r->to = query->ColumnInt64(4);
  return Status::Ok();
}

Status NormalisePollutant(DecisionRequest* r) {
  if (r->pollutant.empty()) r->pollutant = "all";
  if (r->pollutant == "all") return Status::Ok();
  if (!r->section.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(""));
    int item = rules.Recognise(r->pollutant);
    if (item < 0)
      return InvalidArgumentError("unknown water item " + QuoteForMessage(r->pollutant));
    r->pollutant = rules.item(item).id;
    return Status::Ok();
  }
  air::Pollutant p;
  if (!air::ParsePollutantKey(r->pollutant, &p)) {
    return InvalidArgumentError("unknown pollutant " + QuoteForMessage(r->pollutant));
  }
  r->pollutant = std::string(air::PollutantKey(p));
  return Status::Ok();
}

Status ResolveRequest(Database* db, DecisionRequest* r, int64_t* subject_id) {
  if (r->action != "invalidate" && r->action != "clear") {
    return InvalidArgumentError("unknown review action " + QuoteForMessage(r->action));
  }
  if (r->reason.empty()) return InvalidArgumentError("a decision needs a reason (--reason)");
  if (r->flag_id != 0) ECOCIV_RETURN_IF_ERROR(ResolveFlag(db, r));
  if (r->station.empty() == r->section.empty()) {
    return InvalidArgumentError("a decision names one station or one section");
  }
  ECOCIV_RETURN_IF_ERROR(NormalisePollutant(r));
  if (r->from > r->to) return InvalidArgumentError("--from is after --to");
  bool water = !r->section.empty();
  ECOCIV_ASSIGN_OR_RETURN(auto ids, SubjectIds(db, water));
  const std::string& code = water ? r->section : r->station;
  auto it = ids.find(code);
  if (it == ids.end()) {
    return NotFoundError(std::string(water ? "unknown section '" : "unknown station '") + code +
                         "'");
  }
  *subject_id = it->second;
  return Status::Ok();
}

std::string DecisionDetail(const DecisionRequest& r) {
  bool water = !r.section.empty();
  std::string range = water ? FormatDate(r.from) + ".." + FormatDate(r.to)
                            : FormatHourLabel(r.from) + ".." + FormatHourLabel(r.to);
  return (water ? "section " + r.section : r.station) + " " + r.pollutant + " " + range +
         (r.flag_id ? " (flag " + std::to_string(r.flag_id) + ")" : "");
}

}  // namespace

StatusOr<int64_t> ScreenBatch(Database* db, int64_t batch_id, const std::string& config_path,
                              const std::string& standards_dir) {
  ECOCIV_ASSIGN_OR_RETURN(ReviewRules rules, LoadReviewRules(config_path));
  return ScreenBatchWithRules(db, batch_id, rules, standards_dir);
}

namespace {

// Stores the screening run of one batch with the flags found for its scope,
// and its change-record entry.
StatusOr<int64_t> RecordRun(Database* db, int64_t batch_id, const ReviewRules& rules,
                            const std::vector<ReviewFlag>& flags, const BatchScope& scope) {
  ECOCIV_ASSIGN_OR_RETURN(auto run, db->Prepare("INSERT INTO review_runs (batch_id, "
                                                "config_sha256, ran_at) VALUES (?, ?, ?)"));
  run->BindInt64(0, batch_id);
  run->BindText(1, rules.sha256);
  run->BindText(2, UtcNow());
  ECOCIV_RETURN_IF_ERROR(run->Run());
  int64_t run_id = db->LastInsertId();
  ECOCIV_ASSIGN_OR_RETURN(int64_t stored, StoreFlags(db, run_id, flags, scope));

  LogEntry entry;
  entry.action = "review.screen";
  entry.object = "run:" + std::to_string(run_id);
  entry.detail = "screened batch " + std::to_string(batch_id) + " with " + rules.source +
                 " (sha256 " + rules.sha256.substr(0, 16) + "…): " + std::to_string(stored) +
                 " new flags";
  entry.why = "automatic screening after import";
  ECOCIV_ASSIGN_OR_RETURN(entry.payload_sha256, ScreeningRunDigest(db, run_id));
  ECOCIV_RETURN_IF_ERROR(AppendLogEntry(db, std::move(entry)).status());
  return stored;
}

// Air batches whose hours lie within this span are screened together.
constexpr int32_t kJointSpanHours = 48;

}  // namespace

StatusOr<int64_t> RecordAirScreening(Database* db, int64_t batch_id, const ReviewRules& rules,
                                     const std::vector<ReviewFlag>& flags,
                                     std::vector<std::string> subjects, int32_t from, int32_t to) {
  BatchScope scope;
  scope.subjects = std::move(subjects);
  scope.from = from;
  scope.to = to;
  return RecordRun(db, batch_id, rules, flags, scope);
}

StatusOr<int64_t> ScreenBatchWithRules(Database* db, int64_t batch_id, const ReviewRules& rules,
                                       const std::string& standards_dir) {
  ECOCIV_ASSIGN_OR_RETURN(BatchScope scope, ScopeOfBatch(db, batch_id));
  if (scope.subjects.empty()) return 0;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<ReviewFlag> flags,
                          ScreenScope(db, scope, rules, standards_dir));
  return RecordRun(db, batch_id, rules, flags, scope);
}

StatusOr<int64_t> ScreenBatchesWithRules(Database* db, const std::vector<int64_t>& batch_ids,
                                         const ReviewRules& rules,
                                         const std::string& standards_dir) {
  int64_t stored = 0;
  std::vector<std::pair<int64_t, BatchScope>> air;
  for (int64_t id : batch_ids) {
    ECOCIV_ASSIGN_OR_RETURN(BatchScope scope, ScopeOfBatch(db, id));
    if (scope.subjects.empty()) continue;
    if (scope.water) {
      ECOCIV_ASSIGN_OR_RETURN(int64_t n, ScreenBatchWithRules(db, id, rules, standards_dir));
      stored += n;
    } else {
      air.emplace_back(id, std::move(scope));
    }
  }
  // Clusters of batches whose hours fit in kJointSpanHours, in hour order;
  // each cluster's cities are loaded and screened once.
  std::stable_sort(air.begin(), air.end(),
                   [](const auto& a, const auto& b) { return a.second.from < b.second.from; });
  for (size_t first = 0; first < air.size();) {
    BatchScope joint;
    joint.from = air[first].second.from;
    joint.to = air[first].second.to;
    std::set<std::string> cities;
    size_t last = first;
    for (; last < air.size(); ++last) {
      const BatchScope& s = air[last].second;
      if (last > first && std::max(joint.to, s.to) - joint.from >= kJointSpanHours) break;
      joint.to = std::max(joint.to, s.to);
      cities.insert(s.cities.begin(), s.cities.end());
    }
    joint.cities.assign(cities.begin(), cities.end());
    ECOCIV_ASSIGN_OR_RETURN(std::vector<ReviewFlag> flags,
                            ScreenScope(db, joint, rules, standards_dir));
    for (size_t i = first; i < last; ++i) {
      const auto& [id, scope] = air[i];
      std::set<std::string> own(scope.subjects.begin(), scope.subjects.end());
      std::vector<ReviewFlag> mine;
      for (const ReviewFlag& f : flags) {
        if (own.count(f.subject) && f.to >= scope.from && f.from <= scope.to) mine.push_back(f);
      }
      ECOCIV_ASSIGN_OR_RETURN(int64_t n, RecordRun(db, id, rules, mine, scope));
      stored += n;
    }
    first = last;
  }
  return stored;
}

StatusOr<std::vector<StoredFlag>> ListFlags(Database* db, const FlagFilter& filter) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT f.id, coalesce(s.code, w.code), f.pollutant, f.label_from, "
                  "f.label_to, f.rule, f.detail, f.status, f.section_id IS NOT NULL FROM "
                  "review_flags f" +
                  SubjectJoin("f") +
                  "WHERE (?1 = '' OR f.status = ?1) AND (?2 = '' OR coalesce(s.code, w.code) = "
                  "?2) AND (?3 = '' OR f.rule = ?3) ORDER BY 9, 2, f.label_from, f.id"));
  query->BindText(0, filter.status);
  query->BindText(1, filter.subject);
  query->BindText(2, filter.rule);
  std::vector<StoredFlag> flags;
  Status status;
  while (query->Step(&status)) {
    StoredFlag f;
    f.id = query->ColumnInt64(0);
    f.flag.water = query->ColumnInt64(8) != 0;
    f.flag.subject = query->ColumnText(1);
    f.flag.pollutant = query->ColumnText(2);
    f.flag.from = static_cast<int32_t>(query->ColumnInt64(3));
    f.flag.to = static_cast<int32_t>(query->ColumnInt64(4));
    f.flag.rule = query->ColumnText(5);
    f.flag.detail = query->ColumnText(6);
    f.status = query->ColumnText(7);
    flags.push_back(std::move(f));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return flags;
}

StatusOr<int64_t> RecordDecision(Database* db, const DecisionRequest& request, const Actor& actor) {
  DecisionRequest r = request;
  int64_t subject_id = 0;
  ECOCIV_RETURN_IF_ERROR(ResolveRequest(db, &r, &subject_id));
  bool water = !r.section.empty();
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::string who = actor.who.empty() ? CurrentUser() : actor.who, at = UtcNow();
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO review_decisions (flag_id, station_id, section_id, pollutant, "
                  "label_from, label_to, action, reason, decided_by, decided_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  if (r.flag_id != 0) {
    insert->BindInt64(0, r.flag_id);
  } else {
    insert->BindNull(0);
  }
  insert->BindNull(water ? 1 : 2);
  insert->BindInt64(water ? 2 : 1, subject_id);
  insert->BindText(3, r.pollutant);
  insert->BindInt64(4, r.from);
  insert->BindInt64(5, r.to);
  insert->BindText(6, r.action);
  insert->BindText(7, r.reason);
  insert->BindText(8, who);
  insert->BindText(9, at);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  int64_t id = db->LastInsertId();
  if (r.flag_id != 0) {
    ECOCIV_ASSIGN_OR_RETURN(auto update,
                            db->Prepare("UPDATE review_flags SET status = ? WHERE id = ?"));
    update->BindText(0, r.action == "invalidate" ? "invalidated" : "cleared");
    update->BindInt64(1, r.flag_id);
    ECOCIV_RETURN_IF_ERROR(update->Run());
  }
  LogEntry entry;
  entry.who = who;
  entry.at = at;
  entry.action = "review." + r.action;
  entry.object = "decision:" + std::to_string(id);
  entry.detail = DecisionDetail(r);
  entry.why = r.reason;
  ECOCIV_ASSIGN_OR_RETURN(entry.payload_sha256, DecisionDigest(db, id));
  ECOCIV_RETURN_IF_ERROR(AppendLogEntry(db, std::move(entry)).status());
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return id;
}

StatusOr<std::string> DecisionDigest(Database* db, int64_t decision_id) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT d.id, coalesce(d.flag_id, 0), coalesce(s.code, ''), "
                  "coalesce(w.code, ''), d.pollutant, d.label_from, d.label_to, d.action, "
                  "d.reason, d.decided_by, d.decided_at FROM review_decisions d" +
                  SubjectJoin("d") + "WHERE d.id = ?"));
  query->BindInt64(0, decision_id);
  Status status;
  if (!query->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no decision " + std::to_string(decision_id));
  }
  Sha256 hash;
  for (int i = 0; i < 11; ++i) hash.AddField(query->ColumnText(i));
  return ToHex(hash.Finish());
}

StatusOr<std::string> ScreeningRunDigest(Database* db, int64_t run_id) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query, db->Prepare("SELECT r.id, coalesce(r.batch_id, 0), r.config_sha256, r.ran_at "
                              "FROM review_runs r WHERE r.id = ?"));
  query->BindInt64(0, run_id);
  Status status;
  Sha256 hash;
  if (!query->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no screening run " + std::to_string(run_id));
  }
  for (int i = 0; i < 4; ++i) hash.AddField(query->ColumnText(i));
  ECOCIV_ASSIGN_OR_RETURN(
      auto flags,
      db->Prepare("SELECT f.id, coalesce(s.code, ''), coalesce(w.code, ''), f.pollutant, "
                  "f.label_from, f.label_to, f.rule, f.detail FROM review_flags f" +
                  SubjectJoin("f") + "WHERE f.run_id = ? ORDER BY f.id"));
  flags->BindInt64(0, run_id);
  while (flags->Step(&status)) {
    for (int i = 0; i < 8; ++i) hash.AddField(flags->ColumnText(i));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return ToHex(hash.Finish());
}

}  // namespace ecociv::store
