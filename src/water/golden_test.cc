// Runs the golden files under tests/golden/{gb3838-2002,sw-assessment-2011,
// cwqi-2017,tli}/ (their formats are documented at the top of each file).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "ecociv/core/text_input.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/report.h"

namespace ecociv::water {
namespace {

const WaterRules& DefaultRules() {
  static const WaterRules* rules = [] {
    auto loaded = WaterRules::Load("");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return new WaterRules(std::move(*loaded));
  }();
  return *rules;
}

std::string ReadGolden(const std::string& path) {
  auto text = ReadTextFile(path);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool IsComment(const std::string& line) {
  std::string_view t = TrimSpaces(line);
  return t.empty() || t.front() == '#';
}

Ratio Exact(const std::string& text) {
  int64_t scaled = 0;
  EXPECT_TRUE(ParseScaledDecimal(text, kWaterDecimals, &scaled)) << text;
  return WaterValue(scaled);
}

TEST(WaterGolden, Gb3838SingleValueClasses) {
  const WaterRules& rules = DefaultRules();
  int cases = 0;
  for (const std::string& line : Lines(ReadGolden("tests/golden/gb3838-2002/classify.txt"))) {
    if (IsComment(line)) continue;
    std::istringstream in(line);
    std::string item, body, value, expected;
    ASSERT_TRUE(in >> item >> body >> value >> expected) << line;
    int index = rules.IndexOf(item);
    ASSERT_GE(index, 0) << line;
    WaterBody b = body == "lake" ? WaterBody::kLake : WaterBody::kRiver;
    EXPECT_EQ(ClassLabel(ClassifyValue(rules.item(index), Exact(value), b)), expected) << line;
    ++cases;
  }
  EXPECT_GT(cases, 190);
}

TEST(WaterGolden, TrophicStateIndex) {
  const WaterRules& rules = DefaultRules();
  int cases = 0;
  for (const std::string& line : Lines(ReadGolden("tests/golden/tli/tli.txt"))) {
    if (IsComment(line)) continue;
    std::vector<std::optional<Ratio>> values(rules.items().size());
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    size_t i = 0;
    for (; i < words.size() && words[i].find('=') != std::string::npos; ++i) {
      size_t eq = words[i].find('=');
      int index = rules.IndexOf(words[i].substr(0, eq));
      ASSERT_GE(index, 0) << line;
      values[index] = Exact(words[i].substr(eq + 1));
    }
    auto tli = ComputeTli(rules, values);
    ASSERT_LT(i, words.size()) << line;
    if (words[i] == "none") {
      EXPECT_FALSE(tli.has_value()) << line;
    } else {
      ASSERT_TRUE(tli.has_value()) << line;
      ASSERT_EQ(i + 2, words.size()) << line;
      EXPECT_EQ(FormatRounded(tli->rounded, 1), words[i]) << line;
      EXPECT_EQ(tli->trophic, words[i + 1]) << line;
    }
    ++cases;
  }
  EXPECT_EQ(cases, 10);
}

// ---- Scenario files -------------------------------------------------------

struct Scenario {
  std::map<std::string, std::string> options, expect;
  std::vector<std::pair<std::string, int>> expect_lines;  // key, line number
  std::string sections, samples;
  std::string period, base;
};

Scenario ParseScenario(const std::string& text) {
  Scenario s;
  std::string block;
  int number = 0;
  for (const std::string& line : Lines(text)) {
    ++number;
    if (IsComment(line)) continue;
    if (line.front() == '[') {
      block = line;
      continue;
    }
    auto key_value = [&](std::map<std::string, std::string>* map) {
      size_t eq = line.find('=');
      EXPECT_NE(eq, std::string::npos) << "line " << number << ": " << line;
      std::string key(TrimSpaces(std::string_view(line).substr(0, eq)));
      (*map)[key] = std::string(TrimSpaces(std::string_view(line).substr(eq + 1)));
      return key;
    };
    if (block == "[options]") {
      key_value(&s.options);
    } else if (block == "[sections]") {
      s.sections += line + "\n";
    } else if (block == "[samples]") {
      s.samples += line + "\n";
    } else if (block == "[period]") {
      s.period = line;
    } else if (block == "[base]") {
      s.base = line;
    } else if (block == "[expect]") {
      s.expect_lines.emplace_back(key_value(&s.expect), number);
    } else {
      ADD_FAILURE() << "line " << number << ": outside a block: " << line;
    }
  }
  return s;
}

void ApplyOption(const std::string& key, const std::string& value, WaterOptions* o) {
  if (key == "heavy_max_good_share") {
    o->heavy_max_good_share = std::stoi(value);
  } else if (key == "share_method_min_sections") {
    o->share_method_min_sections = std::stoi(value);
  } else if (key == "ph_mean") {
    o->ph_mean = value == "hydrogen_ion" ? PhMean::kHydrogenIon : PhMean::kArithmetic;
  } else if (key == "below_detection_mean") {
    o->below_dl_mean = value == "zero"    ? BelowDetectionMean::kZero
                       : value == "limit" ? BelowDetectionMean::kLimit
                                          : BelowDetectionMean::kHalf;
  } else if (key == "main_pollutants_rule") {
    o->main_rule = value == "class_then_multiple" ? MainPollutantsRule::kClassThenMultiple
                                                  : MainPollutantsRule::kMultiple;
  } else if (key == "cwqi_city") {
    o->cwqi_city = value == "river_only" ? CityCwqi::kRiverOnly : CityCwqi::kSectionWeighted;
  } else {
    ADD_FAILURE() << "unknown option in golden file: " << key;
  }
}

Period ParsePeriod(const std::string& line) {
  std::istringstream in(line);
  std::string from, to;
  in >> from >> to;
  auto f = ParseDate(from);
  auto t = ParseDate(to);
  EXPECT_TRUE(f.ok() && t.ok()) << line;
  return RangePeriod(f.ok() ? *f : 0, t.ok() ? *t : 0);
}

using Flat = std::map<std::string, std::string>;

void FlattenItems(const WaterRules& rules, const std::string& prefix,
                  const std::vector<ItemResult>& items, Flat* out) {
  for (const ItemResult& r : items) {
    const WaterItem& item = rules.item(r.item);
    std::string p = prefix + ".item." + item.id + ".";
    (*out)[p + "mean"] = FormatRounded(r.value, item.decimals);
    if (r.cls) (*out)[p + "class"] = ClassLabel(*r.cls);
    if (r.multiple)
      (*out)[p + "multiple"] = FormatRounded(*r.multiple, rules.options().multiple_decimals);
  }
}

void FlattenGroup(const WaterRules& rules, const std::string& prefix, const GroupResult& g,
                  const GroupResult* base, Flat* out) {
  const WaterOptions& o = rules.options();
  (*out)[prefix + ".method"] = g.share_method ? "class_shares" : "mean_of_items";
  if (g.mean_class) (*out)[prefix + ".class"] = ClassLabel(*g.mean_class);
  if (g.status_class) (*out)[prefix + ".status"] = rules.Status(*g.status_class).word;
  std::string main;
  for (const GroupResult::Pollutant& p : g.main_pollutants) {
    if (!main.empty()) main += ';';
    main += rules.item(p.item).name;
    if (p.rate) main += "(" + FormatRounded(*p.rate, o.share_decimals) + "%)";
    if (p.multiple) main += "(" + FormatRounded(*p.multiple, o.multiple_decimals) + ")";
  }
  (*out)[prefix + ".main"] = main;
  (*out)[prefix + ".share_good"] = FormatRounded(g.share_good, o.share_decimals);
  (*out)[prefix + ".share_worse"] = FormatRounded(g.share_worse_than_v, o.share_decimals);
  (*out)[prefix + ".share_compliant"] = FormatRounded(g.share_compliant, o.share_decimals);
  if (g.cwqi) (*out)[prefix + ".cwqi"] = FormatRounded(g.cwqi->value, o.cwqi_decimals);
  if (g.cwqi_river)
    (*out)[prefix + ".cwqi_river"] = FormatRounded(g.cwqi_river->value, o.cwqi_decimals);
  if (g.cwqi_lake)
    (*out)[prefix + ".cwqi_lake"] = FormatRounded(g.cwqi_lake->value, o.cwqi_decimals);
  if (g.tli) {
    (*out)[prefix + ".tli"] = FormatRounded(g.tli->rounded, o.tli_decimals);
    (*out)[prefix + ".trophic"] = g.tli->trophic;
  }
  if (base && g.cwqi && base->cwqi) {
    if (auto d = DeltaCwqi(g.cwqi->value, base->cwqi->value)) {
      (*out)[prefix + ".delta_cwqi"] = FormatRounded(*d, o.delta_cwqi_decimals);
    }
  }
  FlattenItems(rules, prefix, g.mean_items, out);
}

Flat Flatten(const WaterRules& rules, const SampleSet& set, const Assessment& a,
             const Assessment* base) {
  const WaterOptions& o = rules.options();
  Flat out;
  for (size_t i = 0; i < a.sections.size(); ++i) {
    const SectionResult& r = a.sections[i];
    std::string p = "section." + set.sections[r.section].id;
    if (r.cls) {
      out[p + ".class"] = ClassLabel(*r.cls);
      out[p + ".status"] = rules.Status(*r.cls).word;
      out[p + ".colour"] = rules.Status(*r.cls).colour;
      out[p + ".compliant"] = r.compliant ? "yes" : "no";
      out[p + ".main"] = FormatMainPollutants(rules, r.main_pollutants);
      out[p + ".exceeding_target"] = FormatMainPollutants(rules, r.exceeding_target);
    }
    if (r.cwqi) out[p + ".cwqi"] = FormatRounded(r.cwqi->value, o.cwqi_decimals);
    if (r.tli) {
      out[p + ".tli"] = FormatRounded(r.tli->rounded, o.tli_decimals);
      out[p + ".trophic"] = r.tli->trophic;
    }
    if (base && r.cwqi && base->sections[i].cwqi) {
      if (auto d = DeltaCwqi(r.cwqi->value, base->sections[i].cwqi->value)) {
        out[p + ".delta_cwqi"] = FormatRounded(*d, o.delta_cwqi_decimals);
      }
    }
    FlattenItems(rules, p, r.items, &out);
  }
  auto groups = [&](const char* kind, const std::vector<GroupResult>& now,
                    const std::vector<GroupResult>* before) {
    for (size_t i = 0; i < now.size(); ++i) {
      FlattenGroup(rules, std::string(kind) + "." + now[i].name, now[i],
                   before ? &(*before)[i] : nullptr, &out);
    }
  };
  groups("river", a.rivers, base ? &base->rivers : nullptr);
  groups("basin", a.basins, base ? &base->basins : nullptr);
  groups("lake", a.lakes, base ? &base->lakes : nullptr);
  FlattenGroup(rules, "city", a.city, base ? &base->city : nullptr, &out);
  return out;
}

void RunScenario(const std::string& path) {
  SCOPED_TRACE(path);
  Scenario s = ParseScenario(ReadGolden(path));
  WaterRules rules = DefaultRules();
  for (const auto& [key, value] : s.options) ApplyOption(key, value, &rules.mutable_options());
  SampleSet set;
  auto sections = ParseSections(s.sections, path + "[sections]");
  ASSERT_TRUE(sections.ok()) << sections.status().ToString();
  set.sections = *sections;
  Status parsed = ParseSamples(s.samples, path + "[samples]", rules, &set);
  ASSERT_TRUE(parsed.ok()) << parsed.ToString();
  SectionSamples index = IndexSamples(set);
  Assessment now = Assess(rules, set, index, ParsePeriod(s.period));
  std::optional<Assessment> base;
  if (!s.base.empty()) base = Assess(rules, set, index, ParsePeriod(s.base));
  Flat flat = Flatten(rules, set, now, base ? &*base : nullptr);
  ASSERT_FALSE(s.expect_lines.empty());
  for (const auto& [key, line] : s.expect_lines) {
    const std::string& expected = s.expect.at(key);
    auto it = flat.find(key);
    std::string actual = it == flat.end() ? "-" : it->second;
    EXPECT_EQ(actual, expected) << path << ":" << line << ": " << key;
  }
}

TEST(WaterGolden, Scenarios) {
  int files = 0;
  for (const char* dir : {"tests/golden/sw-assessment-2011", "tests/golden/cwqi-2017"}) {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".txt") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
      RunScenario(path);
      ++files;
    }
  }
  EXPECT_GE(files, 5);
}

}  // namespace
}  // namespace ecociv::water
