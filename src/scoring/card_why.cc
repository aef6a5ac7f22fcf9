// The "why" of every figure on a report card, Chinese first and English,
// from the scheme's rules and the run's figures (card.h).
#include "card_why.h"

namespace ecociv::scoring::card_internal {
namespace {

Ratio Zero() { return Ratio(); }

// Figures written into a why: exact values and thresholds as they are,
// anything else at the scheme's print decimals.
struct Printer {
  const Scheme& s;
  std::string Fig(const Ratio& r) const { return PrintFigure(r, s.print_decimals); }
  std::string Pts(const Ratio& r) const { return Points(s, r); }
};

// "实际 85.2" / "85.2", or the change over a tenure with its ends.
Why Actual(const Printer& p, const ItemResult& r, const Item& item) {
  const std::string v = p.Fig(*r.value);
  if (item.basis == Basis::kChange && r.start && r.end) {
    return {"任期内变化 " + v + "（期初 " + p.Fig(*r.start) + "，期末 " + p.Fig(*r.end) + "）",
            "change " + v + " (" + p.Fig(*r.start) + " → " + p.Fig(*r.end) + ")"};
  }
  return {"实际 " + v, v};
}

// "得 28.40 分（满分 40.00）" / "→ 28.40 of 40.00".
Why Got(const Printer& p, const ItemResult& r) {
  return {"得 " + p.Pts(r.points) + " 分（满分 " + p.Pts(r.max_points) + "）",
          "→ " + p.Pts(r.points) + " of " + p.Pts(r.max_points)};
}

Why Linear(const Printer& p, const Item& item, const ItemResult& r) {
  const bool higher = item.direction == Direction::kHigher;
  const Ratio& v = *r.value;
  Why a = Actual(p, r, item), got = Got(p, r);
  std::string head_zh = std::string("线性计分") + (higher ? "" : "（越低越好）") + "：";
  std::string head_en = std::string("linear") + (higher ? "" : " (lower is better)") + ": ";
  const std::string f = p.Fig(item.floor), t = p.Fig(item.target);
  if (higher ? v >= item.target : v <= item.target) {
    return {head_zh + a.zh + "，达到目标 " + t + "，" + got.zh,
            head_en + a.en + " reaches the target " + t + " " + got.en};
  }
  if (higher ? v <= item.floor : v >= item.floor) {
    return {head_zh + a.zh + (higher ? "，不高于下限 " : "，不低于下限 ") + f + "，" + got.zh,
            head_en + a.en + (higher ? " at or below the floor " : " at or above the floor ") + f +
                " " + got.en};
  }
  return {head_zh + a.zh + "，介于下限 " + f + " 与目标 " + t + " 之间，" + got.zh,
          head_en + a.en + " between floor " + f + " and target " + t + " " + got.en};
}

Why PerUnit(const Printer& p, const Item& item, const ItemResult& r) {
  const bool higher = item.direction == Direction::kHigher;
  Why a = Actual(p, r, item), got = Got(p, r);
  const std::string t = p.Fig(item.target);
  Ratio shortfall = higher ? item.target - *r.value : *r.value - item.target;
  if (shortfall <= Zero()) {
    return {"按差距扣分：" + a.zh + "，达到目标 " + t + "，" + got.zh,
            "per unit: " + a.en + " meets the target " + t + " " + got.en};
  }
  Ratio units = shortfall / item.unit_size;
  std::string rule_zh, rule_en;
  if (item.unit_count == UnitCount::kWhole) {
    units = Ratio::Of(FloorDiv(units.num, units.den), 1);
    rule_zh = "（不足一个单位不计）";
    rule_en = " (whole units)";
  } else if (item.unit_count == UnitCount::kStarted) {
    units = Ratio::Of(CeilDiv(units.num, units.den), 1);
    rule_zh = "（不足一个单位按一个计）";
    rule_en = " (a started unit counts)";
  }
  Ratio off = units * item.per_unit;
  const bool exhausted = off >= item.points;
  if (exhausted) off = item.points;
  const std::string u = p.Fig(item.unit_size), k = p.Fig(item.per_unit);
  return {"按差距扣分：" + a.zh + "，距目标 " + t + " 差 " + p.Fig(shortfall) + "，每差 " + u +
              " 扣 " + k + " 分，计 " + p.Fig(units) + " 个单位" + rule_zh + "，扣 " + p.Fig(off) +
              " 分" + (exhausted ? "（扣完为止）" : "") + "，" + got.zh,
          "per unit: " + a.en + " is " + p.Fig(shortfall) + " short of the target " + t + "; " +
              p.Fig(units) + " units of " + u + rule_en + " × " + k + " off = " + p.Fig(off) +
              (exhausted ? " (exhausted)" : "") + " " + got.en};
}

Why Met(const Printer& p, const Item& item, const ItemResult& r) {
  const bool higher = item.direction == Direction::kHigher;
  Why a = Actual(p, r, item), got = Got(p, r);
  const std::string op = higher ? "≥" : "≤", t = p.Fig(item.target);
  if (higher ? *r.value >= item.target : *r.value <= item.target) {
    return {"达标判定：" + a.zh + " " + op + " 目标 " + t + "，达标，" + got.zh,
            "met: " + a.en + " " + op + " target " + t + " " + got.en};
  }
  return {"达标判定：" + a.zh + "，未达到目标（需 " + op + " " + t + "），" + got.zh,
          "not met: " + a.en + " (needs " + op + " " + t + ") " + got.en};
}

// The values of item `i` over every subject of the run (those with data).
std::vector<Ratio> ValuesOf(const Assessment& a, size_t i) {
  std::vector<Ratio> out;
  for (const SubjectResult& r : a.results)
    if (r.items[i].value) out.push_back(*r.items[i].value);
  return out;
}

Why Rank(const Printer& p, const Assessment& a, size_t i, const ItemResult& r) {
  const Item& item = a.scheme->items[i];
  const bool higher = item.direction == Direction::kHigher;
  std::vector<Ratio> values = ValuesOf(a, i);
  int rank = 1;
  for (const Ratio& other : values) rank += (higher ? other > *r.value : other < *r.value) ? 1 : 0;
  Why a_ = Actual(p, r, item), got = Got(p, r);
  const std::string n = std::to_string(values.size()), k = std::to_string(rank);
  return {"名次计分：" + a_.zh + "，在有数据的 " + n + " 个对象中列第 " + k + " 名，" + got.zh,
          "rank: " + a_.en + ", rank " + k + " of the " + n + " subjects with data " + got.en};
}

Why Efficacy(const Printer& p, const Assessment& a, size_t i, const ItemResult& r) {
  const Item& item = a.scheme->items[i];
  const bool higher = item.direction == Direction::kHigher;
  std::vector<Ratio> values = ValuesOf(a, i);
  Ratio lo = values.front(), hi = values.front();
  for (const Ratio& v : values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  Why a_ = Actual(p, r, item), got = Got(p, r);
  if (hi == lo) {
    return {"功效系数：" + a_.zh + "，各对象数值相同，指数 100，" + got.zh,
            "efficacy: " + a_.en + ", every subject has the same value: index 100 " + got.en};
  }
  Ratio position = (higher ? *r.value - lo : hi - *r.value) / (hi - lo);
  Ratio index = Ratio::Integer(60) + Ratio::Integer(40) * position;
  const std::string range = p.Fig(lo) + "，最大 " + p.Fig(hi);
  return {"功效系数：" + a_.zh + "，最小 " + range + "，指数 60 + 40 × " +
              (higher ? "(实际 − 最小)" : "(最大 − 实际)") + " / (最大 − 最小) = " + p.Fig(index) +
              "，" + got.zh,
          "efficacy: " + a_.en + ", min " + p.Fig(lo) + ", max " + p.Fig(hi) +
              ", index 60 + 40 × " + (higher ? "(x − min)" : "(max − x)") +
              " / (max − min) = " + p.Fig(index) + " " + got.en};
}

// A manual score's justification, as the run used it.
std::string NoteOf(const Assessment& a, const std::string& subject, const std::string& item) {
  for (const UsedValue& v : a.used_values)
    if (v.subject == subject && v.key == item) return v.value.note;
  return "";
}

Why Manual(const Printer& p, const Assessment& a, const SubjectResult& res, const Item& item,
           const ItemResult& r) {
  std::string note = NoteOf(a, res.subject.id, item.id);
  Why out{"评审打分：" + p.Fig(*r.value) + " 分（满分 " + p.Fig(item.points) + "）",
          "manual score " + p.Fig(*r.value) + " of " + p.Fig(item.points)};
  if (!note.empty()) {
    out.zh += "，依据：" + note;
    out.en += "; basis: " + note;
  }
  if (r.max_points != item.points) {
    Why got = Got(p, r);
    out.zh += "，" + got.zh;
    out.en += " " + got.en;
  }
  return out;
}

// Whether every other item of the subject's group was dropped too.
bool GroupAllDropped(const Scheme& s, const SubjectResult& res, const std::string& group) {
  for (size_t k = 0; k < s.items.size(); ++k) {
    if (s.items[k].group == group && res.items[k].outcome != ItemOutcome::kMissingDropped) {
      return false;
    }
  }
  return true;
}

Why Missing(const Printer& p, const Scheme& s, const SubjectResult& res, const Item& item,
            const ItemResult& r) {
  Why got = Got(p, r);
  switch (r.outcome) {
    case ItemOutcome::kMissingZero:
      return {"无数据：按方案规定计 0 分（满分 " + p.Pts(r.max_points) + "）",
              "no data: 0 of " + p.Pts(r.max_points) + " (the scheme's rule for missing data)"};
    case ItemOutcome::kMissingMinimum:
      return {"无数据：按方案规定计最低分，" + got.zh, "no data: the minimum " + got.en};
    case ItemOutcome::kMissingDropped:
      if (GroupAllDropped(s, res, item.group)) {
        return {"无数据：该项不计分；本组均无数据，本组分值按比例分给其他组",
                "no data: left out; no item of its group has data, so the group's points are "
                "spread over the other groups"};
      }
      return {"无数据：该项不计分，其 " + p.Fig(item.points) + " 分按比例分给同组其他项目",
              "no data: left out; its " + p.Fig(item.points) +
                  " points are spread over the rest of its group"};
    case ItemOutcome::kScored:
      break;
  }
  return {};
}

}  // namespace

std::string Points(const Scheme& scheme, const Ratio& points) {
  return FormatPoints(scheme, points);
}

Why ItemWhy(const Assessment& a, size_t j, size_t i) {
  const Scheme& s = *a.scheme;
  const Item& item = s.items[i];
  const SubjectResult& res = a.results[j];
  const ItemResult& r = res.items[i];
  Printer p{s};
  if (r.outcome != ItemOutcome::kScored) return Missing(p, s, res, item, r);
  Why why;
  switch (item.rule) {
    case RuleKind::kLinear:
      why = Linear(p, item, r);
      break;
    case RuleKind::kPerUnit:
      why = PerUnit(p, item, r);
      break;
    case RuleKind::kMet:
      why = Met(p, item, r);
      break;
    case RuleKind::kRank:
      why = Rank(p, a, i, r);
      break;
    case RuleKind::kEfficacy:
      why = Efficacy(p, a, i, r);
      break;
    case RuleKind::kManual:
      return Manual(p, a, res, item, r);
  }
  if (r.max_points != item.points) {
    why.zh += "（因缺项重新分配权重，满分由 " + p.Fig(item.points) + " 调为 " +
              p.Pts(r.max_points) + "）";
    why.en += " (re-weighted for items without data: full points " + p.Fig(item.points) + " → " +
              p.Pts(r.max_points) + ")";
  }
  return why;
}

Why DeductionWhy(const Scheme& s, const Adjustment& adj) {
  Printer p{s};
  const Deduction& d = *s.FindDeduction(adj.id);
  Ratio raw = Ratio::Integer(adj.events) * d.per_event;
  Ratio capped = raw > d.cap ? d.cap : raw;
  const std::string n = std::to_string(adj.events), amount = p.Pts(adj.points);
  Why why{d.name + "：" + n + " 次 × " + p.Fig(d.per_event) + " 分 = " + p.Fig(raw) + " 分",
          (d.name_en.empty() ? d.name : d.name_en) + ": " + n + " × " + p.Fig(d.per_event) + " = " +
              p.Fig(raw)};
  if (raw > d.cap) {
    why.zh += "，封顶 " + p.Fig(d.cap) + " 分";
    why.en += ", capped at " + p.Fig(d.cap);
  }
  if (adj.points < capped) {
    why.zh += "，以本组剩余分为限（扣完为止）";
    why.en += ", limited to what the group had left";
  }
  if (d.group.empty()) {
    why.zh += "，从总分扣 " + amount + " 分";
    why.en += " → −" + amount + " from the total";
  } else {
    const Group* g = s.FindGroup(d.group);
    why.zh += "，从「" + g->name + "」扣 " + amount + " 分";
    why.en += " → −" + amount + " from " + (g->name_en.empty() ? g->name : g->name_en);
  }
  return why;
}

Why BonusWhy(const Assessment& a, const SubjectResult& res, const Adjustment& adj, bool refused) {
  const Scheme& s = *a.scheme;
  Printer p{s};
  const Bonus& b = *s.FindBonus(adj.id);
  Ratio raw = Ratio::Integer(adj.events) * b.per_event;
  Ratio capped = raw > b.cap ? b.cap : raw;
  const std::string n = std::to_string(adj.events);
  Why why{b.name + "：" + n + " 次 × " + p.Fig(b.per_event) + " 分 = " + p.Fig(raw) + " 分",
          (b.name_en.empty() ? b.name : b.name_en) + ": " + n + " × " + p.Fig(b.per_event) + " = " +
              p.Fig(raw)};
  if (raw > b.cap) {
    why.zh += "，封顶 " + p.Fig(b.cap) + " 分";
    why.en += ", capped at " + p.Fig(b.cap);
  }
  if (refused) {
    const int64_t n_all = static_cast<int64_t>(a.results.size());
    const Ratio share = s.bonus_max_share.value_or(Ratio::Integer(1));
    const std::string quota = std::to_string(QuotaCount(share, n_all, s.quota_rounding));
    const std::string pct = PrintFigure(share * Ratio::Integer(100), 2) + "%";
    why.zh += "；加分名额已满（至多 " + quota + " 个对象获加分：" + pct + " × " +
              std::to_string(n_all) + "），不予计入";
    why.en += "; refused: the bonus quota (" + quota + " subjects: " + pct + " of " +
              std::to_string(n_all) + ") is used up";
    return why;
  }
  why.zh += "，加 " + p.Pts(capped) + " 分";
  why.en += " → +" + p.Pts(capped);
  Ratio wanted;
  for (const Adjustment& other : res.bonuses) wanted = wanted + other.points;
  if (wanted > res.bonus_total) {
    why.zh += "（加分合计封顶 " + p.Fig(s.bonus_total_cap) + " 分）";
    why.en += " (bonuses together capped at " + p.Fig(s.bonus_total_cap) + ")";
  }
  return why;
}

Why VetoWhy(const Scheme& s, const Veto& v, int64_t events) {
  const Grade& lowest = s.grades.back();
  const bool last = s.veto_rank == VetoRank::kLast;
  return {"一票否决：" + v.name + "（" + std::to_string(events) + " 起），等次定为「" +
              lowest.name + "」" + (last ? "，排在未被否决的对象之后" : ""),
          "one-vote veto: " + (v.name_en.empty() ? v.name : v.name_en) + " (" +
              std::to_string(events) + " event" + (events == 1 ? "" : "s") + ") → grade " +
              (lowest.name_en.empty() ? lowest.name : lowest.name_en) +
              (last ? ", ranked after every subject not vetoed" : "")};
}

std::string GradeEnglish(const Scheme& s, const std::string& grade) {
  for (const Grade& g : s.grades)
    if (g.name == grade) return g.name_en;
  return "";
}

Why GradeWhy(const Assessment& a, const SubjectResult& r, bool ranked) {
  const Scheme& s = *a.scheme;
  Printer p{s};
  const std::string en_grade =
      GradeEnglish(s, r.grade).empty() ? r.grade : GradeEnglish(s, r.grade);
  if (!r.vetoes.empty()) {
    return {"一票否决，等次为「" + r.grade + "」", "one-vote veto → " + en_grade};
  }
  Why why{"总分 " + p.Pts(r.total), "total " + p.Pts(r.total)};
  if (ranked) {
    why.zh += "，第 " + std::to_string(r.rank) + " 名";
    why.en += ", rank " + std::to_string(r.rank);
  }
  why.zh += "：评为「" + r.grade + "」";
  why.en += " → " + en_grade;
  const int64_t n = static_cast<int64_t>(a.results.size());
  for (const Grade& g : s.grades) {
    if (g.name == r.grade) break;
    const std::string en = g.name_en.empty() ? g.name : g.name_en;
    if (r.total < g.min_score) {
      why.zh += "；未达「" + g.name + "」所需 " + p.Fig(g.min_score) + " 分";
      why.en += "; " + en + " needs ≥ " + p.Fig(g.min_score);
    } else if (g.max_rank && r.rank > g.max_rank) {
      why.zh += "；「" + g.name + "」限前 " + std::to_string(g.max_rank) + " 名";
      why.en += "; " + en + " needs rank ≤ " + std::to_string(g.max_rank);
    } else if (g.max_share) {
      const std::string q = std::to_string(QuotaCount(*g.max_share, n, s.quota_rounding));
      why.zh += "；「" + g.name + "」名额（" + q + " 个）已满";
      why.en += "; the quota of " + en + " (" + q + ") is used up";
    }
  }
  return why;
}

}  // namespace ecociv::scoring::card_internal
