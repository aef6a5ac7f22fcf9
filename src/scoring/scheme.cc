#include "ecociv/scoring/scheme.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

// Generated from schemes/*.toml by cmake/embed_files.cmake.
const ecociv::EmbeddedFile* EmbeddedSchemeFiles(size_t* count);

namespace ecociv::scoring {
namespace {

constexpr int kSchemeDecimals = 6;  // decimals allowed in a scheme's numbers

template <typename T>
const T* FindById(const std::vector<T>& list, const std::string& id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == id; });
  return it == list.end() ? nullptr : &*it;
}

// Reads one TOML table with errors that name the file and the key.
class Reader {
 public:
  Reader(const std::string& file, std::string prefix, const toml::table& table)
      : file_(file), prefix_(std::move(prefix)), table_(table) {}

  Status Error(const std::string& key, const std::string& why) const {
    return InvalidArgumentError(file_ + ": " + Key(key) + ": " + why);
  }
  bool Has(const std::string& key) const { return table_.contains(key); }

  StatusOr<std::string> String(const std::string& key, std::optional<std::string> fallback) const {
    if (!Has(key)) {
      if (fallback) return *fallback;
      return Error(key, "missing");
    }
    if (auto v = table_[key].value<std::string>()) return *v;
    return Error(key, "expected a string");
  }
  StatusOr<int64_t> Int(const std::string& key, int64_t fallback) const {
    if (!Has(key)) return fallback;
    if (auto v = table_[key].value<int64_t>()) return *v;
    return Error(key, "expected an integer");
  }
  StatusOr<bool> Bool(const std::string& key, bool fallback) const {
    if (!Has(key)) return fallback;
    if (auto v = table_[key].value<bool>()) return *v;
    return Error(key, "expected true or false");
  }
  // An exact number: a TOML integer or a decimal written as a string ("0.5").
  StatusOr<Ratio> Number(const toml::node& node, const std::string& key) const {
    if (node.is_integer()) return Ratio::Integer(*node.value<int64_t>());
    auto text = node.value<std::string>();
    int64_t scaled = 0;
    bool rounded = false;
    if (!text || !ParseScaledDecimal(*text, kSchemeDecimals, &scaled, &rounded) || rounded) {
      return Error(key, "expected an integer or a decimal string with at most 6 places (\"0.5\")");
    }
    return Ratio::Scaled(scaled, kSchemeDecimals);
  }
  StatusOr<Ratio> Number(const std::string& key, std::optional<Ratio> fallback) const {
    if (!Has(key)) {
      if (fallback) return *fallback;
      return Error(key, "missing");
    }
    return Number(*table_.get(key), key);
  }
  StatusOr<std::optional<Ratio>> OptionalNumber(const std::string& key) const {
    if (!Has(key)) return std::optional<Ratio>();
    ECOCIV_ASSIGN_OR_RETURN(Ratio value, Number(*table_.get(key), key));
    return std::optional<Ratio>(value);
  }
  StatusOr<std::vector<Ratio>> Numbers(const std::string& key) const {
    std::vector<Ratio> out;
    if (!Has(key)) return out;
    const toml::array* array = table_[key].as_array();
    if (!array) return Error(key, "expected an array of numbers");
    for (const toml::node& element : *array) {
      ECOCIV_ASSIGN_OR_RETURN(Ratio value, Number(element, key));
      out.push_back(value);
    }
    return out;
  }
  // One of `choices`, returned as its index.
  StatusOr<int> Choice(const std::string& key, const std::vector<std::string>& choices,
                       int fallback) const {
    if (!Has(key)) return fallback;
    ECOCIV_ASSIGN_OR_RETURN(std::string value, String(key, std::nullopt));
    auto it = std::find(choices.begin(), choices.end(), value);
    if (it != choices.end()) return static_cast<int>(it - choices.begin());
    std::string list;
    for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
    return Error(key, "unknown value " + QuoteForMessage(value) + " (expected " + list + ")");
  }
  const std::string& file() const { return file_; }

 private:
  std::string Key(const std::string& key) const { return prefix_.empty() ? key : prefix_ + key; }
  const std::string& file_;
  std::string prefix_;
  const toml::table& table_;
};

// Calls `read(reader)` for each table of the array `key` ("items"); the reader
// prefixes keys with "items[N]." until the id is known, then "items.<id>.".
template <typename Read>
Status ForEachTable(const toml::table& root, const std::string& file, const std::string& key,
                    Read read) {
  if (!root.contains(key)) return Status::Ok();
  const toml::array* array = root[key].as_array();
  if (!array) return InvalidArgumentError(file + ": " + key + ": expected an array of tables");
  int index = 0;
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    std::string at = key + "[" + std::to_string(index++) + "]";
    if (!table) return InvalidArgumentError(file + ": " + at + ": expected a table");
    Reader first(file, at + ".", *table);
    ECOCIV_ASSIGN_OR_RETURN(std::string id, first.String("id", std::nullopt));
    if (id.empty()) return first.Error("id", "must not be empty");
    ECOCIV_RETURN_IF_ERROR(read(Reader(file, key + "." + id + ".", *table), id));
  }
  return Status::Ok();
}

Status ReadHeader(const Reader& r, Scheme* s) {
  ECOCIV_ASSIGN_OR_RETURN(s->id, r.String("id", std::nullopt));
  ECOCIV_ASSIGN_OR_RETURN(s->name, r.String("name", std::nullopt));
  ECOCIV_ASSIGN_OR_RETURN(s->name_en, r.String("name_en", ""));
  ECOCIV_ASSIGN_OR_RETURN(s->subject_kind, r.String("subject_kind", ""));
  ECOCIV_ASSIGN_OR_RETURN(s->status, r.String("status", ""));
  ECOCIV_ASSIGN_OR_RETURN(int period, r.Choice("period", {"year", "tenure"}, 0));
  s->period = period == 0 ? "year" : "tenure";
  ECOCIV_ASSIGN_OR_RETURN(s->total, r.Number("total", std::nullopt));
  ECOCIV_ASSIGN_OR_RETURN(int64_t item_decimals, r.Int("item_decimals", 4));
  ECOCIV_ASSIGN_OR_RETURN(int64_t print_decimals, r.Int("print_decimals", 2));
  if (item_decimals < 0 || item_decimals > 6) return r.Error("item_decimals", "must be 0..6");
  if (print_decimals < 0 || print_decimals > item_decimals) {
    return r.Error("print_decimals", "must be 0..item_decimals");
  }
  s->item_decimals = static_cast<int>(item_decimals);
  s->print_decimals = static_cast<int>(print_decimals);
  ECOCIV_ASSIGN_OR_RETURN(s->min_eco_points, r.OptionalNumber("min_eco_points"));
  ECOCIV_ASSIGN_OR_RETURN(int weights, r.Choice("item_weights", {"points", "tier", "equal"}, 0));
  s->item_weights = std::vector<std::string>{"points", "tier", "equal"}[weights];
  ECOCIV_ASSIGN_OR_RETURN(int rounding,
                          r.Choice("quota_rounding", {"at_least_one", "floor", "round"}, 0));
  s->quota_rounding = static_cast<QuotaRounding>(rounding);
  ECOCIV_ASSIGN_OR_RETURN(int veto_rank, r.Choice("veto_rank", {"last", "as_scored"}, 0));
  s->veto_rank = static_cast<VetoRank>(veto_rank);
  return Status::Ok();
}

Status ReadRule(const Reader& r, Item* item) {
  ECOCIV_ASSIGN_OR_RETURN(
      int rule, r.Choice("rule", {"linear", "per_unit", "met", "rank", "efficacy", "manual"}, -1));
  if (rule < 0) return r.Error("rule", "missing");
  item->rule = static_cast<RuleKind>(rule);
  ECOCIV_ASSIGN_OR_RETURN(int direction, r.Choice("direction", {"higher", "lower"}, 0));
  item->direction = static_cast<Direction>(direction);
  ECOCIV_ASSIGN_OR_RETURN(int basis, r.Choice("basis", {"level", "change"}, 0));
  item->basis = static_cast<Basis>(basis);
  bool needs_target = item->rule == RuleKind::kLinear || item->rule == RuleKind::kPerUnit ||
                      item->rule == RuleKind::kMet;
  if (needs_target) {
    ECOCIV_ASSIGN_OR_RETURN(item->target, r.Number("target", std::nullopt));
  }
  if (item->rule == RuleKind::kLinear) {
    ECOCIV_ASSIGN_OR_RETURN(item->floor, r.Number("floor", std::nullopt));
    bool ordered = item->direction == Direction::kHigher ? item->floor < item->target
                                                         : item->floor > item->target;
    if (!ordered) return r.Error("floor", "must lie on the worse side of the target");
  }
  if (item->rule == RuleKind::kPerUnit) {
    ECOCIV_ASSIGN_OR_RETURN(item->per_unit, r.Number("per_unit", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(item->unit_size, r.Number("unit_size", Ratio::Integer(1)));
    if (item->unit_size <= Ratio()) return r.Error("unit_size", "must be positive");
    ECOCIV_ASSIGN_OR_RETURN(int count, r.Choice("units", {"exact", "whole", "started"}, 0));
    item->unit_count = static_cast<UnitCount>(count);
  }
  if (item->rule == RuleKind::kRank) {
    ECOCIV_ASSIGN_OR_RETURN(item->rank_points, r.Numbers("rank_points"));
    if (item->rank_points.empty()) return r.Error("rank_points", "missing");
    ECOCIV_ASSIGN_OR_RETURN(item->rank_rest, r.Number("rank_rest", Ratio()));
  }
  return Status::Ok();
}

Status ReadItem(const Reader& r, const std::string& id, Scheme* s) {
  Item item;
  item.id = id;
  ECOCIV_ASSIGN_OR_RETURN(item.group, r.String("group", std::nullopt));
  if (!s->FindGroup(item.group))
    return r.Error("group", "unknown group " + QuoteForMessage(item.group));
  ECOCIV_ASSIGN_OR_RETURN(item.name, r.String("name", std::nullopt));
  ECOCIV_ASSIGN_OR_RETURN(item.name_en, r.String("name_en", ""));
  ECOCIV_ASSIGN_OR_RETURN(item.unit, r.String("unit", ""));
  ECOCIV_ASSIGN_OR_RETURN(item.indicator, r.String("indicator", ""));
  ECOCIV_ASSIGN_OR_RETURN(item.note, r.String("note", ""));
  ECOCIV_ASSIGN_OR_RETURN(int64_t tier, r.Int("tier", 0));
  if (tier < 0 || tier > 3) return r.Error("tier", "must be 1 (other), 2 (◆) or 3 (★)");
  item.tier = static_cast<int>(tier);
  if (s->item_weights == "points") {
    ECOCIV_ASSIGN_OR_RETURN(item.points, r.Number("points", std::nullopt));
    if (item.points <= Ratio()) return r.Error("points", "must be positive");
  } else if (r.Has("points")) {
    return r.Error("points", "not used with item_weights = \"" + s->item_weights +
                                 "\" (derived from the group)");
  } else if (s->item_weights == "tier" && item.tier == 0) {
    return r.Error("tier", "missing (item_weights = \"tier\")");
  }
  ECOCIV_RETURN_IF_ERROR(ReadRule(r, &item));
  ECOCIV_ASSIGN_OR_RETURN(item.typical, r.Numbers("typical"));
  if (!item.typical.empty() && (item.typical.size() != 2 || item.typical[0] > item.typical[1])) {
    return r.Error("typical", "expected [low, high]");
  }
  for (const Ratio& p : item.rank_points) {
    if (item.points > Ratio() && p > item.points) {
      return r.Error("rank_points", "a rank's points exceed the item's points");
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(int missing, r.Choice("missing", {"zero", "minimum", "drop"},
                                                static_cast<int>(item.missing)));
  item.missing = static_cast<MissingPolicy>(missing);
  ECOCIV_ASSIGN_OR_RETURN(std::optional<Ratio> minimum, r.OptionalNumber("minimum"));
  if (minimum) item.minimum = *minimum;
  if (FindById(s->items, id)) return r.Error("id", "duplicate item id");
  s->items.push_back(std::move(item));
  return Status::Ok();
}

// Derives item points from group points for item_weights = tier / equal:
// item = group points × weight / sum of the group's weights.
void DeriveItemPoints(Scheme* s) {
  if (s->item_weights == "points") return;
  for (const Group& group : s->groups) {
    int64_t sum = 0;
    for (const Item& item : s->items) {
      if (item.group == group.id) sum += s->item_weights == "tier" ? item.tier : 1;
    }
    for (Item& item : s->items) {
      if (item.group != group.id) continue;
      int64_t weight = s->item_weights == "tier" ? item.tier : 1;
      item.points = group.points * Ratio::Of(weight, sum);
    }
  }
}

void DefaultMinimums(const toml::table& root, Scheme* s) {
  const toml::array* items = root["items"].as_array();
  for (size_t i = 0; i < s->items.size(); ++i) {
    Item& item = s->items[i];
    bool declared = items && (*items)[i].as_table()->contains("minimum");
    if (!declared && item.rule == RuleKind::kEfficacy) item.minimum = item.points * Ratio::Of(3, 5);
  }
}

Status CheckTotals(const std::string& file, const Scheme& s) {
  Ratio sum;
  Ratio eco;
  for (const Group& group : s.groups) {
    Ratio items;
    bool any = false;
    for (const Item& item : s.items) {
      if (item.group != group.id) continue;
      items = items + item.points;
      any = true;
      if (item.minimum > item.points || item.minimum < Ratio()) {
        return InvalidArgumentError(file + ": items." + item.id +
                                    ".minimum: must lie between 0 and the item's points");
      }
    }
    if (!any) return InvalidArgumentError(file + ": groups." + group.id + ": has no items");
    if (items != group.points) {
      return InvalidArgumentError(file + ": groups." + group.id + ".points: the items add up to " +
                                  FormatRounded(items, 4) + ", not " +
                                  FormatRounded(group.points, 4));
    }
    sum = sum + group.points;
    if (group.eco) eco = eco + group.points;
  }
  if (sum != s.total) {
    return InvalidArgumentError(file + ": scheme.total: the groups add up to " +
                                FormatRounded(sum, 4) + ", not " + FormatRounded(s.total, 4));
  }
  if (s.min_eco_points && eco < *s.min_eco_points) {
    return InvalidArgumentError(file + ": scheme.min_eco_points: ecological groups carry " +
                                FormatRounded(eco, 4) + " points, fewer than " +
                                FormatRounded(*s.min_eco_points, 4));
  }
  return Status::Ok();
}

Status ReadGroups(const toml::table& root, const std::string& file, Scheme* s) {
  return ForEachTable(root, file, "groups", [&](const Reader& r, const std::string& id) -> Status {
    Group group;
    group.id = id;
    ECOCIV_ASSIGN_OR_RETURN(group.name, r.String("name", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(group.name_en, r.String("name_en", ""));
    ECOCIV_ASSIGN_OR_RETURN(group.points, r.Number("points", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(group.eco, r.Bool("eco", false));
    if (FindById(s->groups, id)) return r.Error("id", "duplicate group id");
    s->groups.push_back(group);
    return Status::Ok();
  });
}

Status CheckAmounts(const Reader& r, const Ratio& per_event, const Ratio& cap) {
  if (per_event <= Ratio()) return r.Error("per_event", "must be positive");
  if (cap <= Ratio()) return r.Error("cap", "must be positive");
  return Status::Ok();
}

bool IsShare(const std::optional<Ratio>& share) {
  return !share || (*share >= Ratio() && *share <= Ratio::Integer(1));
}

Status ReadAdjustments(const toml::table& root, const std::string& file, Scheme* s) {
  ECOCIV_RETURN_IF_ERROR(
      ForEachTable(root, file, "deductions", [&](const Reader& r, const std::string& id) -> Status {
        Deduction d;
        d.id = id;
        ECOCIV_ASSIGN_OR_RETURN(d.group, r.String("group", ""));
        if (!d.group.empty() && !s->FindGroup(d.group)) {
          return r.Error("group", "unknown group " + QuoteForMessage(d.group));
        }
        ECOCIV_ASSIGN_OR_RETURN(d.name, r.String("name", std::nullopt));
        ECOCIV_ASSIGN_OR_RETURN(d.name_en, r.String("name_en", ""));
        ECOCIV_ASSIGN_OR_RETURN(d.per_event, r.Number("per_event", std::nullopt));
        ECOCIV_ASSIGN_OR_RETURN(d.cap, r.Number("cap", std::nullopt));
        ECOCIV_RETURN_IF_ERROR(CheckAmounts(r, d.per_event, d.cap));
        s->deductions.push_back(d);
        return Status::Ok();
      }));
  ECOCIV_RETURN_IF_ERROR(
      ForEachTable(root, file, "bonuses", [&](const Reader& r, const std::string& id) -> Status {
        Bonus b;
        b.id = id;
        ECOCIV_ASSIGN_OR_RETURN(b.name, r.String("name", std::nullopt));
        ECOCIV_ASSIGN_OR_RETURN(b.name_en, r.String("name_en", ""));
        ECOCIV_ASSIGN_OR_RETURN(b.per_event, r.Number("per_event", std::nullopt));
        ECOCIV_ASSIGN_OR_RETURN(b.cap, r.Number("cap", std::nullopt));
        ECOCIV_RETURN_IF_ERROR(CheckAmounts(r, b.per_event, b.cap));
        s->bonuses.push_back(b);
        return Status::Ok();
      }));
  return ForEachTable(root, file, "vetoes", [&](const Reader& r, const std::string& id) -> Status {
    Veto v;
    v.id = id;
    ECOCIV_ASSIGN_OR_RETURN(v.name, r.String("name", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(v.name_en, r.String("name_en", ""));
    ECOCIV_ASSIGN_OR_RETURN(int64_t count, r.Int("min_count", 1));
    if (count < 1) return r.Error("min_count", "must be at least 1");
    v.min_count = static_cast<int>(count);
    s->vetoes.push_back(v);
    return Status::Ok();
  });
}

Status ReadGrades(const toml::table& root, const std::string& file, Scheme* s) {
  if (root.contains("bonus")) {
    const toml::table* bonus = root["bonus"].as_table();
    if (!bonus) return InvalidArgumentError(file + ": bonus: expected a table");
    Reader r(file, "bonus.", *bonus);
    ECOCIV_ASSIGN_OR_RETURN(s->bonus_total_cap, r.Number("total_cap", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(s->bonus_max_share, r.OptionalNumber("max_share"));
    if (!IsShare(s->bonus_max_share)) return r.Error("max_share", "must be a share 0..1");
  } else if (!s->bonuses.empty()) {
    return InvalidArgumentError(file + ": bonus.total_cap: missing (the scheme has bonuses)");
  }
  const toml::array* grades = root["grades"].as_array();
  if (!grades || grades->empty()) {
    return InvalidArgumentError(file + ": grades: expected an array of tables, best first");
  }
  for (size_t i = 0; i < grades->size(); ++i) {
    const toml::table* table = (*grades)[i].as_table();
    std::string at = "grades[" + std::to_string(i) + "].";
    if (!table) return InvalidArgumentError(file + ": " + at + ": expected a table");
    Reader r(file, at, *table);
    Grade g;
    ECOCIV_ASSIGN_OR_RETURN(g.name, r.String("name", std::nullopt));
    ECOCIV_ASSIGN_OR_RETURN(g.name_en, r.String("name_en", ""));
    ECOCIV_ASSIGN_OR_RETURN(g.min_score, r.Number("min_score", Ratio()));
    ECOCIV_ASSIGN_OR_RETURN(int64_t max_rank, r.Int("max_rank", 0));
    if (max_rank < 0) return r.Error("max_rank", "must not be negative");
    g.max_rank = static_cast<int>(max_rank);
    ECOCIV_ASSIGN_OR_RETURN(g.max_share, r.OptionalNumber("max_share"));
    if (!IsShare(g.max_share)) return r.Error("max_share", "must be a share 0..1 (\"0.15\")");
    if (!s->grades.empty() && g.min_score > s->grades.back().min_score) {
      return r.Error("min_score", "grades must be listed best first");
    }
    s->grades.push_back(g);
  }
  const Grade& last = s->grades.back();
  if (last.min_score != Ratio() || last.max_rank != 0 || last.max_share) {
    return InvalidArgumentError(file + ": grades[" + std::to_string(grades->size() - 1) +
                                "]: the last grade takes everyone else: no min_score, max_rank "
                                "or max_share");
  }
  return Status::Ok();
}

// Items, deductions, bonuses and vetoes share one id namespace (events name them).
Status CheckUniqueIds(const std::string& file, const Scheme& s) {
  std::set<std::string> ids;
  std::vector<std::string> all;
  for (const Item& x : s.items) all.push_back(x.id);
  for (const Deduction& x : s.deductions) all.push_back(x.id);
  for (const Bonus& x : s.bonuses) all.push_back(x.id);
  for (const Veto& x : s.vetoes) all.push_back(x.id);
  for (const std::string& id : all) {
    if (!ids.insert(id).second) return InvalidArgumentError(file + ": " + id + ": id used twice");
  }
  return Status::Ok();
}

}  // namespace

const char* RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kLinear:
      return "linear";
    case RuleKind::kPerUnit:
      return "per_unit";
    case RuleKind::kMet:
      return "met";
    case RuleKind::kRank:
      return "rank";
    case RuleKind::kEfficacy:
      return "efficacy";
    case RuleKind::kManual:
      return "manual";
  }
  return "?";
}

const char* MissingPolicyName(MissingPolicy policy) {
  switch (policy) {
    case MissingPolicy::kZero:
      return "zero";
    case MissingPolicy::kMinimum:
      return "minimum";
    case MissingPolicy::kDrop:
      return "drop";
  }
  return "?";
}

const Item* Scheme::FindItem(const std::string& id) const { return FindById(items, id); }
const Group* Scheme::FindGroup(const std::string& id) const { return FindById(groups, id); }
const Deduction* Scheme::FindDeduction(const std::string& id) const {
  return FindById(deductions, id);
}
const Bonus* Scheme::FindBonus(const std::string& id) const { return FindById(bonuses, id); }
const Veto* Scheme::FindVeto(const std::string& id) const { return FindById(vetoes, id); }

StatusOr<Scheme> ParseScheme(const std::string& text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(file + ":" + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description()));
  }
  Scheme s;
  s.text = text;
  const toml::table* header = root["scheme"].as_table();
  if (!header) return InvalidArgumentError(file + ": scheme: missing [scheme] table");
  ECOCIV_RETURN_IF_ERROR(ReadHeader(Reader(file, "scheme.", *header), &s));
  ECOCIV_RETURN_IF_ERROR(ReadGroups(root, file, &s));
  if (s.groups.empty()) return InvalidArgumentError(file + ": groups: at least one group");
  ECOCIV_RETURN_IF_ERROR(
      ForEachTable(root, file, "items",
                   [&](const Reader& r, const std::string& id) { return ReadItem(r, id, &s); }));
  DeriveItemPoints(&s);
  DefaultMinimums(root, &s);
  ECOCIV_RETURN_IF_ERROR(CheckTotals(file, s));
  ECOCIV_RETURN_IF_ERROR(ReadAdjustments(root, file, &s));
  ECOCIV_RETURN_IF_ERROR(ReadGrades(root, file, &s));
  ECOCIV_RETURN_IF_ERROR(CheckUniqueIds(file, s));
  return s;
}

namespace {

struct SchemeText {
  std::string name;
  std::string origin;
  std::string text;
};

StatusOr<std::vector<SchemeText>> AllSchemeTexts(const std::string& override_dir) {
  std::vector<SchemeText> files;
  size_t count = 0;
  const EmbeddedFile* embedded = EmbeddedSchemeFiles(&count);
  for (size_t i = 0; i < count; ++i) {
    std::string name = embedded[i].path;
    files.push_back({name.substr(0, name.size() - 5), "built-in",
                     std::string(embedded[i].data, embedded[i].size)});
  }
  if (override_dir.empty()) return files;
  std::error_code ec;
  if (!std::filesystem::is_directory(override_dir, ec)) {
    return NotFoundError("--schemes " + override_dir + ": not a directory");
  }
  for (const auto& entry : std::filesystem::directory_iterator(override_dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(entry.path().string()));
    SchemeText file{entry.path().stem().string(), entry.path().string(), std::move(text)};
    auto it = std::find_if(files.begin(), files.end(),
                           [&](const SchemeText& f) { return f.name == file.name; });
    if (it != files.end()) {
      *it = std::move(file);
    } else {
      files.push_back(std::move(file));
    }
  }
  if (ec) return NotFoundError("--schemes " + override_dir + ": " + ec.message());
  return files;
}

}  // namespace

StatusOr<std::vector<std::string>> ListSchemes(const std::string& override_dir) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<SchemeText> files, AllSchemeTexts(override_dir));
  std::vector<std::string> names;
  for (const SchemeText& f : files) names.push_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

StatusOr<Scheme> LoadScheme(const std::string& name_or_path, const std::string& override_dir) {
  if (name_or_path.size() > 5 && name_or_path.ends_with(".toml")) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(name_or_path));
    ECOCIV_ASSIGN_OR_RETURN(Scheme scheme, ParseScheme(text, name_or_path));
    scheme.origin = name_or_path;
    return scheme;
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<SchemeText> files, AllSchemeTexts(override_dir));
  for (const SchemeText& f : files) {
    if (f.name != name_or_path) continue;
    ECOCIV_ASSIGN_OR_RETURN(Scheme scheme, ParseScheme(f.text, f.name + ".toml"));
    scheme.origin = f.origin;
    return scheme;
  }
  std::string names;
  for (const SchemeText& f : files) names += " " + f.name;
  return NotFoundError("unknown scheme " + QuoteForMessage(name_or_path) + " (available:" + names +
                       ")");
}

int64_t QuotaCount(const Ratio& share, int64_t subjects, QuotaRounding rounding) {
  Ratio exact = share * Ratio::Integer(subjects);
  int64_t floor = static_cast<int64_t>(FloorDiv(exact.num, exact.den));
  switch (rounding) {
    case QuotaRounding::kFloor:
      return floor;
    case QuotaRounding::kRound:
      return static_cast<int64_t>(FloorDiv(2 * exact.num + exact.den, 2 * exact.den));
    case QuotaRounding::kAtLeastOne:
      return exact.num > 0 && subjects > 0 ? std::max<int64_t>(floor, 1) : floor;
  }
  return floor;
}

}  // namespace ecociv::scoring
