// Official documents made on the web (report/make_document.h): the committee
// office's analysts and the administrators choose a kind and a period and get
// a draft, its HTML and PDF stored as the command line's `report ... --save`
// stores them (report/publishing.h); the leaders then approve and publish it
// (routes_documents.cc). The HTML of any stored document for the logged-in,
// and the schedule of periodic documents: what is due and how far each is.
// A document is of a region (routes_documents.cc): a region's user makes the
// documents of its subtree's regions (its own by default) and sees no
// schedule, whose periodic documents are the whole store's.
#include <ctime>

#include "ecociv/report/make_document.h"
#include "ecociv/report/pdf.h"
#include "ecociv/report/publishing.h"
#include "ecociv/report/schedule.h"
#include "ecociv/server/report_scheduler.h"
#include "evidence_files.h"
#include "json_fields.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

StatusOr<int64_t> ReplacesField(const Json& body) {
  if (!body.contains("replaces") || body["replaces"].is_null()) return int64_t{0};
  if (!body["replaces"].is_number_integer() || body["replaces"].get<int64_t>() < 0) {
    return InvalidArgumentError("replaces: the id of the published document this corrects");
  }
  return body["replaces"].get<int64_t>();
}

StatusOr<HttpResponse> Make(Call& c, const ApiContext& ctx) {
  report::DocumentRequest request;
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_ASSIGN_OR_RETURN(request.region, StringField(c.body, "region", false, 6));
  if (request.region.empty()) request.region = scope.region();
  if (!scope.SeesRegion(request.region)) return scope.Outside("region " + request.region);
  ECOCIV_ASSIGN_OR_RETURN(request.kind, StringField(c.body, "kind", true, 40));
  ECOCIV_ASSIGN_OR_RETURN(request.period, StringField(c.body, "period", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string lang, StringField(c.body, "lang", false, 4));
  ECOCIV_ASSIGN_OR_RETURN(request.options.lang, report::ParseLang(lang.empty() ? "zh" : lang));
  ECOCIV_ASSIGN_OR_RETURN(request.options.issuer, StringField(c.body, "issuer", false, 200));
  ECOCIV_ASSIGN_OR_RETURN(request.options.number, StringField(c.body, "number", false, 100));
  ECOCIV_ASSIGN_OR_RETURN(request.options.date, StringField(c.body, "date", false, 10));
  ECOCIV_ASSIGN_OR_RETURN(std::string why, StringField(c.body, "why", false, 500));
  ECOCIV_ASSIGN_OR_RETURN(int64_t replaces, ReplacesField(c.body));
  request.standards_dir = ctx.options.standards_dir;
  ECOCIV_ASSIGN_OR_RETURN(report::Document document, report::MakePeriodicDocument(c.db, request));
  const std::string html = report::DocumentHtml(document);
  // One browser at a time, shared with the schedule's thread (report_scheduler.h).
  StatusOr<std::string> pdf = RenderPdfOneAtATime(html);
  if (!pdf.ok()) return pdf.status();
  ECOCIV_ASSIGN_OR_RETURN(
      report::StoredDocument saved,
      report::SaveDraft(c.db, document, request.period, html, *pdf, replaces, c.Actor(why)));
  HttpResponse r = BodyResponse(report::StoredDocumentJson(saved));
  r.status = 201;
  return r;
}

StatusOr<HttpResponse> Html(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "document"));
  ECOCIV_RETURN_IF_ERROR(CheckDocumentRegion(c, id));
  ECOCIV_ASSIGN_OR_RETURN(std::string html, report::DocumentFile(c.db, id, "html", false));
  return Attachment("text/html; charset=utf-8", std::move(html),
                    AttachmentHeader("document-" + std::to_string(id) + ".html"));
}

// The periods due by today (Beijing time) with their state, as
// `ecociv report schedule` lists them, and whether this server drafts them.
StatusOr<HttpResponse> Schedule(Call& c, const ApiContext& ctx) {
  ECOCIV_ASSIGN_OR_RETURN(bool whole, SeesWholeStore(c));
  if (!whole) {
    return JsonResponse(
        {{"periods", Json::array()}, {"draft_every_seconds", ctx.options.draft_every_seconds}});
  }
  ECOCIV_ASSIGN_OR_RETURN(report::ScheduleConfig config,
                          report::LoadScheduleConfig(ctx.options.schedule_file,
                                                      ctx.options.holidays_dir));
  ECOCIV_ASSIGN_OR_RETURN(auto periods,
                          report::ScheduleStatus(c.db, config, report::TodayInBeijing(),
                                                 static_cast<int64_t>(std::time(nullptr))));
  Json rows = Json::array();
  for (const report::ScheduledPeriod& p : periods) rows.push_back(report::PeriodJson(p));
  return JsonResponse(
      {{"periods", rows}, {"draft_every_seconds", ctx.options.draft_every_seconds}});
}

}  // namespace

void RegisterDocumentMakeRoutes(RouteRegistry& routes, ApiContext& ctx) {
  // The committee office (analysts) and the administrators draft documents;
  // approving and publishing stay the leaders'.
  routes.Add("POST", "/api/v1/documents", kReviewers, [&ctx](Call& c) { return Make(c, ctx); });
  routes.Add("GET", "/api/v1/documents/{id}/html", kReaders, Html);
  routes.Add("GET", "/api/v1/documents/schedule", kReaders,
             [&ctx](Call& c) { return Schedule(c, ctx); });
}

}  // namespace ecociv::server
