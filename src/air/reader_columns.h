// Internal to the air readers: the formats' headers mapped to columns.
//
// Columns are found by name, case-insensitively, trimmed. A header that names
// a column the reader uses twice ("pm25,pm25", or two names of one column:
// "pm25,pm2.5") is refused, never resolved to one of the two: which values
// are meant cannot be told.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/air/pollutant.h"
#include "ecociv/core/status.h"

namespace ecociv::air {

enum class Format { kCnemc, kWide, kZjemc, kJinan };

// Where each field of a format sits in the header (-1 = absent).
struct ColumnMap {
  Format format = Format::kWide;
  int station = -1, time = -1, name = -1, city = -1, lon = -1, lat = -1;
  std::array<int, kPollutantCount> value{-1, -1, -1, -1, -1, -1};
  int aqi = -1, primary = -1, o3_8h_moving = -1;
  std::array<int, kIndicatorCount> iaqi{-1, -1, -1, -1, -1, -1, -1};
  bool co_in_micrograms = false;  // Jinan publishes CO in µg/m³
  size_t field_count = 0;
};

std::string Lower(std::string_view text);

// Looks columns up in one header; the first column found twice is kept as
// the error ("path:1: column 'pm25' appears twice in the header (fields 6 and 8)").
class HeaderColumns {
 public:
  HeaderColumns(const std::vector<std::string_view>& header, std::string path);
  // The column with any of `names` (lower case), or -1.
  int Find(std::initializer_list<const char*> names);
  const Status& status() const { return status_; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // lower case, trimmed
  std::string path_;
  Status status_;
};

// The format and columns of a data file's header; InvalidArgument
// "path:1: ..." for an unknown header or a column named twice.
StatusOr<ColumnMap> MapHeader(const std::vector<std::string_view>& header, const std::string& path);

}  // namespace ecociv::air
