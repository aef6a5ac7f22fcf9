// SYNTHETIC data: every name, contact and figure below is invented for the
// demo; none is a measurement or an official statistic.
#include "ecociv/indicators/demo_city.h"

#include "ecociv/core/demo_units.h"

#include <cstdio>
#include <string>
#include <vector>

#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators {

namespace {

// The demo units are the shared SYNTHETIC set (core/demo_units.h).

std::string UnitsCsv() {
  std::string csv = "code,name,kind,contact,phone,note\n";
  char line[256];
  int n = 0;
  for (const DemoUnit& d : kDemoDepartments) {
    ++n;
    std::snprintf(line, sizeof line, "%s,%s,%s,联络员%02d,0512-5800%04d,SYNTHETIC\n", d.code,
                  d.name, d.kind, n, n);
    csv += line;
  }
  n = 0;
  for (const DemoUnit& t : kDemoTowns) {
    ++n;
    std::snprintf(line, sizeof line, "%s,%s,%s,联络员T%02d,0512-5900%04d,SYNTHETIC\n", t.code,
                  t.name, t.kind, n, n);
    csv += line;
  }
  return csv;
}

constexpr const char* kPlanCsv =
    "year,indicator,target,units,deadline\n"
    "2025,n2019_07,75,生态环境局;各镇（区、街道）,2025-12-31\n"
    "2025,n2019_08,85,生态环境局;水务局,2025-12-31\n"
    "2025,n2019_11,,自然资源和规划局;东沙镇;北港镇,2025-11-30\n"
    "2025,n2019_22,,自然资源和规划局,2025-12-31\n"
    "2025,n2019_37,,财政局;机关事务管理局,2025-12-31\n";

constexpr const char* kProjectsCsv =
    "code,year,name,unit,budget_wan,progress,status,milestone,due,done\n"
    "P2025-01,2025,长江岸线生态修复三期,长江岸线管理办公室,12800,65,in_progress,完成设计批复,2025-"
    "03-31,2025-03-20\n"
    "P2025-01,2025,长江岸线生态修复三期,长江岸线管理办公室,12800,65,in_progress,完成主体工程,2025-"
    "09-30,\n"
    "P2025-01,2025,长江岸线生态修复三期,长江岸线管理办公室,12800,65,in_progress,竣工验收,2026-03-"
    "31,\n"
    "P2025-02,2025,城镇污水管网提质增效,水务局,8650.5,80,in_progress,新建管网40公里,2025-06-30,"
    "2025-06-28\n"
    "P2025-02,2025,城镇污水管网提质增效,水务局,8650.5,80,in_progress,雨污分流改造,2025-10-31,\n"
    "P2025-03,2025,政府绿色采购平台建设,财政局,320,30,in_progress,平台上线,2025-08-31,\n"
    "P2025-04,2025,农村生活污水治理提升,农业农村局,5400,100,done,完成治理村庄60个,2025-11-30,2025-"
    "11-15\n"
    "P2025-05,2025,生态文明宣传教育基地,市委宣传部,680,0,planned,选址与方案,2026-02-28,\n";

// Values per year 2022..2025; "" = not entered that year. The air and water
// indicators (n2019_07, n2019_08, n2019_27) and forest and grass cover (n2019_11)
// are engine figures: the engines compute them when read from the air and water
// data and the land-cover layer in the store (the demo database holds SYNTHETIC
// data of 2025 on); the years before carry the figures a city reported before its
// data were in the store.
struct DemoValue {
  const char* id;
  const char* values[4];
};
constexpr DemoValue kValues[] = {
    {"n2019_01", {"制定实施", "制定实施", "制定实施", "制定实施"}},
    {"n2019_02", {"有效开展", "有效开展", "有效开展", "有效开展"}},
    {"n2019_03", {"20", "21", "22", "22.5"}},
    {"n2019_04", {"全面实施", "全面实施", "全面实施", "全面实施"}},
    {"n2019_05", {"100", "100", "100", "100"}},
    {"n2019_06", {"开展", "开展", "开展", "开展"}},
    {"n2019_07", {"71.2", "72.9", "74.1", ""}},
    {"n2019_08", {"80.6", "83.9", "86.2", ""}},
    {"n2019_10", {"65.1", "65.8", "66.2", "66.8"}},
    {"n2019_11", {"16.9", "17.0", "17.2", ""}},
    {"n2019_12", {"95.5", "96.0", "96.0", "96.2"}},
    {"n2019_14", {"100", "100", "100", "100"}},
    {"n2019_15", {"建立", "建立", "建立", "建立"}},
    {"n2019_16", {"建立", "建立", "建立", "建立"}},
    {"n2019_17",
     {"面积不减少，性质不改变，功能不降低", "面积不减少，性质不改变，功能不降低",
      "面积不减少，性质不改变，功能不降低", "面积不减少，性质不改变，功能不降低"}},
    {"n2019_19", {"完成上级管控目标", "完成上级管控目标", "完成上级管控目标", "完成上级管控目标"}},
    {"gdp", {"28950000", "30120000", "31500000", "32600000"}},
    {"energy_use", {"1790", "1820", "1850", "1880"}},
    {"water_use", {"79200", "78500", "78000", "80500"}},
    {"n2019_22", {"4.8", "4.6", "4.4", "4.2"}},
    {"n2019_25", {"92.0", "92.8", "93.1", "93.5"}},
    {"n2019_26", {"90.5", "91.2", "91.8", "92.0"}},
    {"n2019_27", {"100", "100", "100", ""}},
    {"n2019_28", {"100", "100", "100", "100"}},
    {"n2019_29", {"95.1", "96.0", "96.8", "97.2"}},
    {"n2019_30", {"100", "100", "100", "100"}},
    {"n2019_32",
     {"完成上级规定的目标任务", "完成上级规定的目标任务", "完成上级规定的目标任务",
      "完成上级规定的目标任务"}},
    {"n2019_33", {"42", "48", "55", "61"}},
    {"n2019_35", {"实施", "实施", "实施", "实施"}},
    {"n2019_37", {"71.2", "73.0", "75.8", "76.5"}},
    {"n2019_38", {"100", "100", "100", "100"}},
    {"n2019_39", {"84.0", "85.2", "85.9", "86.3"}},
    {"n2019_40", {"76.0", "77.3", "78.2", "78.9"}},
};

Status EnterValue(store::Database* db, const DemoValue& v, int year, const char* value,
                  const store::Actor& actor) {
  ValueInput in;
  in.year = year;
  in.id = v.id;
  in.value = value;
  in.note = "SYNTHETIC demo value";
  ECOCIV_RETURN_IF_ERROR(SetValue(db, in, actor));
  // The latest year keeps a pending and a returned value, as in real work.
  if (year == kDemoLatestYear && in.id == "n2019_33") return SubmitValue(db, year, in.id, actor);
  ECOCIV_RETURN_IF_ERROR(SubmitValue(db, year, in.id, actor));
  if (year == kDemoLatestYear && in.id == "n2019_26") {
    return ReturnValue(db, year, in.id, "附件缺少统计部门盖章的报表（SYNTHETIC）", actor);
  }
  return AcceptValue(db, year, in.id, actor);
}

}  // namespace

Status LoadDemoCity(store::Database* db, const store::Actor& actor) {
  CityProfile profile;  // a county-level city on the Yangtze plain, not on the sea coast
  ECOCIV_RETURN_IF_ERROR(SaveProfile(db, profile, actor));
  ECOCIV_ASSIGN_OR_RETURN(Catalogue national, BuiltInCatalogue("national-2019"));
  ECOCIV_RETURN_IF_ERROR(ImportCatalogue(db, national, true, actor));
  std::string units = UnitsCsv();
  ECOCIV_RETURN_IF_ERROR(ImportUnits(db, units, "demo:units.csv", actor).status());
  ECOCIV_RETURN_IF_ERROR(ImportPlan(db, kPlanCsv, "demo:plan.csv", actor).status());
  ECOCIV_RETURN_IF_ERROR(ImportProjects(db, kProjectsCsv, "demo:projects.csv", actor).status());
  for (const DemoValue& v : kValues) {
    for (int i = 0; i < 4; ++i) {
      if (*v.values[i] == 0) continue;
      ECOCIV_RETURN_IF_ERROR(EnterValue(db, v, kDemoLatestYear - 3 + i, v.values[i], actor));
    }
  }
  ECOCIV_RETURN_IF_ERROR(
      AddEvidenceBytes(db, kDemoLatestYear, "n2019_01", "规划批复（SYNTHETIC）.txt",
                       "SYNTHETIC: 市人大常委会关于生态文明建设规划的决议（演示）\n", actor)
          .status());
  return Status::Ok();
}

}  // namespace ecociv::indicators
