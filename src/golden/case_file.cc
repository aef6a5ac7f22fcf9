#include "case_file.h"

#include <set>

#include "ecociv/core/text_input.h"

namespace ecociv::golden {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

bool IsBlank(std::string_view line) { return TrimSpaces(line).empty(); }

bool IsComment(std::string_view line) {
  std::string_view t = TrimSpaces(line);
  return !t.empty() && t.front() == '#';
}

// The words after `=>`: key=value pairs and at most one main result.
Status ParseExpected(const std::vector<std::string>& words, size_t first, Record* r) {
  if (first == words.size()) return InvalidArgumentError("nothing expected after '=>'");
  std::set<std::string> keys;
  for (size_t i = first; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "=>") return InvalidArgumentError("a second '=>'");
    size_t eq = w.find('=');
    if (eq == std::string::npos) {
      if (!r->main.empty()) return InvalidArgumentError("two main results: " + r->main + ", " + w);
      r->main = w;
      continue;
    }
    std::string key = w.substr(0, eq);
    if (key.empty()) return InvalidArgumentError("a value without a key: " + w);
    if (!keys.insert(key).second) return InvalidArgumentError("key written twice: " + key);
    r->expected.emplace_back(key, w.substr(eq + 1));
  }
  return Status::Ok();
}

Status ParseRecordLine(std::string_view line, Record* r) {
  std::vector<std::string> words = Words(line);
  r->command = words[0];
  size_t i = 1;
  for (; i < words.size() && words[i] != "=>"; ++i) r->args.push_back(words[i]);
  if (r->command == "=>") return InvalidArgumentError("a line starting with '=>'");
  if (i == words.size()) return Status::Ok();
  r->is_case = true;
  return ParseExpected(words, i + 1, r);
}

}  // namespace

StatusOr<CaseFile> ParseCaseText(std::string_view text, const std::string& path) {
  CaseFile file;
  file.path = path;
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    if (IsBlank(lines[n]) || IsComment(lines[n])) continue;
    Record r;
    r.line = static_cast<int>(n) + 1;
    std::string where = path + ":" + std::to_string(r.line) + ": ";
    Status parsed = ParseRecordLine(lines[n], &r);
    if (!parsed.ok()) return InvalidArgumentError(where + parsed.message());
    if (r.command == "data") {
      if (r.is_case || r.args.size() != 1) {
        return InvalidArgumentError(where + "a block starts with 'data <name>'");
      }
      while (n + 1 < lines.size() && !IsBlank(lines[n + 1])) {
        r.block += std::string(lines[++n]) + "\n";
      }
      if (r.block.empty()) return InvalidArgumentError(where + "empty data block " + r.args[0]);
    }
    file.records.push_back(std::move(r));
  }
  return file;
}

StatusOr<CaseFile> ReadCaseFile(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseCaseText(*text, path);
}

int CountCases(const CaseFile& file) {
  int cases = 0;
  for (const Record& r : file.records) cases += r.is_case ? 1 : 0;
  return cases;
}

}  // namespace ecociv::golden
