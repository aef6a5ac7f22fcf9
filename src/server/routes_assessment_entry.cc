// Routes of what the assessments are scored on: values (entered by the
// responsible unit, or by analysts), deduction / bonus / veto events
// (analysts; withdrawn with a reason, never deleted), evidence files, and the
// people the "official" schemes judge. Every check of a value or event
// against the scheme and the store is the library's (assessment_store.h);
// who may touch which subject is assessment_access.h.
#include "assessment_access.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/scoring/assessment_lists.h"
#include "evidence_files.h"
#include "json_fields.h"

namespace ecociv::server {
namespace {

using scoring::ValuePoint;

const char* PointName(ValuePoint point) {
  return point == ValuePoint::kTenureStart ? "start"
         : point == ValuePoint::kTenureEnd ? "end"
                                           : "year";
}

StatusOr<ValuePoint> PointField(const Json& body) {
  ECOCIV_ASSIGN_OR_RETURN(std::string point, StringField(body, "point", false, 8));
  if (point.empty() || point == "year") return ValuePoint::kYear;
  if (point == "start") return ValuePoint::kTenureStart;
  if (point == "end") return ValuePoint::kTenureEnd;
  return InvalidArgumentError("point must be year, start or end");
}

// The scheme and year of the path.
struct SchemeYear {
  scoring::Scheme scheme;
  int year = 0;
};
StatusOr<SchemeYear> PathSchemeYear(Call& c) {
  SchemeYear out;
  ECOCIV_ASSIGN_OR_RETURN(out.scheme, BuiltInScheme(c.params["scheme"]));
  ECOCIV_ASSIGN_OR_RETURN(out.year, YearParameter(c.params["year"], 0));
  return out;
}

// The subjects of the query (?subject=) a caller may list: that one (403 for
// another unit's), or every one the caller may see ("" = no filter).
StatusOr<std::string> ListedSubject(Call& c, const scoring::Scheme& scheme) {
  std::string subject = c.Query("subject");
  if (!subject.empty()) ECOCIV_RETURN_IF_ERROR(CheckOwnsSubject(c, scheme.subject_kind, subject));
  return subject;
}

StatusOr<HttpResponse> Values(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(SchemeYear sy, PathSchemeYear(c));
  ECOCIV_ASSIGN_OR_RETURN(std::string subject, ListedSubject(c, sy.scheme));
  ECOCIV_ASSIGN_OR_RETURN(auto values,
                          scoring::ListAssessmentValues(c.db, sy.scheme.id, sy.year, subject));
  Json rows = Json::array();
  for (const scoring::AssessmentValue& v : values) {
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsSubject(c, sy.scheme.subject_kind, v.subject));
    if (!own) continue;
    rows.push_back(
        {{"subject", v.subject},
         {"item", v.item},
         {"point", PointName(v.point)},
         {"value", v.value},
         {"note", v.note},
         {"origin", v.origin},
         {"entered_by", v.entered_by},
         {"entered_at", v.entered_at},
         {"object", scoring::ValueObject(v.scheme, sy.year, v.subject, v.item, v.point)}});
  }
  return JsonResponse({{"scheme", sy.scheme.id}, {"year", sy.year}, {"values", rows}});
}

// {subject, item, value, note?, point?: year|start|end} → 201. A unit
// reporter enters its own unit's values only, and no official's.
StatusOr<HttpResponse> SetValue(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(SchemeYear sy, PathSchemeYear(c));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  scoring::AssessmentValue v;
  v.scheme = sy.scheme.id;
  v.year = sy.year;
  ECOCIV_ASSIGN_OR_RETURN(v.subject, StringField(c.body, "subject", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(v.item, StringField(c.body, "item", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(v.value, StringField(c.body, "value", true, 40));
  ECOCIV_ASSIGN_OR_RETURN(v.note, StringField(c.body, "note", false, 2000));
  ECOCIV_ASSIGN_OR_RETURN(v.point, PointField(c.body));
  if (c.IsReporter() && sy.scheme.subject_kind == "official") {
    return Denied("the values of " + sy.scheme.id +
                  " (an official's audit) are entered by analysts");
  }
  ECOCIV_RETURN_IF_ERROR(CheckOwnsSubject(c, sy.scheme.subject_kind, v.subject));
  v.origin = "web";
  ECOCIV_RETURN_IF_ERROR(scoring::SetAssessmentValue(c.db, sy.scheme, v, c.Actor(v.note)));
  return JsonResponse(
      {{"scheme", v.scheme},
       {"year", v.year},
       {"subject", v.subject},
       {"item", v.item},
       {"point", PointName(v.point)},
       {"value", v.value},
       {"object", scoring::ValueObject(v.scheme, v.year, v.subject, v.item, v.point)}},
      201);
}

StatusOr<HttpResponse> Events(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(SchemeYear sy, PathSchemeYear(c));
  ECOCIV_ASSIGN_OR_RETURN(std::string subject, ListedSubject(c, sy.scheme));
  ECOCIV_ASSIGN_OR_RETURN(auto events,
                          scoring::ListAssessmentEvents(c.db, sy.scheme.id, sy.year, subject));
  Json rows = Json::array();
  for (const scoring::AssessmentEvent& e : events) {
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsSubject(c, sy.scheme.subject_kind, e.subject));
    if (!own) continue;
    rows.push_back({{"id", e.id},
                    {"subject", e.subject},
                    {"item", e.item},
                    {"date", e.date},
                    {"count", e.count},
                    {"reason", e.reason},
                    {"origin", e.origin},
                    {"withdrawn", e.withdrawn},
                    {"entered_by", e.entered_by},
                    {"entered_at", e.entered_at}});
  }
  return JsonResponse({{"scheme", sy.scheme.id}, {"year", sy.year}, {"events", rows}});
}

// {subject, item, date, count?, reason} → 201 {id}.
StatusOr<HttpResponse> AddEvent(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(SchemeYear sy, PathSchemeYear(c));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  scoring::AssessmentEvent e;
  e.scheme = sy.scheme.id;
  e.year = sy.year;
  ECOCIV_ASSIGN_OR_RETURN(e.subject, StringField(c.body, "subject", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(e.item, StringField(c.body, "item", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(e.date, StringField(c.body, "date", true, 10));
  ECOCIV_ASSIGN_OR_RETURN(e.reason, StringField(c.body, "reason", true, 2000));
  if (c.body.contains("count") && !c.body["count"].is_null()) {
    const Json& count = c.body["count"];
    if (!count.is_number_integer() || count.get<int64_t>() < 1 || count.get<int64_t>() > 100000) {
      return InvalidArgumentError("count must be a whole number from 1 to 100000");
    }
    e.count = count.get<int64_t>();
  }
  e.origin = "web";
  ECOCIV_ASSIGN_OR_RETURN(int64_t id,
                          scoring::AddAssessmentEvent(c.db, sy.scheme, e, c.Actor(e.reason)));
  return JsonResponse({{"id", id}, {"object", "event:" + std::to_string(id)}}, 201);
}

StatusOr<HttpResponse> WithdrawEvent(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "event"));
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", true, 2000));
  ECOCIV_RETURN_IF_ERROR(scoring::WithdrawAssessmentEvent(c.db, id, reason, c.Actor(reason)));
  return JsonResponse({{"id", id}, {"withdrawn", reason}});
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(sep, start)) != std::string::npos; start = at + 1) {
    parts.push_back(text.substr(start, at - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

// A value's evidence: attached by whoever may enter the value (a reporter:
// its own unit's, no official's), listed by whoever may see it.
Status CheckValueEvidence(Call& c, const std::string& object) {
  std::vector<std::string> parts = Split(object.substr(6), '/');
  if (parts.size() != 5) return NotFoundError("no " + object);
  ECOCIV_ASSIGN_OR_RETURN(scoring::Scheme scheme, BuiltInScheme(parts[0]));
  if (c.request.method != "GET" && !RoleIn(kEntry, c.role())) {
    return Denied("a value's evidence is attached by its unit or by analysts");
  }
  if (c.IsReporter() && scheme.subject_kind == "official") {
    return Denied("the values of " + scheme.id + " (an official's audit) are the analysts'");
  }
  return CheckOwnsSubject(c, scheme.subject_kind, parts[2]);
}

// Whether the caller may attach evidence to `object` (POST) or list its files
// (GET): a value (CheckValueEvidence); an event: attached by analysts and
// administrators, listed by every role but unit reporters; a finding: its
// owner unit's reporter and everyone who may see it.
Status CheckEvidenceObject(Call& c, const std::string& object) {
  if (object.rfind("value:", 0) == 0) return CheckValueEvidence(c, object);
  int64_t id = 0;
  if (object.rfind("event:", 0) == 0 && ParseIntegerInRange(object.substr(6), 1, INT64_MAX, &id)) {
    bool reading = c.request.method == "GET" && !c.IsReporter();
    if (reading || RoleIn(kReviewers, c.role())) return Status::Ok();
    return Denied("an event's evidence is the analysts'");
  }
  if (object.rfind("finding:", 0) == 0 &&
      ParseIntegerInRange(object.substr(8), 1, INT64_MAX, &id)) {
    return VisibleFinding(c, id).status();
  }
  return InvalidArgumentError(
      "object must be value:SCHEME/YEAR/SUBJECT/ITEM/POINT, event:ID or finding:ID");
}

// The request body is the file; its object and name are query parameters.
StatusOr<HttpResponse> AddEvidence(Call& c) {
  const std::string object = c.Query("object");
  const std::string name = c.Query("name");
  if (!ValidEvidenceName(name)) {
    return InvalidArgumentError(
        "the file name must be a plain name (no folders, '..' or leading dot) of a document, "
        "image, spreadsheet or archive");
  }
  if (c.request.body.empty()) return InvalidArgumentError("the evidence file is empty");
  ECOCIV_RETURN_IF_ERROR(CheckEvidenceObject(c, object));
  ECOCIV_ASSIGN_OR_RETURN(std::string sha, scoring::AddAssessmentEvidence(
                                               c.db, object, name, c.request.body, c.Actor()));
  return JsonResponse(
      {{"object", object}, {"file_name", name}, {"size", c.request.body.size()}, {"sha256", sha}},
      201);
}

StatusOr<HttpResponse> ListEvidence(Call& c) {
  const std::string object = c.Query("object");
  ECOCIV_RETURN_IF_ERROR(CheckEvidenceObject(c, object));
  ECOCIV_ASSIGN_OR_RETURN(auto files, scoring::ListAssessmentEvidence(c.db, object));
  Json rows = Json::array();
  for (const scoring::EvidenceInfo& e : files) {
    if (e.object != object) continue;
    rows.push_back(
        {{"file_id", e.id}, {"file_name", e.file_name}, {"size", e.size}, {"sha256", e.sha256}});
  }
  return JsonResponse({{"object", object}, {"evidence", rows}});
}

// One evidence file's bytes, to whoever may list its object's evidence; a
// file whose bytes no longer match its SHA-256 is not served.
StatusOr<HttpResponse> DownloadEvidence(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["file_id"], "evidence file"));
  ECOCIV_ASSIGN_OR_RETURN(scoring::EvidenceContent file, scoring::ReadAssessmentEvidence(c.db, id));
  ECOCIV_RETURN_IF_ERROR(CheckEvidenceObject(c, file.info.object));
  if (!file.intact) {
    return FailedPreconditionError("evidence file " + std::to_string(id) + " (" +
                                   file.info.file_name + ") no longer matches its SHA-256 " +
                                   file.info.sha256 + "; it is not served (see `ecociv db verify`)");
  }
  std::string type = EvidenceMediaType(file.info.file_name);
  HttpResponse out = Attachment(type.empty() ? "application/octet-stream" : type,
                                std::move(file.content), AttachmentHeader(file.info.file_name));
  out.headers.emplace_back("X-Content-SHA256", file.info.sha256);
  return out;
}

// The subjects of ?scheme= the caller may enter or read values for (the
// forms' choices): the store's units of the scheme's kind, or its people; a
// unit reporter, its own unit (or its unit's people) only.
StatusOr<HttpResponse> Subjects(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(scoring::Scheme scheme, BuiltInScheme(c.Query("scheme")));
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, scoring::StoreSubjects(c.db, scheme));
  Json rows = Json::array();
  for (const scoring::Subject& s : subjects) {
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsSubject(c, scheme.subject_kind, s.id));
    if (own) rows.push_back({{"id", s.id}, {"name", s.name}, {"kind", s.kind}});
  }
  return JsonResponse({{"scheme", scheme.id}, {"subjects", rows}});
}

StatusOr<HttpResponse> People(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto people, scoring::ListPeople(c.db));
  return BodyResponse(scoring::PeopleJson(people));
}

}  // namespace

void RegisterAssessmentEntryRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/assessments/{scheme}/{year}/values", kAnyone, Values);
  routes.Add("POST", "/api/v1/assessments/{scheme}/{year}/values", kEntry, SetValue);
  routes.Add("GET", "/api/v1/assessments/{scheme}/{year}/events", kAnyone, Events);
  routes.Add("POST", "/api/v1/assessments/{scheme}/{year}/events", kReviewers, AddEvent);
  routes.Add("POST", "/api/v1/assessments/events/{id}/withdraw", kReviewers, WithdrawEvent);
  routes.Add("POST", "/api/v1/assessments/evidence", kEvidenceWriters, AddEvidence,
             Upload(kMaxEvidenceBytes, "an evidence file may be at most 8 MiB"));
  routes.Add("GET", "/api/v1/assessments/evidence", kAnyone, ListEvidence);
  routes.Add("GET", "/api/v1/assessments/evidence/{file_id}", kAnyone, DownloadEvidence);
  routes.Add("GET", "/api/v1/assessments/subjects", kAnyone, Subjects);
  routes.Add("GET", "/api/v1/people", kReaders, People);
}

}  // namespace ecociv::server
