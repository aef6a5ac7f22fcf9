// The notice rules of a water warning rule set (see water_notices.h and
// docs/water.md, "Before a section slips").
#include "ecociv/warning/water_notices.h"

#include <algorithm>

#include "ecociv/water/report.h"

namespace ecociv::warning {
namespace {

using water::WaterClass;

// A sample's value doubled, below-detection values by the assessment's rule
// (half the limit, zero or the limit), so the trend sees what the means see.
int64_t Doubled(const water::Sample& s, water::BelowDetectionMean rule) {
  if (!s.below_detection) return 2 * s.value;
  switch (rule) {
    case water::BelowDetectionMean::kHalf:
      return s.value;
    case water::BelowDetectionMean::kZero:
      return 0;
    case water::BelowDetectionMean::kLimit:
      return 2 * s.value;
  }
  return s.value;
}

// The items a rule looks at: its list, or every item whose limit is a maximum
// and that classifies a section.
std::vector<int> RuleItems(const water::WaterRules& rules, const NoticeRule& rule) {
  std::vector<int> out;
  for (size_t i = 0; i < rules.items().size(); ++i) {
    const water::WaterItem& item = rules.item(static_cast<int>(i));
    if (item.kind != water::LimitKind::kMax) continue;
    bool listed = std::find(rule.items.begin(), rule.items.end(), item.id) != rule.items.end();
    if (rule.items.empty() ? item.evaluated : listed) out.push_back(static_cast<int>(i));
  }
  return out;
}

const char* BasisName(NoticeBasis basis) {
  return basis == NoticeBasis::kSample      ? "sample"
         : basis == NoticeBasis::kMonthMean ? "month_mean"
                                            : "ytd_mean";
}

// The rule as the period holding for `section` on `day` tightens it; `period`
// is set when an override of the rule's kind and basis applies.
NoticeRule Tightened(const NoticeRule& rule, const water::WaterPeriods* periods,
                     const water::Section& section, DayNumber day,
                     std::optional<water::ActivePeriod>* period) {
  period->reset();
  if (!periods) return rule;
  water::ActivePeriod active = periods->NoticePeriod(section.id, day);
  if (!active.notice) return rule;
  NoticeRule out = rule;
  const bool approaching = rule.kind == NoticeKind::kApproachingLimit;
  for (const water::NoticeOverride& o : *active.notice) {
    if (o.kind != (approaching ? "approaching_limit" : "rising_trend")) continue;
    if (approaching && o.basis != BasisName(rule.basis)) continue;
    if (o.share_percent) out.share_percent = o.share_percent;
    if (o.min_samples) out.min_samples = o.min_samples;
    if (o.samples) out.samples = o.samples;
    if (o.within_months) out.within_months = o.within_months;
    *period = active;
  }
  return out;
}

// The message naming the period under which a rule held.
Message PeriodMessage(const water::ActivePeriod& p, const NoticeRule& rule,
                      const water::WaterItem& item) {
  std::vector<std::pair<std::string, std::string>> args = {{"period", p.name},
                                                           {"period_en", p.name_en},
                                                           {"item", item.name},
                                                           {"item_id", item.id}};
  if (rule.kind == NoticeKind::kApproachingLimit) {
    args.push_back({"share", std::to_string(rule.share_percent)});
    return {"period_share", std::move(args)};
  }
  args.push_back({"samples", std::to_string(rule.samples)});
  args.push_back({"months", std::to_string(rule.within_months)});
  return {"period_trend", std::move(args)};
}

std::string Percent(const Ratio& value, int64_t limit) {
  return FormatRounded(value * Ratio::Integer(100) / water::WaterValue(limit), 1);
}

// The latest sample of `item` on or before `as_of` (samples sorted by day).
const water::Sample* LatestSample(const std::vector<water::Sample>& samples, int item,
                                  DayNumber as_of) {
  const water::Sample* latest = nullptr;
  for (const water::Sample& s : samples) {
    if (s.day > as_of) break;
    if (s.item != item) continue;
    if (!latest || s.day > latest->day || (s.day == latest->day && s.minute >= latest->minute)) {
      latest = &s;
    }
  }
  return latest;
}

void Approaching(const water::WaterRules& rules, const NoticeRule& base,
                 const water::Section& section, int section_index,
                 const std::vector<water::Sample>& samples, DayNumber as_of,
                 const water::WaterPeriods* periods, std::vector<Message>* out,
                 std::vector<std::string>* items_named) {
  // The means rest on the as-of date; a sample on its own day (below).
  std::optional<water::ActivePeriod> period;
  NoticeRule rule = Tightened(base, periods, section, as_of, &period);
  std::optional<water::SectionResult> means;
  DayNumber from = rule.basis == NoticeBasis::kYtdMean ? YearFirstDay(as_of) : MonthFirstDay(as_of);
  if (rule.basis != NoticeBasis::kSample) {
    means = water::EvaluateSection(rules, section, section_index, samples,
                                   water::RangePeriod(from, as_of));
  }
  for (int item : RuleItems(rules, rule)) {
    const water::WaterItem& wi = rules.item(item);
    const int64_t limit = wi.LimitsFor(section.type)[static_cast<int>(section.target) - 1];
    Ratio value;
    std::vector<std::pair<std::string, std::string>> args;
    if (rule.basis == NoticeBasis::kSample) {
      const water::Sample* s = LatestSample(samples, item, as_of);
      if (!s || s->below_detection) continue;
      rule = Tightened(base, periods, section, s->day, &period);
      value = water::WaterValue(s->value);
      args.push_back({"date", FormatDate(s->day)});
    } else {
      const water::ItemResult* r = means->Find(item);
      if (!r || r->samples < rule.min_samples) continue;
      value = r->mean;
      args.push_back({"from", FormatDate(from)});
      args.push_back({"to", FormatDate(as_of)});
      args.push_back({"samples", std::to_string(r->samples)});
    }
    // value > share % of the limit, in exact arithmetic.
    if (!(value * Ratio::Integer(100) > water::WaterValue(limit) * Ratio::Integer(rule.share_percent))) {
      continue;
    }
    args.push_back({"item", wi.name});
    args.push_back({"item_id", wi.id});
    args.push_back({"value", FormatRounded(value, wi.decimals)});
    args.push_back({"unit", wi.unit});
    args.push_back({"target", water::ClassLabel(section.target)});
    args.push_back({"limit", water::FormatExactDecimal(water::WaterValue(limit))});
    args.push_back({"percent", Percent(value, limit)});
    args.push_back({"share", std::to_string(rule.share_percent)});
    const char* code = rule.basis == NoticeBasis::kSample      ? "approaching_sample"
                       : rule.basis == NoticeBasis::kMonthMean ? "approaching_month_mean"
                                                               : "approaching_ytd_mean";
    out->push_back({code, std::move(args)});
    if (period) out->push_back(PeriodMessage(*period, rule, wi));
    items_named->push_back(wi.name);
  }
}

void Rising(const water::WaterRules& rules, const NoticeRule& base, const water::Section& section,
            const std::vector<water::Sample>& samples, DayNumber as_of,
            const water::WaterPeriods* periods, std::vector<Message>* out,
            std::vector<std::string>* items_named) {
  std::optional<water::ActivePeriod> period;
  const NoticeRule rule = Tightened(base, periods, section, as_of, &period);
  const DayNumber horizon = AddMonths(as_of, rule.within_months);
  for (int item : RuleItems(rules, rule)) {
    const water::WaterItem& wi = rules.item(item);
    const int64_t limit = wi.LimitsFor(section.type)[static_cast<int>(section.target) - 1];
    std::vector<TrendPoint> points;  // doubled values, the last N on or before as_of
    for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
      if (it->day > as_of || it->item != item) continue;
      points.push_back({it->day, Doubled(*it, rules.options().below_dl_mean)});
      if (static_cast<int>(points.size()) == rule.samples) break;
    }
    if (static_cast<int>(points.size()) < rule.samples) continue;
    std::reverse(points.begin(), points.end());
    std::optional<TrendProjection> p = ProjectTrend(points, 2 * limit);
    if (!p || !p->crossing_day) continue;
    if (*p->crossing_day <= points.back().day || *p->crossing_day > horizon) continue;
    const Ratio half = Ratio::Of(1, 2);
    out->push_back({"rising_trend",
                    {{"item", wi.name},
                     {"item_id", wi.id},
                     {"samples", std::to_string(points.size())},
                     {"from", FormatDate(points.front().day)},
                     {"to", FormatDate(points.back().day)},
                     {"slope", FormatRounded(p->slope_per_day * half * Ratio::Integer(30),
                                             wi.decimals + 1)},
                     {"unit", wi.unit},
                     {"fitted", FormatRounded(p->fitted_last * half, wi.decimals)},
                     {"target", water::ClassLabel(section.target)},
                     {"limit", water::FormatExactDecimal(water::WaterValue(limit))},
                     {"date", FormatDate(*p->crossing_day)},
                     {"month", FormatDate(*p->crossing_day).substr(0, 7)},
                     {"months", std::to_string(rule.within_months)}}});
    if (period) out->push_back(PeriodMessage(*period, rule, wi));
    items_named->push_back(wi.name);
  }
}

}  // namespace

std::optional<TrendProjection> ProjectTrend(const std::vector<TrendPoint>& points, int64_t limit) {
  if (points.size() < 2) return std::nullopt;
  // x: days after the first point; y: the scaled values. With n points,
  // D = nΣx² − (Σx)² and B = nΣxy − ΣxΣy, the slope is b = B/D and the
  // intercept a = (Σy − bΣx)/n; the line meets L at t* = (L − a)/b
  // = (nLD − ΣyD + BΣx)/(nB).
  const DayNumber origin = points.front().day;
  int128 n = static_cast<int128>(points.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const TrendPoint& p : points) {
    int128 x = p.day - origin, y = p.value;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const int128 d = n * sxx - sx * sx;
  if (d == 0) return std::nullopt;
  const int128 b = n * sxy - sx * sy;
  TrendProjection out;
  out.slope_per_day = Ratio::Of(b, d * water::kWaterScale);
  const int128 last_x = points.back().day - origin;
  // a + b·x = (Σy·D − B·Σx)/(n·D) + (B/D)·x = (Σy·D − B·Σx + n·B·x)/(n·D)
  out.fitted_last = Ratio::Of(sy * d - b * sx + n * b * last_x, n * d * water::kWaterScale);
  if (b > 0) {
    const int128 t_num = n * static_cast<int128>(limit) * d - sy * d + b * sx;
    const int128 t_den = n * b;
    out.crossing_day = origin + static_cast<DayNumber>(FloorDiv(t_num, t_den) + 1);
  }
  return out;
}

DayNumber AddMonths(DayNumber day, int months) {
  CivilDate d = CivilFromDays(day);
  int index = d.year * 12 + (d.month - 1) + months;
  CivilDate out{index / 12, index % 12 + 1, 1};
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return DaysFromCivil(out);
}

void AddLimitNotices(const water::WaterRules& rules, const WarningRuleSet& rule_set,
                     const water::SampleSet& set, const water::SectionSamples& index,
                     DayNumber as_of, WaterEvaluation* out, const water::WaterPeriods* periods) {
  if (rule_set.notices.empty()) return;
  out->notices_evaluated = true;
  for (size_t s = 0; s < set.sections.size(); ++s) {
    const water::Section& section = set.sections[s];
    // A section at a warning level has the higher alert already.
    if (std::any_of(out->findings.begin(), out->findings.end(),
                    [&](const WaterFinding& f) { return f.section_id == section.id; })) {
      continue;
    }
    const std::vector<water::Sample>& samples = index.by_section[s];
    std::vector<Message> messages;
    std::vector<std::string> items;
    for (const NoticeRule& rule : rule_set.notices) {
      if (rule.kind == NoticeKind::kApproachingLimit) {
        Approaching(rules, rule, section, static_cast<int>(s), samples, as_of, periods, &messages,
                    &items);
      } else {
        Rising(rules, rule, section, samples, as_of, periods, &messages, &items);
      }
    }
    if (messages.empty()) continue;
    WaterFinding n;
    n.section_id = section.id;
    n.section_name = section.name;
    n.chief = water::ChiefText(section);
    n.level_id = rule_set.notice_id;
    n.level_name = rule_set.notice_name;
    n.trigger = std::move(messages);
    n.facts.month = FormatDate(as_of).substr(0, 7);
    n.facts.target = section.target;
    for (const std::string& item : items) {
      if (std::find(n.facts.main_pollutants.begin(), n.facts.main_pollutants.end(), item) ==
          n.facts.main_pollutants.end()) {
        n.facts.main_pollutants.push_back(item);
      }
    }
    out->early_notices.push_back(std::move(n));
  }
}

}  // namespace ecociv::warning
