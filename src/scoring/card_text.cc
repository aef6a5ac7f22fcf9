// Report cards and ranking tables as text for the terminal (card.h):
// Chinese first, English beside or below.
#include "ecociv/scoring/card.h"

namespace ecociv::scoring {
namespace {

std::string RunLine(const std::optional<CardRun>& run) {
  if (!run) return "运行 Run: (not saved)\n";
  std::string out = "运行 Run: #" + std::to_string(run->id) + " " + run->state;
  if (!run->approved_by.empty()) {
    out += " · 审定 approved by " + run->approved_by + " at " + run->approved_at;
  }
  if (run->replaces) out += " · 更正 corrects #" + std::to_string(run->replaces);
  if (run->replaced_by) out += " · 已被更正 superseded by #" + std::to_string(run->replaced_by);
  return out + "\n";
}

std::string PersonLine(const CardPerson& p) {
  return "单位 Unit: " + (p.unit_name.empty() ? p.unit : p.unit_name + " (" + p.unit + ")") +
         " · 职务 Post: " + p.post + " · 任期 Tenure: " + p.tenure_start + " – " +
         (p.tenure_end.empty() ? "至今 present" : p.tenure_end) + "\n";
}

std::string RankPart(const Card& c) {
  if (!c.rank) return "";
  std::string out = "   排名 Rank: " + std::to_string(*c.rank) + "/" + std::to_string(c.subjects);
  if (c.last_rank) {
    int d = *c.rank_change;
    out += " (上年 last year " + std::to_string(*c.last_rank) + ", " +
           (d > 0   ? "↑" + std::to_string(d)
            : d < 0 ? "↓" + std::to_string(-d)
                    : "→0") +
           ")";
  }
  return out;
}

std::string Change(const std::optional<int>& d) {
  if (!d) return "";
  return *d > 0 ? "↑" + std::to_string(*d) : *d < 0 ? "↓" + std::to_string(-*d) : "→0";
}

std::string Pad(std::string text, size_t width) {
  // Display width: a CJK character (3 UTF-8 bytes) takes two columns.
  size_t columns = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    columns += len >= 3 ? 2 : 1;
    i += len;
  }
  if (columns < width) text += std::string(width - columns, ' ');
  return text + " ";
}

void Adjustments(const std::string& title, const std::vector<CardAdjustment>& list,
                 std::string* out) {
  if (list.empty()) return;
  *out += title + "\n";
  for (const CardAdjustment& a : list) {
    *out += "  " + a.why.zh + "\n  " + a.why.en + "\n";
  }
}

}  // namespace

std::string CardText(const Card& c) {
  std::string out = c.scheme.name + " · " + std::to_string(c.year) + " 成绩单\n" +
                    c.scheme.name_en + " · report card\n";
  if (!c.scheme.status.empty()) out += c.scheme.status + "\n";
  out += "对象 Subject: " + c.subject.name + " (" + c.subject.id + ")\n";
  if (c.person) out += PersonLine(*c.person);
  out += RunLine(c.run);
  out += "总分 Total: " + c.total + " / " + c.scheme.total + "   等次 Grade: " + c.grade +
         (c.grade_en.empty() ? "" : " " + c.grade_en) + RankPart(c) + "\n";
  out += "等次依据: " + c.grade_why.zh + "\nGrade basis: " + c.grade_why.en + "\n";
  for (const CardVeto& v : c.vetoes) out += v.why.zh + "\n" + v.why.en + "\n";
  for (const CardGroup& g : c.groups) {
    out += "\n" + g.name + (g.name_en.empty() ? "" : " · " + g.name_en) + ": " + g.points + " / " +
           g.max_points + "\n";
    for (const CardItem& i : c.items) {
      if (i.group != g.id) continue;
      out += "  " + i.id + " " + i.name + " · " + i.name_en + ": " + i.points + " / " +
             i.max_points + "\n    " + i.why.zh + "\n    " + i.why.en + "\n";
    }
  }
  out += "\n";
  Adjustments("扣分 Deductions (" + c.deduction_total + "):", c.deductions, &out);
  Adjustments("加分 Bonuses (" + c.bonus_total + "):", c.bonuses, &out);
  return out;
}

std::string RankingText(const Ranking& r) {
  std::string out = r.scheme.name + " · " + std::to_string(r.year) + "\n" + r.scheme.name_en + "\n";
  if (!r.scheme.status.empty()) out += r.scheme.status + "\n";
  out += RunLine(r.run);
  if (r.last_year) {
    out += "上年 Last year: " + std::to_string(r.last_year->year) + " (run #" +
           std::to_string(r.last_year->run) + ")\n";
  }
  out += "\n" + (r.ranked ? Pad("排名", 5) : std::string()) + Pad("对象", 8) + Pad("名称", 24) +
         Pad("总分", 9) + Pad("等次", 8) + (r.ranked ? "变化 " : "") + "否决\n";
  for (const RankingRow& row : r.rows) {
    if (r.ranked) out += Pad(std::to_string(*row.rank), 5);
    out +=
        Pad(row.subject.id, 8) + Pad(row.subject.name, 24) + Pad(row.total, 9) + Pad(row.grade, 8);
    if (r.ranked) out += Pad(Change(row.rank_change), 4);
    out += std::string(row.vetoed ? "一票否决" : "") + "\n";
  }
  return out;
}

}  // namespace ecociv::scoring
