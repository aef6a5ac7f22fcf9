#include "ecociv/air/conformance.h"

#include <cstdio>

#include "ecociv/air/hourly.h"
#include "ecociv/air/iaqi.h"
#include "ecociv/air/series.h"

namespace ecociv::air {
namespace {

std::string Percent(int64_t part, int64_t whole) {
  if (whole == 0) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f%%", 100.0 * double(part) / double(whole));
  return buf;
}

// Names the reason a computed AQI differs from the published one.
std::string ClassifyMismatch(const HourlySeries& series, int32_t h, const HourlyResult& ours,
                             int published, HourLabel label, const AqiResult& other_edition) {
  if (other_edition.aqi == published) return "matches the other edition's rules";
  // The national release shows PM2.5 below 3 µg/m³ as 3 and PM10 below 6 as
  // 6 (149,981 and 24,413 such hours in July 2026, against a few hundred for
  // each neighbouring value); the AQI was computed from the value before.
  auto shown_as = [&](Pollutant p, int64_t v) {
    const HourlyColumn& c = series.columns[int(p)];
    return c.valid[h] && Compare(c.At(h), Ratio::Integer(v)) == 0;
  };
  if (ours.aqi.aqi <= 10 && (shown_as(Pollutant::kPM25, 3) || shown_as(Pollutant::kPM10, 6))) {
    return "PM display floor (PM2.5 shown as 3, PM10 as 6)";
  }
  if (HourOfDay(label) == 24) return "midnight (T0000) row";
  int diff = ours.aqi.aqi - published;
  if (diff == 1 || diff == -1) return "off by one";
  return "other";
}

}  // namespace

std::string ConformanceReport::Summary() const {
  std::string s;
  s += "hours with a published AQI: " + std::to_string(hours_with_published_aqi) + "\n";
  s += "AQI compared: " + std::to_string(aqi_compared) + ", equal: " + std::to_string(aqi_equal) +
       " (" + Percent(aqi_equal, aqi_compared) + ")\n";
  s += "published AQI but computed NA (missing-data rule): " + std::to_string(computed_na) + "\n";
  s += "primary pollutant compared: " + std::to_string(primary_compared) +
       ", equal: " + std::to_string(primary_equal) + " (" +
       Percent(primary_equal, primary_compared) + ")\n";
  for (const auto& [name, count] : computed_na_by_missing) {
    s += "  computed NA, published a value: " + name + ": " + std::to_string(count) + "\n";
  }
  for (const auto& [name, counts] : iaqi_by_indicator) {
    s += "IAQI " + name + ": " + std::to_string(counts.second) + " / " +
         std::to_string(counts.first) + " equal (" + Percent(counts.second, counts.first) + ")\n";
  }
  for (const auto& [name, count] : mismatch_classes) {
    s += "mismatch class '" + name + "': " + std::to_string(count) + "\n";
  }
  for (const std::string& e : examples) s += "  e.g. " + e + "\n";
  return s;
}

ConformanceReport CheckPublishedHourly(const AirDataset& data, const AirStandards& standards,
                                       const std::string& forced_edition, int max_examples) {
  ConformanceReport report;
  for (size_t s = 0; s < data.stations().size(); ++s) {
    const StationSeries& station = data.stations()[s];
    if (station.published.aqi.empty()) continue;
    HourlySeries series = SeriesOfStation(data, static_cast<int>(s));
    auto results = ComputeHourly(series, standards, forced_edition);
    if (!results.ok()) continue;
    // The same hours under the other edition, to name PM-table mismatches.
    std::string other;
    for (const AqiEdition& e : standards.aqi_editions()) {
      if (e.id != (*results)[0].edition->id) other = e.id;
    }
    std::vector<HourlyResult> alternative;
    for (int32_t h = 0; h < series.hours; ++h) {
      int published = station.published.aqi[h];
      if (published < 0) continue;
      ++report.hours_with_published_aqi;
      const HourlyResult& r = (*results)[h];
      if (!station.published.iaqi[0].empty()) {
        // The published O3 8-h IAQI against the published 8-h value.
        int16_t pub8 = station.published.iaqi[int(Indicator::kO3_8h)][h];
        int32_t value8 = station.published.o3_8h_moving[h];
        int table8 = r.edition->FindTable("o3_8h");
        if (pub8 >= 0 && value8 >= 0 && table8 >= 0) {
          bool above = false;
          int16_t ours8 =
              LookupIaqi(r.edition->table(table8), Ratio::Concentration(value8), &above);
          if (above && r.edition->o3_8h_above_table == O3HighRule::kFallbackO3_1h) {
            ours8 = r.aqi.iaqi[int(Indicator::kO3_1h)];
          }
          auto& counts = report.iaqi_by_indicator["o3_8h (published 8-h value)"];
          ++counts.first;
          if (ours8 == pub8) ++counts.second;
        }
        for (int i = 0; i < kIndicatorCount; ++i) {
          int16_t pub = station.published.iaqi[i][h];
          if (pub < 0 || r.aqi.iaqi[i] == kNoIaqi) continue;
          auto& counts = report.iaqi_by_indicator[std::string(IndicatorKey(Indicator(i)))];
          ++counts.first;
          if (pub == r.aqi.iaqi[i]) ++counts.second;
        }
      }
      if (r.aqi.aqi == kNoIaqi) {
        ++report.computed_na;
        IndicatorMask absent = 0;
        for (int i = 0; i < kIndicatorCount; ++i) {
          const HourlyColumn& column = series.columns[int(PollutantOf(Indicator(i)))];
          bool not_in_plan = !column.not_monitored.empty() && column.not_monitored[h];
          if (r.edition->hourly[i].source != ValueSource::kNone && r.aqi.iaqi[i] == kNoIaqi &&
              !not_in_plan) {
            absent |= MaskOf(Indicator(i));
          }
        }
        std::string names;
        for (int i = 0; i < kIndicatorCount; ++i) {
          if (absent & MaskOf(Indicator(i)))
            names += (names.empty() ? "" : "+") + std::string(IndicatorDisplay(Indicator(i)));
        }
        ++report.computed_na_by_missing["missing " + names];
        continue;
      }
      ++report.aqi_compared;
      if (r.aqi.aqi == published) {
        ++report.aqi_equal;
        if (published > 50 && data.has_published_primary()) {
          ++report.primary_compared;
          // The releases name O3 without saying 1-h in some formats.
          if (station.published.primary[h] == r.aqi.primary) ++report.primary_equal;
        }
        continue;
      }
      if (alternative.empty() && !other.empty()) {
        auto alt = ComputeHourly(series, standards, other);
        if (alt.ok()) alternative = std::move(*alt);
      }
      AqiResult other_result = alternative.empty() ? AqiResult() : alternative[h].aqi;
      std::string cls = ClassifyMismatch(series, h, r, published, r.label, other_result);
      ++report.mismatch_classes[cls];
      if (static_cast<int>(report.examples.size()) < max_examples) {
        report.examples.push_back(station.info.code + " " + FormatHourLabel(r.label) +
                                  ": published " + std::to_string(published) + ", computed " +
                                  std::to_string(r.aqi.aqi) + " (" + cls + ")");
      }
    }
  }
  return report;
}

}  // namespace ecociv::air
