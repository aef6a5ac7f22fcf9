// The scoring files against hostile text: a huge field in the input files
// (values, events, subjects) is quoted short in errors, and a subject name
// that a spreadsheet would run as a formula is written as text in the ranking.
#include <gtest/gtest.h>

#include <fstream>

#include "ecociv/scoring/engine.h"
#include "ecociv/scoring/inputs.h"
#include "ecociv/scoring/report.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring {
namespace {

const std::string kHuge(4 << 20, 'z');

void ExpectShort(const Status& status) {
  ASSERT_FALSE(status.ok());
  EXPECT_LT(status.message().size(), 400u) << status.message().substr(0, 400);
  EXPECT_NE(status.message().find(" bytes)"), std::string::npos) << status.message().substr(0, 400);
}

std::string Write(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

StatusOr<Scheme> TestScheme() {
  return ParseScheme(
      "[scheme]\nid = \"t\"\nname = \"测试\"\ntotal = 10\n\n"
      "[[groups]]\nid = \"g\"\nname = \"g\"\npoints = 10\n\n"
      "[[items]]\nid = \"a\"\ngroup = \"g\"\nname = \"a\"\npoints = 10\nrule = \"met\"\n"
      "target = 1\n\n"
      "[[deductions]]\nid = \"d\"\nname = \"扣\"\nper_event = 1\ncap = 3\n\n"
      "[[grades]]\nname = \"合格\"\nmin_score = 6\n\n[[grades]]\nname = \"不合格\"\n",
      "t.toml");
}

TEST(ScoringHostileText, HugeFieldsAreQuotedShort) {
  auto scheme = TestScheme();
  ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
  CsvValueSource values;
  ExpectShort(
      values.ReadValues(Write("v1.csv", "subject,item,value\nx,a,9" + kHuge + "\n"), *scheme));
  ExpectShort(
      values.ReadValues(Write("v2.csv", "subject,item,value\nx,b" + kHuge + ",1\n"), *scheme));
  ExpectShort(values.ReadEvents(
      Write("e1.csv", "subject,item,date,count,note\nx,d,2025-01-" + kHuge + ",1,\n"), *scheme,
      2025));
  ExpectShort(values.ReadEvents(
      Write("e2.csv", "subject,item,date,count,note\nx,e" + kHuge + ",2025-01-01,1,\n"), *scheme,
      2025));
  ExpectShort(ReadSubjects(Write("s.csv", "subject,name,kind\nx" + kHuge + ",n,town\nx" + kHuge +
                                              ",n,town\n"))
                  .status());
}

TEST(ScoringHostileText, RankingCsvWritesFormulaTextAsText) {
  auto scheme = TestScheme();
  ASSERT_TRUE(scheme.ok()) << scheme.status().ToString();
  CsvValueSource values;
  values.SetValue("=cmd|' /C calc'!A0", "a", InputValue{Ratio::Integer(1), "1", "", "test"});
  ScoringOptions options;
  options.year = 2025;
  auto assessment =
      ScoreScheme(*scheme, {{"=cmd|' /C calc'!A0", "@SUM(1+1)", "town"}}, values, options);
  ASSERT_TRUE(assessment.ok()) << assessment.status().ToString();
  std::string csv = RankingCsv(*assessment);
  EXPECT_NE(csv.find("\n1,\"'=cmd|' /C calc'!A0\",\"'@SUM(1+1)\",10.00,"), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace ecociv::scoring
