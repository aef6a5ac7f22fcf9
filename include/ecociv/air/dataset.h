// AirDataset: hourly concentrations of many stations on a dense hourly grid,
// and the readers that fill it from the formats the bureau has.
//
// Layout (columnar, for speed): for each station and pollutant one array of
// int32 concentrations, indexed by hour label − first_label, scaled by
// kConcentrationScale (10^-4 µg/m³, CO 10^-4 mg/m³); kMissing marks an hour
// without a valid value. A national year (1,600 stations × 8,760 hours × 6
// pollutants) takes about 340 MB.
//
// Formats read (detected from the header row; see docs/formats.md):
//   - cnemc: the CNEMC national release (timepoint,stationcode,...,co_24h),
//   - wide:  station,time,so2,no2,co,o3,pm10,pm25 (µg/m³, CO mg/m³),
//   - zjemc: the Zhejiang provincial release (sitecode,...,time),
//   - jinan: the Jinan municipal release (SubID,time,MAXAQI,...; CO in µg/m³).
// Values "NA", "", "—", "--" and negative numbers are missing, "/" is "not
// monitored" (kNotMonitored); both are tallied;
// they are never read as zero. A malformed row is reported as
// "file:line: reason" and skipped; a file whose header is not recognised or
// that cannot be read is an error.
//
// Thread safety: a const AirDataset may be read from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/air/pollutant.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::air {

inline constexpr int32_t kMissing = std::numeric_limits<int32_t>::min();
// "/" in a release: the pollutant is not in the station's monitoring plan
// (HJ 633-2026 table note), which the missing-data rule treats differently.
inline constexpr int32_t kNotMonitored = std::numeric_limits<int32_t>::min() + 1;

struct StationInfo {
  std::string code;  // national or local code, e.g. "1001A"
  std::string name;  // e.g. "万寿西宫"
  std::string city;  // e.g. "北京市"
  double longitude = 0;
  double latitude = 0;
  bool background = false;  // 对照点: left out of city means by default
};

// Values published next to the concentrations (CNEMC, ZJEMC, Jinan), kept so
// the engine can be checked against the official numbers.
struct PublishedValues {
  std::vector<int16_t> aqi;                                // -1 = not published
  std::vector<IndicatorMask> primary;                      // primary pollutant(s) as published
  std::array<std::vector<int16_t>, kIndicatorCount> iaqi;  // Jinan only; else empty
  std::vector<int32_t> o3_8h_moving;  // published O3 8-h moving average (scaled)
};

struct StationSeries {
  StationInfo info;
  std::array<std::vector<int32_t>, kPollutantCount> values;  // hour_count each
  PublishedValues published;  // empty vectors when the source has none
};

class AirDataset {
 public:
  HourLabel first_label() const { return first_label_; }
  int32_t hour_count() const { return hour_count_; }
  HourLabel last_label() const { return first_label_ + hour_count_ - 1; }
  const std::vector<StationSeries>& stations() const { return stations_; }
  std::vector<StationSeries>& mutable_stations() { return stations_; }
  bool has_published() const { return has_published_; }
  // True when the source named the primary pollutant (CNEMC, ZJEMC).
  bool has_published_primary() const { return has_published_primary_; }
  void set_has_published_primary(bool v) { has_published_primary_ = v; }

  // Index of a station by code, or -1.
  int FindStation(const std::string& code) const;

  // Creates an empty dataset spanning [first, last] for the given stations.
  static AirDataset Make(HourLabel first, HourLabel last, std::vector<StationInfo> stations,
                         bool with_published);

 private:
  HourLabel first_label_ = 0;
  int32_t hour_count_ = 0;
  std::vector<StationSeries> stations_;
  bool has_published_ = false;
  bool has_published_primary_ = false;
};

// What a read found besides the values: problems to report and tallies.
struct ReadReport {
  std::vector<std::string> row_errors;  // "file:line: reason", in file order
  int64_t rows_read = 0;
  int64_t values_read = 0;
  std::map<std::string, int64_t> missing_by_marker;  // "NA" → 1234, "negative" → 2, ...
  int64_t duplicate_rows_identical = 0;              // same station-hour, same values: ignored
  int64_t values_rounded = 0;                        // more than 4 decimals, rounded GB/T 8170

  // True when rows were rejected or values were screened out as invalid
  // (negative); plain missing markers are not problems. Drives exit code 1.
  bool has_problems() const;
  // "read 1,140,000 rows; missing values: NA 12,345, empty 10; 0 rows rejected".
  std::string Summary() const;
};

// The plausible hours of air data (docs/formats.md): from the first hour of
// kEarliestAirDate to the end of the day after today in Beijing time. A row
// outside is rejected ("file:line: time ... outside ..."): a year typed 1900
// or 2206 is a mistake, and it would stretch the dense grid over centuries.
inline constexpr CivilDate kEarliestAirDate{2000, 1, 1};
// The hour label that ends the day after today in Beijing time (the clock).
HourLabel LatestPlausibleAirHour();

// The dense grid (stations × hours from the first hour read to the last) may
// hold at most kMaxGridCellsPerRow cells per row read, plus kGridCellsFloor
// (about 50 MB: a year of 120 stations): a dataset far sparser than that,
// such as one hour in 2000 and one in 2026, is refused before anything is
// allocated, with the advice to split the files by period.
inline constexpr int64_t kMaxGridCellsPerRow = 24;
inline constexpr int64_t kGridCellsFloor = int64_t{1} << 20;

struct ReadOptions {
  // Station list CSV (station,name,city,lon,lat[,background]); optional for
  // formats that carry station metadata.
  std::string stations_file;
  // Stop collecting row errors after this many (the count is still kept).
  int max_row_errors = 1000;
  // Keep the values a release published beside the concentrations (AQI,
  // primary pollutant, IAQIs) for checking; off saves time and memory.
  bool keep_published = true;
  // The text of each of the paths when it is already in memory (an import
  // that digested it): read from there instead of from the file. Must
  // outlive the read.
  std::vector<std::string_view> texts;
  // When set, receives every byte read from the files (not from `texts`), in
  // order, file by file (`file` is the index in `paths`): an import digests
  // the file as it is parsed.
  std::function<void(int32_t file, std::string_view bytes)> on_bytes;
  // The plausible hours (inclusive); latest 0 means LatestPlausibleAirHour().
  HourLabel earliest = LabelAt(DaysFromCivil(kEarliestAirDate), 1);
  HourLabel latest = 0;
};

// Reads one or more files into one dataset. Errors: unreadable file, unknown
// header or a column named twice, a stations file that is malformed, a grid
// far larger than the data (kMaxGridCellsPerRow). Row-level problems (a time
// outside the plausible hours among them) go to report.
StatusOr<AirDataset> ReadAirFiles(const std::vector<std::string>& paths, const ReadOptions& options,
                                  ReadReport* report);

// One accepted row of a file as ReadAirRows hands it on (40 bytes): the
// station's index in the stations met so far, the hour and the six values
// (scaled as in AirDataset, kMissing / kNotMonitored), and where it was read
// (the index of the file in `paths`, the 1-based line).
struct AirRow {
  int32_t station;
  HourLabel label;
  std::array<int32_t, kPollutantCount> values;
  int32_t file;
  int32_t line;
};

// Receives the rows of one block of a file, in file order, with the stations
// met so far (which only grows). It may take the rows (they are cleared after).
using AirRowSink =
    std::function<Status(const std::vector<StationInfo>& stations, std::vector<AirRow>* rows)>;

// Reads the files as ReadAirFiles does (the same rows, row errors, tallies and
// station order), without building the grid: rows go to `sink` block by block,
// so memory is bounded by a block (about 16 MB of text) whatever the files'
// size. Published values are not read. Duplicate station-hours and the grid's
// size are the caller's to check.
Status ReadAirRows(const std::vector<std::string>& paths, const ReadOptions& options,
                   ReadReport* report, const AirRowSink& sink);

// Parses a station list CSV: station,name,city,lon,lat[,background] where
// background is 1/0/true/false/是/否; a name containing "对照点" is background.
StatusOr<std::vector<StationInfo>> ReadStationList(const std::string& path);

}  // namespace ecociv::air
