// The xlsx report: sheet "排名 Ranking", then one report-card sheet per
// subject in rank order ("1-T01", "2-T08", ...), formatted for printing.
#include <xlsxwriter.h>

#include "ecociv/scoring/report.h"

namespace ecociv::scoring {
namespace {

// Points go into cells as numbers rounded for print (GB/T 8170) and shown
// with the scheme's decimals.
double Printed(const Scheme& s, const Ratio& r) {
  return RoundedRatio(r, s.print_decimals).ToDouble();
}

struct Formats {
  lxw_format* bold;
  lxw_format* header;
  lxw_format* number;
  lxw_format* wrap;
};

Formats MakeFormats(lxw_workbook* wb, int decimals) {
  Formats f{};
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDDDDD);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  f.number = workbook_add_format(wb);
  std::string pattern = decimals > 0 ? "0." + std::string(decimals, '0') : "0";
  format_set_num_format(f.number, pattern.c_str());
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  return f;
}

void RankingSheet(lxw_workbook* wb, const Formats& f, const Assessment& a) {
  const Scheme& s = *a.scheme;
  lxw_worksheet* ws = workbook_add_worksheet(wb, "排名 Ranking");
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  std::string title = s.name + " " + std::to_string(a.options.year);
  worksheet_write_string(ws, 0, 0, title.c_str(), f.bold);
  const char* headers[] = {"排名\nRank",  "对象\nSubject",    "名称\nName",  "总分\nTotal",
                           "等次\nGrade", "扣分\nDeductions", "加分\nBonus", "一票否决\nVeto"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 2, c, headers[c], f.header);
  lxw_row_t row = 3;
  for (const SubjectResult* r : a.Ranking()) {
    worksheet_write_number(ws, row, 0, r->rank, nullptr);
    worksheet_write_string(ws, row, 1, r->subject.id.c_str(), nullptr);
    worksheet_write_string(ws, row, 2, r->subject.name.c_str(), nullptr);
    worksheet_write_number(ws, row, 3, Printed(s, r->total), f.number);
    worksheet_write_string(ws, row, 4, r->grade.c_str(), nullptr);
    worksheet_write_number(ws, row, 5, Printed(s, r->deduction_total), f.number);
    worksheet_write_number(ws, row, 6, Printed(s, r->bonus_total), f.number);
    std::string vetoes;
    for (const std::string& v : r->vetoes) vetoes += (vetoes.empty() ? "" : "; ") + v;
    worksheet_write_string(ws, row, 7, vetoes.c_str(), nullptr);
    ++row;
  }
  worksheet_set_column(ws, 1, 2, 18, nullptr);
  worksheet_set_column(ws, 3, 7, 11, nullptr);
}

// A sheet name from a subject id: Excel forbids []:*?/\ and allows 31 characters.
std::string SheetName(const std::string& id, int index) {
  std::string name;
  for (char c : id) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  if (name.size() > 24) name.resize(24);  // ids are ASCII in practice; keep room for "-N"
  return std::to_string(index) + "-" + name;
}

// One report card: the subject's items, deductions and bonuses.
void CardSheet(lxw_workbook* wb, const Formats& f, const Assessment& a, const SubjectResult& r,
               int index) {
  const Scheme& s = *a.scheme;
  lxw_worksheet* ws = workbook_add_worksheet(wb, SheetName(r.subject.id, index).c_str());
  worksheet_fit_to_pages(ws, 1, 0);
  std::string title = s.name + " " + std::to_string(a.options.year) + " 成绩单 Report card";
  worksheet_write_string(ws, 0, 0, title.c_str(), f.bold);
  std::string summary = r.subject.name + " (" + r.subject.id + ")  总分 Total " +
                        FormatPoints(s, r.total) + "  排名 Rank " + std::to_string(r.rank) + "/" +
                        std::to_string(a.results.size()) + "  等次 Grade " + r.grade;
  worksheet_write_string(ws, 1, 0, summary.c_str(), f.bold);
  lxw_row_t row = 3;
  const char* headers[] = {"分组\nGroup", "项目\nItem",   "数值\nValue",
                           "满分\nMax",   "得分\nPoints", "说明\nBasis"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, row, c, headers[c], f.header);
  ++row;
  for (size_t i = 0; i < s.items.size(); ++i) {
    const Item& item = s.items[i];
    const ItemResult& ir = r.items[i];
    worksheet_write_string(ws, row, 0, s.FindGroup(item.group)->name.c_str(), nullptr);
    worksheet_write_string(ws, row, 1, item.name.c_str(), nullptr);
    if (ir.value) worksheet_write_number(ws, row, 2, ir.value->ToDouble(), nullptr);
    worksheet_write_number(ws, row, 3, Printed(s, ir.max_points), f.number);
    worksheet_write_number(ws, row, 4, Printed(s, ir.points), f.number);
    worksheet_write_string(ws, row, 5, ir.reason.c_str(), f.wrap);
    ++row;
  }
  for (const Adjustment& d : r.deductions) {
    std::string text = "扣分 " + s.FindDeduction(d.id)->name + ": " + d.reason;
    worksheet_write_string(ws, row, 1, text.c_str(), nullptr);
    worksheet_write_number(ws, row++, 4, -Printed(s, d.points), f.number);
  }
  for (const Adjustment& b : r.bonuses) {
    std::string text = "加分 " + s.FindBonus(b.id)->name + ": " + b.reason;
    worksheet_write_string(ws, row, 1, text.c_str(), nullptr);
    worksheet_write_number(ws, row++, 4, Printed(s, b.points), f.number);
  }
  for (const std::string& v : r.vetoes) {
    std::string text = "一票否决 Veto: " + s.FindVeto(v)->name;
    worksheet_write_string(ws, row++, 1, text.c_str(), f.bold);
  }
  std::string basis = "等次依据 Grade basis: " + r.grade_reason;
  worksheet_write_string(ws, row + 1, 0, basis.c_str(), nullptr);
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 1, 36, nullptr);
  worksheet_set_column(ws, 2, 4, 10, nullptr);
  worksheet_set_column(ws, 5, 5, 60, nullptr);
}

}  // namespace

Status WriteXlsx(const Assessment& a, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return InvalidArgumentError("cannot create " + path);
  Formats f = MakeFormats(wb, a.scheme->print_decimals);
  RankingSheet(wb, f, a);
  int index = 0;
  for (const SubjectResult* r : a.Ranking()) CardSheet(wb, f, a, *r, ++index);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    return InvalidArgumentError("cannot write " + path + ": " + lxw_strerror(err));
  }
  return Status::Ok();
}

}  // namespace ecociv::scoring
