// Golden cases a reviewer can check by hand (tests/golden/scoring/*.expected):
// the GDI efficacy-coefficient scaling, and a 100-point scheme with every
// point rule, deductions, bonuses with caps and a quota, a veto and grades.
#include <gtest/gtest.h>

#include <sstream>

#include "ecociv/core/text_input.h"
#include "ecociv/scoring/engine.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring {
namespace {

const std::string kDir = "tests/golden/scoring/";

std::string Render(const Assessment& a) {
  std::string out;
  for (const SubjectResult& r : a.results) {
    for (const ItemResult& i : r.items) {
      out += r.subject.id + " " + i.item + " " + ItemOutcomeName(i.outcome) + " " +
             FormatRounded(i.points, 6) + "\n";
    }
    out += r.subject.id + " total " + FormatRounded(r.total, 6) + " rank " +
           std::to_string(r.rank) + "\n";
  }
  return out;
}

std::string WithoutComments(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out += line + "\n";
  }
  return out;
}

// Per subject: items, group scores, adjustments, total, rank and grade.
std::string RenderFull(const Assessment& a) {
  std::string out;
  for (const SubjectResult& r : a.results) {
    for (const ItemResult& i : r.items) {
      out += r.subject.id + " " + i.item + " " + ItemOutcomeName(i.outcome) + " " +
             FormatRounded(i.points, 4) + "\n";
    }
    out += r.subject.id + " groups";
    for (const Group& g : a.scheme->groups) {
      out += " " + g.id + " " + FormatRounded(r.groups.at(g.id), 4);
    }
    std::string vetoes;
    for (const std::string& v : r.vetoes) vetoes += (vetoes.empty() ? "" : ",") + v;
    out += "\n" + r.subject.id + " deductions " + FormatRounded(r.deduction_total, 4) + " bonus " +
           FormatRounded(r.bonus_total, 4) + " vetoes " + (vetoes.empty() ? "-" : vetoes) + "\n";
    out += r.subject.id + " total " + FormatRounded(r.total, 4) + " rank " +
           std::to_string(r.rank) + " grade " + r.grade + "\n";
  }
  return out;
}

TEST(ScoringGoldenTest, PointsSmallHandComputed) {
  auto scheme = LoadScheme(kDir + "points-small.toml", "");
  ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
  CsvValueSource source;
  ASSERT_TRUE(source.ReadValues(kDir + "points-small-values.csv", *scheme).ok());
  Status events = source.ReadEvents(kDir + "points-small-events.csv", *scheme, 2025);
  ASSERT_TRUE(events.ok()) << events.ToString();
  std::vector<Subject> subjects;
  for (const char* id : {"P", "Q", "R", "S"}) subjects.push_back({id, id, "town"});
  ScoringOptions options;
  options.year = 2025;
  auto a = ScoreScheme(*scheme, subjects, source, options);
  ASSERT_TRUE(a.ok());
  auto expected = ReadTextFile(kDir + "points-small.expected");
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(RenderFull(*a), WithoutComments(*expected));
}

TEST(ScoringGoldenTest, GdiSmallHandComputed) {
  auto scheme = LoadScheme(kDir + "gdi-small.toml", "");
  ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
  CsvValueSource source;
  ASSERT_TRUE(source.ReadValues(kDir + "gdi-small-values.csv", *scheme).ok());
  std::vector<Subject> subjects = {
      {"A", "A", "county"}, {"B", "B", "county"}, {"C", "C", "county"}};
  auto a = ScoreScheme(*scheme, subjects, source, {});
  ASSERT_TRUE(a.ok());
  auto expected = ReadTextFile(kDir + "gdi-small.expected");
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(Render(*a), WithoutComments(*expected));
}

}  // namespace
}  // namespace ecociv::scoring
