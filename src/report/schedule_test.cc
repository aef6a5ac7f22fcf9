#include "ecociv/report/schedule.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

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
            "s.toml:17: document.working_day: true, false or \"count\"");
  // A month is only for a yearly kind.
  EXPECT_EQ(bad("day = 1\n", "day = 1\nmonth = 2\n"),
            "s.toml:11: unknown key 'month' in [[document]] air-monthly");
}

TEST(ScheduleTest, DueDaysMovePastTheWeekendAndTheHolidays) {
  auto config = ParseScheduleConfig(kFile, "s.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  const ScheduledKind& monthly = config->kinds[0];
  const ScheduledKind& yearly = config->kinds[1];
  const HolidayCalendar& h = config->holidays;
  // 2026-11-01 is a Sunday: the October report is due on Monday the 2nd.
  EXPECT_EQ(*DueDay(monthly, "2026-10", h), Day("2026-11-02"));
  // 1-3 January 2026 are New Year's holidays, Sunday the 4th is worked (调休上班).
  EXPECT_EQ(*DueDay(monthly, "2025-12", h), Day("2026-01-04"));
  // 1-7 October 2026 National Day: Thursday the 8th.
  EXPECT_EQ(*DueDay(monthly, "2026-09", h), Day("2026-10-08"));
  // Spring Festival 2025: 28 January to 4 February, so Wednesday 5 February.
  EXPECT_EQ(*DueDay(monthly, "2025-01", h), Day("2025-02-05"));
  // 2026-01-10 is a Saturday, but this kind keeps its day.
  EXPECT_EQ(*DueDay(yearly, "2025", h), Day("2026-01-10"));
  EXPECT_FALSE(DueDay(monthly, "2025", h).ok());
  // A year without a holiday file: weekends only, and the caller is told.
  int unknown = 0;
  EXPECT_EQ(*DueDay(monthly, "2026-12", h, &unknown), Day("2027-01-01"));  // a Friday
  EXPECT_EQ(unknown, 2027);
  unknown = 0;
  EXPECT_EQ(*DueDay(monthly, "2026-10", h, &unknown), Day("2026-11-02"));
  EXPECT_EQ(unknown, 0);
}

// working_day = "count": the day-th working day of the month, holidays left
// out and adjusted working days (weekends worked) counted.
TEST(ScheduleTest, NthWorkingDayCountsTheHolidayNotice) {
  std::string text = kFile;
  text.replace(text.find("day = 1\nworking_day = true"), 27, "day = 5\nworking_day = \"count\"");
  auto config = ParseScheduleConfig(text, "s.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  ScheduledKind k = config->kinds[0];
  ASSERT_TRUE(k.count_working_days);
  const HolidayCalendar& h = config->holidays;
  // October 2025: 1-8 off; 9 (Thu), 10 (Fri), 11 (Sat, worked), 13 (Mon), 14 (Tue).
  EXPECT_EQ(*DueDay(k, "2025-09", h), Day("2025-10-14"));
  // February 2026: 2-6 are the 1st to 5th.
  EXPECT_EQ(*DueDay(k, "2026-01", h), Day("2026-02-06"));
  // ... 13 the 10th; Saturday 14 (worked) the 11th; 15-23 off; Tuesday 24 the 12th.
  k.day = 11;
  EXPECT_EQ(*DueDay(k, "2026-01", h), Day("2026-02-14"));
  k.day = 12;
  EXPECT_EQ(*DueDay(k, "2026-01", h), Day("2026-02-24"));
  // The 1st working day of January 2026 is Sunday the 4th (worked).
  k.day = 1;
  EXPECT_EQ(*DueDay(k, "2025-12", h), Day("2026-01-04"));
  // Without the year's file: Monday to Friday.
  int unknown = 0;
  k.day = 5;
  EXPECT_EQ(*DueDay(k, "2026-12", h, &unknown), Day("2027-01-07"));
  EXPECT_EQ(unknown, 2027);
  // A count is 1..15 (every month has that many working days).
  std::string bad = text;
  bad.replace(bad.find("day = 5\n"), 8, "day = 16\n");
  auto refused = ParseScheduleConfig(bad, "s.toml");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "s.toml:10: document.day: a whole number 1..15");
}

// A period due in a year without a holiday file says so (the CLI warns, the web shows it).
TEST(ScheduleTest, StatusSaysWhenAYearHasNoHolidayFile) {
  auto config = ParseScheduleConfig(kFile, "s.toml");
  ASSERT_TRUE(config.ok());
  auto db = OpenOrDie(ScratchDir() + "/schedule-holidays.db");
  ASSERT_TRUE(db);
  auto status = ScheduleStatus(db.get(), *config, Day("2027-01-02"), 1'780'000'000);
  ASSERT_TRUE(status.ok()) << status.status().message();
  int flagged = 0;
  for (const auto& p : *status) {
    if (p.kind != "air-monthly") continue;
    EXPECT_EQ(p.holidays_unknown_year, p.period == "2026-12" ? 2027 : 0) << p.period;
    if (p.period == "2026-12") {
      ++flagged;
      EXPECT_EQ(PeriodJson(p)["holidays_unknown_year"], 2027);
    } else {
      EXPECT_TRUE(PeriodJson(p)["holidays_unknown_year"].is_null());
    }
  }
  EXPECT_EQ(flagged, 1);
}

TEST(ScheduleTest, HolidayFilesAreCheckedWithTheirLines) {
  auto calendar = LoadHolidays("");
  ASSERT_TRUE(calendar.ok()) << calendar.status().message();
  EXPECT_TRUE(calendar->KnowsYear(2025));
  EXPECT_TRUE(calendar->KnowsYear(2026));
  EXPECT_FALSE(calendar->KnowsYear(2027));
  EXPECT_FALSE(calendar->IsWorkingDay(Day("2026-02-16")));  // a Monday of Spring Festival
  EXPECT_TRUE(calendar->IsWorkingDay(Day("2026-02-28")));   // a Saturday worked
  EXPECT_FALSE(calendar->IsWorkingDay(Day("2026-03-01")));  // a Sunday
  ASSERT_NE(calendar->Find(Day("2025-10-06")), nullptr);
  EXPECT_EQ(calendar->Find(Day("2025-10-06"))->name_zh, "国庆节、中秋节");
  const std::string head = "# notice\ndate,kind,name_zh,name_en\n";
  auto error = [&](const std::string& rows) {
    auto parsed = ParseHolidayFile(head + rows, "2026.csv", 2026);
    EXPECT_FALSE(parsed.ok()) << rows;
    return parsed.ok() ? std::string() : parsed.status().message();
  };
  EXPECT_EQ(error("2026-01-01,holiday,元旦\n"),
            "2026.csv:3: row: expected 4 fields (date,kind,name_zh,name_en), got 3");
  EXPECT_EQ(error("2026-13-01,holiday,元旦,x\n").rfind("2026.csv:3: date: ", 0), 0u);
  EXPECT_EQ(error("2025-12-31,holiday,元旦,x\n"),
            "2026.csv:3: date: 2025-12-31 is not in 2026 (the file's year)");
  EXPECT_EQ(error("2026-01-01,holiday,元旦,x\n2026-01-01,holiday,元旦,x\n"),
            "2026.csv:4: date: 2026-01-01 listed twice");
  EXPECT_EQ(error("2026-01-01,off,元旦,x\n"),
            "2026.csv:3: kind: expected holiday or workday, got 'off'");
  EXPECT_EQ(error("2026-01-05,workday,x,x\n").rfind("2026.csv:3: kind: 2026-01-05 is a weekday", 0),
            0u);
  EXPECT_EQ(error("2026-01-01,holiday,,x\n"), "2026.csv:3: name_zh: empty");
  EXPECT_EQ(error("2026-01-01,holiday,元旦,\n"), "2026.csv:3: name_en: empty");
  auto no_header = ParseHolidayFile("2026-01-01,holiday,元旦,x\n", "2026.csv", 2026);
  ASSERT_FALSE(no_header.ok());
  EXPECT_EQ(no_header.status().message(),
            "2026.csv:1: header: expected date,kind,name_zh,name_en");
  // A folder: one YYYY.csv per year; another name is refused.
  const std::string dir = ScratchDir() + "/holidays";
  std::filesystem::create_directories(dir);
  store::testing_util::WriteFile(dir + "/2027.csv", head + "2027-01-01,holiday,元旦,x\n");
  auto mine = LoadHolidays(dir);
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_TRUE(mine->KnowsYear(2027));
  EXPECT_FALSE(mine->KnowsYear(2026));
  store::testing_util::WriteFile(dir + "/2027 copy.csv", head);
  auto refused = LoadHolidays(dir);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("2027 copy.csv: not a holiday file"), std::string::npos);
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
  // A county's own September report is not the whole store's periodic one.
  Document county;
  county.kind = "air-monthly";
  county.title = "a county's";
  county.region = "320582";
  ASSERT_TRUE(SaveDraft(db.get(), county, "2026-09", "<p></p>", "%PDF-c", 0, {"a", ""}).ok());
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
  EXPECT_EQ((*status)[0].documents, (std::vector<int64_t>{2, 3}));
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
  EXPECT_EQ(QueryText(db.get(), "SELECT count(*) FROM report_documents"), "3");
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
