// The warning workflow on the store (see workflow.h, docs/warning.md).
//
// One step = one transaction: UPDATE/INSERT of the warnings row, a
// warning_events row, a change-record entry whose payload_sha256 binds the
// event (SHA-256 of F(event id) F(warning id) F(action) F(from) F(to) F(note)
// F(at) F(who), netstrings as in the change record), and an outbox row.
#include "ecociv/warning/workflow.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "ecociv/store/digest.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/messages.h"

namespace ecociv::warning {
namespace {

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

// A manual step: checks the state, applies `update`, records, in one transaction.
template <typename Update>
Status ManualStep(Database* db, int64_t id, const std::string& action,
                  std::initializer_list<const char*> allowed, const std::string& to,
                  const std::string& note, const store::Actor& actor, int64_t now_unix,
                  Update update) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(Warning w, GetWarning(db, id));
  bool ok =
      std::any_of(allowed.begin(), allowed.end(), [&](const char* s) { return w.state == s; });
  if (!ok) {
    std::string list;
    for (const char* s : allowed) list += (list.empty() ? "" : " or ") + std::string(s);
    return FailedPreconditionError("warning " + std::to_string(id) + " is " + w.state + "; " +
                                   action + " needs " + list);
  }
  std::string from = w.state;
  w.state = to;
  update(&w);
  ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, action, from, note, actor, now_unix, true));
  return tx.Commit();
}

StatusOr<int> EscalateInTransaction(Database* db, DayNumber today, const store::Actor& actor,
                                    int64_t now_unix) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> assigned,
                          Query(db, "WHERE state = 'assigned' ORDER BY id", {}));
  int n = 0;
  for (Warning& w : assigned) {
    auto deadline = ParseDate(w.deadline);
    if (!deadline.ok() || *deadline >= today) continue;
    w.state = "escalated";
    std::string note = Render({"escalate_note", {{"deadline", w.deadline}}}, Language::kZh);
    ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, "escalate", "assigned", note, actor, now_unix, true));
    ++n;
  }
  return n;
}

// The owner of a water warning: the section chief and the units the section
// is assigned to on the platform (`ecociv user assign --section`), so the
// warning names the responsible unit before anyone assigns it.
StatusOr<std::string> OwnerWithUnits(Database* db, const Finding& f) {
  if (f.kind.rfind("water", 0) != 0) return f.owner;
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT unit FROM unit_assets WHERE kind = "
                                                 "'section' AND code = ? ORDER BY unit"));
  stmt->BindText(0, f.subject);
  std::string units;
  Status status;
  while (stmt->Step(&status)) units += (units.empty() ? "" : "、") + stmt->ColumnText(0);
  ECOCIV_RETURN_IF_ERROR(status);
  if (units.empty()) return f.owner;
  return f.owner + (f.owner.empty() ? "" : "；") + "责任单位：" + units;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string FiguresJson(const SectionFacts& f) {
  auto cls = [](const std::optional<water::WaterClass>& c) -> Json {
    return c ? Json(water::ClassLabel(*c)) : Json(nullptr);
  };
  Json j;
  j["month"] = f.month;
  j["target"] = water::ClassLabel(f.target);
  j["month_class"] = cls(f.month_class);
  j["ytd_class"] = cls(f.ytd_class);
  j["month_last_year"] = cls(f.month_last_year);
  j["ytd_last_year"] = cls(f.ytd_last_year);
  j["previous_month"] = cls(f.previous_month);
  j["months_below_target"] = f.months_below_target;
  j["months_compliant"] = f.months_compliant;
  return j.dump();
}

}  // namespace


std::string RecordReport::Summary() const {
  return std::to_string(raised) + " raised, " + std::to_string(upgraded) + " upgraded, " +
         std::to_string(repeated) + " repeated, " + std::to_string(unchanged) + " unchanged, " +
         std::to_string(lifted) + " lifted, " + std::to_string(escalated) + " escalated";
}

std::vector<Finding> FindingsOf(const WaterEvaluation& evaluation) {
  std::vector<Finding> out;
  auto add = [&](const WaterFinding& wf, const std::string& kind, const std::string& period) {
    Finding f;
    f.kind = kind;
    f.rule_set = evaluation.rule_set;
    f.subject = wf.section_id;
    f.subject_name = wf.section_name;
    f.level = wf.level_id;
    f.level_name = wf.level_name;
    f.rank = wf.rank;
    f.trigger = RenderAll(wf.trigger, Language::kZh);
    f.trigger_en = RenderAll(wf.trigger, Language::kEn);
    f.figures = FiguresJson(wf.facts);
    f.owner = wf.chief;
    f.main_pollutants = Join(wf.facts.main_pollutants, ";");
    f.period = period;
    out.push_back(std::move(f));
  };
  for (const WaterFinding& wf : evaluation.findings) add(wf, "water", evaluation.month);
  for (const WaterFinding& wf : evaluation.early_notices) {
    add(wf, "water-notice", FormatDate(evaluation.as_of));
  }
  return out;
}

std::vector<Released> ReleasedOf(const WaterEvaluation& evaluation,
                                 const std::vector<std::string>& all_sections) {
  std::vector<Released> out;
  for (const std::string& s : evaluation.released) out.push_back({"water", s});
  if (!evaluation.notices_evaluated) return out;
  for (const std::string& s : all_sections) {
    bool noticed = std::any_of(evaluation.early_notices.begin(), evaluation.early_notices.end(),
                               [&](const WaterFinding& n) { return n.section_id == s; });
    if (!noticed) out.push_back({"water-notice", s});
  }
  return out;
}

namespace {

// One air target: a finding when at risk, else released.
void AddAirTarget(const AirTargetReport& r, const std::string& what, const std::string& what_name,
                  const std::string& risk, const std::vector<Message>& trigger, const Json& figures,
                  std::vector<Finding>* findings, std::vector<Released>* released) {
  Finding f;
  f.kind = "air";
  f.rule_set = "air-targets-" + std::to_string(r.year);
  f.subject = r.city + "/" + what;
  f.subject_name = r.city + " " + what_name;
  f.period = FormatDate(r.as_of);
  if (risk != "high" && risk != "missed") {
    released->push_back({f.kind, f.subject});
    return;
  }
  f.level = risk;
  f.level_name = risk == "missed" ? "目标已无法完成" : "目标高风险";
  f.rank = risk == "missed" ? 2 : 1;
  f.trigger = RenderAll(trigger, Language::kZh);
  f.trigger_en = RenderAll(trigger, Language::kEn);
  f.figures = figures.dump();
  findings->push_back(std::move(f));
}

// An allowance as a figure a reader can use: "≤ 54.1" (one decimal, rounded down).
std::string AllowanceFigure(const MeanAllowance& a) {
  return std::string(a.inclusive ? "≤ " : "< ") + FloorText(a.value, 1);
}

Message AllowanceMessage(const MeanAllowance& a, int days_left) {
  return {"air_rest_allowance",
          {{"days_left", std::to_string(days_left)},
           {"op", a.inclusive ? "≤" : "<"},
           {"allowance", FloorText(a.value, 2)}}};
}

}  // namespace

void AirFindingsOf(const AirTargetReport& r, std::vector<Finding>* findings,
                   std::vector<Released>* released) {
  for (const PollutantTarget& t : r.pollutants) {
    std::string name(air::PollutantDisplay(t.pollutant));
    Json figures = {{"target", FormatRounded(t.target, t.decimals)},
                    {"ytd_mean", t.ytd_mean ? FormatRounded(*t.ytd_mean, 2) : ""},
                    {"days_left", r.days_left}};
    std::vector<Message> trigger = {
        {"air_ytd_mean",
         {{"pollutant", name},
          {"ytd_mean", t.ytd_mean ? FormatRounded(*t.ytd_mean, 1) : std::string("—")},
          {"target", FormatRounded(t.target, t.decimals)}}}};
    if (t.allowance) {
      if (t.allowance->value.num >= 0) figures["allowance"] = AllowanceFigure(*t.allowance);
      trigger.push_back(AllowanceMessage(*t.allowance, r.days_left));
    }
    if (t.historical_rest) {
      figures["historical_rest"] = FormatRounded(*t.historical_rest, 2);
      trigger.push_back(
          {"air_historical_rest", {{"historical", FormatRounded(*t.historical_rest, 1)}}});
    }
    AddAirTarget(r, std::string(air::PollutantKey(t.pollutant)), name + "年均浓度", t.risk, trigger,
                 figures, findings, released);
  }
  if (r.good_days) {
    const GoodDayTarget& g = *r.good_days;
    Json figures = {{"target_percent", FormatRounded(g.target, 1)},
                    {"ytd_good", g.ytd_good},
                    {"ytd_valid", g.ytd_valid},
                    {"non_good_allowed", g.non_good_allowed}};
    // -1 means none is left: the trigger says the target is missed, no figure says "-1".
    if (g.non_good_allowed < 0) figures.erase("non_good_allowed");
    std::vector<Message> trigger = {{"air_good_days",
                                     {{"good", std::to_string(g.ytd_good)},
                                      {"valid", std::to_string(g.ytd_valid)},
                                      {"target", FormatRounded(g.target, 1)}}}};
    if (g.non_good_allowed >= 0) {
      trigger.push_back({"air_non_good_allowed",
                         {{"days_left", std::to_string(r.days_left)},
                          {"allowed", std::to_string(g.non_good_allowed)}}});
    } else {
      trigger.push_back(
          {"air_good_days_rest_missed", {{"days_left", std::to_string(r.days_left)}}});
    }
    AddAirTarget(r, "good-days", "优良天数比例", g.risk, trigger, figures, findings, released);
  }
  if (r.composite) {
    const CompositeTarget& c = *r.composite;
    Json figures = {{"target", FormatRounded(c.target, c.decimals)},
                    {"method", c.method},
                    {"ytd", c.ytd ? FormatRounded(*c.ytd, c.decimals) : ""},
                    {"days_left", r.days_left}};
    std::vector<Message> trigger = {
        {"composite_ytd",
         {{"ytd", c.ytd ? FormatRounded(*c.ytd, c.decimals) : std::string("—")},
          {"target", FormatRounded(c.target, c.decimals)}}}};
    if (c.pm25_allowance) {
      if (c.pm25_allowance->value.num >= 0) {
        figures["pm25_allowance"] = AllowanceFigure(*c.pm25_allowance);
      }
      const MeanAllowance& a = *c.pm25_allowance;
      trigger.push_back({"composite_pm25_allowance",
                         {{"days_left", std::to_string(r.days_left)},
                          {"op", a.inclusive ? "≤" : "<"},
                          {"allowance", FloorText(a.value, 2)}}});
    } else {
      trigger.push_back(
          {"composite_target_missed", {{"target", FormatRounded(c.target, c.decimals)}}});
    }
    if (c.historical_rest) {
      trigger.push_back(
          {"air_historical_rest", {{"historical", FormatRounded(*c.historical_rest, 1)}}});
    }
    AddAirTarget(r, "composite", "环境空气质量综合指数", c.risk, trigger, figures, findings,
                 released);
  }
}

StatusOr<RecordReport> RecordEvaluation(Database* db, const std::string& rule_set,
                                        const std::vector<Finding>& findings,
                                        const std::vector<Released>& released, DayNumber today,
                                        const store::Actor& actor, int64_t now_unix) {
  RecordReport report;
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  const std::string open = "AND state NOT IN ('closed', 'lifted')";
  for (const Finding& f : findings) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> existing,
                            Query(db, "WHERE kind = ? AND rule_set = ? AND subject = ? " + open,
                                  {f.kind, f.rule_set, f.subject}));
    if (existing.empty()) {
      Finding owned = f;
      ECOCIV_ASSIGN_OR_RETURN(owned.owner, OwnerWithUnits(db, f));
      ECOCIV_ASSIGN_OR_RETURN(int64_t id, InsertWarning(db, owned, store::UtcNow()));
      ECOCIV_ASSIGN_OR_RETURN(Warning w, GetWarning(db, id));
      ECOCIV_RETURN_IF_ERROR(
          RecordStep(db, &w, "raise", "", f.period + " " + f.level, actor, now_unix, true));
      ++report.raised;
      continue;
    }
    Warning w = existing.front();
    if (w.last_period == f.period && f.rank <= w.rank) {
      ++report.unchanged;
      continue;
    }
    bool upgrade = f.rank > w.rank;
    if (upgrade) {
      w.level = f.level;
      w.level_name = f.level_name;
      w.rank = f.rank;
    }
    w.trigger = f.trigger;
    w.trigger_en = f.trigger_en;
    w.figures = f.figures;
    w.main_pollutants = f.main_pollutants;
    if (f.period > w.last_period) w.last_period = f.period;
    ++w.repeats;
    ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, upgrade ? "upgrade" : "repeat", w.state,
                                      f.period + " " + f.level + ": " + f.trigger, actor, now_unix,
                                      upgrade));
    ++(upgrade ? report.upgraded : report.repeated);
  }
  for (const Released& r : released) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> existing,
                            Query(db, "WHERE kind = ? AND rule_set = ? AND subject = ? " + open,
                                  {r.kind, rule_set, r.subject}));
    for (Warning& w : existing) {
      std::string from = w.state;
      w.state = "lifted";
      ECOCIV_RETURN_IF_ERROR(RecordStep(
          db, &w, "lift", from, Render({"lift_note", {{"date", FormatDate(today)}}}, Language::kZh),
          actor, now_unix, true));
      ++report.lifted;
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(report.escalated, EscalateInTransaction(db, today, actor, now_unix));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return report;
}

StatusOr<int> EscalateOverdue(Database* db, DayNumber today, const store::Actor& actor,
                              int64_t now_unix) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(int n, EscalateInTransaction(db, today, actor, now_unix));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return n;
}

Status Acknowledge(Database* db, int64_t id, const std::string& note, const store::Actor& actor,
                   int64_t now_unix) {
  return ManualStep(db, id, "acknowledge", {"raised"}, "acknowledged", note, actor, now_unix,
                    [](Warning*) {});
}

Status Assign(Database* db, int64_t id, const Assignment& a, const store::Actor& actor,
              int64_t now_unix) {
  if (a.unit.empty() || a.person.empty() || a.plan.empty()) {
    return InvalidArgumentError("assign needs a unit, a person and the section plan");
  }
  if (!ParseDate(a.deadline).ok()) {
    return InvalidArgumentError("assign: deadline must be a date YYYY-MM-DD: " + a.deadline);
  }
  std::string note =
      Render({"assign_note",
              {{"unit", a.unit}, {"person", a.person}, {"deadline", a.deadline}, {"plan", a.plan}}},
             Language::kZh);
  return ManualStep(db, id, "assign", {"acknowledged", "escalated"}, "assigned", note, actor,
                    now_unix, [&](Warning* w) {
                      w->unit = a.unit;
                      w->person = a.person;
                      w->deadline = a.deadline;
                      w->plan = a.plan;
                    });
}

Status GiveFeedback(Database* db, int64_t id, const std::string& feedback,
                    const store::Actor& actor, int64_t now_unix) {
  if (feedback.empty()) return InvalidArgumentError("feedback text is empty");
  return ManualStep(db, id, "feedback", {"assigned"}, "feedback", feedback, actor, now_unix,
                    [&](Warning* w) { w->feedback = feedback; });
}

Status Close(Database* db, int64_t id, const std::string& note, const store::Actor& actor,
             int64_t now_unix) {
  return ManualStep(db, id, "close", {"feedback"}, "closed", note, actor, now_unix,
                    [](Warning*) {});
}

StatusOr<std::vector<Warning>> ListWarnings(Database* db, bool open_only) {
  return Query(
      db, open_only ? "WHERE state NOT IN ('closed', 'lifted') ORDER BY id" : "ORDER BY id", {});
}

StatusOr<Warning> GetWarning(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> rows,
                          Query(db, "WHERE id = ?", {std::to_string(id)}));
  if (rows.empty()) return NotFoundError("no warning " + std::to_string(id));
  return rows.front();
}

StatusOr<std::vector<std::string>> VerifyWarnings(Database* db) {
  std::vector<std::string> problems;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::LogEntry> log, store::ReadLog(db));
  std::map<int64_t, const store::LogEntry*> by_seq;
  std::set<int64_t> claimed;
  for (const store::LogEntry& entry : log) by_seq[entry.seq] = &entry;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> warnings, ListWarnings(db, false));
  for (const Warning& w : warnings) {
    const std::string name = "warning " + std::to_string(w.id);
    ECOCIV_ASSIGN_OR_RETURN(std::vector<WarningEvent> events, ListEvents(db, w.id));
    for (const WarningEvent& e : events) {
      auto it = by_seq.find(e.log_seq);
      const std::string what = name + " event " + std::to_string(e.id) + " (" + e.action + ")";
      if (it == by_seq.end()) {
        problems.push_back(what + ": no change-record entry");
        continue;
      }
      claimed.insert(e.log_seq);
      const store::LogEntry& entry = *it->second;
      if (entry.action != "warning." + e.action ||
          entry.object != "warning:" + std::to_string(w.id) ||
          entry.payload_sha256 != EventDigest(e)) {
        problems.push_back(what + ": changed (does not match change-record entry " +
                           std::to_string(entry.seq) + ")");
      }
    }
    if (events.empty()) {
      problems.push_back(name + ": no events (inserted outside the program)");
    } else if (events.back().to_state != w.state) {
      problems.push_back(name + ": state " + w.state + " but the last recorded step ends in " +
                         events.back().to_state);
    } else if (!events.back().warning_sha256.empty() &&
               events.back().warning_sha256 != WarningDigest(w)) {
      problems.push_back(name + ": changed since its last recorded step (event " +
                         std::to_string(events.back().id) + ")");
    }
  }
  for (const store::LogEntry& entry : log) {
    if (entry.object.rfind("warning:", 0) == 0 && !claimed.count(entry.seq)) {
      problems.push_back("change-record entry " + std::to_string(entry.seq) + " (" + entry.action +
                         " " + entry.object + "): its event is missing");
    }
  }
  return problems;
}

StatusOr<std::vector<WarningEvent>> ListEvents(Database* db, int64_t warning_id) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt,
                          db->Prepare("SELECT id, warning_id, log_seq, at, who, action, "
                                      "from_state, to_state, note, warning_sha256 "
                                      "FROM warning_events WHERE warning_id = ? ORDER BY id"));
  stmt->BindInt64(0, warning_id);
  std::vector<WarningEvent> out;
  Status status;
  while (stmt->Step(&status)) {
    WarningEvent e;
    e.id = stmt->ColumnInt64(0);
    e.warning_id = stmt->ColumnInt64(1);
    e.log_seq = stmt->ColumnInt64(2);
    e.at = stmt->ColumnText(3);
    e.who = stmt->ColumnText(4);
    e.action = stmt->ColumnText(5);
    e.from_state = stmt->ColumnText(6);
    e.to_state = stmt->ColumnText(7);
    e.note = stmt->ColumnText(8);
    e.warning_sha256 = stmt->ColumnText(9);
    out.push_back(std::move(e));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

std::string WarningJson(const Warning& w) {
  Json figures = Json::parse(w.figures, nullptr, false);
  if (figures.is_discarded()) figures = w.figures;
  Json j = {{"id", w.id},
            {"kind", w.kind},
            {"rule_set", w.rule_set},
            {"template", w.rule_set.find("template") != std::string::npos},
            {"subject", w.subject},
            {"subject_name", w.subject_name},
            {"level", w.level},
            {"level_name", w.level_name},
            {"rank", w.rank},
            {"trigger", w.trigger},
            {"trigger_en", w.trigger_en.empty() ? w.trigger : w.trigger_en},
            {"figures", figures},
            {"owner", w.owner},
            {"main_pollutants", w.main_pollutants},
            {"state", w.state},
            {"first_period", w.first_period},
            {"last_period", w.last_period},
            {"repeats", w.repeats},
            {"raised_at", w.raised_at},
            {"updated_at", w.updated_at},
            {"unit", w.unit},
            {"person", w.person},
            {"deadline", w.deadline},
            {"plan", w.plan},
            {"feedback", w.feedback}};
  return j.dump();
}

}  // namespace ecociv::warning
