#include "ecociv/water/rules.h"

#include <toml++/toml.h>
#include <algorithm>

#include "ecociv/core/message_text.h"
#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"

namespace ecociv::water {
namespace {

constexpr const char* kStandardFile = "gb3838-2002.toml";
constexpr const char* kAssessmentFile = "sw-assessment-2011.toml";
constexpr const char* kCwqiFile = "cwqi-2017.toml";
constexpr const char* kTliFile = "tli.toml";

// Lower-cases ASCII and drops spaces so "NH3-N", "nh3-n " and "Nh3-N" match.
std::string Normalise(std::string_view text) {
  std::string out;
  for (char c : TrimSpaces(text)) {
    if (c == ' ') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// Reads TOML values with errors that name the file and the key.
class TomlReader {
 public:
  TomlReader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

  Status Error(const std::string& key, const std::string& what) const {
    return InvalidArgumentError(file_ + ": " + key + ": " + what);
  }

  StatusOr<std::string> String(const toml::node_view<const toml::node>& node,
                               const std::string& key) const {
    if (auto v = node.value<std::string>()) return *v;
    return Error(key, "expected a string");
  }
  StatusOr<int64_t> Int(const std::string& path) const {
    if (auto v = root_.at_path(path).value<int64_t>()) return *v;
    return Error(path, "expected an integer");
  }
  StatusOr<bool> Bool(const std::string& path) const {
    if (auto v = root_.at_path(path).value<bool>()) return *v;
    return Error(path, "expected true or false");
  }
  StatusOr<std::string> String(const std::string& path) const {
    return String(root_.at_path(path), path);
  }
  StatusOr<std::vector<std::string>> Strings(const toml::node_view<const toml::node>& node,
                                             const std::string& key) const {
    const toml::array* array = node.as_array();
    if (!array) return Error(key, "expected an array of strings");
    std::vector<std::string> out;
    for (const toml::node& element : *array) {
      auto v = element.value<std::string>();
      if (!v) return Error(key, "expected an array of strings");
      out.push_back(*v);
    }
    return out;
  }
  StatusOr<std::vector<std::string>> Strings(const std::string& path) const {
    return Strings(root_.at_path(path), path);
  }
  // An exact decimal written as a string ("0.00005").
  StatusOr<int64_t> Decimal(const std::string& text, const std::string& key) const {
    int64_t scaled = 0;
    bool rounded = false;
    if (!ParseScaledDecimal(text, kWaterDecimals, &scaled, &rounded) || rounded) {
      return Error(key, QuoteForMessage(text) + " is not a decimal with at most 6 places");
    }
    return scaled;
  }
  // One of `choices`, returned as its index.
  StatusOr<int> Choice(const std::string& path, const std::vector<std::string>& choices) const {
    ECOCIV_ASSIGN_OR_RETURN(std::string value, String(path));
    auto it = std::find(choices.begin(), choices.end(), value);
    if (it == choices.end()) return Error(path, "unknown option " + QuoteForMessage(value));
    return static_cast<int>(it - choices.begin());
  }
  const toml::table& root() const { return root_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  const toml::table& root_;
};

StatusOr<std::array<int64_t, 5>> ReadLimits(const TomlReader& reader,
                                            const toml::node_view<const toml::node>& node,
                                            const std::string& key) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> texts, reader.Strings(node, key));
  if (texts.size() != 5) return reader.Error(key, "expected 5 class limits (I..V)");
  std::array<int64_t, 5> limits{};
  for (int i = 0; i < 5; ++i) {
    ECOCIV_ASSIGN_OR_RETURN(limits[i], reader.Decimal(texts[i], key));
  }
  return limits;
}

StatusOr<WaterItem> ReadItem(const TomlReader& reader, const toml::table& table, int index) {
  std::string key = "items[" + std::to_string(index) + "]";
  toml::node_view<const toml::node> node(table);
  WaterItem item;
  ECOCIV_ASSIGN_OR_RETURN(item.id, reader.String(node["id"], key + ".id"));
  key = "items." + item.id;
  ECOCIV_ASSIGN_OR_RETURN(item.name, reader.String(node["name"], key + ".name"));
  ECOCIV_ASSIGN_OR_RETURN(item.symbol, reader.String(node["symbol"], key + ".symbol"));
  ECOCIV_ASSIGN_OR_RETURN(item.hj212, reader.String(node["hj212"], key + ".hj212"));
  ECOCIV_ASSIGN_OR_RETURN(item.unit, reader.String(node["unit"], key + ".unit"));
  ECOCIV_ASSIGN_OR_RETURN(item.aliases, reader.Strings(node["aliases"], key + ".aliases"));
  ECOCIV_ASSIGN_OR_RETURN(std::string kind, reader.String(node["kind"], key + ".kind"));
  if (kind == "max" || kind == "min") {
    item.kind = kind == "max" ? LimitKind::kMax : LimitKind::kMin;
    ECOCIV_ASSIGN_OR_RETURN(item.limits, ReadLimits(reader, node["limits"], key + ".limits"));
    if (node["lake_limits"]) {
      ECOCIV_ASSIGN_OR_RETURN(item.lake_limits,
                              ReadLimits(reader, node["lake_limits"], key + ".lake_limits"));
    }
  } else if (kind == "range") {
    item.kind = LimitKind::kRange;
    ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> range,
                            reader.Strings(node["range"], key + ".range"));
    if (range.size() != 2) return reader.Error(key + ".range", "expected [low, high]");
    ECOCIV_ASSIGN_OR_RETURN(item.range_low, reader.Decimal(range[0], key + ".range"));
    ECOCIV_ASSIGN_OR_RETURN(item.range_high, reader.Decimal(range[1], key + ".range"));
  } else if (kind == "none") {
    item.kind = LimitKind::kNone;
  } else {
    return reader.Error(key + ".kind", "unknown kind " + QuoteForMessage(kind));
  }
  return item;
}

Status ReadItems(const TomlReader& reader, std::vector<WaterItem>* items) {
  const toml::array* array = reader.root()["items"].as_array();
  if (!array) return reader.Error("items", "expected [[items]] tables");
  int index = 0;
  for (const toml::node& node : *array) {
    const toml::table* table = node.as_table();
    if (!table) return reader.Error("items", "expected [[items]] tables");
    ECOCIV_ASSIGN_OR_RETURN(WaterItem item, ReadItem(reader, *table, index++));
    items->push_back(std::move(item));
  }
  return Status::Ok();
}

StatusOr<WaterBody> ParseBodyName(const std::string& text) {
  if (text == "river") return WaterBody::kRiver;
  if (text == "lake") return WaterBody::kLake;
  if (text == "reservoir") return WaterBody::kReservoir;
  return InvalidArgumentError("unknown water body type " + QuoteForMessage(text));
}

}  // namespace

const char* ClassLabel(WaterClass c) {
  static const char* const kLabels[] = {"I", "II", "III", "IV", "V", "劣V"};
  return kLabels[static_cast<int>(c) - 1];
}

std::optional<WaterClass> ParseClass(std::string_view text) {
  std::string t(TrimSpaces(text));
  if (t.size() > 3 && t.compare(t.size() - 3, 3, "类") == 0) t.resize(t.size() - 3);
  static const std::pair<const char*, WaterClass> kForms[] = {
      {"I", WaterClass::kI},           {"II", WaterClass::kII},
      {"III", WaterClass::kIII},       {"IV", WaterClass::kIV},
      {"V", WaterClass::kV},           {"1", WaterClass::kI},
      {"2", WaterClass::kII},          {"3", WaterClass::kIII},
      {"4", WaterClass::kIV},          {"5", WaterClass::kV},
      {"Ⅰ", WaterClass::kI},           {"Ⅱ", WaterClass::kII},
      {"Ⅲ", WaterClass::kIII},         {"Ⅳ", WaterClass::kIV},
      {"Ⅴ", WaterClass::kV},           {"劣V", WaterClass::kWorseThanV},
      {"劣Ⅴ", WaterClass::kWorseThanV}};
  for (const auto& [form, value] : kForms) {
    if (t == form) return value;
  }
  return std::nullopt;
}

const char* WaterBodyName(WaterBody body) {
  switch (body) {
    case WaterBody::kRiver:
      return "river";
    case WaterBody::kLake:
      return "lake";
    case WaterBody::kReservoir:
      return "reservoir";
  }
  return "river";
}

int WaterRules::IndexOf(std::string_view id) const {
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int WaterRules::Recognise(std::string_view text) const {
  auto it = lookup_.find(Normalise(text));
  return it == lookup_.end() ? -1 : it->second;
}

StatusOr<WaterRules> WaterRules::Load(const std::string& override_dir) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StandardFile> files, LoadStandardFiles(override_dir));
  std::map<std::string, std::string> texts;
  std::vector<std::string> origins;
  for (StandardFile& file : files) {
    if (file.name == kStandardFile || file.name == kAssessmentFile || file.name == kCwqiFile ||
        file.name == kTliFile) {
      origins.push_back(file.name + " (" + file.origin + ")");
      texts[file.name] = std::move(file.text);
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(WaterRules rules, FromTexts(texts));
  rules.editions_ = std::move(origins);
  return rules;
}

namespace {

Status ReadAssessment(const TomlReader& r, std::vector<WaterItem>* items, WaterOptions* o,
                      std::array<StatusWord, 6>* status) {
  auto index_of = [&](const std::string& id) {
    for (size_t i = 0; i < items->size(); ++i) {
      if ((*items)[i].id == id) return static_cast<int>(i);
    }
    return -1;
  };
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> evaluated, r.Strings("items.evaluated"));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> separate, r.Strings("items.separate"));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> no_multiple,
                          r.Strings("exceedance.no_multiple"));
  for (const std::string& id : evaluated) {
    int i = index_of(id);
    if (i < 0) return r.Error("items.evaluated", "unknown item " + QuoteForMessage(id));
    if ((*items)[i].kind == LimitKind::kNone) {
      return r.Error("items.evaluated", "item " + QuoteForMessage(id) + " has no class limits");
    }
    (*items)[i].evaluated = true;
  }
  for (const std::string& id : separate) {
    int i = index_of(id);
    if (i < 0) return r.Error("items.separate", "unknown item " + QuoteForMessage(id));
    (*items)[i].separate = true;
  }
  for (WaterItem& item : *items) {
    item.has_multiple =
        item.kind != LimitKind::kNone &&
        std::find(no_multiple.begin(), no_multiple.end(), item.id) == no_multiple.end();
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> tn_for, r.Strings("items.tn_class_for"));
  o->tn_class_for.clear();
  for (const std::string& body : tn_for) {
    auto parsed = ParseBodyName(body);
    if (!parsed.ok()) return r.Error("items.tn_class_for", parsed.status().message());
    o->tn_class_for.push_back(*parsed);
  }

  static const char* const kStatusKeys[] = {"I", "II", "III", "IV", "V", "worse_than_V"};
  for (int c = 0; c < 6; ++c) {
    std::string key = std::string("status.") + kStatusKeys[c];
    ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> entry, r.Strings(key));
    if (entry.size() != 3) return r.Error(key, "expected [word, colour, Chinese colour]");
    (*status)[c] = {entry[0], entry[1], entry[2]};
  }

  ECOCIV_ASSIGN_OR_RETURN(int period_mean, r.Choice("period.mean", {"samples", "monthly_means"}));
  o->period_mean = static_cast<PeriodMean>(period_mean);
  ECOCIV_ASSIGN_OR_RETURN(int ph_mean, r.Choice("period.ph_mean", {"arithmetic", "hydrogen_ion"}));
  o->ph_mean = static_cast<PhMean>(ph_mean);
  ECOCIV_ASSIGN_OR_RETURN(o->round_before_classification,
                          r.Bool("period.round_before_classification"));
  ECOCIV_ASSIGN_OR_RETURN(int dl_mean,
                          r.Choice("below_detection.mean_value", {"half", "zero", "limit"}));
  o->below_dl_mean = static_cast<BelowDetectionMean>(dl_mean);
  ECOCIV_ASSIGN_OR_RETURN(o->cap_class_at_limit, r.Bool("below_detection.cap_class_at_limit"));
  ECOCIV_ASSIGN_OR_RETURN(int nd, r.Choice("below_detection.nd_without_limit", {"zero", "error"}));
  o->nd_without_limit_is_error = nd == 1;

  ECOCIV_ASSIGN_OR_RETURN(int64_t basis, r.Int("exceedance.basis_class"));
  if (basis < 1 || basis > 5) return r.Error("exceedance.basis_class", "expected 1..5");
  o->multiple_basis = static_cast<WaterClass>(basis);
  ECOCIV_ASSIGN_OR_RETURN(int64_t multiple_decimals, r.Int("exceedance.multiple_decimals"));
  o->multiple_decimals = static_cast<int>(multiple_decimals);
  ECOCIV_ASSIGN_OR_RETURN(int main_rule, r.Choice("exceedance.main_pollutants_rule",
                                                  {"multiple", "class_then_multiple"}));
  o->main_rule = static_cast<MainPollutantsRule>(main_rule);
  ECOCIV_ASSIGN_OR_RETURN(int64_t max_main, r.Int("exceedance.max_main_pollutants"));
  o->max_main_pollutants = static_cast<int>(max_main);
  ECOCIV_ASSIGN_OR_RETURN(int in_main,
                          r.Choice("exceedance.no_multiple_in_main", {"exclude", "after"}));
  o->no_multiple_in_main = in_main == 1;

  struct IntOption {
    const char* path;
    int* target;
  };
  const IntOption kRiver[] = {{"river.share_method_min_sections", &o->share_method_min_sections},
                              {"river.excellent_min_share", &o->excellent_min_share},
                              {"river.good_min_share", &o->good_min_share},
                              {"river.light_max_worse_than_v", &o->light_max_worse_than_v},
                              {"river.heavy_min_worse_than_v", &o->heavy_min_worse_than_v},
                              {"river.heavy_max_good_share", &o->heavy_max_good_share},
                              {"river.share_decimals", &o->share_decimals}};
  for (const IntOption& option : kRiver) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t value, r.Int(option.path));
    *option.target = static_cast<int>(value);
  }

  for (WaterItem& item : *items) {
    if (auto d = r.root().at_path("decimals." + item.id).value<int64_t>()) {
      if (*d < 0 || *d > kWaterDecimals) return r.Error("decimals." + item.id, "expected 0..6");
      item.decimals = static_cast<int>(*d);
    } else if (item.kind != LimitKind::kNone || item.evaluated) {
      return r.Error("decimals." + item.id, "missing");
    }
  }
  return Status::Ok();
}

Status ReadCwqi(const TomlReader& r, WaterOptions* o) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t basis, r.Int("index.basis_class"));
  if (basis < 1 || basis > 5) return r.Error("index.basis_class", "expected 1..5");
  o->cwqi_basis = static_cast<WaterClass>(basis);
  const std::pair<const char*, Ratio*> kPh[] = {{"index.ph_neutral", &o->cwqi_ph_neutral},
                                                {"index.ph_low", &o->cwqi_ph_low},
                                                {"index.ph_high", &o->cwqi_ph_high}};
  for (const auto& [path, target] : kPh) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, r.String(path));
    ECOCIV_ASSIGN_OR_RETURN(int64_t scaled, r.Decimal(text, path));
    *target = WaterValue(scaled);
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> inverse, r.Strings("index.inverse"));
  if (inverse != std::vector<std::string>{"do"}) {
    return r.Error("index.inverse", "only [\"do\"] is supported");
  }
  ECOCIV_ASSIGN_OR_RETURN(o->cwqi_use_rounded_means, r.Bool("index.use_rounded_means"));
  ECOCIV_ASSIGN_OR_RETURN(int64_t decimals, r.Int("index.decimals"));
  o->cwqi_decimals = static_cast<int>(decimals);
  ECOCIV_ASSIGN_OR_RETURN(int city,
                          r.Choice("combine.city", {"section_weighted", "river_only", "pooled"}));
  o->cwqi_city = static_cast<CityCwqi>(city);
  ECOCIV_ASSIGN_OR_RETURN(int64_t delta, r.Int("combine.delta_decimals"));
  o->delta_cwqi_decimals = static_cast<int>(delta);
  return Status::Ok();
}

Status ReadTli(const TomlReader& r, WaterOptions* o, std::vector<TliParameter>* params) {
  static const char* const kParams[] = {"chla", "tp", "tn", "sd", "codmn"};
  for (const char* id : kParams) {
    std::string key = std::string("parameters.") + id;
    ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> v, r.Strings(key));
    if (v.size() != 3) return r.Error(key, "expected [r, a, b]");
    TliParameter p{id};
    if (!ParseDouble(v[0], &p.r) || !ParseDouble(v[1], &p.a) || !ParseDouble(v[2], &p.b)) {
      return r.Error(key, "expected decimal strings");
    }
    params->push_back(p);
  }
  const std::pair<const char*, int*> kInts[] = {{"classes.decimals", &o->tli_decimals},
                                                {"classes.min_parameters", &o->tli_min_parameters}};
  for (const auto& [path, target] : kInts) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t value, r.Int(path));
    *target = static_cast<int>(value);
  }
  ECOCIV_ASSIGN_OR_RETURN(o->tli_require_chla, r.Bool("classes.require_chla"));
  // The class bounds are fixed by the regulation; check the file agrees.
  const std::pair<const char*, int64_t> kBounds[] = {{"classes.oligotrophic_below", 30},
                                                     {"classes.mesotrophic_max", 50},
                                                     {"classes.light_eutrophic_max", 60},
                                                     {"classes.moderate_eutrophic_max", 70}};
  for (const auto& [path, expected] : kBounds) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t value, r.Int(path));
    if (value != expected)
      return r.Error(path, "only " + std::to_string(expected) + " is supported");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<WaterRules> WaterRules::FromTexts(const std::map<std::string, std::string>& texts) {
  std::map<std::string, toml::table> tables;
  for (const char* name : {kStandardFile, kAssessmentFile, kCwqiFile, kTliFile}) {
    auto it = texts.find(name);
    if (it == texts.end()) return NotFoundError(std::string("standards: missing ") + name);
    try {
      tables[name] = toml::parse(it->second, std::string_view(name));
    } catch (const toml::parse_error& e) {
      return InvalidArgumentError(std::string(name) + ":" + std::to_string(e.source().begin.line) +
                                  ": " + std::string(e.description()));
    }
  }
  WaterRules rules;
  ECOCIV_RETURN_IF_ERROR(
      ReadItems(TomlReader(kStandardFile, tables[kStandardFile]), &rules.items_));
  ECOCIV_RETURN_IF_ERROR(ReadItems(TomlReader(kTliFile, tables[kTliFile]), &rules.items_));
  ECOCIV_RETURN_IF_ERROR(ReadAssessment(TomlReader(kAssessmentFile, tables[kAssessmentFile]),
                                        &rules.items_, &rules.options_, &rules.status_));
  ECOCIV_RETURN_IF_ERROR(ReadCwqi(TomlReader(kCwqiFile, tables[kCwqiFile]), &rules.options_));
  ECOCIV_RETURN_IF_ERROR(
      ReadTli(TomlReader(kTliFile, tables[kTliFile]), &rules.options_, &rules.tli_));
  for (const char* id : {"ph", "do", "tp", "tn", "fc", "chla", "sd", "codmn"}) {
    if (rules.IndexOf(id) < 0) return NotFoundError(std::string("standards: no item '") + id + "'");
  }
  for (size_t i = 0; i < rules.items_.size(); ++i) {
    const WaterItem& item = rules.items_[i];
    if (item.evaluated) rules.evaluated_.push_back(static_cast<int>(i));
    std::vector<std::string> names = item.aliases;
    names.insert(names.end(), {item.id, item.name, item.symbol, item.hj212});
    for (const std::string& name : names) {
      if (name.empty()) continue;
      auto [it, inserted] = rules.lookup_.emplace(Normalise(name), static_cast<int>(i));
      if (!inserted && it->second != static_cast<int>(i)) {
        return InvalidArgumentError("standards: item name " + QuoteForMessage(name) +
                                    " is ambiguous (" + rules.items_[it->second].id + ", " +
                                    item.id + ")");
      }
    }
  }
  for (const auto& [name, table] : tables) {
    rules.editions_.push_back(name + " (" + table["edition"]["id"].value_or(std::string("?")) +
                              ")");
  }
  return rules;
}

}  // namespace ecociv::water
