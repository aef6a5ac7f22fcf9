// An official document as data: what the bulletins, the water reports and
// the report cards print, shaped once here and rendered as HTML (and from
// the HTML as PDF, report/pdf.h) or as JSON. The builders (air_document.h,
// water_document.h, card_document.h) fill it from the engines' results; the
// renderers add nothing but layout, so every figure a reader sees is one of
// `figures`.
//
// HTML: A4 pages (CSS @page), the page number and count at the foot of each
// page ("第 1 页 共 3 页" / "Page 1 of 3"), the Noto CJK fonts, tables with a
// caption, an appendix on a new page. Text is escaped; nothing in a document
// is markup.
//
// JSON: {kind, lang, issuer, title, subtitle, number, date, body: [B],
// appendix_title, appendix: [B], figures: [{key, text, exact}]}, B =
// {heading|paragraph|note: text}, {table: {caption, header, rows, note}} or
// {chart: {caption, unit, labels, values, limit, limit_label}}.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/report/profile.h"

namespace ecociv::report {

struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;           // under the table
  bool align_figures = true;  // right-align cells that are figures (not in a two-column form)
};

// A bar chart of printed figures (report/chart_svg.h draws it as inline
// SVG, so the PDF needs no script): one bar per label, each labelled with
// its printed text, and an optional reference line (a limit). Its values are
// the texts a table of the same document prints, never other numbers.
struct Chart {
  std::string caption;              // "图1 各月PM2.5平均浓度"
  std::string unit;                 // of the values, over the axis ("微克/立方米", "%")
  std::vector<std::string> labels;  // the bars' names ("1月")
  std::vector<std::string> values;  // the printed figures; "—" or "" for none
  std::string limit;                // a reference line's value ("" for none)
  std::string limit_label;          // its name ("二级标准限值 35")
};

struct Block {
  enum class Kind { kHeading, kParagraph, kNote, kTable, kChart };
  Kind kind = Kind::kParagraph;
  std::string text;
  Table table;
  Chart chart;

  static Block Heading(std::string text) { return {Kind::kHeading, std::move(text), {}, {}}; }
  static Block Paragraph(std::string text) { return {Kind::kParagraph, std::move(text), {}, {}}; }
  static Block Note(std::string text) { return {Kind::kNote, std::move(text), {}, {}}; }
  static Block Of(Table table) { return {Kind::kTable, "", std::move(table), {}}; }
  static Block Of(Chart chart) { return {Kind::kChart, "", {}, std::move(chart)}; }
};

// One printed figure: a stable key ("city.pm25.now", "city.pm25.change"),
// the text as printed, and the exact value it was rounded from ("" when the
// figure is a count or a word).
struct Figure {
  std::string key, text, exact;
};

struct Document {
  std::string kind;  // "air-yearly", "air-monthly", "water-yearly", "water-monthly", "card"
  std::string region = "000000";  // the region of the store it is about (the root: the whole)
  Lang lang = Lang::kZh;
  bool formal = false;  // the red-header layout of a document with a number (report cards)
  std::string issuer;   // the issuing body
  std::string title;
  std::string subtitle;  // the period
  std::string number;    // 文号; "" prints an empty field to fill in
  std::string date;      // the date of issue, as printed
  std::vector<Block> body;
  std::string appendix_title;
  std::vector<Block> appendix;
  std::vector<Figure> figures;

  void AddFigure(const std::string& key, const std::string& text, const std::string& exact = "") {
    figures.push_back({key, text, exact});
  }
};

// Options every document takes from its caller.
struct DocumentOptions {
  Lang lang = Lang::kZh;
  std::string issuer;  // "" → the profile's issuer
  std::string number;  // 文号; "" → an empty field
  std::string date;    // YYYY-MM-DD; "" → today in Beijing time
};

// The date of issue as printed: "2026年1月5日" / "5 January 2026". `date` is
// YYYY-MM-DD or "" (today in Beijing time). InvalidArgument for a bad date.
StatusOr<std::string> IssueDate(const std::string& date, Lang lang);

// The HTML carries the issuer, number and date of issue in its head
// (<meta name="ecociv-issuer|ecociv-number|ecociv-date" content="…">), so a
// stored document's list shows them from the very file it binds.
std::string DocumentHtml(const Document& document);

// The issuer, number and date of issue read back from DocumentHtml's head;
// empty fields for HTML without them (documents made before they were written).
struct DocumentHead {
  std::string issuer, number, date;
};
DocumentHead HeadOfHtml(std::string_view html);
std::string DocumentJson(const Document& document);

// "<num>/<den>" in lowest terms, or the integer: the exact value of a figure.
std::string ExactText(const Ratio& value);

}  // namespace ecociv::report
