// Water periods: the built-in file, and the notice overrides a period holds
// (parsed with file:line errors; which period holds for a section on a day).
#include "ecociv/water/periods.h"

#include <gtest/gtest.h>

namespace ecociv::water {
namespace {

constexpr char kHead[] =
    "[[flood_season]]\ncity = \"c\"\nfrom = \"06-01\"\nto = \"09-30\"\n"
    "notice = [{ kind = \"approaching_limit\", share_percent = 80 }]\n"
    "[[campaign]]\nid = \"k\"\nname = \"保Ⅲ消劣攻坚\"\nname_en = \"campaign\"\n"
    "from = \"2025-10-01\"\nto = \"2026-06-30\"\n"
    "baseline_from = \"2025-04-01\"\nbaseline_to = \"2025-09-30\"\nsections = [\"A\"]\n";

TEST(WaterPeriodsTest, BuiltInPeriodsTightenNotices) {
  auto p = LoadWaterPeriods("");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_FALSE(p->flood_seasons.empty());
  EXPECT_FALSE(p->flood_seasons[0].notice.empty());
  ASSERT_FALSE(p->campaigns.empty());
  EXPECT_FALSE(p->campaigns[0].notice.empty());
}

TEST(WaterPeriodsTest, CampaignFirstThenFloodSeason) {
  auto p = ParseWaterPeriods(std::string(kHead) +
                                 "notice = [{ kind = \"rising_trend\", samples = 4 }]\n",
                             "p.toml");
  ASSERT_TRUE(p.ok()) << p.status().message();
  const Campaign& c = p->campaigns[0];
  ASSERT_EQ(c.notice.size(), 1u);
  EXPECT_EQ(c.notice[0].samples, 4);
  EXPECT_EQ(p->flood_seasons[0].notice[0].basis, "sample");
  EXPECT_EQ(p->flood_seasons[0].notice[0].share_percent, 80);
  // In June both hold for A: the campaign wins; for B only the flood season.
  DayNumber june = DaysFromCivil({2026, 6, 15});
  EXPECT_EQ(p->NoticePeriod("A", june).name, "保Ⅲ消劣攻坚");
  EXPECT_EQ(p->NoticePeriod("A", june).name_en, "campaign");
  EXPECT_EQ(p->NoticePeriod("B", june).name, "汛期");
  EXPECT_EQ(p->NoticePeriod("B", june).name_en, "flood season");
  EXPECT_EQ(p->NoticePeriod("B", DaysFromCivil({2026, 5, 31})).notice, nullptr);
  EXPECT_EQ(p->NoticePeriod("A", DaysFromCivil({2026, 7, 1})).name, "汛期");
}

TEST(WaterPeriodsTest, BadOverridesNameFileAndLine) {
  struct Case {
    const char* notice;
    const char* error;
  };
  const Case cases[] = {
      {"notice = [{ kind = \"up\", samples = 4 }]",
       "p.toml:15: notice: kind must be approaching_limit or rising_trend: 'up'"},
      {"notice = [{ kind = \"rising_trend\", samples = 2 }]",
       "p.toml:15: notice: samples must be 3..60"},
      {"notice = [{ kind = \"rising_trend\", share_percent = 80 }]",
       "p.toml:15: notice: share_percent is not a field of rising_trend"},
      {"notice = [{ kind = \"approaching_limit\", basis = \"week\", share_percent = 80 }]",
       "p.toml:15: notice: basis must be sample, month_mean or ytd_mean"},
      {"notice = [{ kind = \"approaching_limit\" }]", "p.toml:15: notice: nothing is tightened"},
      {"notice = [{ kind = \"rising_trend\", window = 4 }]",
       "p.toml:15: notice: unknown field 'window'"},
      {"notice = \"x\"", "p.toml:15: notice must be a list of tables"},
  };
  for (const Case& c : cases) {
    auto p = ParseWaterPeriods(std::string(kHead) + c.notice + "\n", "p.toml");
    ASSERT_FALSE(p.ok()) << c.notice;
    EXPECT_EQ(p.status().message(), c.error) << c.notice;
  }
}

}  // namespace
}  // namespace ecociv::water
