// Routes of files in and out: imports run in the background (ImportJobs)
// with their progress, and any table of the interface turned into an xlsx
// workbook.
#include "ecociv/core/xlsx_writer.h"
#include "import_templates.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

// What one exported table may hold.
constexpr size_t kMaxExportRows = 100000;
constexpr size_t kMaxExportColumns = 200;

StatusOr<HttpResponse> StartImport(ImportJobs& jobs, Call& c) {
  std::string skip = c.Query("skip_bad_rows");
  if (!skip.empty() && skip != "true" && skip != "false") {
    return InvalidArgumentError("skip_bad_rows must be true or false");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, jobs.Start(c.Query("kind"), c.Query("name"), c.request.body,
                                                 c.session->user.name, skip == "true"));
  return JsonResponse({{"id", id}}, 202);
}

StatusOr<HttpResponse> ImportProgress(ImportJobs& jobs, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "import"));
  ECOCIV_ASSIGN_OR_RETURN(Json job, jobs.Get(c.db, id));
  return JsonResponse(job);
}

// The CSV template of an import kind: the header row its reader expects.
StatusOr<HttpResponse> TemplateOf(Call& c) {
  const std::string kind = c.Query("kind");
  std::string csv = ImportTemplateCsv(kind);
  if (csv.empty()) {
    std::string kinds;
    for (const auto& t : ImportTemplates()) kinds += (kinds.empty() ? "" : ", ") + std::string(t.kind);
    return InvalidArgumentError("kind must be one of " + kinds);
  }
  return Attachment("text/csv; charset=utf-8", std::move(csv),
                    "attachment; filename=\"ecociv-" + kind + "-template.csv\"");
}

// One cell of an exported table: numbers as numbers, text as text, true and
// false as booleans, null as an empty cell, anything else as its JSON text.
void ExportCell(xlsx::Sheet& sheet, int row, int column, const Json& value) {
  if (value.is_number()) {
    sheet.Number(row, column, value.get<double>());
  } else if (value.is_string()) {
    sheet.Text(row, column, value.get<std::string>());
  } else if (value.is_boolean()) {
    sheet.Boolean(row, column, value.get<bool>());
  } else if (!value.is_null()) {
    sheet.Text(row, column, value.dump());
  }
}

// {header: [...], rows: [[...], ...]} as a one-sheet workbook. Rows that are
// not arrays are skipped; at most kMaxExportRows rows of kMaxExportColumns cells.
StatusOr<HttpResponse> ExportXlsx(Call& c) {
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  // The sheet name is checked but the sheet keeps Excel's default name.
  ECOCIV_RETURN_IF_ERROR(StringField(c.body, "sheet", false, 31).status());
  auto header = c.body.find("header");
  auto rows = c.body.find("rows");
  if (header == c.body.end() || !header->is_array() || rows == c.body.end() || !rows->is_array()) {
    return InvalidArgumentError("fields 'header' and 'rows' must be arrays");
  }
  xlsx::Workbook book;
  xlsx::Sheet& sheet = book.AddSheet();
  for (size_t i = 0; i < header->size() && i < kMaxExportColumns; ++i) {
    ExportCell(sheet, 0, static_cast<int>(i), (*header)[i]);
  }
  size_t row = 1;
  for (const Json& cells : *rows) {
    if (!cells.is_array()) continue;
    for (size_t i = 0; i < cells.size() && i < kMaxExportColumns; ++i) {
      ExportCell(sheet, static_cast<int>(row), static_cast<int>(i), cells[i]);
    }
    if (++row > kMaxExportRows) break;
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string bytes, book.Bytes());
  return Attachment(xlsx::kXlsxMediaType, std::move(bytes),
                    "attachment; filename=\"export.xlsx\"");
}

}  // namespace

void RegisterImportRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add(
      "POST", "/api/v1/imports", kAnalysts,
      [&ctx](Call& c) { return StartImport(ctx.imports, c); },
      Upload(kMaxImportBytes, "request body too large"));
  routes.Add("GET", "/api/v1/imports/template", kAnalysts, TemplateOf);
  routes.Add("GET", "/api/v1/imports/{id}", kAnalysts,
             [&ctx](Call& c) { return ImportProgress(ctx.imports, c); });
  routes.Add("POST", "/api/v1/export/xlsx", kAnyone, ExportXlsx);
}

}  // namespace ecociv::server
