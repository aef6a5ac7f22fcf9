#include "ecociv/report/schedule.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/report/publishing.h"

namespace ecociv::report {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::QueryText;
using store::testing_util::ScratchDir;

DayNumber Day(const std::string& text) { return *ParseDate(text); }

constexpr const char* kFile = R"(
[schedule]
langs = ["zh", "en"]
lookback = 2
retry_minutes = 60
claim_minutes = 30

[[document]]
kind = "air-monthly"
day = 1
working_day = true

[[document]]
kind = "air-yearly"
month = 1
day = 10
working_day = false
)";

TEST(ScheduleTest, TheBuiltInFileLoads) {
  auto config = LoadScheduleConfig("");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->kinds.size(), 5u);
  EXPECT_EQ(config->langs.size(), 2u);
}

TEST(ScheduleTest, ErrorsNameTheLine) {
  auto bad = [](const std::string& from, const std::string& to) {
    std::string text = kFile;
    text.replace(text.find(from), from.size(), to);
    auto parsed = ParseScheduleConfig(text, "s.toml");
    EXPECT_FALSE(parsed.ok()) << to;
    return parsed.ok() ? std::string() : parsed.status().message();
  };
  EXPECT_EQ(bad("day = 1\n", "day = 29\n"), "s.toml:10: document.day: a whole number 1..28");
  EXPECT_EQ(bad("lookback = 2", "lookbak = 2"), "s.toml:4: unknown key 'lookbak' in [schedule]");
  EXPECT_EQ(bad("kind = \"air-yearly\"", "kind = \"air-daily\"").rfind("s.toml:14: document.kind: "
                                                                        "expected one of",
                                                                        0),
            0u);
  EXPECT_EQ(bad("kind = \"air-yearly\"", "kind = \"air-monthly\""),
            "s.toml:14: document.kind: \"air-monthly\" twice");
  EXPECT_EQ(bad("langs = [\"zh\", \"en\"]", "langs = [\"fr\"]"),
            "s.toml:3: schedule.langs: \"zh\" or \"en\"");
  EXPECT_EQ(bad("working_day = false", "working_day = 0"),
            "s.toml:17: document.working_day: true or false");
  // A month is only for a yearly kind.
  EXPECT_EQ(bad("day = 1\n", "day = 1\nmonth = 2\n"),
            "s.toml:11: unknown key 'month' in [[document]] air-monthly");
}

TEST(ScheduleTest, DueDaysMovePastTheWeekend) {
  auto config = ParseScheduleConfig(kFile, "s.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  const ScheduledKind& monthly = config->kinds[0];
  const ScheduledKind& yearly = config->kinds[1];
  // 2026-11-01 is a Sunday: the October report is due on Monday the 2nd.
  EXPECT_EQ(*DueDay(monthly, "2026-10"), Day("2026-11-02"));
  EXPECT_EQ(*DueDay(monthly, "2025-12"), Day("2026-01-01"));  // a Thursday
  // 2026-01-10 is a Saturday, but this kind keeps its day.
  EXPECT_EQ(*DueDay(yearly, "2025"), Day("2026-01-10"));
  EXPECT_FALSE(DueDay(monthly, "2025").ok());
}

TEST(ScheduleTest, DuePeriodsAndRetriesWithoutData) {
  auto config = ParseScheduleConfig(kFile, "s.toml");
  ASSERT_TRUE(config.ok());
  auto db = OpenOrDie(ScratchDir() + "/schedule.db");
  ASSERT_TRUE(db);
  const int64_t now = 1'780'000'000;
  // On 2026-11-01 (Sunday) October is not yet due: September and August are.
  auto status = ScheduleStatus(db.get(), *config, Day("2026-11-01"), now);
  ASSERT_TRUE(status.ok()) << status.status().message();
  ASSERT_EQ(status->size(), 4u);
  EXPECT_EQ((*status)[0].period, "2026-08");
  EXPECT_EQ((*status)[1].period, "2026-09");
  EXPECT_EQ((*status)[2].period, "2024");
  EXPECT_EQ((*status)[3].period, "2025");
  for (const auto& p : *status) EXPECT_EQ(p.state, "due") << p.period;

  ScheduleRunOptions options;
  options.today = Day("2026-11-02");
  options.now_unix = now;
  int pdfs = 0;
  options.to_pdf = [&pdfs](const std::string&) -> StatusOr<std::string> {
    ++pdfs;
    return std::string("%PDF-stand-in");
  };
  // No data: every period fails, nothing is stored but the failure.
  auto run = RunSchedule(db.get(), *config, options);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->drafted, 0);
  EXPECT_EQ(run->failed, 4);
  EXPECT_EQ(pdfs, 0);
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM report_documents"), "0");
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM document_outbox"), "0");
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM report_schedule WHERE state = 'failed'"),
            "4");
  // Before the retry time nothing is tried; after it, each is tried again.
  auto again = RunSchedule(db.get(), *config, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->failed, 0);
  EXPECT_EQ(again->skipped, 4);
  options.now_unix = now + 61 * 60;
  auto later = RunSchedule(db.get(), *config, options);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->failed, 4);
  EXPECT_EQ(QueryText(db.get(), "SELECT max(attempts) FROM report_schedule"), "2");
}

TEST(ScheduleTest, APeriodDraftedByHandOrHeldIsLeft) {
  auto config = ParseScheduleConfig(kFile, "s.toml");
  ASSERT_TRUE(config.ok());
  auto db = OpenOrDie(ScratchDir() + "/schedule-hand.db");
  ASSERT_TRUE(db);
  const int64_t now = 1'780'000'000;
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    Document d;
    d.kind = "air-monthly";
    d.lang = lang;
    d.title = "by hand";
    ASSERT_TRUE(SaveDraft(db.get(), d, "2026-09", "<p></p>", "%PDF-x", 0, {"analyst", ""}).ok());
  }
  // Another server holds October.
  ASSERT_TRUE(db->Exec("INSERT INTO report_schedule (kind, period, state, claimed_until, "
                       "attempts, updated_at) VALUES ('air-monthly', '2026-10', 'claimed', "
                       "1780000600, 1, 'x')")
                  .ok());
  auto status = ScheduleStatus(db.get(), *config, Day("2026-11-02"), now);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0].state, "drafted");
  EXPECT_EQ((*status)[0].documents, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ((*status)[1].state, "claimed");
  ScheduleRunOptions options;
  options.today = Day("2026-11-02");
  options.now_unix = now;
  options.to_pdf = [](const std::string&) -> StatusOr<std::string> { return std::string("%PDF"); };
  ScheduleConfig monthly_only = *config;
  monthly_only.kinds.resize(1);
  auto run = RunSchedule(db.get(), monthly_only, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->drafted, 0);
  EXPECT_EQ(run->skipped, 1);
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM report_documents"), "2");
}

TEST(ScheduleTest, TheNoticeNamesTheDocumentAndTheApprovers) {
  std::string payload =
      DocumentNoticePayload(7, "air-monthly", "2026-10", "zh", "示例市2026年10月环境空气质量月报",
                            {"leader1", "leader2"});
  EXPECT_NE(payload.find("【待审定】示例市2026年10月环境空气质量月报"), std::string::npos);
  EXPECT_NE(payload.find("leader1、leader2"), std::string::npos);
  EXPECT_NE(payload.find("\"notification\":\"document-7\""), std::string::npos);
}

}  // namespace
}  // namespace ecociv::report
