// API tests of the warning routes: the workflow by role and unit, evaluation
// and escalation, and the webhook outbox with its quiet periods.
#include "api_test_fixture.h"
#include "ecociv/store/change_log.h"
#include "ecociv/warning/workflow.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace ecociv::server {
namespace {

// The warning workflow on the web: who may act, CSRF, illegal steps (409),
// bad input, the reporter's unit, the change record; air targets' input.
TEST_F(ApiTest, WarningWorkflowByRole) {
  Json list = Json::parse(Call("leader", "GET", "/api/v1/warnings").body);
  ASSERT_EQ(list["warnings"].size(), 2u);
  EXPECT_FALSE(list["may_act"].get<bool>());
  // The day deadlines are counted from: today in Beijing, as escalation counts it.
  EXPECT_EQ(list["today"], store::BeijingToday());
  int64_t id = 0;
  for (const Json& w : list["warnings"])
    if (w["kind"] == "water") {
      id = w["id"];
      EXPECT_TRUE(w["template"].get<bool>());
      EXPECT_EQ(w["figures"]["month"], "2026-02");
    }
  ASSERT_GT(id, 0);
  std::string base = "/api/v1/warnings/" + std::to_string(id) + "/";
  EXPECT_EQ(Json::parse(Call("reporter", "GET", "/api/v1/warnings").body)["warnings"].size(), 0u);
  for (const char* who : {"leader", "auditor", "reporter"}) {
    for (const char* step : {"ack", "assign", "feedback", "close"}) {
      EXPECT_EQ(Call(who, "POST", base + step, "{}").status, 403) << who << step;
    }
  }
  EXPECT_EQ(Call("anonymous", "POST", base + "ack", "{}").status, 401);
  HttpRequest no_csrf{"POST", base + "ack", {}, "{}", sessions_["analyst"].cookie, "", "127.0.0.1"};
  EXPECT_EQ(api_->Handle(no_csrf).status, 403);
  // Illegal steps: 409, nothing recorded.
  int64_t before = ChangeCount();
  EXPECT_EQ(Call("analyst", "POST", base + "close", "{}").status, 409);
  EXPECT_EQ(Call("analyst", "POST", base + "feedback", R"({"feedback":"done"})").status, 409);
  EXPECT_EQ(ChangeCount(), before);
  // Bad input.
  EXPECT_EQ(Call("analyst", "POST", base + "ack", "{not json").status, 400);
  EXPECT_EQ(Call("analyst", "POST", base + "ack", R"({"note":5})").status, 400);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/warnings/999/ack", "{}").status, 404);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/warnings/x1/ack", "{}").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings/999").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings/-1").status, 404);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/warnings", "", {{"state", "x"}}).status, 400);
  // The path.
  HttpResponse ack = Call("analyst", "POST", base + "ack", R"({"note":"seen"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(Json::parse(ack.body)["state"], "acknowledged");
  EXPECT_EQ(Call("analyst", "POST", base + "ack", "{}").status, 409);
  std::string assign =
      R"({"unit":"TownA","person":"Li","deadline":"2026-04-30","plan":"one section, one plan"})";
  Json a = Json::parse(assign);
  for (const char* field : {"unit", "person", "deadline", "plan"}) {
    Json missing = a;
    missing.erase(field);
    EXPECT_EQ(Call("analyst", "POST", base + "assign", missing.dump()).status, 400) << field;
  }
  Json bad = a;
  bad["deadline"] = "2026-02-30";
  EXPECT_EQ(Call("analyst", "POST", base + "assign", bad.dump()).status, 400);
  bad["deadline"] = 20260430;
  EXPECT_EQ(Call("analyst", "POST", base + "assign", bad.dump()).status, 400);
  EXPECT_EQ(Call("admin", "POST", base + "assign", assign).status, 200);
  // Now assigned to TownA: its reporter sees it (and its events), still may not act.
  Json mine = Json::parse(Call("reporter", "GET", "/api/v1/warnings").body);
  ASSERT_EQ(mine["warnings"].size(), 1u);
  Json detail = Json::parse(Call("reporter", "GET", "/api/v1/warnings/" + std::to_string(id)).body);
  EXPECT_EQ(detail["unit"], "TownA");
  EXPECT_EQ(detail["events"].size(), 3u);  // raise, acknowledge, assign
  EXPECT_TRUE(detail["may_feedback"].get<bool>());
  EXPECT_FALSE(
      Json::parse(
          Call("analyst", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["may_feedback"]
          .get<bool>());
  // The reporter answers its unit's warning; no other step, no other unit's warning.
  for (const char* step : {"ack", "assign", "close"}) {
    EXPECT_EQ(Call("reporter", "POST", base + step, "{}").status, 403) << step;
  }
  int64_t air = 0;
  for (const Json& w : list["warnings"])
    if (w["kind"] == "air") air = w["id"];
  EXPECT_EQ(Call("reporter", "POST", "/api/v1/warnings/" + std::to_string(air) + "/feedback",
                 R"({"feedback":"x"})")
                .status,
            403);
  EXPECT_EQ(Call("water", "POST", base + "feedback", R"({"feedback":"x"})").status, 403);
  EXPECT_EQ(Call("reporter", "POST", "/api/v1/warnings/999/feedback", "{}").status, 404);
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", "{}").status, 400);
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", R"({"feedback":""})").status, 400);
  HttpResponse fb = Call("reporter", "POST", base + "feedback", R"({"feedback":"已整改 fixed"})");
  ASSERT_EQ(fb.status, 200) << fb.body;
  EXPECT_EQ(Json::parse(fb.body)["feedback"], "已整改 fixed");
  EXPECT_EQ(Call("reporter", "POST", base + "feedback", R"({"feedback":"again"})").status, 409);
  EXPECT_FALSE(
      Json::parse(
          Call("reporter", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["may_feedback"]
          .get<bool>());
  // A section at risk closes only against its approved plan (一断面一方案).
  HttpResponse refused = Call("analyst", "POST", base + "close", R"({"note":"ok"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("has no approved plan"), std::string::npos) << refused.body;
  const std::string plan = "/api/v1/water/plans/CJ01";
  ASSERT_EQ(Call("reporter", "PUT", plan, R"({"title":"CJ01 方案"})").status, 200);
  ASSERT_EQ(Call("reporter", "POST", plan + "/measures",
                 R"({"text":"截污","unit":"TownA","deadline":"2026-06-30"})")
                .status,
            201);
  ASSERT_EQ(Call("reporter", "POST", plan + "/submit", "{}").status, 200);
  ASSERT_EQ(Call("leader", "POST", plan + "/approve", "{}").status, 200);
  EXPECT_EQ(Call("analyst", "POST", base + "close", R"({"note":"ok"})").status, 200);
  Json open = Json::parse(Call("leader", "GET", "/api/v1/warnings").body);
  EXPECT_EQ(open["warnings"].size(), 1u);
  Json all = Json::parse(Call("leader", "GET", "/api/v1/warnings", "", {{"state", "all"}}).body);
  EXPECT_EQ(all["warnings"].size(), 2u);
  // Each step is in the change record, by the web user.
  Json changes = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"];
  std::set<std::string> seen;
  for (const Json& e : changes)
    if (e["object"] == "warning:" + std::to_string(id))
      seen.insert(e["action"].get<std::string>() + "/" + e["who"].get<std::string>());
  EXPECT_TRUE(seen.count("warning.acknowledge/u_analyst"));
  EXPECT_TRUE(seen.count("warning.assign/u_admin"));
  EXPECT_TRUE(seen.count("warning.feedback/u_reporter"));
  EXPECT_TRUE(seen.count("warning.close/u_analyst"));
}

// Evaluation and escalation from the web: who may, bad input, the counts, the
// web user in the change record.
TEST_F(ApiTest, WarningEvaluateAndEscalate) {
  const std::string evaluate = "/api/v1/warnings/evaluate";
  for (const char* who : {"leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "POST", evaluate, R"({"rules":"yangtze","as_of":"2025-12-31"})").status,
              403);
    EXPECT_EQ(Call(who, "POST", "/api/v1/warnings/escalate", R"({"as_of":"2025-12-31"})").status,
              403);
  }
  EXPECT_EQ(Call("anonymous", "POST", evaluate, "{}").status, 401);
  int64_t before = ChangeCount();
  for (const char* body :
       {"{not json", "[]", R"({"as_of":"2025-12-31"})", R"({"rules":"x","as_of":"2025-12-31"})",
        R"({"rules":"/etc/passwd","as_of":"2025-12-31"})",
        R"({"rules":"standards/warning-yangtze.toml","as_of":"2025-12-31"})",
        R"({"rules":"yangtze"})", R"({"rules":"yangtze","as_of":"2025-13-01"})",
        R"({"rules":"yangtze","as_of":"2025-1-1"})", R"({"rules":"yangtze","as_of":20251231})"}) {
    HttpResponse r = Call("analyst", "POST", evaluate, body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_FALSE(Json::parse(r.body)["message"].get<std::string>().empty());
  }
  EXPECT_EQ(ChangeCount(), before);
  // The demo sections' year: the local template at its end.
  HttpResponse first =
      Call("analyst", "POST", evaluate, R"({"rules":"local-template","as_of":"2025-12-31"})");
  ASSERT_EQ(first.status, 200) << first.body;
  Json j = Json::parse(first.body);
  EXPECT_EQ(j["rule_set"], "warning-local-template");
  EXPECT_TRUE(j["template"].get<bool>());
  EXPECT_EQ(j["month"], "2025-12");
  EXPECT_TRUE(j["findings"].is_array());
  for (const char* k : {"raised", "repeated", "upgraded", "lifted", "escalated", "unchanged"}) {
    EXPECT_TRUE(j["counts"][k].is_number_integer()) << k;
  }
  int recorded = j["counts"]["raised"].get<int>() + j["counts"]["repeated"].get<int>() +
                 j["counts"]["upgraded"].get<int>() + j["counts"]["unchanged"].get<int>();
  EXPECT_EQ(recorded, static_cast<int>(j["findings"].size()));
  // Again at the same date: already recorded, nothing new.
  Json again = Json::parse(
      Call("admin", "POST", evaluate, R"({"rules":"local-template","as_of":"2025-12-31"})").body);
  EXPECT_EQ(again["counts"]["raised"], 0);
  EXPECT_EQ(again["counts"]["unchanged"], j["findings"].size());
  if (j["counts"]["raised"].get<int>() > 0) {
    bool by_web_user = false;
    Json changes = Json::parse(Call("auditor", "GET", "/api/v1/changes").body);
    for (const Json& e : changes["entries"]) {
      by_web_user = by_web_user || (e["action"] == "warning.raise" && e["who"] == "u_analyst" &&
                                    e["why"] == "web evaluate");
    }
    EXPECT_TRUE(by_web_user);
  }
  // The air targets as of a date in the test city's data: recorded under
  // air-targets-<year>; evaluating again records nothing new.
  HttpResponse air =
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2026-03-03"})");
  ASSERT_EQ(air.status, 200) << air.body;
  Json a = Json::parse(air.body);
  EXPECT_EQ(a["rule_set"], "air-targets-2026");
  for (const Json& f : a["findings"]) {
    EXPECT_EQ(f["kind"], "air");
    EXPECT_FALSE(f["trigger_en"].get<std::string>().empty());
    // The trigger as codes and arguments, for the web to word in the page's language.
    ASSERT_TRUE(f["figures"]["trigger"].is_array()) << f.dump();
    EXPECT_EQ(f["figures"]["trigger"][0]["code"], "air_ytd_mean");
    EXPECT_TRUE(f["figures"]["trigger"][0]["args"].contains("pollutant"));
  }
  Json air_again = Json::parse(
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2026-03-03"})").body);
  EXPECT_EQ(air_again["counts"]["raised"], 0);
  EXPECT_EQ(
      Call("analyst", "POST", evaluate, R"({"rules":"air-targets","as_of":"2031-01-01"})").status,
      400);
  // Escalation: the air warning (untouched by the water evaluation) assigned
  // with a deadline, then a day after it.
  int64_t id = 0;
  Json open = Json::parse(Call("admin", "GET", "/api/v1/warnings").body);
  for (const Json& w : open["warnings"])
    if (w["kind"] == "air") id = w["id"];
  ASSERT_GT(id, 0);
  std::string base = "/api/v1/warnings/" + std::to_string(id) + "/";
  ASSERT_EQ(Call("analyst", "POST", base + "ack", "{}").status, 200);
  ASSERT_EQ(Call("analyst", "POST", base + "assign",
                 R"({"unit":"TownA","person":"Li","deadline":"2026-04-30","plan":"plan"})")
                .status,
            200);
  const std::string escalate = "/api/v1/warnings/escalate";
  EXPECT_EQ(Call("analyst", "POST", escalate, R"({"as_of":"2026-04-31"})").status, 400);
  EXPECT_EQ(Call("analyst", "POST", escalate, "{}").status, 400);
  Json none = Json::parse(Call("analyst", "POST", escalate, R"({"as_of":"2026-04-30"})").body);
  EXPECT_EQ(none["escalated"], 0);
  Json one = Json::parse(Call("admin", "POST", escalate, R"({"as_of":"2026-05-01"})").body);
  EXPECT_EQ(one["escalated"], 1);
  EXPECT_EQ(
      Json::parse(Call("leader", "GET", "/api/v1/warnings/" + std::to_string(id)).body)["state"],
      "escalated");
}

// A receiver of webhook posts on 127.0.0.1, counting them.
class HookReceiver {
 public:
  HookReceiver() {
    server_.Post("/hook", [this](const httplib::Request&, httplib::Response& res) {
      ++received_;
      res.set_content(R"({"errcode":0,"errmsg":"ok"})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~HookReceiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int received() const { return received_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<int> received_{0};
  int port_ = 0;
};

// The outbox on the web: admin only, 409 without a webhook URL, quiet periods,
// delivery now and in the background (which stops with the Api).
TEST_F(ApiTest, WebhookOutboxOnTheWeb) {
  // The warning acknowledged below: the fixture's first raised one or, when tests
  // before in this process acknowledged both, a new air target finding. Chosen
  // first: a new warning queues its notice before the outbox is counted.
  auto raised_id = []() -> int64_t {
    const Json list = Json::parse(Call("admin", "GET", "/api/v1/warnings").body);
    for (const Json& w : list["warnings"])
      if (w["state"] == "raised") return w["id"];
    return 0;
  };
  if (raised_id() == 0) {
    auto db = store::OpenDatabase(db_path_, store::OpenOptions{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    warning::Finding f{"air", "air-targets-2026", "TestCity/o3", "TestCity O3", "high",
                       "目标高风险", 1, "allowance below need", R"({"ytd_mean":"160"})", "", "",
                       "2026-03-03"};
    ASSERT_TRUE(warning::RecordEvaluation(db->get(), "test", {f}, {}, 20515,
                                          store::Actor{"test", ""}, 0)
                    .ok());
  }
  const int64_t raised = raised_id();
  ASSERT_GT(raised, 0);
  const std::string outbox = "/api/v1/warnings/outbox";
  for (const char* who : {"analyst", "leader", "auditor", "reporter"}) {
    EXPECT_EQ(Call(who, "GET", outbox).status, 403) << who;
    EXPECT_EQ(Call(who, "POST", outbox + "/deliver", "{}").status, 403) << who;
    EXPECT_EQ(Call(who, "POST", "/api/v1/warnings/quiet", "{}").status, 403) << who;
  }
  HttpResponse r = Call("admin", "GET", outbox);
  ASSERT_EQ(r.status, 200) << r.body;
  Json st = Json::parse(r.body);
  // The two raised warnings; more when other tests ran first in this process.
  const int64_t queued = st["pending"].get<int64_t>();
  EXPECT_GE(queued, 2);
  EXPECT_EQ(st["delivered"], 0);
  EXPECT_FALSE(st["webhook_configured"].get<bool>());
  EXPECT_EQ(Call("anonymous", "POST", outbox + "/deliver", "{}").status, 401);
  EXPECT_EQ(Call("anonymous", "GET", outbox).status, 401);
  HttpResponse none = Call("admin", "POST", outbox + "/deliver", "{}");
  EXPECT_EQ(none.status, 409) << none.body;
  // Quiet periods: bad input, then one far ahead (it does not stop delivery now).
  const std::string quiet = "/api/v1/warnings/quiet";
  for (const char* body :
       {"{}", R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T01:00Z"})",
        R"({"from":"2099-01-01 00:00","to":"2099-01-01T01:00Z","reason":"r"})",
        R"({"from":"2099-01-01T00:00Z","to":"2099-02-30T01:00Z","reason":"r"})",
        R"({"from":"2099-01-01T01:00Z","to":"2099-01-01T00:00Z","reason":"r"})",
        R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T01:00Z","reason":""})"}) {
    EXPECT_EQ(Call("admin", "POST", quiet, body).status, 400) << body;
  }
  HttpResponse added =
      Call("admin", "POST", quiet,
           R"({"from":"2099-01-01T00:00Z","to":"2099-01-01T06:00Z","reason":"校准"})");
  ASSERT_EQ(added.status, 201) << added.body;
  st = Json::parse(Call("admin", "GET", outbox).body);
  ASSERT_EQ(st["quiet_periods"].size(), 1u);
  EXPECT_EQ(st["quiet_periods"][0]["from"], "2099-01-01T00:00:00Z");
  EXPECT_EQ(st["quiet_periods"][0]["reason"], "校准");
  EXPECT_FALSE(st["quiet_now"].get<bool>());
  Json newest = Json::parse(Call("auditor", "GET", "/api/v1/changes").body)["entries"][0];
  EXPECT_EQ(newest["action"], "warning.quiet");
  EXPECT_EQ(newest["who"], "u_admin");
  // A quiet period not yet begun is cancelled; ending it twice is 409.
  const std::string end =
      quiet + "/" + std::to_string(st["quiet_periods"][0]["id"].get<int64_t>()) + "/end";
  EXPECT_EQ(Call("analyst", "POST", end, "{}").status, 403);
  EXPECT_EQ(Call("admin", "POST", end, "{}").status, 200);
  EXPECT_EQ(Call("admin", "POST", end, "{}").status, 409);
  EXPECT_EQ(Call("admin", "POST", quiet + "/999999/end", "{}").status, 404);
  EXPECT_EQ(Json::parse(Call("admin", "GET", outbox).body)["quiet_periods"].size(), 0u);

  // A receiver that is down: "deliver now" reports the failure.
  HookReceiver receiver;
  {
    ApiOptions dead;
    dead.db_path = db_path_;
    dead.webhook_url = "http://127.0.0.1:1/hook";
    auto api = Api::Create(dead);
    ASSERT_TRUE(api.ok());
    HttpRequest req{"POST",     outbox + "/deliver",       {},
                    "{}",       sessions_["admin"].cookie, sessions_["admin"].csrf,
                    "127.0.0.1"};
    HttpResponse out = (*api)->Handle(req);
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_EQ(Json::parse(out.body)["failed"], queued);
    req.method = "GET";
    req.path = outbox;
    Json after = Json::parse((*api)->Handle(req).body);
    EXPECT_EQ(after["failed"], queued);
    EXPECT_EQ(after["pending"], 0);
    EXPECT_FALSE(after["last_error"].get<std::string>().empty());
    EXPECT_TRUE(after["webhook_configured"].get<bool>());
  }
  // The background thread delivers once the retry is due; the acknowledgement
  // below queues a new, due notification first.
  ASSERT_EQ(
      Call("analyst", "POST", "/api/v1/warnings/" + std::to_string(raised) + "/ack", "{}").status,
      200);
  {
    ApiOptions live;
    live.db_path = db_path_;
    live.webhook_url = receiver.url();
    live.deliver_every_seconds = 1;
    auto api = Api::Create(live);
    ASSERT_TRUE(api.ok());
    for (int i = 0; i < 250 && receiver.received() < 1; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(receiver.received(), 1);  // the failed ones wait for their backoff
    auto start = std::chrono::steady_clock::now();
    api->reset();  // stops the thread without waiting out the interval
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  }
  st = Json::parse(Call("admin", "GET", outbox).body);
  EXPECT_EQ(st["delivered"], 1);
  EXPECT_EQ(st["failed"], queued);
}

}  // namespace
}  // namespace ecociv::server
