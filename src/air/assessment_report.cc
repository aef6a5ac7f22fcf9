// The period assessment of report.h: JSON and the printable table.
#include <cstdio>

#include "ecociv/air/report.h"
#include "report_json.h"

namespace ecociv::air {
namespace {

using Json = ReportJson;

std::string PollutantJsonKey(Pollutant p) {
  return p == Pollutant::kO3 ? "o3_8h" : std::string(PollutantKey(p));
}

Json LimitFigure(const std::optional<int64_t>& limit, int decimals) {
  if (!limit) return nullptr;
  return FormatRounded(Ratio::Concentration(*limit), decimals);
}

Json PollutantJson(const PollutantAssessment& p, int decimals) {
  Json j;
  j["unit"] = PollutantUnit(p.pollutant);
  j["valid_days"] = p.valid_days;
  j["enough_data"] = p.enough_data;
  j["mean"] = Figure(p.mean, decimals);
  j["percentile_rank"] = p.percentile_rank;
  j["percentile"] = Figure(p.percentile, decimals);
  j["mean_limit"] = LimitFigure(p.mean_limit, decimals);
  j["percentile_limit"] = LimitFigure(p.percentile_limit, decimals);
  j["compliant"] = p.compliant ? Json(*p.compliant) : Json(nullptr);
  j["exceedance_days"] = p.exceedance_days;
  return j;
}

Json ChangeJson(const PeriodChange& change, const AssessmentRules& rules) {
  Json c;
  c["composite_index_percent"] = Figure(change.composite_index_percent, 1);
  c["good_day_ratio_points"] = Figure(change.good_day_ratio_points, rules.ratio_percent_decimals);
  c["pm25_mean_percent"] = Figure(change.pm25_mean_percent, 1);
  return c;
}

Json SeriesJson(const AssessedSeries& s, const AssessmentRules& rules) {
  const PeriodAssessment& a = s.assessment;
  Json j;
  j["id"] = a.id;
  j["name"] = a.name;
  j["type"] = a.is_city ? "city" : "station";
  j["from"] = FormatDate(a.from);
  j["to"] = FormatDate(a.to);
  j["days_in_period"] = a.days_in_period;
  j["days_valid"] = a.days_valid;
  j["good_days"] = a.good_days;
  j["good_day_ratio"] = Figure(a.good_day_ratio, rules.ratio_percent_decimals);
  j["heavy_pollution_days"] = a.heavy_pollution_days;
  Json levels;
  for (int i = 0; i < 6; ++i) levels[std::to_string(i + 1)] = a.days_by_level[i];
  j["days_by_level"] = levels;
  Json pollutants;
  for (const PollutantAssessment& p : a.pollutants) {
    pollutants[PollutantJsonKey(p.pollutant)] = PollutantJson(p, rules.DecimalsOf(p.pollutant));
  }
  j["pollutants"] = pollutants;
  j["composite_index"] = Figure(a.composite_index, rules.composite_index_decimals);
  j["composite_profile"] = a.composite_profile;
  j["limits"] = {{"edition", a.limits_edition}, {"stage", a.limits_stage}, {"class", a.area_class}};
  if (s.change) j["change_vs_year_earlier"] = ChangeJson(*s.change, rules);
  j["notes"] = a.notes;
  return j;
}

std::string Text(const std::optional<Ratio>& v, int decimals) {
  return v ? FormatRounded(*v, decimals) : "NA";
}

std::string PollutantLine(const PollutantAssessment& p, int d) {
  std::string lim_mean = p.mean_limit ? FormatRounded(Ratio::Concentration(*p.mean_limit), d) : "-";
  std::string lim_pct =
      p.percentile_limit ? FormatRounded(Ratio::Concentration(*p.percentile_limit), d) : "-";
  std::string name(p.pollutant == Pollutant::kO3 ? "O3-8h" : PollutantDisplay(p.pollutant));
  char line[200];
  std::snprintf(line, sizeof line, "  %-9s %6s   P%-2d %8s   %8s / %-8s      %-9s %d\n",
                name.c_str(), Text(p.mean, d).c_str(), p.percentile_rank,
                Text(p.percentile, d).c_str(), lim_mean.c_str(), lim_pct.c_str(),
                p.compliant ? (*p.compliant ? "yes 达标" : "NO 超标") : "NA", p.exceedance_days);
  return line;
}

}  // namespace

std::string AssessmentReportJson(const AssessmentReport& report, const AssessmentRules& rules) {
  Json doc;
  doc["from"] = FormatDate(report.from);
  doc["to"] = FormatDate(report.to);
  doc["standard"] = report.standard.empty() ? "auto" : report.standard;
  doc["class"] = report.area_class;
  doc["assessment_rules"] = rules.id;
  doc["cities"] = Json::array();
  for (const AssessedSeries& s : report.cities) doc["cities"].push_back(SeriesJson(s, rules));
  doc["stations"] = Json::array();
  for (const AssessedSeries& s : report.stations) doc["stations"].push_back(SeriesJson(s, rules));
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string AssessmentText(const AssessedSeries& series, const AssessmentRules& rules) {
  const PeriodAssessment& a = series.assessment;
  std::string t;
  t += (a.is_city ? "城市 City: " : "站点 Station: ") + a.name + " (" + a.id + ")  " +
       FormatDate(a.from) + " .. " + FormatDate(a.to) + "\n";
  t += "  有效天数 valid days: " + std::to_string(a.days_valid) + " / " +
       std::to_string(a.days_in_period) + "   优良天数 good days: " + std::to_string(a.good_days) +
       "   优良天数比例 good-day ratio: " + Text(a.good_day_ratio, rules.ratio_percent_decimals) +
       "%   重污染天数 heavy-pollution days: " + std::to_string(a.heavy_pollution_days) + "\n";
  t += "  days by level 1..6:";
  for (int n : a.days_by_level) t += " " + std::to_string(n);
  t += "\n  pollutant   mean   percentile        limits (mean / pct)   compliant  exceed-days\n";
  for (const PollutantAssessment& p : a.pollutants)
    t += PollutantLine(p, rules.DecimalsOf(p.pollutant));
  t += "  综合指数 composite index: " + Text(a.composite_index, rules.composite_index_decimals) +
       " (" + a.composite_profile + ")   limits: " + a.limits_edition + " " + a.limits_stage +
       ", class " + std::to_string(a.area_class) + "\n";
  if (const auto& change = series.change) {
    t += "  同比 vs a year earlier: composite " + Text(change->composite_index_percent, 1) +
         "%, good-day ratio " + Text(change->good_day_ratio_points, 1) + " points, PM2.5 " +
         Text(change->pm25_mean_percent, 1) + "%\n";
  }
  for (const std::string& note : a.notes) t += "  note: " + note + "\n";
  return t;
}

}  // namespace ecociv::air
