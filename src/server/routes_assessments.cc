// Routes of the assessments' runs and results: the built-in schemes, saved
// runs (score, review, approve), the ranking table of a scheme and year, and
// report cards (JSON and xlsx). Who sees which run and card:
// assessment_access.h. The figures are shaped by the library (scoring/card.h),
// the same as `ecociv scoring card` and `ecociv scoring ranking` print.
#include "assessment_access.h"
#include "ecociv/core/xlsx_writer.h"
#include "ecociv/scoring/assessment_lists.h"
#include "ecociv/scoring/saved_cards.h"
#include "evidence_files.h"
#include "json_fields.h"
#include "region_scope.h"

namespace ecociv::server {
namespace {

using scoring::RunInfo;
using scoring::RunState;

Json SchemeJson(const scoring::Scheme& s) {
  Json grades = Json::array();
  for (const scoring::Grade& g : s.grades) {
    grades.push_back({{"name", g.name},
                      {"name_en", g.name_en},
                      {"min_score", scoring::PrintFigure(g.min_score, s.print_decimals)},
                      {"max_rank", g.max_rank}});
  }
  Json items = Json::array();
  for (const scoring::Item& i : s.items) {
    items.push_back({{"id", i.id},
                     {"group", i.group},
                     {"name", i.name},
                     {"name_en", i.name_en},
                     {"unit", i.unit},
                     {"rule", scoring::RuleKindName(i.rule)},
                     {"basis", i.basis == scoring::Basis::kChange ? "change" : "level"},
                     {"points", scoring::FormatPoints(s, i.points)}});
  }
  // The events analysts record: deductions, bonuses and vetoes, by id.
  Json events = Json::array();
  for (const scoring::Deduction& d : s.deductions) {
    events.push_back({{"id", d.id},
                      {"kind", "deduction"},
                      {"name", d.name},
                      {"name_en", d.name_en},
                      {"per_event", scoring::FormatPoints(s, d.per_event)},
                      {"cap", scoring::FormatPoints(s, d.cap)}});
  }
  for (const scoring::Bonus& b : s.bonuses) {
    events.push_back({{"id", b.id},
                      {"kind", "bonus"},
                      {"name", b.name},
                      {"name_en", b.name_en},
                      {"per_event", scoring::FormatPoints(s, b.per_event)},
                      {"cap", scoring::FormatPoints(s, b.cap)}});
  }
  for (const scoring::Veto& v : s.vetoes) {
    events.push_back(
        {{"id", v.id}, {"kind", "veto"}, {"name", v.name}, {"name_en", v.name_en}});
  }
  return {{"id", s.id},
          {"name", s.name},
          {"name_en", s.name_en},
          {"subject_kind", s.subject_kind},
          {"period", s.period},
          {"status", s.status},
          {"total", scoring::FormatPoints(s, s.total)},
          {"grades", grades},
          {"items", items},
          {"events", events}};
}

StatusOr<HttpResponse> Schemes(Call&) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> names, scoring::ListSchemes(""));
  Json out = Json::array();
  for (const std::string& name : names) {
    ECOCIV_ASSIGN_OR_RETURN(scoring::Scheme s, scoring::LoadScheme(name, ""));
    out.push_back(SchemeJson(s));
  }
  return JsonResponse({{"schemes", out}});
}

// A scheme id from a path or query: the id of a built-in scheme or of a
// scheme a run was saved with (never a file to load).
StatusOr<std::string> SchemeId(const std::string& text) {
  if (!ValidCode(text)) return NotFoundError("no scheme '" + text + "'");
  return text;
}

// The runs of the query's scheme and year the caller may see, newest first.
StatusOr<HttpResponse> Runs(Call& c) {
  std::string scheme = c.Query("scheme");
  if (!scheme.empty()) ECOCIV_RETURN_IF_ERROR(SchemeId(scheme).status());
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.Query("year"), 0));
  ECOCIV_ASSIGN_OR_RETURN(auto runs, scoring::ListRuns(c.db, scheme, year));
  std::vector<RunInfo> visible;
  for (const RunInfo& r : runs) {
    ECOCIV_ASSIGN_OR_RETURN(bool may, MaySeeRun(c, r));
    if (may) visible.push_back(r);
  }
  return BodyResponse(scoring::RunsJson(visible));
}

// A run ranks its region's subjects: it is made, reviewed and approved by
// the users of that region or of a region above it, not by those of a
// region below (who read their own rows of it).
Status CheckRunRegion(const Call& c, const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (scope.SeesRegion(region)) return Status::Ok();
  return scope.Outside("an assessment run of region " + region +
                       " (it ranks the subjects of that whole region)");
}

// The region of a new run: the body's `region`, else the caller's own.
StatusOr<std::string> NewRunRegion(const Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!c.body.contains("region") || c.body["region"].is_null()) return scope.region();
  ECOCIV_ASSIGN_OR_RETURN(std::string region, StringField(c.body, "region", true, 6));
  ECOCIV_RETURN_IF_ERROR(CheckRunRegion(c, region));
  return region;
}

// {scheme, year, region?, subjects?: [id...], replaces?: run} → 201 {run, ranking}.
StatusOr<HttpResponse> CreateRun(Call& c) {
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  ECOCIV_ASSIGN_OR_RETURN(std::string id, StringField(c.body, "scheme", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(scoring::Scheme scheme, BuiltInScheme(id));
  scoring::RunRequest request;
  ECOCIV_ASSIGN_OR_RETURN(request.region, NewRunRegion(c));
  ECOCIV_ASSIGN_OR_RETURN(request.year, YearField(c.body));
  if (c.body.contains("subjects") && !c.body["subjects"].is_null()) {
    const Json& list = c.body["subjects"];
    if (!list.is_array() || list.size() > 1000) {
      return InvalidArgumentError("subjects must be an array of subject ids (at most 1000)");
    }
    for (const Json& s : list) {
      if (!s.is_string()) return InvalidArgumentError("subjects: each subject id is a string");
      request.subjects.push_back(s.get<std::string>());
    }
  }
  if (c.body.contains("replaces") && !c.body["replaces"].is_null()) {
    if (!c.body["replaces"].is_number_integer() || c.body["replaces"].get<int64_t>() < 1) {
      return InvalidArgumentError("replaces must be the id of the approved run it corrects");
    }
    request.replaces = c.body["replaces"].get<int64_t>();
  }
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, scoring::CreateRun(c.db, scheme, request, c.Actor()));
  ECOCIV_ASSIGN_OR_RETURN(scoring::Ranking ranking, scoring::SavedRanking(c.db, run.id));
  return JsonResponse({{"run", Json::parse(scoring::RunsJson({run}))["runs"][0]},
                       {"ranking", Json::parse(scoring::RankingJson(ranking))}},
                      201);
}

StatusOr<HttpResponse> MoveRun(Call& c, bool approve) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "run"));
  ECOCIV_ASSIGN_OR_RETURN(RunInfo visible, VisibleRun(c, id));
  ECOCIV_RETURN_IF_ERROR(CheckRunRegion(c, visible.region));
  if (approve) {
    ECOCIV_RETURN_IF_ERROR(scoring::ApproveRun(c.db, id, c.Actor()));
  } else {
    ECOCIV_RETURN_IF_ERROR(scoring::ReviewRun(c.db, id, c.Actor()));
  }
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, VisibleRun(c, id));
  return JsonResponse(Json::parse(scoring::RunsJson({run}))["runs"][0]);
}

// The approved run a ranking of (scheme, year) for `region` is read from:
// the region's own, else that of the nearest region above it that has one
// (whose rows of the region's subjects are shown).
StatusOr<int64_t> ApprovedRankingRun(Call& c, const std::string& scheme, int year,
                                     const std::string& region, const RegionScope& scope) {
  std::vector<std::string> candidates = {region};
  if (region == scope.region()) {
    candidates.insert(candidates.end(), scope.above().begin(), scope.above().end());
  }
  for (const std::string& r : candidates) {
    ECOCIV_ASSIGN_OR_RETURN(std::optional<RunInfo> run, scoring::ApprovedRun(c.db, scheme, year, r));
    if (run) return run->id;
  }
  return scoring::ApprovedRunId(c.db, scheme, year, region);  // NotFound naming the region
}

// The run a ranking of the path's scheme and year is read from: ?run=ID
// (which must be of that scheme and year, and visible), else the approved
// run of ?region= (a region of the caller's subtree; the caller's own when
// not given).
StatusOr<int64_t> RankingRun(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string scheme, SchemeId(c.params["scheme"]));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.params["year"], 0));
  std::string run_text = c.Query("run");
  if (run_text.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
    std::string region = c.Query("region");
    if (region.empty()) region = scope.region();
    if (!scope.SeesRegion(region)) return scope.Outside("region " + region);
    return ApprovedRankingRun(c, scheme, year, region, scope);
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(run_text, "run"));
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, VisibleRun(c, id));
  if (run.scheme != scheme || run.year != year) {
    return NotFoundError("run " + run_text + " is " + run.scheme + " " + std::to_string(run.year) +
                         ", not " + scheme + " " + std::to_string(year));
  }
  return id;
}

// A region's user reads the rows of its region's subjects (a unit of the
// region, or a person of one) with the ranks the run gave them among all.
StatusOr<HttpResponse> RankingOf(Call& c, bool xlsx) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, RankingRun(c));
  ECOCIV_ASSIGN_OR_RETURN(scoring::Ranking ranking, scoring::SavedRanking(c.db, run));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.whole_store()) {
    std::erase_if(ranking.rows, [&](const scoring::RankingRow& row) {
      return !scope.SeesUnit(row.person ? row.person->unit : row.subject.id);
    });
  }
  if (!xlsx) return BodyResponse(scoring::RankingJson(ranking));
  ECOCIV_ASSIGN_OR_RETURN(std::string bytes, scoring::RankingXlsx(ranking));
  return Attachment(xlsx::kXlsxMediaType, std::move(bytes),
                    "attachment; filename=\"ranking-" + ranking.scheme.id + "-" +
                        std::to_string(ranking.year) + "-run" + std::to_string(run) + ".xlsx\"");
}

// The subjects a saved run judged, as its record lists them (the cards
// themselves are recomputed when read). Their kind is the scheme's
// subject_kind.
StatusOr<std::vector<scoring::Subject>> RunSubjects(Call& c, const RunInfo& run) {
  ECOCIV_ASSIGN_OR_RETURN(scoring::SavedRun saved, scoring::LoadRun(c.db, run.id));
  return scoring::RecordSubjects(saved.record, "run " + std::to_string(run.id));
}

// A run with the subjects whose cards the caller may read.
StatusOr<Json> CardSubjects(Call& c, const RunInfo& run) {
  ECOCIV_ASSIGN_OR_RETURN(auto listed, RunSubjects(c, run));
  Json subjects = Json::array();
  for (const scoring::Subject& s : listed) {
    ECOCIV_ASSIGN_OR_RETURN(bool own, OwnsSubject(c, s.kind, s.id));
    if (own) subjects.push_back({{"id", s.id}, {"name", s.name}});
  }
  auto scheme = BuiltInScheme(run.scheme);  // a scheme of the command line: its id
  return Json{{"run", run.id},
              {"scheme", run.scheme},
              {"scheme_name", scheme.ok() ? scheme->name : run.scheme},
              {"scheme_name_en", scheme.ok() ? scheme->name_en : run.scheme},
              {"year", run.year},
              {"region", run.region},
              {"state", scoring::RunStateName(run.state)},
              {"subjects", subjects}};
}

// The approved runs (of the query's scheme and year) with the subjects whose
// cards the caller may read: a unit reporter, its own unit's.
StatusOr<HttpResponse> Cards(Call& c) {
  std::string scheme = c.Query("scheme");
  if (!scheme.empty()) ECOCIV_RETURN_IF_ERROR(SchemeId(scheme).status());
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.Query("year"), 0));
  ECOCIV_ASSIGN_OR_RETURN(auto runs, scoring::ListRuns(c.db, scheme, year));
  Json out = Json::array();
  for (const RunInfo& r : runs) {
    if (r.state != RunState::kApproved) continue;
    ECOCIV_ASSIGN_OR_RETURN(Json entry, CardSubjects(c, r));
    if (!entry["subjects"].empty()) out.push_back(std::move(entry));
  }
  return JsonResponse({{"runs", out}});
}

StatusOr<HttpResponse> CardOf(Call& c, bool xlsx) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "run"));
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, VisibleRun(c, id));
  const std::string& subject = c.params["subject"];
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (c.IsReporter() || !scope.whole_store()) {
    ECOCIV_ASSIGN_OR_RETURN(auto listed, RunSubjects(c, run));
    std::string kind = listed.empty() ? "" : listed.front().kind;
    ECOCIV_RETURN_IF_ERROR(CheckOwnsSubject(c, kind, subject));
  }
  ECOCIV_ASSIGN_OR_RETURN(scoring::Card card, scoring::SavedCard(c.db, id, subject));
  if (!xlsx) return BodyResponse(scoring::CardJson(card));
  ECOCIV_ASSIGN_OR_RETURN(std::string bytes, scoring::CardXlsx(card));
  std::string name =
      "card-" + run.scheme + "-" + std::to_string(run.year) + "-" + subject + ".xlsx";
  return Attachment(xlsx::kXlsxMediaType, std::move(bytes), AttachmentHeader(name));
}

}  // namespace

void RegisterAssessmentRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/assessments/schemes", kAnyone, Schemes);
  routes.Add("GET", "/api/v1/assessments/runs", kReaders, Runs);
  routes.Add("POST", "/api/v1/assessments/runs", kReviewers, CreateRun);
  routes.Add("POST", "/api/v1/assessments/runs/{id}/review", kReviewers,
             [](Call& c) { return MoveRun(c, false); });
  routes.Add("POST", "/api/v1/assessments/runs/{id}/approve", kApprovers,
             [](Call& c) { return MoveRun(c, true); });
  routes.Add("GET", "/api/v1/assessments/{scheme}/{year}/ranking", kReaders,
             [](Call& c) { return RankingOf(c, false); });
  routes.Add("GET", "/api/v1/assessments/{scheme}/{year}/ranking/xlsx", kReaders,
             [](Call& c) { return RankingOf(c, true); });
  routes.Add("GET", "/api/v1/assessments/cards", kAnyone, Cards);
  routes.Add("GET", "/api/v1/assessments/runs/{id}/cards/{subject}", kAnyone,
             [](Call& c) { return CardOf(c, false); });
  routes.Add("GET", "/api/v1/assessments/runs/{id}/cards/{subject}/xlsx", kAnyone,
             [](Call& c) { return CardOf(c, true); });
}

}  // namespace ecociv::server
