// The indicators' state in the store: catalogues, the city profile, units
// (departments, towns, districts, sub-districts), yearly plans, key projects
// with milestones, values per indicator and year with their review workflow
// (draft → submitted → accepted | returned with a reason), and evidence files
// kept in the database with their SHA-256. Every change runs in one
// transaction and appends to the change record (store/change_log.h), so a
// failed call or a bad file leaves the database as it was.
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/indicators/catalogue.h"
#include "ecociv/indicators/verdict.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::indicators {

class EngineFigureSource;  // engine_figures.h

using store::Actor;
using store::Database;

// Stores `catalogue` (replacing one of the same name) and, when `activate`,
// makes it the catalogue the verdict uses.
Status ImportCatalogue(Database* db, const Catalogue& catalogue, bool activate, const Actor& actor);
// The active catalogue; the built-in "national-2019" when none was chosen.
StatusOr<Catalogue> ActiveCatalogue(Database* db);

Status SaveProfile(Database* db, const CityProfile& profile, const Actor& actor);
StatusOr<CityProfile> LoadProfile(Database* db);  // defaults when never saved

// Values. A reported value starts as a draft; an engine value is accepted at
// once (it needs no review) and carries the figures it rests on. Setting a
// value again sends it back to draft. Derived indicators cannot be set.
struct ValueInput {
  int year = 0;
  std::string id;
  std::string value;
  std::string note;
  std::string source = "reported";  // "reported" or "engine"
  std::string inputs;               // engine: the figures, e.g. "good days 301 of 365"
  std::string unit;                 // the entering unit's code
};
Status SetValue(Database* db, const ValueInput& input, const Actor& actor);
// Values from CSV (`year,indicator,value,note,unit`, reported drafts),
// all-or-nothing with "file:line: reason". Returns the rows stored.
StatusOr<int> ImportValues(Database* db, std::string_view csv, const std::string& file_name,
                           const Actor& actor);
// Review steps; illegal transitions are FailedPrecondition naming the state.
Status SubmitValue(Database* db, int year, const std::string& id, const Actor& actor);
Status AcceptValue(Database* db, int year, const std::string& id, const Actor& actor);
Status ReturnValue(Database* db, int year, const std::string& id, const std::string& reason,
                   const Actor& actor);
// values[id][year] of every stored value.
StatusOr<ValueTable> LoadValues(Database* db);
// The latest year with a stored value, else the current year (UTC): the year
// shown when none is asked for.
StatusOr<int> DefaultValueYear(Database* db);

// Evidence: the file's bytes are stored with their SHA-256 (hex, returned).
StatusOr<std::string> AddEvidence(Database* db, int year, const std::string& id,
                                  const std::string& path, const Actor& actor);
StatusOr<std::string> AddEvidenceBytes(Database* db, int year, const std::string& id,
                                       const std::string& file_name, const std::string& bytes,
                                       const Actor& actor);
struct Evidence {
  int64_t id = 0;
  int year = 0;
  std::string indicator, file_name, sha256;
  int64_t size = 0;
  bool intact = false;  // the stored bytes still hash to sha256
};
StatusOr<std::vector<Evidence>> ListEvidence(Database* db);
// One evidence file with its bytes (NotFound for an unknown id). The caller
// decides what to do when it is not `intact`.
struct EvidenceFile {
  Evidence info;
  std::string content;
};
StatusOr<EvidenceFile> ReadEvidence(Database* db, int64_t file_id);

// Units, plan and projects from CSV text (columns in docs/formats.md),
// all-or-nothing: "file:line: reason" and nothing stored on any bad row.
// Rows replace earlier ones with the same key. Return the rows stored.
StatusOr<int> ImportUnits(Database* db, std::string_view csv, const std::string& file_name,
                          const Actor& actor);
StatusOr<int> ImportPlan(Database* db, std::string_view csv, const std::string& file_name,
                         const Actor& actor);
StatusOr<int> ImportProjects(Database* db, std::string_view csv, const std::string& file_name,
                             const Actor& actor);

// One of the tables above ("units", "plan", "projects", "values") from a
// file: CSV (also .gz/.xz) or the first sheet of an .xlsx workbook, all or
// nothing. `shown_name` names the file in errors ("" = `path`). Returns the
// rows stored.
StatusOr<int> ImportTableFile(Database* db, const std::string& table, const std::string& path,
                              const std::string& shown_name, const Actor& actor);

struct Unit {
  std::string code, name, kind, contact, phone, note;
};
StatusOr<std::vector<Unit>> ListUnits(Database* db);
StatusOr<PlanTable> LoadPlan(Database* db, int year);

struct Milestone {
  std::string title, due, done;  // dates YYYY-MM-DD; done empty while open
  bool overdue = false;          // open and due before the reference day
};
struct Project {
  std::string code, name, unit, budget, status;  // budget in 万元, exact decimal text
  int year = 0;
  int progress = 0;  // percent
  std::vector<Milestone> milestones;
  int overdue = 0;
};
// Projects of `year` (all when 0), milestones judged overdue against `today`.
StatusOr<std::vector<Project>> ListProjects(Database* db, int year, const std::string& today);

// A unit's progress report on a key project: the percentage, the status and
// milestones marked done (or reopened with an empty date), by their position
// (1-based, as listed). One transaction with a change-record entry
// "indicators.project.progress" on "project:CODE" naming every change.
struct ProjectUpdate {
  int progress = 0;
  std::string status;                                       // planned|in_progress|done|suspended
  std::vector<std::pair<int, std::string>> milestone_done;  // (position, YYYY-MM-DD or "")
};
Status UpdateProject(Database* db, const std::string& code, const ProjectUpdate& update,
                     const Actor& actor);

// The readiness table of `year` from the store: active catalogue, profile,
// values and the year's plan. An indicator whose source is an engine figure
// takes its value of `year` and of the year before from `engines`
// (engine_figures.h), computed over the store's current data, never from a
// stored copy: stored engine values are ignored; a year the engine has no
// data for falls back to the year's reported value, when one was entered
// (its `value_source` is then "reported"); any other failure makes the row an
// error. `engine_figures` of the result lists every figure of those engines
// for the year.
StatusOr<Readiness> ReadinessForYear(Database* db, int year, EngineFigureSource& engines,
                                     const ApplyRule& rule = {});
// The same with the figures computed from `db` now (StoreEngineFigures).
StatusOr<Readiness> ReadinessForYear(Database* db, int year, const ApplyRule& rule = {});

}  // namespace ecociv::indicators
