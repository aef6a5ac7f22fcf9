#include "command_table.h"

#include <filesystem>

#include "ecociv/core/text_input.h"

namespace ecociv::golden {

Value Value::Text(std::string text) {
  Value v;
  v.text = std::move(text);
  return v;
}

Value Value::Set(std::set<std::string> names) {
  Value v;
  v.kind = Kind::kSet;
  v.names = std::move(names);
  return v;
}

Value Value::Exact(const Ratio& value) {
  Value v;
  v.kind = Kind::kExact;
  v.exact = value;
  return v;
}

std::string Value::Show() const {
  switch (kind) {
    case Kind::kSet:
      return JoinList(std::vector<std::string>(names.begin(), names.end()));
    case Kind::kExact:
      // A decimal prints in full; any other fraction to 12 decimals, marked.
      for (int d = 0; d <= 12; ++d) {
        if (RoundedRatio(exact, d) == exact) return FormatRounded(exact, d);
      }
      return FormatRounded(exact, 12) + "… (not a finite decimal)";
    case Kind::kText:
      break;
  }
  return text;
}

Context::Context(std::string path) : path_(std::move(path)) {}

std::string Context::dir() const { return std::filesystem::path(path_).parent_path().string(); }

void Context::Set(const std::string& key, std::string value) { settings_[key] = std::move(value); }

const std::string* Context::Get(const std::string& key) const {
  auto it = settings_.find(key);
  return it == settings_.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> Context::WithPrefix(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : settings_) {
    if (key.rfind(prefix, 0) == 0) out[key.substr(prefix.size())] = value;
  }
  return out;
}

void Context::PutBlock(const std::string& name, std::string text, int line) {
  blocks_[name] = DataBlock{std::move(text), line, false};
}

StatusOr<std::string> Context::Block(const std::string& name) {
  auto it = blocks_.find(name);
  if (it == blocks_.end()) return InvalidArgumentError("no 'data " + name + "' block before");
  it->second.used = true;
  return it->second.text;
}

std::string Context::BlockSource(const std::string& name) const {
  auto it = blocks_.find(name);
  int line = it == blocks_.end() ? 0 : it->second.line;
  return Where(line) + " (data " + name + ")";
}

std::vector<std::string> Context::UnusedBlocks() const {
  std::vector<std::string> out;
  for (const auto& [name, block] : blocks_) {
    if (!block.used) out.push_back(name);
  }
  return out;
}

void CommandTable::Add(const std::string& name, Command command) {
  if (!commands_.emplace(name, std::move(command)).second && status_.ok()) {
    status_ = InternalError("golden command registered twice: " + name);
  }
}

const Command* CommandTable::Find(const std::string& name) const {
  auto it = commands_.find(name);
  return it == commands_.end() ? nullptr : &it->second;
}

const CommandTable& AllCommands() {
  static const CommandTable* table = [] {
    auto* t = new CommandTable;
    AddAirCommands(t);
    AddWaterCommands(t);
    AddScoringCommands(t);
    AddIndicatorsCommands(t);
    AddWarningCommands(t);
    AddWaterNoticeCommands(t);
    AddHj212Commands(t);
    return t;
  }();
  return *table;
}

Status ArgCount(const Record& r, size_t min, size_t max) {
  if (r.args.size() >= min && r.args.size() <= max) return Status::Ok();
  std::string want =
      min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
  return InvalidArgumentError(r.command + " takes " + want + " arguments, got " +
                              std::to_string(r.args.size()));
}

StatusOr<std::map<std::string, std::string>> ArgPairs(const Record& r, size_t first) {
  std::map<std::string, std::string> out;
  for (size_t i = first; i < r.args.size(); ++i) {
    size_t eq = r.args[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgumentError("expected key=value, got " + r.args[i]);
    }
    if (!out.emplace(r.args[i].substr(0, eq), r.args[i].substr(eq + 1)).second) {
      return InvalidArgumentError("argument written twice: " + r.args[i].substr(0, eq));
    }
  }
  return out;
}

Status KnownKeys(const std::map<std::string, std::string>& pairs,
                 const std::set<std::string>& known) {
  for (const auto& [key, value] : pairs) {
    if (!known.count(key)) return InvalidArgumentError("unknown argument " + key);
  }
  return Status::Ok();
}

StatusOr<Ratio> ParseExact(std::string_view text) {
  constexpr int kDecimals = 12;
  int64_t scaled = 0;
  bool rounded = false;
  if (!ParseScaledDecimal(text, kDecimals, &scaled, &rounded) || rounded) {
    return InvalidArgumentError("not an exact decimal: '" + std::string(text) + "'");
  }
  return Ratio::Scaled(scaled, kDecimals);
}

StatusOr<std::vector<std::vector<std::string>>> CsvRows(Context& ctx, const std::string& name,
                                                        const std::vector<std::string>& header) {
  auto text = ctx.Block(name);
  if (!text.ok()) return text.status();
  std::string where = ctx.BlockSource(name);
  CsvReader reader(*text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> rows;
  while (reader.NextRecord(&fields)) {
    std::vector<std::string> row;
    for (std::string_view f : fields) row.emplace_back(TrimSpaces(f));
    if (row.size() != header.size()) {
      return InvalidArgumentError(where + ", row " + std::to_string(reader.line()) + ": expected " +
                                  std::to_string(header.size()) + " fields");
    }
    if (reader.line() == 1 && row != header) {
      return InvalidArgumentError(where + ": expected the header " + JoinList(header, ','));
    }
    if (reader.line() > 1) rows.push_back(std::move(row));
  }
  if (!reader.status().ok()) return reader.status().WithContext(where);
  return rows;
}

std::vector<std::string> SplitList(std::string_view text, char sep) {
  std::vector<std::string> out;
  while (true) {
    size_t end = text.find(sep);
    std::string_view item = text.substr(0, end);
    if (!item.empty()) out.emplace_back(item);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& names, char sep) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += sep;
    out += name;
  }
  return out;
}

}  // namespace ecociv::golden
