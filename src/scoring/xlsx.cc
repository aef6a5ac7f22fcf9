// The xlsx report: sheet "排名 Ranking", then one report-card sheet per
// subject in rank order ("1-T01", "2-T08", ...), formatted for printing.
#include "ecociv/core/xlsx_writer.h"
#include "ecociv/scoring/report.h"

namespace ecociv::scoring {
namespace {

// Points go into cells as numbers rounded for print (GB/T 8170) and shown
// with the scheme's decimals.
double Printed(const Scheme& s, const Ratio& r) {
  return RoundedRatio(r, s.print_decimals).ToDouble();
}

struct Styles {
  xlsx::StyleId bold, header, number, wrap;
};

Styles MakeStyles(xlsx::Workbook& book, int decimals) {
  Styles s{};
  s.bold = book.AddStyle(xlsx::Style{.bold = true});
  s.header = book.AddStyle(
      xlsx::Style{.bold = true, .wrap = true, .thin_border = true, .fill = 0xDDDDDD});
  s.number = book.AddStyle(
      xlsx::Style{.number_format = decimals > 0 ? "0." + std::string(decimals, '0') : "0"});
  s.wrap = book.AddStyle(xlsx::Style{.wrap = true});
  return s;
}

void RankingSheet(xlsx::Workbook& book, const Styles& st, const Assessment& a) {
  const Scheme& s = *a.scheme;
  xlsx::Sheet& ws = book.AddSheet("排名 Ranking");
  ws.page().landscape = true;
  ws.page().fit_to_width = true;
  ws.Text(0, 0, s.name + " " + std::to_string(a.options.year), st.bold);
  const char* headers[] = {"排名\nRank",  "对象\nSubject",    "名称\nName",  "总分\nTotal",
                           "等次\nGrade", "扣分\nDeductions", "加分\nBonus", "一票否决\nVeto"};
  for (int c = 0; c < 8; ++c) ws.Text(2, c, headers[c], st.header);
  int row = 3;
  for (const SubjectResult* r : a.Ranking()) {
    ws.Number(row, 0, r->rank);
    ws.Text(row, 1, r->subject.id);
    ws.Text(row, 2, r->subject.name);
    ws.Number(row, 3, Printed(s, r->total), st.number);
    ws.Text(row, 4, r->grade);
    ws.Number(row, 5, Printed(s, r->deduction_total), st.number);
    ws.Number(row, 6, Printed(s, r->bonus_total), st.number);
    std::string vetoes;
    for (const std::string& v : r->vetoes) vetoes += (vetoes.empty() ? "" : "; ") + v;
    ws.Text(row, 7, vetoes);
    ++row;
  }
  ws.ColumnWidth(1, 2, 18);
  ws.ColumnWidth(3, 7, 11);
}

// A sheet name from a subject id: Excel forbids []:*?/\ and allows 31 characters.
std::string SheetName(const std::string& id, int index) {
  std::string name;
  for (char c : id) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  if (name.size() > 24) name.resize(24);  // ids are ASCII in practice; keep room for "-N"
  return std::to_string(index) + "-" + name;
}

// One report card: the subject's items, deductions and bonuses.
void CardSheet(xlsx::Workbook& book, const Styles& st, const Assessment& a,
               const SubjectResult& r, int index) {
  const Scheme& s = *a.scheme;
  xlsx::Sheet& ws = book.AddSheet(SheetName(r.subject.id, index));
  ws.page().fit_to_width = true;
  ws.Text(0, 0, s.name + " " + std::to_string(a.options.year) + " 成绩单 Report card", st.bold);
  std::string summary = r.subject.name + " (" + r.subject.id + ")  总分 Total " +
                        FormatPoints(s, r.total) + "  排名 Rank " + std::to_string(r.rank) + "/" +
                        std::to_string(a.results.size()) + "  等次 Grade " + r.grade;
  ws.Text(1, 0, summary, st.bold);
  int row = 3;
  const char* headers[] = {"分组\nGroup", "项目\nItem",   "数值\nValue",
                           "满分\nMax",   "得分\nPoints", "说明\nBasis"};
  for (int c = 0; c < 6; ++c) ws.Text(row, c, headers[c], st.header);
  ++row;
  for (size_t i = 0; i < s.items.size(); ++i) {
    const Item& item = s.items[i];
    const ItemResult& ir = r.items[i];
    ws.Text(row, 0, s.FindGroup(item.group)->name);
    ws.Text(row, 1, item.name);
    if (ir.value) ws.Number(row, 2, ir.value->ToDouble());
    ws.Number(row, 3, Printed(s, ir.max_points), st.number);
    ws.Number(row, 4, Printed(s, ir.points), st.number);
    ws.Text(row, 5, ir.reason, st.wrap);
    ++row;
  }
  for (const Adjustment& d : r.deductions) {
    ws.Text(row, 1, "扣分 " + s.FindDeduction(d.id)->name + ": " + d.reason);
    ws.Number(row++, 4, -Printed(s, d.points), st.number);
  }
  for (const Adjustment& b : r.bonuses) {
    ws.Text(row, 1, "加分 " + s.FindBonus(b.id)->name + ": " + b.reason);
    ws.Number(row++, 4, Printed(s, b.points), st.number);
  }
  for (const std::string& v : r.vetoes) {
    ws.Text(row++, 1, "一票否决 Veto: " + s.FindVeto(v)->name, st.bold);
  }
  ws.Text(row + 1, 0, "等次依据 Grade basis: " + r.grade_reason);
  ws.ColumnWidth(0, 0, 14);
  ws.ColumnWidth(1, 1, 36);
  ws.ColumnWidth(2, 4, 10);
  ws.ColumnWidth(5, 5, 60);
}

}  // namespace

Status WriteXlsx(const Assessment& a, const std::string& path) {
  xlsx::Workbook book;
  Styles styles = MakeStyles(book, a.scheme->print_decimals);
  RankingSheet(book, styles, a);
  int index = 0;
  for (const SubjectResult* r : a.Ranking()) CardSheet(book, styles, a, *r, ++index);
  return book.WriteFile(path);
}

}  // namespace ecociv::scoring
