// API tests of the import and export routes: background imports with
// progress and safe names, the demonstration-zone tables, and xlsx export.
#include "api_test_fixture.h"

#include <chrono>
#include <fstream>
#include <thread>

#include "ecociv/store/xlsx.h"
#include "import_templates.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, ImportsRunInTheBackgroundWithProgressAndSafeNames) {
  for (const char* name :
       {"../../etc/passwd.csv", "a/b.csv", "..csv", ".hidden.csv", "x.exe", "a\\b.csv", ""}) {
    EXPECT_EQ(
        Call("analyst", "POST", "/api/v1/imports", "x", {{"kind", "air"}, {"name", name}}).status,
        400)
        << name;
  }
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/imports", "x", {{"kind", "../air"}, {"name", "a.csv"}})
                .status,
            400);
  // Names as Windows users make them are accepted: shown, never a path.
  for (const char* name : {"air reimport (1).csv", "AIR.CSV", "空气数据(GBK导出).csv"}) {
    HttpResponse r = Call("analyst", "POST", "/api/v1/imports", "station,time,pm25\nT1,x,1\n",
                          {{"kind", "air"}, {"name", name}});
    EXPECT_EQ(r.status, 202) << name << " " << r.body;
    int64_t started_id = r.status == 202 ? Json::parse(r.body)["id"].get<int64_t>() : 0;
    Json job;
    for (int i = 0; i < 200 && started_id; ++i) {
      job = Json::parse(
          Call("analyst", "GET", "/api/v1/imports/" + std::to_string(started_id)).body);
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // The bad time is reported against the file's own name, with no temporary path.
    EXPECT_NE(job.dump().find(name), std::string::npos) << job.dump();
    EXPECT_EQ(job.dump().find("upload"), std::string::npos) << job.dump();
    EXPECT_EQ(job.dump().find("/tmp"), std::string::npos) << job.dump();
  }
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\nT1,2026-03-04 01:00,8,30,0.6,60,70,25\n";
  HttpResponse started =
      Call("analyst", "POST", "/api/v1/imports", csv, {{"kind", "air"}, {"name", "三月.csv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  int64_t id = Json::parse(started.body)["id"];
  Json job;
  for (int i = 0; i < 200; ++i) {
    job = Json::parse(Call("analyst", "GET", "/api/v1/imports/" + std::to_string(id)).body);
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["outcome"], "imported");
  EXPECT_EQ(job["rows_written"], 1);
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"];
  bool recorded = false;
  for (const Json& e : newest) recorded |= e["action"] == "import.air" && e["who"] == "u_analyst";
  EXPECT_TRUE(recorded);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/imports/999").status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/imports/..").status, 404);
}

// The demonstration-zone tables through the same import page: all or
// nothing, file:line errors with the uploaded name.
TEST_F(ApiTest, IndicatorTablesImportFromTheWeb) {
  auto finished = [](int64_t id) {
    Json job;
    for (int i = 0; i < 200; ++i) {
      job = Json::parse(Call("analyst", "GET", "/api/v1/imports/" + std::to_string(id)).body);
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return job;
  };
  std::string plan = "year,indicator,target,units,deadline\n2027,n2019_29,98,水务局,2027-12-31\n";
  HttpResponse ok = Call("analyst", "POST", "/api/v1/imports", plan,
                         {{"kind", "plan"}, {"name", "2027年度目标.csv"}});
  ASSERT_EQ(ok.status, 202) << ok.body;
  Json job = finished(Json::parse(ok.body)["id"]);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["summary"], "2027年度目标.csv: 1 plan rows stored (all or nothing)");
  std::string bad = plan + "2027,nope,1,x,2027-12-31\n";
  Json failed = finished(Json::parse(
      Call("analyst", "POST", "/api/v1/imports", bad, {{"kind", "plan"}, {"name", "坏.csv"}})
          .body)["id"]);
  EXPECT_EQ(failed["state"], "failed");
  EXPECT_NE(failed["error"].get<std::string>().find("坏.csv:3:"), std::string::npos)
      << failed.dump();
  EXPECT_EQ(
      Call("analyst", "POST", "/api/v1/imports", plan, {{"kind", "targets"}, {"name", "a.csv"}})
          .status,
      400);
}


// A table exported to xlsx reads back as the same table: numbers, text,
// booleans, empty cells for null; rows that are not lists are skipped.
TEST_F(ApiTest, ExportedTableReadsBack) {
  HttpResponse r = Call("reporter", "POST", "/api/v1/export/xlsx",
                        R"({"sheet":"站点","header":["站点","PM2.5","有效"],)"
                        R"("rows":[["T1",35,true],"skipped",["T2",null,false],["x",{"a":1}]]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(Header(r, "Content-Disposition"), "attachment; filename=\"export.xlsx\"");
  fs::path path = dir_ / "export.xlsx";
  std::ofstream(path, std::ios::binary) << r.body;
  auto sheets = store::ReadXlsxAsCsv(path.string());
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 1u);
  EXPECT_EQ((*sheets)[0].csv, "站点,PM2.5,有效\nT1,35,TRUE\nT2,,FALSE\nx,\"{\"\"a\"\":1}\"\n");
  for (const char* bad : {R"({"rows":[]})", R"({"header":{},"rows":[]})", R"({"header":[],"rows":1})",
                          R"({"sheet":5,"header":[],"rows":[]})", "[]"}) {
    EXPECT_EQ(Call("analyst", "POST", "/api/v1/export/xlsx", bad).status, 400) << bad;
  }
}

// Every import kind has a CSV template to download: the header row its reader
// expects. Filled with one row it is imported as it is; without its first
// column the reader refuses it (the template and the reader agree).
TEST_F(ApiTest, EveryImportKindHasATemplateItsReaderTakes) {
  const std::map<std::string, std::string> row = {
      {"air", "T1,2026-03-05 01:00,8,30,0.6,60,70,25"},
      {"stations", "T9,测试站,TestCity,120.5,31.8,0,"},
      {"sections", "S9,测试断面,测试河,river,III,national,,,0,,,,"},
      {"water", "CJ01,2026-03-05,氨氮,0.5,,mg/L"},
      {"plan", "2027,n2019_29,98,水务局,2027-12-31"},
      {"units", "U9,测试局,department,,,"},
      {"projects", "P2027-01,2027,测试工程,水务局,100,10,in_progress,开工,2027-03-01,"},
      {"values", "2027,n2019_29,97,年报,"},
      {"people", "P-T09-2023,测试镇长（虚构）,T03,镇长,2023-02-01,"},
  };
  auto import = [&](const std::string& kind, const std::string& csv) {
    HttpResponse started = Call("analyst", "POST", "/api/v1/imports", csv,
                                {{"kind", kind}, {"name", kind + " 模板.csv"}});
    EXPECT_EQ(started.status, 202) << kind << " " << started.body;
    Json job;
    if (started.status != 202) return job;
    const std::string at = "/api/v1/imports/" + Json::parse(started.body)["id"].dump();
    for (int i = 0; i < 200; ++i) {
      job = Json::parse(Call("analyst", "GET", at).body);
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return job;
  };
  EXPECT_EQ(ImportTemplates().size(), row.size());
  for (const ImportTemplate& t : ImportTemplates()) {
    SCOPED_TRACE(t.kind);
    HttpResponse file = Call("analyst", "GET", "/api/v1/imports/template", "", {{"kind", t.kind}});
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(file.body, "\xEF\xBB\xBF" + std::string(t.header) + "\r\n");
    ASSERT_TRUE(row.count(t.kind));
    Json done = import(t.kind, file.body + row.at(t.kind) + "\r\n");
    EXPECT_EQ(done["state"], "done") << done.dump();
    EXPECT_EQ(done["outcome"], "imported") << done.dump();
    EXPECT_EQ(done["rows_inserted"], 1) << done.dump();
    // Without its first column: refused.
    std::string header = t.header, line = row.at(t.kind);
    Json refused = import(t.kind, header.substr(header.find(',') + 1) + "\n" +
                                      line.substr(line.find(',') + 1) + "\n");
    EXPECT_TRUE(refused["state"] == "failed" || refused["outcome"] == "rejected") << refused.dump();
  }
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/imports/template", "", {{"kind", "x"}}).status, 400);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/imports/template", "", {{"kind", "air"}}).status, 403);
}

}  // namespace
}  // namespace ecociv::server
