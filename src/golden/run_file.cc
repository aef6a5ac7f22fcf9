#include "run_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ecociv/core/text_input.h"

namespace ecociv::golden {
namespace {

std::string SnapshotPath(const Context& ctx, const std::string& main) {
  return (std::filesystem::path(ctx.dir()) / main.substr(1)).string();
}

// Line `n` (1-based) of `text`, or "(end of text)".
std::string LineOf(const std::string& text, size_t n) {
  size_t start = 0;
  for (size_t i = 1; i < n; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "(end of text)";
    ++start;
  }
  if (start >= text.size()) return "(end of text)";
  return text.substr(start, text.find('\n', start) - start);
}

// Where two texts first differ, as "line N: expected '…', actual '…'".
std::string FirstDifference(const std::string& expected, const std::string& actual) {
  size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
  size_t line = 1;
  for (size_t k = 0; k < i; ++k) line += expected[k] == '\n' ? 1 : 0;
  return "first difference at line " + std::to_string(line) + ": expected '" +
         LineOf(expected, line) + "', actual '" + LineOf(actual, line) + "'";
}

// Compares (or, with ECOCIV_UPDATE_GOLDEN, rewrites) a snapshot file.
std::string CheckSnapshot(const Context& ctx, const std::string& main, const Value& actual) {
  std::string path = SnapshotPath(ctx, main);
  if (std::getenv("ECOCIV_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual.text;
    return "";
  }
  auto expected = ReadTextFile(path);
  if (!expected.ok()) return "snapshot " + path + ": " + expected.status().message();
  if (*expected == actual.text) return "";
  return "snapshot " + path +
         " differs (ECOCIV_UPDATE_GOLDEN=1 rewrites it after a check by "
         "hand); " +
         FirstDifference(*expected, actual.text);
}

// "" when `expected` matches `actual`, else why not.
std::string Mismatch(const std::string& expected, const Value& actual) {
  bool same = false;
  switch (actual.kind) {
    case Value::Kind::kText:
      same = expected == actual.text;
      break;
    case Value::Kind::kSet: {
      std::vector<std::string> list = SplitList(expected);
      same = std::set<std::string>(list.begin(), list.end()) == actual.names;
      break;
    }
    case Value::Kind::kExact: {
      auto number = ParseExact(expected);
      if (!number.ok()) return number.status().message();
      same = *number == actual.exact;
      break;
    }
  }
  return same ? "" : "expected '" + expected + "', actual '" + actual.Show() + "'";
}

void CompareResults(const Record& r, const Results& results, const Context& ctx,
                    std::vector<std::string>* failures) {
  auto fail = [&](const std::string& key, const std::string& why) {
    failures->push_back(ctx.Where(r.line) + ": " + r.command + ": " + key + why);
  };
  auto find = [&](const std::string& key) -> std::optional<Value> {
    auto it = results.values.find(key);
    if (it != results.values.end()) return it->second;
    if (results.absent) return Value::Text(*results.absent);
    return std::nullopt;
  };
  if (!r.main.empty()) {
    std::optional<Value> main = find("");
    if (!main) {
      fail("", "this command has no main result (expected '" + r.main + "')");
    } else {
      std::string why =
          r.main[0] == '@' ? CheckSnapshot(ctx, r.main, *main) : Mismatch(r.main, *main);
      if (!why.empty()) fail("", why);
    }
  }
  for (const auto& [key, expected] : r.expected) {
    std::optional<Value> actual = find(key);
    std::string why =
        actual ? Mismatch(expected, *actual) : "no such result (expected '" + expected + "')";
    if (!why.empty()) fail(key, ": " + why);
  }
}

void RunRecord(const Record& r, const CommandTable& table, Context& ctx, FileOutcome* out) {
  if (r.command == "data") {
    ctx.PutBlock(r.args[0], r.block, r.line);
    ctx.ClearMemos();
    return;
  }
  auto fail = [&](const std::string& why) {
    out->failures.push_back(ctx.Where(r.line) + ": " + r.command + ": " + why);
  };
  const Command* command = table.Find(r.command);
  if (command == nullptr) return fail("unknown command");
  if (command->directive && r.is_case) return fail("a directive takes no '=>'");
  if (!command->directive && !r.is_case) return fail("a case needs '=> <expected>'");
  StatusOr<Results> results = command->run(r, ctx);
  if (!results.ok()) return fail(results.status().message());
  if (command->directive) {
    ctx.ClearMemos();
  } else {
    CompareResults(r, *results, ctx, &out->failures);
  }
}

}  // namespace

FileOutcome RunCases(const CaseFile& file, const CommandTable& table) {
  FileOutcome out;
  if (!table.status().ok()) {
    out.failures.push_back(table.status().message());
    return out;
  }
  Context ctx(file.path);
  for (const Record& r : file.records) {
    RunRecord(r, table, ctx, &out);
    out.cases += r.is_case ? 1 : 0;
  }
  for (const std::string& name : ctx.UnusedBlocks()) {
    out.failures.push_back(ctx.BlockSource(name) + ": no command used this block");
  }
  if (out.cases == 0) out.failures.push_back(file.path + ": no cases (no line with '=>')");
  return out;
}

FileOutcome RunCaseFile(const std::string& path, const CommandTable& table) {
  auto file = ReadCaseFile(path);
  if (!file.ok()) {
    FileOutcome out;
    out.failures.push_back(file.status().message());
    return out;
  }
  return RunCases(*file, table);
}

std::vector<std::string> SnapshotPaths(const CaseFile& file) {
  Context ctx(file.path);
  std::vector<std::string> out;
  for (const Record& r : file.records) {
    if (!r.main.empty() && r.main[0] == '@') out.push_back(SnapshotPath(ctx, r.main));
  }
  return out;
}

}  // namespace ecociv::golden
