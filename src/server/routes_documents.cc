// Official documents on the API (report/publishing.h): the list and files
// for the logged-in, the leaders' approval and publication, and what the
// public sees without a login: the published documents and their files,
// nothing else (a draft, an approved or a superseded document is 404 there,
// the same answer as an unknown id).
//
// A document is of a region (report::StoredDocument::region; the root's are
// the whole store's): a region's user lists, reads, approves and publishes
// the documents of its subtree's regions and is refused the others
// (region_scope.h); the public portal lists every published document.
#include "ecociv/report/publishing.h"
#include "evidence_files.h"
#include "json_fields.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

HttpResponse ListResponse(const std::vector<report::StoredDocument>& list) {
  return BodyResponse("{\"documents\":" + report::StoredDocumentsJson(list) + "}");
}

StatusOr<HttpResponse> Documents(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto list, report::ListDocuments(c.db));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  std::erase_if(list, [&](const report::StoredDocument& d) { return !scope.SeesRegion(d.region); });
  return ListResponse(list);
}

StatusOr<HttpResponse> PublicDocuments(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto list, report::PublishedDocuments(c.db));
  // The public sees no names of who made or approved a document.
  for (report::StoredDocument& d : list) {
    d.created_by.clear();
    d.approved_by.clear();
    d.published_by.clear();
  }
  return ListResponse(list);
}

StatusOr<HttpResponse> File(Call& c, bool published_only) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "document"));
  if (!published_only) ECOCIV_RETURN_IF_ERROR(CheckDocumentRegion(c, id));
  ECOCIV_ASSIGN_OR_RETURN(std::string pdf, report::DocumentFile(c.db, id, "pdf", published_only));
  return Attachment("application/pdf", std::move(pdf),
                    AttachmentHeader("document-" + std::to_string(id) + ".pdf"));
}

StatusOr<HttpResponse> Step(Call& c, bool publish) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "document"));
  ECOCIV_ASSIGN_OR_RETURN(std::string why, StringField(c.body, "why", false, 500));
  ECOCIV_RETURN_IF_ERROR(CheckDocumentRegion(c, id));
  ECOCIV_RETURN_IF_ERROR(publish ? report::PublishDocument(c.db, id, c.Actor(why))
                                 : report::ApproveDocument(c.db, id, c.Actor(why)));
  ECOCIV_ASSIGN_OR_RETURN(report::StoredDocument d, report::FindDocument(c.db, id));
  return BodyResponse(report::StoredDocumentJson(d));
}

}  // namespace

void RegisterDocumentRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/documents", kReaders, Documents);
  routes.Add("GET", "/api/v1/documents/{id}/pdf", kReaders,
             [](Call& c) { return File(c, /*published_only=*/false); });
  // Approving and publishing are the leadership's (审定, 发布).
  routes.Add("POST", "/api/v1/documents/{id}/approve", kApprovers,
             [](Call& c) { return Step(c, /*publish=*/false); });
  routes.Add("POST", "/api/v1/documents/{id}/publish", kApprovers,
             [](Call& c) { return Step(c, /*publish=*/true); });
  routes.Add("GET", "/api/v1/public/documents", kPublic, PublicDocuments);
  routes.Add("GET", "/api/v1/public/documents/{id}/pdf", kPublic,
             [](Call& c) { return File(c, /*published_only=*/true); });
}

}  // namespace ecociv::server
