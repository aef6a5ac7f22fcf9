#include "ecociv/indicators/report.h"

#include <nlohmann/json.hpp>

#include "ecociv/core/csv_writer.h"

namespace ecociv::indicators {

namespace {

std::string Opt(const std::optional<Ratio>& value) { return value ? FormatRatio(*value) : ""; }

nlohmann::ordered_json OptJson(const std::optional<Ratio>& value) {
  return value ? nlohmann::ordered_json(FormatRatio(*value)) : nlohmann::ordered_json(nullptr);
}

std::string BindingZh(const std::string& binding) {
  return binding == "binding" ? "约束性" : binding == "reference" ? "参考性" : "基础数据";
}

nlohmann::ordered_json FigureJson(const EngineFigureUse& e) {
  return {{"figure", e.figure},
          {"year", e.year},
          {"value",
           e.value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.value)},
          {"state", e.state},
          {"detail", e.detail}};
}

// The ids of the catalogue's indicators that take `figure`.
std::vector<std::string> TakenBy(const Catalogue& catalogue, const std::string& figure) {
  std::vector<std::string> ids;
  for (const Indicator& ind : catalogue.indicators) {
    if (ind.source == Source::kEngine && ind.engine_figure == figure) ids.push_back(ind.id);
  }
  return ids;
}

nlohmann::ordered_json ArgsJson(const std::vector<std::pair<std::string, std::string>>& args) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, value] : args) out[name] = value;
  return out;
}

}  // namespace

std::string ReadinessJson(const Readiness& r) {
  nlohmann::ordered_json out;
  out["catalogue"] = r.catalogue;
  out["year"] = r.year;
  out["profile"] = {{"level", r.profile.level},
                    {"terrain", r.profile.terrain},
                    {"coastal", r.profile.coastal},
                    {"city", r.profile.city}};
  const Summary& s = r.summary;
  out["summary"] = {{"binding_met", s.binding_met},
                    {"binding_total", s.binding_total},
                    {"reference_met", s.reference_met},
                    {"reference_total", s.reference_total},
                    {"no_data", s.no_data},
                    {"unverified_rows", s.unverified},
                    {"can_apply", s.can_apply},
                    {"rule", s.rule},
                    {"min_reference_percent", s.min_reference_percent}};
  out["indicators"] = nlohmann::ordered_json::array();
  for (const IndicatorResult& x : r.results) {
    const Indicator& ind = *x.indicator;
    out["indicators"].push_back(
        {{"id", ind.id},
         {"domain", ind.domain},
         {"name_zh", ind.name_zh},
         {"name_en", ind.name_en},
         {"unit", ind.unit},
         {"binding", x.binding},
         {"evidence", ind.evidence},
         {"unverified", ind.unverified()},
         {"verdict", VerdictName(x.verdict)},
         {"value", x.value_text.empty() ? nlohmann::ordered_json(nullptr)
                                        : nlohmann::ordered_json(x.value_text)},
         {"target", x.target_text},
         {"target_from_plan", x.plan_target},
         {"gap", OptJson(x.gap)},
         {"previous", OptJson(x.previous)},
         {"trend", x.trend},
         {"owner", x.owner},
         {"review_status", x.review_status},
         {"source", SourceName(ind.source)},
         {"value_source", x.value_source},
         {"inputs", x.inputs},
         {"reason", x.reason},
         // The reason and the target in parts, for an interface to word in its language.
         {"reason_code", x.reason_code},
         {"reason_args", ArgsJson(x.reason_args)},
         {"target_base", x.target_base},
         {"target_rule", x.target_rule}});
  }
  out["engine_figures"] = nlohmann::ordered_json::array();
  for (const EngineFigureUse& e : r.engine_figures) out["engine_figures"].push_back(FigureJson(e));
  return out.dump(2) + "\n";
}

std::string EngineFiguresText(const std::vector<EngineFigureUse>& figures,
                              const Catalogue& catalogue) {
  std::string out;
  for (const EngineFigureUse& e : figures) {
    std::string ids;
    for (const std::string& id : TakenBy(catalogue, e.figure)) ids += (ids.empty() ? "" : ",") + id;
    out += e.figure + " " + std::to_string(e.year) + ": " + (e.value.empty() ? e.state : e.value) +
           " | indicators " + (ids.empty() ? "-" : ids) + " | " + e.detail + "\n";
  }
  return out;
}

std::string EngineFiguresJson(const std::vector<EngineFigureUse>& figures,
                              const Catalogue& catalogue, int year) {
  nlohmann::ordered_json out;
  out["year"] = year;
  out["catalogue"] = catalogue.name;
  out["figures"] = nlohmann::ordered_json::array();
  for (const EngineFigureUse& e : figures) {
    nlohmann::ordered_json j = FigureJson(e);
    j["indicators"] = TakenBy(catalogue, e.figure);
    out["figures"].push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

std::string ReadinessCsv(const Readiness& r) {
  std::string out =
      "id,domain,name_zh,unit,binding,evidence,verdict,value,target,target_from_plan,gap,"
      "previous,trend,owner,review_status,source,value_source,inputs,reason\n";
  for (const IndicatorResult& x : r.results) {
    const Indicator& ind = *x.indicator;
    for (const std::string& f :
         {ind.id, ind.domain, ind.name_zh, ind.unit, x.binding, ind.evidence,
          std::string(VerdictName(x.verdict)), x.value_text, x.target_text,
          std::string(x.plan_target ? "yes" : "no"), Opt(x.gap), Opt(x.previous), x.trend, x.owner,
          x.review_status, std::string(SourceName(ind.source)), x.value_source, x.inputs}) {
      out += CsvCell(f) + ",";
    }
    out += CsvCell(x.reason) + "\n";
  }
  return out;
}

xlsx::Workbook ReadinessWorkbook(const Readiness& r) {
  xlsx::Workbook book;
  auto cell_style = [&](uint32_t fill, bool bold, uint32_t font_color = 0) {
    return book.AddStyle(xlsx::Style{.bold = bold,
                                     .wrap = true,
                                     .thin_border = true,
                                     .vertical_center = true,
                                     .fill = fill,
                                     .font_color = font_color,
                                     .font_name = "宋体",
                                     .font_size = 10});
  };
  xlsx::StyleId title =
      book.AddStyle(xlsx::Style{.center = true, .font_name = "黑体", .font_size = 16});
  xlsx::StyleId head = cell_style(0xD9D9D9, true);
  xlsx::StyleId plain = cell_style(0, false);
  xlsx::StyleId met = cell_style(0xC6EFCE, false);
  xlsx::StyleId unmet = cell_style(0xFFC7CE, false);
  xlsx::StyleId nodata = cell_style(0xFFEB9C, false);
  xlsx::StyleId unverified = cell_style(0, true, 0xC00000);

  xlsx::Sheet& sheet = book.AddSheet("达标情况");
  std::string heading = "生态文明建设示范区指标达标情况表（" + std::to_string(r.year) + "年）";
  sheet.Merge(0, 0, 0, 10, heading, title);
  const Summary& s = r.summary;
  std::string sub =
      "指标体系：" + r.catalogue + "；约束性指标达标 " + std::to_string(s.binding_met) + "/" +
      std::to_string(s.binding_total) + "，参考性指标达标 " + std::to_string(s.reference_met) +
      "/" + std::to_string(s.reference_total) + "；申报条件：" + (s.can_apply ? "具备" : "不具备") +
      "（规则为可选项，官方文本未核实 UNVERIFIED）";
  sheet.Merge(1, 0, 1, 10, sub, plain);
  const char* columns[] = {"编号",   "领域", "指标",     "单位",     "类型",         "目标值",
                           "现状值", "差距", "达标情况", "责任单位", "核实状态/说明"};
  const double widths[] = {9, 9, 34, 9, 8, 20, 12, 8, 9, 16, 34};
  for (int c = 0; c < 11; ++c) {
    sheet.ColumnWidth(c, c, widths[c]);
    sheet.Text(2, c, columns[c], head);
  }
  int row = 3;
  for (const IndicatorResult& x : r.results) {
    const Indicator& ind = *x.indicator;
    xlsx::StyleId verdict_style = x.verdict == Verdict::kMet      ? met
                                  : x.verdict == Verdict::kNotMet ? unmet
                                  : x.verdict == Verdict::kNoData || x.verdict == Verdict::kError
                                      ? nodata
                                      : plain;
    std::string note = ind.unverified() ? "UNVERIFIED 未核实" : ind.evidence;
    if (x.value_source == "engine") note += "；监测数据计算（读取时由引擎计算）";
    if (ind.source == Source::kEngine && x.value_source == "reported") {
      note += "；库中无该年监测数据，采用填报值";
    }
    if (!x.reason.empty()) note += "；" + x.reason;
    std::string cells[] = {ind.id,
                           ind.domain,
                           ind.name_zh,
                           ind.unit,
                           BindingZh(x.binding),
                           x.target_text + (x.plan_target ? "（年度计划）" : ""),
                           x.value_text,
                           Opt(x.gap),
                           VerdictNameZh(x.verdict),
                           x.owner,
                           note};
    for (int c = 0; c < 11; ++c) {
      xlsx::StyleId style =
          c == 8 ? verdict_style : (c == 10 && ind.unverified() ? unverified : plain);
      sheet.Text(row, c, cells[c], style);
    }
    ++row;
  }
  xlsx::PageSetup& page = sheet.page();
  page.landscape = true;
  page.a4 = true;
  page.fit_to_width = true;
  page.repeat_first_row = page.repeat_last_row = 2;
  page.freeze_rows = 3;
  return book;
}

Status WriteReadinessXlsx(const Readiness& r, const std::string& path) {
  return ReadinessWorkbook(r).WriteFile(path);
}

}  // namespace ecociv::indicators
