// Loads the air standards (HJ 633, GB 3095, HJ 663 editions) from TOML.
// toml++ may throw on malformed text; that is caught here and turned into a
// Status naming the file, so no exception leaves this file.
#include "ecociv/air/standards.h"

#include <toml++/toml.h>

#include <charconv>

#include "ecociv/core/message_text.h"
#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"

namespace ecociv::air {
namespace {

// Context for error messages: "hj633-2012.toml: [rules].so2_1h_above_table: ...".
struct Where {
  const std::string& file;
  Status Error(const std::string& key, const std::string& why) const {
    return InvalidArgumentError("standards file " + file + ": " + key + ": " + why);
  }
};

// A TOML number as an exact scaled integer: integers directly, floats through
// their shortest round-trip decimal form (the digits the author typed).
bool ScaledNumber(const toml::node& node, int64_t* out) {
  if (auto i = node.value_exact<int64_t>()) {
    *out = *i * kConcentrationScale;
    return true;
  }
  if (auto d = node.value_exact<double>()) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, *d);
    return ParseScaledDecimal(std::string_view(buf, res.ptr - buf), kConcentrationDecimals, out);
  }
  return false;
}

StatusOr<std::string> RequiredString(const toml::table& t, const std::string& section,
                                     const std::string& key, const Where& where) {
  auto v = t[section][key].value<std::string>();
  if (!v) return where.Error("[" + section + "]." + key, "missing (a string is required)");
  return *v;
}

template <typename Enum>
StatusOr<Enum> ParseOption(const toml::table& t, const std::string& section, const std::string& key,
                           std::initializer_list<std::pair<const char*, Enum>> choices,
                           const Where& where) {
  auto v = t[section][key].value<std::string>();
  std::string allowed;
  for (const auto& [name, value] : choices) {
    if (v && *v == name) return value;
    allowed += std::string(allowed.empty() ? "" : ", ") + name;
  }
  return where.Error(
      "[" + section + "]." + key,
      (v ? "unknown value '" + *v + "'" : std::string("missing")) + "; one of " + allowed);
}

StatusOr<bool> RequiredBool(const toml::table& t, const std::string& section,
                            const std::string& key, const Where& where) {
  auto v = t[section][key].value<bool>();
  if (!v) return where.Error("[" + section + "]." + key, "missing (true or false)");
  return *v;
}

int IntOr(const toml::table& t, const std::string& section, const std::string& key, int fallback) {
  return static_cast<int>(t[section][key].value<int64_t>().value_or(fallback));
}

Status ParseTables(const toml::table& t, const Where& where, AqiEdition* e) {
  const toml::array* levels = t["iaqi"]["levels"].as_array();
  if (!levels || levels->size() < 2) return where.Error("[iaqi].levels", "missing or too short");
  std::vector<int32_t> level_values;
  for (const auto& node : *levels) {
    auto v = node.value_exact<int64_t>();
    if (!v) return where.Error("[iaqi].levels", "must be integers");
    level_values.push_back(static_cast<int32_t>(*v));
  }
  const toml::table* tables = t["iaqi"]["tables"].as_table();
  if (!tables) return where.Error("[iaqi.tables]", "missing");
  for (const auto& [key, node] : *tables) {
    std::string name(key.str());
    const toml::array* arr = node.as_array();
    if (!arr || arr->size() < 2 || arr->size() > level_values.size()) {
      return where.Error("[iaqi.tables]." + name,
                         "needs 2.." + std::to_string(level_values.size()) + " breakpoints");
    }
    BreakpointTable table;
    table.name = name;
    for (size_t i = 0; i < arr->size(); ++i) {
      int64_t scaled;
      if (!ScaledNumber(*arr->get(i), &scaled)) {
        return where.Error("[iaqi.tables]." + name, "breakpoints must be numbers");
      }
      if (i > 0 && scaled <= table.concentration.back()) {
        return where.Error("[iaqi.tables]." + name, "breakpoints must increase");
      }
      table.concentration.push_back(scaled);
      table.iaqi.push_back(level_values[i]);
    }
    e->tables.push_back(std::move(table));
  }
  return Status::Ok();
}

Status ParseReport(const toml::table& t, const std::string& section, const Where& where,
                   AqiEdition* e, std::array<IndicatorRule, kIndicatorCount>* rules) {
  const toml::table* report = t[section].as_table();
  if (!report) return where.Error("[" + section + "]", "missing");
  // Keys name indicators; "o3" is the 1-hour O3 indicator in the hourly report.
  static const std::pair<const char*, Indicator> kKeys[] = {
      {"so2", Indicator::kSO2},   {"no2", Indicator::kNO2},     {"co", Indicator::kCO},
      {"o3", Indicator::kO3_1h},  {"o3_1h", Indicator::kO3_1h}, {"o3_8h", Indicator::kO3_8h},
      {"pm10", Indicator::kPM10}, {"pm25", Indicator::kPM25}};
  static const std::pair<const char*, ValueSource> kSources[] = {
      {"1h", ValueSource::kHour},
      {"24h_moving", ValueSource::kMoving24h},
      {"8h_moving", ValueSource::kMoving8h},
      {"24h", ValueSource::kDay24h},
      {"mda8", ValueSource::kMda8},
      {"max_1h", ValueSource::kMaxHour}};
  for (const auto& [key, node] : *report) {
    std::string name(key.str());
    const Indicator* indicator = nullptr;
    for (const auto& [k, ind] : kKeys) {
      if (name == k) indicator = &ind;
    }
    if (!indicator) return where.Error("[" + section + "]." + name, "unknown indicator");
    IndicatorRule rule;
    if (auto s = node.value<std::string>(); s && *s == "none") {
      (*rules)[int(*indicator)] = rule;
      continue;
    }
    const toml::array* arr = node.as_array();
    auto source = arr && arr->size() == 2 ? arr->get(0)->value<std::string>() : std::nullopt;
    auto table = arr && arr->size() == 2 ? arr->get(1)->value<std::string>() : std::nullopt;
    if (!source || !table) {
      return where.Error("[" + section + "]." + name,
                         "expected [\"source\", \"table\"] or \"none\"");
    }
    for (const auto& [k, src] : kSources) {
      if (*source == k) rule.source = src;
    }
    if (rule.source == ValueSource::kNone) {
      return where.Error("[" + section + "]." + name, "unknown value source '" + *source + "'");
    }
    rule.table = e->FindTable(*table);
    if (rule.table < 0) {
      return where.Error("[" + section + "]." + name, "unknown table '" + *table + "'");
    }
    (*rules)[int(*indicator)] = rule;
  }
  return Status::Ok();
}

Status ParseAqiEdition(const toml::table& t, const StandardFile& file, AqiEdition* e) {
  Where where{file.name};
  e->origin = file.origin;
  ECOCIV_ASSIGN_OR_RETURN(e->id, RequiredString(t, "edition", "id", where));
  e->title = t["edition"]["title"].value_or(std::string());
  e->paired_limits = t["edition"]["paired_limits"].value_or(std::string());
  if (auto from = t["edition"]["applies_from"].value<std::string>()) {
    auto label = ParseHourLabel(*from);
    if (!label.ok()) return where.Error("[edition].applies_from", label.status().message());
    e->applies_from = *label;
  }
  if (auto until = t["edition"]["applies_until"].value<std::string>()) {
    auto label = ParseHourLabel(*until);
    if (!label.ok()) return where.Error("[edition].applies_until", label.status().message());
    e->applies_until = *label;
  }
  e->aqi_minimum = IntOr(t, "edition", "aqi_minimum", 0);
  ECOCIV_RETURN_IF_ERROR(ParseTables(t, where, e));
  ECOCIV_RETURN_IF_ERROR(ParseReport(t, "hourly", where, e, &e->hourly));
  ECOCIV_RETURN_IF_ERROR(ParseReport(t, "daily", where, e, &e->daily));
  ECOCIV_ASSIGN_OR_RETURN(
      e->so2_1h_above_table,
      ParseOption<So2HighRule>(t, "rules", "so2_1h_above_table",
                               {{"fallback_1h_on_24h_table", So2HighRule::kFallback1hOn24hTable},
                                {"fallback_24h_moving", So2HighRule::kFallback24hMoving},
                                {"fixed_200", So2HighRule::kFixed200},
                                {"na", So2HighRule::kNa}},
                               where));
  ECOCIV_ASSIGN_OR_RETURN(e->o3_8h_above_table,
                          ParseOption<O3HighRule>(t, "rules", "o3_8h_above_table",
                                                  {{"fallback_o3_1h", O3HighRule::kFallbackO3_1h},
                                                   {"fixed_300", O3HighRule::kFixed300},
                                                   {"na", O3HighRule::kNa}},
                                                  where));
  ECOCIV_ASSIGN_OR_RETURN(
      e->above_last_breakpoint,
      ParseOption<AboveTableRule>(t, "rules", "above_last_breakpoint",
                                  {{"cap_500", AboveTableRule::kCap500},
                                   {"extrapolate", AboveTableRule::kExtrapolate},
                                   {"na", AboveTableRule::kNa}},
                                  where));
  ECOCIV_ASSIGN_OR_RETURN(e->round_concentrations,
                          RequiredBool(t, "rules", "round_concentrations", where));
  ECOCIV_ASSIGN_OR_RETURN(
      e->missing_rule, ParseOption<MissingRule>(t, "rules", "missing_pollutant_rule",
                                                {{"from_available", MissingRule::kFromAvailable},
                                                 {"require_all", MissingRule::kRequireAll},
                                                 {"hj633-2026-5.3", MissingRule::kHj633_2026_5_3}},
                                                where));
  e->report_exceeding = t["rules"]["report_exceeding_pollutants"].value_or(false);
  ECOCIV_ASSIGN_OR_RETURN(
      e->not_in_plan_exempt,
      ParseOption<bool>(t, "rules", "not_in_plan", {{"exempt", true}, {"missing", false}}, where));
  for (Pollutant p : kAllPollutants) {
    std::string key(PollutantKey(p));
    e->decimals[int(p)] = IntOr(t, "rounding", key, ReportDecimals(p));
  }
  if (const toml::array* ignores = t["rules"]["missing_rule_ignores"].as_array()) {
    for (const auto& node : *ignores) {
      auto key = node.value<std::string>();
      bool found = false;
      for (int i = 0; key && i < kIndicatorCount; ++i) {
        if (*key == IndicatorKey(Indicator(i))) {
          e->missing_rule_ignores |= MaskOf(Indicator(i));
          found = true;
        }
      }
      if (!found) return where.Error("[rules].missing_rule_ignores", "unknown indicator");
    }
  }
  return Status::Ok();
}

StatusOr<std::array<int64_t, 2>> ClassPair(const toml::node& node, const std::string& key,
                                           const Where& where) {
  const toml::array* arr = node.as_array();
  std::array<int64_t, 2> out{};
  if (!arr || arr->size() != 2 || !ScaledNumber(*arr->get(0), &out[0]) ||
      !ScaledNumber(*arr->get(1), &out[1])) {
    return where.Error(key, "expected [class I, class II] numbers");
  }
  return out;
}

Status ParseLimitsEdition(const toml::table& t, const StandardFile& file, LimitsEdition* e) {
  Where where{file.name};
  e->origin = file.origin;
  ECOCIV_ASSIGN_OR_RETURN(e->id, RequiredString(t, "edition", "id", where));
  e->title = t["edition"]["title"].value_or(std::string());
  auto day_of = [&](const toml::node_view<const toml::node>& n, const std::string& key,
                    DayNumber fallback) -> StatusOr<DayNumber> {
    auto s = n.value<std::string>();
    if (!s) return fallback;
    auto d = ParseDate(*s);
    if (!d.ok()) return where.Error(key, d.status().message());
    return *d;
  };
  ECOCIV_ASSIGN_OR_RETURN(
      e->applies_from, day_of(t["edition"]["applies_from"], "[edition].applies_from", INT32_MIN));
  ECOCIV_ASSIGN_OR_RETURN(e->applies_until, day_of(t["edition"]["applies_until"],
                                                   "[edition].applies_until", INT32_MAX));
  const toml::array* stages = t["stage"].as_array();
  if (!stages || stages->empty()) return where.Error("[[stage]]", "at least one stage is required");
  for (const auto& node : *stages) {
    const toml::table* st = node.as_table();
    if (!st) return where.Error("[[stage]]", "must be tables");
    LimitStage stage;
    stage.name = (*st)["name"].value_or(std::string("stage"));
    ECOCIV_ASSIGN_OR_RETURN(stage.from, day_of((*st)["from"], "[[stage]].from", INT32_MIN));
    ECOCIV_ASSIGN_OR_RETURN(stage.until, day_of((*st)["until"], "[[stage]].until", INT32_MAX));
    const toml::table* limits = (*st)["limits"].as_table();
    if (!limits) return where.Error("[stage.limits]", "missing");
    for (const auto& [key, value] : *limits) {
      ECOCIV_ASSIGN_OR_RETURN(stage.limits[std::string(key.str())],
                              ClassPair(value, "[stage.limits]." + std::string(key.str()), where));
    }
    e->stages.push_back(std::move(stage));
  }
  e->validity.min_hours_per_day = IntOr(t, "validity", "min_hours_per_day", 20);
  e->validity.min_hours_per_8h = IntOr(t, "validity", "min_hours_per_8h", 6);
  e->validity.min_days_per_year = IntOr(t, "validity", "min_days_per_year", 324);
  e->validity.min_days_per_month = IntOr(t, "validity", "min_days_per_month", 27);
  e->validity.min_days_per_february = IntOr(t, "validity", "min_days_per_february", 25);
  return Status::Ok();
}

Status ParseAssessment(const toml::table& t, const StandardFile& file, AssessmentRules* a) {
  Where where{file.name};
  a->origin = file.origin;
  ECOCIV_ASSIGN_OR_RETURN(a->id, RequiredString(t, "edition", "id", where));
  a->mda8_first_window_end_hour = IntOr(t, "daily", "mda8_first_window_end_hour", 8);
  a->mda8_min_windows = IntOr(t, "daily", "mda8_min_windows", 14);
  a->mda8_exceeding_valid_with_fewer = t["daily"]["mda8_exceeding_valid_with_fewer"].value_or(true);
  a->o3_max_1h_min_hours = IntOr(t, "daily", "o3_max_1h_min_hours", 20);
  auto averaging = t["city"]["averaging"].value_or(std::string("hourly"));
  if (averaging != "hourly" && averaging != "daily") {
    return where.Error("[city].averaging", "one of hourly, daily");
  }
  a->city_average_hourly = averaging == "hourly";
  a->city_exclude_background = t["city"]["exclude_background"].value_or(true);
  int64_t share = 0;
  if (auto node = t["city"]["min_station_share"].node(); node && !ScaledNumber(*node, &share)) {
    return where.Error("[city].min_station_share", "must be a number in 0..1");
  }
  a->city_min_station_share = Ratio::Of(share, kConcentrationScale);
  for (Pollutant p : kAllPollutants) {
    std::string key(PollutantKey(p));
    a->percentile[int(p)] = static_cast<int>(
        t["period"]["percentile"][key].value<int64_t>().value_or(a->percentile[int(p)]));
  }
  a->round_daily_values = t["period"]["round_daily_values"].value_or(true);
  a->good_day_max_aqi = IntOr(t, "period", "good_day_max_aqi", 100);
  a->heavy_pollution_min_aqi = IntOr(t, "period", "heavy_pollution_min_aqi", 201);
  a->concentration_decimals = IntOr(t, "rounding", "concentration", 0);
  a->co_decimals = IntOr(t, "rounding", "co", 1);
  a->composite_index_decimals = IntOr(t, "rounding", "composite_index", 2);
  a->ratio_percent_decimals = IntOr(t, "rounding", "ratio_percent", 1);
  a->composite_profile = t["composite_index"]["profile"].value_or(std::string("ranking-2014"));
  a->composite_round_first = t["composite_index"]["round_concentrations_first"].value_or(true);
  const toml::table* profiles = t["composite_index"]["profiles"].as_table();
  if (!profiles) return where.Error("[composite_index.profiles]", "missing");
  for (const auto& [name, node] : *profiles) {
    const toml::table* profile = node.as_table();
    std::array<CompositeTerm, kPollutantCount> terms;
    for (Pollutant p : kAllPollutants) {
      std::string key = "[composite_index.profiles." + std::string(name.str()) + "]." +
                        std::string(PollutantKey(p));
      const toml::array* arr = profile ? (*profile)[PollutantKey(p)].as_array() : nullptr;
      int64_t denominator = 0;
      auto weight = arr && arr->size() == 2 ? arr->get(1)->value_exact<int64_t>() : std::nullopt;
      if (!arr || arr->size() != 2 || !ScaledNumber(*arr->get(0), &denominator) ||
          denominator <= 0 || !weight) {
        return where.Error(key, "expected [denominator, integer weight]");
      }
      terms[int(p)] = {denominator, static_cast<int>(*weight)};
    }
    a->composite_profiles[std::string(name.str())] = terms;
  }
  if (!a->composite_profiles.count(a->composite_profile)) {
    return where.Error("[composite_index].profile",
                       "no profile named " + QuoteForMessage(a->composite_profile));
  }
  return Status::Ok();
}

}  // namespace

int AqiEdition::FindTable(const std::string& name) const {
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool LimitStage::Get(const std::string& key, int area_class, int64_t* scaled) const {
  auto it = limits.find(key);
  if (it == limits.end() || (area_class != 1 && area_class != 2)) return false;
  *scaled = it->second[area_class - 1];
  return true;
}

const LimitStage& LimitsEdition::StageFor(DayNumber day) const {
  for (const LimitStage& stage : stages) {
    if (day >= stage.from && day < stage.until) return stage;
  }
  return day < stages.front().from ? stages.front() : stages.back();
}

StatusOr<AirStandards> AirStandards::Load(const std::string& override_dir) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StandardFile> files, LoadStandardFiles(override_dir));
  AirStandards out;
  bool have_assessment = false;
  for (const StandardFile& file : files) {
    toml::table table;
    try {
      table = toml::parse(file.text, file.name);
    } catch (const toml::parse_error& err) {
      const auto& where = err.source().begin;
      return InvalidArgumentError("standards file " + file.name + ":" + std::to_string(where.line) +
                                  ": " + std::string(err.description()));
    }
    std::string kind = table["edition"]["kind"].value_or(std::string());
    if (kind == "aqi") {
      AqiEdition e;
      ECOCIV_RETURN_IF_ERROR(ParseAqiEdition(table, file, &e));
      out.aqi_.push_back(std::move(e));
    } else if (kind == "limits") {
      LimitsEdition e;
      ECOCIV_RETURN_IF_ERROR(ParseLimitsEdition(table, file, &e));
      out.limits_.push_back(std::move(e));
    } else if (kind == "assessment") {
      ECOCIV_RETURN_IF_ERROR(ParseAssessment(table, file, &out.assessment_));
      have_assessment = true;
    }
  }
  if (out.aqi_.empty()) return NotFoundError("no AQI edition (kind = \"aqi\") among the standards");
  if (out.limits_.empty()) return NotFoundError("no GB 3095 edition (kind = \"limits\")");
  if (!have_assessment) return NotFoundError("no assessment rules (kind = \"assessment\")");
  for (const AqiEdition& e : out.aqi_) {
    if (!e.paired_limits.empty() && !out.FindLimits(e.paired_limits)) {
      return InvalidArgumentError("standards file for " + e.id + ": paired_limits '" +
                                  e.paired_limits + "' is not loaded");
    }
  }
  return out;
}

const AqiEdition* AirStandards::FindAqi(const std::string& id) const {
  for (const AqiEdition& e : aqi_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const LimitsEdition* AirStandards::FindLimits(const std::string& id) const {
  for (const LimitsEdition& e : limits_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

StatusOr<const AqiEdition*> AirStandards::AqiFor(HourLabel label,
                                                 const std::string& forced_id) const {
  if (!forced_id.empty() && forced_id != "auto") {
    const AqiEdition* e = FindAqi(forced_id);
    if (!e) {
      std::string known;
      for (const AqiEdition& a : aqi_) known += (known.empty() ? "" : ", ") + a.id;
      return InvalidArgumentError("--standard " + forced_id + ": unknown edition (known: auto, " +
                                  known + ")");
    }
    return e;
  }
  for (const AqiEdition& e : aqi_) {
    if (label >= e.applies_from && label < e.applies_until) return e.id.empty() ? nullptr : &e;
  }
  return NotFoundError("no AQI edition applies to " + FormatHourLabel(label));
}

StatusOr<const LimitsEdition*> AirStandards::LimitsFor(DayNumber day,
                                                       const std::string& forced_aqi_id) const {
  if (!forced_aqi_id.empty() && forced_aqi_id != "auto") {
    const AqiEdition* e = FindAqi(forced_aqi_id);
    if (!e) return InvalidArgumentError("--standard " + forced_aqi_id + ": unknown edition");
    if (const LimitsEdition* l = FindLimits(e->paired_limits)) return l;
  }
  for (const LimitsEdition& e : limits_) {
    if (day >= e.applies_from && day < e.applies_until) return &e;
  }
  return NotFoundError("no GB 3095 edition applies to " + FormatDate(day));
}

}  // namespace ecociv::air
