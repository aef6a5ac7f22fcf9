#include "ecociv/scoring/report.h"

#include "ecociv/core/csv_writer.h"
#include "ecociv/core/html_text.h"

namespace ecociv::scoring {
namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string VetoNames(const Scheme& s, const SubjectResult& r) {
  std::vector<std::string> names;
  for (const std::string& id : r.vetoes) names.push_back(s.FindVeto(id)->name);
  return Join(names, "; ");
}

const char kStyle[] = R"(<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#111}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:0}.en{color:#555;font-size:.85em;font-weight:normal}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}th,td{border:1px solid #999;padding:3px 6px;font-size:.9em}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
.card{page-break-before:always;border-top:2px solid #333;padding-top:1em;margin-top:2em}
.veto{color:#b00;font-weight:bold}.note{color:#555;font-size:.85em}
@media print{body{margin:1cm}.card{margin-top:0}}
</style>)";

std::string Label(const std::string& zh, const std::string& en) {
  return EscapeHtml(zh) + (en.empty() ? "" : " <span class=\"en\">" + EscapeHtml(en) + "</span>");
}

std::string RankingTable(const Assessment& a) {
  const Scheme& s = *a.scheme;
  std::string out =
      "<table><tr><th>排名<br><span class=\"en\">Rank</span></th><th>对象<br>"
      "<span class=\"en\">Subject</span></th><th>总分<br><span class=\"en\">Total"
      "</span></th><th>等次<br><span class=\"en\">Grade</span></th><th>一票否决<br>"
      "<span class=\"en\">Veto</span></th></tr>\n";
  for (const SubjectResult* r : a.Ranking()) {
    out += "<tr><td class=\"n\">" + std::to_string(r->rank) + "</td><td>" +
           EscapeHtml(r->subject.name.empty() ? r->subject.id : r->subject.name) +
           "</td><td class=\"n\">" + FormatPoints(s, r->total) + "</td><td>" + EscapeHtml(r->grade) +
           "</td><td class=\"veto\">" + EscapeHtml(VetoNames(s, *r)) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string ValueCell(const ItemResult& r) {
  if (!r.value) return "—";
  std::string v = FormatRounded(*r.value, 4);
  while (v.find('.') != std::string::npos && (v.back() == '0' || v.back() == '.')) {
    bool dot = v.back() == '.';
    v.pop_back();
    if (dot) break;
  }
  if (r.start && r.end) {
    return FormatRounded(*r.start, 2) + " → " + FormatRounded(*r.end, 2) + " (Δ " + v + ")";
  }
  return v;
}

std::string Card(const Assessment& a, const SubjectResult& r) {
  const Scheme& s = *a.scheme;
  std::string out = "<div class=\"card\"><h2>" + EscapeHtml(r.subject.name) + " " + EscapeHtml(r.subject.id) +
                    " — 成绩单 <span class=\"en\">Report card</span></h2>\n";
  out += "<p>总分 <span class=\"en\">Total</span> <b>" + FormatPoints(s, r.total) + "</b> / " +
         FormatPoints(s, s.total) + " · 排名 <span class=\"en\">Rank</span> <b>" +
         std::to_string(r.rank) + "</b> / " + std::to_string(a.results.size()) +
         " · 等次 <span class=\"en\">Grade</span> <b>" + EscapeHtml(r.grade) + "</b></p>\n";
  if (!r.vetoes.empty()) {
    out += "<p class=\"veto\">一票否决 One-vote veto: " + EscapeHtml(VetoNames(s, r)) + "</p>\n";
  }
  out +=
      "<table><tr><th>项目 <span class=\"en\">Item</span></th><th>数值 <span class=\"en\">"
      "Value</span></th><th>满分 <span class=\"en\">Max</span></th><th>得分 <span "
      "class=\"en\">Points</span></th><th>说明 <span class=\"en\">Basis</span></th></tr>\n";
  for (const Group& g : s.groups) {
    out += "<tr><th colspan=\"3\" style=\"text-align:left\">" + Label(g.name, g.name_en) +
           "</th><th class=\"n\">" + FormatPoints(s, r.groups.at(g.id)) + "</th><th></th></tr>\n";
    for (size_t i = 0; i < s.items.size(); ++i) {
      const Item& item = s.items[i];
      if (item.group != g.id) continue;
      const ItemResult& ir = r.items[i];
      out += "<tr><td>" + Label(item.name, item.name_en) + "</td><td class=\"n\">" +
             EscapeHtml(ValueCell(ir)) + " " + EscapeHtml(item.unit) + "</td><td class=\"n\">" +
             FormatPoints(s, ir.max_points) + "</td><td class=\"n\">" + FormatPoints(s, ir.points) +
             "</td><td class=\"note\">" + EscapeHtml(ir.reason) + "</td></tr>\n";
    }
  }
  out += "</table>\n";
  auto adjustments = [&](const std::vector<Adjustment>& list, const char* title, bool minus) {
    if (list.empty()) return;
    out += "<p><b>" + std::string(title) + "</b></p><ul>\n";
    for (const Adjustment& adj : list) {
      std::string name = minus ? s.FindDeduction(adj.id)->name : s.FindBonus(adj.id)->name;
      out += "<li>" + EscapeHtml(name) + ": " + (minus ? "−" : "+") + FormatPoints(s, adj.points) +
             " <span class=\"note\">(" + EscapeHtml(adj.reason) + ")</span></li>\n";
    }
    out += "</ul>\n";
  };
  adjustments(r.deductions, "扣分 Deductions", true);
  adjustments(r.bonuses, "加分 Bonus", false);
  out += "<p class=\"note\">等次依据 Grade basis: " + EscapeHtml(r.grade_reason) + "</p></div>\n";
  return out;
}

}  // namespace

std::string RankingCsv(const Assessment& a) {
  const Scheme& s = *a.scheme;
  std::string out = "rank,subject,name,total,grade,base,deductions,bonus,vetoes";
  for (const Group& g : s.groups) out += "," + CsvCell(g.id);
  out += "\n";
  for (const SubjectResult* r : a.Ranking()) {
    out += std::to_string(r->rank) + "," + CsvCell(r->subject.id) + "," + CsvCell(r->subject.name) +
           "," + FormatPoints(s, r->total) + "," + CsvCell(r->grade) + "," +
           FormatPoints(s, r->base) + "," + FormatPoints(s, r->deduction_total) + "," +
           FormatPoints(s, r->bonus_total) + "," + CsvCell(Join(r->vetoes, ";"));
    for (const Group& g : s.groups) out += "," + FormatPoints(s, r->groups.at(g.id));
    out += "\n";
  }
  return out;
}

std::string ReportHtml(const Assessment& a, const std::string& only_subject) {
  const Scheme& s = *a.scheme;
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
                    EscapeHtml(s.name) + " " + std::to_string(a.options.year) + "</title>" + kStyle +
                    "</head><body>\n";
  out += "<h1>" + EscapeHtml(s.name) + " · " + std::to_string(a.options.year) +
         "<br><span class=\"en\">" + EscapeHtml(s.name_en) + "</span></h1>\n";
  if (!s.status.empty()) out += "<p class=\"note\">" + EscapeHtml(s.status) + "</p>\n";
  out += "<h2>排名 <span class=\"en\">Ranking</span></h2>\n" + RankingTable(a);
  for (const SubjectResult& r : a.results) {
    if (only_subject.empty() || r.subject.id == only_subject) out += Card(a, r);
  }
  out +=
      "<p class=\"note\">分值按 GB/T 8170 修约 Points rounded per GB/T 8170; 计算过程见 "
      "<code>ecociv scoring explain</code>.</p></body></html>\n";
  return out;
}

}  // namespace ecociv::scoring
