// Runs the golden case files under tests/golden/ (format: tests/golden/README.md).
// Each failing case is reported with its file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/iaqi.h"
#include "ecociv/core/text_input.h"

namespace ecociv::air {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::map<std::string, std::string> KeyValues(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const std::string& token : Split(text, ' ')) {
    size_t eq = token.find('=');
    if (eq == std::string::npos) continue;
    out[token.substr(0, eq)] = token.substr(eq + 1);
  }
  return out;
}

Ratio Decimal(const std::string& text) {
  int64_t scaled = 0;
  EXPECT_TRUE(ParseScaledDecimal(text, 6, &scaled)) << "not a number: " << text;
  return Ratio::Of(scaled, 1000000);
}

std::set<std::string> NameSet(const std::string& list) {
  std::set<std::string> out;
  for (const std::string& name : Split(list, ';')) out.insert(name);
  return out;
}

std::set<std::string> MaskSet(IndicatorMask mask) {
  std::set<std::string> out;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (mask & MaskOf(Indicator(i))) out.insert(std::string(IndicatorDisplay(Indicator(i))));
  }
  return out;
}

class GoldenRunner {
 public:
  explicit GoldenRunner(const AirStandards& standards) : standards_(standards) {}

  void RunFile(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      where_ = path.string() + ":" + std::to_string(number);
      if (line.empty() || line[0] == '#') continue;
      SCOPED_TRACE(where_ + ": " + line);
      RunLine(line);
      ++cases_;
    }
  }
  int cases() const { return cases_; }

 private:
  void RunLine(const std::string& line) {
    std::string command = line.substr(0, line.find(' '));
    std::string rest = line.substr(command.size());
    size_t arrow = rest.find("=>");
    std::string input = rest.substr(0, arrow);
    std::string expect = arrow == std::string::npos ? "" : rest.substr(arrow + 2);
    if (command == "edition") {
      edition_ = standards_.FindAqi(std::string(TrimSpaces(input)));
      ASSERT_NE(edition_, nullptr) << where_;
    } else if (command == "iaqi") {
      Iaqi(input, std::string(TrimSpaces(expect)));
    } else if (command == "hourly") {
      Hourly(KeyValues(input), KeyValues(expect));
    } else if (command == "daily") {
      Daily(KeyValues(input), KeyValues(expect));
    } else if (command == "level") {
      Level(std::stoi(input), KeyValues(expect));
    } else if (command == "percentile") {
      auto parts = Split(input, ':');
      std::vector<Ratio> values;
      for (const std::string& v : Split(parts[1], ' ')) values.push_back(Decimal(v));
      EXPECT_EQ(Compare(Percentile(values, std::stoi(parts[0])),
                        Decimal(std::string(TrimSpaces(expect)))),
                0);
    } else if (command == "composite") {
      Composite(KeyValues(input), std::string(TrimSpaces(expect)));
    } else if (command == "round") {
      auto parts = Split(input, ' ');
      EXPECT_EQ(FormatRounded(Decimal(parts[0]), std::stoi(parts[1])),
                std::string(TrimSpaces(expect)));
    } else {
      ADD_FAILURE() << where_ << ": unknown command " << command;
    }
  }

  void Iaqi(const std::string& input, const std::string& expect) {
    ASSERT_NE(edition_, nullptr) << "no edition line before " << where_;
    auto parts = Split(input, ' ');
    int table = edition_->FindTable(parts[0]);
    ASSERT_GE(table, 0) << parts[0];
    Pollutant p;
    ASSERT_TRUE(ParsePollutantKey(parts[0].substr(0, parts[0].find('_')), &p));
    bool above = false;
    int16_t got = IaqiOnTable(*edition_, table,
                              ConcentrationForIaqi(*edition_, p, Decimal(parts[1])), &above);
    EXPECT_EQ(got == kNoIaqi ? "NA" : std::to_string(got), expect);
  }

  void CheckResult(const AqiResult& r, const std::map<std::string, std::string>& expect) {
    for (const auto& [key, value] : expect) {
      if (key == "aqi") {
        EXPECT_EQ(r.aqi == kNoIaqi ? "NA" : std::to_string(r.aqi), value) << "aqi";
      } else if (key == "level" || key == "category") {
        ASSERT_NE(r.aqi, kNoIaqi) << key;
        const AqiLevel& level = LevelOf(r.aqi);
        EXPECT_EQ(key == "level" ? std::to_string(level.level) : std::string(level.category_zh),
                  value);
      } else if (key == "primary") {
        EXPECT_EQ(MaskSet(r.primary), NameSet(value)) << "primary";
      } else if (key == "exceeding") {
        EXPECT_EQ(MaskSet(r.exceeding), NameSet(value)) << "exceeding";
      } else if (key.rfind("iaqi_", 0) == 0) {
        std::string name = key.substr(5) == "o3" ? "o3_1h" : key.substr(5);
        int index = -1;
        for (int i = 0; i < kIndicatorCount; ++i) {
          if (IndicatorKey(Indicator(i)) == name) index = i;
        }
        ASSERT_GE(index, 0) << key;
        EXPECT_EQ(r.iaqi[index] == kNoIaqi ? "NA" : std::to_string(r.iaqi[index]), value) << key;
      } else {
        ADD_FAILURE() << "unknown expectation " << key;
      }
    }
  }

  void Hourly(const std::map<std::string, std::string>& in,
              const std::map<std::string, std::string>& expect) {
    ASSERT_NE(edition_, nullptr);
    HourlySeries s;
    s.first_label = edition_->applies_from + 24 * 40;  // any hour the edition covers
    s.hours = 1;
    for (Pollutant p : kAllPollutants) {
      HourlyColumn& c = s.columns[int(p)];
      c.num = {0};
      c.valid = {0};
      c.not_monitored = {0};
      auto it = in.find(std::string(PollutantKey(p)));
      if (it == in.end() || it->second == "NA") continue;
      if (it->second == "/") {
        c.not_monitored[0] = 1;
        continue;
      }
      int64_t scaled;
      ASSERT_TRUE(ParseScaledDecimal(it->second, kConcentrationDecimals, &scaled));
      c.num[0] = scaled;
      c.valid[0] = 1;
    }
    auto results = ComputeHourly(s, standards_, edition_->id);
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    CheckResult((*results)[0].aqi, expect);
  }

  void Daily(const std::map<std::string, std::string>& in,
             const std::map<std::string, std::string>& expect) {
    ASSERT_NE(edition_, nullptr);
    DailyRecord d;
    d.edition = edition_;
    IndicatorMask not_monitored = 0;
    for (int i = 0; i < kIndicatorCount; ++i) {
      auto it = in.find(std::string(IndicatorKey(Indicator(i))));
      if (it == in.end() || it->second == "NA") continue;
      if (it->second == "/") {
        not_monitored |= MaskOf(Indicator(i));
        continue;
      }
      d.value[i] = Decimal(it->second);
    }
    ScoreDailyValues(*edition_, not_monitored, &d);
    CheckResult(d.aqi, expect);
  }

  void Level(int aqi, const std::map<std::string, std::string>& expect) {
    const AqiLevel& level = LevelOf(aqi);
    for (const auto& [key, value] : expect) {
      if (key == "level") EXPECT_EQ(std::to_string(level.level), value);
      if (key == "category") EXPECT_EQ(std::string(level.category_zh), value);
      if (key == "category_en") EXPECT_EQ(std::string(level.category_en), value);
      if (key == "colour") EXPECT_EQ(std::string(level.colour_hex), value);
    }
  }

  void Composite(const std::map<std::string, std::string>& in, const std::string& expect) {
    const AssessmentRules& rules = standards_.assessment();
    const auto& profile = rules.composite_profiles.at("ranking-2014");
    Ratio sum = Ratio::Integer(0);
    for (Pollutant p : kAllPollutants) {
      auto it = in.find(std::string(PollutantKey(p)));
      ASSERT_NE(it, in.end()) << PollutantKey(p);
      const CompositeTerm& term = profile[int(p)];
      sum = sum + Decimal(it->second) * Ratio::Integer(term.weight) /
                      Ratio::Concentration(term.denominator);
    }
    EXPECT_EQ(FormatRounded(sum, rules.composite_index_decimals), expect);
  }

  const AirStandards& standards_;
  const AqiEdition* edition_ = nullptr;
  std::string where_;
  int cases_ = 0;
};

TEST(Golden, AllAirEditionFiles) {
  auto standards = AirStandards::Load();
  ASSERT_TRUE(standards.ok()) << standards.status().ToString();
  GoldenRunner runner(*standards);
  int files = 0;
  for (const char* folder : {"hj633-2012", "hj633-2026", "hj663-2013", "gbt8170"}) {
    fs::path dir = fs::path("tests/golden") / folder;
    ASSERT_TRUE(fs::is_directory(dir)) << dir << " (tests run from the source tree)";
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".test") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
      runner.RunFile(path);
      ++files;
    }
  }
  EXPECT_GE(files, 5);
  EXPECT_GT(runner.cases(), 700);
}

}  // namespace
}  // namespace ecociv::air
