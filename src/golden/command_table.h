// The command table of the golden runner: every command a case file may use,
// registered by one handler file per subsystem (air, water, scoring,
// indicators, warning), and what a handler sees (the file's context) and
// returns (named results the runner compares with the expectations).
//
// A directive (`edition hj633-2026`, `period …`) checks its arguments and
// stores a setting in the context for the lines after it; a case command
// computes results. `data <name>` blocks are stored by the runner itself.
//
// Thread safety: a Context belongs to one file run; the table is read-only
// once built.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "case_file.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/status.h"

namespace ecociv::golden {

// One result of a command, and how an expected text is compared with it.
struct Value {
  enum class Kind {
    kText,   // equal text
    kSet,    // the expected `;`-separated names, in any order
    kExact,  // the expected decimal equals the exact value
  };
  Kind kind = Kind::kText;
  std::string text;
  std::set<std::string> names;
  Ratio exact;

  static Value Text(std::string text);
  static Value Set(std::set<std::string> names);
  static Value Exact(const Ratio& value);
  // The value as a line of a failure message.
  std::string Show() const;
};

struct Results {
  std::map<std::string, Value> values;  // "" is the main result
  // How a key without a result reads ("-" where a missing result means
  // "absent"). Unset: expecting such a key is a failure.
  std::optional<std::string> absent;
};

// Where the lines of one file run: the settings of directives so far, the
// data blocks, and results a command keeps for the lines after it.
class Context {
 public:
  explicit Context(std::string path);

  const std::string& path() const { return path_; }
  // The folder of the case file (snapshots and relative names live there).
  std::string dir() const;
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }

  // Settings written by directives; a later directive replaces an earlier one.
  void Set(const std::string& key, std::string value);
  const std::string* Get(const std::string& key) const;
  // The settings whose key starts with `prefix`, the prefix removed.
  std::map<std::string, std::string> WithPrefix(const std::string& prefix) const;

  // Data blocks by name; Block marks a block as used, and a block no command
  // used is reported at the end of the file.
  void PutBlock(const std::string& name, std::string text, int line);
  StatusOr<std::string> Block(const std::string& name);
  bool HasBlock(const std::string& name) const { return blocks_.count(name) > 0; }
  // "path:line (data name)": for error messages about a block's content.
  std::string BlockSource(const std::string& name) const;
  std::vector<std::string> UnusedBlocks() const;

  // Memos: a command's work kept for the lines after it (an assessment run
  // once for many `assess` lines). Every directive and block clears them.
  template <typename T>
  T* Memo(const std::string& key) const {
    auto it = memo_.find(key);
    return it == memo_.end() ? nullptr : static_cast<T*>(it->second.get());
  }
  template <typename T>
  T* PutMemo(const std::string& key, std::shared_ptr<T> value) {
    memo_[key] = value;
    return value.get();
  }
  void ClearMemos() { memo_.clear(); }

 private:
  struct DataBlock {
    std::string text;
    int line = 0;
    bool used = false;
  };
  std::string path_;
  std::map<std::string, std::string> settings_;
  std::map<std::string, DataBlock> blocks_;
  std::map<std::string, std::shared_ptr<void>> memo_;
};

using Handler = std::function<StatusOr<Results>(const Record&, Context&)>;

struct Command {
  bool directive = false;  // true: written without `=>`; false: a case
  Handler run;
};

class CommandTable {
 public:
  // Adds a command; a name added twice is kept as an error (see status()).
  void Add(const std::string& name, Command command);
  const Command* Find(const std::string& name) const;
  const Status& status() const { return status_; }

 private:
  std::map<std::string, Command> commands_;
  Status status_;
};

// Every subsystem's commands (one function per handler file).
void AddAirCommands(CommandTable* table);
void AddWaterCommands(CommandTable* table);
void AddScoringCommands(CommandTable* table);
void AddIndicatorsCommands(CommandTable* table);
void AddWarningCommands(CommandTable* table);
void AddWaterNoticeCommands(CommandTable* table);
void AddHj212Commands(CommandTable* table);
// The table of all subsystems.
const CommandTable& AllCommands();

// ---- Helpers for handlers -------------------------------------------------

// Fails unless the record has from `min` to `max` arguments.
Status ArgCount(const Record& r, size_t min, size_t max);
// The arguments from `first` on as key=value pairs; a word without '=' or a
// key written twice is an error.
StatusOr<std::map<std::string, std::string>> ArgPairs(const Record& r, size_t first = 0);
// Checks that every key of `pairs` is one of `known`.
Status KnownKeys(const std::map<std::string, std::string>& pairs,
                 const std::set<std::string>& known);
// An exact decimal ("12.5", "-0.25"; at most 12 decimals).
StatusOr<Ratio> ParseExact(std::string_view text);
// The rows of a CSV data block whose header is `header` (spaces around fields
// trimmed); errors name the block's line.
StatusOr<std::vector<std::vector<std::string>>> CsvRows(Context& ctx, const std::string& name,
                                                        const std::vector<std::string>& header);
// A `;`-separated list; empty items are dropped.
std::vector<std::string> SplitList(std::string_view text, char sep = ';');
// The names joined with `sep`.
std::string JoinList(const std::vector<std::string>& names, char sep = ';');

}  // namespace ecociv::golden
