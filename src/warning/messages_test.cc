// The warning message catalogue: both languages of every code use the same
// placeholders, and rendering fills them.
#include "ecociv/warning/messages.h"

#include <gtest/gtest.h>

#include <set>

namespace ecociv::warning {
namespace {

std::set<std::string> Placeholders(const std::string& pattern) {
  std::set<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    names.insert(pattern.substr(open + 1, close - open - 1));
  }
  return names;
}

TEST(MessagesTest, CatalogueIsCompleteInBothLanguages) {
  const auto& catalogue = MessageCatalogue();
  ASSERT_GE(catalogue.size(), 20u);
  for (const MessageTemplate& t : catalogue) {
    EXPECT_FALSE(t.zh.empty()) << t.code;
    EXPECT_FALSE(t.en.empty()) << t.code;
    EXPECT_EQ(Placeholders(t.zh), Placeholders(t.en)) << t.code;
  }
}

TEST(MessagesTest, RendersChineseAndEnglish) {
  Message m{"month_below_target", {{"month", "IV"}, {"target", "III"}}};
  EXPECT_EQ(Render(m, Language::kZh), "当月水质IV类，劣于目标III类");
  EXPECT_EQ(Render(m, Language::kEn), "month IV below target III");
  Message n{"consecutive_below_target", {{"months", "2"}, {"target", "III"}}};
  EXPECT_EQ(RenderAll({m, n}, Language::kZh),
            "当月水质IV类，劣于目标III类；连续2个月劣于目标III类");
  EXPECT_EQ(RenderAll({m, n}, Language::kEn),
            "month IV below target III; 2 consecutive months below target III");
}

TEST(MessagesTest, EnglishTakesTheEnglishNameOfAPeriod) {
  Message m{"period_share",
            {{"period", "汛期"}, {"period_en", "flood season"}, {"item", "氨氮"}, {"share", "85"}}};
  EXPECT_EQ(Render(m, Language::kZh), "汛期期间从严：氨氮超过限值的85%即提示");
  EXPECT_EQ(Render(m, Language::kEn), "tightened during flood season: 氨氮 above 85% of the limit");
  // Without an English name the Chinese one stands.
  m.args[1].second = "";
  EXPECT_EQ(Render(m, Language::kEn), "tightened during 汛期: 氨氮 above 85% of the limit");
}

TEST(MessagesTest, MissingArgumentAndUnknownCodeStayVisible) {
  EXPECT_EQ(Render({"month_below_target", {{"month", "IV"}}}, Language::kEn),
            "month IV below target {target}");
  EXPECT_EQ(Render({"no-such-code", {}}, Language::kZh), "no-such-code");
}

}  // namespace
}  // namespace ecociv::warning
