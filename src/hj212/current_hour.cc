// The current-hour display (see current_hour.h).
#include "ecociv/hj212/current_hour.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "ecociv/air/pollutant.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/text_input.h"
#include "ecociv/hj212/data.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/station_status.h"
#include "ecociv/store/sql.h"

namespace ecociv::hj212 {

namespace {

using store::IntegerOfText;
using store::QueryRows;

constexpr int kMaxDecimals = 6;
const char* const kAirSymbols[] = {"SO2", "NO2", "CO", "O3", "PM10", "PM2.5"};

// A scaled value as text with `decimals` decimals (GB/T 8170 on the exact value).
std::string Text(int128 sum, int64_t count, int scale_decimals, int decimals) {
  return FormatRounded(Ratio::Of(sum, int128{count} * Pow10(scale_decimals)), decimals);
}

// Decimals written in a value ("35.50" → 2).
int DecimalsOf(std::string_view value) {
  size_t dot = value.find('.');
  return dot == std::string_view::npos ? 0 : int(value.size() - dot - 1);
}

// "35.5000" → "35.5", "8.0000" → "8".
std::string Trim(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

struct ItemInfo {
  std::string symbol, unit;
  int order = 1000;
};

ItemInfo InfoOf(const Readings& readings, std::string_view code) {
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (readings.AirCode(air::Pollutant(p)) == code) {
      return ItemInfo{kAirSymbols[p], p == int(air::Pollutant::kCO) ? "mg/m³" : "µg/m³", p};
    }
  }
  const water::WaterRules& rules = readings.water_rules();
  for (size_t i = 0; i < rules.items().size(); ++i) {
    const water::WaterItem& item = rules.item(int(i));
    if (item.hj212 == code) {
      return ItemInfo{item.symbol, item.unit == "1" ? "" : item.unit, 100 + int(i)};
    }
  }
  return ItemInfo{std::string(code), "", 1000};
}

void Sort(const Readings& readings, std::vector<CurrentValue>* values) {
  std::stable_sort(values->begin(), values->end(), [&](const auto& a, const auto& b) {
    return InfoOf(readings, a.code).order < InfoOf(readings, b.code).order;
  });
}

// The station's stored hour (air_hourly), when there is one.
Status StoredAirHour(store::Database* db, const Readings& readings, const std::string& code,
                     CurrentHour* hour) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, QueryRows(db,
                           "SELECT h.so2, h.no2, h.co, h.o3, h.pm10, h.pm25, h.flags FROM "
                           "air_hourly h JOIN stations s ON s.id = h.station_id WHERE s.code = ? "
                           "AND h.label = ?",
                           {code, int64_t{hour->label}}));
  if (rows.empty()) return Status::Ok();
  hour->source = "hourly";
  const std::string& flags = rows[0][6];
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (rows[0][p].empty()) continue;
    CurrentValue v;
    v.code = readings.AirCode(air::Pollutant(p));
    ItemInfo info = InfoOf(readings, v.code);
    v.symbol = info.symbol;
    v.unit = info.unit;
    v.value =
        Trim(Text(IntegerOfText(rows[0][p]), 1, kConcentrationDecimals, kConcentrationDecimals));
    if (flags.size() > size_t(p) && flags[p] != 'N') v.flags = std::string(1, flags[p]);
    hour->values.push_back(std::move(v));
  }
  return Status::Ok();
}

// The values of kept packets of one command: the hourly packet of a section
// (as sent) or the provisional mean of minute or real-time data.
void FromPackets(const Readings& readings, const std::vector<std::vector<std::string>>& rows,
                 bool mean, CurrentHour* hour) {
  struct Acc {
    int128 sum = 0;
    int count = 0, decimals = 0;
    std::string flags;
  };
  std::map<std::string, Acc> acc;
  std::vector<std::string> order;
  for (const auto& row : rows) {
    for (const Measurement& m : ParseItemsText(row[1])) {
      std::string code(m.code);
      if (!acc.count(code)) order.push_back(code);
      Acc& a = acc[code];
      if (!readings.IsValidFlag(m.flag)) {
        if (a.flags.find(m.flag) == std::string::npos) a.flags += m.flag;
        continue;
      }
      int64_t scaled = 0;
      if (m.value.empty() || !ParseScaledDecimal(m.value, kMaxDecimals, &scaled)) continue;
      if (!mean) a.sum = a.count = 0;  // the packet received last
      a.sum += scaled;
      ++a.count;
      a.decimals = std::max(a.decimals, std::min(kMaxDecimals, DecimalsOf(m.value)));
    }
  }
  for (const std::string& code : order) {
    const Acc& a = acc[code];
    ItemInfo info = InfoOf(readings, code);
    CurrentValue v;
    v.code = code;
    v.symbol = info.symbol;
    v.unit = info.unit;
    v.flags = a.flags;
    if (a.count > 0) v.value = Text(a.sum, a.count, kMaxDecimals, a.decimals);
    v.count = mean ? a.count : 0;
    hour->values.push_back(std::move(v));
  }
}

}  // namespace

StatusOr<CurrentReport> LoadCurrentHour(store::Database* db, const Readings& readings,
                                        const std::string& code, int64_t now_unix) {
  ECOCIV_ASSIGN_OR_RETURN(auto devices,
                          QueryRows(db,
                                    "SELECT mn, kind, hour_time FROM hj212_devices WHERE code = ? "
                                    "AND active = 1 ORDER BY mn LIMIT 1",
                                    {code}));
  if (devices.empty()) {
    // No logger: a station's hours may still come from files.
    ECOCIV_ASSIGN_OR_RETURN(auto kinds, QueryRows(db,
                                                  "SELECT 'station' FROM stations WHERE code = ? "
                                                  "UNION ALL SELECT 'section' FROM sections WHERE "
                                                  "code = ?",
                                                  {code, code}));
    if (kinds.empty()) return NotFoundError("no station or section " + code);
    devices.push_back({"", kinds[0][0], "start"});
  }
  const std::string& mn = devices[0][0];
  CurrentReport report;
  report.code = code;
  report.kind = devices[0][1];
  report.now_unix = now_unix;
  const int64_t shift = devices[0][2] == "end" ? 3600 : 0;
  const HourLabel now_label =
      static_cast<HourLabel>(FloorDiv(BeijingSecondsOfUnix(now_unix), 3600) + 1);
  for (HourLabel label : {now_label, now_label - 1}) {
    CurrentHour hour;
    hour.label = label;
    hour.source = "none";
    const int64_t start = int64_t{label - 1} * 3600;
    if (report.kind == "station") {
      ECOCIV_RETURN_IF_ERROR(StoredAirHour(db, readings, code, &hour));
    } else {
      ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                                   "SELECT data_time, items FROM hj212_recent "
                                                   "WHERE mn = ? AND cn = 2061 AND data_time = ? "
                                                   "ORDER BY rowid",
                                                   {mn, start + shift}));
      if (!rows.empty()) {
        hour.source = "hourly";
        FromPackets(readings, rows, false, &hour);
      }
    }
    for (int cn : {kCnMinute, kCnRealTime}) {
      if (hour.source != "none") break;
      ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                                   "SELECT data_time, items FROM hj212_recent "
                                                   "WHERE mn = ? AND cn = ? AND data_time >= ? "
                                                   "AND data_time < ? ORDER BY rowid",
                                                   {mn, int64_t{cn}, start, start + 3600}));
      if (rows.empty()) continue;
      hour.source = "provisional";
      hour.from_cn = cn;
      hour.packets = int(rows.size());
      FromPackets(readings, rows, true, &hour);
    }
    Sort(readings, &hour.values);
    report.hours.push_back(std::move(hour));
  }
  return report;
}

std::string CurrentHourJson(const CurrentReport& report) {
  nlohmann::ordered_json j;
  j["station"] = report.code;
  j["kind"] = report.kind;
  j["as_of"] = BeijingTimeText(report.now_unix);
  j["hours"] = nlohmann::ordered_json::array();
  const int64_t epoch = BeijingSecondsOfUnix(0);  // Unix seconds → since 2000 Beijing
  for (const CurrentHour& h : report.hours) {
    nlohmann::ordered_json hour;
    hour["start"] = BeijingTimeText(int64_t{h.label - 1} * 3600 - epoch);
    hour["end"] = BeijingTimeText(int64_t{h.label} * 3600 - epoch);
    hour["source"] = h.source;
    hour["provisional"] = h.source == "provisional";
    hour["from_cn"] = h.from_cn ? nlohmann::ordered_json(h.from_cn) : nullptr;
    hour["packets"] = h.packets;
    hour["values"] = nlohmann::ordered_json::array();
    for (const CurrentValue& v : h.values) {
      hour["values"].push_back({{"code", v.code},
                                {"symbol", v.symbol},
                                {"unit", v.unit},
                                {"value", v.value.empty() ? nlohmann::ordered_json(nullptr)
                                                          : nlohmann::ordered_json(v.value)},
                                {"count", v.count},
                                {"flags", v.flags}});
    }
    j["hours"].push_back(std::move(hour));
  }
  return j.dump();
}

}  // namespace ecociv::hj212
