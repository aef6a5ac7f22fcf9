// The double assessment in the store: who is assessed, and what was entered
// for a scheme and year.
//
// Subjects are the store's units (ind_units: towns, sub-districts and
// districts for a "town" scheme, departments for a "department" scheme) and
// people (a leader with a unit, a post and a tenure) for an "official" scheme,
// always by id. Values (per subject and item; an item's tenure start and end
// for a "tenure" scheme) are entered by the responsible unit on the web or
// imported from CSV; deductions, bonuses and vetoes are events entered by
// analysts with a date, a count and a reason, and are withdrawn (never
// deleted) with a reason. Evidence files are kept with their SHA-256.
//
// Every function checks what it is given against the scheme and the store:
// an unknown subject, item or event id, a bad number, a manual score outside
// its range or without its justification, a date outside the year is an
// InvalidArgument naming it (with file:line for an import), and nothing is
// stored. Each change is one transaction with its change-record entry, whose
// payload is the written row's digest (row_sha256), so `db verify` catches a
// row edited outside the program (VerifyAssessments).
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/inputs.h"
#include "ecociv/scoring/scheme.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::scoring {

using store::Actor;
using store::Database;

// A leader whose record the "official" schemes (report card, departure
// audit) judge. Dates are YYYY-MM-DD; tenure_end is empty while in office.
struct Person {
  std::string id;    // e.g. "P-T06-2021"
  std::string name;  // e.g. "王某某"
  std::string unit;  // the unit's code in ind_units
  std::string post;  // e.g. "镇长"
  std::string tenure_start;
  std::string tenure_end;
};

// People from CSV `person,name,unit,post,tenure_start,tenure_end`, all or
// nothing; a row replaces the person with the same id. The unit must exist.
StatusOr<int> ImportPeople(Database* db, std::string_view csv, const std::string& file_name,
                           const Actor& actor);
StatusOr<std::vector<Person>> ListPeople(Database* db);
StatusOr<std::optional<Person>> FindPerson(Database* db, const std::string& id);

// The subjects `scheme` judges, from the store, ordered by id: the units of
// its kind, or every person for an "official" scheme. FailedPrecondition when
// there are none (import units or people first).
StatusOr<std::vector<Subject>> StoreSubjects(Database* db, const Scheme& scheme);

// A value of one item for one subject.
struct AssessmentValue {
  std::string scheme;  // scheme id
  int year = 0;
  std::string subject;
  std::string item;
  ValuePoint point = ValuePoint::kYear;  // kTenureStart / kTenureEnd for "tenure" schemes
  std::string value;                     // exact decimal text, e.g. "85.20"
  std::string note;                      // a manual item's justification
  std::string origin;                    // "web" or "values.csv:12"
  std::string entered_by, entered_at;    // filled by the store
};
Status SetAssessmentValue(Database* db, const Scheme& scheme, const AssessmentValue& value,
                          const Actor& actor);
// `subject,item,value[,note]` (item@start / item@end for tenure schemes).
StatusOr<int> ImportAssessmentValues(Database* db, const Scheme& scheme, int year,
                                     std::string_view csv, const std::string& file_name,
                                     const Actor& actor);
// The values of (scheme, year), of one subject when `subject` is not empty.
StatusOr<std::vector<AssessmentValue>> ListAssessmentValues(Database* db, const std::string& scheme,
                                                            int year,
                                                            const std::string& subject = "");

// A deduction, bonus or veto event.
struct AssessmentEvent {
  int64_t id = 0;  // filled by the store
  std::string scheme;
  int year = 0;
  std::string subject;
  std::string item;  // the deduction, bonus or veto id
  std::string date;  // YYYY-MM-DD, within the year for a "year" scheme
  int64_t count = 1;
  std::string reason;                  // required
  std::string origin;                  // "web" or "events.csv:7"
  std::string withdrawn;               // the reason it was withdrawn; empty while it stands
  std::string entered_by, entered_at;  // filled by the store
};
StatusOr<int64_t> AddAssessmentEvent(Database* db, const Scheme& scheme,
                                     const AssessmentEvent& event, const Actor& actor);
// Withdrawn events stay listed but no longer count. NotFound for an unknown
// id, FailedPrecondition when already withdrawn.
Status WithdrawAssessmentEvent(Database* db, int64_t id, const std::string& reason,
                               const Actor& actor);
// `subject,item,date,count,note` (the note is the reason).
StatusOr<int> ImportAssessmentEvents(Database* db, const Scheme& scheme, int year,
                                     std::string_view csv, const std::string& file_name,
                                     const Actor& actor);
StatusOr<std::vector<AssessmentEvent>> ListAssessmentEvents(Database* db,
                                                            const std::string& scheme, int year,
                                                            const std::string& subject = "");

// Evidence for an entry: `object` names it as the change record does —
// ValueObject(...), "event:<id>" or "finding:<id>" — and must exist.
// Returns the file's SHA-256 (hex).
StatusOr<std::string> AddAssessmentEvidence(Database* db, const std::string& object,
                                            const std::string& file_name,
                                            const std::string& bytes, const Actor& actor);
struct EvidenceInfo {
  int64_t id = 0;
  std::string object, file_name, sha256;
  int64_t size = 0;
};
StatusOr<std::vector<EvidenceInfo>> ListAssessmentEvidence(Database* db,
                                                           const std::string& object_prefix);
// One evidence file with its bytes; `intact` is false when the bytes no
// longer match the SHA-256 taken when it was added. NotFound for an unknown id.
struct EvidenceContent {
  EvidenceInfo info;
  std::string content;
  bool intact = false;
};
StatusOr<EvidenceContent> ReadAssessmentEvidence(Database* db, int64_t id);
// "value:<scheme>/<year>/<subject>/<item>/<year|start|end>".
std::string ValueObject(const std::string& scheme, int year, const std::string& subject,
                        const std::string& item, ValuePoint point);

// Everything entered for (scheme, year) as the engine's ValueSource: the
// values and the events that stand, each with its origin.
StatusOr<std::unique_ptr<CsvValueSource>> LoadAssessmentInputs(Database* db,
                                                               const std::string& scheme, int year);

// The imports above from a file: CSV (also .gz / .xz) or the first sheet of
// an .xlsx workbook. `shown_name` names the file in errors and origins ("" =
// the path's file name).
StatusOr<int> ImportPeopleFile(Database* db, const std::string& path,
                               const std::string& shown_name, const Actor& actor);
StatusOr<int> ImportAssessmentValuesFile(Database* db, const Scheme& scheme, int year,
                                         const std::string& path, const std::string& shown_name,
                                         const Actor& actor);
StatusOr<int> ImportAssessmentEventsFile(Database* db, const Scheme& scheme, int year,
                                         const std::string& path, const std::string& shown_name,
                                         const Actor& actor);

// Rows of people, values, events, runs and findings whose content no longer
// matches the digest recorded with their last change (one line each).
StatusOr<std::vector<std::string>> VerifyAssessments(Database* db);

}  // namespace ecociv::scoring
