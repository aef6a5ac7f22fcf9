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
  if (!s.chief_name.empty() || !s.chief_post.empty() || !s.chief_unit.empty()) {
    j["section_chief"] = {{"name", s.chief_name}, {"post", s.chief_post}, {"unit", s.chief_unit}};
  }
  if (!s.categories.empty()) j["categories"] = s.categories;
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
  j["at_III_or_better"] = g.counts[0] + g.counts[1] + g.counts[2];
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

std::string FormatExactDecimal(const Ratio& value) {
  std::string text = FormatRounded(value, 12);
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

namespace {

// The judged value as printed: with the edition's decimals when it rounds.
std::string JudgedText(const RealtimeRules& rt, const ItemResult& r) {
  const int j = rt.JudgedIndex(r.item);
  return rt.rounding == RealtimeRounding::kHalfEven ? FormatRounded(r.value, rt.decimals[j])
                                                    : FormatExactDecimal(r.value);
}

std::string JoinIds(const WaterRules& rules, const std::vector<int>& items) {
  std::string out;
  for (int item : items) out += (out.empty() ? "" : ";") + rules.item(item).id;
  return out;
}

const ItemResult* FindItem(const std::vector<ItemResult>& items, int item) {
  for (const ItemResult& r : items) {
    if (r.item == item) return &r;
  }
  return nullptr;
}

// The items judged by any edition of the rows, and the other items present,
// each in catalogue order.
void SampleColumns(const WaterRules& rules, const std::vector<SampleClassRow>& rows,
                   std::vector<int>* judged, std::vector<int>* others) {
  std::vector<bool> is_judged(rules.items().size()), is_other(rules.items().size());
  for (const SampleClassRow& row : rows) {
    for (int item : row.rules->items) is_judged[item] = true;
    for (const ItemResult& r : row.other_items) is_other[r.item] = true;
  }
  for (size_t i = 0; i < is_judged.size(); ++i) {
    if (is_judged[i]) judged->push_back(static_cast<int>(i));
    if (is_other[i] && !is_judged[i]) others->push_back(static_cast<int>(i));
  }
}

bool Compliant(const SampleClassRow& row, const Section& s) {
  return row.judgement.cls && *row.judgement.cls <= s.target;
}

}  // namespace

std::string SampleClassCsv(const WaterRules& rules, const SampleSet& set,
                           const std::vector<SampleClassRow>& rows) {
  std::vector<int> judged, others;
  SampleColumns(rules, rows, &judged, &others);
  CsvLine header;
  for (const char* column : {"section", "time", "edition", "type", "class", "status", "colour",
                             "target_class", "compliant", "no_class", "main_pollutants", "judged",
                             "missing"}) {
    header.Add(column);
  }
  for (int item : judged) {
    const std::string& id = rules.item(item).id;
    header.Add(id + "_value").Add(id + "_judged").Add(id + "_class");
  }
  for (int item : others) header.Add(rules.item(item).id + "_value");
  std::string out = header.Finish();
  for (const SampleClassRow& row : rows) {
    const Section& s = set.sections[row.section];
    const SampleJudgement& j = row.judgement;
    CsvLine line;
    line.Add(s.id).Add(FormatSampleTime(row.day, row.minute)).Add(row.rules->id);
    line.Add(WaterBodyName(j.body)).Add(Label(j.cls));
    line.Add(j.cls ? rules.Status(*j.cls).word : "").Add(j.cls ? rules.Status(*j.cls).colour : "");
    line.Add(ClassLabel(s.target)).Add(j.cls ? (Compliant(row, s) ? "yes" : "no") : "");
    line.Add(NoClassReasonName(j.no_class)).Add(FormatMainPollutants(rules, j.main_pollutants));
    line.Add(JoinIds(rules, row.rules->items)).Add(JoinIds(rules, j.missing));
    for (int item : judged) {
      const ItemResult* r = FindItem(j.items, item);
      line.Add(r ? FormatExactDecimal(r->mean) : "").Add(r ? JudgedText(*row.rules, *r) : "");
      line.Add(r ? Label(r->cls) : "");
    }
    for (int item : others) {
      const ItemResult* r = FindItem(row.other_items, item);
      line.Add(r ? FormatExactDecimal(r->mean) : "");
    }
    out += line.Finish();
  }
  return out;
}

std::string SampleClassJson(const WaterRules& rules, const SampleSet& set,
                            const std::vector<SampleClassRow>& rows) {
  const WaterOptions& o = rules.options();
  ordered_json out = ordered_json::array();
  for (const SampleClassRow& row : rows) {
    const Section& s = set.sections[row.section];
    const SampleJudgement& j = row.judgement;
    ordered_json r;
    r["section"] = s.id;
    r["name"] = s.name;
    r["river"] = s.river;
    r["type"] = WaterBodyName(j.body);
    r["time"] = FormatSampleTime(row.day, row.minute);
    r["edition"] = row.rules->id;
    r["class"] = j.cls ? ordered_json(ClassLabel(*j.cls)) : ordered_json(nullptr);
    r["status"] = StatusJson(rules, j.cls);
    r["no_class"] = j.cls ? ordered_json(nullptr) : ordered_json(NoClassReasonName(j.no_class));
    r["target_class"] = ClassLabel(s.target);
    r["compliant"] = j.cls ? ordered_json(Compliant(row, s)) : ordered_json(nullptr);
    ordered_json main = ordered_json::array();
    for (const MainPollutant& m : j.main_pollutants) {
      ordered_json p{{"item", rules.item(m.item).id}, {"name", rules.item(m.item).name}};
      p["multiple"] = m.multiple ? Number(*m.multiple, o.multiple_decimals) : ordered_json(nullptr);
      main.push_back(p);
    }
    r["main_pollutants"] = main;
    ordered_json items = ordered_json::object();
    for (const ItemResult& item : j.items) {
      const WaterItem& w = rules.item(item.item);
      ordered_json i{{"name", w.name}, {"unit", w.unit}};
      i["value"] = ordered_json::parse(FormatExactDecimal(item.mean));
      i["judged"] = ordered_json::parse(JudgedText(*row.rules, item));
      i["class"] = ClassLabel(*item.cls);
      if (item.multiple) i["multiple"] = Number(*item.multiple, o.multiple_decimals);
      items[w.id] = i;
    }
    r["judged"] = items;
    ordered_json missing = ordered_json::array();
    for (int item : j.missing) missing.push_back(rules.item(item).id);
    r["missing"] = missing;
    ordered_json others = ordered_json::object();
    for (const ItemResult& item : row.other_items) {
      const WaterItem& w = rules.item(item.item);
      others[w.id] = {{"name", w.name},
                      {"unit", w.unit},
                      {"value", ordered_json::parse(FormatExactDecimal(item.mean))}};
    }
    r["other_items"] = others;
    out.push_back(r);
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
  // The groups the city reports by: every level present, every category.
  j["levels"] = groups(now.levels, base ? &base->levels : nullptr);
  for (size_t i = 0; i < now.levels.size(); ++i) {
    for (auto level : {SectionLevel::kNational, SectionLevel::kProvincial,
                       SectionLevel::kMunicipal, SectionLevel::kTown}) {
      if (now.levels[i].name == SectionLevelName(level)) {
        j["levels"][i]["name_zh"] = SectionLevelNameZh(level);
      }
    }
  }
  j["categories"] = groups(now.categories, base ? &base->categories : nullptr);
  const DrinkingSources& d = now.drinking_sources;
  j["drinking_sources"] = {
      {"sections", d.sections},
      {"at_III_or_better", d.good},
      {"share_percent",
       d.share ? Number(*d.share, rules.options().share_decimals) : ordered_json(nullptr)}};
  return j.dump(2) + "\n";
}

}  // namespace ecociv::water
