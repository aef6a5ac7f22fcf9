#include "ecociv/scoring/saved_cards.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/indicators/indicator_store.h"

namespace ecociv::scoring {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;

const Actor kAnalyst{"analyst", "test"};
const Actor kLeader{"leader", "test"};

constexpr char kSavedCardsScheme[] = R"(
[scheme]
id = "mini"
name = "小方案"
name_en = "Mini"
subject_kind = "town"
total = 100

[[groups]]
id = "eco"
name = "生态"
points = 100

[[items]]
id = "air"
group = "eco"
name = "优良天数比例"
points = 100
rule = "linear"
floor = 60
target = 90

[[grades]]
name = "优秀"
name_en = "Excellent"
min_score = 90

[[grades]]
name = "合格"
name_en = "Pass"
)";

class SavedCards : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrDie(ScratchDir() + "/s.db");
    ASSERT_NE(db_, nullptr);
    scheme_ = *ParseScheme(kSavedCardsScheme, "mini.toml");
    ASSERT_TRUE(indicators::ImportUnits(db_.get(),
                                        "code,name,kind,contact,phone,note\n"
                                        "T01,东沙镇,town,,,\nT02,北港镇,town,,,\n"
                                        "T03,南湖镇,town,,,\n",
                                        "units.csv", kAnalyst)
                    .ok());
  }
  // Enters the year's values, scores, reviews and approves; the run's id.
  int64_t Approved(int year, const std::string& values) {
    auto n = ImportAssessmentValues(db_.get(), scheme_, year, "subject,item,value\n" + values,
                                    "v" + std::to_string(year) + ".csv", kAnalyst);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    auto run = CreateRun(db_.get(), scheme_, RunRequest{year, {}, 0}, kAnalyst);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_TRUE(ReviewRun(db_.get(), run->id, kAnalyst).ok());
    EXPECT_TRUE(ApproveRun(db_.get(), run->id, kLeader).ok());
    return run->id;
  }
  std::unique_ptr<store::Database> db_;
  Scheme scheme_;
};

TEST_F(SavedCards, CardShowsTheRunItsApprovalAndLastYearsRank) {
  int64_t last = Approved(2024, "T01,air,70\nT02,air,90\nT03,air,80\n");
  int64_t now = Approved(2025, "T01,air,88.5\nT02,air,75\nT03,air,81\n");
  auto card = SavedCard(db_.get(), now, "T01");
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_EQ(card->run->id, now);
  EXPECT_EQ(card->run->state, "approved");
  EXPECT_EQ(card->run->approved_by, "leader");
  EXPECT_EQ(card->subject.name, "东沙镇");
  EXPECT_EQ(*card->rank, 1);
  EXPECT_EQ(card->last_year->run, last);
  EXPECT_EQ(*card->last_rank, 3);
  EXPECT_EQ(*card->rank_change, 2);
  EXPECT_EQ(card->items[0].why.zh,
            "线性计分：实际 88.5，介于下限 60 与目标 90 之间，得 95.00 分（满分 100.00）");
  auto ranking = SavedRanking(db_.get(), now);
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ(ranking->rows[2].subject.id, "T02");
  EXPECT_EQ(*ranking->rows[2].rank_change, -2);
  auto id = ApprovedRunId(db_.get(), "mini", 2025);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, now);
  EXPECT_EQ(ApprovedRunId(db_.get(), "mini", 2023).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(SavedCard(db_.get(), now, "T09").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(SavedCard(db_.get(), 99, "T01").status().code(), StatusCode::kNotFound);
}

// A record changed behind the program's back no longer replays: no card.
TEST_F(SavedCards, ARecordThatDoesNotReplayIsRefused) {
  int64_t run = Approved(2025, "T01,air,88.5\nT02,air,75\nT03,air,81\n");
  ASSERT_TRUE(
      db_->Exec("UPDATE scoring_runs SET record = replace(record, '\"rank\": 1', '\"rank\": 2')")
          .ok());
  auto card = SavedCard(db_.get(), run, "T01");
  EXPECT_EQ(card.status().code(), StatusCode::kDataLoss) << card.status().ToString();
  EXPECT_NE(card.status().message().find("no longer replays"), std::string::npos);
}

TEST_F(SavedCards, APersonsCardCarriesTheTenureAndNoRank) {
  ASSERT_TRUE(ImportPeople(db_.get(),
                           "person,name,unit,post,tenure_start,tenure_end\n"
                           "P1,王某（示例）,T01,镇长,2021-03-01,2025-06-30\n",
                           "people.csv", kAnalyst)
                  .ok());
  std::string text = kSavedCardsScheme;
  text.replace(text.find("subject_kind = \"town\""), 21,
               "subject_kind = \"official\"\nperiod = \"tenure\"");
  Scheme audit = *ParseScheme(text, "audit.toml");
  ASSERT_TRUE(ImportAssessmentValues(db_.get(), audit, 2025, "subject,item,value\nP1,air,85\n",
                                     "v.csv", kAnalyst)
                  .ok());
  auto run = CreateRun(db_.get(), audit, RunRequest{2025, {"P1"}, 0}, kAnalyst);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  auto card = SavedCard(db_.get(), run->id, "P1");
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_FALSE(card->rank);
  EXPECT_EQ(card->run->state, "draft");
  ASSERT_TRUE(card->person);
  EXPECT_EQ(card->person->unit_name, "东沙镇");
  EXPECT_EQ(card->person->tenure_start, "2021-03-01");
}

}  // namespace
}  // namespace ecociv::scoring
