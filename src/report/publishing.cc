// Official documents in the store and their publishing (report/publishing.h).
#include "ecociv/report/publishing.h"

#include <nlohmann/json.hpp>

#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "publishing_internal.h"
#include "ecociv/store/sql.h"

namespace ecociv::report {

namespace {

using store::QueryRows;
using store::RunSql;

constexpr const char* kColumns =
    "SELECT id, kind, period, lang, title, state, replaces, replaced_by, html_sha256, "
    "pdf_sha256, length(pdf), created_by, created_at, approved_by, approved_at, published_by, "
    "published_at, substr(html, 1, 4000), region FROM report_documents ";

StoredDocument OfRow(const std::vector<std::string>& r) {
  StoredDocument d;
  d.id = store::IntegerOfText(r[0]);
  d.kind = r[1];
  d.period = r[2];
  d.lang = r[3];
  d.title = r[4];
  d.state = r[5];
  d.replaces = store::IntegerOfText(r[6]);
  d.replaced_by = store::IntegerOfText(r[7]);
  d.html_sha256 = r[8];
  d.pdf_sha256 = r[9];
  d.pdf_bytes = store::IntegerOfText(r[10]);
  d.created_by = r[11];
  d.created_at = r[12];
  d.approved_by = r[13];
  d.approved_at = r[14];
  d.published_by = r[15];
  d.published_at = r[16];
  DocumentHead head = HeadOfHtml(r[17]);
  d.issuer = std::move(head.issuer);
  d.number = std::move(head.number);
  d.issued = std::move(head.date);
  d.region = r[18];
  return d;
}

StatusOr<std::vector<StoredDocument>> Select(store::Database* db, const std::string& where,
                                             const std::vector<store::SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db, kColumns + where, params));
  std::vector<StoredDocument> out;
  for (const auto& r : rows) out.push_back(OfRow(r));
  return out;
}

std::string WhoOf(const store::Actor& actor) {
  return actor.who.empty() ? store::CurrentUser() : actor.who;
}

// The change-record entry of a step, in the caller's transaction.
Status Record(store::Database* db, const StoredDocument& d, const std::string& action,
              const std::string& detail, const store::Actor& actor) {
  store::LogEntry entry;
  entry.who = WhoOf(actor);
  entry.action = action;
  entry.object = "document:" + std::to_string(d.id);
  entry.detail = detail;
  entry.why = actor.why;
  entry.payload_sha256 = d.pdf_sha256;
  return store::AppendLogEntry(db, entry).status();
}

// A region other than the root is named in the entries ("…, region 320582").
std::string RegionText(const std::string& region) {
  return region == store::kRootRegion ? "" : ", region " + region;
}

// The region a draft entry's detail names: "draft " + Describe(d), then
// ", correcting document N" for a correction; no region named: the root's.
std::string RegionOfDraftDetail(std::string detail) {
  const size_t correcting = detail.rfind(", correcting document ");
  if (correcting != std::string::npos) detail.resize(correcting);
  const std::string tag = ", region ";
  if (detail.size() < tag.size() + 6 ||
      detail.compare(detail.size() - 6 - tag.size(), tag.size(), tag) != 0) {
    return store::kRootRegion;
  }
  return detail.substr(detail.size() - 6);
}

std::string Describe(const StoredDocument& d) {
  return d.kind + " " + d.period + " (" + d.lang + ") \"" + d.title + "\", PDF " +
         std::to_string(d.pdf_bytes) + " bytes sha256 " + d.pdf_sha256 + RegionText(d.region);
}

// The published document of (kind, period, lang, region), if any.
StatusOr<std::optional<StoredDocument>> PublishedOf(store::Database* db, const StoredDocument& d) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, Select(db,
                                             "WHERE state = 'published' AND kind = ? AND period = "
                                             "? AND lang = ? AND region = ?",
                                             {d.kind, d.period, d.lang, d.region}));
  if (found.empty()) return std::optional<StoredDocument>();
  return std::optional<StoredDocument>(found.front());
}

}  // namespace

StatusOr<StoredDocument> FindDocument(store::Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(auto found, Select(db, "WHERE id = ?", {id}));
  if (found.empty()) return NotFoundError("no document " + std::to_string(id));
  return found.front();
}

StatusOr<StoredDocument> SaveDraftInTransaction(store::Database* db, const Document& document,
                                                const std::string& period,
                                                const std::string& html, const std::string& pdf,
                                                int64_t replaces, const store::Actor& actor) {
  if (pdf.rfind("%PDF-", 0) != 0) return InvalidArgumentError("the document's PDF is not a PDF");
  const std::string lang = document.lang == Lang::kZh ? "zh" : "en";
  if (replaces != 0) {
    ECOCIV_ASSIGN_OR_RETURN(StoredDocument old, FindDocument(db, replaces));
    if (old.state != "published" || old.kind != document.kind || old.period != period ||
        old.lang != lang || old.region != document.region) {
      return FailedPreconditionError(
          "document " + std::to_string(replaces) + " is not the published " + document.kind + " " +
          period + " (" + lang + RegionText(document.region) +
          "): a correction replaces the published document");
    }
  }
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db,
      "INSERT INTO report_documents (kind, period, lang, title, state, replaces, html, pdf, "
      "html_sha256, pdf_sha256, created_by, created_at, region) VALUES (?, ?, ?, ?, 'draft', ?, "
      "?, ?, ?, ?, ?, ?, ?)",
      {document.kind, period, lang, document.title, replaces, html, store::Blob{pdf},
       store::Sha256Hex(html), store::Sha256Hex(pdf), WhoOf(actor), store::UtcNow(),
       document.region}));
  ECOCIV_ASSIGN_OR_RETURN(StoredDocument saved, FindDocument(db, db->LastInsertId()));
  ECOCIV_RETURN_IF_ERROR(
      Record(db, saved, "report.draft",
             "draft " + Describe(saved) +
                 (replaces ? ", correcting document " + std::to_string(replaces) : std::string()),
             actor));
  return saved;
}

StatusOr<StoredDocument> SaveDraft(store::Database* db, const Document& document,
                                   const std::string& period, const std::string& html,
                                   const std::string& pdf, int64_t replaces,
                                   const store::Actor& actor) {
  if (pdf.rfind("%PDF-", 0) != 0) return InvalidArgumentError("the document's PDF is not a PDF");
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(StoredDocument saved, SaveDraftInTransaction(db, document, period, html,
                                                                       pdf, replaces, actor));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return saved;
}

Status ApproveDocument(store::Database* db, int64_t id, const store::Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(StoredDocument d, FindDocument(db, id));
  if (d.state != "draft") {
    return FailedPreconditionError("document " + std::to_string(id) + " is " + d.state +
                                   "; only a draft is approved");
  }
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE report_documents SET state = 'approved', approved_by = ?, "
                                "approved_at = ? WHERE id = ?",
                                {WhoOf(actor), store::UtcNow(), id}));
  ECOCIV_RETURN_IF_ERROR(Record(db, d, "report.approve", "approved " + Describe(d), actor));
  return transaction.Commit();
}

Status PublishDocument(store::Database* db, int64_t id, const store::Actor& actor) {
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(StoredDocument d, FindDocument(db, id));
  if (d.state != "approved") {
    return FailedPreconditionError("document " + std::to_string(id) + " is " + d.state +
                                   "; only an approved document is published");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto current, PublishedOf(db, d));
  if (current && current->id != d.replaces) {
    return FailedPreconditionError("document " + std::to_string(current->id) +
                                   " is the published " + d.kind + " " + d.period + " (" + d.lang +
                                   RegionText(d.region) +
                                   "); a correction must name it as the one it replaces");
  }
  if (current) {
    ECOCIV_RETURN_IF_ERROR(
        RunSql(db, "UPDATE report_documents SET state = 'superseded', replaced_by = ? WHERE id = ?",
               {id, current->id}));
    ECOCIV_RETURN_IF_ERROR(Record(db, *current, "report.supersede",
                                  "superseded by document " + std::to_string(id), actor));
  }
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE report_documents SET state = 'published', published_by = "
                                "?, published_at = ? WHERE id = ?",
                                {WhoOf(actor), store::UtcNow(), id}));
  ECOCIV_RETURN_IF_ERROR(Record(db, d, "report.publish", "published " + Describe(d), actor));
  return transaction.Commit();
}

StatusOr<std::vector<StoredDocument>> ListDocuments(store::Database* db) {
  return Select(db, "ORDER BY id DESC", {});
}

StatusOr<std::vector<StoredDocument>> PublishedDocuments(store::Database* db) {
  return Select(db, "WHERE state = 'published' ORDER BY id DESC", {});
}

StatusOr<std::string> DocumentFile(store::Database* db, int64_t id, const std::string& format,
                                   bool published_only) {
  if (format != "pdf" && format != "html") return InvalidArgumentError("format: pdf or html");
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows,
      QueryRows(db, "SELECT state, " + format + " FROM report_documents WHERE id = ?", {id}));
  // Unpublished documents do not exist for the public: the same answer as an
  // unknown id, so their ids are not revealed either.
  if (rows.empty() || (published_only && rows[0][0] != "published")) {
    return NotFoundError("no document " + std::to_string(id));
  }
  return rows[0][1];
}

StatusOr<std::vector<std::string>> VerifyDocuments(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          QueryRows(db,
                                    "SELECT id, state, html, pdf, html_sha256, pdf_sha256, region "
                                    "FROM report_documents ORDER BY id",
                                    {}));
  std::vector<std::string> problems;
  for (const auto& r : rows) {
    const std::string name = "document " + r[0];
    if (store::Sha256Hex(r[2]) != r[4])
      problems.push_back(name + ": the HTML does not match its SHA-256");
    if (store::Sha256Hex(r[3]) != r[5])
      problems.push_back(name + ": the PDF does not match its SHA-256");
    ECOCIV_ASSIGN_OR_RETURN(auto entries,
                            QueryRows(db,
                                      "SELECT action, payload_sha256, detail FROM change_log "
                                      "WHERE object = ? AND action LIKE 'report.%' ORDER BY seq",
                                      {"document:" + r[0]}));
    std::vector<std::string> needed = {"report.draft"};
    if (r[1] != "draft") needed.push_back("report.approve");
    if (r[1] == "published" || r[1] == "superseded") needed.push_back("report.publish");
    if (r[1] == "superseded") needed.push_back("report.supersede");
    for (const std::string& action : needed) {
      bool found = false;
      for (const auto& e : entries) found = found || (e[0] == action && e[1] == r[5]);
      if (!found) {
        problems.push_back(name + " (" + r[1] + "): no " + action +
                           " entry in the change record for its PDF");
      }
    }
    for (const auto& e : entries) {
      if (e[0] != "report.draft" || e[1] != r[5]) continue;
      if (RegionOfDraftDetail(e[2]) != r[6]) {
        problems.push_back(name + ": its region " + r[6] +
                           " is not the one its draft entry in the change record names");
      }
      break;
    }
  }
  return problems;
}

namespace {

nlohmann::json JsonOf(const StoredDocument& d) {
  return {{"id", d.id},
          {"kind", d.kind},
          {"period", d.period},
          {"lang", d.lang},
          {"title", d.title},
          {"state", d.state},
          {"region", d.region},
          {"replaces", d.replaces},
          {"replaced_by", d.replaced_by},
          {"html_sha256", d.html_sha256},
          {"pdf_sha256", d.pdf_sha256},
          {"pdf_bytes", d.pdf_bytes},
          {"created_by", d.created_by},
          {"created_at", d.created_at},
          {"approved_by", d.approved_by},
          {"approved_at", d.approved_at},
          {"published_by", d.published_by},
          {"published_at", d.published_at},
          {"issuer", d.issuer},
          {"number", d.number},
          {"issued", d.issued}};
}

}  // namespace

std::string StoredDocumentJson(const StoredDocument& document) {
  return JsonOf(document).dump(1) + "\n";
}

std::string StoredDocumentsJson(const std::vector<StoredDocument>& documents) {
  nlohmann::json list = nlohmann::json::array();
  for (const StoredDocument& d : documents) list.push_back(JsonOf(d));
  return list.dump(1) + "\n";
}

}  // namespace ecociv::report
