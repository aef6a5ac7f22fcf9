// Golden case: the GDI efficacy-coefficient scaling on a small example that a
// reviewer can check by hand (tests/golden/scoring/gdi-small.expected).
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

TEST(GoldenTest, GdiSmallHandComputed) {
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
