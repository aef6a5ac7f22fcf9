// The golden runner: every `*.test` file under tests/golden/ (found
// recursively, no list of folders anywhere) becomes one GoogleTest test
// named <folder>.<file> (non-alphanumerics as '_'), registered before the
// tests run, so CTest lists one test per file (discovered when CTest runs:
// a new file needs no rebuild). Failures are printed as `file:line: …`.
//
// Two more tests guard the tree: finding no case file fails, and every file
// under tests/golden/ must be a case file, a README or a snapshot that some
// case refers to (so nothing there is silently left unrun).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>

#include "case_file.h"
#include "command_table.h"
#include "run_file.h"

namespace ecociv::golden {
namespace {

namespace fs = std::filesystem;

// tests/golden of the source tree: relative to the working directory when it
// is there (short paths in messages), else under ECOCIV_SOURCE_DIR.
fs::path GoldenRoot() {
  if (fs::is_directory("tests/golden")) return "tests/golden";
  if (const char* source = std::getenv("ECOCIV_SOURCE_DIR")) {
    return fs::path(source) / "tests" / "golden";
  }
  return "tests/golden";
}

std::vector<fs::path> CaseFiles(const fs::path& root) {
  std::vector<fs::path> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Identifier(const std::string& text) {
  std::string out = text.empty() ? "top" : text;
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return out;
}

// Every file under the root that is neither a case file, a README (*.md) nor
// a snapshot a case refers to.
std::vector<std::string> UnusedFiles(const fs::path& root) {
  std::set<fs::path> used;
  for (const fs::path& path : CaseFiles(root)) {
    used.insert(fs::weakly_canonical(path));
    auto file = ReadCaseFile(path.string());
    if (!file.ok()) continue;  // reported by the file's own test
    for (const std::string& snapshot : SnapshotPaths(*file)) {
      used.insert(fs::weakly_canonical(snapshot));
    }
  }
  std::vector<std::string> out;
  if (!fs::is_directory(root)) return out;  // GoldenTree.FindsCaseFiles fails
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    if (!used.count(fs::weakly_canonical(entry.path()))) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The line of a failure "path:line: …" of `file` (-1: the whole file), so
// that GoogleTest reports the failure at the case's line.
int LineOf(const std::string& failure, const std::string& file) {
  if (failure.rfind(file + ":", 0) != 0) return -1;
  int line = 0;
  for (size_t i = file.size() + 1;
       i < failure.size() && std::isdigit(static_cast<unsigned char>(failure[i])); ++i) {
    line = line * 10 + (failure[i] - '0');
  }
  return line > 0 ? line : -1;
}

// A test whose body is a function (for tests made at run time).
class FunctionTest : public ::testing::Test {
 public:
  explicit FunctionTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

void Register(const std::string& suite, const std::string& name, const std::string& file,
              std::function<void()> body) {
  ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, file.c_str(), 1,
                          [body]() -> ::testing::Test* { return new FunctionTest(body); });
}

void RegisterCaseFiles() {
  const fs::path root = GoldenRoot();
  const std::vector<fs::path> files = CaseFiles(root);
  Register("GoldenTree", "FindsCaseFiles", __FILE__, [root, count = files.size()] {
    EXPECT_GT(count, 0u) << "no *.test file under " << root << " (tests run from the source tree)";
  });
  std::set<std::string> names;
  for (const fs::path& path : files) {
    std::string suite = Identifier(path.parent_path().lexically_relative(root).string());
    std::string name = Identifier(path.stem().string());
    std::string file = path.string();
    if (!names.insert(suite + "." + name).second) {
      Register(suite, name + "_again", file, [file] {
        ADD_FAILURE() << file << ": another case file has the same test name; rename one";
      });
      continue;
    }
    Register(suite, name, file, [file] {
      FileOutcome outcome = RunCaseFile(file, AllCommands());
      for (const std::string& failure : outcome.failures) {
        ADD_FAILURE_AT(file.c_str(), LineOf(failure, file)) << failure;
      }
      std::cout << file << ": " << outcome.cases << " cases, " << outcome.failures.size()
                << " failures\n";
    });
  }
}

TEST(GoldenTree, EveryFileIsACaseFileAReadmeOrAUsedSnapshot) {
  for (const std::string& path : UnusedFiles(GoldenRoot())) {
    ADD_FAILURE() << path << ": not a *.test file, a README or a snapshot named by a case";
  }
}

}  // namespace
}  // namespace ecociv::golden

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ecociv::golden::RegisterCaseFiles();
  return RUN_ALL_TESTS();
}
