#include "ecociv/scoring/engine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "ecociv/scoring/run_log.h"
#include "ecociv/scoring/sensitivity.h"

namespace ecociv::scoring {
namespace {

Ratio R(int64_t num, int64_t den = 1) { return Ratio::Of(num, den); }

// A scheme of one or more groups; `body` holds groups, items and the rest,
// `grades` the grades (a default pass/fail pair).
Scheme MakeScheme(const std::string& body, int total = 10, const std::string& grades = "") {
  std::string text = "[scheme]\nid = \"t\"\nname = \"测试\"\ntotal = " + std::to_string(total) +
                     "\n\n" + body + "\n" +
                     (grades.empty() ? "[[grades]]\nname = \"合格\"\nmin_score = 6\n\n"
                                       "[[grades]]\nname = \"不合格\"\n"
                                     : grades);
  auto s = ParseScheme(text, "t.toml");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : Scheme();
}

std::string Group(const std::string& id, int points) {
  return "[[groups]]\nid = \"" + id + "\"\nname = \"" + id +
         "\"\npoints = " + std::to_string(points) + "\n\n";
}

std::string ItemToml(const std::string& id, const std::string& group, int points,
                 const std::string& rule) {
  return "[[items]]\nid = \"" + id + "\"\ngroup = \"" + group + "\"\nname = \"" + id +
         "\"\npoints = " + std::to_string(points) + "\n" + rule + "\n\n";
}

class Source : public CsvValueSource {
 public:
  Source& V(const std::string& subject, const std::string& key, int64_t scaled, int decimals = 0) {
    SetValue(subject, key,
             InputValue{Ratio::Scaled(scaled, decimals), std::to_string(scaled), "", "test"});
    return *this;
  }
  Source& E(const std::string& subject, const std::string& id, int64_t count) {
    AddEvent(subject, id, Event{"2025-05-01", count, "", "test"});
    return *this;
  }
};

std::vector<Subject> Subjects(std::initializer_list<const char*> ids) {
  std::vector<Subject> out;
  for (const char* id : ids) out.push_back({id, id, ""});
  return out;
}

Assessment Score(const Scheme& s, const Source& src, const std::vector<Subject>& subjects) {
  ScoringOptions o;
  o.year = 2025;
  auto a = ScoreScheme(s, subjects, src, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return *a;
}

Ratio Points(const Assessment& a, const std::string& subject, size_t item = 0) {
  return a.Find(subject)->items[item].points;
}

TEST(ScoringEngineTest, LinearBetweenFloorAndTarget) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                              "rule = \"linear\"\nfloor = 60\n"
                                              "target = 80"));
  Source src;
  src.V("lo", "a", 50).V("floor", "a", 60).V("mid", "a", 75).V("hit", "a", 80).V("hi", "a", 95);
  Assessment a = Score(s, src, Subjects({"lo", "floor", "mid", "hit", "hi"}));
  EXPECT_EQ(Points(a, "lo"), R(0));
  EXPECT_EQ(Points(a, "floor"), R(0));
  EXPECT_EQ(Points(a, "mid"), R(75, 10));
  EXPECT_EQ(Points(a, "hit"), R(10));
  EXPECT_EQ(Points(a, "hi"), R(10));
}

TEST(ScoringEngineTest, LinearLowerIsBetterRoundsItemPoints) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                              "rule = \"linear\"\n"
                                              "direction = \"lower\"\nfloor = 40\n"
                                              "target = 25"));
  Source src;
  src.V("x", "a", 30);  // (30 − 40)/(25 − 40) = 2/3 → 6.6667 at 4 decimals
  Assessment a = Score(s, src, Subjects({"x"}));
  EXPECT_EQ(Points(a, "x"), R(66667, 10000));
}

TEST(ScoringEngineTest, PerUnitUntilExhausted) {
  auto scheme = [](const std::string& units) {
    return MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                            "rule = \"per_unit\"\ndirection = \"lower\"\n"
                                            "target = 30\nper_unit = 2\nunits = \"" +
                                                units + "\""));
  };
  Source src;
  src.V("ok", "a", 30).V("short", "a", 325, 1).V("far", "a", 40);
  Assessment exact = Score(scheme("exact"), src, Subjects({"ok", "short", "far"}));
  EXPECT_EQ(Points(exact, "ok"), R(10));
  EXPECT_EQ(Points(exact, "short"), R(5));  // 2.5 units × 2 = 5 off
  EXPECT_EQ(Points(exact, "far"), R(0));    // 10 units × 2 = 20 off: exhausted, not negative
  EXPECT_NE(exact.Find("far")->items[0].reason.find("扣完为止"), std::string::npos);
  Assessment whole = Score(scheme("whole"), src, Subjects({"short"}));
  EXPECT_EQ(Points(whole, "short"), R(6));  // 2 whole units
  Assessment started = Score(scheme("started"), src, Subjects({"short"}));
  EXPECT_EQ(Points(started, "short"), R(4));  // 3 started units
}

TEST(ScoringEngineTest, MetOrNotMetAtTheEdge) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"met\"\ntarget = 100"));
  Source src;
  src.V("met", "a", 100).V("miss", "a", 99999, 3);
  Assessment a = Score(s, src, Subjects({"met", "miss"}));
  EXPECT_EQ(Points(a, "met"), R(10));
  EXPECT_EQ(Points(a, "miss"), R(0));
}

TEST(ScoringEngineTest, PointsByRankWithTies) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                              "rule = \"rank\"\nrank_points = [10, 8, 6]\n"
                                              "rank_rest = 1"));
  Source src;
  src.V("p", "a", 50).V("q", "a", 40).V("r", "a", 40).V("s", "a", 30).V("t", "a", 20);
  Assessment a = Score(s, src, Subjects({"p", "q", "r", "s", "t"}));
  EXPECT_EQ(Points(a, "p"), R(10));
  EXPECT_EQ(Points(a, "q"), R(8));  // tied second: both rank 2
  EXPECT_EQ(Points(a, "r"), R(8));
  EXPECT_EQ(Points(a, "s"), R(1));  // rank 4: beyond the table
  EXPECT_EQ(Points(a, "t"), R(1));
}

TEST(ScoringEngineTest, ManualScoreAndItsJustification) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\""));
  std::string path = testing::TempDir() + "manual.csv";
  std::ofstream(path) << "subject,item,value,note\nx,a,7.5,资料齐全\ny,a,8,\n";
  CsvValueSource src;
  Status st = src.ReadValues(path, s);
  EXPECT_EQ(st.message(), path + ":3: manual item 'a' needs a justification in the note column");
  std::ofstream(path) << "subject,item,value,note\nx,a,11,too much\n";
  EXPECT_EQ(src.ReadValues(path, s).message(),
            path + ":2: manual score 11 for 'a' is outside 0..10.00");
  std::ofstream(path) << "subject,item,value,note\nx,a,7.5,资料齐全\n";
  ASSERT_TRUE(src.ReadValues(path, s).ok());
  ScoringOptions o;
  auto a = ScoreScheme(s, Subjects({"x"}), src, o);
  EXPECT_EQ(a->results[0].items[0].points, R(75, 10));
}

TEST(ScoringEngineTest, ValuesFileErrorsKeepNothing) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"met\"\ntarget = 1"));
  std::string path = testing::TempDir() + "values.csv";
  CsvValueSource src;
  std::ofstream(path) << "subject,item,value\nx,a,1\nx,b,2\n";
  EXPECT_EQ(src.ReadValues(path, s).message(), path + ":3: unknown item 'b' in scheme t");
  EXPECT_TRUE(src.subjects_seen().empty());  // the good first row was not kept
  std::ofstream(path) << "subject,item,value\nx,a,1\nx,a,2\n";
  EXPECT_EQ(src.ReadValues(path, s).message(), path + ":3: second value for 'x' / 'a'");
  std::ofstream(path) << "subject,item,value\nx,a,1.0000001\n";
  EXPECT_EQ(src.ReadValues(path, s).message(),
            path + ":2: '1.0000001' is not a number with at most 6 decimals");
  std::ofstream(path) << "subject,item\n";
  EXPECT_EQ(src.ReadValues(path, s).message(), path + ":1: expected the header subject,item,value");
  std::ofstream(path) << "subject,item,value\nx,a@start,1\n";
  EXPECT_EQ(src.ReadValues(path, s).message(), path + ":2: item 'a' takes one value, not a@start");
}

TEST(ScoringEngineTest, EventsFileErrors) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"met\"\ntarget = 1") +
                        "[[deductions]]\nid = \"d\"\nname = \"扣\"\nper_event = 1\ncap = 3\n");
  std::string path = testing::TempDir() + "events.csv";
  CsvValueSource src;
  std::ofstream(path) << "subject,item,date,count,note\nx,d,2024-12-31,1,\n";
  EXPECT_EQ(src.ReadEvents(path, s, 2025).message(),
            path + ":2: event dated 2024-12-31 is outside the year 2025");
  std::ofstream(path) << "subject,item,date,count,note\nx,d,2025-01-31,0,\n";
  EXPECT_EQ(src.ReadEvents(path, s, 2025).message(), path + ":2: count must be a positive integer");
  std::ofstream(path) << "subject,item,date,count,note\nx,e,2025-01-31,1,\n";
  EXPECT_EQ(src.ReadEvents(path, s, 2025).message(),
            path + ":2: unknown deduction, bonus or veto 'e' in scheme t");
}

std::string DeductionScheme() {
  return Group("g", 6) + Group("h", 4) + ItemToml("a", "g", 6, "rule = \"manual\"") +
         ItemToml("b", "h", 4, "rule = \"manual\"") +
         "[[deductions]]\nid = \"d\"\ngroup = \"g\"\nname = \"扣\"\nper_event = 2\ncap = 5\n\n"
         "[[deductions]]\nid = \"u\"\nname = \"总扣\"\nper_event = 3\ncap = 30\n\n";
}

TEST(ScoringEngineTest, DeductionCapsAndGroupFloor) {
  Scheme s = MakeScheme(DeductionScheme());
  Source src;
  for (const char* x : {"two", "cap", "over", "floor", "total"}) src.V(x, "a", 6).V(x, "b", 4);
  src.V("floor", "a", 1);  // group g holds only 1 point
  src.E("two", "d", 2).E("cap", "d", 3).E("over", "d", 4).E("floor", "d", 1);
  src.E("total", "u", 5);
  Assessment a = Score(s, src, Subjects({"two", "cap", "over", "floor", "total"}));
  EXPECT_EQ(a.Find("two")->total, R(6));             // 2 × 2 = 4 off
  EXPECT_EQ(a.Find("cap")->total, R(5));             // 3 × 2 = 6, capped at 5
  EXPECT_EQ(a.Find("over")->total, R(5));            // 8, capped at 5
  EXPECT_EQ(a.Find("floor")->groups.at("g"), R(0));  // 2 off a 1-point group: stops at 0
  EXPECT_EQ(a.Find("floor")->deduction_total, R(1));
  EXPECT_EQ(a.Find("floor")->total, R(4));
  EXPECT_EQ(a.Find("total")->total, R(0));  // 15 off 10: the total stops at 0
}

std::string BonusScheme(const std::string& share) {
  return Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\"") +
         "[[bonuses]]\nid = \"b1\"\nname = \"加\"\nper_event = 2\ncap = 3\n\n"
         "[[bonuses]]\nid = \"b2\"\nname = \"加二\"\nper_event = 1\ncap = 5\n\n"
         "[bonus]\ntotal_cap = 4\nmax_share = \"" +
         share + "\"\n\n";
}

TEST(ScoringEngineTest, BonusCapsPerItemAndTotal) {
  Scheme s = MakeScheme(BonusScheme("1"));
  Source src;
  for (const char* x : {"one", "item_cap", "total_cap"}) src.V(x, "a", 5);
  src.E("one", "b1", 1).E("item_cap", "b1", 2).E("total_cap", "b1", 2).E("total_cap", "b2", 3);
  Assessment a = Score(s, src, Subjects({"one", "item_cap", "total_cap"}));
  EXPECT_EQ(a.Find("one")->bonus_total, R(2));
  EXPECT_EQ(a.Find("item_cap")->bonus_total, R(3));   // 4, capped per item at 3
  EXPECT_EQ(a.Find("total_cap")->bonus_total, R(4));  // 3 + 3, capped in total at 4
  EXPECT_EQ(a.Find("total_cap")->total, R(9));
}

TEST(ScoringEngineTest, BonusQuotaAtItsEdge) {
  // 0.4 × 5 subjects = 2 bonuses at most.
  Scheme s = MakeScheme(BonusScheme("0.4"));
  Source src;
  for (const char* x : {"p", "q", "r", "s", "t"}) src.V(x, "a", 5);
  src.E("p", "b1", 2).E("q", "b1", 1).E("r", "b2", 1);  // wants 3, 2, 1
  Assessment a = Score(s, src, Subjects({"p", "q", "r", "s", "t"}));
  EXPECT_EQ(a.Find("p")->bonus_total, R(3));
  EXPECT_EQ(a.Find("q")->bonus_total, R(2));
  EXPECT_EQ(a.Find("r")->bonus_total, R(0));  // third: over the quota
  // A tie straddling the quota edge is refused as a whole.
  Source tie;
  for (const char* x : {"p", "q", "r", "s", "t"}) tie.V(x, "a", 5);
  tie.E("p", "b1", 2).E("q", "b1", 1).E("r", "b1", 1);  // wants 3, 2, 2
  Assessment b = Score(s, tie, Subjects({"p", "q", "r", "s", "t"}));
  EXPECT_EQ(b.Find("p")->bonus_total, R(3));
  EXPECT_EQ(b.Find("q")->bonus_total, R(0));
  EXPECT_EQ(b.Find("r")->bonus_total, R(0));
}

TEST(ScoringEngineTest, OneVoteVetoForcesTheLowestGrade) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\"") +
                        "[[vetoes]]\nid = \"fraud\"\nname = \"数据造假\"\n\n"
                        "[[vetoes]]\nid = \"twice\"\nname = \"两次\"\nmin_count = 2\n\n");
  Source src;
  src.V("x", "a", 10).V("y", "a", 10).V("z", "a", 10);
  src.E("x", "fraud", 1).E("y", "twice", 1);
  Assessment a = Score(s, src, Subjects({"x", "y", "z"}));
  EXPECT_EQ(a.Find("x")->grade, "不合格");
  EXPECT_EQ(a.Find("x")->vetoes, std::vector<std::string>{"fraud"});
  EXPECT_EQ(a.Find("x")->rank, 3);        // after every subject not vetoed (the default)
  EXPECT_EQ(a.Find("x")->total, Ratio::Integer(10));  // the score stands
  EXPECT_EQ(a.Find("y")->grade, "合格");  // one event, two needed
  EXPECT_EQ(a.Find("y")->rank, 1);
}

TEST(ScoringEngineTest, AVetoedSubjectCanKeepTheRankOfItsTotal) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\"") +
                        "[[vetoes]]\nid = \"fraud\"\nname = \"数据造假\"\n\n");
  s.veto_rank = VetoRank::kAsScored;
  Source src;
  src.V("x", "a", 10).V("y", "a", 9);
  src.E("x", "fraud", 1);
  Assessment a = Score(s, src, Subjects({"x", "y"}));
  EXPECT_EQ(a.Find("x")->rank, 1);
  EXPECT_EQ(a.Find("x")->grade, "不合格");
}

TEST(ScoringEngineTest, QuotaCountsRoundAsTheSchemeSays) {
  Ratio fifteen = Ratio::Of(15, 100), fifth = Ratio::Of(1, 5), half = Ratio::Of(1, 2);
  EXPECT_EQ(QuotaCount(fifteen, 3, QuotaRounding::kFloor), 0);
  EXPECT_EQ(QuotaCount(fifteen, 3, QuotaRounding::kAtLeastOne), 1);
  EXPECT_EQ(QuotaCount(fifteen, 3, QuotaRounding::kRound), 0);  // 0.45
  EXPECT_EQ(QuotaCount(fifth, 4, QuotaRounding::kRound), 1);    // 0.8
  EXPECT_EQ(QuotaCount(half, 5, QuotaRounding::kRound), 3);     // 2.5: halves up
  EXPECT_EQ(QuotaCount(fifth, 20, QuotaRounding::kAtLeastOne), 4);
  EXPECT_EQ(QuotaCount(Ratio(), 20, QuotaRounding::kAtLeastOne), 0);  // no share, no quota
  EXPECT_EQ(QuotaCount(fifth, 0, QuotaRounding::kAtLeastOne), 0);
}

const char kGrades[] = R"([[grades]]
name = "优秀"
min_score = 9
max_rank = 2
max_share = "0.5"

[[grades]]
name = "良好"
min_score = 8

[[grades]]
name = "一般"
)";

TEST(ScoringEngineTest, GradesByScoreRankAndQuota) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\""), 10, kGrades);
  Source src;
  src.V("p", "a", 10).V("q", "a", 95, 1).V("r", "a", 9).V("t", "a", 7);
  Assessment a = Score(s, src, Subjects({"p", "q", "r", "t"}));
  EXPECT_EQ(a.Find("p")->grade, "优秀");
  EXPECT_EQ(a.Find("q")->grade, "优秀");
  EXPECT_EQ(a.Find("r")->grade, "良好");  // ≥ 9 but rank 3
  EXPECT_EQ(a.Find("t")->grade, "一般");
}

TEST(ScoringEngineTest, GradeQuotaTieAtTheEdgeIsRefused) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\""), 10, kGrades);
  Source src;  // quota 0.5 × 4 = 2; three tied at rank 1
  src.V("p", "a", 10).V("q", "a", 10).V("r", "a", 10).V("t", "a", 7);
  Assessment a = Score(s, src, Subjects({"p", "q", "r", "t"}));
  EXPECT_EQ(a.Find("p")->grade, "良好");
  EXPECT_NE(a.Find("p")->grade_reason.find("quota 2 would be exceeded"), std::string::npos);
}

TEST(ScoringEngineTest, RanksShareTies) {
  EXPECT_EQ(CompetitionRanks({R(90), R(80), R(80), R(70)}), (std::vector<int>{1, 2, 2, 4}));
  EXPECT_EQ(CompetitionRanks({R(5), R(5), R(5)}), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(CompetitionRanks({R(1, 3), R(333333, 1000000)}), (std::vector<int>{1, 2}));
}

std::string MissingScheme(const std::string& policy) {
  return Group("g", 6) + Group("h", 4) +
         ItemToml("a", "g", 4, "rule = \"manual\"\nmissing = \"" + policy + "\"\nminimum = 1") +
         ItemToml("b", "g", 2, "rule = \"manual\"") + ItemToml("c", "h", 4, "rule = \"manual\"");
}

TEST(ScoringEngineTest, MissingScoresZero) {
  Source src;
  src.V("x", "b", 1).V("x", "c", 4);
  Assessment a = Score(MakeScheme(MissingScheme("zero")), src, Subjects({"x"}));
  EXPECT_EQ(a.results[0].items[0].outcome, ItemOutcome::kMissingZero);
  EXPECT_EQ(a.results[0].total, R(5));
}

TEST(ScoringEngineTest, MissingScoresTheMinimum) {
  Source src;
  src.V("x", "b", 1).V("x", "c", 4);
  Assessment a = Score(MakeScheme(MissingScheme("minimum")), src, Subjects({"x"}));
  EXPECT_EQ(a.results[0].items[0].outcome, ItemOutcome::kMissingMinimum);
  EXPECT_EQ(a.results[0].items[0].points, R(1));
  EXPECT_EQ(a.results[0].total, R(6));
}

TEST(ScoringEngineTest, MissingIsDroppedAndReweighted) {
  Source src;
  src.V("x", "b", 1).V("x", "c", 4);  // b: half of its 2 points
  Assessment a = Score(MakeScheme(MissingScheme("drop")), src, Subjects({"x"}));
  const SubjectResult& r = a.results[0];
  EXPECT_EQ(r.items[0].outcome, ItemOutcome::kMissingDropped);
  EXPECT_EQ(r.items[0].max_points, R(0));
  EXPECT_EQ(r.items[1].max_points, R(6));  // b carries the whole group now
  EXPECT_EQ(r.items[1].points, R(3));
  EXPECT_EQ(r.total, R(7));
}

TEST(ScoringEngineTest, WholeGroupDroppedSpreadsOverTheOtherGroups) {
  Scheme s = MakeScheme(Group("g", 6) + Group("h", 4) +
                        ItemToml("a", "g", 6, "rule = \"manual\"\nmissing = \"drop\"") +
                        ItemToml("c", "h", 4, "rule = \"manual\""));
  Source src;
  src.V("x", "c", 3);
  Assessment a = Score(s, src, Subjects({"x"}));
  EXPECT_EQ(a.results[0].items[1].max_points, R(10));
  EXPECT_EQ(a.results[0].items[1].points, R(75, 10));
}

TEST(ScoringEngineTest, ChangeOverATenure) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                              "rule = \"linear\"\nbasis = "
                                              "\"change\"\nfloor = 0\ntarget = 4"));
  Source src;
  src.V("x", "a@start", 30).V("x", "a@end", 33).V("y", "a@start", 30);
  Assessment a = Score(s, src, Subjects({"x", "y"}));
  EXPECT_EQ(*a.Find("x")->items[0].value, R(3));
  EXPECT_EQ(Points(a, "x"), R(75, 10));
  EXPECT_EQ(a.Find("y")->items[0].outcome, ItemOutcome::kMissingZero);  // no end value
}

Scheme DemoLikeScheme() {
  return MakeScheme(DeductionScheme() + "[[vetoes]]\nid = \"v\"\nname = \"否决\"\n\n");
}

Source DemoLikeSource() {
  Source src;
  src.V("x", "a", 5).V("x", "b", 4).V("y", "a", 6).V("y", "b", 2).V("z", "a", 3);
  src.E("x", "d", 1).E("z", "v", 1);
  return src;
}

TEST(ScoringRunRecordTest, ReplaysToTheSameResult) {
  Scheme s = DemoLikeScheme();
  s.origin = "test";
  Assessment a = Score(s, DemoLikeSource(), Subjects({"x", "y", "z"}));
  std::string record = RunRecordJson(a);
  auto report = ReplayRunRecord(record, "run.json");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->subjects, 3);
  EXPECT_TRUE(report->differences.empty());
  // A tampered input is caught.
  std::string tampered = record;
  size_t at = tampered.find("\"value\": \"5.000000\"", tampered.find("\"replay\""));
  ASSERT_NE(at, std::string::npos);
  tampered.replace(at, 19, "\"value\": \"6.000000\"");
  auto changed = ReplayRunRecord(tampered, "run.json");
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->differences.empty());
  EXPECT_EQ(changed->differences[0], "x: total 7.0000 recorded, 8.0000 recomputed");
}

TEST(ScoringRunRecordTest, ExplainShowsEveryPhase) {
  Scheme s = DemoLikeScheme();  // must outlive the Assessment
  Assessment a = Score(s, DemoLikeSource(), Subjects({"x", "y", "z"}));
  std::string text = ExplainSubject(a, "x");
  for (const char* phase : {"[input] x a: a = 5", "[normalise] x a:", "[deduct] x d:",
                            "[aggregate] x:", "[rank] x:", "[grade] x:"}) {
    EXPECT_NE(text.find(phase), std::string::npos) << phase << "\n" << text;
  }
  EXPECT_EQ(text.find(" y "), std::string::npos);  // only x's lines
  auto from_record = ExplainRunRecord(RunRecordJson(a), "run.json", "x");
  ASSERT_TRUE(from_record.ok());
  EXPECT_EQ(*from_record, text);
  EXPECT_NE(ExplainSubject(a, "z").find("one-vote veto"), std::string::npos);
}

TEST(ScoringRunRecordTest, RejectsOtherJson) {
  auto r = ReplayRunRecord("{\"format\": \"x\"}", "f.json");
  EXPECT_EQ(r.status().message(), "f.json: not an ecociv scoring run record (version 1)");
  EXPECT_EQ(ReplayRunRecord("[", "f.json").status().code(), StatusCode::kInvalidArgument);
}

TEST(ScoringSensitivityTest, DeterministicWithASeed) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 5, "rule = \"manual\"") +
                        ItemToml("b", "g", 5, "rule = \"manual\""));
  Source src;
  src.V("x", "a", 5).V("x", "b", 1).V("y", "a", 1).V("y", "b", 5).V("z", "a", 2).V("z", "b", 2);
  SensitivityOptions o;
  o.runs = 200;
  o.seed = 42;
  auto first = RankSensitivity(s, Subjects({"x", "y", "z"}), src, 2025, o);
  auto second = RankSensitivity(s, Subjects({"x", "y", "z"}), src, 2025, o);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_EQ(first->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*first)[i].subject, (*second)[i].subject);
    EXPECT_EQ((*first)[i].best_rank, (*second)[i].best_rank);
    EXPECT_EQ((*first)[i].worst_rank, (*second)[i].worst_rank);
    EXPECT_EQ((*first)[i].share_at_base, (*second)[i].share_at_base);
  }
  // x and y tie at 6 with equal weights; moving the weights separates them.
  EXPECT_EQ((*first)[0].base_rank, 1);
  EXPECT_EQ((*first)[0].worst_rank, 2);
  EXPECT_EQ((*first)[2].subject, "z");
  EXPECT_EQ((*first)[2].best_rank, 3);
  o.spread_percent = 0;  // no variation: every interval is the base rank
  auto fixed = RankSensitivity(s, Subjects({"x", "y", "z"}), src, 2025, o);
  for (const RankInterval& r : *fixed) {
    EXPECT_EQ(r.best_rank, r.base_rank);
    EXPECT_EQ(r.worst_rank, r.base_rank);
    EXPECT_EQ(r.share_at_base, 1.0);
  }
}

// How the indicators subsystem plugs in: a ValueSource keyed by the catalogue
// id each item names (`indicator`), with the record it came from as origin.
class IndicatorSource : public ValueSource {
 public:
  std::optional<InputValue> Value(const std::string& subject, const struct Item& item,
                                  ValuePoint point) const override {
    if (item.indicator != "pm25_annual_mean" || point != ValuePoint::kYear) return std::nullopt;
    return InputValue{subject == "x" ? R(28) : R(33), subject == "x" ? "28" : "33", "",
                      "store: indicator_values id 42"};
  }
  std::vector<Event> Events(const std::string&, const std::string&) const override { return {}; }
};

TEST(ScoringEngineTest, AnyValueSourceFeedsTheEngine) {
  Scheme s =
      MakeScheme(Group("g", 10) + ItemToml("a", "g", 10,
                                       "indicator = \"pm25_annual_mean\"\nrule = \"per_unit\"\n"
                                       "direction = \"lower\"\ntarget = 30\nper_unit = 1"));
  IndicatorSource source;
  auto a = ScoreScheme(s, Subjects({"x", "y"}), source, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->Find("x")->items[0].points, R(10));
  EXPECT_EQ(a->Find("y")->items[0].points, R(7));
  EXPECT_NE(ExplainSubject(*a, "y").find("[store: indicator_values id 42]"), std::string::npos);
}

TEST(ScoringEngineTest, RejectsDuplicateSubjects) {
  Scheme s = MakeScheme(Group("g", 10) + ItemToml("a", "g", 10, "rule = \"manual\""));
  Source src;
  auto a = ScoreScheme(s, Subjects({"x", "x"}), src, {});
  EXPECT_EQ(a.status().message(), "duplicate subject x");
}

}  // namespace
}  // namespace ecociv::scoring
