// Findings handed to the workflow: those of a water evaluation (warnings and
// notices), what it releases, and the air targets' (see workflow.h).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/messages.h"
#include "ecociv/warning/workflow.h"

namespace ecociv::warning {
namespace {

using Json = nlohmann::ordered_json;

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The figures behind a water finding, and its trigger as codes and arguments (`trigger`,
// see MessagesJson) for the web interface to word in its own language.
std::string FiguresJson(const SectionFacts& f, const std::vector<Message>& trigger) {
  auto cls = [](const std::optional<water::WaterClass>& c) -> Json {
    return c ? Json(water::ClassLabel(*c)) : Json(nullptr);
  };
  Json j;
  j["month"] = f.month;
  j["target"] = water::ClassLabel(f.target);
  j["month_class"] = cls(f.month_class);
  j["ytd_class"] = cls(f.ytd_class);
  j["month_last_year"] = cls(f.month_last_year);
  j["ytd_last_year"] = cls(f.ytd_last_year);
  j["previous_month"] = cls(f.previous_month);
  j["months_below_target"] = f.months_below_target;
  j["months_compliant"] = f.months_compliant;
  j["trigger"] = Json::parse(MessagesJson(trigger));
  return j.dump();
}

}  // namespace

std::vector<Finding> FindingsOf(const WaterEvaluation& evaluation) {
  std::vector<Finding> out;
  auto add = [&](const WaterFinding& wf, const std::string& kind, const std::string& period) {
    Finding f;
    f.kind = kind;
    f.rule_set = evaluation.rule_set;
    f.subject = wf.section_id;
    f.subject_name = wf.section_name;
    f.level = wf.level_id;
    f.level_name = wf.level_name;
    f.rank = wf.rank;
    f.trigger = RenderAll(wf.trigger, Language::kZh);
    f.trigger_en = RenderAll(wf.trigger, Language::kEn);
    f.figures = FiguresJson(wf.facts, wf.trigger);
    f.owner = wf.chief;
    f.main_pollutants = Join(wf.facts.main_pollutants, ";");
    f.period = period;
    out.push_back(std::move(f));
  };
  for (const WaterFinding& wf : evaluation.findings) add(wf, "water", evaluation.month);
  for (const WaterFinding& wf : evaluation.early_notices) {
    add(wf, "water-notice", FormatDate(evaluation.as_of));
  }
  return out;
}

std::vector<Released> ReleasedOf(const WaterEvaluation& evaluation,
                                 const std::vector<std::string>& all_sections) {
  std::vector<Released> out;
  for (const std::string& s : evaluation.released) out.push_back({"water", s});
  if (!evaluation.notices_evaluated) return out;
  for (const std::string& s : all_sections) {
    bool noticed = std::any_of(evaluation.early_notices.begin(), evaluation.early_notices.end(),
                               [&](const WaterFinding& n) { return n.section_id == s; });
    if (!noticed) out.push_back({"water-notice", s});
  }
  return out;
}

namespace {

// One air target: a finding when at risk, else released.
void AddAirTarget(const AirTargetReport& r, const std::string& what, const std::string& what_name,
                  const std::string& risk, const std::vector<Message>& trigger, const Json& figures,
                  std::vector<Finding>* findings, std::vector<Released>* released) {
  Finding f;
  f.kind = "air";
  f.rule_set = "air-targets-" + std::to_string(r.year);
  f.subject = r.city + "/" + what;
  f.subject_name = r.city + " " + what_name;
  f.period = FormatDate(r.as_of);
  if (risk != "high" && risk != "missed") {
    released->push_back({f.kind, f.subject});
    return;
  }
  f.level = risk;
  f.level_name = risk == "missed" ? "目标已无法完成" : "目标高风险";
  f.rank = risk == "missed" ? 2 : 1;
  f.trigger = RenderAll(trigger, Language::kZh);
  f.trigger_en = RenderAll(trigger, Language::kEn);
  Json with_trigger = figures;
  with_trigger["trigger"] = Json::parse(MessagesJson(trigger));
  f.figures = with_trigger.dump();
  findings->push_back(std::move(f));
}

// An allowance as a figure a reader can use: "≤ 54.1" (one decimal, rounded down).
std::string AllowanceFigure(const MeanAllowance& a) {
  return std::string(a.inclusive ? "≤ " : "< ") + FloorText(a.value, 1);
}

Message AllowanceMessage(const MeanAllowance& a, int days_left) {
  return {"air_rest_allowance",
          {{"days_left", std::to_string(days_left)},
           {"op", a.inclusive ? "≤" : "<"},
           {"allowance", FloorText(a.value, 2)}}};
}

}  // namespace

void AirFindingsOf(const AirTargetReport& r, std::vector<Finding>* findings,
                   std::vector<Released>* released) {
  for (const PollutantTarget& t : r.pollutants) {
    std::string name(air::PollutantDisplay(t.pollutant));
    Json figures = {{"target", FormatRounded(t.target, t.decimals)},
                    {"ytd_mean", t.ytd_mean ? FormatRounded(*t.ytd_mean, 2) : ""},
                    {"days_left", r.days_left}};
    std::vector<Message> trigger = {
        {"air_ytd_mean",
         {{"pollutant", name},
          {"ytd_mean", t.ytd_mean ? FormatRounded(*t.ytd_mean, 1) : std::string("—")},
          {"target", FormatRounded(t.target, t.decimals)}}}};
    if (t.allowance) {
      if (t.allowance->value.num >= 0) figures["allowance"] = AllowanceFigure(*t.allowance);
      trigger.push_back(AllowanceMessage(*t.allowance, r.days_left));
    }
    if (t.historical_rest) {
      figures["historical_rest"] = FormatRounded(*t.historical_rest, 2);
      trigger.push_back(
          {"air_historical_rest", {{"historical", FormatRounded(*t.historical_rest, 1)}}});
    }
    AddAirTarget(r, std::string(air::PollutantKey(t.pollutant)), name + "年均浓度", t.risk, trigger,
                 figures, findings, released);
  }
  if (r.good_days) {
    const GoodDayTarget& g = *r.good_days;
    Json figures = {{"target_percent", FormatRounded(g.target, 1)},
                    {"ytd_good", g.ytd_good},
                    {"ytd_valid", g.ytd_valid},
                    {"non_good_allowed", g.non_good_allowed}};
    // -1 means none is left: the trigger says the target is missed, no figure says "-1".
    if (g.non_good_allowed < 0) figures.erase("non_good_allowed");
    std::vector<Message> trigger = {{"air_good_days",
                                     {{"good", std::to_string(g.ytd_good)},
                                      {"valid", std::to_string(g.ytd_valid)},
                                      {"target", FormatRounded(g.target, 1)}}}};
    if (g.non_good_allowed >= 0) {
      trigger.push_back({"air_non_good_allowed",
                         {{"days_left", std::to_string(r.days_left)},
                          {"allowed", std::to_string(g.non_good_allowed)}}});
    } else {
      trigger.push_back(
          {"air_good_days_rest_missed", {{"days_left", std::to_string(r.days_left)}}});
    }
    AddAirTarget(r, "good-days", "优良天数比例", g.risk, trigger, figures, findings, released);
  }
  if (r.composite) {
    const CompositeTarget& c = *r.composite;
    Json figures = {{"target", FormatRounded(c.target, c.decimals)},
                    {"method", c.method},
                    {"ytd", c.ytd ? FormatRounded(*c.ytd, c.decimals) : ""},
                    {"days_left", r.days_left}};
    std::vector<Message> trigger = {
        {"composite_ytd",
         {{"ytd", c.ytd ? FormatRounded(*c.ytd, c.decimals) : std::string("—")},
          {"target", FormatRounded(c.target, c.decimals)}}}};
    if (c.pm25_allowance) {
      if (c.pm25_allowance->value.num >= 0) {
        figures["pm25_allowance"] = AllowanceFigure(*c.pm25_allowance);
      }
      const MeanAllowance& a = *c.pm25_allowance;
      trigger.push_back({"composite_pm25_allowance",
                         {{"days_left", std::to_string(r.days_left)},
                          {"op", a.inclusive ? "≤" : "<"},
                          {"allowance", FloorText(a.value, 2)}}});
    } else {
      trigger.push_back(
          {"composite_target_missed", {{"target", FormatRounded(c.target, c.decimals)}}});
    }
    if (c.historical_rest) {
      trigger.push_back(
          {"air_historical_rest", {{"historical", FormatRounded(*c.historical_rest, 1)}}});
    }
    AddAirTarget(r, "composite", "环境空气质量综合指数", c.risk, trigger, figures, findings,
                 released);
  }
}

}  // namespace ecociv::warning
