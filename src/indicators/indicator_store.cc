#include "ecociv/indicators/indicator_store.h"

#include <ctime>
#include <fstream>
#include <iterator>
#include <set>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "sql_util.h"

namespace ecociv::indicators {

namespace {

using store::LogEntry;

// Appends a change-record entry whose payload is the SHA-256 of `fields`.
Status Log(Database* db, const Actor& actor, const std::string& action, const std::string& object,
           const std::string& detail, std::initializer_list<std::string_view> fields) {
  store::Sha256 sha;
  for (std::string_view f : fields) sha.AddField(f);
  LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  entry.payload_sha256 = store::ToHex(sha.Finish());
  return store::AppendLogEntry(db, std::move(entry)).status();
}

StatusOr<std::string> Setting(Database* db, const std::string& key, const std::string& fallback) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          Query(db, "SELECT value FROM ind_settings WHERE key = ?", {key}));
  return rows.empty() ? fallback : rows[0][0];
}

Status PutSetting(Database* db, const std::string& key, const std::string& value) {
  return RunSql(db, "INSERT OR REPLACE INTO ind_settings (key, value) VALUES (?, ?)", {key, value});
}

std::string ValueObject(int year, const std::string& id) {
  return "value:" + std::to_string(year) + "/" + id;
}

// The stored status of a value, or NotFound.
StatusOr<std::string> ValueStatus(Database* db, int year, const std::string& id,
                                  std::string* source) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, Query(db,
                                           "SELECT status, source FROM ind_values "
                                           "WHERE year = ? AND indicator = ?",
                                           {int64_t{year}, id}));
  if (rows.empty()) {
    return NotFoundError("no value for " + id + " in " + std::to_string(year));
  }
  if (source != nullptr) *source = rows[0][1];
  return rows[0][0];
}

// One review step: `from` lists the states it may start from.
Status Transition(Database* db, int year, const std::string& id,
                  std::initializer_list<const char*> from, const std::string& to,
                  const std::string& reason, const Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::string source;
  ECOCIV_ASSIGN_OR_RETURN(std::string state, ValueStatus(db, year, id, &source));
  if (source == "engine") {
    return FailedPreconditionError(ValueObject(year, id) +
                                   " is an engine value; it needs no review");
  }
  bool allowed = false;
  std::string states;
  for (const char* f : from) {
    allowed = allowed || state == f;
    states += states.empty() ? f : std::string(" or ") + f;
  }
  if (!allowed) {
    return FailedPreconditionError(ValueObject(year, id) + " is " + state + "; only " + states +
                                   " values can become " + to);
  }
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE ind_values SET status = ?, reason = ? "
                                "WHERE year = ? AND indicator = ?",
                                {to, reason, int64_t{year}, id}));
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "indicators.review." + to, ValueObject(year, id),
                             state + " -> " + to + (reason.empty() ? "" : ": " + reason),
                             {std::to_string(year), id, state, to, reason}));
  return transaction.Commit();
}

}  // namespace

Status ImportCatalogue(Database* db, const Catalogue& cat, bool activate, const Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::string sha = store::Sha256Hex(cat.csv);
  ECOCIV_RETURN_IF_ERROR(RunSql(db, "DELETE FROM ind_catalogues WHERE name = ?", {cat.name}));
  ECOCIV_RETURN_IF_ERROR(RunSql(db, "DELETE FROM ind_indicators WHERE catalogue = ?", {cat.name}));
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO ind_catalogues (name, csv, sha256, imported_at, "
                                "imported_by) VALUES (?, ?, ?, ?, ?)",
                                {cat.name, cat.csv, sha, store::UtcNow(),
                                 actor.who.empty() ? store::CurrentUser() : actor.who}));
  for (const Indicator& ind : cat.indicators) {
    ECOCIV_RETURN_IF_ERROR(RunSql(
        db,
        "INSERT INTO ind_indicators (catalogue, id, domain, name_zh, direction, binding, source, "
        "responsible, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {cat.name, ind.id, ind.domain, ind.name_zh, std::string(DirectionName(ind.direction)),
         ind.binding, std::string(SourceName(ind.source)), ind.responsible, ind.evidence}));
  }
  if (activate) ECOCIV_RETURN_IF_ERROR(PutSetting(db, "catalogue", cat.name));
  ECOCIV_RETURN_IF_ERROR(
      Log(db, actor, "indicators.catalogue", "catalogue:" + cat.name,
          std::to_string(cat.indicators.size()) + " indicators" + (activate ? ", active" : ""),
          {cat.name, sha}));
  return transaction.Commit();
}

StatusOr<Catalogue> ActiveCatalogue(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, Setting(db, "catalogue", ""));
  if (name.empty()) return BuiltInCatalogue("national-2019");
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          Query(db, "SELECT csv FROM ind_catalogues WHERE name = ?", {name}));
  if (rows.empty())
    return DataLossError("active catalogue " + QuoteForMessage(name) + " is not stored");
  return ParseCatalogue(rows[0][0], name, "catalogue:" + name);
}

Status SaveProfile(Database* db, const CityProfile& p, const Actor& actor) {
  if (p.level != "city" && p.level != "county") {
    return InvalidArgumentError("level must be city or county, not " + QuoteForMessage(p.level));
  }
  if (p.terrain != "plain" && p.terrain != "hill" && p.terrain != "mountain") {
    return InvalidArgumentError("terrain must be plain, hill or mountain, not " +
                                QuoteForMessage(p.terrain));
  }
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(PutSetting(db, "level", p.level));
  ECOCIV_RETURN_IF_ERROR(PutSetting(db, "terrain", p.terrain));
  ECOCIV_RETURN_IF_ERROR(PutSetting(db, "coastal", p.coastal ? "yes" : "no"));
  ECOCIV_RETURN_IF_ERROR(PutSetting(db, "city", p.city));
  std::string detail = p.level + ", " + p.terrain + (p.coastal ? ", coastal" : ", not coastal") +
                       ", air city " + (p.city.empty() ? "(the store's only city)" : p.city);
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "indicators.profile", "profile", detail, {detail}));
  return transaction.Commit();
}

StatusOr<CityProfile> LoadProfile(Database* db) {
  CityProfile p;
  ECOCIV_ASSIGN_OR_RETURN(p.level, Setting(db, "level", p.level));
  ECOCIV_ASSIGN_OR_RETURN(p.terrain, Setting(db, "terrain", p.terrain));
  ECOCIV_ASSIGN_OR_RETURN(std::string coastal, Setting(db, "coastal", "no"));
  p.coastal = coastal == "yes";
  ECOCIV_ASSIGN_OR_RETURN(p.city, Setting(db, "city", ""));
  return p;
}

namespace {

// The checks of a value against the catalogue; `in` is trimmed in place.
Status CheckValue(const Catalogue& cat, ValueInput* in) {
  in->value = std::string(TrimSpaces(in->value));  // a state is compared exactly
  if (in->year < 2000 || in->year > 2100) {
    return InvalidArgumentError("year " + std::to_string(in->year) + " out of range 2000-2100");
  }
  if (in->source != "reported" && in->source != "engine") {
    return InvalidArgumentError("source must be reported or engine, not " +
                                QuoteForMessage(in->source));
  }
  const Indicator* ind = cat.Find(in->id);
  if (ind == nullptr) {
    return InvalidArgumentError("unknown indicator " + QuoteForMessage(in->id) + " in catalogue " +
                                cat.name);
  }
  if (ind->source == Source::kDerived) {
    return InvalidArgumentError(in->id + " is derived (" + ind->formula + "); set its inputs");
  }
  if (ind->source == Source::kEngine && in->source == "engine") {
    return InvalidArgumentError(in->id + " takes the engine figure " + ind->engine_figure +
                                ", computed from the store's data when read; only a reported "
                                "value (for a year without data) can be entered");
  }
  Ratio number;
  if (IsNumeric(ind->direction) && !ParseExactDecimal(in->value, &number)) {
    return InvalidArgumentError(in->id + ": value " + QuoteForMessage(in->value) +
                                " is not a number");
  }
  if (in->value.empty()) return InvalidArgumentError(in->id + ": empty value");
  return Status::Ok();
}

// Stores a checked value and its change-record entry (inside the caller's transaction).
Status StoreValue(Database* db, const ValueInput& in, const Actor& actor) {
  std::string status = in.source == "engine" ? "accepted" : "draft";
  std::string who = actor.who.empty() ? store::CurrentUser() : actor.who;
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db,
      "INSERT OR REPLACE INTO ind_values (year, indicator, value, note, source, inputs, unit, "
      "status, reason, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
      {int64_t{in.year}, in.id, in.value, in.note, in.source, in.inputs, in.unit, status, who,
       store::UtcNow()}));
  return Log(db, actor, "indicators.value.set", ValueObject(in.year, in.id),
             in.value + " (" + in.source + ", " + status + ")" +
                 (in.inputs.empty() ? "" : "; inputs " + in.inputs),
             {std::to_string(in.year), in.id, in.value, in.note, in.source, in.inputs, in.unit});
}

}  // namespace

Status SetValue(Database* db, const ValueInput& input, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  ValueInput in = input;
  ECOCIV_RETURN_IF_ERROR(CheckValue(cat, &in));
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(StoreValue(db, in, actor));
  return transaction.Commit();
}

StatusOr<int> ImportValues(Database* db, std::string_view csv, const std::string& file_name,
                           const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, ReadCsvColumns(csv, file_name, {"year", "indicator", "value", "note", "unit"}));
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  std::vector<ValueInput> values;
  std::set<std::pair<int, std::string>> seen;
  for (const CsvRow& r : rows) {
    std::string where = file_name + ":" + std::to_string(r.line) + ": ";
    ValueInput in;
    const std::string& year = r.fields[0];
    int64_t year_number = 0;
    if (year.size() != 4 || !ParseIntegerInRange(year, 1000, 9999, &year_number)) {
      return InvalidArgumentError(where + "year " + QuoteForMessage(year) + " is not YYYY");
    }
    in.year = static_cast<int>(year_number);
    in.id = r.fields[1];
    in.value = r.fields[2];
    in.note = r.fields[3];
    in.unit = r.fields[4];
    Status status = CheckValue(cat, &in);
    if (!status.ok()) return InvalidArgumentError(where + status.message());
    if (!seen.insert({in.year, in.id}).second) {
      return InvalidArgumentError(where + "duplicate row for " + in.id + " " + year);
    }
    values.push_back(std::move(in));
  }
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const ValueInput& in : values) ECOCIV_RETURN_IF_ERROR(StoreValue(db, in, actor));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(values.size());
}

Status SubmitValue(Database* db, int year, const std::string& id, const Actor& actor) {
  return Transition(db, year, id, {"draft", "returned"}, "submitted", "", actor);
}

Status AcceptValue(Database* db, int year, const std::string& id, const Actor& actor) {
  return Transition(db, year, id, {"submitted"}, "accepted", "", actor);
}

Status ReturnValue(Database* db, int year, const std::string& id, const std::string& reason,
                   const Actor& actor) {
  if (TrimSpaces(reason).empty()) return InvalidArgumentError("a returned value needs a reason");
  return Transition(db, year, id, {"submitted"}, "returned", reason, actor);
}

StatusOr<ValueTable> LoadValues(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, Query(db,
                       "SELECT indicator, year, value, source, status, note, inputs, unit, reason "
                       "FROM ind_values",
                       {}));
  ValueTable table;
  for (const auto& r : rows) {
    YearValue v{r[2], r[3], r[4], r[5], r[6], r[7], r[8], ""};
    ECOCIV_ASSIGN_OR_RETURN(int64_t year, StoredInt(r[1], 0, 9999, "ind_values.year"));
    table[r[0]][static_cast<int>(year)] = v;
  }
  return table;
}

StatusOr<int> DefaultValueYear(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t latest,
                          store::QueryInt64(db, "SELECT MAX(year) FROM ind_values", {}, 0));
  if (latest > 0) return static_cast<int>(latest);
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

StatusOr<std::string> AddEvidence(Database* db, int year, const std::string& id,
                                  const std::string& path, const Actor& actor) {
  // The bytes as they are (ReadTextFile would decompress a .gz file).
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return DataLossError(path + ": read error");
  return AddEvidenceBytes(db, year, id, path.substr(path.find_last_of('/') + 1), bytes, actor);
}

StatusOr<std::string> AddEvidenceBytes(Database* db, int year, const std::string& id,
                                       const std::string& name, const std::string& bytes,
                                       const Actor& actor) {
  std::string sha = store::Sha256Hex(bytes);
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(ValueStatus(db, year, id, nullptr).status());
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db,
             "INSERT INTO ind_evidence (year, indicator, file_name, sha256, "
             "size, content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {int64_t{year}, id, name, sha, static_cast<int64_t>(bytes.size()), Blob{bytes},
              actor.who.empty() ? store::CurrentUser() : actor.who, store::UtcNow()}));
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "indicators.evidence", ValueObject(year, id),
                             name + " (" + std::to_string(bytes.size()) + " bytes)", {sha}));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return sha;
}

StatusOr<std::vector<Evidence>> ListEvidence(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT id, year, indicator, file_name, sha256, "
                                                 "size, content FROM ind_evidence ORDER BY id"));
  std::vector<Evidence> out;
  Status status;
  while (stmt->Step(&status)) {
    Evidence e;
    e.id = stmt->ColumnInt64(0);
    e.year = static_cast<int>(stmt->ColumnInt64(1));
    e.indicator = stmt->ColumnText(2);
    e.file_name = stmt->ColumnText(3);
    e.sha256 = stmt->ColumnText(4);
    e.size = stmt->ColumnInt64(5);
    e.intact = store::Sha256Hex(stmt->ColumnBlob(6)) == e.sha256;
    out.push_back(std::move(e));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<EvidenceFile> ReadEvidence(Database* db, int64_t file_id) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT id, year, indicator, file_name, sha256, "
                                                 "size, content FROM ind_evidence WHERE id = ?"));
  stmt->BindInt64(0, file_id);
  Status status;
  if (!stmt->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no evidence file " + std::to_string(file_id));
  }
  EvidenceFile f;
  f.info.id = stmt->ColumnInt64(0);
  f.info.year = static_cast<int>(stmt->ColumnInt64(1));
  f.info.indicator = stmt->ColumnText(2);
  f.info.file_name = stmt->ColumnText(3);
  f.info.sha256 = stmt->ColumnText(4);
  f.info.size = stmt->ColumnInt64(5);
  f.content = stmt->ColumnBlob(6);
  f.info.intact = store::Sha256Hex(f.content) == f.info.sha256;
  return f;
}

StatusOr<std::vector<Unit>> ListUnits(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, Query(db,
                                           "SELECT code, name, kind, contact, phone, note FROM "
                                           "ind_units ORDER BY kind, code",
                                           {}));
  std::vector<Unit> out;
  for (auto& r : rows) out.push_back({r[0], r[1], r[2], r[3], r[4], r[5]});
  return out;
}

StatusOr<PlanTable> LoadPlan(Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows,
      Query(db, "SELECT indicator, target, units, deadline FROM ind_plans WHERE year = ?",
            {int64_t{year}}));
  PlanTable plan;
  for (auto& r : rows) plan[r[0]] = {r[1], r[2], r[3]};
  return plan;
}

StatusOr<std::vector<Project>> ListProjects(Database* db, int year, const std::string& today) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, Query(db,
                                           "SELECT code, name, unit, budget, status, year, "
                                           "progress FROM ind_projects WHERE ? = 0 OR year = ? "
                                           "ORDER BY code",
                                           {int64_t{year}, int64_t{year}}));
  std::vector<Project> out;
  for (auto& r : rows) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t project_year, StoredInt(r[5], 0, 9999, "ind_projects.year"));
    ECOCIV_ASSIGN_OR_RETURN(int64_t progress, StoredInt(r[6], 0, 100, "ind_projects.progress"));
    Project p{
        r[0], r[1], r[2], r[3], r[4], static_cast<int>(project_year), static_cast<int>(progress),
        {},   0};
    ECOCIV_ASSIGN_OR_RETURN(auto ms, Query(db,
                                           "SELECT title, due, done FROM ind_milestones WHERE "
                                           "project = ? ORDER BY seq",
                                           {p.code}));
    for (auto& m : ms) {
      Milestone milestone{m[0], m[1], m[2], m[2].empty() && m[1] < today};
      p.overdue += milestone.overdue;
      p.milestones.push_back(std::move(milestone));
    }
    out.push_back(std::move(p));
  }
  return out;
}

Status UpdateProject(Database* db, const std::string& code, const ProjectUpdate& u,
                     const Actor& actor) {
  static const std::set<std::string> kStatus = {"planned", "in_progress", "done", "suspended"};
  if (u.progress < 0 || u.progress > 100) return InvalidArgumentError("progress must be 0-100");
  if (!kStatus.count(u.status)) {
    return InvalidArgumentError("status must be planned, in_progress, done or suspended");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto rows, Query(db,
                                           "SELECT progress, status FROM ind_projects WHERE "
                                           "code = ?",
                                           {code}));
  if (rows.empty()) return NotFoundError("no project " + code);
  std::string detail;
  auto note = [&](const std::string& text) { detail += (detail.empty() ? "" : "; ") + text; };
  if (rows[0][0] != std::to_string(u.progress))
    note("progress " + rows[0][0] + "→" + std::to_string(u.progress));
  if (rows[0][1] != u.status) note("status " + rows[0][1] + "→" + u.status);
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE ind_projects SET progress = ?, status = ? WHERE code = ?",
                                {int64_t{u.progress}, u.status, code}));
  ECOCIV_ASSIGN_OR_RETURN(auto milestones, Query(db,
                                                 "SELECT seq, title, done FROM ind_milestones "
                                                 "WHERE project = ? ORDER BY seq",
                                                 {code}));
  for (const auto& [position, done] : u.milestone_done) {
    if (position < 1 || position > static_cast<int>(milestones.size())) {
      return InvalidArgumentError("project " + code + " has no milestone " +
                                  std::to_string(position));
    }
    if (!done.empty()) {
      auto day = ParseDate(done);
      if (done.size() != 10 || !day.ok()) {
        return InvalidArgumentError("milestone " + std::to_string(position) +
                                    ": done must be a date YYYY-MM-DD or empty");
      }
    }
    const auto& m = milestones[position - 1];
    if (m[2] == done) continue;
    ECOCIV_ASSIGN_OR_RETURN(int64_t seq, StoredInt(m[0], 1, INT64_MAX, "ind_milestones.seq"));
    ECOCIV_RETURN_IF_ERROR(RunSql(
        db, "UPDATE ind_milestones SET done = ? WHERE project = ? AND seq = ?", {done, code, seq}));
    note("milestone " + std::to_string(position) + " " + m[1] +
         (done.empty() ? " reopened" : " done " + done));
  }
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "indicators.project.progress";
  entry.object = "project:" + code;
  entry.detail = detail.empty() ? "no change" : detail;
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, std::move(entry)).status());
  return tx.Commit();
}

}  // namespace ecociv::indicators
