// Official documents in the store and their publishing.
//
// A document is saved as made: its HTML and PDF bytes and their SHA-256, its
// kind, period, language and title. It moves draft → approved → published:
// approving records who approved the exact file (by its SHA-256), publishing
// freezes it (the store's triggers refuse any later change of its content
// and its deletion). A correction is a new draft naming the published
// document it replaces; when the correction is published the old one becomes
// superseded and names its successor. At most one document of a (kind,
// period, language) is published at a time. Every step is a change-record
// entry (report.draft, report.approve, report.publish, report.supersede;
// object "document:ID", payload the PDF's SHA-256).
//
// Who may approve and publish is the caller's rule (the server: leaders; the
// command line: whoever runs it, named in the change record).
//
// What the public may see is PublishedDocuments and a published document's
// file: a draft, an approved document and a superseded one are NotFound there.
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/report/document.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct StoredDocument {
  int64_t id = 0;
  std::string kind, period, lang, title;
  std::string state;  // draft, approved, published, superseded
  std::string region = "000000";  // the region it is of (the root: the whole store)
  int64_t replaces = 0, replaced_by = 0;
  std::string html_sha256, pdf_sha256;
  int64_t pdf_bytes = 0;
  std::string created_by, created_at, approved_by, approved_at, published_by, published_at;
  // As printed in the document (read from its HTML's head, report/document.h):
  // the issuing body, the number (文号, "" when none) and the date of issue.
  std::string issuer, number, issued;
};

// Saves a draft of `document` rendered as `html` and `pdf` (the PDF's bytes).
// `period` is the document's period as given ("2025", "2026-10", or for a
// card "town-1000/2025/T01"). `replaces` is 0 or the published document of
// the same kind, period, language and region this one corrects
// (FailedPrecondition otherwise). The document's region is stored with it and
// named in its draft entry of the change record (when not the root's), which
// VerifyDocuments checks; a published document's region is frozen with it.
StatusOr<StoredDocument> SaveDraft(store::Database* db, const Document& document,
                                   const std::string& period, const std::string& html,
                                   const std::string& pdf, int64_t replaces,
                                   const store::Actor& actor);

// draft → approved. FailedPrecondition naming the state otherwise.
Status ApproveDocument(store::Database* db, int64_t id, const store::Actor& actor);
// approved → published (the document it replaces → superseded).
// FailedPrecondition when it is not approved, or when another document of
// the same kind, period and language is published and this one does not
// name it as the one it replaces.
Status PublishDocument(store::Database* db, int64_t id, const store::Actor& actor);

// Every document, newest first.
StatusOr<std::vector<StoredDocument>> ListDocuments(store::Database* db);
// The published documents only, newest first: what the public sees.
StatusOr<std::vector<StoredDocument>> PublishedDocuments(store::Database* db);
// One document (NotFound for an unknown id).
StatusOr<StoredDocument> FindDocument(store::Database* db, int64_t id);

// The file of a document: "pdf" or "html". With `published_only`, NotFound
// unless the document is published (the public's view).
StatusOr<std::string> DocumentFile(store::Database* db, int64_t id, const std::string& format,
                                   bool published_only);

// `db verify`: every document's HTML and PDF against their stored SHA-256,
// and its state against the change record (a draft entry, and an approve,
// publish and supersede entry as far as its state has come, each naming the
// PDF's SHA-256). One line per problem; empty when all hold.
StatusOr<std::vector<std::string>> VerifyDocuments(store::Database* db);

// {id, kind, period, lang, title, state, replaces, replaced_by, html_sha256,
// pdf_sha256, pdf_bytes, created_by, created_at, approved_by, approved_at,
// published_by, published_at, issuer, number, issued} as one JSON object; a list as an array.
std::string StoredDocumentJson(const StoredDocument& document);
std::string StoredDocumentsJson(const std::vector<StoredDocument>& documents);

}  // namespace ecociv::report
