// Command-line arguments of one `ecociv` subcommand: --flag VALUE pairs,
// repeated flags (--input a --input b), flags listed as multi-valued that take
// every following value (--input a b c), bare switches, and positional
// arguments. Unknown flags are an error so a typo never silently changes a
// result.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::cli {

class Args {
 public:
  // `value_flags` take one value each time they appear (`--flag=value` too);
  // those also in `multi_value_flags` take every value up to the next flag;
  // `switches` take none.
  static StatusOr<Args> Parse(const std::vector<std::string>& argv,
                              const std::set<std::string>& value_flags,
                              const std::set<std::string>& switches,
                              const std::set<std::string>& multi_value_flags = {"input"});

  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }
  // The last value given for the flag, or `fallback`.
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  const std::vector<std::string>& GetAll(const std::string& flag) const;
  // Arguments that are not flags (e.g. FILE... after `import air`).
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Prints "ecociv: <message>" to stderr and returns the exit code for `status`.
int ReportError(const Status& status);

// Writes `text` to the file `path`, or to stdout when `path` is empty or "-".
// A file that cannot be written is an error naming it.
Status WriteOutput(const std::string& path, const std::string& text);

}  // namespace ecociv::cli
