// Scoring runs in the store: create (score and save a draft), review, approve.
#include "ecociv/scoring/run_store.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "assessment_rows.h"
#include "ecociv/core/message_text.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/provider.h"
#include "ecociv/scoring/indicator_source.h"
#include "ecociv/scoring/run_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"

namespace ecociv::scoring {
namespace {

using store::IntegerOfText;
using store::QueryRows;
using store::RunSql;

constexpr char kRunColumns[] =
    "SELECT id, scheme, year, scheme_sha256, state, coalesce(replaces, ''), record_sha256, "
    "created_by, created_at, reviewed_by, reviewed_at, approved_by, approved_at, "
    "coalesce((SELECT max(n.id) FROM scoring_runs n WHERE n.replaces = scoring_runs.id AND "
    "n.state = 'approved'), 0), region FROM scoring_runs ";

const rows::TableSpec& RunTable() {
  for (const rows::TableSpec& spec : rows::Tables())
    if (std::string_view(spec.table) == "scoring_runs") return spec;
  std::abort();  // rows::Tables() lists every assessment table
}

RunState StateOf(const std::string& name) {
  if (name == "reviewed") return RunState::kReviewed;
  if (name == "approved") return RunState::kApproved;
  if (name == "superseded") return RunState::kSuperseded;
  return RunState::kDraft;
}

RunInfo RunOfRow(const std::vector<std::string>& r) {
  RunInfo info;
  info.id = IntegerOfText(r[0]);
  info.scheme = r[1];
  info.year = static_cast<int>(IntegerOfText(r[2]));
  info.scheme_sha256 = r[3];
  info.state = StateOf(r[4]);
  info.replaces = IntegerOfText(r[5]);
  info.record_sha256 = r[6];
  info.created_by = r[7];
  info.created_at = r[8];
  info.reviewed_by = r[9];
  info.reviewed_at = r[10];
  info.approved_by = r[11];
  info.approved_at = r[12];
  info.replaced_by = IntegerOfText(r[13]);
  info.region = r[14];
  return info;
}

// The digest fields of a run row, in the order of rows::Tables().
std::vector<std::string> Fields(const RunInfo& r) {
  static const rows::TableSpec& spec = RunTable();
  return rows::DigestFields(spec, {std::to_string(r.id),
          r.scheme,
          std::to_string(r.year),
          r.scheme_sha256,
          RunStateName(r.state),
          r.replaces ? std::to_string(r.replaces) : "",
          r.record_sha256,
          r.created_by,
          r.created_at,
          r.reviewed_by,
          r.reviewed_at,
          r.approved_by,
          r.approved_at,
          r.region});
}

StatusOr<RunInfo> FindRun(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, QueryRows(db, std::string(kRunColumns) + "WHERE id = ?", {id}));
  if (found.empty()) return NotFoundError("no scoring run " + std::to_string(id));
  return RunOfRow(found[0]);
}

// Rewrites a run's state columns and its digest, and logs the step.
Status SaveState(Database* db, const RunInfo& run, const std::string& action,
                 const std::string& detail, const Actor& actor) {
  std::string digest = rows::RowDigest(Fields(run));
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE scoring_runs SET state = ?, reviewed_by = ?, "
                                "reviewed_at = ?, approved_by = ?, approved_at = ?, row_sha256 = ? "
                                "WHERE id = ?",
                                {std::string(RunStateName(run.state)), run.reviewed_by,
                                 run.reviewed_at, run.approved_by, run.approved_at, digest,
                                 run.id}));
  return rows::LogRowChange(db, actor, action, "scoring-run:" + std::to_string(run.id), detail, digest);
}

// The codes and names of the units of `region`'s subtree.
StatusOr<std::set<std::string>> RegionUnits(Database* db, const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(std::set<std::string> regions, store::RegionSubtree(db, region));
  ECOCIV_ASSIGN_OR_RETURN(auto units, QueryRows(db, "SELECT code, name, region FROM ind_units", {}));
  std::set<std::string> out;
  for (const auto& u : units) {
    if (!regions.count(u[2])) continue;
    out.insert(u[0]);
    out.insert(u[1]);
  }
  return out;
}

StatusOr<std::vector<Subject>> ChooseSubjects(Database* db, const Scheme& scheme,
                                              const std::vector<std::string>& wanted,
                                              const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Subject> all, RegionSubjects(db, scheme, region));
  if (wanted.empty()) {
    if (scheme.subject_kind == "official") {
      return InvalidArgumentError("scheme " + scheme.id + " audits named people: give the subjects");
    }
    return all;
  }
  std::vector<Subject> chosen;
  for (const std::string& id : wanted) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Subject& s) { return s.id == id; });
    if (it == all.end()) {
      return InvalidArgumentError(
          "unknown subject " + QuoteForMessage(id) + ": not a " + scheme.subject_kind +
          " of scheme " + scheme.id +
          (region == store::kRootRegion ? " in the store" : " in region " + region));
    }
    if (std::find_if(chosen.begin(), chosen.end(), [&](const Subject& s) { return s.id == id; }) !=
        chosen.end()) {
      return InvalidArgumentError("subject " + QuoteForMessage(id) + " named twice");
    }
    chosen.push_back(*it);
  }
  return chosen;
}

// Every responsible unit an indicator names must be a unit of the store (by
// name or code), or an item that counts a subject's indicators would quietly
// miss some: "各镇…" (all towns) is the one collective name.
Status CheckIndicatorOwners(Database* db, const std::vector<indicators::IndicatorFigure>& figures) {
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  std::set<std::string> known;
  for (const auto& u : units) {
    known.insert(u.code);
    known.insert(u.name);
  }
  std::vector<std::string> unknown;
  for (const auto& f : figures) {
    size_t start = 0;
    while (start <= f.owner.size()) {
      size_t end = f.owner.find(';', start);
      if (end == std::string::npos) end = f.owner.size();
      std::string name = f.owner.substr(start, end - start);
      name.erase(0, name.find_first_not_of(' '));
      name.erase(name.find_last_not_of(' ') + 1);
      if (!name.empty() && name.rfind("各镇", 0) != 0 && !known.count(name)) {
        unknown.push_back(f.id + " → " + name);
      }
      start = end + 1;
    }
  }
  if (unknown.empty()) return Status::Ok();
  std::string list;
  for (size_t i = 0; i < unknown.size() && i < 8; ++i) list += (i ? "; " : "") + unknown[i];
  if (unknown.size() > 8) list += "; … (" + std::to_string(unknown.size()) + " in all)";
  return InvalidArgumentError(
      "indicators name responsible units the store does not know (" + list +
      "): import them as units or correct the catalogue, so that no item is dropped by a name");
}

bool NamesIndicators(const Scheme& scheme) {
  return std::any_of(scheme.items.begin(), scheme.items.end(),
                     [](const Item& i) { return !i.indicator.empty(); });
}

Status CheckReplaces(Database* db, const Scheme& scheme, const RunRequest& request) {
  const int64_t replaces = request.replaces;
  if (replaces == 0) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(RunInfo old, FindRun(db, replaces));
  if (old.scheme != scheme.id || old.year != request.year || old.region != request.region) {
    return FailedPreconditionError("run " + std::to_string(replaces) + " is " + old.scheme + " " +
                                   std::to_string(old.year) + " of region " + old.region +
                                   ", not this scheme, year and region");
  }
  if (old.state != RunState::kApproved) {
    return FailedPreconditionError("run " + std::to_string(replaces) + " is " +
                                   RunStateName(old.state) +
                                   ": only the approved run is corrected by a new one");
  }
  return Status::Ok();
}

}  // namespace

const char* RunStateName(RunState state) {
  switch (state) {
    case RunState::kDraft:
      return "draft";
    case RunState::kReviewed:
      return "reviewed";
    case RunState::kApproved:
      return "approved";
    case RunState::kSuperseded:
      return "superseded";
  }
  return "draft";
}

StatusOr<RunInfo> CreateRun(Database* db, const Scheme& scheme, const RunRequest& request,
                            const Actor& actor) {
  if (request.year < 2000 || request.year > 2100) {
    return InvalidArgumentError("year " + std::to_string(request.year) + " is outside 2000–2100");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto subjects,
                          ChooseSubjects(db, scheme, request.subjects, request.region));
  ECOCIV_RETURN_IF_ERROR(CheckReplaces(db, scheme, request));
  ECOCIV_ASSIGN_OR_RETURN(auto entered, LoadAssessmentInputs(db, scheme.id, request.year));
  const ValueSource* source = entered.get();
  std::unique_ptr<IndicatorValueSource> from_indicators;
  if (NamesIndicators(scheme)) {
    ECOCIV_ASSIGN_OR_RETURN(auto figures, indicators::IndicatorFiguresForYear(db, request.year));
    ECOCIV_RETURN_IF_ERROR(CheckIndicatorOwners(db, figures));
    from_indicators =
        std::make_unique<IndicatorValueSource>(std::move(figures), subjects, entered.get());
    source = from_indicators.get();
  }
  ScoringOptions options;
  options.year = request.year;
  ECOCIV_ASSIGN_OR_RETURN(Assessment assessment, ScoreScheme(scheme, subjects, *source, options));
  std::string record = RunRecordJson(assessment);

  RunInfo run;
  run.scheme = scheme.id;
  run.year = request.year;
  run.scheme_sha256 = store::Sha256Hex(scheme.text);
  run.replaces = request.replaces;
  run.region = request.region;
  run.record_sha256 = store::Sha256Hex(record);
  run.created_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  run.created_at = store::UtcNow();
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  // Run ids start at 1: 0 stands for "corrects no run" and is stored as NULL.
  const int64_t replaces = request.replaces;
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO scoring_runs (scheme, year, scheme_sha256, state, "
                                "replaces, record, record_sha256, created_by, created_at, "
                                "reviewed_by, reviewed_at, approved_by, approved_at, row_sha256, "
                                "region) VALUES (?, ?, ?, 'draft', nullif(?, 0), ?, ?, ?, ?, '', "
                                "'', '', '', '', ?)",
                                {run.scheme, int64_t{run.year}, run.scheme_sha256, replaces, record,
                                 run.record_sha256, run.created_by, run.created_at, run.region}));
  run.id = db->LastInsertId();
  std::string digest = rows::RowDigest(Fields(run));
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db, "UPDATE scoring_runs SET row_sha256 = ? WHERE id = ?", {digest, run.id}));
  ECOCIV_RETURN_IF_ERROR(rows::LogRowChange(
      db, actor, "scoring.run", "scoring-run:" + std::to_string(run.id),
      scheme.id + " " + std::to_string(run.year) +
          (run.region == store::kRootRegion ? "" : ", region " + run.region) + ", " +
          std::to_string(subjects.size()) + " subjects, draft" +
          (run.replaces ? ", corrects run " + std::to_string(run.replaces) : ""),
      digest));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return run;
}

Status ReviewRun(Database* db, int64_t id, const Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, FindRun(db, id));
  if (run.state != RunState::kDraft) {
    return FailedPreconditionError("run " + std::to_string(id) + " is " +
                                   RunStateName(run.state) + "; only a draft is reviewed");
  }
  run.state = RunState::kReviewed;
  run.reviewed_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  run.reviewed_at = store::UtcNow();
  ECOCIV_RETURN_IF_ERROR(SaveState(db, run, "scoring.run.review", "reviewed", actor));
  return transaction.Commit();
}

Status ApproveRun(Database* db, int64_t id, const Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, FindRun(db, id));
  if (run.state != RunState::kReviewed) {
    return FailedPreconditionError("run " + std::to_string(id) + " is " +
                                   RunStateName(run.state) + "; only a reviewed run is approved");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::optional<RunInfo> current,
                          ApprovedRun(db, run.scheme, run.year, run.region));
  if (current && current->id != run.replaces) {
    return FailedPreconditionError("run " + std::to_string(current->id) + " is the approved " +
                                   run.scheme + " " + std::to_string(run.year) +
                                   (run.region == store::kRootRegion ? "" : " of region " + run.region) +
                                   "; a correction must name it as the run it replaces");
  }
  if (current) {
    RunInfo old = *current;
    old.state = RunState::kSuperseded;
    ECOCIV_RETURN_IF_ERROR(SaveState(db, old, "scoring.run.supersede",
                                     "superseded by run " + std::to_string(run.id), actor));
  }
  run.state = RunState::kApproved;
  run.approved_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  run.approved_at = store::UtcNow();
  ECOCIV_RETURN_IF_ERROR(SaveState(db, run, "scoring.run.approve", "approved", actor));
  return transaction.Commit();
}

StatusOr<std::vector<RunInfo>> ListRuns(Database* db, const std::string& scheme, int year) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto found, QueryRows(db,
                            std::string(kRunColumns) +
                                "WHERE (? = '' OR scheme = ?) AND (? = 0 OR year = ?) ORDER BY id "
                                "DESC",
                            {scheme, scheme, int64_t{year}, int64_t{year}}));
  std::vector<RunInfo> out;
  for (auto& r : found) out.push_back(RunOfRow(r));
  return out;
}

StatusOr<SavedRun> LoadRun(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(RunInfo info, FindRun(db, id));
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          QueryRows(db, "SELECT record FROM scoring_runs WHERE id = ?", {id}));
  return SavedRun{info, found.at(0).at(0)};
}

StatusOr<std::optional<RunInfo>> ApprovedRun(Database* db, const std::string& scheme, int year,
                                             const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto found, QueryRows(db,
                            std::string(kRunColumns) +
                                "WHERE scheme = ? AND year = ? AND region = ? AND state = "
                                "'approved' ORDER BY id DESC",
                            {scheme, int64_t{year}, region}));
  if (found.empty()) return std::optional<RunInfo>();
  return std::optional<RunInfo>(RunOfRow(found[0]));
}

}  // namespace ecociv::scoring

namespace ecociv::scoring {

StatusOr<std::vector<Subject>> RegionSubjects(Database* db, const Scheme& scheme,
                                              const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Subject> all, StoreSubjects(db, scheme));
  if (region == store::kRootRegion) return all;
  ECOCIV_ASSIGN_OR_RETURN(std::set<std::string> units, RegionUnits(db, region));
  std::map<std::string, std::string> unit_of;  // person → unit
  if (scheme.subject_kind == "official") {
    ECOCIV_ASSIGN_OR_RETURN(auto people, ListPeople(db));
    for (const Person& p : people) unit_of[p.id] = p.unit;
  }
  std::erase_if(all, [&](const Subject& s) {
    auto person = unit_of.find(s.id);
    return !units.count(person == unit_of.end() ? s.id : person->second);
  });
  if (all.empty()) {
    return FailedPreconditionError("no " + scheme.subject_kind + " of scheme " + scheme.id +
                                   " in region " + region);
  }
  return all;
}

}  // namespace ecociv::scoring
