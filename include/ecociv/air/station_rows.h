// StationRows: the rows of air files kept per station, for work that goes
// station by station (the hourly table) over files of any size in bounded
// memory. Files are read block by block (ReadAirRows); each accepted row is
// kept once per station-hour in a compact 32-byte record, and the records are
// written to an unlinked temporary file whenever those held in memory pass a
// budget. A station's series is then built from its records alone.
//
// The result is that of ReadAirFiles followed by SeriesOfStation: the same
// stations in the same order, the same grid [first_label, first_label +
// hour_count), the same series, the same row errors, duplicate handling (the
// first row of a station-hour is kept; a later one is counted when its values
// are the same and reported, after every row error, when they differ) and the
// same refusal of a grid far larger than the data.
//
// Thread safety: after Read, Series may be called from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/air/series.h"

namespace ecociv::air {

class StationRows {
 public:
  // Records held in memory before they are written out (32 bytes each).
  static constexpr size_t kDefaultMemoryBudget = size_t{16} << 20;

  static StatusOr<std::unique_ptr<StationRows>> Read(const std::vector<std::string>& paths,
                                                     const ReadOptions& options, ReadReport* report,
                                                     size_t memory_budget = kDefaultMemoryBudget);
  ~StationRows();

  const std::vector<StationInfo>& stations() const { return stations_; }
  HourLabel first_label() const { return first_label_; }
  int32_t hour_count() const { return hour_count_; }
  // Index of a station by code, or -1.
  int FindStation(const std::string& code) const;
  // How many times records were written to the temporary file.
  int spills() const { return spills_; }

  // The series of station `s` over the whole grid, as SeriesOfStation would
  // give it; DataLoss when the temporary file cannot be read.
  Status Series(int s, HourlySeries* out) const;

  struct Record {
    HourLabel label;
    int32_t line;
    std::array<int32_t, kPollutantCount> values;
  };
  struct Station;

 private:
  StationRows() = default;
  Status Add(const std::vector<StationInfo>& stations, std::vector<AirRow>* rows);
  Status Spill();
  Status Records(int s, std::vector<Record>* out) const;
  Status RecordAt(const Station& station, int64_t n, Record* out) const;
  // The file index of a station's n-th record.
  int32_t FileOf(const Station& station, int64_t n) const;

  std::vector<std::string> paths_;
  std::vector<StationInfo> stations_;
  std::vector<std::unique_ptr<Station>> state_;
  std::vector<std::string> duplicate_errors_;
  ReadReport* report_ = nullptr;
  size_t budget_ = 0;
  size_t held_bytes_ = 0;
  int fd_ = -1;  // the temporary file, once records were written out
  int64_t file_size_ = 0;
  int spills_ = 0;
  int64_t rows_ = 0;
  HourLabel first_label_ = 0, last_label_ = -1;
  int32_t hour_count_ = 0;
};

}  // namespace ecociv::air
