// People (leaders with a unit and a tenure) and the subjects of a scheme,
// from the store.
#include <algorithm>
#include <set>

#include "assessment_rows.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/csv_columns.h"
#include "ecociv/core/message_text.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/store/sql.h"

namespace ecociv::scoring {
namespace {

using store::QueryRows;
using store::RunSql;

// The kinds of ind_units a scheme's subject_kind covers.
std::set<std::string> UnitKindsOf(const std::string& subject_kind) {
  if (subject_kind == "town") return {"town", "subdistrict", "district"};
  if (subject_kind == "department") return {"department"};
  return {};
}

Status CheckPerson(const Person& p, const std::set<std::string>& units) {
  if (p.id.empty() || p.id.size() > 64) return InvalidArgumentError("person id empty or too long");
  if (p.name.empty()) return InvalidArgumentError("person " + p.id + ": empty name");
  if (!units.count(p.unit)) {
    return InvalidArgumentError("person " + p.id + ": unit " + QuoteForMessage(p.unit) +
                                " is not a unit in the store (ecociv indicators units import)");
  }
  if (!IsIsoDate(p.tenure_start)) {
    return InvalidArgumentError("person " + p.id + ": tenure_start " +
                                QuoteForMessage(p.tenure_start) + " is not a date YYYY-MM-DD");
  }
  if (!p.tenure_end.empty() && (!IsIsoDate(p.tenure_end) || p.tenure_end < p.tenure_start)) {
    return InvalidArgumentError("person " + p.id + ": tenure_end " + QuoteForMessage(p.tenure_end) +
                                " is not a date on or after the start");
  }
  return Status::Ok();
}

std::vector<std::string> Fields(const Person& p) {
  return {p.id, p.name, p.unit, p.post, p.tenure_start, p.tenure_end};
}

}  // namespace

StatusOr<int> ImportPeople(Database* db, std::string_view csv, const std::string& file_name,
                           const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, ReadCsvColumns(csv, file_name,
                                {"person", "name", "unit", "post", "tenure_start", "tenure_end"}));
  ECOCIV_ASSIGN_OR_RETURN(auto unit_list, indicators::ListUnits(db));
  std::set<std::string> units;
  for (const auto& u : unit_list) units.insert(u.code);
  std::vector<Person> people;
  std::set<std::string> seen;
  for (const CsvRow& r : rows) {
    Person p{r.fields[0], r.fields[1], r.fields[2], r.fields[3], r.fields[4], r.fields[5]};
    std::string where = file_name + ":" + std::to_string(r.line) + ": ";
    Status ok = CheckPerson(p, units);
    if (!ok.ok()) return InvalidArgumentError(where + ok.message());
    if (!seen.insert(p.id).second) return InvalidArgumentError(where + "second row for " + p.id);
    people.push_back(std::move(p));
  }
  if (people.empty()) return InvalidArgumentError(file_name + ": no people");
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const Person& p : people) {
    std::string digest = rows::RowDigest(Fields(p));
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT OR REPLACE INTO people (id, name, unit, post, "
                                  "tenure_start, tenure_end, row_sha256) VALUES (?, ?, ?, ?, ?, "
                                  "?, ?)",
                                  {p.id, p.name, p.unit, p.post, p.tenure_start, p.tenure_end,
                                   digest}));
    ECOCIV_RETURN_IF_ERROR(rows::LogRowChange(
        db, actor, "assessment.person", "person:" + p.id,
        p.name + " (" + p.post + ", " + p.unit + ") " + p.tenure_start + " – " + p.tenure_end,
        digest));
  }
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(people.size());
}

StatusOr<std::vector<Person>> ListPeople(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, QueryRows(db,
                                                "SELECT id, name, unit, post, tenure_start, "
                                                "tenure_end FROM people ORDER BY id",
                                                {}));
  std::vector<Person> out;
  for (auto& r : found) out.push_back({r[0], r[1], r[2], r[3], r[4], r[5]});
  return out;
}

StatusOr<std::optional<Person>> FindPerson(Database* db, const std::string& id) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, QueryRows(db,
                                                "SELECT id, name, unit, post, tenure_start, "
                                                "tenure_end FROM people WHERE id = ?",
                                                {id}));
  if (found.empty()) return std::optional<Person>();
  auto& r = found[0];
  return std::optional<Person>(Person{r[0], r[1], r[2], r[3], r[4], r[5]});
}

StatusOr<std::vector<Subject>> StoreSubjects(Database* db, const Scheme& scheme) {
  std::vector<Subject> subjects;
  if (scheme.subject_kind == "official") {
    ECOCIV_ASSIGN_OR_RETURN(auto people, ListPeople(db));
    for (const Person& p : people) subjects.push_back({p.id, p.name, "official"});
  } else {
    std::set<std::string> kinds = UnitKindsOf(scheme.subject_kind);
    if (kinds.empty()) {
      return InvalidArgumentError("scheme " + scheme.id + ": subjects of kind '" +
                                  scheme.subject_kind + "' are not kept in the store");
    }
    ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
    for (const auto& u : units) {
      if (kinds.count(u.kind)) subjects.push_back({u.code, u.name, scheme.subject_kind});
    }
  }
  if (subjects.empty()) {
    return FailedPreconditionError("no " + scheme.subject_kind + " in the store for scheme " +
                                   scheme.id + " (import units or people first)");
  }
  std::sort(subjects.begin(), subjects.end(),
            [](const Subject& a, const Subject& b) { return a.id < b.id; });
  return subjects;
}

}  // namespace ecociv::scoring
