// Storing screening flags and review decisions (see review.h).
#include <set>
#include <tuple>

#include "ecociv/store/air_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

struct BatchScope {
  std::vector<std::string> stations;
  std::vector<std::string> cities;
  HourLabel from = 0, to = -1;
};

StatusOr<BatchScope> ScopeOfBatch(Database* db, int64_t batch_id) {
  ECOCIV_ASSIGN_OR_RETURN(auto query,
                          db->Prepare("SELECT s.code, s.city, min(a.label), max(a.label) FROM "
                                      "air_hourly a JOIN stations s ON s.id = a.station_id "
                                      "WHERE a.batch_id = ? GROUP BY s.id"));
  query->BindInt64(0, batch_id);
  BatchScope scope;
  std::set<std::string> cities;
  Status status;
  bool first = true;
  while (query->Step(&status)) {
    scope.stations.push_back(query->ColumnText(0));
    cities.insert(query->ColumnText(1));
    HourLabel from = query->ColumnInt64(2), to = query->ColumnInt64(3);
    scope.from = first ? from : std::min(scope.from, from);
    scope.to = first ? to : std::max(scope.to, to);
    first = false;
  }
  ECOCIV_RETURN_IF_ERROR(status);
  scope.cities.assign(cities.begin(), cities.end());
  return scope;
}

using FlagKey = std::tuple<std::string, std::string, HourLabel, HourLabel, std::string>;

StatusOr<std::set<FlagKey>> ExistingFlags(Database* db, HourLabel from, HourLabel to) {
  ECOCIV_ASSIGN_OR_RETURN(auto query,
                          db->Prepare("SELECT s.code, f.pollutant, f.label_from, f.label_to, "
                                      "f.rule FROM review_flags f JOIN stations s ON s.id = "
                                      "f.station_id WHERE f.label_to >= ? AND f.label_from <= ?"));
  query->BindInt64(0, from);
  query->BindInt64(1, to);
  std::set<FlagKey> keys;
  Status status;
  while (query->Step(&status)) {
    keys.emplace(query->ColumnText(0), query->ColumnText(1), query->ColumnInt64(2),
                 query->ColumnInt64(3), query->ColumnText(4));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return keys;
}

StatusOr<int64_t> StoreFlags(Database* db, int64_t run_id, const std::vector<ReviewFlag>& flags,
                             const BatchScope& scope) {
  ECOCIV_ASSIGN_OR_RETURN(auto stations, ReadStationTable(db));
  ECOCIV_ASSIGN_OR_RETURN(auto existing, ExistingFlags(db, scope.from, scope.to));
  std::set<std::string> own(scope.stations.begin(), scope.stations.end());
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert, db->Prepare("INSERT INTO review_flags (run_id, station_id, pollutant, "
                               "label_from, label_to, rule, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  int64_t stored = 0;
  for (const ReviewFlag& f : flags) {
    if (!own.count(f.station)) continue;  // a neighbour, screened only for context
    if (existing.count({f.station, f.pollutant, f.from, f.to, f.rule})) continue;
    insert->BindInt64(0, run_id);
    insert->BindInt64(1, stations.at(f.station).id);
    insert->BindText(2, f.pollutant);
    insert->BindInt64(3, f.from);
    insert->BindInt64(4, f.to);
    insert->BindText(5, f.rule);
    insert->BindText(6, f.detail);
    ECOCIV_RETURN_IF_ERROR(insert->Run());
    ++stored;
  }
  return stored;
}

Status ResolveRequest(Database* db, DecisionRequest* r, int64_t* station_id) {
  if (r->action != "invalidate" && r->action != "clear") {
    return InvalidArgumentError("unknown review action '" + r->action + "'");
  }
  if (r->reason.empty()) return InvalidArgumentError("a decision needs a reason (--reason)");
  if (r->flag_id != 0) {
    ECOCIV_ASSIGN_OR_RETURN(auto query,
                            db->Prepare("SELECT s.code, f.pollutant, f.label_from, f.label_to "
                                        "FROM review_flags f JOIN stations s ON s.id = "
                                        "f.station_id WHERE f.id = ?"));
    query->BindInt64(0, r->flag_id);
    Status status;
    if (!query->Step(&status)) {
      ECOCIV_RETURN_IF_ERROR(status);
      return NotFoundError("no flag " + std::to_string(r->flag_id));
    }
    r->station = query->ColumnText(0);
    r->pollutant = query->ColumnText(1);
    r->from = query->ColumnInt64(2);
    r->to = query->ColumnInt64(3);
  }
  if (r->pollutant.empty()) r->pollutant = "all";
  air::Pollutant p;
  if (r->pollutant != "all" && !air::ParsePollutantKey(r->pollutant, &p)) {
    return InvalidArgumentError("unknown pollutant '" + r->pollutant + "'");
  }
  if (r->pollutant != "all") r->pollutant = std::string(air::PollutantKey(p));
  if (r->from > r->to) return InvalidArgumentError("--from is after --to");
  ECOCIV_ASSIGN_OR_RETURN(auto stations, ReadStationTable(db));
  auto it = stations.find(r->station);
  if (it == stations.end()) return NotFoundError("unknown station '" + r->station + "'");
  *station_id = it->second.id;
  return Status::Ok();
}

}  // namespace

StatusOr<int64_t> ScreenBatch(Database* db, int64_t batch_id, const std::string& config_path) {
  ECOCIV_ASSIGN_OR_RETURN(ReviewRules rules, LoadReviewRules(config_path));
  ECOCIV_ASSIGN_OR_RETURN(BatchScope scope, ScopeOfBatch(db, batch_id));
  if (scope.stations.empty()) return 0;
  AirQuery query;
  query.cities = scope.cities;
  query.from = scope.from;
  query.to = scope.to;
  query.include_invalidated = true;
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset dataset, LoadAirDataset(db, query));
  std::vector<ReviewFlag> flags = ScreenAirDataset(dataset, rules);

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

StatusOr<std::vector<StoredFlag>> ListFlags(Database* db, const FlagFilter& filter) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT f.id, s.code, f.pollutant, f.label_from, f.label_to, f.rule, "
                  "f.detail, f.status FROM review_flags f JOIN stations s ON s.id = "
                  "f.station_id WHERE (?1 = '' OR f.status = ?1) AND (?2 = '' OR s.code = ?2) "
                  "AND (?3 = '' OR f.rule = ?3) ORDER BY s.code, f.label_from, f.id"));
  query->BindText(0, filter.status);
  query->BindText(1, filter.station);
  query->BindText(2, filter.rule);
  std::vector<StoredFlag> flags;
  Status status;
  while (query->Step(&status)) {
    StoredFlag f;
    f.id = query->ColumnInt64(0);
    f.flag = {query->ColumnText(1),
              query->ColumnText(2),
              HourLabel(query->ColumnInt64(3)),
              HourLabel(query->ColumnInt64(4)),
              query->ColumnText(5),
              query->ColumnText(6)};
    f.status = query->ColumnText(7);
    flags.push_back(std::move(f));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return flags;
}

StatusOr<int64_t> RecordDecision(Database* db, const DecisionRequest& request, const Actor& actor) {
  DecisionRequest r = request;
  int64_t station_id = 0;
  ECOCIV_RETURN_IF_ERROR(ResolveRequest(db, &r, &station_id));
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::string who = actor.who.empty() ? CurrentUser() : actor.who, at = UtcNow();
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO review_decisions (flag_id, station_id, pollutant, label_from, "
                  "label_to, action, reason, decided_by, decided_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  if (r.flag_id != 0) {
    insert->BindInt64(0, r.flag_id);
  } else {
    insert->BindNull(0);
  }
  insert->BindInt64(1, station_id);
  insert->BindText(2, r.pollutant);
  insert->BindInt64(3, r.from);
  insert->BindInt64(4, r.to);
  insert->BindText(5, r.action);
  insert->BindText(6, r.reason);
  insert->BindText(7, who);
  insert->BindText(8, at);
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
  entry.detail = r.station + " " + r.pollutant + " " + FormatHourLabel(r.from) + ".." +
                 FormatHourLabel(r.to) +
                 (r.flag_id ? " (flag " + std::to_string(r.flag_id) + ")" : "");
  entry.why = r.reason;
  ECOCIV_ASSIGN_OR_RETURN(entry.payload_sha256, DecisionDigest(db, id));
  ECOCIV_RETURN_IF_ERROR(AppendLogEntry(db, std::move(entry)).status());
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return id;
}

StatusOr<std::string> DecisionDigest(Database* db, int64_t decision_id) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto query,
      db->Prepare("SELECT d.id, coalesce(d.flag_id, 0), s.code, d.pollutant, d.label_from, "
                  "d.label_to, d.action, d.reason, d.decided_by, d.decided_at FROM "
                  "review_decisions d JOIN stations s ON s.id = d.station_id WHERE d.id = ?"));
  query->BindInt64(0, decision_id);
  Status status;
  if (!query->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no decision " + std::to_string(decision_id));
  }
  Sha256 hash;
  for (int i = 0; i < 10; ++i) hash.AddField(query->ColumnText(i));
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
      auto flags, db->Prepare("SELECT f.id, s.code, f.pollutant, f.label_from, f.label_to, "
                              "f.rule, f.detail FROM review_flags f JOIN stations s ON s.id = "
                              "f.station_id WHERE f.run_id = ? ORDER BY f.id"));
  flags->BindInt64(0, run_id);
  while (flags->Step(&status)) {
    for (int i = 0; i < 7; ++i) hash.AddField(flags->ColumnText(i));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return ToHex(hash.Finish());
}

}  // namespace ecociv::store
