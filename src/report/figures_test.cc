#include "ecociv/report/figures.h"

#include <gtest/gtest.h>

namespace ecociv::report {
namespace {

ReportProfile Profile(ChangeBasis basis) {
  auto p = LoadProfile("yearly");
  EXPECT_TRUE(p.ok());
  p->basis = basis;
  return *p;
}

Ratio R(int64_t num, int64_t den) { return Ratio::Of(num, den); }

TEST(FiguresTest, RoundsOnceHalfToEven) {
  EXPECT_EQ(Publish(R(3005, 100), 1).text, "30.0");      // 30.05 → 30.0 (even)
  EXPECT_EQ(Publish(R(3015, 100), 1).text, "30.2");      // 30.15 → 30.2 (even)
  EXPECT_EQ(Publish(R(300501, 10000), 1).text, "30.1");  // a 5 followed by a 1 rounds up
  // No double rounding: 2.449 is 2.4, never 2.45 → 2.5.
  EXPECT_EQ(Publish(R(2449, 1000), 1).text, "2.4");
  EXPECT_EQ(Publish(R(2, 3), 2).text, "0.67");
}

TEST(FiguresTest, ChangeFromThePublishedFigures) {
  // The seed city: PM2.5 30.0 against 33.6 is −10.7 %, whatever the exact means.
  Published now = Publish(R(29981, 1000), 1);     // 29.981 → 30.0
  Published before = Publish(R(33649, 1000), 1);  // 33.649 → 33.6
  auto published = ChangeOf(now, before, ChangeKind::kPercent, Profile(ChangeBasis::kPublished));
  ASSERT_TRUE(published);
  EXPECT_EQ(published->signed_text, "-10.7");
  EXPECT_EQ(published->direction, -1);
  EXPECT_EQ(ChangeWords(*published, Profile(ChangeBasis::kPublished), Lang::kZh), "同比下降10.7%");
  EXPECT_EQ(ChangeWords(*published, Profile(ChangeBasis::kPublished), Lang::kEn),
            "fell 10.7% year on year");
  EXPECT_EQ(ChangeCell(*published, Profile(ChangeBasis::kPublished), Lang::kZh), "下降10.7%");
  // From the exact values: (29.981 − 33.649)/33.649 = −10.90 %.
  auto exact = ChangeOf(now, before, ChangeKind::kPercent, Profile(ChangeBasis::kExact));
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->signed_text, "-10.9");
}

TEST(FiguresTest, PointsAndFlat) {
  ReportProfile p = Profile(ChangeBasis::kPublished);
  auto up = ChangeOf(Publish(R(838, 10), 1), Publish(R(817, 10), 1), ChangeKind::kPoints, p);
  ASSERT_TRUE(up);
  EXPECT_EQ(ChangeWords(*up, p, Lang::kZh), "同比上升2.1个百分点");
  EXPECT_EQ(ChangeWords(*up, p, Lang::kEn), "rose 2.1 percentage points year on year");
  // 30.04 and 29.96 both print 30.0: the published change is zero, 持平.
  auto flat = ChangeOf(Publish(R(3004, 100), 1), Publish(R(2996, 100), 1), ChangeKind::kPercent, p);
  ASSERT_TRUE(flat);
  EXPECT_EQ(flat->direction, 0);
  EXPECT_EQ(ChangeWords(*flat, p, Lang::kZh), "同比持平");
  EXPECT_EQ(ChangeWords(*flat, p, Lang::kEn), "unchanged year on year");
  // A zero base has no percent change.
  EXPECT_FALSE(ChangeOf(Publish(R(1, 1), 1), Publish(R(0, 1), 1), ChangeKind::kPercent, p));
}

}  // namespace
}  // namespace ecociv::report
