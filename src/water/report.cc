#include "ecociv/water/report.h"

#include <nlohmann/json.hpp>

#include "ecociv/core/csv_writer.h"

namespace ecociv::water {
namespace {

using nlohmann::ordered_json;

// A rounded exact value as a JSON number: the decimal text is exact, and the
// nearest double prints back as the same digits.
ordered_json Number(const Ratio& value, int decimals) {
  return ordered_json::parse(FormatRounded(value, decimals));
}

const char* ChangeWord(std::optional<WaterClass> now, std::optional<WaterClass> before) {
  if (!now || !before) return "";
  int change = ClassChange(*now, *before);
  return change < 0 ? "better" : change > 0 ? "worse" : "same";
}

ordered_json ChangeJson(std::optional<WaterClass> now, std::optional<WaterClass> before) {
  const char* word = ChangeWord(now, before);
  return *word ? ordered_json(word) : ordered_json(nullptr);
}

std::string Label(std::optional<WaterClass> c) { return c ? ClassLabel(*c) : ""; }

ordered_json ItemJson(const WaterRules& rules, const ItemResult& r) {
  const WaterItem& item = rules.item(r.item);
  ordered_json j;
  j["name"] = item.name;
  j["mean"] = Number(r.value, item.decimals);
  j["unit"] = item.unit;
  j["samples"] = r.samples;
  if (r.below_detection > 0) j["below_detection"] = r.below_detection;
  if (r.cls) j["class"] = ClassLabel(*r.cls);
  if (r.multiple) j["multiple"] = Number(*r.multiple, rules.options().multiple_decimals);
  return j;
}

ordered_json TliJson(const WaterRules& rules, const TliResult& t) {
  return {{"value", Number(t.rounded, rules.options().tli_decimals)},
          {"parameters", t.parameters},
          {"trophic", t.trophic},
          {"trophic_en", t.trophic_en}};
}

ordered_json StatusJson(const WaterRules& rules, std::optional<WaterClass> c) {
  if (!c) return nullptr;
  const StatusWord& s = rules.Status(*c);
  return {{"word", s.word}, {"colour", s.colour}, {"colour_zh", s.colour_zh}};
}

ordered_json SectionJson(const WaterRules& rules, const SampleSet& set, const SectionResult& r,
                         const SectionResult* base) {
  const Section& s = set.sections[r.section];
  const WaterOptions& o = rules.options();
  ordered_json j;
  j["section"] = s.id;
  j["name"] = s.name;
  j["river"] = s.river;
  j["type"] = WaterBodyName(s.type);
  j["level"] = SectionLevelName(s.level);
  if (!s.chief.empty()) j["chief"] = s.chief;
  if (s.drinking_source) j["drinking_source"] = true;
  j["target_class"] = ClassLabel(s.target);
  j["class"] = r.cls ? ordered_json(ClassLabel(*r.cls)) : ordered_json(nullptr);
  j["status"] = StatusJson(rules, r.cls);
  j["compliant"] = r.cls ? ordered_json(r.compliant) : ordered_json(nullptr);
  ordered_json main = ordered_json::array();
  for (const MainPollutant& m : r.main_pollutants) {
    ordered_json p{{"item", rules.item(m.item).id}, {"name", rules.item(m.item).name}};
    p["multiple"] = m.multiple ? Number(*m.multiple, o.multiple_decimals) : ordered_json(nullptr);
    main.push_back(p);
  }
  j["main_pollutants"] = main;
  ordered_json exceeding = ordered_json::array();
  for (const MainPollutant& m : r.exceeding_target) {
    ordered_json p{{"item", rules.item(m.item).id}, {"name", rules.item(m.item).name}};
    p["multiple_vs_target"] =
        m.multiple ? Number(*m.multiple, o.multiple_decimals) : ordered_json(nullptr);
    exceeding.push_back(p);
  }
  j["exceeding_target"] = exceeding;
  j["cwqi"] = r.cwqi ? Number(r.cwqi->value, o.cwqi_decimals) : ordered_json(nullptr);
  ordered_json items = ordered_json::object(), separate = ordered_json::object(),
               other = ordered_json::object();
  for (const ItemResult& item : r.items) {
    const WaterItem& w = rules.item(item.item);
    (w.evaluated ? items : w.separate ? separate : other)[w.id] = ItemJson(rules, item);
  }
  j["items"] = items;
  j["reported_separately"] = separate;
  if (!other.empty()) j["other_items"] = other;
  if (r.tli) j["tli"] = TliJson(rules, *r.tli);
  if (base) {
    ordered_json b;
    b["class"] = base->cls ? ordered_json(ClassLabel(*base->cls)) : ordered_json(nullptr);
    b["cwqi"] = base->cwqi ? Number(base->cwqi->value, o.cwqi_decimals) : ordered_json(nullptr);
    b["class_change"] = ChangeJson(r.cls, base->cls);
    if (r.cwqi && base->cwqi) {
      if (auto d = DeltaCwqi(r.cwqi->value, base->cwqi->value)) {
        b["delta_cwqi_percent"] = Number(*d, o.delta_cwqi_decimals);
      }
    }
    j["base"] = b;
  }
  return j;
}

ordered_json GroupJson(const WaterRules& rules, const GroupResult& g, const GroupResult* base) {
  const WaterOptions& o = rules.options();
  ordered_json j;
  j["name"] = g.name;
  j["sections"] = g.sections;
  ordered_json counts = ordered_json::object();
  for (int c = 0; c < 6; ++c) counts[ClassLabel(static_cast<WaterClass>(c + 1))] = g.counts[c];
  j["class_counts"] = counts;
  j["share_I_III_percent"] = Number(g.share_good, o.share_decimals);
  j["share_worse_than_V_percent"] = Number(g.share_worse_than_v, o.share_decimals);
  j["share_compliant_percent"] = Number(g.share_compliant, o.share_decimals);
  j["method"] = g.share_method ? "class_shares" : "mean_of_items";
  j["mean_class"] = g.mean_class ? ordered_json(ClassLabel(*g.mean_class)) : ordered_json(nullptr);
  j["status"] = StatusJson(rules, g.status_class);
  ordered_json main = ordered_json::array();
  for (const GroupResult::Pollutant& p : g.main_pollutants) {
    ordered_json m{{"item", rules.item(p.item).id}, {"name", rules.item(p.item).name}};
    if (p.rate) m["exceedance_rate_percent"] = Number(*p.rate, o.share_decimals);
    if (p.multiple) m["multiple"] = Number(*p.multiple, o.multiple_decimals);
    main.push_back(m);
  }
  j["main_pollutants"] = main;
  j["cwqi"] = g.cwqi ? Number(g.cwqi->value, o.cwqi_decimals) : ordered_json(nullptr);
  if (g.kind == "city") {
    j["river_sections"] = g.river_sections;
    j["lake_sections"] = g.lake_sections;
    j["cwqi_river"] =
        g.cwqi_river ? Number(g.cwqi_river->value, o.cwqi_decimals) : ordered_json(nullptr);
    j["cwqi_lake"] =
        g.cwqi_lake ? Number(g.cwqi_lake->value, o.cwqi_decimals) : ordered_json(nullptr);
  }
  if (g.tli) j["tli"] = TliJson(rules, *g.tli);
  if (!g.share_method || g.kind == "lake") {
    ordered_json items = ordered_json::object();
    for (const ItemResult& r : g.mean_items) items[rules.item(r.item).id] = ItemJson(rules, r);
    j["mean_items"] = items;
  }
  if (base) {
    ordered_json b;
    b["cwqi"] = base->cwqi ? Number(base->cwqi->value, o.cwqi_decimals) : ordered_json(nullptr);
    if (g.cwqi && base->cwqi) {
      if (auto d = DeltaCwqi(g.cwqi->value, base->cwqi->value)) {
        b["delta_cwqi_percent"] = Number(*d, o.delta_cwqi_decimals);
      }
    }
    b["share_I_III_percent"] = Number(base->share_good, o.share_decimals);
    j["base"] = b;
  }
  return j;
}

const GroupResult* FindGroup(const std::vector<GroupResult>& groups, const std::string& name) {
  for (const GroupResult& g : groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

}  // namespace

std::string FormatMainPollutants(const WaterRules& rules, const std::vector<MainPollutant>& main) {
  std::string out;
  for (const MainPollutant& m : main) {
    if (!out.empty()) out += ';';
    out += rules.item(m.item).name;
    if (m.multiple) {
      out += '(';
      out += FormatRounded(*m.multiple, rules.options().multiple_decimals);
      out += ')';
    }
  }
  return out;
}

std::vector<ClassifiedRow> ClassifyPeriods(const WaterRules& rules, const SampleSet& set,
                                           const SectionSamples& index, DayNumber from,
                                           DayNumber to, PeriodKind kind) {
  std::vector<ClassifiedRow> rows;
  for (const Period& period : SplitPeriods(from, to, kind)) {
    Period previous = PreviousPeriod(period, kind);
    Period year_before = YearEarlier(period, kind);
    for (size_t s = 0; s < set.sections.size(); ++s) {
      const Section& section = set.sections[s];
      const auto& samples = index.by_section[s];
      ClassifiedRow row;
      row.result = EvaluateSection(rules, section, static_cast<int>(s), samples, period);
      if (row.result.items.empty()) continue;
      row.previous = EvaluateSection(rules, section, static_cast<int>(s), samples, previous).cls;
      row.year_before =
          EvaluateSection(rules, section, static_cast<int>(s), samples, year_before).cls;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string ClassifyCsv(const WaterRules& rules, const SampleSet& set,
                        const std::vector<ClassifiedRow>& rows) {
  const WaterOptions& o = rules.options();
  CsvLine header;
  for (const char* column : {"section", "period", "class", "status", "target_class", "compliant",
                             "main_pollutants", "cwqi", "colour", "exceeding_target", "class_prev",
                             "change_prev", "class_yoy", "change_yoy", "tli", "trophic"}) {
    header.Add(column);
  }
  for (const WaterItem& item : rules.items()) {
    header.Add(item.id + "_mean");
    if (item.kind != LimitKind::kNone) header.Add(item.id + "_class");
  }
  std::string out = header.Finish();
  for (const ClassifiedRow& row : rows) {
    const SectionResult& r = row.result;
    const Section& s = set.sections[r.section];
    CsvLine line;
    line.Add(s.id).Add(r.period).Add(Label(r.cls));
    line.Add(r.cls ? rules.Status(*r.cls).word : "");
    line.Add(ClassLabel(s.target)).Add(r.cls ? (r.compliant ? "yes" : "no") : "");
    line.Add(FormatMainPollutants(rules, r.main_pollutants));
    line.Add(r.cwqi ? FormatRounded(r.cwqi->value, o.cwqi_decimals) : "");
    line.Add(r.cls ? rules.Status(*r.cls).colour : "");
    line.Add(FormatMainPollutants(rules, r.exceeding_target));
    line.Add(Label(row.previous)).Add(ChangeWord(r.cls, row.previous));
    line.Add(Label(row.year_before)).Add(ChangeWord(r.cls, row.year_before));
    line.Add(r.tli ? FormatRounded(r.tli->rounded, o.tli_decimals) : "");
    line.Add(r.tli ? r.tli->trophic : "");
    for (size_t i = 0; i < rules.items().size(); ++i) {
      const WaterItem& item = rules.items()[i];
      const ItemResult* found = r.Find(static_cast<int>(i));
      line.Add(found ? FormatRounded(found->value, item.decimals) : "");
      if (item.kind != LimitKind::kNone) line.Add(found ? Label(found->cls) : "");
    }
    out += line.Finish();
  }
  return out;
}

std::string ClassifyJson(const WaterRules& rules, const SampleSet& set,
                         const std::vector<ClassifiedRow>& rows) {
  ordered_json out = ordered_json::array();
  for (const ClassifiedRow& row : rows) {
    ordered_json j = SectionJson(rules, set, row.result, nullptr);
    j["period"] = row.result.period;
    j["class_prev"] =
        row.previous ? ordered_json(ClassLabel(*row.previous)) : ordered_json(nullptr);
    j["change_prev"] = ChangeJson(row.result.cls, row.previous);
    j["class_yoy"] =
        row.year_before ? ordered_json(ClassLabel(*row.year_before)) : ordered_json(nullptr);
    j["change_yoy"] = ChangeJson(row.result.cls, row.year_before);
    out.push_back(j);
  }
  return out.dump(2) + "\n";
}

std::string AssessmentJson(const WaterRules& rules, const SampleSet& set, const Assessment& now,
                           const Assessment* base) {
  ordered_json j;
  j["period"] = {{"from", FormatDate(now.period.first)}, {"to", FormatDate(now.period.last)}};
  if (base) {
    j["base_period"] = {{"from", FormatDate(base->period.first)},
                        {"to", FormatDate(base->period.last)}};
  }
  j["standards"] = rules.editions();
  ordered_json sections = ordered_json::array();
  for (size_t s = 0; s < now.sections.size(); ++s) {
    sections.push_back(
        SectionJson(rules, set, now.sections[s], base ? &base->sections[s] : nullptr));
  }
  j["sections"] = sections;
  auto groups = [&](const std::vector<GroupResult>& now_groups,
                    const std::vector<GroupResult>* base_groups) {
    ordered_json array = ordered_json::array();
    for (const GroupResult& g : now_groups) {
      array.push_back(GroupJson(rules, g, base_groups ? FindGroup(*base_groups, g.name) : nullptr));
    }
    return array;
  };
  j["rivers"] = groups(now.rivers, base ? &base->rivers : nullptr);
  if (!now.basins.empty()) j["basins"] = groups(now.basins, base ? &base->basins : nullptr);
  j["lakes"] = groups(now.lakes, base ? &base->lakes : nullptr);
  j["city"] = GroupJson(rules, now.city, base ? &base->city : nullptr);
  return j.dump(2) + "\n";
}

}  // namespace ecociv::water
