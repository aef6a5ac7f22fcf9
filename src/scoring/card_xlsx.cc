// Report cards and ranking tables as xlsx workbooks (card.h), through the
// program's one xlsx writer (core/xlsx_writer.h). Points go in as numbers
// with the printed figure's decimals; every why in Chinese, then English.
#include "ecociv/core/text_input.h"
#include "ecociv/core/xlsx_writer.h"
#include "ecociv/scoring/card.h"

namespace ecociv::scoring {
namespace {

struct Styles {
  xlsx::StyleId bold, header, number, wrap, veto;
};

// The decimals of a printed figure ("28.40" → 2).
int DecimalsOf(const std::string& printed) {
  size_t dot = printed.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(printed.size() - dot - 1);
}

Styles MakeStyles(xlsx::Workbook& book, const std::string& sample_points) {
  int decimals = DecimalsOf(sample_points);
  Styles s{};
  s.bold = book.AddStyle(xlsx::Style{.bold = true});
  s.header =
      book.AddStyle(xlsx::Style{.bold = true, .wrap = true, .thin_border = true, .fill = 0xDDDDDD});
  s.number = book.AddStyle(
      xlsx::Style{.number_format = decimals > 0 ? "0." + std::string(decimals, '0') : "0"});
  s.wrap = book.AddStyle(xlsx::Style{.wrap = true});
  s.veto = book.AddStyle(xlsx::Style{.bold = true, .font_color = 0xBB0000});
  return s;
}

// A printed figure as a number cell (empty when there is none).
void Figure(xlsx::Sheet& ws, int row, int column, const std::string& printed, xlsx::StyleId style) {
  double value = 0;
  if (!printed.empty() && ParseDouble(printed, &value)) ws.Number(row, column, value, style);
}

std::string RunText(const std::optional<CardRun>& run) {
  if (!run) return "";
  return "运行 Run #" + std::to_string(run->id) + " " + run->state +
         (run->approved_by.empty()
              ? ""
              : " · 审定 approved by " + run->approved_by + " " + run->approved_at);
}

void Headers(xlsx::Sheet& ws, int row, const std::vector<std::string>& headers,
             xlsx::StyleId style) {
  for (size_t c = 0; c < headers.size(); ++c) ws.Text(row, static_cast<int>(c), headers[c], style);
}

std::string CardSummary(const Card& c) {
  std::string out = c.subject.name + " (" + c.subject.id + ")  总分 Total " + c.total + " / " +
                    c.scheme.total + "  等次 Grade " + c.grade + " " + c.grade_en;
  if (c.rank) out += "  排名 Rank " + std::to_string(*c.rank) + "/" + std::to_string(c.subjects);
  if (c.last_rank) out += "  上年 Last year " + std::to_string(*c.last_rank);
  if (c.person) {
    out += "  " + c.person->post + " · 任期 Tenure " + c.person->tenure_start + " – " +
           (c.person->tenure_end.empty() ? "至今 present" : c.person->tenure_end);
  }
  return out;
}

int CardItems(xlsx::Sheet& ws, const Styles& st, const Card& c, int row) {
  Headers(ws, row++,
          {"分组\nGroup", "项目\nItem", "数值\nValue", "满分\nMax", "得分\nPoints", "说明\nWhy"},
          st.header);
  for (const CardGroup& g : c.groups) {
    ws.Text(row, 0, g.name + "\n" + g.name_en, st.bold);
    Figure(ws, row, 3, g.max_points, st.number);
    Figure(ws, row++, 4, g.points, st.number);
    for (const CardItem& i : c.items) {
      if (i.group != g.id) continue;
      ws.Text(row, 1, i.name + "\n" + i.name_en, st.wrap);
      if (!i.start.empty() || !i.end.empty()) {
        ws.Text(row, 2, i.start + " → " + i.end + " (Δ " + i.value + ")");
      } else {
        Figure(ws, row, 2, i.value, xlsx::kNoStyle);
      }
      Figure(ws, row, 3, i.max_points, st.number);
      Figure(ws, row, 4, i.points, st.number);
      ws.Text(row++, 5, i.why.zh + "\n" + i.why.en, st.wrap);
    }
  }
  return row;
}

}  // namespace

StatusOr<std::string> CardXlsx(const Card& c) {
  xlsx::Workbook book;
  Styles st = MakeStyles(book, c.total);
  xlsx::Sheet& ws = book.AddSheet("成绩单 Card");
  ws.page().fit_to_width = true;
  ws.page().a4 = true;
  ws.Text(0, 0, c.scheme.name + " " + std::to_string(c.year) + " 成绩单 Report card", st.bold);
  ws.Text(1, 0, CardSummary(c), st.bold);
  ws.Text(2, 0, RunText(c.run) + "  " + c.scheme.status);
  int row = CardItems(ws, st, c, 4);
  for (const CardAdjustment& d : c.deductions) {
    ws.Text(row, 1, "扣分 Deduction: " + d.name);
    Figure(ws, row, 4, "-" + d.points, st.number);
    ws.Text(row++, 5, d.why.zh + "\n" + d.why.en, st.wrap);
  }
  for (const CardAdjustment& b : c.bonuses) {
    ws.Text(row, 1, "加分 Bonus: " + b.name);
    Figure(ws, row, 4, b.points, st.number);
    ws.Text(row++, 5, b.why.zh + "\n" + b.why.en, st.wrap);
  }
  for (const CardVeto& v : c.vetoes) ws.Text(row++, 1, v.why.zh + "\n" + v.why.en, st.veto);
  ws.Text(row + 1, 0, "等次依据 " + c.grade_why.zh + " / " + c.grade_why.en);
  ws.ColumnWidth(0, 0, 16);
  ws.ColumnWidth(1, 1, 34);
  ws.ColumnWidth(2, 4, 11);
  ws.ColumnWidth(5, 5, 70);
  return book.Bytes();
}

StatusOr<std::string> RankingXlsx(const Ranking& r) {
  xlsx::Workbook book;
  Styles st = MakeStyles(book, r.scheme.total);
  xlsx::Sheet& ws = book.AddSheet("排名 Ranking");
  ws.page().landscape = true;
  ws.page().fit_to_width = true;
  ws.Text(0, 0, r.scheme.name + " " + std::to_string(r.year) + " · " + r.scheme.name_en, st.bold);
  ws.Text(1, 0, RunText(r.run) + "  " + r.scheme.status);
  std::vector<std::string> headers;
  if (r.ranked) headers.push_back("排名\nRank");
  for (const char* h : {"对象\nSubject", "名称\nName", "总分\nTotal", "等次\nGrade"}) {
    headers.push_back(h);
  }
  for (const CardGroup& g : r.groups) headers.push_back(g.name + "\n" + g.name_en);
  headers.push_back("一票否决\nVeto");
  if (r.ranked) {
    headers.push_back("上年排名\nLast year");
    headers.push_back("变化\nChange");
  }
  Headers(ws, 3, headers, st.header);
  int row = 4;
  for (const RankingRow& x : r.rows) {
    int c = 0;
    if (r.ranked) ws.Number(row, c++, *x.rank);
    ws.Text(row, c++, x.subject.id);
    ws.Text(row, c++, x.subject.name);
    Figure(ws, row, c++, x.total, st.number);
    ws.Text(row, c++, x.grade);
    for (const std::string& g : x.groups) Figure(ws, row, c++, g, st.number);
    ws.Text(row, c++, x.vetoed ? "一票否决 vetoed" : "");
    if (r.ranked && x.last_rank) {
      ws.Number(row, c, *x.last_rank);
      ws.Number(row, c + 1, *x.rank_change);
    }
    ++row;
  }
  ws.ColumnWidth(0, 2, 14);
  ws.ColumnWidth(3, static_cast<int>(headers.size()), 11);
  return book.Bytes();
}

}  // namespace ecociv::scoring
