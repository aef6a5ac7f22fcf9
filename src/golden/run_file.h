// Runs one golden case file: each record in order through the command table,
// each case's results compared with its expectations. Every failure is one
// message "path:line: command: what was expected, what came out".
//
// Rules (tests/golden/README.md):
// - an unknown command, a directive written with `=>` or a case without it,
//   and a command that fails are failures at their line;
// - an expected key the command has no result for is a failure (unless the
//   command says how an absent result reads, e.g. "-");
// - `@file` compares the main result with the whole text of a file beside the
//   case file; with ECOCIV_UPDATE_GOLDEN set the file is rewritten instead;
// - a file with no case, and a data block no command used, are failures.
//
// Thread safety: one call per file; calls for different files may run concurrently
// (unless they rewrite the same snapshot).
#pragma once

#include <string>
#include <vector>

#include "case_file.h"
#include "command_table.h"

namespace ecociv::golden {

struct FileOutcome {
  int cases = 0;
  std::vector<std::string> failures;
};

// Runs a parsed file.
FileOutcome RunCases(const CaseFile& file, const CommandTable& table);
// Reads, parses and runs a file (a read or parse error is the one failure).
FileOutcome RunCaseFile(const std::string& path, const CommandTable& table);

// The snapshot files a parsed file refers to (`=> @name`), as paths.
std::vector<std::string> SnapshotPaths(const CaseFile& file);

}  // namespace ecociv::golden
