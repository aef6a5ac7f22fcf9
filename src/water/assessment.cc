#include "ecociv/water/assessment.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ecociv::water {
namespace {

// An exact decimal with 6 places from a double: how floating-point results
// (ln, 10^x) enter exact arithmetic before GB/T 8170 rounding.
Ratio FromDouble(double value) {
  return Ratio::Of(static_cast<int128>(std::llround(value * kWaterScale)), kWaterScale);
}

Ratio Limit(const WaterItem& item, WaterBody body, WaterClass c) {
  return WaterValue(item.LimitsFor(body)[static_cast<int>(c) - 1]);
}

WaterClass Worse(WaterClass a, WaterClass b) { return a > b ? a : b; }

bool HasClass(const WaterRules& rules, const WaterItem& item, WaterBody body) {
  if (item.kind == LimitKind::kNone) return false;
  if (item.id == "tn") {
    const auto& bodies = rules.options().tn_class_for;
    return std::find(bodies.begin(), bodies.end(), body) != bodies.end();
  }
  return true;
}

// The value a sample contributes to a mean, scaled by 2·kWaterScale so that
// half a detection limit stays an integer.
int64_t DoubledContribution(const Sample& s, BelowDetectionMean rule) {
  if (!s.below_detection || !s.limit_known) return s.below_detection ? 0 : 2 * s.value;
  switch (rule) {
    case BelowDetectionMean::kHalf:
      return s.value;
    case BelowDetectionMean::kZero:
      return 0;
    case BelowDetectionMean::kLimit:
      return 2 * s.value;
  }
  return s.value;
}

Ratio ArithmeticMean(const std::vector<const Sample*>& samples, BelowDetectionMean rule) {
  int128 sum = 0;
  for (const Sample* s : samples) sum += DoubledContribution(*s, rule);
  return Ratio::Of(sum, static_cast<int128>(2) * kWaterScale * static_cast<int128>(samples.size()));
}

// pH mean through the hydrogen-ion concentration: −log10(mean of 10^−pH).
Ratio HydrogenIonMean(const std::vector<const Sample*>& samples, BelowDetectionMean rule) {
  long double sum = 0;
  for (const Sample* s : samples) {
    long double ph = static_cast<long double>(DoubledContribution(*s, rule)) / (2.0L * kWaterScale);
    sum += std::pow(10.0L, -ph);
  }
  long double mean = sum / static_cast<long double>(samples.size());
  return FromDouble(static_cast<double>(-std::log10(mean)));
}

Ratio ItemPeriodMean(const WaterRules& rules, const WaterItem& item,
                     const std::vector<const Sample*>& samples) {
  const WaterOptions& o = rules.options();
  auto mean_of = [&](const std::vector<const Sample*>& group) {
    return item.id == "ph" && o.ph_mean == PhMean::kHydrogenIon
               ? HydrogenIonMean(group, o.below_dl_mean)
               : ArithmeticMean(group, o.below_dl_mean);
  };
  if (o.period_mean == PeriodMean::kSamples) return mean_of(samples);
  // Mean of monthly means: samples are sorted by day, so months are runs.
  Ratio sum;
  int months = 0;
  for (size_t begin = 0; begin < samples.size();) {
    CivilDate d = CivilFromDays(samples[begin]->day);
    size_t end = begin;
    std::vector<const Sample*> month;
    while (end < samples.size()) {
      CivilDate e = CivilFromDays(samples[end]->day);
      if (e.year != d.year || e.month != d.month) break;
      month.push_back(samples[end++]);
    }
    sum = sum + mean_of(month);
    ++months;
    begin = end;
  }
  return sum / Ratio::Integer(months);
}

// The class of an item from its samples: the class of the evaluated value,
// capped at the class of the largest detection limit when every sample is
// below detection (a value under the limit cannot be worse than the limit).
WaterClass ItemClass(const WaterRules& rules, const WaterItem& item, WaterBody body,
                     const ItemResult& r, const std::vector<const Sample*>& samples) {
  WaterClass c = ClassifyValue(item, r.value, body);
  if (!rules.options().cap_class_at_limit || !r.all_below_detection()) return c;
  if (item.kind != LimitKind::kMax) return c;
  int64_t largest = 0;
  for (const Sample* s : samples) largest = std::max(largest, s->value);
  WaterClass at_limit = ClassifyValue(item, WaterValue(largest), body);
  return std::min(c, at_limit);
}

std::vector<MainPollutant> MainPollutants(const WaterRules& rules,
                                          const std::vector<ItemResult>& items) {
  const WaterOptions& o = rules.options();
  std::vector<const ItemResult*> with_multiple, without_multiple;
  for (const ItemResult& r : items) {
    const WaterItem& item = rules.item(r.item);
    if (!item.evaluated || !r.cls || *r.cls <= o.multiple_basis) continue;
    (r.multiple ? with_multiple : without_multiple).push_back(&r);
  }
  auto by_multiple = [](const ItemResult* a, const ItemResult* b) {
    return *a->multiple > *b->multiple;
  };
  std::vector<const ItemResult*> ranked;
  if (o.main_rule == MainPollutantsRule::kMultiple) {
    std::stable_sort(with_multiple.begin(), with_multiple.end(), by_multiple);
    ranked = with_multiple;
    if (o.no_multiple_in_main)
      ranked.insert(ranked.end(), without_multiple.begin(), without_multiple.end());
  } else {
    ranked = with_multiple;
    if (o.no_multiple_in_main)
      ranked.insert(ranked.end(), without_multiple.begin(), without_multiple.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const ItemResult* a, const ItemResult* b) {
      if (*a->cls != *b->cls) return *a->cls > *b->cls;
      if (a->multiple && b->multiple) return *a->multiple > *b->multiple;
      return a->multiple.has_value() && !b->multiple.has_value();
    });
  }
  std::vector<MainPollutant> out;
  for (const ItemResult* r : ranked) {
    if (static_cast<int>(out.size()) >= o.max_main_pollutants) break;
    out.push_back({r->item, r->multiple});
  }
  return out;
}

Ratio Percent(int part, int whole) {
  return whole == 0 ? Ratio() : Ratio::Of(static_cast<int128>(part) * 100, whole);
}

// Items ranked by the share of sections where they are worse than the
// exceedance basis (class III), largest first, ties in Table 1 order.
std::vector<GroupResult::Pollutant> RatePollutants(const WaterRules& rules,
                                                   const std::vector<SectionResult>& results,
                                                   const std::vector<int>& members,
                                                   int classed_sections) {
  const WaterOptions& o = rules.options();
  std::vector<int> exceeding(rules.items().size(), 0);
  for (int m : members) {
    if (!results[m].cls) continue;
    for (const ItemResult& r : results[m].items) {
      if (rules.item(r.item).evaluated && r.cls && *r.cls > o.multiple_basis) ++exceeding[r.item];
    }
  }
  std::vector<GroupResult::Pollutant> ranked;
  for (int index : rules.evaluated()) {
    if (exceeding[index] > 0) {
      ranked.push_back({index, Percent(exceeding[index], classed_sections), std::nullopt});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return *a.rate > *b.rate; });
  if (static_cast<int>(ranked.size()) > o.max_main_pollutants) ranked.resize(o.max_main_pollutants);
  return ranked;
}

std::vector<std::optional<Ratio>> ValuesOf(const WaterRules& rules,
                                           const std::vector<ItemResult>& items, bool rounded) {
  std::vector<std::optional<Ratio>> values(rules.items().size());
  for (const ItemResult& r : items) values[r.item] = rounded ? r.value : r.mean;
  return values;
}

}  // namespace

std::vector<MainPollutant> RankMainPollutants(const WaterRules& rules,
                                              const std::vector<ItemResult>& items) {
  return MainPollutants(rules, items);
}

WaterClass ClassifyValue(const WaterItem& item, const Ratio& value, WaterBody body) {
  // value ≤ limit/kWaterScale ⟺ num·kWaterScale ≤ limit·den (den > 0): exact
  // integer comparisons, no rational built per limit. Values of physical
  // magnitude keep both products far inside 128 bits.
  const int128 scaled = value.num * kWaterScale;
  auto at_most = [&](int64_t limit) { return scaled <= static_cast<int128>(limit) * value.den; };
  auto at_least = [&](int64_t limit) { return scaled >= static_cast<int128>(limit) * value.den; };
  switch (item.kind) {
    case LimitKind::kRange:
      return at_least(item.range_low) && at_most(item.range_high) ? WaterClass::kI
                                                                  : WaterClass::kWorseThanV;
    case LimitKind::kMax:
    case LimitKind::kMin: {
      const auto& limits = item.LimitsFor(body);
      for (int c = 0; c < 5; ++c) {
        if (item.kind == LimitKind::kMax ? at_most(limits[c]) : at_least(limits[c])) {
          return static_cast<WaterClass>(c + 1);
        }
      }
      return WaterClass::kWorseThanV;
    }
    case LimitKind::kNone:
      break;
  }
  return WaterClass::kWorseThanV;
}

std::optional<Ratio> ExceedanceMultiple(const WaterItem& item, const Ratio& value, WaterBody body,
                                        WaterClass basis) {
  if (!item.has_multiple || item.kind != LimitKind::kMax) return std::nullopt;
  Ratio limit = Limit(item, body, basis);
  if (value <= limit) return std::nullopt;
  return (value - limit) / limit;
}

std::vector<Period> SplitPeriods(DayNumber from, DayNumber to, PeriodKind kind) {
  std::vector<Period> periods;
  CivilDate d = CivilFromDays(from);
  int months = kind == PeriodKind::kMonth ? 1 : kind == PeriodKind::kQuarter ? 3 : 12;
  CivilDate start{d.year, kind == PeriodKind::kYear ? 1 : (d.month - 1) / months * months + 1, 1};
  while (DaysFromCivil(start) <= to) {
    CivilDate next = start;
    next.month += months;
    while (next.month > 12) {
      next.month -= 12;
      ++next.year;
    }
    Period p;
    p.first = std::max(from, DaysFromCivil(start));
    p.last = std::min(to, DaysFromCivil(next) - 1);
    char label[32];
    if (kind == PeriodKind::kMonth) {
      std::snprintf(label, sizeof label, "%04d-%02d", start.year, start.month);
    } else if (kind == PeriodKind::kQuarter) {
      std::snprintf(label, sizeof label, "%04d-Q%d", start.year, (start.month - 1) / 3 + 1);
    } else {
      std::snprintf(label, sizeof label, "%04d", start.year);
    }
    p.label = label;
    periods.push_back(p);
    start = next;
  }
  return periods;
}

Period RangePeriod(DayNumber from, DayNumber to) {
  return {from, to, FormatDate(from) + ".." + FormatDate(to)};
}

namespace {
Period ShiftMonths(const Period& p, int months, PeriodKind kind) {
  CivilDate first = CivilFromDays(p.first);
  int index = first.year * 12 + (first.month - 1) - months;
  CivilDate start{index / 12, index % 12 + 1, 1};
  int span = kind == PeriodKind::kMonth ? 1 : kind == PeriodKind::kQuarter ? 3 : 12;
  CivilDate end = start;
  end.month += span;
  while (end.month > 12) {
    end.month -= 12;
    ++end.year;
  }
  return SplitPeriods(DaysFromCivil(start), DaysFromCivil(end) - 1, kind).front();
}
}  // namespace

Period PreviousPeriod(const Period& p, PeriodKind kind) {
  return ShiftMonths(p,
                     kind == PeriodKind::kMonth     ? 1
                     : kind == PeriodKind::kQuarter ? 3
                                                    : 12,
                     kind);
}

Period YearEarlier(const Period& p, PeriodKind kind) { return ShiftMonths(p, 12, kind); }

const ItemResult* SectionResult::Find(int item) const {
  for (const ItemResult& r : items) {
    if (r.item == item) return &r;
  }
  return nullptr;
}

SectionSamples IndexSamples(const SampleSet& set) {
  SectionSamples index;
  index.by_section.resize(set.sections.size());
  for (const Sample& s : set.samples) index.by_section[s.section].push_back(s);
  for (auto& samples : index.by_section) {
    std::stable_sort(samples.begin(), samples.end(),
                     [](const Sample& a, const Sample& b) { return a.day < b.day; });
  }
  return index;
}

Ratio EvaluatedValue(const WaterRules& rules, int item, const Ratio& mean) {
  if (!rules.options().round_before_classification) return mean;
  return RoundedRatio(mean, rules.item(item).decimals);
}

SectionResult EvaluateSection(const WaterRules& rules, const Section& section, int section_index,
                              const std::vector<Sample>& samples, const Period& period) {
  SectionResult result;
  result.section = section_index;
  result.period = period.label;
  auto begin = std::lower_bound(samples.begin(), samples.end(), period.first,
                                [](const Sample& s, DayNumber d) { return s.day < d; });
  std::vector<std::vector<const Sample*>> by_item(rules.items().size());
  for (auto it = begin; it != samples.end() && it->day <= period.last; ++it) {
    by_item[it->item].push_back(&*it);
  }
  for (size_t i = 0; i < by_item.size(); ++i) {
    if (by_item[i].empty()) continue;
    const WaterItem& item = rules.item(static_cast<int>(i));
    ItemResult r;
    r.item = static_cast<int>(i);
    r.samples = static_cast<int>(by_item[i].size());
    for (const Sample* s : by_item[i]) r.below_detection += s->below_detection ? 1 : 0;
    r.mean = ItemPeriodMean(rules, item, by_item[i]);
    r.value = EvaluatedValue(rules, r.item, r.mean);
    if (HasClass(rules, item, section.type)) {
      r.cls = ItemClass(rules, item, section.type, r, by_item[i]);
      if (*r.cls > rules.options().multiple_basis) {
        r.multiple =
            ExceedanceMultiple(item, r.value, section.type, rules.options().multiple_basis);
      }
      if (*r.cls > section.target) {
        r.exceeds_target = true;
        r.target_multiple = ExceedanceMultiple(item, r.value, section.type, section.target);
      }
    }
    if (item.evaluated) result.cls = result.cls ? Worse(*result.cls, *r.cls) : *r.cls;
    result.items.push_back(r);
  }
  if (result.cls) {
    result.compliant = *result.cls <= section.target;
    result.main_pollutants = MainPollutants(rules, result.items);
    for (const ItemResult& r : result.items) {
      if (rules.item(r.item).evaluated && r.exceeds_target) {
        result.exceeding_target.push_back({r.item, r.target_multiple});
      }
    }
  }
  auto values = ValuesOf(rules, result.items, rules.options().cwqi_use_rounded_means);
  result.cwqi = ComputeCwqi(rules, values, section.type);
  // TLI from the evaluated (printed) values, whatever the CWQI option.
  if (IsLakeLike(section.type)) result.tli = ComputeTli(rules, ValuesOf(rules, result.items, true));
  return result;
}

std::optional<CwqiResult> ComputeCwqi(const WaterRules& rules,
                                      const std::vector<std::optional<Ratio>>& values,
                                      WaterBody body) {
  const WaterOptions& o = rules.options();
  CwqiResult result;
  for (int index : rules.evaluated()) {
    if (!values[index]) continue;
    const WaterItem& item = rules.item(index);
    const Ratio& c = *values[index];
    if (item.kind == LimitKind::kRange) {
      result.value =
          result.value + (c <= o.cwqi_ph_neutral
                              ? (o.cwqi_ph_neutral - c) / (o.cwqi_ph_neutral - o.cwqi_ph_low)
                              : (c - o.cwqi_ph_neutral) / (o.cwqi_ph_high - o.cwqi_ph_neutral));
    } else if (item.kind == LimitKind::kMin) {
      if (c.num == 0) continue;  // DO of 0: the inverse index is undefined; left out
      result.value = result.value + Limit(item, body, o.cwqi_basis) / c;
    } else {
      result.value = result.value + c / Limit(item, body, o.cwqi_basis);
    }
    ++result.items;
  }
  if (result.items == 0) return std::nullopt;
  return result;
}

std::pair<std::string, std::string> TrophicClass(const Ratio& tli) {
  if (tli < Ratio::Integer(30)) return {"贫营养", "oligotrophic"};
  if (tli <= Ratio::Integer(50)) return {"中营养", "mesotrophic"};
  if (tli <= Ratio::Integer(60)) return {"轻度富营养", "light eutrophic"};
  if (tli <= Ratio::Integer(70)) return {"中度富营养", "moderate eutrophic"};
  return {"重度富营养", "heavy eutrophic"};
}

std::optional<TliResult> ComputeTli(const WaterRules& rules,
                                    const std::vector<std::optional<Ratio>>& values) {
  const WaterOptions& o = rules.options();
  double weighted = 0, weights = 0;
  int used = 0;
  bool has_chla = false;
  for (const TliParameter& p : rules.tli_parameters()) {
    int index = rules.IndexOf(p.item);
    if (!values[index] || values[index]->num <= 0) continue;  // ln needs a positive value
    double c = values[index]->ToDouble();
    double tli = 10.0 * (p.a + p.b * std::log(c));
    weighted += p.r * p.r * tli;
    weights += p.r * p.r;
    ++used;
    if (p.item == "chla") has_chla = true;
  }
  if (used < o.tli_min_parameters || (o.tli_require_chla && !has_chla)) return std::nullopt;
  TliResult result;
  result.value = weighted / weights;
  result.parameters = used;
  result.rounded = RoundedRatio(FromDouble(result.value), o.tli_decimals);
  std::tie(result.trophic, result.trophic_en) = TrophicClass(result.rounded);
  return result;
}

WaterClass StatusFromShares(const WaterOptions& o, const Ratio& good, const Ratio& worse) {
  if (good >= Ratio::Integer(o.excellent_min_share)) return WaterClass::kI;
  if (good >= Ratio::Integer(o.good_min_share)) return WaterClass::kIII;
  if (worse >= Ratio::Integer(o.heavy_min_worse_than_v) &&
      good < Ratio::Integer(o.heavy_max_good_share)) {
    return WaterClass::kWorseThanV;
  }
  // 劣V ≥ 20 % (including the gap I–III = 60 %, 劣V = 40 % when the heavy
  // threshold is 60 %): moderate.
  if (worse >= Ratio::Integer(o.light_max_worse_than_v)) return WaterClass::kV;
  return WaterClass::kIV;
}

GroupResult EvaluateGroup(const WaterRules& rules, const SampleSet& set,
                          const std::vector<SectionResult>& results,
                          const std::vector<int>& members, const std::string& kind,
                          const std::string& name, WaterBody body) {
  const WaterOptions& o = rules.options();
  GroupResult g;
  g.kind = kind;
  g.name = name;
  int compliant = 0;
  // Item sums over the member sections (their evaluated values), for means.
  std::vector<Ratio> sums(rules.items().size());
  std::vector<int> counts(rules.items().size(), 0);
  for (int m : members) {
    const SectionResult& r = results[m];
    if (r.cls) {
      ++g.sections;
      ++g.counts[static_cast<int>(*r.cls) - 1];
      if (r.compliant) ++compliant;
    }
    if (IsLakeLike(set.sections[r.section].type)) {
      ++g.lake_sections;
    } else {
      ++g.river_sections;
    }
    for (const ItemResult& item : r.items) {
      sums[item.item] = sums[item.item] + item.value;
      ++counts[item.item];
    }
  }
  g.share_good = Percent(g.counts[0] + g.counts[1] + g.counts[2], g.sections);
  g.share_worse_than_v = Percent(g.counts[5], g.sections);
  g.share_compliant = Percent(compliant, g.sections);

  std::vector<std::optional<Ratio>> evaluated(rules.items().size());
  std::vector<std::optional<Ratio>> means(rules.items().size());
  for (size_t i = 0; i < sums.size(); ++i) {
    if (counts[i] == 0) continue;
    const WaterItem& item = rules.item(static_cast<int>(i));
    ItemResult r;
    r.item = static_cast<int>(i);
    r.samples = counts[i];
    r.mean = sums[i] / Ratio::Integer(counts[i]);
    r.value = EvaluatedValue(rules, r.item, r.mean);
    if (HasClass(rules, item, body)) {
      r.cls = ClassifyValue(item, r.value, body);
      if (*r.cls > o.multiple_basis)
        r.multiple = ExceedanceMultiple(item, r.value, body, o.multiple_basis);
      if (item.evaluated) g.mean_class = g.mean_class ? Worse(*g.mean_class, *r.cls) : *r.cls;
    }
    means[i] = o.cwqi_use_rounded_means ? r.value : r.mean;
    evaluated[i] = r.value;
    g.mean_items.push_back(r);
  }
  // Lakes are judged on the mean of their points; rivers, basins and the city
  // on the class shares when they have enough sections.
  g.share_method = kind != "lake" && g.sections >= o.share_method_min_sections;
  if (g.share_method) {
    g.status_class = StatusFromShares(o, g.share_good, g.share_worse_than_v);
    g.main_pollutants = RatePollutants(rules, results, members, g.sections);
  } else {
    g.status_class = g.mean_class;
    if (g.mean_class && *g.mean_class > o.multiple_basis) {
      for (const MainPollutant& m : MainPollutants(rules, g.mean_items)) {
        g.main_pollutants.push_back({m.item, std::nullopt, m.multiple});
      }
    }
  }
  if (kind == "lake") g.tli = ComputeTli(rules, evaluated);
  if (kind != "city") {
    g.cwqi = ComputeCwqi(rules, means, body);
    return g;
  }
  // City CWQI from its river part and its lake part.
  std::vector<int> river_members, lake_members;
  for (int m : members) {
    (IsLakeLike(set.sections[results[m].section].type) ? lake_members : river_members).push_back(m);
  }
  auto part = [&](const std::vector<int>& part_members, WaterBody part_body) {
    return part_members.empty()
               ? std::optional<CwqiResult>()
               : EvaluateGroup(rules, set, results, part_members, "part", name, part_body).cwqi;
  };
  g.cwqi_river = part(river_members, WaterBody::kRiver);
  g.cwqi_lake = part(lake_members, WaterBody::kLake);
  switch (o.cwqi_city) {
    case CityCwqi::kRiverOnly:
      g.cwqi = g.cwqi_river;
      break;
    case CityCwqi::kPooled:
      g.cwqi = ComputeCwqi(
          rules, means,
          lake_members.size() > river_members.size() ? WaterBody::kLake : WaterBody::kRiver);
      break;
    case CityCwqi::kSectionWeighted: {
      int nr = g.cwqi_river ? static_cast<int>(river_members.size()) : 0;
      int nl = g.cwqi_lake ? static_cast<int>(lake_members.size()) : 0;
      if (nr + nl == 0) break;
      CwqiResult c;
      if (g.cwqi_river) c.value = c.value + g.cwqi_river->value * Ratio::Integer(nr);
      if (g.cwqi_lake) c.value = c.value + g.cwqi_lake->value * Ratio::Integer(nl);
      c.value = c.value / Ratio::Integer(nr + nl);
      c.items =
          std::max(g.cwqi_river ? g.cwqi_river->items : 0, g.cwqi_lake ? g.cwqi_lake->items : 0);
      g.cwqi = c;
      break;
    }
  }
  return g;
}

Assessment Assess(const WaterRules& rules, const SampleSet& set, const SectionSamples& index,
                  const Period& period) {
  Assessment a;
  a.period = period;
  for (size_t s = 0; s < set.sections.size(); ++s) {
    a.sections.push_back(
        EvaluateSection(rules, set.sections[s], static_cast<int>(s), index.by_section[s], period));
  }
  // Groups in order of first appearance in the sections file.
  auto group = [&](auto key_of, auto include) {
    std::vector<std::pair<std::string, std::vector<int>>> groups;
    for (size_t s = 0; s < set.sections.size(); ++s) {
      if (!include(set.sections[s])) continue;
      std::string key = key_of(set.sections[s]);
      if (key.empty()) continue;
      auto it =
          std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
      if (it == groups.end()) {
        groups.push_back({key, {static_cast<int>(s)}});
      } else {
        it->second.push_back(static_cast<int>(s));
      }
    }
    return groups;
  };
  auto river = [](const Section& s) { return s.river; };
  auto is_river = [](const Section& s) { return s.type == WaterBody::kRiver; };
  auto any = [](const Section&) { return true; };
  for (const auto& [name, members] : group(river, is_river)) {
    a.rivers.push_back(
        EvaluateGroup(rules, set, a.sections, members, "river", name, WaterBody::kRiver));
  }
  for (const auto& [name, members] : group([](const Section& s) { return s.basin; }, any)) {
    a.basins.push_back(
        EvaluateGroup(rules, set, a.sections, members, "basin", name, WaterBody::kRiver));
  }
  for (const auto& [name, members] :
       group(river, [](const Section& s) { return IsLakeLike(s.type); })) {
    WaterBody body = set.sections[members.front()].type;
    a.lakes.push_back(EvaluateGroup(rules, set, a.sections, members, "lake", name, body));
  }
  EvaluateCityGroups(rules, set, &a);
  std::vector<int> all(set.sections.size());
  for (size_t s = 0; s < all.size(); ++s) all[s] = static_cast<int>(s);
  a.city = EvaluateGroup(rules, set, a.sections, all, "city", "city", WaterBody::kRiver);
  a.drinking_sources = CountDrinkingSources(set, a.sections);
  return a;
}

std::optional<Ratio> DeltaCwqi(const Ratio& now, const Ratio& base) {
  if (base.num == 0) return std::nullopt;
  return (now - base) / base * Ratio::Integer(100);
}

}  // namespace ecociv::water
