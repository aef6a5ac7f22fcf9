// The engine against real published data in ../shared/data/real (see its
// README). These tests skip, saying so, when that folder is absent (a fresh
// clone alone); CI always has it. The whole 5.3-million-hour comparison is
// tools/conformance/run_all.sh (make conformance); this is the quick slice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "ecociv/air/assessment.h"
#include "ecociv/air/conformance.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/series.h"
#include "ecociv/core/text_input.h"

namespace ecociv::air {
namespace {

namespace fs = std::filesystem;

std::string RealDataDir() {
  const char* source = std::getenv("ECOCIV_SOURCE_DIR");
  fs::path root = source ? fs::path(source) : fs::current_path();
  return (root / ".." / "shared" / "data" / "real").string();
}

#define REQUIRE_REAL_DATA(relative)                                                        \
  std::string path = RealDataDir() + "/" + (relative);                                     \
  if (!fs::exists(path)) {                                                                 \
    GTEST_SKIP() << "real data not found at " << path                                      \
                 << " (../shared/data/real is beside the repository in CI; skipped here)"; \
  }

double Share(int64_t part, int64_t whole) { return whole ? double(part) / double(whole) : 0; }

AirStandards LoadStandards(const std::string& dir = "") {
  auto s = AirStandards::Load(dir);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(*s);
}

// The 2026 edition with the national platform's PM10 practice (see
// docs/conformance.md), through the --standards override.
std::string PlatformStandardsDir() {
  std::string dir = ::testing::TempDir() + "/platform-standards";
  fs::create_directories(dir);
  auto text = ReadTextFile("standards/hj633-2026.toml");
  EXPECT_TRUE(text.ok());
  std::string body = *text;
  const std::string from = "missing_rule_ignores = []";
  body.replace(body.find(from), from.size(), "missing_rule_ignores = [\"pm10\"]");
  std::ofstream(dir + "/hj633-2026.toml") << body;
  return dir;
}

TEST(RealData, CnemcFebruary2026UnderHj633_2012) {
  REQUIRE_REAL_DATA("cnemc-national-hourly-2026/cnemc_2026-02.csv.xz");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE(report.row_errors.empty());
  ConformanceReport r = CheckPublishedHourly(*data, LoadStandards(), "auto");
  std::printf("%s", r.Summary().c_str());
  EXPECT_EQ(r.hours_with_published_aqi, 79176);
  EXPECT_EQ(r.aqi_compared, r.hours_with_published_aqi);
  EXPECT_GE(Share(r.aqi_equal, r.aqi_compared), 0.999);
  EXPECT_GE(Share(r.primary_equal, r.primary_compared), 0.999);
}

TEST(RealData, CnemcMarch2026UnderHj633_2026) {
  REQUIRE_REAL_DATA("cnemc-national-hourly-2026/cnemc_2026-03.csv.xz");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  // The standard's text: arithmetic agreement wherever both publish an AQI.
  ConformanceReport text_rule = CheckPublishedHourly(*data, LoadStandards(), "auto");
  std::printf("%s", text_rule.Summary().c_str());
  EXPECT_GE(Share(text_rule.aqi_equal, text_rule.aqi_compared), 0.999);
  // The platform's PM10 practice as an option: every published hour compared.
  ConformanceReport platform =
      CheckPublishedHourly(*data, LoadStandards(PlatformStandardsDir()), "auto");
  EXPECT_EQ(platform.computed_na, 0);
  EXPECT_GE(Share(platform.aqi_equal, platform.hours_with_published_aqi), 0.999);
  // Under the 2012 rules the same month disagrees whenever PM drives the AQI.
  ConformanceReport old_rules = CheckPublishedHourly(*data, LoadStandards(), "hj633-2012");
  EXPECT_LT(Share(old_rules.aqi_equal, old_rules.aqi_compared), 0.97);
}

TEST(RealData, JinanIaqiPerPollutantUnderHj633_2012) {
  REQUIRE_REAL_DATA("jinan-hourly-iaqi-2020/jinan_hourly_iaqi.csv.xz");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ConformanceReport r = CheckPublishedHourly(*data, LoadStandards(), "auto");
  std::printf("%s", r.Summary().c_str());
  EXPECT_EQ(r.aqi_equal, r.aqi_compared);
  ASSERT_EQ(r.iaqi_by_indicator.size(), 7u);
  for (const auto& [name, counts] : r.iaqi_by_indicator) {
    EXPECT_GT(counts.first, 140000) << name;
    EXPECT_EQ(counts.second, counts.first) << name;
  }
}

TEST(RealData, ZhejiangReleaseUnderHj633_2026) {
  REQUIRE_REAL_DATA("zjemc-zhejiang-hourly-2026/zjemc_hourly_2026-04-30_2026-07-24.csv.xz");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ConformanceReport r = CheckPublishedHourly(*data, LoadStandards(), "auto");
  EXPECT_EQ(r.aqi_compared, 227422);
  EXPECT_EQ(r.aqi_equal, r.aqi_compared);
  EXPECT_EQ(r.primary_equal, r.primary_compared);
}

// ---- UCI Beijing: daily and period results against a direct calculation ----

struct UciHour {
  DayNumber date;
  int hour;          // 0..23, read as hour-ending labels (hour 0 is 24:00 of the day before)
  int64_t pm25, o3;  // scaled by 10^4; -1 when NA
};

std::vector<UciHour> ReadUci(const std::string& path, AirDataset* dataset) {
  auto text = ReadTextFile(path);
  EXPECT_TRUE(text.ok());
  CsvReader reader(*text);
  std::vector<std::string_view> f;
  reader.NextRecord(&f);  // header
  std::vector<UciHour> rows;
  while (reader.NextRecord(&f)) {
    UciHour h;
    h.date = DaysFromCivil(
        {std::stoi(std::string(f[1])), std::stoi(std::string(f[2])), std::stoi(std::string(f[3]))});
    h.hour = std::stoi(std::string(f[4]));
    auto scaled = [](std::string_view s) {
      int64_t v;
      return ParseScaledDecimal(s, 4, &v) && v >= 0 ? v : -1;
    };
    h.pm25 = scaled(f[5]);
    h.o3 = scaled(f[10]);
    rows.push_back(h);
  }
  StationInfo info;
  info.code = "Dongsi";
  info.city = "北京市";
  *dataset = AirDataset::Make(LabelAt(rows.front().date, rows.front().hour),
                              LabelAt(rows.back().date, rows.back().hour), {info}, false);
  auto& values = dataset->mutable_stations()[0].values;
  for (const UciHour& h : rows) {
    int32_t index = LabelAt(h.date, h.hour) - dataset->first_label();
    if (h.pm25 >= 0) values[int(Pollutant::kPM25)][index] = static_cast<int32_t>(h.pm25);
    if (h.o3 >= 0) values[int(Pollutant::kO3)][index] = static_cast<int32_t>(h.o3);
  }
  return rows;
}

// Round half to even of num/den to an integer, the long way.
int64_t DirectRound(int64_t num, int64_t den) {
  int64_t q = num / den, r = num % den;
  if (2 * r > den || (2 * r == den && q % 2 == 1)) ++q;
  return q;
}

TEST(RealData, UciBeijingDailyAndYearAgainstDirectCalculation) {
  REQUIRE_REAL_DATA("uci-beijing-multisite/PRSA_Data_Dongsi_20130301-20170228.csv.xz");
  AirDataset data;
  std::vector<UciHour> rows = ReadUci(path, &data);
  AirStandards standards = LoadStandards();
  auto days = ComputeDaily(SeriesOfStation(data, 0), standards, "auto");
  ASSERT_TRUE(days.ok()) << days.status().ToString();

  // Direct: per-day sums of the hours 01..24 (hour 0 belongs to the day before).
  std::map<DayNumber, std::pair<int64_t, int>> pm25;
  std::map<HourLabel, int64_t> o3;
  for (const UciHour& h : rows) {
    DayNumber day = h.hour == 0 ? h.date - 1 : h.date;
    if (h.pm25 >= 0) {
      pm25[day].first += h.pm25;
      pm25[day].second += 1;
    }
    if (h.o3 >= 0) o3[LabelAt(h.date, h.hour)] = h.o3;
  }
  std::map<DayNumber, int64_t> direct_pm25, direct_mda8;
  for (const auto& [day, sum] : pm25) {
    if (sum.second >= 20) direct_pm25[day] = DirectRound(sum.first, int64_t(sum.second) * 10000);
  }
  for (DayNumber day = rows.front().date; day <= rows.back().date; ++day) {
    int windows = 0;
    int64_t best_sum = 0, best_n = 1;
    for (int end = 8; end <= 24; ++end) {
      int64_t sum = 0, n = 0;
      for (int k = 0; k < 8; ++k) {
        auto it = o3.find(LabelAt(day, end) - k);
        if (it != o3.end()) {
          sum += it->second;
          ++n;
        }
      }
      if (n < 6) continue;
      if (windows == 0 || sum * best_n > best_sum * n) {
        best_sum = sum;
        best_n = n;
      }
      ++windows;
    }
    if (windows == 0) continue;
    int64_t rounded = DirectRound(best_sum, best_n * 10000);
    if (windows >= 14 || rounded > 160) direct_mda8[day] = rounded;
  }
  int compared = 0;
  for (const DailyRecord& d : *days) {
    auto pm = d.value[int(Indicator::kPM25)];
    auto it = direct_pm25.find(d.day);
    ASSERT_EQ(bool(pm), it != direct_pm25.end()) << FormatDate(d.day);
    if (pm) {
      EXPECT_EQ(RoundHalfEven(*pm, 0), it->second) << FormatDate(d.day);
      ++compared;
    }
    auto m = d.value[int(Indicator::kO3_8h)];
    auto jt = direct_mda8.find(d.day);
    ASSERT_EQ(bool(m), jt != direct_mda8.end()) << FormatDate(d.day);
    if (m) {
      EXPECT_EQ(RoundHalfEven(*m, 0), jt->second) << FormatDate(d.day);
    }
  }
  EXPECT_GT(compared, 1300);

  // The year 2014: mean and P95 of PM2.5, P90 of MDA8, valid days.
  DayNumber from = ParseDate("2014-01-01").value(), to = ParseDate("2014-12-31").value();
  std::vector<int64_t> year_pm, year_o3;
  for (const auto& [day, v] : direct_pm25) {
    if (day >= from && day <= to) year_pm.push_back(v);
  }
  for (const auto& [day, v] : direct_mda8) {
    if (day >= from && day <= to) year_o3.push_back(v);
  }
  auto direct_percentile_x100 = [](std::vector<int64_t> v, int p) {
    std::sort(v.begin(), v.end());
    int64_t n = v.size(), scaled = (n - 1) * p;  // k − 1 = scaled / 100
    int64_t s = scaled / 100, frac = scaled % 100;
    int64_t lo = v[s], hi = s + 1 < n ? v[s + 1] : v[s];
    return lo * 100 + (hi - lo) * frac;  // × 100
  };
  int64_t sum = 0;
  for (int64_t v : year_pm) sum += v;
  PeriodOptions options;
  options.from = from;
  options.to = to;
  auto a = AssessPeriod(*days, standards, options);
  ASSERT_TRUE(a.ok());
  const PollutantAssessment& pa = a->pollutants[int(Pollutant::kPM25)];
  EXPECT_EQ(pa.valid_days, static_cast<int>(year_pm.size()));
  EXPECT_EQ(RoundHalfEven(*pa.mean, 0), DirectRound(sum, year_pm.size()));
  EXPECT_EQ(RoundHalfEven(*pa.percentile, 2), direct_percentile_x100(year_pm, 95));
  const PollutantAssessment& oa = a->pollutants[int(Pollutant::kO3)];
  EXPECT_EQ(oa.valid_days, static_cast<int>(year_o3.size()));
  EXPECT_EQ(RoundHalfEven(*oa.percentile, 2), direct_percentile_x100(year_o3, 90));
  std::printf("Dongsi 2014: PM2.5 %zu valid days, mean %s, P95 %s; O3 MDA8 P90 %s\n",
              year_pm.size(), FormatRounded(*pa.mean, 0).c_str(),
              FormatRounded(*pa.percentile, 0).c_str(), FormatRounded(*oa.percentile, 0).c_str());
}

}  // namespace
}  // namespace ecociv::air
