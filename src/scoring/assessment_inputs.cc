// Values, events and evidence of the assessments in the store.
#include <algorithm>
#include <set>

#include "assessment_rows.h"
#include "ecociv/core/csv_columns.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::scoring {
namespace {

using store::QueryRows;
using store::RunSql;

constexpr size_t kMaxTextBytes = 2000;            // a note or a reason
constexpr size_t kMaxEvidenceBytes = 8u << 20;    // one evidence file
constexpr int kFirstYear = 2000, kLastYear = 2100;  // years an assessment can be about

const char* PointName(ValuePoint point) {
  switch (point) {
    case ValuePoint::kYear:
      return "year";
    case ValuePoint::kTenureStart:
      return "start";
    case ValuePoint::kTenureEnd:
      return "end";
  }
  return "year";
}

ValuePoint PointOf(const std::string& name) {
  if (name == "start") return ValuePoint::kTenureStart;
  if (name == "end") return ValuePoint::kTenureEnd;
  return ValuePoint::kYear;
}

Status CheckYear(int year) {
  if (year < kFirstYear || year > kLastYear) {
    return InvalidArgumentError("year " + std::to_string(year) + " is outside " +
                                std::to_string(kFirstYear) + "–" + std::to_string(kLastYear));
  }
  return Status::Ok();
}

Status CheckText(const std::string& what, const std::string& text, bool required) {
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgumentError(what + " is required");
  }
  if (text.size() > kMaxTextBytes) return InvalidArgumentError(what + " is too long");
  return Status::Ok();
}

StatusOr<std::set<std::string>> SubjectIds(Database* db, const Scheme& scheme) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Subject> subjects, StoreSubjects(db, scheme));
  std::set<std::string> ids;
  for (const Subject& s : subjects) ids.insert(s.id);
  return ids;
}

Status CheckSubject(const std::set<std::string>& known, const Scheme& scheme,
                    const std::string& subject) {
  if (known.count(subject)) return Status::Ok();
  return InvalidArgumentError("unknown subject " + QuoteForMessage(subject) + ": not a " +
                              scheme.subject_kind + " of scheme " + scheme.id + " in the store");
}

// A value checked against the scheme; fills entered_by / entered_at.
Status CheckValue(const Scheme& scheme, const std::set<std::string>& subjects,
                  AssessmentValue* v) {
  if (v->scheme != scheme.id) {
    return InvalidArgumentError("value for scheme " + QuoteForMessage(v->scheme) + " given with " +
                                scheme.id);
  }
  ECOCIV_RETURN_IF_ERROR(CheckYear(v->year));
  ECOCIV_RETURN_IF_ERROR(CheckSubject(subjects, scheme, v->subject));
  ECOCIV_RETURN_IF_ERROR(ParseValueKey(ValueKey(v->item, v->point), scheme).status());
  ECOCIV_ASSIGN_OR_RETURN(Ratio value, ParseInputValue(v->value));
  ECOCIV_RETURN_IF_ERROR(CheckText("the note", v->note, false));
  InputValue input{value, v->value, v->note, v->origin};
  return CheckManualScore(*scheme.FindItem(v->item), input);
}

std::vector<std::string> Fields(const AssessmentValue& v) {
  return {v.scheme, std::to_string(v.year), v.subject, v.item, PointName(v.point),
          v.value,  v.note,                 v.origin,  v.entered_by, v.entered_at};
}

Status StoreValue(Database* db, AssessmentValue v, const Actor& actor) {
  v.entered_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  v.entered_at = store::UtcNow();
  std::string digest = rows::RowDigest(Fields(v));
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT OR REPLACE INTO assessment_values (scheme, year, subject, "
                                "item, point, value, note, origin, entered_by, entered_at, "
                                "row_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                {v.scheme, int64_t{v.year}, v.subject, v.item,
                                 std::string(PointName(v.point)), v.value, v.note, v.origin,
                                 v.entered_by, v.entered_at, digest}));
  return rows::LogRowChange(db, actor, "assessment.value",
                            ValueObject(v.scheme, v.year, v.subject, v.item, v.point),
                            v.value + (v.note.empty() ? "" : " (" + v.note + ")") + ", " + v.origin,
                            digest);
}

std::vector<std::string> Fields(const AssessmentEvent& e) {
  return {std::to_string(e.id), e.scheme, std::to_string(e.year), e.subject,
          e.item, e.date, std::to_string(e.count), e.reason, e.origin, e.withdrawn,
          e.entered_by, e.entered_at};
}

Status CheckEventInput(const Scheme& scheme, const std::set<std::string>& subjects,
                       const AssessmentEvent& e) {
  if (e.scheme != scheme.id) {
    return InvalidArgumentError("event for scheme " + QuoteForMessage(e.scheme) + " given with " +
                                scheme.id);
  }
  ECOCIV_RETURN_IF_ERROR(CheckYear(e.year));
  ECOCIV_RETURN_IF_ERROR(CheckSubject(subjects, scheme, e.subject));
  ECOCIV_RETURN_IF_ERROR(CheckEvent(scheme, e.year, e.item, e.date, e.count));
  return CheckText("the reason", e.reason, true);
}

// Inserts a checked event and logs it; returns its id.
StatusOr<int64_t> StoreEvent(Database* db, AssessmentEvent e, const Actor& actor) {
  e.entered_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  e.entered_at = store::UtcNow();
  e.withdrawn.clear();
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO assessment_events (scheme, year, subject, item, date, "
                                "count, reason, origin, withdrawn, entered_by, entered_at, "
                                "row_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, '')",
                                {e.scheme, int64_t{e.year}, e.subject, e.item, e.date, e.count,
                                 e.reason, e.origin, e.entered_by, e.entered_at}));
  e.id = db->LastInsertId();
  std::string digest = rows::RowDigest(Fields(e));
  ECOCIV_RETURN_IF_ERROR(RunSql(db, "UPDATE assessment_events SET row_sha256 = ? WHERE id = ?",
                                {digest, e.id}));
  ECOCIV_RETURN_IF_ERROR(rows::LogRowChange(
      db, actor, "assessment.event", "event:" + std::to_string(e.id),
      e.scheme + " " + std::to_string(e.year) + " " + e.subject + " " + e.item + " ×" +
          std::to_string(e.count) + " on " + e.date + ": " + e.reason + ", " + e.origin,
      digest));
  return e.id;
}

AssessmentEvent EventOfRow(const std::vector<std::string>& r) {
  AssessmentEvent e;
  e.id = store::IntegerOfText(r[0]);
  e.scheme = r[1];
  e.year = static_cast<int>(store::IntegerOfText(r[2]));
  e.subject = r[3];
  e.item = r[4];
  e.date = r[5];
  e.count = store::IntegerOfText(r[6]);
  e.reason = r[7];
  e.origin = r[8];
  e.withdrawn = r[9];
  e.entered_by = r[10];
  e.entered_at = r[11];
  return e;
}

constexpr char kEventColumns[] =
    "SELECT id, scheme, year, subject, item, date, count, reason, origin, withdrawn, entered_by, "
    "entered_at FROM assessment_events ";

StatusOr<bool> ObjectExists(Database* db, const std::string& object) {
  auto count = [&](const std::string& sql, const std::vector<store::SqlParam>& params)
      -> StatusOr<bool> {
    ECOCIV_ASSIGN_OR_RETURN(auto found, QueryRows(db, sql, params));
    return !found.empty();
  };
  int64_t id = 0;
  if (object.rfind("event:", 0) == 0 && ParseIntegerInRange(object.substr(6), 1, INT64_MAX, &id)) {
    return count("SELECT id FROM assessment_events WHERE id = ?", {id});
  }
  if (object.rfind("finding:", 0) == 0 &&
      ParseIntegerInRange(object.substr(8), 1, INT64_MAX, &id)) {
    return count("SELECT id FROM audit_findings WHERE id = ?", {id});
  }
  if (object.rfind("value:", 0) == 0) {
    return count("SELECT 1 FROM assessment_values WHERE 'value:' || scheme || '/' || year || '/' "
                 "|| subject || '/' || item || '/' || point = ?",
                 {object});
  }
  return false;
}

}  // namespace

std::string ValueObject(const std::string& scheme, int year, const std::string& subject,
                        const std::string& item, ValuePoint point) {
  return "value:" + scheme + "/" + std::to_string(year) + "/" + subject + "/" + item + "/" +
         PointName(point);
}

Status SetAssessmentValue(Database* db, const Scheme& scheme, const AssessmentValue& value,
                          const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, SubjectIds(db, scheme));
  AssessmentValue v = value;
  if (v.origin.empty()) v.origin = "web";
  ECOCIV_RETURN_IF_ERROR(CheckValue(scheme, subjects, &v));
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(StoreValue(db, v, actor));
  return transaction.Commit();
}

StatusOr<int> ImportAssessmentValues(Database* db, const Scheme& scheme, int year,
                                     std::string_view csv, const std::string& file_name,
                                     const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, SubjectIds(db, scheme));
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          ReadCsvColumns(csv, file_name, {"subject", "item", "value"}, {"note"}));
  std::vector<AssessmentValue> values;
  std::set<std::string> seen;
  for (const CsvRow& r : found) {
    std::string where = file_name + ":" + std::to_string(r.line) + ": ";
    auto key = ParseValueKey(r.fields[1], scheme);
    if (!key.ok()) return InvalidArgumentError(where + key.status().message());
    AssessmentValue v;
    v.scheme = scheme.id;
    v.year = year;
    v.subject = r.fields[0];
    v.item = key->first;
    v.point = key->second;
    v.value = r.fields[2];
    v.note = r.fields[3];
    v.origin = file_name + ":" + std::to_string(r.line);
    Status ok = CheckValue(scheme, subjects, &v);
    if (!ok.ok()) return InvalidArgumentError(where + ok.message());
    if (!seen.insert(v.subject + "\n" + r.fields[1]).second) {
      return InvalidArgumentError(where + "second value for " + v.subject + " / " + r.fields[1]);
    }
    values.push_back(std::move(v));
  }
  if (values.empty()) return InvalidArgumentError(file_name + ": no values");
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const AssessmentValue& v : values) ECOCIV_RETURN_IF_ERROR(StoreValue(db, v, actor));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(values.size());
}

StatusOr<std::vector<AssessmentValue>> ListAssessmentValues(Database* db, const std::string& scheme,
                                                            int year, const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto found, QueryRows(db,
                            "SELECT scheme, year, subject, item, point, value, note, origin, "
                            "entered_by, entered_at FROM assessment_values WHERE scheme = ? AND "
                            "year = ? AND (? = '' OR subject = ?) ORDER BY subject, item, point",
                            {scheme, int64_t{year}, subject, subject}));
  std::vector<AssessmentValue> out;
  for (auto& r : found) {
    out.push_back({r[0], year, r[2], r[3], PointOf(r[4]), r[5], r[6], r[7], r[8], r[9]});
  }
  return out;
}

StatusOr<int64_t> AddAssessmentEvent(Database* db, const Scheme& scheme,
                                     const AssessmentEvent& event, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, SubjectIds(db, scheme));
  AssessmentEvent e = event;
  if (e.origin.empty()) e.origin = "web";
  ECOCIV_RETURN_IF_ERROR(CheckEventInput(scheme, subjects, e));
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, StoreEvent(db, e, actor));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return id;
}

Status WithdrawAssessmentEvent(Database* db, int64_t id, const std::string& reason,
                               const Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckText("the reason for withdrawing", reason, true));
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          QueryRows(db, std::string(kEventColumns) + "WHERE id = ?", {id}));
  if (found.empty()) return NotFoundError("no event " + std::to_string(id));
  AssessmentEvent e = EventOfRow(found[0]);
  if (!e.withdrawn.empty()) {
    return FailedPreconditionError("event " + std::to_string(id) + " was already withdrawn");
  }
  e.withdrawn = reason;
  std::string digest = rows::RowDigest(Fields(e));
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db, "UPDATE assessment_events SET withdrawn = ?, row_sha256 = ? WHERE id = ?",
      {reason, digest, id}));
  ECOCIV_RETURN_IF_ERROR(rows::LogRowChange(db, actor, "assessment.event.withdraw",
                                            "event:" + std::to_string(id), reason, digest));
  return transaction.Commit();
}

StatusOr<int> ImportAssessmentEvents(Database* db, const Scheme& scheme, int year,
                                     std::string_view csv, const std::string& file_name,
                                     const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, SubjectIds(db, scheme));
  ECOCIV_ASSIGN_OR_RETURN(
      auto found, ReadCsvColumns(csv, file_name, {"subject", "item", "date", "count", "note"}));
  std::vector<AssessmentEvent> events;
  for (const CsvRow& r : found) {
    std::string where = file_name + ":" + std::to_string(r.line) + ": ";
    AssessmentEvent e;
    e.scheme = scheme.id;
    e.year = year;
    e.subject = r.fields[0];
    e.item = r.fields[1];
    e.date = r.fields[2];
    auto count = ParseInteger(r.fields[3], 1, 100000, "count");
    if (!count.ok()) return InvalidArgumentError(where + count.status().message());
    e.count = *count;
    e.reason = r.fields[4];
    e.origin = file_name + ":" + std::to_string(r.line);
    Status ok = CheckEventInput(scheme, subjects, e);
    if (!ok.ok()) return InvalidArgumentError(where + ok.message());
    events.push_back(std::move(e));
  }
  if (events.empty()) return InvalidArgumentError(file_name + ": no events");
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const AssessmentEvent& e : events) ECOCIV_RETURN_IF_ERROR(StoreEvent(db, e, actor).status());
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(events.size());
}

StatusOr<std::vector<AssessmentEvent>> ListAssessmentEvents(Database* db,
                                                            const std::string& scheme, int year,
                                                            const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto found,
      QueryRows(db,
                std::string(kEventColumns) +
                    "WHERE scheme = ? AND year = ? AND (? = '' OR subject = ?) ORDER BY id",
                {scheme, int64_t{year}, subject, subject}));
  std::vector<AssessmentEvent> out;
  for (auto& r : found) out.push_back(EventOfRow(r));
  return out;
}

StatusOr<std::string> AddAssessmentEvidence(Database* db, const std::string& object,
                                            const std::string& file_name,
                                            const std::string& bytes, const Actor& actor) {
  if (file_name.empty() || file_name.size() > 200 ||
      file_name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
    return InvalidArgumentError("an evidence file needs a plain file name");
  }
  if (bytes.empty()) return InvalidArgumentError("the evidence file " + file_name + " is empty");
  if (bytes.size() > kMaxEvidenceBytes) {
    return InvalidArgumentError("an evidence file may be at most 8 MiB");
  }
  ECOCIV_ASSIGN_OR_RETURN(bool exists, ObjectExists(db, object));
  if (!exists) return NotFoundError("no " + object + " to attach evidence to");
  std::string sha = store::Sha256Hex(bytes);
  std::string who = actor.who.empty() ? store::CurrentUser() : actor.who;
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO assessment_evidence (object, file_name, sha256, size, "
                                "content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                {object, file_name, sha, static_cast<int64_t>(bytes.size()),
                                 store::Blob{bytes}, who, store::UtcNow()}));
  ECOCIV_RETURN_IF_ERROR(rows::LogRowChange(db, actor, "assessment.evidence", object,
                                            file_name + " (" + std::to_string(bytes.size()) +
                                                " bytes)",
                                            sha));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return sha;
}

StatusOr<std::vector<EvidenceInfo>> ListAssessmentEvidence(Database* db,
                                                           const std::string& object_prefix) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, QueryRows(db,
                                                "SELECT id, object, file_name, sha256, size FROM "
                                                "assessment_evidence WHERE substr(object, 1, ?) = "
                                                "? ORDER BY id",
                                                {static_cast<int64_t>(object_prefix.size()),
                                                 object_prefix}));
  std::vector<EvidenceInfo> out;
  for (auto& r : found) {
    out.push_back({store::IntegerOfText(r[0]), r[1], r[2], r[3], store::IntegerOfText(r[4])});
  }
  return out;
}

StatusOr<EvidenceContent> ReadAssessmentEvidence(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT id, object, file_name, sha256, size, "
                                                 "content FROM assessment_evidence WHERE id = ?"));
  stmt->BindInt64(0, id);
  Status status;
  if (!stmt->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no evidence file " + std::to_string(id));
  }
  EvidenceContent f;
  f.info = {stmt->ColumnInt64(0), stmt->ColumnText(1), stmt->ColumnText(2), stmt->ColumnText(3),
            stmt->ColumnInt64(4)};
  f.content = stmt->ColumnBlob(5);
  f.intact = store::Sha256Hex(f.content) == f.info.sha256;
  return f;
}

StatusOr<std::unique_ptr<CsvValueSource>> LoadAssessmentInputs(Database* db,
                                                               const std::string& scheme,
                                                               int year) {
  auto source = std::make_unique<CsvValueSource>();
  ECOCIV_ASSIGN_OR_RETURN(auto values, ListAssessmentValues(db, scheme, year));
  for (const AssessmentValue& v : values) {
    ECOCIV_ASSIGN_OR_RETURN(Ratio value, ParseInputValue(v.value));
    source->SetValue(v.subject, ValueKey(v.item, v.point),
                     InputValue{value, v.value, v.note, v.origin});
  }
  ECOCIV_ASSIGN_OR_RETURN(auto events, ListAssessmentEvents(db, scheme, year));
  for (const AssessmentEvent& e : events) {
    if (!e.withdrawn.empty()) continue;
    source->AddEvent(e.subject, e.item, Event{e.date, e.count, e.reason, e.origin});
  }
  return source;
}

}  // namespace ecociv::scoring
