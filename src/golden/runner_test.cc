// The runner's own rules, on a small table of made-up commands: the grammar,
// the failures (each with file:line and expected vs actual), and the checks
// that keep a file from passing by running nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "case_file.h"
#include "command_table.h"
#include "run_file.h"

namespace ecociv::golden {
namespace {

// `set k v` (directive), `get k => <value>`, `pairs k=v… => k=v…` (the
// arguments back as `;`-separated sets), `half <x> => <exact x/2>`, `block <name> => <text>`.
CommandTable TestTable() {
  CommandTable t;
  t.Add("set", {true, [](const Record& r, Context& ctx) -> StatusOr<Results> {
                  if (Status s = ArgCount(r, 2, 2); !s.ok()) return s;
                  ctx.Set(r.args[0], r.args[1]);
                  return Results{};
                }});
  t.Add("get", {false, [](const Record& r, Context& ctx) -> StatusOr<Results> {
                  Results out;
                  const std::string* v = ctx.Get(r.args.at(0));
                  if (v == nullptr) return InvalidArgumentError("not set: " + r.args[0]);
                  out.values[""] = Value::Text(*v);
                  return out;
                }});
  t.Add("pairs", {false, [](const Record& r, Context&) -> StatusOr<Results> {
                    auto in = ArgPairs(r);
                    if (!in.ok()) return in.status();
                    Results out;
                    for (const auto& [k, v] : *in) {
                      std::vector<std::string> names = SplitList(v);
                      out.values[k] = Value::Set({names.begin(), names.end()});
                    }
                    return out;
                  }});
  t.Add("half", {false, [](const Record& r, Context&) -> StatusOr<Results> {
                   auto x = ParseExact(r.args.at(0));
                   if (!x.ok()) return x.status();
                   Results out;
                   out.values[""] = Value::Exact(*x / Ratio::Integer(2));
                   return out;
                 }});
  t.Add("block", {false, [](const Record& r, Context& ctx) -> StatusOr<Results> {
                    auto text = ctx.Block(r.args.at(0));
                    if (!text.ok()) return text.status();
                    Results out;
                    out.values[""] = Value::Text(*text);
                    return out;
                  }});
  return t;
}

FileOutcome RunText(const std::string& text) {
  auto file = ParseCaseText(text, "x.test");
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.ok() ? RunCases(*file, TestTable()) : FileOutcome{};
}

TEST(GoldenGrammar, CommentsDirectivesCasesAndBlocks) {
  auto file = ParseCaseText(
      "# a comment\n\n  # indented comment\nset e 2026\nget e => 2026\n"
      "pairs a=1 b= => a=1 b=\ndata csv\nx,y\n# kept\n1,2\n\nget e => @snap.txt k=v\n",
      "x.test");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->records.size(), 5u);
  EXPECT_FALSE(file->records[0].is_case);
  EXPECT_EQ(file->records[1].line, 5);
  EXPECT_EQ(file->records[1].main, "2026");
  EXPECT_EQ(file->records[2].expected,
            (std::vector<std::pair<std::string, std::string>>{{"a", "1"}, {"b", ""}}));
  EXPECT_EQ(file->records[3].block, "x,y\n# kept\n1,2\n");
  EXPECT_EQ(file->records[4].main, "@snap.txt");
  EXPECT_EQ(CountCases(*file), 3);
}

TEST(GoldenGrammar, MalformedLinesNameTheirLine) {
  auto bad = [](const std::string& text) {
    auto file = ParseCaseText(text, "x.test");
    return file.ok() ? std::string("ok") : file.status().message();
  };
  EXPECT_EQ(bad("\nget e =>\n"), "x.test:2: nothing expected after '=>'");
  EXPECT_EQ(bad("get e => 1 => 2\n"), "x.test:1: a second '=>'");
  EXPECT_EQ(bad("get e => a=1 a=2\n"), "x.test:1: key written twice: a");
  EXPECT_EQ(bad("get e => 1 2\n"), "x.test:1: two main results: 1, 2");
  EXPECT_EQ(bad("data\nx\n"), "x.test:1: a block starts with 'data <name>'");
  EXPECT_EQ(bad("data csv\n\nx\n"), "x.test:1: empty data block csv");
}

TEST(GoldenRunner, PassingFile) {
  FileOutcome out =
      RunText("set e 1\nget e => 1\nhalf 3 => 1.5\nhalf 3 => 1.50\npairs a=x => a=x\n");
  EXPECT_EQ(out.cases, 4);
  EXPECT_TRUE(out.failures.empty()) << out.failures[0];
}

TEST(GoldenRunner, MismatchesReportFileLineExpectedAndActual) {
  FileOutcome out = RunText("set e 1\nget e => 2\nhalf 3 => 1.4\npairs a=x;y => a=y;x b=1\n");
  ASSERT_EQ(out.failures.size(), 3u);
  EXPECT_EQ(out.failures[0], "x.test:2: get: expected '2', actual '1'");
  EXPECT_EQ(out.failures[1], "x.test:3: half: expected '1.4', actual '1.5'");
  EXPECT_EQ(out.failures[2], "x.test:4: pairs: b: no such result (expected '1')");
}

TEST(GoldenRunner, UnknownCommandsAndMisusedArrowsFail) {
  FileOutcome out = RunText("frobnicate 1 => 2\nset e 1 => 1\nget e\nget f => 1\n");
  ASSERT_EQ(out.failures.size(), 4u);
  EXPECT_EQ(out.failures[0], "x.test:1: frobnicate: unknown command");
  EXPECT_EQ(out.failures[1], "x.test:2: set: a directive takes no '=>'");
  EXPECT_EQ(out.failures[2], "x.test:3: get: a case needs '=> <expected>'");
  EXPECT_EQ(out.failures[3], "x.test:4: get: not set: f");
}

TEST(GoldenRunner, AFileWithoutCasesFails) {
  FileOutcome out = RunText("# only a comment\nset e 1\n");
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_EQ(out.failures[0], "x.test: no cases (no line with '=>')");
}

TEST(GoldenRunner, AnUnusedBlockFails) {
  FileOutcome out = RunText("data unused\na,b\n\ndata csv\nx\n\nblock csv => x\n");
  EXPECT_EQ(out.cases, 1);
  ASSERT_EQ(out.failures.size(), 2u);
  EXPECT_EQ(out.failures[0], "x.test:7: block: expected 'x', actual 'x\n'");
  EXPECT_EQ(out.failures[1], "x.test:1 (data unused): no command used this block");
}

TEST(GoldenRunner, SnapshotsAreFilesBesideTheCaseFile) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "golden_snapshot";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "snap.txt", std::ios::binary) << "x,y\n1,2\n";
  std::ofstream(dir / "s.test", std::ios::binary)
      << "data csv\nx,y\n1,2\n\nblock csv => @snap.txt\n\ndata other\nx,y\n1,3\n\n"
         "block other => @snap.txt\n";
  FileOutcome out = RunCaseFile((dir / "s.test").string(), TestTable());
  EXPECT_EQ(out.cases, 2);
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_NE(out.failures[0].find("s.test:11: block: snapshot "), std::string::npos);
  EXPECT_NE(out.failures[0].find("line 2: expected '1,2', actual '1,3'"), std::string::npos)
      << out.failures[0];
  auto file = ReadCaseFile((dir / "s.test").string());
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(SnapshotPaths(*file).size(), 2u);
}

TEST(GoldenRunner, EveryRegisteredCommandNameIsUnique) {
  EXPECT_TRUE(AllCommands().status().ok()) << AllCommands().status().message();
  CommandTable t = TestTable();
  t.Add("get", {});
  EXPECT_FALSE(t.status().ok());
}

}  // namespace
}  // namespace ecociv::golden
