#include "ecociv/water/realtime.h"

#include <toml++/toml.h>
#include <algorithm>
#include <numeric>
#include <tuple>

#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"

namespace ecociv::water {
namespace {

constexpr const char* kKind = "surface-water-realtime";

// Reads one real-time rule file; errors name the file and the key.
class RuleFileReader {
 public:
  RuleFileReader(std::string file, const toml::table& root, const WaterRules& rules)
      : file_(std::move(file)), root_(root), rules_(rules) {}

  Status Error(const std::string& key, const std::string& what) const {
    return InvalidArgumentError("standards file " + file_ + ": " + key + ": " + what);
  }
  StatusOr<std::string> String(const std::string& path) const {
    if (auto v = root_.at_path(path).value<std::string>()) return *v;
    return Error(path, "expected a string");
  }
  StatusOr<std::vector<std::string>> Strings(const std::string& path) const {
    const toml::array* array = root_.at_path(path).as_array();
    if (!array) return Error(path, "expected an array of strings");
    std::vector<std::string> out;
    for (const toml::node& element : *array) {
      auto v = element.value<std::string>();
      if (!v) return Error(path, "expected an array of strings");
      out.push_back(*v);
    }
    return out;
  }
  StatusOr<int> Choice(const std::string& path, const std::vector<std::string>& choices) const {
    ECOCIV_ASSIGN_OR_RETURN(std::string value, String(path));
    auto it = std::find(choices.begin(), choices.end(), value);
    if (it == choices.end()) {
      std::string known;
      for (const std::string& c : choices) known += (known.empty() ? "" : ", ") + c;
      return Error(path, "unknown option '" + value + "' (known: " + known + ")");
    }
    return static_cast<int>(it - choices.begin());
  }
  // An optional date; `fallback` when the key is absent.
  StatusOr<DayNumber> Date(const std::string& path, DayNumber fallback) const {
    if (!root_.at_path(path)) return fallback;
    ECOCIV_ASSIGN_OR_RETURN(std::string text, String(path));
    auto day = ParseDate(text);
    if (!day.ok()) return Error(path, "expected a date YYYY-MM-DD, got '" + text + "'");
    return *day;
  }
  StatusOr<int> Item(const std::string& path, const std::string& id) const {
    int index = rules_.IndexOf(id);
    if (index < 0) return Error(path, "unknown item '" + id + "'");
    return index;
  }
  // decimals per judged item from the table at `path` (0..6 each).
  StatusOr<std::vector<int>> Decimals(const std::string& path, const std::vector<int>& items) const {
    const toml::table* table = root_.at_path(path).as_table();
    if (!table) return Error(path, "expected a table { item = decimals, ... }");
    std::vector<int> out;
    for (int item : items) {
      const std::string& id = rules_.item(item).id;
      auto d = (*table)[id].value<int64_t>();
      if (!d || *d < 0 || *d > kWaterDecimals) return Error(path + "." + id, "expected 0..6");
      out.push_back(static_cast<int>(*d));
    }
    for (const auto& [key, node] : *table) {
      int index = rules_.IndexOf(key.str());
      if (index < 0 || std::find(items.begin(), items.end(), index) == items.end()) {
        return Error(path + "." + std::string(key.str()), "not a judged item");
      }
    }
    return out;
  }
  const toml::table& root() const { return root_; }

 private:
  std::string file_;
  const toml::table& root_;
  const WaterRules& rules_;
};

StatusOr<RealtimeRules> ReadRealtime(const RuleFileReader& r, const WaterRules& rules) {
  RealtimeRules rt;
  ECOCIV_ASSIGN_OR_RETURN(rt.id, r.String("edition.id"));
  ECOCIV_ASSIGN_OR_RETURN(rt.title, r.String("edition.title"));
  ECOCIV_ASSIGN_OR_RETURN(rt.observed, r.String("edition.observed"));
  ECOCIV_ASSIGN_OR_RETURN(rt.applies_from, r.Date("edition.applies_from", INT_MIN));
  ECOCIV_ASSIGN_OR_RETURN(rt.applies_until, r.Date("edition.applies_until", INT_MAX));
  if (rt.applies_until <= rt.applies_from) {
    return r.Error("edition.applies_until", "not after applies_from");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> ids, r.Strings("judging.items"));
  if (ids.empty()) return r.Error("judging.items", "no item");
  for (const std::string& id : ids) {
    ECOCIV_ASSIGN_OR_RETURN(int item, r.Item("judging.items", id));
    const WaterItem& w = rules.item(item);
    if (w.kind == LimitKind::kNone) {
      return r.Error("judging.items", "item '" + id + "' has no class limits");
    }
    if (std::find(rt.items.begin(), rt.items.end(), item) != rt.items.end()) {
      return r.Error("judging.items", "item '" + id + "' listed twice");
    }
    rt.items.push_back(item);
  }
  ECOCIV_ASSIGN_OR_RETURN(int rounding, r.Choice("judging.rounding", {"half_even", "none"}));
  rt.rounding = static_cast<RealtimeRounding>(rounding);
  if (rt.rounding == RealtimeRounding::kHalfEven) {
    ECOCIV_ASSIGN_OR_RETURN(rt.decimals, r.Decimals("judging.decimals", rt.items));
  } else {
    if (r.root().at_path("judging.decimals")) {
      return r.Error("judging.decimals", "given with rounding = \"none\"");
    }
    rt.decimals.assign(rt.items.size(), kWaterDecimals);
  }
  ECOCIV_ASSIGN_OR_RETURN(rt.display_decimals, r.Decimals("display.decimals", rt.items));
  ECOCIV_ASSIGN_OR_RETURN(int lake, r.Choice("judging.lake_limits", {"by_type", "river"}));
  rt.lake_limits = static_cast<LakeLimitsRule>(lake);
  ECOCIV_ASSIGN_OR_RETURN(int missing,
                          r.Choice("missing.judged_item", {"no_class", "present_items"}));
  rt.missing = static_cast<MissingItemRule>(missing);
  ECOCIV_ASSIGN_OR_RETURN(rt.maintenance_statuses, r.Strings("maintenance.statuses"));
  ECOCIV_ASSIGN_OR_RETURN(int maintenance, r.Choice("maintenance.rule", {"classify", "no_class"}));
  rt.maintenance = static_cast<MaintenanceRule>(maintenance);
  ECOCIV_ASSIGN_OR_RETURN(int below, r.Choice("below_detection.value", {"half", "zero", "limit"}));
  rt.below_detection = static_cast<BelowDetectionMean>(below);
  const toml::table* written = r.root().at_path("below_detection.written").as_table();
  if (!written) return r.Error("below_detection.written", "expected a table { item = \"0.025\" }");
  for (const auto& [key, node] : *written) {
    const std::string path = "below_detection.written." + std::string(key.str());
    ECOCIV_ASSIGN_OR_RETURN(int item, r.Item(path, std::string(key.str())));
    auto text = node.value<std::string>();
    int64_t scaled = 0;
    bool rounded = false;
    if (!text || !ParseScaledDecimal(*text, kWaterDecimals, &scaled, &rounded) || rounded ||
        scaled < 0) {
      return r.Error(path, "expected a decimal string with at most 6 places");
    }
    rt.written_below_detection.emplace_back(item, scaled);
  }
  struct Words {
    const char* key;
    std::vector<std::string>* target;
  };
  SectionTypeWords& w = rt.section_type;
  const Words kWords[] = {{"river_name_river_contains", &w.river_name_river_contains},
                          {"river_name_river_ends", &w.river_name_river_ends},
                          {"river_name_lake_contains", &w.river_name_lake_contains},
                          {"river_name_lake_ends", &w.river_name_lake_ends},
                          {"section_name_lake_contains", &w.section_name_lake_contains},
                          {"reservoir_contains", &w.reservoir_contains}};
  for (const Words& words : kWords) {
    const std::string path = std::string("section_type.") + words.key;
    ECOCIV_ASSIGN_OR_RETURN(*words.target, r.Strings(path));
    for (const std::string& word : *words.target) {
      if (word.empty()) return r.Error(path, "an empty word matches every name");
    }
  }
  return rt;
}

bool Contains(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return text.find(w) != std::string_view::npos; });
}

bool EndsWith(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return text.size() >= w.size() && text.substr(text.size() - w.size()) == w;
  });
}

// The value a samples-file sample gives to judging: below-detection values by
// the edition's rule (a bare ND counts as 0).
Ratio SampleValue(const Sample& s, BelowDetectionMean rule) {
  if (!s.below_detection) return WaterValue(s.value);
  if (!s.limit_known) return Ratio();
  switch (rule) {
    case BelowDetectionMean::kHalf:
      return Ratio::Of(s.value, 2 * kWaterScale);
    case BelowDetectionMean::kZero:
      return Ratio();
    case BelowDetectionMean::kLimit:
      return WaterValue(s.value);
  }
  return WaterValue(s.value);
}

}  // namespace

int RealtimeRules::JudgedIndex(int item) const {
  auto it = std::find(items.begin(), items.end(), item);
  return it == items.end() ? -1 : static_cast<int>(it - items.begin());
}

bool RealtimeRules::IsMaintenance(std::string_view status) const {
  std::string_view s = TrimSpaces(status);
  return !s.empty() && std::find(maintenance_statuses.begin(), maintenance_statuses.end(), s) !=
                           maintenance_statuses.end();
}

Ratio RealtimeRules::Judged(int judged, const Ratio& value) const {
  return rounding == RealtimeRounding::kHalfEven ? RoundedRatio(value, decimals[judged]) : value;
}

StatusOr<RealtimeEditions> RealtimeEditions::FromTexts(
    const std::map<std::string, std::string>& texts, const WaterRules& rules) {
  RealtimeEditions out;
  for (const auto& [name, text] : texts) {
    // Only files that declare the kind are parsed here; the others belong to
    // other loaders, which report their own errors.
    if (text.find(kKind) == std::string::npos) continue;
    toml::table table;
    try {
      table = toml::parse(text, std::string_view(name));
    } catch (const toml::parse_error& e) {
      return InvalidArgumentError("standards file " + name + ":" +
                                  std::to_string(e.source().begin.line) + ": " +
                                  std::string(e.description()));
    }
    if (table["edition"]["kind"].value_or(std::string()) != kKind) continue;
    ECOCIV_ASSIGN_OR_RETURN(RealtimeRules rt, ReadRealtime(RuleFileReader(name, table, rules), rules));
    if (out.Find(rt.id)) {
      return InvalidArgumentError("standards file " + name + ": edition.id: '" + rt.id +
                                  "' is defined twice");
    }
    out.editions_.push_back(std::move(rt));
  }
  std::sort(out.editions_.begin(), out.editions_.end(),
            [](const RealtimeRules& a, const RealtimeRules& b) {
              return std::tie(a.applies_from, a.id) < std::tie(b.applies_from, b.id);
            });
  for (size_t i = 1; i < out.editions_.size(); ++i) {
    const RealtimeRules& a = out.editions_[i - 1];
    const RealtimeRules& b = out.editions_[i];
    if (b.applies_from < a.applies_until) {
      return InvalidArgumentError("standards: real-time editions " + a.id + " and " + b.id +
                                  " cover the same dates");
    }
  }
  return out;
}

StatusOr<RealtimeEditions> RealtimeEditions::Load(const std::string& override_dir,
                                                  const WaterRules& rules) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StandardFile> files, LoadStandardFiles(override_dir));
  std::map<std::string, std::string> texts;
  for (StandardFile& file : files) texts[file.name] = std::move(file.text);
  return FromTexts(texts, rules);
}

const RealtimeRules* RealtimeEditions::Find(std::string_view id) const {
  for (const RealtimeRules& e : editions_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

Status RealtimeEditions::CheckForced(const std::string& forced) const {
  if (forced.empty() || forced == "auto" || Find(forced)) return Status::Ok();
  std::string known;
  for (const RealtimeRules& e : editions_) known += ", " + e.id;
  return InvalidArgumentError("--standard " + forced + ": unknown real-time edition (known: auto" +
                              known + ")");
}

StatusOr<const RealtimeRules*> RealtimeEditions::For(DayNumber day,
                                                     const std::string& forced) const {
  ECOCIV_RETURN_IF_ERROR(CheckForced(forced));
  if (!forced.empty() && forced != "auto") return Find(forced);
  for (const RealtimeRules& e : editions_) {
    if (day >= e.applies_from && day < e.applies_until) return &e;
  }
  return NotFoundError("no real-time rule file (kind = \"surface-water-realtime\") applies to " +
                       FormatDate(day) + "; name one with --standard");
}

const char* NoClassReasonName(NoClassReason reason) {
  switch (reason) {
    case NoClassReason::kNone:
      return "";
    case NoClassReason::kMissingItem:
      return "missing_item";
    case NoClassReason::kMaintenance:
      return "maintenance";
    case NoClassReason::kNoJudgedItem:
      return "no_judged_item";
  }
  return "";
}

SampleJudgement JudgeSample(const WaterRules& rules, const RealtimeRules& rt, WaterBody body,
                            const SampleValues& sample) {
  SampleJudgement out;
  out.body = body;
  const WaterBody limits_body = rt.lake_limits == LakeLimitsRule::kByType ? body : WaterBody::kRiver;
  for (size_t j = 0; j < rt.items.size(); ++j) {
    const int item = rt.items[j];
    const std::optional<Ratio>& v =
        item < static_cast<int>(sample.values.size()) ? sample.values[item] : std::nullopt;
    if (!v) {
      out.missing.push_back(item);
      continue;
    }
    ItemResult r;
    r.item = item;
    r.samples = 1;
    r.mean = *v;
    r.value = rt.Judged(static_cast<int>(j), *v);
    r.cls = ClassifyValue(rules.item(item), r.value, limits_body);
    r.multiple = ExceedanceMultiple(rules.item(item), r.value, limits_body,
                                    rules.options().multiple_basis);
    out.items.push_back(r);
  }
  if (sample.maintenance && rt.maintenance == MaintenanceRule::kNoClass) {
    out.no_class = NoClassReason::kMaintenance;
  } else if (!out.missing.empty() && rt.missing == MissingItemRule::kNoClass) {
    out.no_class = NoClassReason::kMissingItem;
  } else if (out.items.empty()) {
    out.no_class = NoClassReason::kNoJudgedItem;
  } else {
    WaterClass worst = WaterClass::kI;
    for (const ItemResult& r : out.items) worst = std::max(worst, *r.cls);
    out.cls = worst;
    out.main_pollutants = RankMainPollutants(rules, out.items);
  }
  return out;
}

WaterBody GuessWaterBody(const SectionTypeWords& words, std::string_view river,
                         std::string_view section) {
  river = TrimSpaces(river);
  section = TrimSpaces(section);
  bool lake = false;
  if (!river.empty()) {
    if (Contains(river, words.river_name_river_contains) ||
        EndsWith(river, words.river_name_river_ends)) {
      return WaterBody::kRiver;
    }
    lake = Contains(river, words.river_name_lake_contains) ||
           EndsWith(river, words.river_name_lake_ends);
  } else {
    lake = Contains(section, words.section_name_lake_contains);
  }
  if (!lake) return WaterBody::kRiver;
  return Contains(river, words.reservoir_contains) || Contains(section, words.reservoir_contains)
             ? WaterBody::kReservoir
             : WaterBody::kLake;
}

std::string FormatSampleTime(DayNumber day, int minute) {
  std::string out = FormatDate(day);
  if (minute < 0) return out;
  char buf[32];
  std::snprintf(buf, sizeof buf, " %02d:%02d", (minute / 60) % 100, minute % 60);
  return out + buf;
}

StatusOr<std::vector<SampleClassRow>> ClassifySamples(const WaterRules& rules,
                                                      const RealtimeEditions& editions,
                                                      const SampleSet& set,
                                                      const std::string& forced, DayNumber from,
                                                      DayNumber to) {
  ECOCIV_RETURN_IF_ERROR(editions.CheckForced(forced));
  const std::vector<Sample>& samples = set.samples;
  std::vector<size_t> order;
  for (size_t i = 0; i < samples.size(); ++i) {
    if (samples[i].day >= from && samples[i].day <= to) order.push_back(i);
  }
  auto key = [&](size_t i) {
    const Sample& s = samples[i];
    return std::make_tuple(s.section, s.day, s.minute, s.item);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  std::vector<SampleClassRow> rows;
  for (size_t begin = 0; begin < order.size();) {
    const Sample& first = samples[order[begin]];
    size_t end = begin;
    while (end < order.size() && samples[order[end]].section == first.section &&
           samples[order[end]].day == first.day && samples[order[end]].minute == first.minute) {
      ++end;
    }
    const Section& section = set.sections[first.section];
    ECOCIV_ASSIGN_OR_RETURN(const RealtimeRules* rt, editions.For(first.day, forced));
    SampleValues values;
    values.values.resize(rules.items().size());
    for (size_t k = begin; k < end; ++k) {
      const Sample& s = samples[order[k]];
      if (values.values[s.item]) {
        return InvalidArgumentError("samples: section " + section.id + " at " +
                                    FormatSampleTime(s.day, s.minute) + ": two values of " +
                                    rules.item(s.item).name);
      }
      values.values[s.item] = SampleValue(s, rt->below_detection);
    }
    SampleClassRow row;
    row.section = first.section;
    row.day = first.day;
    row.minute = first.minute;
    row.rules = rt;
    row.judgement = JudgeSample(rules, *rt, section.type, values);
    for (size_t item = 0; item < values.values.size(); ++item) {
      if (!values.values[item] || rt->JudgedIndex(static_cast<int>(item)) >= 0) continue;
      ItemResult other;
      other.item = static_cast<int>(item);
      other.samples = 1;
      other.mean = other.value = *values.values[item];
      row.other_items.push_back(other);
    }
    rows.push_back(std::move(row));
    begin = end;
  }
  return rows;
}

}  // namespace ecociv::water
