// The one writer of Excel workbooks (.xlsx) in ecociv, on libxlsxwriter.
//
// A Workbook is built in memory — sheets, cells (text, number or boolean; a
// cell never written stays empty), merged ranges, column widths, cell styles
// and page setup — and then written to a file or returned as bytes. Reading
// workbooks is store/xlsx.h.
//
// Errors (never an abort): an invalid or repeated sheet name, a cell outside
// the sheet (rows 0..1048575, columns 0..16383), an unknown style or a text
// over Excel's 32767 characters are InvalidArgument naming the sheet and the
// cell; a file that cannot be written is InvalidArgument naming the path.
//
// Thread safety: a Workbook is a plain value. Distinct workbooks may be built
// and written from different threads at once; one workbook needs external
// synchronisation while it is being changed.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::xlsx {

// How a cell looks. The defaults are Excel's (Calibri 11, General, no fill).
struct Style {
  bool bold = false;
  bool wrap = false;                // wrap text inside the cell
  bool thin_border = false;         // a thin border on all four sides
  bool center = false;              // centred horizontally
  bool vertical_center = false;     // centred vertically
  uint32_t fill = 0;                // background colour 0xRRGGBB; 0 = none
  uint32_t font_color = 0;          // 0xRRGGBB; 0 = automatic
  std::string font_name = {};       // "" = the default
  double font_size = 0;             // points; 0 = the default
  std::string number_format = {};   // e.g. "0.00"; "" = General
};

// A style added to a workbook; kNoStyle is the default cell format.
using StyleId = int;
inline constexpr StyleId kNoStyle = -1;

// Printing.
struct PageSetup {
  bool landscape = false;
  bool a4 = false;                  // A4 paper (else the printer's default)
  bool fit_to_width = false;        // one page wide, as many pages tall as needed
  int repeat_first_row = -1;        // rows printed at the top of every page
  int repeat_last_row = -1;         // (both -1: none)
  int freeze_rows = 0;              // rows and columns kept in view when scrolling
  int freeze_columns = 0;
};

class Sheet {
 public:
  explicit Sheet(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }

  void Text(int row, int column, std::string text, StyleId style = kNoStyle);
  void Number(int row, int column, double value, StyleId style = kNoStyle);
  void Boolean(int row, int column, bool value, StyleId style = kNoStyle);
  // One text over a rectangle of cells (inclusive), e.g. a title row.
  void Merge(int first_row, int first_column, int last_row, int last_column, std::string text,
             StyleId style = kNoStyle);
  // The width of columns first..last (inclusive), in characters.
  void ColumnWidth(int first_column, int last_column, double width);
  PageSetup& page() { return page_; }

 private:
  friend class Workbook;
  enum class Kind { kText, kNumber, kBoolean, kMerge };
  // A cell, or a merged range from (row, column) to (last_row, last_column);
  // written in the order given.
  struct Cell {
    int row, column;
    Kind kind;
    std::string text;
    double number;
    StyleId style;
    int last_row = 0, last_column = 0;
  };
  struct Width {
    int first_column, last_column;
    double width;
  };

  std::string name_;
  std::vector<Cell> cells_;
  std::vector<Width> widths_;
  PageSetup page_;
};

class Workbook {
 public:
  StyleId AddStyle(const Style& style);
  // A new sheet at the end; "" lets Excel name it ("Sheet1", ...). The
  // reference stays valid as long as the workbook.
  Sheet& AddSheet(std::string name = "");

  // Writes the workbook to `path` (replacing it).
  Status WriteFile(const std::string& path) const;
  // The workbook's bytes (written through a private temporary file).
  StatusOr<std::string> Bytes() const;

 private:
  class SheetWriter;  // libxlsxwriter calls (xlsx_writer.cc)
  std::vector<Style> styles_;
  std::deque<Sheet> sheets_;
};

// The media type of an .xlsx file.
inline constexpr char kXlsxMediaType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace ecociv::xlsx
