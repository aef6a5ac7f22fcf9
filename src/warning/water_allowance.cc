// Water target progress: year-to-date classes and the rest-of-year allowance
// of each item (see water_allowance.h and docs/water.md, "Water allowance").
#include "ecociv/warning/water_allowance.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "ecociv/core/csv_writer.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/water/report.h"

namespace ecociv::warning {
namespace {

using nlohmann::ordered_json;
using water::WaterClass;

DayNumber MonthEnd(int year, int month) {
  return DaysFromCivil({year, month, DaysInMonth(year, month)});
}

// The largest (smallest, for a minimum) exact mean whose value as classified
// still meets `limit`, and whether the mean may equal it.
Ratio Bound(const water::WaterRules& rules, const water::WaterItem& item, int64_t limit,
            bool minimum, bool* inclusive) {
  const Ratio l = water::WaterValue(limit);
  if (!rules.options().round_before_classification) {
    *inclusive = true;
    return l;
  }
  const Ratio half = Ratio::Of(5, Pow10(item.decimals + 1));
  const Ratio bound = minimum ? l - half : l + half;
  const Ratio rounded = RoundedRatio(bound, item.decimals);
  *inclusive = minimum ? rounded >= l : rounded <= l;
  return bound;
}

bool Meets(const Ratio& mean, const Ratio& bound, bool inclusive, bool minimum) {
  if (minimum) return inclusive ? mean >= bound : mean > bound;
  return inclusive ? mean <= bound : mean < bound;
}

ItemAllowance AllowanceOf(const water::WaterRules& rules, const water::Section& section,
                          const water::ItemResult& r, int months_elapsed, int months_left) {
  const water::WaterItem& item = rules.item(r.item);
  ItemAllowance a;
  a.item = r.item;
  a.minimum = item.kind == water::LimitKind::kMin;
  a.samples = r.samples;
  a.ytd_mean = r.mean;
  a.limit = item.LimitsFor(section.type)[static_cast<int>(section.target) - 1];
  bool inclusive = true;
  const Ratio bound = Bound(rules, item, a.limit, a.minimum, &inclusive);
  const bool meets_now = Meets(r.mean, bound, inclusive, a.minimum);
  if (months_left == 0) {
    a.state = meets_now ? "met" : "missed";
    return a;
  }
  const int per_month = std::max(1, r.samples / std::max(1, months_elapsed));
  a.remaining = per_month * months_left;
  // (S + R·m)/(n + R) against B, S = mean × n: m = (B·(n + R) − S)/R.
  const Ratio sum = r.mean * Ratio::Integer(r.samples);
  a.allowance = (bound * Ratio::Integer(r.samples + a.remaining) - sum) /
                Ratio::Integer(a.remaining);
  a.inclusive = inclusive;
  if (meets_now) {
    a.state = "on_track";
  } else if (!a.minimum && (a.allowance->num < 0 || (a.allowance->num == 0 && !inclusive))) {
    a.state = "missed";  // even clean water for the rest cannot bring the mean down enough
  } else {
    a.state = "at_risk";
  }
  return a;
}

// Towards safety: down for a maximum, up for a minimum.
std::string AllowanceText(const ItemAllowance& a, int decimals) {
  if (!a.allowance) return "";
  if (!a.minimum) return FloorText(*a.allowance, decimals);
  const Ratio& v = *a.allowance;
  return FormatScaled(static_cast<int64_t>(CeilDiv(v.num * Pow10(decimals), v.den)), decimals);
}

std::string ClassText(std::optional<WaterClass> c) { return c ? water::ClassLabel(*c) : ""; }

const char* StateZh(const std::string& state) {
  if (state == "met") return "已达标";
  if (state == "missed") return "已无法达标";
  if (state == "on_track") return "按目前水平可达标";
  return "需改善";
}

}  // namespace

StatusOr<WaterAllowanceReport> ComputeWaterAllowance(const water::WaterRules& rules,
                                                     const water::SampleSet& set,
                                                     const water::SectionSamples& index, int year,
                                                     DayNumber as_of) {
  CivilDate d = CivilFromDays(as_of);
  if (d.year != year) {
    return InvalidArgumentError("--as-of " + FormatDate(as_of) + " is not in --year " +
                                std::to_string(year));
  }
  WaterAllowanceReport report;
  report.year = year;
  report.as_of = as_of;
  report.month = MonthEnd(year, d.month) == as_of ? d.month : d.month - 1;
  report.months_left = 12 - report.month;
  const DayNumber first = DaysFromCivil({year, 1, 1});
  for (size_t s = 0; s < set.sections.size(); ++s) {
    const water::Section& section = set.sections[s];
    SectionAllowance out;
    out.section = static_cast<int>(s);
    out.target = section.target;
    water::SectionResult last;
    for (int m = 1; m <= report.month; ++m) {
      water::SectionResult r = water::EvaluateSection(
          rules, section, static_cast<int>(s), index.by_section[s],
          water::RangePeriod(first, MonthEnd(year, m)));
      MonthProgress p;
      p.month = m;
      p.ytd_class = r.cls;
      p.meets_target = r.cls && *r.cls <= section.target;
      p.months_left = 12 - m;
      out.months.push_back(p);
      if (m == report.month) last = std::move(r);
    }
    for (const water::ItemResult& r : last.items) {
      const water::WaterItem& item = rules.item(r.item);
      if (!item.evaluated || r.samples == 0) continue;
      if (item.kind != water::LimitKind::kMax && item.kind != water::LimitKind::kMin) continue;
      out.items.push_back(AllowanceOf(rules, section, r, report.month, report.months_left));
    }
    report.sections.push_back(std::move(out));
  }
  return report;
}

std::string AllowanceDisplay(const water::WaterRules& rules, const ItemAllowance& a) {
  return AllowanceText(a, rules.item(a.item).decimals + 1);
}

std::string WaterAllowanceCsv(const water::WaterRules& rules, const water::SampleSet& set,
                              const WaterAllowanceReport& report) {
  CsvLine header;
  for (const char* c : {"year", "month", "months_left", "section", "name", "target_class",
                        "ytd_class", "meets_target", "item", "samples", "ytd_mean", "limit",
                        "remaining_values", "allowance", "allowance_exact", "inclusive",
                        "state"}) {
    header.Add(c);
  }
  std::string out = header.Finish();
  for (const SectionAllowance& s : report.sections) {
    const water::Section& section = set.sections[s.section];
    const MonthProgress* last = s.months.empty() ? nullptr : &s.months.back();
    for (const ItemAllowance& a : s.items) {
      const water::WaterItem& item = rules.item(a.item);
      CsvLine line;
      line.Add(std::to_string(report.year)).Add(std::to_string(report.month));
      line.Add(std::to_string(report.months_left)).Add(section.id).Add(section.name);
      line.Add(water::ClassLabel(s.target)).Add(last ? ClassText(last->ytd_class) : "");
      line.Add(last && last->meets_target ? "yes" : "no").Add(item.id);
      line.Add(std::to_string(a.samples)).Add(FormatRounded(a.ytd_mean, item.decimals));
      line.Add(water::FormatExactDecimal(water::WaterValue(a.limit)));
      line.Add(std::to_string(a.remaining)).Add(AllowanceText(a, item.decimals + 1));
      line.Add(a.allowance ? ExactFraction(*a.allowance) : "");
      line.Add(a.allowance ? (a.inclusive ? "yes" : "no") : "").Add(a.state);
      out += line.Finish();
    }
  }
  return out;
}

std::string WaterAllowanceJson(const water::WaterRules& rules, const water::SampleSet& set,
                               const WaterAllowanceReport& report) {
  ordered_json j;
  j["year"] = report.year;
  j["as_of"] = FormatDate(report.as_of);
  j["month"] = report.month;
  j["months_left"] = report.months_left;
  ordered_json sections = ordered_json::array();
  for (const SectionAllowance& s : report.sections) {
    const water::Section& section = set.sections[s.section];
    ordered_json o;
    o["section"] = section.id;
    o["name"] = section.name;
    o["target_class"] = water::ClassLabel(s.target);
    ordered_json months = ordered_json::array();
    for (const MonthProgress& m : s.months) {
      months.push_back({{"month", m.month},
                        {"ytd_class", m.ytd_class ? ordered_json(water::ClassLabel(*m.ytd_class))
                                                  : ordered_json(nullptr)},
                        {"meets_target", m.meets_target},
                        {"months_left", m.months_left}});
    }
    o["months"] = months;
    ordered_json items = ordered_json::array();
    for (const ItemAllowance& a : s.items) {
      const water::WaterItem& item = rules.item(a.item);
      ordered_json i;
      i["item"] = item.id;
      i["name"] = item.name;
      i["unit"] = item.unit;
      i["limit_kind"] = a.minimum ? "minimum" : "maximum";
      i["samples"] = a.samples;
      i["ytd_mean"] = FormatRounded(a.ytd_mean, item.decimals);
      i["limit"] = water::FormatExactDecimal(water::WaterValue(a.limit));
      i["remaining_values"] = a.remaining;
      i["allowance"] = a.allowance ? ordered_json(AllowanceText(a, item.decimals + 1))
                                   : ordered_json(nullptr);
      i["allowance_exact"] =
          a.allowance ? ordered_json(ExactFraction(*a.allowance)) : ordered_json(nullptr);
      i["inclusive"] = a.inclusive;
      i["state"] = a.state;
      items.push_back(i);
    }
    o["items"] = items;
    sections.push_back(o);
  }
  j["sections"] = sections;
  return j.dump(2) + "\n";
}

std::string WaterAllowanceText(const water::WaterRules& rules, const water::SampleSet& set,
                               const WaterAllowanceReport& report) {
  std::string out = "水质目标进度 Water target progress " + std::to_string(report.year) +
                    "，截至 as of " + FormatDate(report.as_of) + "（完整月份 complete months: " +
                    std::to_string(report.month) + "，剩余 months left: " +
                    std::to_string(report.months_left) + "）\n";
  for (const SectionAllowance& s : report.sections) {
    const water::Section& section = set.sections[s.section];
    out += "\n" + section.id + " " + section.name + "  目标 target " +
           water::ClassLabel(s.target) + "\n  年初至今类别 ytd class by month:";
    for (const MonthProgress& m : s.months) {
      out += " " + std::to_string(m.month) + "月" + (m.ytd_class ? ClassText(m.ytd_class) : "—") +
             (m.ytd_class && !m.meets_target ? "*" : "");
    }
    out += "\n";
    for (const ItemAllowance& a : s.items) {
      const water::WaterItem& item = rules.item(a.item);
      out += "  " + item.name + " " + item.id + ": 均值 mean " +
             FormatRounded(a.ytd_mean, item.decimals) + " " + item.unit + " (" +
             std::to_string(a.samples) + ")，限值 limit " +
             water::FormatExactDecimal(water::WaterValue(a.limit));
      if (a.allowance) {
        out += std::string("，其余 ") + std::to_string(a.remaining) + " 个数据均值须" +
               (a.minimum ? (a.inclusive ? "≥ " : "> ") : (a.inclusive ? "≤ " : "< ")) +
               AllowanceText(a, item.decimals + 1);
      }
      out += std::string("  ") + StateZh(a.state) + " " + a.state + "\n";
    }
  }
  out += "\n* 年初至今类别劣于目标 (ytd class worse than the target)\n";
  return out;
}

}  // namespace ecociv::warning
