#include "ecociv/scoring/indicator_source.h"

#include <gtest/gtest.h>

namespace ecociv::scoring {
namespace {

indicators::IndicatorFigure Figure(const std::string& id, const std::string& owner,
                                   indicators::Verdict verdict, std::optional<Ratio> value = {}) {
  indicators::IndicatorFigure f;
  f.id = id;
  f.name_zh = id;
  f.owner = owner;
  f.verdict = verdict;
  f.value = value;
  if (value) f.value_text = FormatRounded(*value, 1);
  return f;
}

Item ItemFor(const std::string& indicator) {
  Item item;
  item.id = "x";
  item.indicator = indicator;
  return item;
}

class FixedSource : public ValueSource {
 public:
  std::optional<InputValue> Value(const std::string&, const Item& item, ValuePoint) const override {
    InputValue v;
    v.value = Ratio::Integer(7);
    v.origin = "fallback:" + item.id;
    return v;
  }
  std::vector<Event> Events(const std::string&, const std::string&) const override {
    return {Event{"2025-05-01", 2, "incident", "events.csv:2"}};
  }
};

TEST(IndicatorValueSource, OwnedShareCountAndValues) {
  using indicators::Verdict;
  std::vector<indicators::IndicatorFigure> figures = {
      Figure("a", "生态环境局", Verdict::kMet),
      Figure("b", "生态环境局;水务局", Verdict::kNotMet),
      Figure("c", "水务局、农业农村局", Verdict::kMet, Ratio::Of(925, 10)),
      Figure("d", "生态环境局；各镇（区、街道）", Verdict::kMet),
      Figure("e", "生态环境局", Verdict::kNoData),  // not judged: left out
  };
  std::vector<Subject> subjects = {{"D01", "生态环境局", "department"},
                                   {"D02", "水务局", "department"},
                                   {"D03", "统计局", "department"},
                                   {"T01", "杨舍镇", "town"}};
  FixedSource fallback;
  IndicatorValueSource source(figures, subjects, &fallback);
  auto share = source.Value("D01", ItemFor("owned_met_percent"), ValuePoint::kYear);
  ASSERT_TRUE(share);
  EXPECT_EQ(share->value, Ratio::Of(200, 3));  // a, d met; b not: 2 of 3
  EXPECT_EQ(share->origin, "indicators: a,b,d");
  auto unmet = source.Value("D02", ItemFor("owned_not_met_count"), ValuePoint::kYear);
  EXPECT_EQ(unmet->value, Ratio::Integer(1));
  // A department owning nothing judged: no data (the scheme's missing policy).
  EXPECT_FALSE(source.Value("D03", ItemFor("owned_met_percent"), ValuePoint::kYear));
  // "各镇…" gives every town the indicator.
  EXPECT_EQ(source.Value("T01", ItemFor("owned_met_percent"), ValuePoint::kYear)->value,
            Ratio::Integer(100));
  // A catalogue id: its exact value for its owners only; others fall back.
  EXPECT_EQ(source.Value("D02", ItemFor("c"), ValuePoint::kYear)->value, Ratio::Of(185, 2));
  EXPECT_EQ(source.Value("D01", ItemFor("c"), ValuePoint::kYear)->origin, "fallback:x");
  // Items without an indicator, and events, come from the fallback.
  EXPECT_EQ(source.Value("D01", ItemFor(""), ValuePoint::kYear)->origin, "fallback:x");
  EXPECT_EQ(source.Events("D01", "incident").size(), 1u);
}

}  // namespace
}  // namespace ecociv::scoring
