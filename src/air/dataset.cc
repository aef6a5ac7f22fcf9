// The dense hourly grid and the read report (dataset.h): what every reader
// fills, apart from the readers themselves (readers.cc).
#include <ctime>

#include "ecociv/air/dataset.h"

namespace ecociv::air {

HourLabel LatestPlausibleAirHour() {
  // Beijing time is UTC+8; day 0 is 2000-01-01 (Unix day 10957).
  const int64_t beijing_day = (static_cast<int64_t>(std::time(nullptr)) + 8 * 3600) / 86400 - 10957;
  return LabelAt(static_cast<DayNumber>(beijing_day + 1), 24);
}

int AirDataset::FindStation(const std::string& code) const {
  for (size_t i = 0; i < stations_.size(); ++i) {
    if (stations_[i].info.code == code) return static_cast<int>(i);
  }
  return -1;
}

AirDataset AirDataset::Make(HourLabel first, HourLabel last, std::vector<StationInfo> stations,
                            bool with_published) {
  AirDataset d;
  d.first_label_ = first;
  d.hour_count_ = last >= first ? last - first + 1 : 0;
  d.has_published_ = with_published;
  d.stations_.resize(stations.size());
  for (size_t s = 0; s < stations.size(); ++s) {
    StationSeries& series = d.stations_[s];
    series.info = std::move(stations[s]);
    for (auto& column : series.values) column.assign(d.hour_count_, kMissing);
    if (with_published) {
      series.published.aqi.assign(d.hour_count_, -1);
      series.published.primary.assign(d.hour_count_, 0);
      series.published.o3_8h_moving.assign(d.hour_count_, kMissing);
    }
  }
  return d;
}

bool ReadReport::has_problems() const {
  auto negative = missing_by_marker.find("negative");
  return !row_errors.empty() || (negative != missing_by_marker.end() && negative->second > 0);
}

std::string ReadReport::Summary() const {
  std::string out = "read " + std::to_string(rows_read) + " rows, " + std::to_string(values_read) +
                    " valid values";
  if (!missing_by_marker.empty()) {
    out += "; missing values:";
    for (const auto& [marker, count] : missing_by_marker) {
      out += ' ';
      if (marker == "negative") {
        out += "negative (screened out)";
      } else {
        out.append("'").append(marker).append("'");
      }
      out.append(" ").append(std::to_string(count));
    }
  }
  if (duplicate_rows_identical > 0) {
    out += "; " + std::to_string(duplicate_rows_identical) + " identical duplicate rows ignored";
  }
  if (values_rounded > 0) {
    out += "; " + std::to_string(values_rounded) + " values with more than 4 decimals rounded";
  }
  out += "; " + std::to_string(row_errors.size()) + " rows rejected";
  return out;
}

}  // namespace ecociv::air
