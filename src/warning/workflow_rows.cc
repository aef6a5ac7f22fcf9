// The warnings row and the recording of one workflow step (see
// workflow_internal.h, workflow.h, docs/warning.md).
//
// One step = one transaction: UPDATE/INSERT of the warnings row, a
// warning_events row, a change-record entry whose payload_sha256 binds the
// event (SHA-256 of F(event id) F(warning id) F(action) F(from) F(to) F(note)
// F(at) F(who), netstrings as in the change record), and an outbox row.
#include <nlohmann/json.hpp>

#include "ecociv/store/digest.h"
#include "workflow_internal.h"

namespace ecociv::warning::workflow_internal {

using store::Database;
using store::Statement;
using Json = nlohmann::ordered_json;

// The columns of `warnings` besides its id, in one table: the SELECT list,
// the row reader, the UPDATE of a step and the content digest all follow it,
// so a new column cannot be read yet left out of the digest.
struct TextColumn {
  const char* name;
  std::string Warning::*member;
};
constexpr TextColumn kTextColumns[] = {
    {"kind", &Warning::kind},
    {"rule_set", &Warning::rule_set},
    {"subject", &Warning::subject},
    {"subject_name", &Warning::subject_name},
    {"level", &Warning::level},
    {"level_name", &Warning::level_name},
    {"trigger", &Warning::trigger},
    {"trigger_en", &Warning::trigger_en},
    {"figures", &Warning::figures},
    {"owner", &Warning::owner},
    {"main_pollutants", &Warning::main_pollutants},
    {"state", &Warning::state},
    {"first_period", &Warning::first_period},
    {"last_period", &Warning::last_period},
    {"raised_at", &Warning::raised_at},
    {"updated_at", &Warning::updated_at},
    {"unit", &Warning::unit},
    {"person", &Warning::person},
    {"deadline", &Warning::deadline},
    {"plan", &Warning::plan},
    {"feedback", &Warning::feedback},
};
struct IntColumn {
  const char* name;
  int Warning::*member;
};
constexpr IntColumn kIntColumns[] = {{"rank", &Warning::rank}, {"repeats", &Warning::repeats}};

// "kind, rule_set, …, repeats" (with `suffix` after each name: " = ?").
std::string ColumnList(const char* suffix) {
  std::string out;
  for (const TextColumn& c : kTextColumns)
    out += (out.empty() ? "" : ", ") + std::string(c.name) + suffix;
  for (const IntColumn& c : kIntColumns) out += ", " + std::string(c.name) + suffix;
  return out;
}

Warning ReadRow(const Statement& s) {
  Warning w;
  w.id = s.ColumnInt64(0);
  int i = 1;
  for (const TextColumn& c : kTextColumns) w.*c.member = s.ColumnText(i++);
  for (const IntColumn& c : kIntColumns) w.*c.member = static_cast<int>(s.ColumnInt64(i++));
  return w;
}

StatusOr<std::vector<Warning>> Query(Database* db, const std::string& where,
                                     const std::vector<std::string>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt,
                          db->Prepare("SELECT id, " + ColumnList("") + " FROM warnings " + where));
  for (size_t i = 0; i < params.size(); ++i) stmt->BindText(static_cast<int>(i), params[i]);
  std::vector<Warning> out;
  Status status;
  while (stmt->Step(&status)) out.push_back(ReadRow(*stmt));
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

std::string Netstring(const std::string& x) { return std::to_string(x.size()) + ":" + x + ","; }

Status WriteWarning(Database* db, const Warning& w) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto stmt, db->Prepare("UPDATE warnings SET " + ColumnList(" = ?") + " WHERE id = ?"));
  int i = 0;
  for (const TextColumn& c : kTextColumns) stmt->BindText(i++, w.*c.member);
  for (const IntColumn& c : kIntColumns) stmt->BindInt64(i++, w.*c.member);
  stmt->BindInt64(i, w.id);
  return stmt->Run();
}

StatusOr<int64_t> InsertWarning(Database* db, const Finding& f, const std::string& at) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto stmt, db->Prepare("INSERT INTO warnings (kind, rule_set, subject, subject_name, level, "
                             "level_name, rank, trigger, figures, owner, main_pollutants, state, "
                             "first_period, last_period, raised_at, updated_at, trigger_en) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'raised', ?, ?, ?, ?, ?)"));
  const std::string texts[] = {f.kind,         f.rule_set, f.subject,
                               f.subject_name, f.level,    f.level_name};
  for (int i = 0; i < 6; ++i) stmt->BindText(i, texts[i]);
  stmt->BindInt64(6, f.rank);
  stmt->BindText(7, f.trigger);
  stmt->BindText(8, f.figures);
  stmt->BindText(9, f.owner);
  stmt->BindText(10, f.main_pollutants);
  stmt->BindText(11, f.period);
  stmt->BindText(12, f.period);
  stmt->BindText(13, at);
  stmt->BindText(14, at);
  stmt->BindText(15, f.trigger_en);
  ECOCIV_RETURN_IF_ERROR(stmt->Run());
  return db->LastInsertId();
}

// The content of a warning row as a step leaves it (every column but id).
std::string WarningDigest(const Warning& w) {
  std::string text;
  for (const TextColumn& c : kTextColumns) text += Netstring(w.*c.member);
  for (const IntColumn& c : kIntColumns) text += Netstring(std::to_string(w.*c.member));
  return store::Sha256Hex(text);
}

// What an event's change-record entry binds. Events written before schema
// version 5 have no warning digest and keep their original payload.
std::string EventDigest(const WarningEvent& e) {
  std::string text = Netstring(std::to_string(e.id)) + Netstring(std::to_string(e.warning_id)) +
                     Netstring(e.action) + Netstring(e.from_state) + Netstring(e.to_state) +
                     Netstring(e.note) + Netstring(e.at) + Netstring(e.who);
  if (!e.warning_sha256.empty()) text += Netstring(e.warning_sha256);
  return store::Sha256Hex(text);
}

// The webhook message: a WeCom/DingTalk robot "text" message plus the
// structured warning under "ecociv" (docs/formats.md, "Warnings").
std::string Payload(const Warning& w, const WarningEvent& e) {
  std::string content = "【" + w.level_name + "】" + w.subject_name + "（" + w.subject + "）" +
                        "：" + w.trigger + "。状态 " + e.from_state + "→" + e.to_state + "（" +
                        e.action + "）";
  if (!w.owner.empty()) content += "；责任人 " + w.owner;
  if (!w.main_pollutants.empty()) content += "；主要污染指标 " + w.main_pollutants;
  if (!e.note.empty()) content += "；" + e.note;
  Json doc;
  doc["msgtype"] = "text";
  doc["text"]["content"] = content;
  Json& x = doc["ecociv"];
  x["notification"] = "event-" + std::to_string(e.id);  // idempotency key
  x["event"] = {{"id", e.id}, {"action", e.action}, {"from", e.from_state}, {"to", e.to_state},
                {"at", e.at}, {"who", e.who},       {"note", e.note}};
  x["warning"] = {{"id", w.id},
                  {"kind", w.kind},
                  {"rule_set", w.rule_set},
                  {"subject", w.subject},
                  {"subject_name", w.subject_name},
                  {"level", w.level},
                  {"level_name", w.level_name},
                  {"state", w.state},
                  {"trigger", w.trigger},
                  {"trigger_en", w.trigger_en},
                  {"owner", w.owner},
                  {"main_pollutants", w.main_pollutants},
                  {"period", w.last_period},
                  {"figures", Json::parse(w.figures.empty() ? "{}" : w.figures, nullptr, false)}};
  if (!w.deadline.empty()) {
    x["warning"]["assignment"] = {
        {"unit", w.unit}, {"person", w.person}, {"deadline", w.deadline}, {"plan", w.plan}};
  }
  return doc.dump();
}

// Records one step of `w` (already updated to its new state in memory, with
// `from` its previous state): the row, the event, the log entry, the outbox.
// Refuses a step on a warning whose stored row no longer matches the digest
// its last step recorded: recording the step would write a fresh digest over
// an edit made outside the program and so hide it from `warn verify`.
Status CheckUnchangedSinceLastStep(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto last, db->Prepare("SELECT warning_sha256 FROM warning_events WHERE "
                                                 "warning_id = ? ORDER BY id DESC LIMIT 1"));
  last->BindInt64(0, id);
  Status status;
  std::string recorded = last->Step(&status) ? last->ColumnText(0) : "";
  ECOCIV_RETURN_IF_ERROR(status);
  if (recorded.empty()) return Status::Ok();  // no step yet, or written before schema 5
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> rows,
                          Query(db, "WHERE id = ?", {std::to_string(id)}));
  if (!rows.empty() && WarningDigest(rows.front()) != recorded) {
    return FailedPreconditionError("warning " + std::to_string(id) +
                                   " was changed outside the program after its last recorded "
                                   "step; nothing recorded (see `ecociv warn verify`)");
  }
  return Status::Ok();
}

Status RecordStep(Database* db, Warning* w, const std::string& action, const std::string& from,
                  const std::string& note, const store::Actor& actor, int64_t now_unix,
                  bool notify) {
  ECOCIV_RETURN_IF_ERROR(CheckUnchangedSinceLastStep(db, w->id));
  WarningEvent e;
  e.warning_id = w->id;
  e.at = store::UtcNow();
  e.who = actor.who.empty() ? store::CurrentUser() : actor.who;
  e.action = action;
  e.from_state = from;
  e.to_state = w->state;
  e.note = note;
  w->updated_at = e.at;
  e.warning_sha256 = WarningDigest(*w);
  ECOCIV_RETURN_IF_ERROR(WriteWarning(db, *w));
  ECOCIV_ASSIGN_OR_RETURN(auto ins,
                          db->Prepare("INSERT INTO warning_events (warning_id, at, who, action, "
                                      "from_state, to_state, note, warning_sha256, log_seq) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"));
  ins->BindInt64(0, e.warning_id);
  const std::string texts[] = {e.at,       e.who,  e.action,        e.from_state,
                               e.to_state, e.note, e.warning_sha256};
  for (int i = 0; i < 7; ++i) ins->BindText(i + 1, texts[i]);
  ECOCIV_RETURN_IF_ERROR(ins->Run());
  e.id = db->LastInsertId();
  store::LogEntry entry;
  entry.at = e.at;
  entry.who = e.who;
  entry.action = "warning." + action;
  entry.object = "warning:" + std::to_string(w->id);
  entry.detail =
      w->subject + " " + w->level + " " + from + "→" + w->state + (note.empty() ? "" : ": " + note);
  entry.why = actor.why;
  entry.payload_sha256 = EventDigest(e);
  ECOCIV_ASSIGN_OR_RETURN(store::LogEntry appended, store::AppendLogEntry(db, entry));
  ECOCIV_ASSIGN_OR_RETURN(auto seq,
                          db->Prepare("UPDATE warning_events SET log_seq = ? WHERE id = ?"));
  seq->BindInt64(0, appended.seq);
  seq->BindInt64(1, e.id);
  ECOCIV_RETURN_IF_ERROR(seq->Run());
  if (!notify) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(auto out,
                          db->Prepare("INSERT INTO notification_outbox (event_id, payload, "
                                      "created_at, next_attempt_at) VALUES (?, ?, ?, ?)"));
  out->BindInt64(0, e.id);
  out->BindText(1, Payload(*w, e));
  out->BindInt64(2, now_unix);
  out->BindInt64(3, now_unix);
  return out->Run();
}

}  // namespace ecociv::warning::workflow_internal
