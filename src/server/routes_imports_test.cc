// API tests of the import and export routes: background imports with
// progress and safe names, the demonstration-zone tables, and xlsx export.
#include "api_test_fixture.h"

#include <chrono>
#include <fstream>
#include <thread>

#include "ecociv/store/xlsx.h"
#include "import_job_rows.h"
#include "import_jobs.h"
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
    Json job = started_id ? FinishedImport(started_id) : Json();
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
  Json job = FinishedImport(id);
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

// A job is a row of the store: another server on the same store answers for
// it as the one that ran it, and a running job whose server stopped (its
// heartbeat quiet) is answered as interrupted, in a code the page words.
TEST_F(ApiTest, ImportJobsAreRowsEveryServerAnswersFor) {
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\nT1,2026-04-06 02:00,8,30,0.6,60,70,25\n";
  HttpResponse started =
      Call("analyst", "POST", "/api/v1/imports", csv, {{"kind", "air"}, {"name", "四月.csv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const int64_t id = Json::parse(started.body)["id"];
  EXPECT_GT(id, 0);
  EXPECT_LT(id, int64_t{1} << 53);
  Json job = FinishedImport(id);
  ASSERT_EQ(job["state"], "done") << job.dump();
  auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ImportJobs another_server(db_path_);
  auto answered = another_server.Get(db->get(), id);
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(*answered, job);
  EXPECT_EQ((*answered)["name"], "四月.csv");
  EXPECT_EQ((*answered)["rows_inserted"], 1);

  const int64_t long_ago = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count() -
                           kImportQuietSeconds - 60;
  ImportJobRow stopped;
  stopped.id = 77;
  stopped.kind = "air";
  stopped.name = "五月.csv";
  stopped.who = "u_analyst";
  ASSERT_TRUE(InsertRunningImportJob(db->get(), stopped, long_ago).ok());
  job = Json::parse(Call("analyst", "GET", "/api/v1/imports/77").body);
  EXPECT_EQ(job["state"], "failed") << job.dump();
  EXPECT_EQ(job["error_problem"]["code"], "import_interrupted");
  ASSERT_TRUE(RenewImportJob(db->get(), 77, 5000, long_ago + kImportQuietSeconds + 60).ok());
  job = Json::parse(Call("analyst", "GET", "/api/v1/imports/77").body);
  EXPECT_EQ(job["state"], "running") << job.dump();
  EXPECT_EQ(job["rows_written"], 5000);
}

// The demonstration-zone tables through the same import page: all or
// nothing, file:line errors with the uploaded name.
TEST_F(ApiTest, IndicatorTablesImportFromTheWeb) {
  std::string plan = "year,indicator,target,units,deadline\n2027,n2019_29,98,水务局,2027-12-31\n";
  HttpResponse ok = Call("analyst", "POST", "/api/v1/imports", plan,
                         {{"kind", "plan"}, {"name", "2027年度目标.csv"}});
  ASSERT_EQ(ok.status, 202) << ok.body;
  Json job = FinishedImport(Json::parse(ok.body)["id"]);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["summary"], "2027年度目标.csv: 1 plan rows stored (all or nothing)");
  std::string bad = plan + "2027,nope,1,x,2027-12-31\n";
  Json failed = FinishedImport(Json::parse(
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

// A rejected row's reason reaches the interface as a code and arguments
// beside the reader's sentence, for every reader the import page uses; the
// uploaded name, never the temporary file, is where the row is.
TEST_F(ApiTest, ImportRejectsAreCodesTheWebWords) {
  auto import = [&](const std::string& kind, const std::string& rows, const std::string& name) {
    HttpResponse started = Call("analyst", "POST", "/api/v1/imports",
                                ImportTemplateCsv(kind) + rows, {{"kind", kind}, {"name", name}});
    EXPECT_EQ(started.status, 202) << kind << " " << started.body;
    Json job;
    if (started.status != 202) return job;
    return FinishedImport(Json::parse(started.body)["id"].get<int64_t>());
  };
  // The codes of a job's problems, in order; every problem is a known code.
  auto codes = [](const Json& job) {
    std::vector<std::string> out;
    EXPECT_EQ(job["problems"].size(), job["rejects"].size()) << job.dump();
    for (const Json& p : job["problems"]) {
      EXPECT_NE(p["code"], "other") << p.dump();
      EXPECT_TRUE(p["args"].is_object()) << p.dump();
      out.push_back(p["code"]);
    }
    return out;
  };
  using Codes = std::vector<std::string>;
  Json air = import("air",
                    "T1,2026-03-05 01:00,abc,30,0.6,60,70,25\r\n"
                    "T1,2026-03-05 01:30,8,30,0.6,60,70,25\r\n"
                    "T1,2026-02-30 01:00,8,30,0.6,60,70,25\r\n"
                    "T1,2026-03-05 02:00,8\r\n",
                    "坏行 (1).csv");
  EXPECT_EQ(air["outcome"], "rejected") << air.dump();
  EXPECT_EQ(codes(air), (Codes{"bad_number", "time_not_on_hour", "no_such_date", "field_count"}));
  const Json& first = air["problems"][0];
  EXPECT_EQ(first["where"], "坏行 (1).csv");
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["args"], (Json{{"value", "'abc'"}, {"field", "so2"}}));
  // The unknown station's advice is the command line's: the code carries only the station.
  Json unknown = import("air", "ZZ9,2026-03-05 01:00,8,30,0.6,60,70,25\r\n", "a.csv");
  EXPECT_EQ(codes(unknown), (Codes{"unknown_station"}));
  EXPECT_EQ(unknown["problems"][0]["args"], (Json{{"station", "'ZZ9'"}}));

  Json stations = import("stations",
                         "T8,站八,TestCity,999,31.8,0,\r\nT7,站七,,120.5,31.8,0,\r\n"
                         "T6,站六,TestCity,120.5,31.8,maybe,\r\nT6,站六,TestCity,120.5,31.8,0,\r\n"
                         "T6,站六,TestCity,120.5,31.8,0,\r\n",
                         "stations.csv");
  EXPECT_EQ(codes(stations),
            (Codes{"bad_longitude", "empty_city", "bad_background", "duplicate_station"}));

  Json sections = import("sections",
                         "S7,断面,河,canal,III,national,,,0,,,,\r\n"
                         "S8,断面,河,river,VI,national,,,0,,,,\r\n"
                         "S9,断面,河,river,III,county,,,0,,,,\r\n",
                         "sections.csv");
  EXPECT_EQ(codes(sections), (Codes{"section_type", "target_class", "section_level"}));

  Json water = import("water",
                      "NOPE,2026-03-05,氨氮,0.5,,mg/L\r\nCJ01,2026-03-05,氨氮,abc,,mg/L\r\n"
                      "CJ01,2026-03-05,总磷,-1,,mg/L\r\nCJ01,2026-03-05,什么,1,,mg/L\r\n",
                      "water.csv");
  EXPECT_EQ(codes(water),
            (Codes{"unknown_section", "bad_number_item", "negative_value", "unknown_item"}));

  // The tables are all or nothing: the first bad row is the failed import's problem.
  const std::map<std::string, std::pair<std::string, std::string>> tables = {
      {"plan", {"2027,nope,98,水务局,2027-12-31", "unknown_indicator"}},
      {"units", {"U9,测试局,ministry,,,", "unit_kind"}},
      {"projects", {"P1,2027,工程,水务局,100,200,in_progress,开工,2027-03-01,", "progress_range"}},
      {"values", {"2027,n2019_29,abc,年报,", "value_not_number"}},
  };
  for (const auto& [kind, bad] : tables) {
    Json failed = import(kind, bad.first + "\r\n", kind + ".csv");
    EXPECT_EQ(failed["state"], "failed") << failed.dump();
    EXPECT_EQ(failed["error_problem"]["code"], bad.second) << failed.dump();
    EXPECT_EQ(failed["error_problem"]["line"], 2) << failed.dump();
    EXPECT_EQ(failed["error_problem"]["where"], kind + ".csv") << failed.dump();
  }
  // An error that names no row problem has none.
  Json empty = import("plan", "", "empty.csv");
  EXPECT_EQ(empty["state"], "done") << empty.dump();
  EXPECT_TRUE(empty["error_problem"].is_null()) << empty.dump();
}

// The common error details carry their sentence's code and arguments beside
// the English message (error_reasons.cc), for the web to word: field checks,
// a workflow's refusal in its state (409), things not found.
TEST_F(ApiTest, ErrorDetailsCarryReasonCodes) {
  auto reason = [](const HttpResponse& r) {
    Json body = Json::parse(r.body);
    EXPECT_TRUE(body.contains("message")) << r.body;
    return body.contains("reason") ? body : Json{{"reason", ""}, {"body", r.body}};
  };
  HttpResponse missing = Call("analyst", "GET", "/api/v1/imports/999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(reason(missing)["reason"], "no_import") << missing.body;
  EXPECT_EQ(reason(missing)["args"], (Json{{"id", "999"}}));
  HttpResponse name =
      Call("analyst", "POST", "/api/v1/imports", "x", {{"kind", "air"}, {"name", "x.exe"}});
  EXPECT_EQ(name.status, 400);
  EXPECT_EQ(reason(name)["reason"], "upload_name") << name.body;
  EXPECT_EQ(reason(name)["args"], (Json{{"name", "'x.exe'"}}));
  HttpResponse self =
      Call("admin", "POST", "/api/v1/users/disable", R"({"name":"u_admin","disabled":true})");
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(reason(self)["reason"], "admin_self_disable") << self.body;
  // A warning's step its state does not allow; bad bodies. (A raised one: tests
  // before this one in the process may have acknowledged some.)
  int64_t id = 0;
  const Json list = Json::parse(Call("analyst", "GET", "/api/v1/warnings").body);
  for (const Json& w : list["warnings"]) {
    if (w["kind"].get<std::string>().starts_with("water") && w["state"] == "raised") id = w["id"];
  }
  ASSERT_GT(id, 0) << list.dump();
  const std::string base = "/api/v1/warnings/" + std::to_string(id) + "/";
  HttpResponse close = Call("analyst", "POST", base + "close", "{}");
  EXPECT_EQ(close.status, 409);
  Json refused = reason(close);
  EXPECT_EQ(refused["reason"], "warning_state") << close.body;
  EXPECT_EQ(refused["args"]["id"], std::to_string(id));
  EXPECT_EQ(refused["args"]["state"], "raised") << close.body;
  EXPECT_EQ(reason(Call("analyst", "POST", base + "ack", "{not json"))["reason"], "body_not_json");
  HttpResponse note = Call("analyst", "POST", base + "ack", R"({"note":5})");
  EXPECT_EQ(reason(note)["reason"], "field_not_string") << note.body;
  EXPECT_EQ(reason(note)["args"], (Json{{"field", "note"}}));
  EXPECT_EQ(reason(Call("analyst", "POST", "/api/v1/warnings/999/ack", "{}"))["reason"],
            "no_warning");
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
  for (const char* bad :
       {R"({"rows":[]})", R"({"header":{},"rows":[]})", R"({"header":[],"rows":1})",
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
    return FinishedImport(Json::parse(started.body)["id"].get<int64_t>());
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
