#include "ecociv/indicators/verdict.h"

#include <algorithm>

#include "ecociv/core/message_text.h"
#include "ecociv/indicators/formula.h"

namespace ecociv::indicators {

namespace {

// A value found for (id, year): usable for the verdict or pending review.
struct Found {
  const YearValue* value = nullptr;
  bool usable = false;
};

Found FindValue(const ValueTable& values, const std::string& id, int year) {
  Found found;
  auto by_id = values.find(id);
  if (by_id == values.end()) return found;
  auto it = by_id->second.find(year);
  if (it == by_id->second.end()) return found;
  found.value = &it->second;
  found.usable = it->second.status == "accepted" || it->second.source == "engine";
  return found;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Sets the reason of a result: its code and arguments, and its text for the command line.
void SetReason(IndicatorResult* r, std::string code, std::string text,
               std::vector<std::pair<std::string, std::string>> args = {}) {
  r->reason = std::move(text);
  r->reason_code = std::move(code);
  r->reason_args = std::move(args);
}

// The code of why the indicator does not apply to the profile, "" when it applies.
std::string NotApplicableCode(const Indicator& ind, const CityProfile& p) {
  bool has_level = Contains(ind.applies, "city") || Contains(ind.applies, "county");
  if (has_level && !Contains(ind.applies, p.level)) return "applies_other_level";
  bool has_terrain = Contains(ind.applies, "plain") || Contains(ind.applies, "hill") ||
                     Contains(ind.applies, "mountain");
  if (has_terrain && !Contains(ind.applies, p.terrain)) return "applies_other_terrain";
  if (Contains(ind.applies, "coastal") && !p.coastal) return "coastal_only";
  return "";
}

// The command line's text of a code of NotApplicableCode.
std::string NotApplicableText(const std::string& code) {
  if (code == "applies_other_level") return "applies to another level only";
  if (code == "applies_other_terrain") return "applies to another terrain only";
  return "coastal areas only";
}

class Evaluator {
 public:
  Evaluator(const Catalogue& cat, const ValueTable& values, int year)
      : cat_(cat), values_(values), year_(year) {}

  // The numeric value of `id` in `year`: reported/engine values, or a derived
  // formula over them. *trace receives "id=value" parts.
  StatusOr<Ratio> Numeric(const std::string& id, int year, std::string* trace) const {
    const Indicator* ind = cat_.Find(id);
    if (ind != nullptr && ind->source == Source::kDerived) {
      auto formula = Formula::Parse(ind->formula);
      if (!formula.ok()) return formula.status();
      return formula->Evaluate(
          [&](const std::string& input) { return Numeric(input, year, trace); });
    }
    Found found = FindValue(values_, id, year);
    if (found.value == nullptr) {
      return NotFoundError("no value for " + id + " in " + std::to_string(year));
    }
    if (!found.value->error.empty()) return FailedPreconditionError(found.value->error);
    if (!found.usable) {
      return NotFoundError(id + " " + std::to_string(year) + " is " + found.value->status +
                           ", not accepted");
    }
    Ratio number;
    if (!ParseExactDecimal(found.value->text, &number)) {
      return InvalidArgumentError(id + " " + std::to_string(year) + " value " +
                                  QuoteForMessage(found.value->text) + " is not a number");
    }
    if (trace != nullptr) {
      if (!trace->empty()) *trace += ", ";
      *trace += id + "=" + found.value->text;
    }
    return number;
  }

  IndicatorResult Judge(const Indicator& ind, const CityProfile& profile,
                        const PlanTable& plan) const {
    IndicatorResult r;
    r.indicator = &ind;
    r.owner = ind.responsible;
    r.binding = ind.direction == Direction::kInput ? "input" : ResolveBinding(ind, profile.level);
    auto planned = plan.find(ind.id);
    if (planned != plan.end() && !planned->second.units.empty()) r.owner = planned->second.units;
    std::string why_not = NotApplicableCode(ind, profile);
    auto target = ResolveTarget(ind, profile.level, profile.terrain);
    if (!why_not.empty()) {
      r.verdict = Verdict::kNotApplicable;
      SetReason(&r, why_not, NotApplicableText(why_not));
      return r;
    }
    if (target.ok() && !target->applies) {
      r.verdict = Verdict::kNotApplicable;
      SetReason(&r, "no_target_at_level", "no target at " + profile.level + " level",
                {{"level", profile.level}});
      return r;
    }
    if (!target.ok()) return Fail(r, target.status().message());
    r.target_text = target->text;
    r.target = target->number;
    if (planned != plan.end() && !planned->second.target.empty()) {
      r.plan_target = true;
      r.target_text = planned->second.target;
      r.target.reset();
      Ratio number;
      if (IsNumeric(ind.direction)) {
        if (!ParseExactDecimal(r.target_text, &number)) {
          r = Fail(r, "plan target " + QuoteForMessage(r.target_text) + " is not a number");
          r.reason_code = "plan_target_not_number";
          r.reason_args = {{"target", r.target_text}};
          return r;
        }
        r.target = number;
      }
    }
    r.target_base = r.target_text;
    ReadValue(ind, &r);
    if (r.verdict == Verdict::kError || !r.reason.empty()) return r;
    if (ind.direction == Direction::kInput) {
      r.verdict = Verdict::kNotJudged;
      SetReason(&r, "input_figure", "input figure");
      return r;
    }
    if (ind.direction == Direction::kState) {
      r.verdict = r.value_text == r.target_text ? Verdict::kMet : Verdict::kNotMet;
      return r;
    }
    JudgeNumber(ind.direction, &r);
    return r;
  }

 private:
  static IndicatorResult Fail(IndicatorResult r, const std::string& reason) {
    r.verdict = Verdict::kError;
    SetReason(&r, "error", reason, {{"detail", reason}});
    r.value_source.clear();
    return r;
  }

  // Fills value, previous and trend; on no data sets r->reason (verdict no_data).
  void ReadValue(const Indicator& ind, IndicatorResult* r) const {
    if (ind.source != Source::kDerived) {
      Found found = FindValue(values_, ind.id, year_);
      if (found.value == nullptr) {
        SetReason(r, "no_value", "no value for " + std::to_string(year_),
                  {{"year", std::to_string(year_)}});
        return;
      }
      r->review_status = found.value->status;
      r->inputs = found.value->inputs;
      if (!found.usable) {
        r->value_text = found.value->text;
        const std::string& why = found.value->review_reason;
        SetReason(r, "value_not_accepted",
                  "value " + found.value->status + ", not accepted" + (why.empty() ? "" : ": " + why),
                  {{"status", found.value->status}, {"review_reason", why}});
        return;
      }
      r->value_source = found.value->source;
      if (!IsNumeric(ind.direction)) {
        r->value_text = found.value->text;
        return;
      }
    }
    std::string trace;
    auto value = Numeric(ind.id, year_, &trace);
    if (!value.ok()) {
      if (value.status().code() == StatusCode::kNotFound) {
        // A derived indicator's input without a usable value (the message names it).
        SetReason(r, "input_missing", value.status().message(),
                  {{"detail", value.status().message()}});
      } else {
        *r = Fail(*r, ind.id + ": " + value.status().message());
      }
      return;
    }
    r->value = *value;
    r->value_text = ind.source == Source::kDerived ? FormatRatio(*value)
                                                   : FindValue(values_, ind.id, year_).value->text;
    if (ind.source == Source::kDerived) {
      r->inputs = ind.formula + " with " + trace;
      r->review_status = "derived";
      r->value_source = "derived";
    }
    auto previous = Numeric(ind.id, year_ - 1, nullptr);
    if (previous.ok()) {
      r->previous = *previous;
      int c = Compare(*value, *previous);
      r->trend = c > 0 ? "up" : c < 0 ? "down" : "flat";
    }
    if (r->target) {
      // A derived value may be far larger than any input; its gap must still be exact.
      OverflowCheck check;
      Ratio gap = *value - *r->target;
      if (check.overflowed()) {
        *r = Fail(*r, ind.id + ": " + check.ToStatus("gap to the target").message());
        return;
      }
      r->gap = gap;
    }
  }

  void JudgeNumber(Direction dir, IndicatorResult* r) const {
    const Ratio& v = *r->value;
    std::string last = "上年（" + std::to_string(year_ - 1) + "）";
    bool meets_target = !r->target || (dir == Direction::kAtMost || dir == Direction::kDown ||
                                               dir == Direction::kAtMostOrDown
                                           ? v <= *r->target
                                           : v >= *r->target);
    switch (dir) {
      case Direction::kAtLeast:
      case Direction::kAtMost:
        r->verdict = meets_target ? Verdict::kMet : Verdict::kNotMet;
        return;
      case Direction::kEqual:
        r->verdict = v == *r->target ? Verdict::kMet : Verdict::kNotMet;
        return;
      case Direction::kUp:
      case Direction::kDown: {
        bool up = dir == Direction::kUp;
        std::string rule = std::string(up ? "不低于" : "不高于") + last;
        r->target_text = r->target ? r->target_text + "，且" + rule : rule;
        if (!r->target) r->target_base.clear();
        r->target_rule = up ? "not_below_year" : "not_above_year";
        std::string before = std::to_string(year_ - 1);
        if (!r->previous) {
          r->verdict = Verdict::kNoData;
          SetReason(r, "no_previous_year", "无" + before + "年数据，无法判断趋势",
                    {{"year", before}});
          return;
        }
        bool kept = up ? v >= *r->previous : v <= *r->previous;
        r->verdict = meets_target && kept ? Verdict::kMet : Verdict::kNotMet;
        std::string moved = up ? "低于上年" : "高于上年";
        std::string moved_code = up ? "fell" : "rose";
        if (!meets_target && kept) SetReason(r, "target_missed", "未达到目标值");
        if (!meets_target && !kept) {
          SetReason(r, "target_missed_" + moved_code, "未达到目标值；" + moved);
        }
        if (meets_target && !kept) SetReason(r, moved_code, moved);
        return;
      }
      default: {  // kAtLeastOrUp, kAtMostOrDown
        bool up = dir == Direction::kAtLeastOrUp;
        r->target_text += std::string(up ? "，或较上年上升" : "，或较上年下降");
        r->target_rule = up ? "or_up" : "or_down";
        bool moved = r->previous && (up ? v > *r->previous : v < *r->previous);
        r->verdict = meets_target || moved ? Verdict::kMet : Verdict::kNotMet;
        if (!meets_target && !r->previous) {
          SetReason(r, "target_missed_no_previous", "未达到目标值；无上年数据");
        }
        return;
      }
    }
  }

  const Catalogue& cat_;
  const ValueTable& values_;
  int year_;
};

void Summarise(const ApplyRule& rule, Readiness* out) {
  Summary& s = out->summary;
  for (const IndicatorResult& r : out->results) {
    if (r.indicator->unverified()) ++s.unverified;
    if (r.verdict == Verdict::kNotApplicable || r.verdict == Verdict::kNotJudged) continue;
    if (r.verdict == Verdict::kNoData) ++s.no_data;
    bool met = r.verdict == Verdict::kMet;
    if (r.binding == "binding") {
      ++s.binding_total;
      s.binding_met += met;
    } else {
      ++s.reference_total;
      s.reference_met += met;
    }
  }
  bool reference_ok = static_cast<int64_t>(s.reference_met) * 100 >=
                      static_cast<int64_t>(rule.min_reference_percent) * s.reference_total;
  s.can_apply = s.binding_met == s.binding_total && reference_ok;
  s.min_reference_percent = rule.min_reference_percent;
  s.rule = "适用的约束性指标全部达标";
  if (rule.min_reference_percent > 0) {
    s.rule +=
        "，且适用的参考性指标达标比例不低于" + std::to_string(rule.min_reference_percent) + "%";
  }
  s.rule += "（可选规则；官方申报规则原文未核实 UNVERIFIED）";
}

std::string Cell(const std::string& text) { return text.empty() ? "-" : text; }

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kNotMet:
      return "not_met";
    case Verdict::kNoData:
      return "no_data";
    case Verdict::kNotApplicable:
      return "not_applicable";
    case Verdict::kError:
      return "error";
    default:
      return "not_judged";
  }
}

const char* VerdictNameZh(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "达标";
    case Verdict::kNotMet:
      return "未达标";
    case Verdict::kNoData:
      return "无数据";
    case Verdict::kNotApplicable:
      return "不适用";
    case Verdict::kError:
      return "计算错误";
    default:
      return "基础数据";
  }
}

Readiness Evaluate(const Catalogue& catalogue, const CityProfile& profile, const ValueTable& values,
                   const PlanTable& plan, int year, const ApplyRule& rule) {
  Readiness out;
  out.catalogue = catalogue.name;
  out.year = year;
  out.profile = profile;
  Evaluator evaluator(catalogue, values, year);
  for (const Indicator& ind : catalogue.indicators) {
    out.results.push_back(evaluator.Judge(ind, profile, plan));
  }
  Summarise(rule, &out);
  return out;
}

std::string FormatReadinessText(const Readiness& r) {
  std::string out = "catalogue " + r.catalogue + ", year " + std::to_string(r.year) + ", level " +
                    r.profile.level + ", terrain " + r.profile.terrain +
                    (r.profile.coastal ? ", coastal" : ", not coastal") + "\n";
  for (const IndicatorResult& x : r.results) {
    out += x.indicator->id + " | " + x.binding + " | " + VerdictName(x.verdict) + " | value " +
           Cell(x.value_text) + " | target " + Cell(x.target_text) +
           (x.plan_target ? " (plan)" : "") + " | gap " + (x.gap ? FormatRatio(*x.gap) : "-") +
           " | trend " + Cell(x.trend) + " | owner " + Cell(x.owner) +
           (x.indicator->unverified() ? " | UNVERIFIED" : "") +
           (x.reason.empty() ? "" : " | " + x.reason) +
           (x.inputs.empty() ? "" : " | inputs " + x.inputs) + "\n";
  }
  const Summary& s = r.summary;
  out += "binding met " + std::to_string(s.binding_met) + " of " + std::to_string(s.binding_total) +
         "; reference met " + std::to_string(s.reference_met) + " of " +
         std::to_string(s.reference_total) + "; no data " + std::to_string(s.no_data) +
         "; UNVERIFIED rows " + std::to_string(s.unverified) + "\n";
  out += std::string("can apply: ") + (s.can_apply ? "yes" : "no") + " — rule: " + s.rule + "\n";
  for (const EngineFigureUse& e : r.engine_figures) {
    out += "engine figure " + e.figure + " " + std::to_string(e.year) + ": " +
           (e.value.empty() ? e.state : e.value) + " | " + e.detail + "\n";
  }
  return out;
}

}  // namespace ecociv::indicators
