#include "ecociv/scoring/demo_store.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/scoring/saved_cards.h"

namespace ecociv::scoring {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;

TEST(ScoringDemo, ApprovedRunsForTwoYearsAndADepartureAuditWithFindings) {
  auto db = OpenOrDie(ScratchDir() + "/demo.db");
  ASSERT_NE(db, nullptr);
  const Actor actor{"demo", "demo"};
  EXPECT_EQ(LoadScoringDemo(db.get(), "2026-03-01", actor).status().code(),
            StatusCode::kFailedPrecondition);  // no units yet
  ASSERT_TRUE(indicators::LoadDemoCity(db.get(), actor).ok());
  auto demo = LoadScoringDemo(db.get(), "2026-03-01", actor);
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  ASSERT_EQ(demo->approved.size(), 4u);
  for (int64_t id : demo->approved) {
    auto run = LoadRun(db.get(), id);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->info.state, RunState::kApproved);
    EXPECT_EQ(run->info.approved_by, "demo-leader");
  }
  // 2025's town ranking shows the change against 2024.
  auto ranking = SavedRanking(db.get(), demo->approved[1]);
  ASSERT_TRUE(ranking.ok()) << ranking.status().ToString();
  ASSERT_EQ(ranking->rows.size(), 11u);
  ASSERT_TRUE(ranking->last_year);
  EXPECT_EQ(ranking->last_year->year, 2024);
  int moved = 0;
  for (const RankingRow& row : ranking->rows) moved += row.rank_change.value_or(0) != 0;
  EXPECT_GT(moved, 0);
  EXPECT_TRUE(ranking->rows.back().vetoed);
  // The departure audit: the tenure on the card, no rank.
  auto card = SavedCard(db.get(), demo->departure_audit, kDemoDepartingPerson);
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_FALSE(card->rank);
  EXPECT_EQ(card->person->tenure_end, "2025-06-30");
  EXPECT_NE(card->subject.name.find("SYNTHETIC"), std::string::npos);
  auto findings = ListFindings(db.get(), demo->departure_audit, "", "2026-03-01");
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->size(), 3u);
  EXPECT_EQ((*findings)[0].status, "closed");
  EXPECT_FALSE((*findings)[1].overdue);
  EXPECT_EQ((*findings)[1].status, "open");
  EXPECT_TRUE((*findings)[2].overdue);
  auto problems = VerifyAssessments(db.get());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << problems->front();
  EXPECT_EQ(LoadScoringDemo(db.get(), "2026-03-01", actor).status().code(),
            StatusCode::kFailedPrecondition);  // only into a store without runs
}

}  // namespace
}  // namespace ecociv::scoring
