// Routes of the demonstration-zone indicators: the readiness table of a year
// and its export, value entry and the review workflow (draft → submitted →
// accepted | returned), and evidence files.
//
// A unit reporter's unit (users.unit) owns an indicator when one of the
// indicator's owners (the year's plan units, else the catalogue's responsible
// unit; ';'-separated) names the unit (NamesOfUnit, UnitOwns): so a reporter
// made with --unit 水务局 or --unit <code of 水务局> owns what 水务局 owns. A
// reporter sees and acts on its own unit's indicators only.
//
// Regions: a year's value of an indicator is one per store (ind_values has
// no region); it belongs to the region of its owner units. A region's user
// (region_scope.h) sees and acts on the reported indicators all of whose
// owners are units of its region, and the air and water engine indicators
// computed over its region's data (its stations as one city, its sections);
// the land-cover and red-line figures, the zone-wide summary and the export
// are the root region's.
#include <cctype>
#include <set>

#include "ecociv/core/message_text.h"
#include "ecociv/core/percent_encoding.h"
#include "ecociv/core/xlsx_writer.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/report.h"
#include "ecociv/store/regions.h"
#include "evidence_files.h"
#include "json_fields.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// The year of the query, else the latest year with a value.
StatusOr<int> QueryYear(const Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, indicators::DefaultValueYear(c.db));
  return YearParameter(c.Query("year"), fallback);
}

// The readiness table of `year`: engine indicators take the figures of the
// data service's snapshot (the same computation as the overview and the
// air and water routes, per data version).
// A region's user gets its region's engine figures.
StatusOr<indicators::Readiness> ReadinessOf(DataService& data, const Call& c, int year) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  std::unique_ptr<indicators::EngineFigureSource> engines;
  if (scope.whole_store()) {
    engines = data.EngineFigures(snap, c.db);
  } else {
    ECOCIV_ASSIGN_OR_RETURN(store::Region region, store::FindRegion(c.db, scope.region()));
    engines = data.RegionEngineFigures(
        snap, {region.code, region.name, scope.Stations(), scope.Sections()});
  }
  return indicators::ReadinessForYear(c.db, year, *engines);
}

// The indicator `id` in the year's readiness table, refused (403) to a
// reporter whose unit does not own it; NotFound when the active catalogue has
// no such indicator. Its owner and source ("reported", "engine", ...).
struct Owned {
  std::string owner, source;
};
// The engine figures computed over a region's own data: air and water (the
// land cover and the red lines are the whole store's).
bool RegionFigure(const std::string& figure) {
  return figure.rfind("air.", 0) == 0 || figure.rfind("water.", 0) == 0;
}
bool InScope(const RegionScope& scope, const indicators::IndicatorResult& r) {
  if (scope.whole_store()) return true;
  const indicators::Indicator& ind = *r.indicator;
  if (ind.source == indicators::Source::kReported) return scope.SeesOwners(r.owner);
  return ind.source == indicators::Source::kEngine && RegionFigure(ind.engine_figure);
}
StatusOr<Owned> OwnedIndicator(DataService& data, const Call& c, const std::string& id, int year) {
  if (!ValidCode(id)) return NotFoundError("no indicator " + QuoteForMessage(id));
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, ReadinessOf(data, c, year));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  for (const auto& r : readiness.results) {
    if (r.indicator->id != id) continue;
    if (!InScope(scope, r)) {
      return scope.Outside("indicator " + id);
    }
    if (c.IsReporter()) {
      ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
      if (!UnitOwns(r.owner, unit)) {
        return Denied("indicator " + id + " belongs to " + r.owner + ", not to " +
                      c.session->user.unit);
      }
    }
    return Owned{r.owner, indicators::SourceName(r.indicator->source)};
  }
  return NotFoundError("no indicator " + QuoteForMessage(id) + " in the active catalogue");
}

// One stored value as the table shows it (null when there is none). An
// engine indicator's stored engine copy is not a value (it is ignored).
Json EntryJson(const indicators::ValueTable& values, const std::string& id, int year,
               bool engine_indicator) {
  auto v = values.find(id);
  if (v == values.end()) return nullptr;
  auto y = v->second.find(year);
  if (y == v->second.end()) return nullptr;
  if (engine_indicator && y->second.source == "engine") return nullptr;
  return {{"value", y->second.text}, {"status", y->second.status},
          {"note", y->second.note},  {"source", y->second.source},
          {"unit", y->second.owner}, {"review_reason", y->second.review_reason}};
}

// The readiness table with each row's stored value, evidence count and what
// the caller may do; a reporter gets its unit's rows and no city summary.
StatusOr<HttpResponse> Indicators(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int year, QueryYear(c));
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, ReadinessOf(data, c, year));
  Json j = Json::parse(indicators::ReadinessJson(readiness));
  ECOCIV_ASSIGN_OR_RETURN(auto values, indicators::LoadValues(c.db));
  ECOCIV_ASSIGN_OR_RETURN(auto evidence, indicators::ListEvidence(c.db));
  std::map<std::string, int> files;
  for (const auto& e : evidence)
    if (e.year == year) ++files[e.indicator];
  const bool reporter = c.IsReporter();
  UnitNames unit;
  if (reporter) {
    ECOCIV_ASSIGN_OR_RETURN(unit, NamesOfUnit(c.db, c.session->user.unit));
  }
  const bool reviewer = RoleIn(kReviewers, c.role());
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  Json out = Json::array();
  for (size_t i = 0; i < readiness.results.size(); ++i) {
    Json& ind = j["indicators"][i];  // the table's rows, in the results' order
    std::string id = ind["id"];
    if (!InScope(scope, readiness.results[i])) continue;
    bool own = reporter && UnitOwns(ind.value("owner", ""), unit);
    if (reporter && !own) continue;
    Json entry = EntryJson(values, id, year, ind.value("source", "") == "engine");
    ind["entry"] = entry;
    ind["evidence_files"] = files[id];
    bool reported = ind.value("source", "") == "reported";
    ind["may_enter"] = reported && (reviewer || own);
    ind["may_review"] = reviewer && entry.is_object() && entry["status"] == "submitted";
    out.push_back(std::move(ind));
  }
  j["indicators"] = out;
  // The city-wide verdict is not a unit's or a region's to see, nor are the
  // whole store's land-cover figures a region's.
  if (reporter || !scope.whole_store()) j["summary"] = nullptr;
  if (!scope.whole_store()) {
    j["engine_figures"] = Scoped(j["engine_figures"], "figure", RegionFigure);
  }
  if (reporter) j["unit"] = c.session->user.unit;
  return JsonResponse(j);
}

// One indicator's page: its row of the year's readiness table (with the stored
// value, evidence count and what the caller may do, as GET /indicators gives
// it), its definition from the catalogue, its history — the readiness row of
// each of the last years (at most 10, and every earlier year with a stored
// value) — and the year's evidence files. A reporter: its own unit's only.
StatusOr<HttpResponse> IndicatorDetail(DataService& data, Call& c) {
  const std::string id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, QueryYear(c));
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, year).status());
  ECOCIV_ASSIGN_OR_RETURN(auto values, indicators::LoadValues(c.db));
  std::set<int> years;
  for (int y = year - 4; y <= year; ++y) years.insert(y);
  if (auto v = values.find(id); v != values.end()) {
    for (const auto& [y, value] : v->second)
      if (y <= year && y > year - 10) years.insert(y);
  }
  Json row, history = Json::array();
  for (int y : years) {
    ECOCIV_ASSIGN_OR_RETURN(auto readiness, ReadinessOf(data, c, y));
    Json table = Json::parse(indicators::ReadinessJson(readiness));
    for (size_t i = 0; i < readiness.results.size(); ++i) {
      const auto& r = readiness.results[i];
      if (r.indicator->id != id) continue;
      Json x = table["indicators"][i];
      x["entry"] = EntryJson(values, id, y, x.value("source", "") == "engine");
      history.push_back({{"year", y},
                         {"value", x["value"]},
                         {"target", x["target"]},
                         {"target_base", x["target_base"]},
                         {"target_rule", x["target_rule"]},
                         {"verdict", x["verdict"]},
                         {"status", x["entry"].is_object() ? x["entry"]["status"] : Json()}});
      if (y == year) {
        const indicators::Indicator& ind = *r.indicator;
        x["definition"] = {{"direction", indicators::DirectionName(ind.direction)},
                           {"formula", ind.formula},
                           {"engine_figure", ind.engine_figure},
                           {"responsible", ind.responsible},
                           {"notes", ind.notes},
                           {"catalogue", table["catalogue"]}};
        row = std::move(x);
      }
    }
  }
  if (row.is_null()) return NotFoundError("no indicator " + QuoteForMessage(id));
  ECOCIV_ASSIGN_OR_RETURN(auto evidence, indicators::ListEvidence(c.db));
  Json files = Json::array();
  for (const auto& e : evidence) {
    if (e.indicator != id || e.year != year) continue;
    files.push_back({{"file_id", e.id},
                     {"file_name", e.file_name},
                     {"size", e.size},
                     {"sha256", e.sha256},
                     {"intact", e.intact}});
  }
  const bool reviewer = RoleIn(kReviewers, c.role());
  const bool reported = row.value("source", "") == "reported";
  row["may_enter"] = reported && (reviewer || c.IsReporter());
  row["may_review"] = reviewer && row["entry"].is_object() && row["entry"]["status"] == "submitted";
  row["evidence_files"] = files;
  row["history"] = history;
  row["year"] = year;
  return JsonResponse(row);
}

StatusOr<HttpResponse> IndicatorsExport(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int year, QueryYear(c));
  std::string format = c.Query("format");
  if (format.empty()) format = "xlsx";
  if (format != "xlsx" && format != "csv") {
    return InvalidArgumentError("format must be xlsx or csv");
  }
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.whole_store()) return scope.Outside("the whole store's readiness table");
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, ReadinessOf(data, c, year));
  std::string disposition =
      "attachment; filename=\"readiness-" + std::to_string(year) + "." + format + "\"";
  if (format == "csv") {
    // With a byte-order mark, so that spreadsheet programs read UTF-8.
    return Attachment("text/csv; charset=utf-8",
                      "\xEF\xBB\xBF" + indicators::ReadinessCsv(readiness), disposition);
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string bytes, indicators::ReadinessWorkbook(readiness).Bytes());
  return Attachment(xlsx::kXlsxMediaType, std::move(bytes), disposition);
}

StatusOr<HttpResponse> SetIndicatorValue(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_ASSIGN_OR_RETURN(std::string value, StringField(c.body, "value", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(std::string note, StringField(c.body, "note", false, 2000));
  if (value.empty()) return InvalidArgumentError("a value is required");
  ECOCIV_ASSIGN_OR_RETURN(Owned owned, OwnedIndicator(data, c, id, year));
  if (owned.source != "reported") {
    return FailedPreconditionError("indicator " + id + " is " + owned.source +
                                   "; only reported indicators are entered");
  }
  indicators::ValueInput input;
  input.year = year;
  input.id = id;
  input.value = value;
  input.note = note;
  if (!c.session->user.unit.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
    input.unit = unit.code;
  }
  ECOCIV_RETURN_IF_ERROR(indicators::SetValue(c.db, input, c.Actor(note)));
  return JsonResponse({{"id", id}, {"year", year}, {"value", value}, {"status", "draft"}}, 201);
}

StatusOr<HttpResponse> SubmitIndicator(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, year).status());
  ECOCIV_RETURN_IF_ERROR(indicators::SubmitValue(c.db, year, id, c.Actor()));
  return JsonResponse({{"id", id}, {"year", year}, {"status", "submitted"}});
}

StatusOr<HttpResponse> ReviewIndicator(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_ASSIGN_OR_RETURN(std::string action, StringField(c.body, "action", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", false, 1000));
  if (action != "accept" && action != "return") {
    return InvalidArgumentError("action must be accept or return");
  }
  if (action == "return" && reason.empty()) {
    return InvalidArgumentError("a reason is required to return a value");
  }
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, year).status());
  if (action == "accept") {
    ECOCIV_RETURN_IF_ERROR(indicators::AcceptValue(c.db, year, id, c.Actor(reason)));
  } else {
    ECOCIV_RETURN_IF_ERROR(indicators::ReturnValue(c.db, year, id, reason, c.Actor(reason)));
  }
  return JsonResponse({{"id", id},
                       {"year", year},
                       {"status", action == "accept" ? "accepted" : "returned"},
                       {"reason", reason}});
}

// The request body is the file; its name and year are query parameters.
StatusOr<HttpResponse> AddEvidence(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearParameter(c.Query("year"), 0));
  if (year == 0) return InvalidArgumentError("year is required");
  std::string name = c.Query("name");
  if (!ValidEvidenceName(name)) {
    return InvalidArgumentError(
        "the file name must be a plain name (no folders, '..' or leading dot) of a document, "
        "image, spreadsheet or archive");
  }
  if (c.request.body.empty()) return InvalidArgumentError("the evidence file is empty");
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, year).status());
  ECOCIV_ASSIGN_OR_RETURN(std::string sha, indicators::AddEvidenceBytes(c.db, year, id, name,
                                                                        c.request.body, c.Actor()));
  return JsonResponse({{"id", id},
                       {"year", year},
                       {"file_name", name},
                       {"size", c.request.body.size()},
                       {"sha256", sha}},
                      201);
}

StatusOr<HttpResponse> ListEvidence(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, QueryYear(c));
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, year).status());
  ECOCIV_ASSIGN_OR_RETURN(auto all, indicators::ListEvidence(c.db));
  Json rows = Json::array();
  for (const auto& e : all) {
    if (e.indicator != id || e.year != year) continue;
    rows.push_back({{"file_id", e.id},
                    {"year", e.year},
                    {"file_name", e.file_name},
                    {"size", e.size},
                    {"sha256", e.sha256},
                    {"intact", e.intact}});
  }
  return JsonResponse({{"id", id}, {"year", year}, {"evidence", rows}});
}

// One evidence file's bytes, for whoever may list the indicator's evidence.
// A file whose bytes no longer match their SHA-256 is not served (409):
// evidence that may have been altered must not reach an auditor as if sound.
StatusOr<HttpResponse> DownloadEvidence(DataService& data, Call& c) {
  const std::string& id = c.params["id"];
  const std::string& file_text = c.params["file_id"];
  ECOCIV_ASSIGN_OR_RETURN(int64_t file_id, PathId(file_text, "evidence file"));
  ECOCIV_ASSIGN_OR_RETURN(indicators::EvidenceFile file, indicators::ReadEvidence(c.db, file_id));
  if (file.info.indicator != id) {
    return NotFoundError("evidence file " + file_text + " does not belong to " + id);
  }
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(data, c, id, file.info.year).status());
  if (!file.info.intact) {
    return FailedPreconditionError("evidence file " + file_text + " (" + file.info.file_name +
                                   ") no longer matches its SHA-256 " + file.info.sha256 +
                                   "; it is not served (see `ecociv db verify`)");
  }
  std::string type = EvidenceMediaType(file.info.file_name);
  HttpResponse out = Attachment(type.empty() ? "application/octet-stream" : type,
                                std::move(file.content), AttachmentHeader(file.info.file_name));
  out.headers.emplace_back("X-Content-SHA256", file.info.sha256);
  return out;
}

}  // namespace

void RegisterIndicatorRoutes(RouteRegistry& routes, ApiContext& ctx) {
  // The data service, looked up per call: the route-listing probe has none.
  auto with_data = [&ctx](StatusOr<HttpResponse> (*handler)(DataService&, Call&)) -> Handler {
    return [&ctx, handler](Call& c) { return handler(*ctx.data, c); };
  };
  routes.Add("GET", "/api/v1/indicators", kAnyone, with_data(Indicators));
  routes.Add("GET", "/api/v1/indicators/export", kReaders, with_data(IndicatorsExport));
  routes.Add("GET", "/api/v1/indicators/{id}", kAnyone, with_data(IndicatorDetail));
  routes.Add("POST", "/api/v1/indicators/{id}/values", kEntry, with_data(SetIndicatorValue));
  routes.Add("POST", "/api/v1/indicators/{id}/submit", kEntry, with_data(SubmitIndicator));
  routes.Add("POST", "/api/v1/indicators/{id}/review", kReviewers, with_data(ReviewIndicator));
  routes.Add("POST", "/api/v1/indicators/{id}/evidence", kEntry, with_data(AddEvidence),
             Upload(kMaxEvidenceBytes, "an evidence file may be at most 8 MiB"));
  routes.Add("GET", "/api/v1/indicators/{id}/evidence", kAnyone, with_data(ListEvidence));
  routes.Add("GET", "/api/v1/indicators/{id}/evidence/{file_id}", kAnyone,
             with_data(DownloadEvidence));
}

}  // namespace ecociv::server
