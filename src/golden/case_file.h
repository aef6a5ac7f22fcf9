// The golden case-file grammar (tests/golden/README.md): a file of records,
// one per line, read into a list the runner executes in order.
//
//   # comment                        a line whose first non-space is '#'
//   <command> <args…>                a directive: sets something for the lines after it
//   <command> <args…> => <expected…> a case: runs the command, checks the expectations
//   data <name>                      a block: the lines after it, up to the first
//   <raw line>…                      blank line (or the end of the file), verbatim
//
// Words are separated by spaces or tabs. The expectation after `=>` is any
// number of `key=value` words (a value may be empty) and at most one word
// without `=`: the command's main result, or `@<file>` for a snapshot file
// beside the case file.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::golden {

struct Record {
  int line = 0;  // 1-based line of the command in its file
  std::string command;
  std::vector<std::string> args;
  bool is_case = false;  // written with `=>`
  // The expected main result; "@name" names a snapshot file. Empty: not checked.
  std::string main;
  std::vector<std::pair<std::string, std::string>> expected;  // key=value, in file order
  std::string block;  // `data`: the block's lines, each ending in '\n'
};

struct CaseFile {
  std::string path;
  std::vector<Record> records;
};

// Parses the text of a case file. Errors are InvalidArgument "path:line: reason"
// (a second `=>`, nothing after `=>`, a repeated key, two main results, a
// `data` line without exactly one name or with an empty block).
StatusOr<CaseFile> ParseCaseText(std::string_view text, const std::string& path);

// Reads and parses a case file (NotFound when it cannot be read).
StatusOr<CaseFile> ReadCaseFile(const std::string& path);

// Number of records that are cases.
int CountCases(const CaseFile& file);

}  // namespace ecociv::golden
