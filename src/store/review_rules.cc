// The screening rules (pure functions over an AirDataset) and their config.
#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "canonical.h"
#include "ecociv/core/embedded_files.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/review.h"

const ecociv::EmbeddedFile* EmbeddedReviewConfig(size_t* count);

namespace ecociv::store {

namespace {

using air::kMissing;
using air::kNotMonitored;
using air::kPollutantCount;
using air::Pollutant;
using Series = std::vector<int32_t>;

constexpr double kScale = 10000;

// A measured value (not missing, not "not monitored").
bool Valid(int32_t v) { return v != kMissing && v != kNotMonitored; }

// ---- config ----------------------------------------------------------------

class RuleReader {
 public:
  RuleReader(const toml::table& root, const std::string& source) : root_(root), source_(source) {}

  const Status& status() const { return status_; }

  const toml::table* Section(const char* name) {
    const toml::table* table = root_[name].as_table();
    if (table == nullptr) Fail(std::string("missing section [") + name + "]");
    return table;
  }
  bool Bool(const toml::table* t, const char* key) {
    auto value = t && (*t)[key].is_boolean() ? (*t)[key].value<bool>() : std::nullopt;
    if (!value) Fail(std::string("missing or non-boolean '") + key + "'");
    return value.value_or(false);
  }
  double Number(const toml::table* t, const char* key) {
    auto value = t ? (*t)[key].value<double>() : std::nullopt;
    if (!value) Fail(std::string("missing or non-numeric '") + key + "'");
    return value.value_or(0);
  }
  int64_t Scaled(const toml::table* t, const char* key) {
    return std::llround(Number(t, key) * kScale);
  }
  ReviewRules::PerPollutant PerPollutant(const toml::table* t, const char* key) {
    ReviewRules::PerPollutant out{};
    const toml::table* values = t ? (*t)[key].as_table() : nullptr;
    if (values == nullptr) {
      Fail(std::string("missing table '") + key + "'");
      return out;
    }
    for (Pollutant p : air::kAllPollutants) out[int(p)] = Scaled(values, PollutantName(p));
    return out;
  }
  // A table of water item ids → values, scaled by 10^6; an empty table is allowed.
  std::map<std::string, int64_t> ItemValues(const toml::table* t, const char* key) {
    std::map<std::string, int64_t> out;
    const toml::table* values = t ? (*t)[key].as_table() : nullptr;
    if (values == nullptr) {
      Fail(std::string("missing table '") + key + "'");
      return out;
    }
    for (const auto& [item, node] : *values) {
      auto number = node.value<double>();
      if (!number) Fail(std::string("non-numeric '") + key + "." + std::string(item.str()) + "'");
      out[std::string(item.str())] = std::llround(number.value_or(0) * water::kWaterScale);
    }
    return out;
  }
  std::vector<Pollutant> Pollutants(const toml::table* t, const char* key) {
    std::vector<Pollutant> out;
    const toml::array* list = t ? (*t)[key].as_array() : nullptr;
    if (list == nullptr) Fail(std::string("missing list '") + key + "'");
    for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
      Pollutant p;
      auto name = (*list)[i].value<std::string>();
      if (!name || !air::ParsePollutantKey(*name, &p)) {
        Fail(std::string("bad pollutant in '") + key + "'");
      } else {
        out.push_back(p);
      }
    }
    return out;
  }

 private:
  static const char* PollutantName(Pollutant p) {
    static const char* kNames[] = {"so2", "no2", "co", "o3", "pm10", "pm25"};
    return kNames[int(p)];
  }
  void Fail(const std::string& message) {
    if (status_.ok()) status_ = InvalidArgumentError(source_ + ": " + message);
  }

  const toml::table& root_;
  std::string source_;
  Status status_;
};

void ReadRules(RuleReader* in, ReviewRules* r) {
  const toml::table* t = in->Section("impossible_value");
  r->impossible_enabled = in->Bool(t, "enabled");
  r->impossible_max = in->PerPollutant(t, "max");
  t = in->Section("pm25_exceeds_pm10");
  r->pm_ratio_enabled = in->Bool(t, "enabled");
  r->pm_ratio_tolerance = in->Scaled(t, "tolerance");
  r->pm_ratio_min_hours = static_cast<int>(in->Number(t, "min_hours"));
  t = in->Section("flat_line");
  r->flat_enabled = in->Bool(t, "enabled");
  r->flat_min_hours = static_cast<int>(in->Number(t, "min_hours"));
  r->flat_min_value = in->PerPollutant(t, "min_value");
  t = in->Section("isolated_spike");
  r->spike_enabled = in->Bool(t, "enabled");
  r->spike_factor = in->Number(t, "factor");
  r->spike_min_jump = in->PerPollutant(t, "min_jump");
  t = in->Section("long_gap");
  r->gap_enabled = in->Bool(t, "enabled");
  r->gap_min_hours = static_cast<int>(in->Number(t, "min_hours"));
  t = in->Section("neighbour_drop");
  r->drop_enabled = in->Bool(t, "enabled");
  r->drop_pollutants = in->Pollutants(t, "pollutants");
  r->drop_window_hours = static_cast<int>(in->Number(t, "window_hours"));
  r->drop_ratio = in->Number(t, "drop_ratio");
  r->drop_neighbour_min_ratio = in->Number(t, "neighbour_min_ratio");
  r->drop_min_drop = in->Scaled(t, "min_drop");
  r->drop_min_neighbours = static_cast<int>(in->Number(t, "min_neighbours"));
  t = in->Section("water_implausible");
  r->water_range_enabled = in->Bool(t, "enabled");
  r->water_min = in->ItemValues(t, "min");
  r->water_max = in->ItemValues(t, "max");
  t = in->Section("water_below_detection");
  r->water_dl_enabled = in->Bool(t, "enabled");
  r->water_detection_limit = in->ItemValues(t, "limit");
}

// ---- rules -----------------------------------------------------------------

std::string Decimal(int64_t scaled) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", scaled / kScale);
  return buffer;
}

std::string Key(Pollutant p) { return std::string(air::PollutantKey(p)); }

class Screener {
 public:
  Screener(const air::AirDataset& dataset, const ReviewRules& rules)
      : dataset_(dataset), rules_(rules) {}

  std::vector<ReviewFlag> Run();

 private:
  void Emit(const air::StationSeries& s, const std::string& pollutant, int32_t from, int32_t to,
            const char* rule, std::string detail) {
    flags_.push_back({false, s.info.code, pollutant, dataset_.first_label() + from,
                      dataset_.first_label() + to, rule, std::move(detail)});
  }
  // Calls emit(first, last) for each maximal run of indexes where pred holds
  // that is at least min_length long.
  template <typename Pred, typename EmitRun>
  void ForRuns(int32_t n, int min_length, Pred pred, EmitRun emit) {
    for (int32_t i = 0; i < n;) {
      if (!pred(i)) {
        ++i;
        continue;
      }
      int32_t j = i;
      while (j + 1 < n && pred(j + 1)) ++j;
      if (j - i + 1 >= min_length) emit(i, j);
      i = j + 1;
    }
  }
  void Impossible(const air::StationSeries& s);
  void PmRatio(const air::StationSeries& s);
  void FlatLine(const air::StationSeries& s);
  void Spikes(const air::StationSeries& s);
  void Gaps(const air::StationSeries& s);
  void NeighbourDrops();
  std::vector<double> DropRatios(const Series& v, std::vector<int64_t>* drops) const;

  const air::AirDataset& dataset_;
  const ReviewRules& rules_;
  std::vector<ReviewFlag> flags_;
};

void Screener::Impossible(const air::StationSeries& s) {
  for (Pollutant p : air::kAllPollutants) {
    const Series& v = s.values[int(p)];
    int64_t max = rules_.impossible_max[int(p)];
    ForRuns(
        static_cast<int32_t>(v.size()), 1,
        [&](int32_t i) { return Valid(v[i]) && (v[i] < 0 || v[i] > max); },
        [&](int32_t a, int32_t b) {
          int32_t worst = *std::max_element(v.begin() + a, v.begin() + b + 1);
          Emit(s, Key(p), a, b, "impossible_value",
               Key(p) + " = " + Decimal(worst) + " outside 0.." + Decimal(max));
        });
  }
}

void Screener::PmRatio(const air::StationSeries& s) {
  const Series& pm25 = s.values[int(Pollutant::kPM25)];
  const Series& pm10 = s.values[int(Pollutant::kPM10)];
  if (pm25.empty() || pm10.empty()) return;
  ForRuns(
      static_cast<int32_t>(pm25.size()), rules_.pm_ratio_min_hours,
      [&](int32_t i) {
        return Valid(pm25[i]) && Valid(pm10[i]) &&
               pm25[i] > int64_t(pm10[i]) + rules_.pm_ratio_tolerance;
      },
      [&](int32_t a, int32_t b) {
        Emit(s, "pm25", a, b, "pm25_exceeds_pm10",
             "pm25 " + Decimal(pm25[a]) + " > pm10 " + Decimal(pm10[a]) + " for " +
                 std::to_string(b - a + 1) + " h");
      });
}

void Screener::FlatLine(const air::StationSeries& s) {
  for (Pollutant p : air::kAllPollutants) {
    const Series& v = s.values[int(p)];
    int64_t min_value = rules_.flat_min_value[int(p)];
    // A run of equal values: index i belongs to a run if it equals i-1 or i+1.
    auto same_as_previous = [&](int32_t i) {
      return i > 0 && Valid(v[i]) && v[i] == v[i - 1] && v[i] >= min_value;
    };
    ForRuns(static_cast<int32_t>(v.size()), rules_.flat_min_hours - 1, same_as_previous,
            [&](int32_t a, int32_t b) {
              Emit(s, Key(p), a - 1, b, "flat_line",
                   Key(p) + " = " + Decimal(v[a]) + " for " + std::to_string(b - a + 2) + " h");
            });
  }
}

void Screener::Spikes(const air::StationSeries& s) {
  for (Pollutant p : air::kAllPollutants) {
    const Series& v = s.values[int(p)];
    for (size_t i = 1; i + 1 < v.size(); ++i) {
      if (!Valid(v[i - 1]) || !Valid(v[i]) || !Valid(v[i + 1])) continue;
      int64_t around = std::max(v[i - 1], v[i + 1]);
      if (v[i] > rules_.spike_factor * around && v[i] - around >= rules_.spike_min_jump[int(p)]) {
        Emit(s, Key(p), int32_t(i), int32_t(i), "isolated_spike",
             Key(p) + " = " + Decimal(v[i]) + " between " + Decimal(v[i - 1]) + " and " +
                 Decimal(v[i + 1]));
      }
    }
  }
}

void Screener::Gaps(const air::StationSeries& s) {
  auto all_missing = [&](int32_t i) {
    for (const Series& v : s.values) {
      if (!v.empty() && Valid(v[i])) return false;
    }
    return true;
  };
  ForRuns(dataset_.hour_count(), rules_.gap_min_hours, all_missing, [&](int32_t a, int32_t b) {
    Emit(s, "all", a, b, "long_gap", "no values for " + std::to_string(b - a + 1) + " h");
  });
}

// For each hour h: mean(after window) / mean(before window), NaN when either
// window has fewer than 3/4 of its hours; drops[h] = before − after.
std::vector<double> Screener::DropRatios(const Series& v, std::vector<int64_t>* drops) const {
  const int w = rules_.drop_window_hours;
  const size_t n = v.size();
  std::vector<int64_t> sum(n + 1, 0), count(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    sum[i + 1] = sum[i] + (Valid(v[i]) ? v[i] : 0);
    count[i + 1] = count[i] + (Valid(v[i]));
  }
  std::vector<double> ratio(n, NAN);
  drops->assign(n, 0);
  for (size_t h = w; h + w <= n; ++h) {
    int64_t before_n = count[h] - count[h - w], after_n = count[h + w] - count[h];
    if (before_n * 4 < w * 3 || after_n * 4 < w * 3) continue;
    double before = double(sum[h] - sum[h - w]) / before_n;
    double after = double(sum[h + w] - sum[h]) / after_n;
    if (before <= 0) continue;
    ratio[h] = after / before;
    (*drops)[h] = std::llround(before - after);
  }
  return ratio;
}

void Screener::NeighbourDrops() {
  std::map<std::string, std::vector<int>> by_city;
  const auto& stations = dataset_.stations();
  for (size_t i = 0; i < stations.size(); ++i) by_city[stations[i].info.city].push_back(int(i));
  for (Pollutant p : rules_.drop_pollutants) {
    for (const auto& city_members : by_city) {
      const std::string& city = city_members.first;  // named: lambdas below capture it
      const std::vector<int>& members = city_members.second;
      if (int(members.size()) <= rules_.drop_min_neighbours) continue;
      std::vector<std::vector<double>> ratios;
      std::vector<std::vector<int64_t>> drops(members.size());
      for (size_t m = 0; m < members.size(); ++m) {
        ratios.push_back(DropRatios(stations[members[m]].values[int(p)], &drops[m]));
      }
      for (size_t m = 0; m < members.size(); ++m) {
        auto flagged = [&](int32_t h) {
          double own = ratios[m][h];
          if (std::isnan(own) || own >= rules_.drop_ratio) return false;
          if (drops[m][h] < rules_.drop_min_drop) return false;
          std::vector<double> others;
          for (size_t o = 0; o < members.size(); ++o) {
            if (o != m && !std::isnan(ratios[o][h])) others.push_back(ratios[o][h]);
          }
          if (int(others.size()) < rules_.drop_min_neighbours) return false;
          std::nth_element(others.begin(), others.begin() + others.size() / 2, others.end());
          return others[others.size() / 2] >= rules_.drop_neighbour_min_ratio;
        };
        const auto& s = stations[members[m]];
        ForRuns(dataset_.hour_count(), 1, flagged, [&](int32_t a, int32_t b) {
          int32_t last = std::min(b + rules_.drop_window_hours - 1, dataset_.hour_count() - 1);
          char ratio[16];
          std::snprintf(ratio, sizeof ratio, "%.2f", ratios[m][a]);
          Emit(s, Key(p), a, last, "neighbour_drop",
               Key(p) + " fell to " + ratio + " of its previous level while the other " + city +
                   " stations held");
        });
      }
    }
  }
}

std::vector<ReviewFlag> Screener::Run() {
  for (const air::StationSeries& s : dataset_.stations()) {
    if (rules_.impossible_enabled) Impossible(s);
    if (rules_.pm_ratio_enabled) PmRatio(s);
    if (rules_.flat_enabled) FlatLine(s);
    if (rules_.spike_enabled) Spikes(s);
    if (rules_.gap_enabled) Gaps(s);
  }
  if (rules_.drop_enabled) NeighbourDrops();
  std::stable_sort(flags_.begin(), flags_.end(),
                   [](const ReviewFlag& a, const ReviewFlag& b) { return a.subject < b.subject; });
  return std::move(flags_);
}

}  // namespace

StatusOr<ReviewRules> ParseReviewRules(const std::string& text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    return InvalidArgumentError(source + ": " + std::string(error.description()));
  }
  RuleReader reader(root, source);
  ReviewRules rules;
  ReadRules(&reader, &rules);
  ECOCIV_RETURN_IF_ERROR(reader.status());
  rules.source = source;
  rules.sha256 = Sha256Hex(text);
  return rules;
}

StatusOr<ReviewRules> LoadReviewRules(const std::string& path) {
  if (!path.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    return ParseReviewRules(text, path);
  }
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedReviewConfig(&count);
  for (size_t i = 0; i < count; ++i) {
    if (std::string_view(files[i].path) == "review.toml") {
      return ParseReviewRules(std::string(files[i].data, files[i].size), "built-in review.toml");
    }
  }
  return InternalError("built-in review.toml is missing");
}

std::vector<ReviewFlag> ScreenWaterSamples(const water::SampleSet& set,
                                           const water::WaterRules& water_rules,
                                           const ReviewRules& rules) {
  std::vector<ReviewFlag> flags;
  auto text = [](int64_t v) { return FormatShortest(v, water::kWaterDecimals); };
  for (const water::Sample& s : set.samples) {
    if (s.below_detection) continue;
    const std::string& item = water_rules.item(s.item).id;
    ReviewFlag flag{true, set.sections[s.section].id, item, s.day, s.day, "", ""};
    auto min = rules.water_min.find(item), max = rules.water_max.find(item);
    auto limit = rules.water_detection_limit.find(item);
    bool too_low = min != rules.water_min.end() && s.value < min->second;
    bool too_high = max != rules.water_max.end() && s.value > max->second;
    if (rules.water_range_enabled && (too_low || too_high)) {
      flag.rule = "water_implausible";
      flag.detail = item + " = " + text(s.value) + (too_low ? " below " : " above ") +
                    text(too_low ? min->second : max->second);
      flags.push_back(flag);
    }
    if (rules.water_dl_enabled && limit != rules.water_detection_limit.end() &&
        s.value < limit->second) {
      flag.rule = "water_below_detection";
      flag.detail = item + " = " + text(s.value) +
                    " written as a value below the detection limit " + text(limit->second);
      flags.push_back(flag);
    }
  }
  std::stable_sort(flags.begin(), flags.end(), [](const ReviewFlag& a, const ReviewFlag& b) {
    return std::tie(a.subject, a.from) < std::tie(b.subject, b.from);
  });
  return flags;
}

std::vector<ReviewFlag> ScreenAirDataset(const air::AirDataset& dataset, const ReviewRules& rules) {
  return Screener(dataset, rules).Run();
}

}  // namespace ecociv::store
