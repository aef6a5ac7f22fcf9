#include "ecociv/core/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace ecociv::xlsx {
namespace {

std::string CellName(const std::string& sheet, int row, int column) {
  return "sheet '" + sheet + "' row " + std::to_string(row) + " column " + std::to_string(column);
}

bool InSheet(int row, int column) {
  return row >= 0 && row < static_cast<int>(LXW_ROW_MAX) && column >= 0 &&
         column < static_cast<int>(LXW_COL_MAX);
}

lxw_format* MakeFormat(lxw_workbook* book, const Style& style) {
  lxw_format* f = workbook_add_format(book);
  if (!style.font_name.empty()) format_set_font_name(f, style.font_name.c_str());
  if (style.font_size > 0) format_set_font_size(f, style.font_size);
  if (style.font_color != 0) format_set_font_color(f, style.font_color);
  if (style.thin_border) format_set_border(f, LXW_BORDER_THIN);
  if (style.center) format_set_align(f, LXW_ALIGN_CENTER);
  if (style.vertical_center) format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (style.wrap) format_set_text_wrap(f);
  if (style.bold) format_set_bold(f);
  if (style.fill != 0) format_set_bg_color(f, style.fill);
  if (!style.number_format.empty()) format_set_num_format(f, style.number_format.c_str());
  return f;
}

}  // namespace

// Writes sheets into a libxlsxwriter workbook; the first problem ends it.
class Workbook::SheetWriter {
 public:
  SheetWriter(lxw_workbook* book, std::vector<lxw_format*> formats)
      : book_(book), formats_(std::move(formats)) {}

  Status Write(const Sheet& sheet) {
    const std::string& name = sheet.name_;
    if (!name.empty()) {
      lxw_error invalid = workbook_validate_sheet_name(book_, name.c_str());
      if (invalid != LXW_NO_ERROR) {
        return InvalidArgumentError("sheet name '" + name + "': " + lxw_strerror(invalid));
      }
    }
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.empty() ? nullptr : name.c_str());
    if (ws == nullptr) return InvalidArgumentError("cannot add sheet '" + name + "'");
    for (const Sheet::Cell& cell : sheet.cells_) ECOCIV_RETURN_IF_ERROR(WriteCell(ws, name, cell));
    for (const Sheet::Width& w : sheet.widths_) {
      if (!InSheet(0, w.first_column) || !InSheet(0, w.last_column)) {
        return InvalidArgumentError("sheet '" + name + "': column width outside the sheet");
      }
      worksheet_set_column(ws, w.first_column, w.last_column, w.width, nullptr);
    }
    ApplyPageSetup(ws, sheet.page_);
    return Status::Ok();
  }

 private:
  Status WriteCell(lxw_worksheet* ws, const std::string& sheet, const Sheet::Cell& cell) {
    bool merge = cell.kind == Sheet::Kind::kMerge;
    if (!InSheet(cell.row, cell.column) ||
        (merge && !InSheet(cell.last_row, cell.last_column))) {
      return InvalidArgumentError(CellName(sheet, cell.row, cell.column) + ": outside the sheet");
    }
    ECOCIV_ASSIGN_OR_RETURN(lxw_format * f, Format(cell.style, sheet, cell.row, cell.column));
    lxw_error err = LXW_NO_ERROR;
    switch (cell.kind) {
      case Sheet::Kind::kText:
        err = worksheet_write_string(ws, cell.row, cell.column, cell.text.c_str(), f);
        break;
      case Sheet::Kind::kNumber:
        err = worksheet_write_number(ws, cell.row, cell.column, cell.number, f);
        break;
      case Sheet::Kind::kBoolean:
        err = worksheet_write_boolean(ws, cell.row, cell.column, cell.number != 0, f);
        break;
      case Sheet::Kind::kMerge:
        err = worksheet_merge_range(ws, cell.row, cell.column, cell.last_row, cell.last_column,
                                    cell.text.c_str(), f);
        break;
    }
    return Check(err, sheet, cell.row, cell.column);
  }

  StatusOr<lxw_format*> Format(StyleId style, const std::string& sheet, int row, int column) {
    if (style == kNoStyle) return static_cast<lxw_format*>(nullptr);
    if (style < 0 || static_cast<size_t>(style) >= formats_.size()) {
      return InvalidArgumentError(CellName(sheet, row, column) + ": unknown style " +
                                  std::to_string(style));
    }
    return formats_[style];
  }

  static Status Check(lxw_error err, const std::string& sheet, int row, int column) {
    if (err == LXW_NO_ERROR) return Status::Ok();
    return InvalidArgumentError(CellName(sheet, row, column) + ": " + lxw_strerror(err));
  }

  static void ApplyPageSetup(lxw_worksheet* ws, const PageSetup& page) {
    if (page.landscape) worksheet_set_landscape(ws);
    if (page.a4) worksheet_set_paper(ws, 9);
    if (page.fit_to_width) worksheet_fit_to_pages(ws, 1, 0);
    if (page.repeat_first_row >= 0 && page.repeat_last_row >= page.repeat_first_row) {
      worksheet_repeat_rows(ws, page.repeat_first_row, page.repeat_last_row);
    }
    if (page.freeze_rows > 0 || page.freeze_columns > 0) {
      worksheet_freeze_panes(ws, page.freeze_rows, page.freeze_columns);
    }
  }

  lxw_workbook* book_;
  std::vector<lxw_format*> formats_;
};

void Sheet::Text(int row, int column, std::string text, StyleId style) {
  cells_.push_back({row, column, Kind::kText, std::move(text), 0, style});
}

void Sheet::Number(int row, int column, double value, StyleId style) {
  cells_.push_back({row, column, Kind::kNumber, "", value, style});
}

void Sheet::Boolean(int row, int column, bool value, StyleId style) {
  cells_.push_back({row, column, Kind::kBoolean, "", value ? 1.0 : 0.0, style});
}

void Sheet::Merge(int first_row, int first_column, int last_row, int last_column,
                  std::string text, StyleId style) {
  cells_.push_back(
      {first_row, first_column, Kind::kMerge, std::move(text), 0, style, last_row, last_column});
}

void Sheet::ColumnWidth(int first_column, int last_column, double width) {
  widths_.push_back({first_column, last_column, width});
}

StyleId Workbook::AddStyle(const Style& style) {
  styles_.push_back(style);
  return static_cast<StyleId>(styles_.size() - 1);
}

Sheet& Workbook::AddSheet(std::string name) { return sheets_.emplace_back(std::move(name)); }

Status Workbook::WriteFile(const std::string& path) const {
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return InvalidArgumentError("cannot create " + path);
  std::vector<lxw_format*> formats;
  for (const Style& style : styles_) formats.push_back(MakeFormat(book, style));
  SheetWriter writer(book, std::move(formats));
  for (const Sheet& sheet : sheets_) {
    Status written = writer.Write(sheet);
    if (!written.ok()) {
      lxw_workbook_free(book);  // nothing has been written to `path` yet
      return written;
    }
  }
  lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) return InvalidArgumentError("cannot write " + path + ": " +
                                                       lxw_strerror(err));
  return Status::Ok();
}

StatusOr<std::string> Workbook::Bytes() const {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "ecociv-xlsx-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return InternalError("cannot create a temporary file in " + dir.string());
  close(fd);
  Status written = WriteFile(path);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) written = InternalError("cannot read back the workbook " + path);
  }
  std::remove(path.c_str());
  ECOCIV_RETURN_IF_ERROR(written);
  return bytes;
}

}  // namespace ecociv::xlsx
