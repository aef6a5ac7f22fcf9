// The headers of the air formats and the station list (reader_columns.h).
#include "reader_columns.h"

#include <algorithm>
#include <cctype>

#include "ecociv/air/dataset.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

namespace ecociv::air {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

HeaderColumns::HeaderColumns(const std::vector<std::string_view>& header, std::string path)
    : path_(std::move(path)) {
  for (std::string_view name : header) names_.push_back(Lower(TrimSpaces(name)));
}

int HeaderColumns::Find(std::initializer_list<const char*> names) {
  int found = -1;
  for (size_t i = 0; i < names_.size(); ++i) {
    bool match = false;
    for (const char* name : names) match = match || names_[i] == name;
    if (!match) continue;
    if (found >= 0 && status_.ok()) {
      std::string fields =
          " (fields " + std::to_string(found + 1) + " and " + std::to_string(i + 1) + ")";
      status_ = InvalidArgumentError(
          path_ + ":1: " +
          (names_[found] == names_[i]
               ? "column " + QuoteForMessage(names_[i]) + " appears twice in the header"
               : "columns " + QuoteForMessage(names_[found]) + " and " +
                     QuoteForMessage(names_[i]) + " are one column named twice in the header") +
          fields);
    }
    if (found < 0) found = static_cast<int>(i);
  }
  return found;
}

StatusOr<ColumnMap> MapHeader(const std::vector<std::string_view>& header,
                              const std::string& path) {
  HeaderColumns h(header, path);
  ColumnMap m;
  m.field_count = h.size();
  auto col = [&](std::initializer_list<const char*> names) { return h.Find(names); };
  if (col({"timepoint"}) >= 0 && col({"stationcode"}) >= 0) {
    m.format = Format::kCnemc;
    m.time = col({"timepoint"});
    m.station = col({"stationcode"});
    m.name = col({"positionname"});
    m.city = col({"area"});
    m.lon = col({"longitude"});
    m.lat = col({"latitude"});
    m.value = {col({"so2"}), col({"no2"}), col({"co"}), col({"o3"}), col({"pm10"}), col({"pm2_5"})};
    m.aqi = col({"aqi"});
    m.primary = col({"primarypollutant"});
    m.o3_8h_moving = col({"o3_8h_24h"});
  } else if (col({"sitecode"}) >= 0 && col({"sywrw"}) >= 0) {
    m.format = Format::kZjemc;
    m.time = col({"time"});
    m.station = col({"sitecode"});
    m.name = col({"sitename"});
    m.city = col({"districtname"});
    m.lon = col({"longitude"});
    m.lat = col({"latitude"});
    m.value = {col({"so2"}), col({"no2"}), col({"co"}), col({"o3"}), col({"pm10"}), col({"pm25"})};
    m.aqi = col({"aqi"});
    m.primary = col({"sywrw"});
    m.o3_8h_moving = col({"o3h8"});
  } else if (col({"subid"}) >= 0 && col({"maxaqi"}) >= 0) {
    m.format = Format::kJinan;
    m.time = col({"time"});
    m.station = col({"subid"});
    m.value = {col({"so2value"}),  col({"no2value"}),  col({"covalue"}),
               col({"o3_1value"}), col({"pm10value"}), col({"pm2_5value"})};
    m.co_in_micrograms = true;
    m.aqi = col({"maxaqi"});
    m.o3_8h_moving = col({"o3_8value"});
    m.iaqi = {col({"so2iaqi"}),  col({"no2iaqi"}),  col({"coiaqi"}),   col({"o3_1iaqi"}),
              col({"o3_8iaqi"}), col({"pm10iaqi"}), col({"pm2_5iaqi"})};
  } else if (col({"station"}) >= 0 && col({"time"}) >= 0) {
    m.format = Format::kWide;
    m.time = col({"time"});
    m.station = col({"station"});
    m.value = {col({"so2"}), col({"no2"}),  col({"co"}),
               col({"o3"}),  col({"pm10"}), col({"pm25", "pm2.5", "pm2_5"})};
    m.aqi = col({"aqi"});
    bool any = std::any_of(m.value.begin(), m.value.end(), [](int c) { return c >= 0; });
    if (!any) {
      return InvalidArgumentError(path +
                                  ":1: no pollutant column (expected so2,no2,co,o3,pm10,pm25)");
    }
  } else {
    return InvalidArgumentError(
        path +
        ":1: unrecognised header; expected the CNEMC release (timepoint,stationcode,...), "
        "a wide CSV (station,time,so2,no2,co,o3,pm10,pm25), the Zhejiang release "
        "(sitecode,...,SYWRW) or the Jinan release (SubID,time,MAXAQI,...)");
  }
  ECOCIV_RETURN_IF_ERROR(h.status());
  if (m.time < 0) return InvalidArgumentError(path + ":1: no time column");
  return m;
}

StatusOr<std::vector<StationInfo>> ReadStationList(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(TextBuffer text, TextBuffer::Open(path));
  CsvReader reader(text.view());
  std::vector<std::string_view> f;
  if (!reader.NextRecord(&f)) return InvalidArgumentError(path + ": empty station list");
  HeaderColumns header(f, path);
  int station = header.Find({"station", "stationcode", "code"});
  int name = header.Find({"name", "positionname"});
  int city = header.Find({"city", "area"});
  int lon = header.Find({"lon", "longitude"});
  int lat = header.Find({"lat", "latitude"});
  int background = header.Find({"background"});
  ECOCIV_RETURN_IF_ERROR(header.status());
  if (station < 0) return InvalidArgumentError(path + ":1: station list needs a 'station' column");
  std::vector<StationInfo> out;
  while (reader.NextRecord(&f)) {
    std::string where = path + ":" + std::to_string(reader.line());
    if (f.size() != header.size()) {
      return InvalidArgumentError(where + ": expected " + std::to_string(header.size()) +
                                  " fields, found " + std::to_string(f.size()));
    }
    StationInfo info;
    info.code = std::string(TrimSpaces(f[station]));
    if (info.code.empty()) return InvalidArgumentError(where + ": empty station code");
    if (name >= 0) info.name = std::string(TrimSpaces(f[name]));
    if (city >= 0) info.city = std::string(TrimSpaces(f[city]));
    if (lon >= 0 && !TrimSpaces(f[lon]).empty() && !ParseDouble(f[lon], &info.longitude)) {
      return InvalidArgumentError(where + ": bad longitude " + QuoteForMessage(f[lon]));
    }
    if (lat >= 0 && !TrimSpaces(f[lat]).empty() && !ParseDouble(f[lat], &info.latitude)) {
      return InvalidArgumentError(where + ": bad latitude " + QuoteForMessage(f[lat]));
    }
    info.background = info.name.find("对照点") != std::string::npos;
    if (background >= 0) {
      std::string v = Lower(TrimSpaces(f[background]));
      if (v == "1" || v == "true" || v == "yes" || v == "是" || v == "对照点") {
        info.background = true;
      } else if (v == "0" || v == "false" || v == "no" || v == "否" || v.empty()) {
        // keep the name-based flag
      } else {
        return InvalidArgumentError(where + ": bad background flag " + QuoteForMessage(v) +
                                    " (use 1 or 0)");
      }
    }
    for (const auto& existing : out) {
      if (existing.code == info.code) {
        return InvalidArgumentError(where + ": station " + QuoteForMessage(info.code) +
                                    " listed twice");
      }
    }
    out.push_back(std::move(info));
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  return out;
}

}  // namespace ecociv::air
