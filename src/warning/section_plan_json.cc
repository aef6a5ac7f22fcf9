// A section plan as JSON and as text (see section_plan.h): one shape for the
// CLI and the web.
#include <nlohmann/json.hpp>

#include "ecociv/warning/section_plan.h"

namespace ecociv::warning {
namespace {

using Json = nlohmann::ordered_json;

const char* CauseZh(const std::string& kind) {
  if (kind == "source") return "污染源";
  if (kind == "outfall") return "排口";
  return "其他";
}

const char* StateZh(const std::string& state) {
  if (state == "planned") return "未开始";
  if (state == "in_progress") return "推进中";
  if (state == "done") return "已完成";
  if (state == "draft") return "草稿";
  if (state == "submitted") return "待审批";
  if (state == "approved") return "已审批";
  return "";
}

}  // namespace

std::string PlanJson(const SectionPlan& p, const std::string& today) {
  Json causes = Json::array(), measures = Json::array(), progress = Json::array();
  int done = 0;
  for (const PlanCause& c : p.causes) causes.push_back({{"kind", c.kind}, {"text", c.text}});
  for (const PlanMeasure& m : p.measures) {
    done += m.state == "done" ? 1 : 0;
    Json escalations = Json::array();
    for (const auto& e : m.escalations)
      escalations.push_back({{"warning", e.warning}, {"at", e.at}});
    measures.push_back({{"id", m.id},
                        {"text", m.text},
                        {"unit", m.unit},
                        {"deadline", m.deadline},
                        {"items", m.items},
                        {"state", m.state},
                        {"overdue", m.state != "done" && m.deadline < today},
                        {"escalations", escalations}});
  }
  for (const PlanProgress& r : p.progress) {
    progress.push_back({{"id", r.id},
                        {"measure_id", r.measure_id},
                        {"date", r.date},
                        {"who", r.who},
                        {"note", r.note},
                        {"evidence", r.evidence},
                        {"recorded_at", r.recorded_at}});
  }
  Json out = {{"section", p.section},
              {"title", p.title},
              {"effect", p.effect},
              {"approval", p.approval},
              {"updated_at", p.updated_at},
              {"updated_by", p.updated_by},
              {"causes", causes},
              {"measures", measures},
              {"progress", progress},
              {"measures_total", p.measures.size()},
              {"measures_done", done},
              {"overdue", OverdueMeasures(p, today)},
              {"as_of", today}};
  return out.dump();
}

std::string PlanText(const SectionPlan& p, const std::string& today) {
  std::string out = "断面 section " + p.section + "  " + p.title + "\n";
  out += "审批 approval: " + std::string(StateZh(p.approval)) + " " + p.approval +
         "（" + p.updated_by + " " + p.updated_at + "）\n";
  if (!p.effect.empty()) out += "预期效果 expected effect: " + p.effect + "\n";
  out += "原因 causes\n";
  for (const PlanCause& c : p.causes)
    out += "  - " + std::string(CauseZh(c.kind)) + " " + c.kind + ": " + c.text + "\n";
  out += "措施 measures (截至 as of " + today + ")\n";
  for (const PlanMeasure& m : p.measures) {
    const bool overdue = m.state != "done" && m.deadline < today;
    out += "  " + std::to_string(m.id) + ". " + m.text + " | " + m.unit + " | " + m.deadline +
           " | " + StateZh(m.state) + " " + m.state + (overdue ? " | 已逾期 overdue" : "") +
           (m.items.empty() ? "" : " | " + m.items);
    for (const auto& e : m.escalations) {
      out += " | 已升级预警 escalated warning " + std::to_string(e.warning) + "（" + e.at + "）";
    }
    out += "\n";
  }
  out += "进展 progress\n";
  for (const PlanProgress& r : p.progress) {
    out += "  " + r.date + " " + r.who +
           (r.measure_id ? " [措施 measure " + std::to_string(r.measure_id) + "]" : "") + ": " +
           r.note + (r.evidence.empty() ? "" : "（证据 evidence: " + r.evidence + "）") + "\n";
  }
  return out;
}

}  // namespace ecociv::warning
