// Documents as HTML and JSON (report/document.h).
#include "ecociv/report/document.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/html_text.h"
#include "ecociv/report/chart_svg.h"

namespace ecociv::report {

namespace {

// A cell that is a figure (digits, sign, point, %, a change word before it)
// is right-aligned.
bool LooksNumeric(const std::string& cell) {
  if (cell.empty()) return false;
  int digits = 0;
  for (unsigned char c : cell) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != '.' && c != '-' && c != '+' && c != '%' && c != '/' && c != ' ')
      return false;
  }
  return digits > 0;
}

const char* kStyle = R"CSS(
@page {
  size: A4;
  margin: 22mm 20mm 22mm 20mm;
  @bottom-center { content: PAGE_TEXT; font-family: "Noto Serif CJK SC", serif; font-size: 9pt; }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Serif CJK SC", "Noto Serif", serif; font-size: 11.5pt; line-height: 1.75;
  color: #000; margin: 0 auto; max-width: 170mm; }
.issuer { text-align: center; font-family: "Noto Sans CJK SC", sans-serif; font-size: 15pt;
  letter-spacing: 0.08em; margin: 0 0 2mm; }
.formal .issuer { color: #c00000; font-size: 24pt; font-weight: bold; margin-top: 6mm; }
.number { text-align: center; font-size: 11pt; margin: 2mm 0; }
.redline { border-top: 2.5px solid #c00000; margin: 2mm 0 8mm; }
.rule { border-top: 1px solid #000; margin: 2mm 0 6mm; }
h1 { text-align: center; font-family: "Noto Sans CJK SC", sans-serif; font-size: 17pt;
  margin: 4mm 0 1mm; line-height: 1.4; }
.subtitle { text-align: center; font-size: 11pt; margin: 0 0 6mm; }
h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 6mm 0 2mm; }
p { text-indent: 2em; margin: 1.5mm 0; text-align: justify; }
[lang=en] p { text-indent: 0; }
p.note { text-indent: 0; font-size: 9.5pt; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0 1mm; font-size: 10pt;
  line-height: 1.45; }
caption { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; padding-bottom: 1.5mm; }
th, td { border: 0.75px solid #000; padding: 1.2mm 2mm; vertical-align: top; }
th { background: #eee; font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
.short { white-space: nowrap; }
tr { page-break-inside: avoid; }
.tablenote { font-size: 9pt; color: #333; margin: 0 0 3mm; }
.date { text-align: right; margin-top: 10mm; }
.signoff { break-inside: avoid; page-break-inside: avoid; }
.signature { text-align: right; }
.appendix { page-break-before: always; }
figure { margin: 3mm 0 4mm; break-inside: avoid; page-break-inside: avoid; text-align: center; }
figure svg { width: 100%; height: auto; }
figcaption { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; font-size: 10.5pt; }
)CSS";

// Cells of at most this many bytes (four CJK characters) are not wrapped.
constexpr size_t kShortCell = 12;

void AppendBlocks(const std::vector<Block>& blocks, std::string* out) {
  for (const Block& b : blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        *out += "<h2>" + EscapeHtml(b.text) + "</h2>\n";
        break;
      case Block::Kind::kParagraph:
        *out += "<p>" + EscapeHtml(b.text) + "</p>\n";
        break;
      case Block::Kind::kNote:
        *out += "<p class=\"note\">" + EscapeHtml(b.text) + "</p>\n";
        break;
      case Block::Kind::kTable: {
        const Table& t = b.table;
        *out += "<table>";
        if (!t.caption.empty()) *out += "<caption>" + EscapeHtml(t.caption) + "</caption>";
        *out += "\n<thead><tr>";
        for (const std::string& h : t.header) {
          *out += (h.size() <= kShortCell ? "<th class=\"short\">" : "<th>") + EscapeHtml(h) + "</th>";
        }
        *out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
          *out += "<tr>";
          for (const std::string& cell : row) {
            const bool figure = t.align_figures && LooksNumeric(cell);
            // A short cell (a class, 达标, 省考) stays on one line.
            *out += figure                      ? "<td class=\"num\">"
                    : cell.size() <= kShortCell ? "<td class=\"short\">"
                                                : "<td>";
            *out += EscapeHtml(cell) + "</td>";
          }
          *out += "</tr>\n";
        }
        *out += "</tbody></table>\n";
        if (!t.note.empty()) *out += "<div class=\"tablenote\">" + EscapeHtml(t.note) + "</div>\n";
        break;
      }
      case Block::Kind::kChart:
        *out += "<figure>" + ChartSvg(b.chart) + "<figcaption>" + EscapeHtml(b.chart.caption) +
                "</figcaption></figure>\n";
        break;
    }
  }
}

nlohmann::json BlocksJson(const std::vector<Block>& blocks) {
  nlohmann::json list = nlohmann::json::array();
  for (const Block& b : blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        list.push_back({{"heading", b.text}});
        break;
      case Block::Kind::kParagraph:
        list.push_back({{"paragraph", b.text}});
        break;
      case Block::Kind::kNote:
        list.push_back({{"note", b.text}});
        break;
      case Block::Kind::kTable:
        list.push_back({{"table",
                         {{"caption", b.table.caption},
                          {"header", b.table.header},
                          {"rows", b.table.rows},
                          {"note", b.table.note}}}});
        break;
      case Block::Kind::kChart:
        list.push_back({{"chart",
                         {{"caption", b.chart.caption},
                          {"unit", b.chart.unit},
                          {"labels", b.chart.labels},
                          {"values", b.chart.values},
                          {"limit", b.chart.limit},
                          {"limit_label", b.chart.limit_label}}}});
        break;
    }
  }
  return list;
}

}  // namespace

StatusOr<std::string> IssueDate(const std::string& date, Lang lang) {
  DayNumber day = 0;
  if (date.empty()) {
    const int64_t beijing = static_cast<int64_t>(std::time(nullptr)) + 8 * 3600;
    day = DaysFromCivil(CivilDate{1970, 1, 1}) + static_cast<DayNumber>(beijing / 86400);
  } else {
    auto parsed = ParseDate(date);
    if (!parsed.ok()) return InvalidArgumentError("--date: expected YYYY-MM-DD");
    day = *parsed;
  }
  const CivilDate d = CivilFromDays(day);
  if (lang == Lang::kZh) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) +
           "日";
  }
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string ExactText(const Ratio& value) {
  const Ratio r = Ratio::Of(value.num, value.den);
  auto text = [](int128 v) {
    if (v == 0) return std::string("0");
    const bool negative = v < 0;
    std::string digits;
    for (; v != 0; v /= 10)
      digits.insert(digits.begin(), char('0' + (negative ? -(v % 10) : v % 10)));
    return (negative ? "-" : "") + digits;
  };
  return r.den == 1 ? text(r.num) : text(r.num) + "/" + text(r.den);
}

std::string DocumentHtml(const Document& d) {
  const bool zh = d.lang == Lang::kZh;
  std::string style = kStyle;
  const std::string page_text = zh ? R"("第 " counter(page) " 页  共 " counter(pages) " 页")"
                                   : R"("Page " counter(page) " of " counter(pages))";
  style.replace(style.find("PAGE_TEXT"), 9, page_text);
  std::string out = "<!doctype html>\n<html lang=\"";
  out += zh ? "zh-CN" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"ecociv-issuer\" content=\"" + EscapeHtml(d.issuer) + "\">\n";
  out += "<meta name=\"ecociv-number\" content=\"" + EscapeHtml(d.number) + "\">\n";
  out += "<meta name=\"ecociv-date\" content=\"" + EscapeHtml(d.date) + "\">\n";
  out += "<title>" + EscapeHtml(d.title) + "</title>\n<style>" +
         style + "</style>\n</head>\n<body class=\"" + (d.formal ? "formal" : "plain") + "\">\n";
  out += "<div class=\"issuer\">" + EscapeHtml(d.issuer) + "</div>\n";
  if (d.formal) {
    const std::string number = d.number.empty() ? (zh ? "〔　　〕　　号" : "No. ____") : d.number;
    out += "<div class=\"number\">" + EscapeHtml(number) + "</div>\n<div class=\"redline\"></div>\n";
  } else {
    // A plain document prints its number only when it has one.
    if (!d.number.empty()) out += "<div class=\"number\">" + EscapeHtml(d.number) + "</div>\n";
    out += "<div class=\"rule\"></div>\n";
  }
  out += "<h1>" + EscapeHtml(d.title) + "</h1>\n";
  if (!d.subtitle.empty()) out += "<div class=\"subtitle\">" + EscapeHtml(d.subtitle) + "</div>\n";
  AppendBlocks(d.body, &out);
  // The issuer and the date are one sign-off, never split by a page break.
  out += "<div class=\"signoff\"><div class=\"date\">" + EscapeHtml(d.issuer) + "</div>\n";
  out += "<div class=\"signature\">" + EscapeHtml(d.date) + "</div></div>\n";
  if (!d.appendix.empty()) {
    out += "<section class=\"appendix\">\n<h1>" + EscapeHtml(d.appendix_title) + "</h1>\n";
    AppendBlocks(d.appendix, &out);
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

namespace {

// The text EscapeHtml escaped, back.
std::string UnescapeHtml(std::string_view text) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

// The content of <meta name="NAME" content="…"> in the head; "" when absent.
std::string MetaContent(std::string_view html, const std::string& name) {
  const size_t head_end = html.find("</head>");
  const std::string start = "<meta name=\"" + name + "\" content=\"";
  const size_t at = html.find(start);
  if (at == std::string_view::npos || (head_end != std::string_view::npos && at > head_end))
    return "";
  const size_t from = at + start.size();
  const size_t to = html.find('"', from);
  return to == std::string_view::npos ? "" : UnescapeHtml(html.substr(from, to - from));
}

}  // namespace

DocumentHead HeadOfHtml(std::string_view html) {
  return {MetaContent(html, "ecociv-issuer"), MetaContent(html, "ecociv-number"),
          MetaContent(html, "ecociv-date")};
}

std::string DocumentJson(const Document& d) {
  nlohmann::json figures = nlohmann::json::array();
  for (const Figure& f : d.figures) {
    figures.push_back({{"key", f.key}, {"text", f.text}, {"exact", f.exact}});
  }
  nlohmann::json j = {{"kind", d.kind},
                      {"lang", d.lang == Lang::kZh ? "zh" : "en"},
                      {"issuer", d.issuer},
                      {"title", d.title},
                      {"subtitle", d.subtitle},
                      {"number", d.number},
                      {"date", d.date},
                      {"body", BlocksJson(d.body)},
                      {"appendix_title", d.appendix_title},
                      {"appendix", BlocksJson(d.appendix)},
                      {"figures", figures}};
  return j.dump(1) + "\n";
}

}  // namespace ecociv::report
