// Official documents made on the web: the analysts draft a water report of
// a period, its issuer, number and date listed as printed; the HTML and PDF
// stored; wrong kinds and periods refused naming the field; the leaders, not
// the makers, approve.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "api_test_fixture.h"
#include "ecociv/report/pdf.h"
#include "ecociv/server/report_scheduler.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, DocumentsAreMadeFromTheWeb) {
  if (report::FindChromium().empty()) GTEST_SKIP() << "no chromium (scripts/setup)";
  HttpResponse made = Call("analyst", "POST", "/api/v1/documents",
                           R"({"kind":"water-yearly","period":"2025","lang":"zh",)"
                           R"("number":"张环〔2026〕7号","date":"2026-01-15","why":"年报"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Json d = Json::parse(made.body);
  EXPECT_EQ(d["state"], "draft");
  EXPECT_EQ(d["kind"], "water-yearly");
  EXPECT_EQ(d["period"], "2025");
  EXPECT_EQ(d["number"], "张环〔2026〕7号");
  EXPECT_EQ(d["issued"], "2026年1月15日");
  EXPECT_FALSE(d["issuer"].get<std::string>().empty());
  EXPECT_EQ(d["created_by"], "u_analyst");
  const std::string base = "/api/v1/documents/" + std::to_string(d["id"].get<int64_t>());
  HttpResponse html = Call("auditor", "GET", base + "/html");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_NE(html.body.find("地表水"), std::string::npos);
  EXPECT_NE(html.body.find(d["issuer"].get<std::string>()), std::string::npos);
  HttpResponse pdf = Call("leader", "GET", base + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  // The list names the issuer, number and date of every document.
  bool listed = false;
  const Json all = Json::parse(Call("leader", "GET", "/api/v1/documents").body);
  for (const Json& e : all["documents"])
    listed = listed || (e["id"] == d["id"] && e["number"] == "张环〔2026〕7号");
  EXPECT_TRUE(listed);
  // The maker does not approve its own document; a leader does.
  EXPECT_EQ(Call("analyst", "POST", base + "/approve", "{}").status, 403);
  EXPECT_EQ(Call("leader", "POST", base + "/approve", "{}").status, 200);
  // The English version is its own document.
  HttpResponse en = Call("admin", "POST", "/api/v1/documents",
                         R"({"kind":"water-yearly","period":"2025","lang":"en"})");
  ASSERT_EQ(en.status, 201) << en.body;
  EXPECT_EQ(Json::parse(en.body)["lang"], "en");
}

TEST_F(ApiTest, DocumentRequestsAreChecked) {
  struct Bad {
    std::string body, field;
  };
  for (const Bad& b : std::vector<Bad>{
           {R"({"kind":"weather","period":"2025"})", "kind"},
           {R"({"kind":"water-yearly","period":"2025-07"})", "period"},
           {R"({"kind":"air-monthly","period":"2026"})", "period"},
           {R"({"kind":"air-monthly","period":"2026-13"})", "period"},
           {R"({"kind":"water-yearly","period":"2025","lang":"fr"})", ""},
           {R"({"kind":"water-yearly","period":"2025","date":"2026-02-30"})", "date"},
           {R"({"kind":"water-yearly","period":"2025","replaces":"x"})", "replaces"},
           {R"({"period":"2025"})", "kind"}}) {
    HttpResponse r = Call("analyst", "POST", "/api/v1/documents", b.body);
    SCOPED_TRACE(b.body + ": " + r.body);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(Json::parse(r.body)["message"].get<std::string>().find(b.field), std::string::npos);
  }
  // A period without data is 404, not an empty document.
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/documents",
                 R"({"kind":"water-yearly","period":"2019"})")
                .status,
            404);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/documents/1/html").status, 401);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/documents/1/html").status, 403);
}

// The schedule of periodic documents: every reader sees what is due and how
// far each period is; the public does not.
TEST_F(ApiTest, TheScheduleIsListed) {
  HttpResponse r = Call("leader", "GET", "/api/v1/documents/schedule");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json s = Json::parse(r.body);
  EXPECT_EQ(s["draft_every_seconds"], 0);
  ASSERT_FALSE(s["periods"].empty());
  for (const Json& p : s["periods"]) {
    EXPECT_TRUE(p["state"] == "due" || p["state"] == "drafted") << p.dump();
    EXPECT_FALSE(p["due"].get<std::string>().empty());
  }
  EXPECT_EQ(Call("", "GET", "/api/v1/documents/schedule").status, 401);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/documents/schedule").status, 403);
}

// The web's documents and the schedule's thread render through one lock: however
// many ask at once, one browser runs at a time.
TEST(PdfRender, OneBrowserAtATime) {
  std::atomic<int> inside{0}, most{0}, calls{0};
  PdfRender slow = [&](const std::string& html) -> StatusOr<std::string> {
    const int now = ++inside;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
    ++calls;
    --inside;
    return "pdf of " + html;
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        auto pdf = RenderPdfOneAtATime("doc" + std::to_string(t), slow);
        EXPECT_TRUE(pdf.ok());
        EXPECT_EQ(*pdf, "pdf of doc" + std::to_string(t));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 12);
  EXPECT_EQ(most.load(), 1);
}

}  // namespace
}  // namespace ecociv::server
