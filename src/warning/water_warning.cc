// Water warning rule files and their evaluation (see water_warning.h and
// docs/warning.md).
#include "ecociv/warning/water_warning.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include "ecociv/core/exact.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"
#include "ecociv/warning/water_notices.h"

namespace ecociv::warning {
namespace {

using water::WaterClass;

// ---- Parsing ----------------------------------------------------------------

Status At(const std::string& file, const toml::node& node, const std::string& reason) {
  return InvalidArgumentError(file + ":" + std::to_string(node.source().begin.line) + ": " +
                              reason);
}

StatusOr<Condition> ParseCondition(const std::string& file, const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return At(file, node, "a condition must be a table { kind = ... }");
  Condition c;
  std::string kind = (*t)["kind"].value_or(std::string());
  if (kind == "yoy_worse") {
    c.kind = ConditionKind::kYoyWorse;
  } else if (kind == "ytd_misses_target") {
    c.kind = ConditionKind::kYtdMissesTarget;
  } else if (kind == "month_below_target") {
    c.kind = ConditionKind::kMonthBelowTarget;
  } else if (kind == "consecutive_below_target") {
    c.kind = ConditionKind::kConsecutiveBelowTarget;
  } else if (kind == "drop") {
    c.kind = ConditionKind::kDrop;
  } else {
    return At(file, node, "unknown condition kind " + QuoteForMessage(kind));
  }
  c.classes = static_cast<int>((*t)["classes"].value_or(int64_t{1}));
  c.months = static_cast<int>((*t)["months"].value_or(int64_t{1}));
  if (c.classes < 1 || c.classes > 5) return At(file, node, "classes must be 1..5");
  if (c.months < 1 || c.months > 12) return At(file, node, "months must be 1..12");
  if (auto w = (*t)["worse_than"].value<std::string>()) {
    c.worse_than = water::ParseClass(*w);
    if (!c.worse_than) return At(file, node, "worse_than: not a class: " + *w);
  }
  std::string against = (*t)["against"].value_or(std::string("previous_month"));
  if (against != "previous_month" && against != "last_year") {
    return At(file, node, "against must be previous_month or last_year");
  }
  c.against_last_year = against == "last_year";
  return c;
}

StatusOr<NoticeRule> ParseNoticeRule(const std::string& file, const toml::node& node) {
  const toml::table* t = node.as_table();
  if (!t) return At(file, node, "a notice rule must be a table { kind = ... }");
  NoticeRule r;
  std::string kind = (*t)["kind"].value_or(std::string());
  if (kind == "approaching_limit") {
    r.kind = NoticeKind::kApproachingLimit;
  } else if (kind == "rising_trend") {
    r.kind = NoticeKind::kRisingTrend;
  } else {
    return At(file, node,
              "unknown notice kind " + QuoteForMessage(kind) +
                  " (approaching_limit or rising_trend)");
  }
  std::string basis = (*t)["basis"].value_or(std::string("sample"));
  if (basis == "sample") {
    r.basis = NoticeBasis::kSample;
  } else if (basis == "month_mean") {
    r.basis = NoticeBasis::kMonthMean;
  } else if (basis == "ytd_mean") {
    r.basis = NoticeBasis::kYtdMean;
  } else {
    return At(file, node, "basis must be sample, month_mean or ytd_mean");
  }
  auto number = [&](const char* key, int64_t fallback, int64_t low, int64_t high,
                    int* out) -> Status {
    int64_t v = (*t)[key].value_or(fallback);
    if (v < low || v > high) {
      return At(file, node,
                std::string(key) + " must be " + std::to_string(low) + ".." +
                    std::to_string(high));
    }
    *out = static_cast<int>(v);
    return Status::Ok();
  };
  ECOCIV_RETURN_IF_ERROR(number("share_percent", 90, 1, 100, &r.share_percent));
  ECOCIV_RETURN_IF_ERROR(number("min_samples", 1, 1, 1000, &r.min_samples));
  ECOCIV_RETURN_IF_ERROR(number("samples", 6, 3, 60, &r.samples));
  ECOCIV_RETURN_IF_ERROR(number("within_months", 3, 1, 24, &r.within_months));
  if (const toml::array* items = (*t)["items"].as_array()) {
    for (const toml::node& item : *items) {
      auto id = item.value<std::string>();
      if (!id) return At(file, item, "items holds item ids (\"nh3n\")");
      // Checked against the built-in catalogue: item ids are the same in
      // every edition of the rules.
      static const StatusOr<water::WaterRules> kRules = water::WaterRules::Load("");
      if (!kRules.ok()) return kRules.status();
      int index = kRules->IndexOf(*id);
      if (index < 0 || kRules->item(index).kind != water::LimitKind::kMax) {
        return At(file, item,
                  "item " + QuoteForMessage(*id) + " is not an item id with a maximum limit");
      }
      r.items.push_back(*id);
    }
  }
  return r;
}

StatusOr<WarningLevel> ParseLevel(const std::string& file, const toml::table& t) {
  WarningLevel level;
  level.id = t["id"].value_or(std::string());
  level.name = t["name"].value_or(level.id);
  level.rank = static_cast<int>(t["rank"].value_or(int64_t{0}));
  if (level.id.empty() || level.rank < 1) return At(file, t, "a level needs an id and a rank ≥ 1");
  const toml::array* when = t["when"].as_array();
  if (!when || when->empty()) return At(file, t, "level " + level.id + ": `when` is missing");
  for (const toml::node& list : *when) {
    const toml::array* all = list.as_array();
    if (!all || all->empty()) return At(file, list, "`when` holds lists of conditions");
    std::vector<Condition> conditions;
    for (const toml::node& c : *all) {
      ECOCIV_ASSIGN_OR_RETURN(Condition cond, ParseCondition(file, c));
      conditions.push_back(cond);
    }
    level.when.push_back(std::move(conditions));
  }
  return level;
}

StatusOr<WarningRuleSet> ParseTable(const toml::table& root, const std::string& file) {
  WarningRuleSet set;
  if (root["warning"]["kind"].value_or(std::string()) != "water-warning") {
    return InvalidArgumentError(file + ": not a water warning rule file ([warning] kind)");
  }
  set.id = root["warning"]["id"].value_or(std::string());
  set.name = root["warning"]["name"].value_or(set.id);
  set.status = root["warning"]["status"].value_or(std::string("template"));
  if (set.id.empty()) return InvalidArgumentError(file + ": [warning] id is missing");
  const toml::array* levels = root["levels"].as_array();
  if (!levels || levels->empty()) return InvalidArgumentError(file + ": no [[levels]]");
  for (const toml::node& node : *levels) {
    const toml::table* t = node.as_table();
    if (!t) return At(file, node, "[[levels]] entries must be tables");
    ECOCIV_ASSIGN_OR_RETURN(WarningLevel level, ParseLevel(file, *t));
    if (!set.levels.empty() && level.rank >= set.levels.back().rank) {
      return At(file, node, "levels must be listed most severe first (rank decreasing)");
    }
    set.levels.push_back(std::move(level));
  }
  set.release_compliant_months =
      static_cast<int>(root["release"]["compliant_months"].value_or(int64_t{0}));
  set.early_notice = root["early_notice"]["enabled"].value_or(false);
  set.early_notice_min_samples =
      static_cast<int>(root["early_notice"]["min_samples"].value_or(int64_t{3}));
  if (set.release_compliant_months < 0 || set.early_notice_min_samples < 1) {
    return InvalidArgumentError(file + ": compliant_months ≥ 0 and min_samples ≥ 1");
  }
  if (const toml::table* notice = root["notice"].as_table()) {
    set.notice_id = (*notice)["id"].value_or(set.notice_id);
    set.notice_name = (*notice)["name"].value_or(set.notice_name);
    const toml::array* rules = (*notice)["rules"].as_array();
    if (!rules || rules->empty()) return At(file, *notice, "[notice] needs `rules`");
    for (const toml::node& node : *rules) {
      ECOCIV_ASSIGN_OR_RETURN(NoticeRule rule, ParseNoticeRule(file, node));
      set.notices.push_back(std::move(rule));
    }
  }
  return set;
}

// ---- Months -----------------------------------------------------------------

DayNumber MonthLast(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  d.day = DaysInMonth(d.year, d.month);
  return DaysFromCivil(d);
}

DayNumber YearBefore(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  d.year -= 1;
  d.day = std::min(d.day, DaysInMonth(d.year, d.month));
  return DaysFromCivil(d);
}

std::string MonthLabel(DayNumber day) { return FormatDate(day).substr(0, 7); }

std::optional<WaterClass> ClassOf(const water::WaterRules& rules, const water::SampleSet& set,
                                  const water::SectionSamples& index, int section, DayNumber first,
                                  DayNumber last, water::SectionResult* result = nullptr) {
  water::Period period = water::RangePeriod(first, last);
  water::SectionResult r = water::EvaluateSection(rules, set.sections[section], section,
                                                  index.by_section[section], period);
  std::optional<WaterClass> cls = r.cls;
  if (result) *result = std::move(r);
  return cls;
}

// Conditions that hold always have both classes; "—" marks one that is absent.
std::string Label(std::optional<WaterClass> c) { return c ? water::ClassLabel(*c) : "—"; }

bool Worse(std::optional<WaterClass> a, WaterClass b) {
  return a && static_cast<int>(*a) > static_cast<int>(b);
}

int Change(std::optional<WaterClass> now, std::optional<WaterClass> before) {
  return now && before ? water::ClassChange(*now, *before) : 0;
}

std::string Signed(int n) { return (n > 0 ? "+" : "") + std::to_string(n); }

}  // namespace

StatusOr<WarningRuleSet> ParseWarningRules(const std::string& text, const std::string& file_name) {
  try {
    toml::table root = toml::parse(text, file_name);
    return ParseTable(root, file_name);
  } catch (const toml::parse_error& err) {
    return InvalidArgumentError(file_name + ":" + std::to_string(err.source().begin.line) + ": " +
                                std::string(err.description()));
  }
}

StatusOr<WarningRuleSet> LoadWarningRules(const std::string& name_or_path) {
  std::string name = name_or_path;
  bool is_path = name.find('/') != std::string::npos ||
                 (name.size() > 5 && name.substr(name.size() - 5) == ".toml");
  if (is_path) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(name));
    ECOCIV_ASSIGN_OR_RETURN(WarningRuleSet set, ParseWarningRules(text, name));
    set.origin = name;
    return set;
  }
  if (name.rfind("warning-", 0) != 0) name = "warning-" + name;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StandardFile> files, LoadStandardFiles(""));
  for (const StandardFile& file : files) {
    if (file.name != name + ".toml") continue;
    ECOCIV_ASSIGN_OR_RETURN(WarningRuleSet set, ParseWarningRules(file.text, file.name));
    set.origin = "built-in";
    return set;
  }
  return InvalidArgumentError("--rules " + name_or_path +
                              ": no such rule set (built-in: yangtze, local-template; or a "
                              "path to a .toml file)");
}

SectionFacts ComputeSectionFacts(const water::WaterRules& rules, const water::SampleSet& set,
                                 const water::SectionSamples& index, int section,
                                 DayNumber month_last) {
  SectionFacts f;
  f.target = set.sections[section].target;
  DayNumber first = MonthFirstDay(month_last);
  f.month = MonthLabel(first);
  water::SectionResult month;
  f.month_class = ClassOf(rules, set, index, section, first, month_last, &month);
  f.ytd_class = ClassOf(rules, set, index, section, YearFirstDay(first), month_last);
  DayNumber ly_last = MonthLast(YearBefore(first));
  f.month_last_year = ClassOf(rules, set, index, section, MonthFirstDay(ly_last), ly_last);
  f.ytd_last_year = ClassOf(rules, set, index, section, YearFirstDay(ly_last), ly_last);
  f.previous_month = ClassOf(rules, set, index, section, MonthFirstDay(first - 1), first - 1);
  for (const water::MainPollutant& p : month.main_pollutants) {
    std::string text = rules.item(p.item).name;
    if (p.multiple) text += "(" + FormatRounded(*p.multiple, 1) + ")";
    f.main_pollutants.push_back(text);
  }
  // Consecutive months below / meeting the target, ending with the month.
  std::optional<WaterClass> cls = f.month_class;
  DayNumber last = month_last;
  bool below = Worse(cls, f.target), counting_below = below, counting_ok = cls && !below;
  for (int n = 0; n < 24 && (counting_below || counting_ok); ++n) {
    bool worse = Worse(cls, f.target);
    if (counting_below && cls && worse)
      ++f.months_below_target;
    else
      counting_below = false;
    if (counting_ok && cls && !worse)
      ++f.months_compliant;
    else
      counting_ok = false;
    DayNumber previous_last = MonthFirstDay(last) - 1;
    last = previous_last;
    cls = ClassOf(rules, set, index, section, MonthFirstDay(last), last);
  }
  return f;
}

bool ConditionHolds(const Condition& c, const SectionFacts& f, std::vector<Message>* text) {
  switch (c.kind) {
    case ConditionKind::kYoyWorse: {
      int month_change = Change(f.month_class, f.month_last_year);
      int ytd_change = Change(f.ytd_class, f.ytd_last_year);
      if (month_change < c.classes || ytd_change < c.classes) return false;
      if (c.worse_than &&
          (!Worse(f.month_class, *c.worse_than) || !Worse(f.ytd_class, *c.worse_than))) {
        return false;
      }
      text->push_back({"yoy_worse",
                       {{"month", Label(f.month_class)},
                        {"month_last_year", Label(f.month_last_year)},
                        {"month_change", Signed(month_change)},
                        {"ytd", Label(f.ytd_class)},
                        {"ytd_last_year", Label(f.ytd_last_year)},
                        {"ytd_change", Signed(ytd_change)}}});
      if (c.worse_than) text->push_back({"yoy_worse_than", {{"worse_than", Label(c.worse_than)}}});
      return true;
    }
    case ConditionKind::kYtdMissesTarget:
      if (!Worse(f.ytd_class, f.target)) return false;
      text->push_back(
          {"ytd_misses_target", {{"ytd", Label(f.ytd_class)}, {"target", Label(f.target)}}});
      return true;
    case ConditionKind::kMonthBelowTarget:
      if (!Worse(f.month_class, f.target)) return false;
      text->push_back(
          {"month_below_target", {{"month", Label(f.month_class)}, {"target", Label(f.target)}}});
      return true;
    case ConditionKind::kConsecutiveBelowTarget:
      if (f.months_below_target < c.months) return false;
      text->push_back(
          {"consecutive_below_target",
           {{"months", std::to_string(f.months_below_target)}, {"target", Label(f.target)}}});
      return true;
    case ConditionKind::kDrop: {
      std::optional<WaterClass> before = c.against_last_year ? f.month_last_year : f.previous_month;
      int change = Change(f.month_class, before);
      if (change < c.classes) return false;
      text->push_back({c.against_last_year ? "drop_last_year" : "drop_previous_month",
                       {{"month", Label(f.month_class)},
                        {"before", Label(before)},
                        {"change", Signed(change)}}});
      return true;
    }
  }
  return false;
}

namespace {

// The most severe level whose conditions hold, with the trigger text.
const WarningLevel* MatchLevel(const WarningRuleSet& rule_set, const SectionFacts& facts,
                               std::vector<Message>* trigger) {
  for (const WarningLevel& level : rule_set.levels) {
    for (const std::vector<Condition>& all : level.when) {
      std::vector<Message> joined;
      bool holds = true;
      for (const Condition& c : all) {
        if (!ConditionHolds(c, facts, &joined)) {
          holds = false;
          break;
        }
      }
      if (holds) {
        *trigger = joined;
        return &level;
      }
    }
  }
  return nullptr;
}

// Early notices within the unfinished month containing `as_of`.
void AddEarlyNotices(const water::WaterRules& rules, const WarningRuleSet& rule_set,
                     const water::SampleSet& set, const water::SectionSamples& index,
                     DayNumber as_of, WaterEvaluation* out) {
  DayNumber first = MonthFirstDay(as_of);
  for (size_t s = 0; s < set.sections.size(); ++s) {
    const water::Section& section = set.sections[s];
    water::SectionResult r;
    ClassOf(rules, set, index, static_cast<int>(s), first, as_of, &r);
    for (const water::ItemResult& item : r.items) {
      if (!item.cls || item.samples < rule_set.early_notice_min_samples) continue;
      if (!Worse(item.cls, section.target)) continue;
      WaterFinding n;
      n.section_id = section.id;
      n.section_name = section.name;
      n.chief = water::ChiefText(section);
      n.level_id = "notice";
      n.level_name = "预警提示";
      n.facts.month = MonthLabel(first);
      n.facts.target = section.target;
      const water::WaterItem& wi = rules.item(item.item);
      n.trigger.push_back({"early_notice",
                           {{"item", wi.name},
                            {"item_id", wi.id},
                            {"mean", FormatRounded(item.mean, wi.decimals)},
                            {"unit", wi.unit},
                            {"samples", std::to_string(item.samples)},
                            {"from", FormatDate(first)},
                            {"to", FormatDate(as_of)},
                            {"class", Label(item.cls)},
                            {"target", Label(section.target)}}});
      n.facts.main_pollutants.push_back(wi.name);
      out->early_notices.push_back(std::move(n));
    }
  }
}

}  // namespace

WaterEvaluation EvaluateWaterWarnings(const water::WaterRules& rules,
                                      const WarningRuleSet& rule_set, const water::SampleSet& set,
                                      const water::SectionSamples& index, DayNumber as_of,
                                      const water::WaterPeriods* periods) {
  WaterEvaluation out;
  out.rule_set = rule_set.id;
  out.as_of = as_of;
  // The last complete month on or before as_of.
  DayNumber month_last = MonthLast(as_of) == as_of ? as_of : MonthFirstDay(as_of) - 1;
  out.month = MonthLabel(month_last);
  for (size_t s = 0; s < set.sections.size(); ++s) {
    SectionFacts facts = ComputeSectionFacts(rules, set, index, static_cast<int>(s), month_last);
    if (!facts.month_class) continue;  // no result this month: nothing to judge
    std::vector<Message> trigger;
    const WarningLevel* level = MatchLevel(rule_set, facts, &trigger);
    const water::Section& section = set.sections[s];
    if (!level) {
      if (facts.months_compliant >= rule_set.release_compliant_months) {
        out.released.push_back(section.id);
      }
      continue;
    }
    WaterFinding f;
    f.section_id = section.id;
    f.section_name = section.name;
    f.chief = water::ChiefText(section);
    f.level_id = level->id;
    f.level_name = level->name;
    f.rank = level->rank;
    f.trigger = trigger;
    f.facts = std::move(facts);
    out.findings.push_back(std::move(f));
  }
  if (rule_set.early_notice && MonthLast(as_of) != as_of) {
    out.notices_evaluated = true;
    AddEarlyNotices(rules, rule_set, set, index, as_of, &out);
  }
  AddLimitNotices(rules, rule_set, set, index, as_of, &out, periods);
  return out;
}

}  // namespace ecociv::warning
