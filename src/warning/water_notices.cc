// The notice rules of a water warning rule set (see water_notices.h and
// docs/water.md, "Before a section slips").
#include "ecociv/warning/water_notices.h"

#include <algorithm>

#include "ecociv/water/report.h"

namespace ecociv::warning {
namespace {

using water::WaterClass;

DayNumber MonthFirst(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  d.day = 1;
  return DaysFromCivil(d);
}

DayNumber YearFirst(DayNumber day) { return DaysFromCivil({CivilFromDays(day).year, 1, 1}); }

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

void Approaching(const water::WaterRules& rules, const NoticeRule& rule,
                 const water::Section& section, int section_index,
                 const std::vector<water::Sample>& samples, DayNumber as_of,
                 std::vector<Message>* out, std::vector<std::string>* items_named) {
  std::optional<water::SectionResult> means;
  DayNumber from = rule.basis == NoticeBasis::kYtdMean ? YearFirst(as_of) : MonthFirst(as_of);
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
    items_named->push_back(wi.name);
  }
}

void Rising(const water::WaterRules& rules, const NoticeRule& rule, const water::Section& section,
            const std::vector<water::Sample>& samples, DayNumber as_of, std::vector<Message>* out,
            std::vector<std::string>* items_named) {
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
                     DayNumber as_of, WaterEvaluation* out) {
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
        Approaching(rules, rule, section, static_cast<int>(s), samples, as_of, &messages, &items);
      } else {
        Rising(rules, rule, section, samples, as_of, &messages, &items);
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
