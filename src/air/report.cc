// The hourly and daily tables of report.h (the assessment is in
// assessment_report.cc).
#include "ecociv/air/report.h"

#include <charconv>
#include <cstring>

#include "ecociv/air/iaqi.h"
#include "ecociv/air/pollutant.h"
#include "ecociv/core/csv_writer.h"
#include "report_json.h"

namespace ecociv::air {
namespace {

using Json = ReportJson;

const Indicator kIaqiColumns[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                  Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                  Indicator::kPM25};

// The daily concentration columns, in table order.
const Indicator kDailyColumns[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                   Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                   Indicator::kPM25};

std::string IaqiColumnName(Indicator i) {
  return i == Indicator::kO3_1h ? "iaqi_o3" : "iaqi_" + std::string(IndicatorKey(i));
}

std::string DailyColumnName(Indicator i) {
  if (i == Indicator::kO3_1h) return "o3_1h_max";
  if (i == Indicator::kO3_8h) return "o3_8h_max";
  return std::string(IndicatorKey(i));
}

// A row as printed: one member per line, indented by one space per level.
std::string RowText(const Json& row) {
  return row.dump(1, ' ', false, Json::error_handler_t::replace);
}

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

// A daily value as published (its pollutant's decimals), or "NA".
std::string DailyValueText(const DailyRecord& d, Indicator i) {
  const auto& v = d.value[int(i)];
  return v ? FormatRounded(*v, ReportDecimals(PollutantOf(i))) : "NA";
}

// The fields every hourly and daily JSON row shares after its time.
void AddAqiFields(const AqiResult& aqi, Json* row) {
  AddAqiAndLevel(aqi.aqi, row);
  (*row)["primary_pollutants"] = MaskNames(aqi.primary, ";");
}

void AddClosingFields(const AqiResult& aqi, const AqiEdition* edition, Json* row) {
  if (edition != nullptr && edition->report_exceeding) {
    (*row)["exceeding_pollutants"] = MaskNames(aqi.exceeding, ";");
  }
  (*row)["edition"] = edition != nullptr ? edition->id : "";
  AddDeprecatedLevelKeys(aqi, row);
}

}  // namespace

IndicatorMask HourlyIaqiColumns(const AirStandards& standards, const std::string& forced_edition) {
  IndicatorMask columns = 0;
  for (const AqiEdition& e : standards.aqi_editions()) {
    if (forced_edition.empty() || forced_edition == "auto" || forced_edition == e.id) {
      columns |= ExpectedIndicators(e.hourly);
    }
  }
  return columns;
}

bool HourHasData(const HourlySeries& s, int32_t h) {
  for (const auto& c : s.columns) {
    if (c.valid[h]) return true;
  }
  return false;
}

HourlyCsv::HourlyCsv(IndicatorMask iaqi_columns, HourLabel first, int32_t hours)
    : columns_(iaqi_columns), first_(first) {
  for (int32_t h = 0; h < hours; ++h) labels_.push_back(FormatHourLabel(first + h));
  for (int m = 0; m < 128; ++m) masks_.push_back(MaskNames(IndicatorMask(m), ";"));
}

std::string HourlyCsv::Header() const {
  std::string header = "station,time,aqi,level,category,primary_pollutants";
  for (Indicator i : kIaqiColumns) {
    if (columns_ & MaskOf(i)) header += "," + IaqiColumnName(i);
  }
  return header + ",exceeding_pollutants,category_en,colour,edition\n";
}

void HourlyCsv::AppendRow(const std::string& station, const HourlyResult& r,
                          std::string* out) const {
  std::string cell;
  AppendCsvCell(station, &cell);  // text from the input: never a formula
  AppendRowWithCell(cell, r, out);
}

namespace {

// Writes a whole number at `w` (IAQIs and levels are small: two or three
// digits without a division loop).
char* PutInt(char* w, int64_t v) {
  if (v >= 0 && v < 1000) {
    if (v >= 100) *w++ = char('0' + v / 100);
    if (v >= 10) *w++ = char('0' + v / 10 % 10);
    *w++ = char('0' + v % 10);
    return w;
  }
  return std::to_chars(w, w + 24, v).ptr;
}

char* Put(char* w, std::string_view text) {
  std::memcpy(w, text.data(), text.size());
  return w + text.size();
}

}  // namespace

void HourlyCsv::AppendRowWithCell(std::string_view station_cell, const HourlyResult& r,
                                  std::string* out) const {
  // The row is put together in one buffer and appended once; the fixed parts
  // (label, levels, lists, colour) are short, so 512 bytes hold a row unless
  // the station code or edition id is long, which takes the general path.
  const std::string& edition = r.edition->id;
  bool plain = !edition.empty() && edition.size() + station_cell.size() <= 256;
  for (size_t k = 0; plain && k < edition.size(); ++k) {
    const char c = edition[k];
    plain = c != ',' && c != '"' && c != '\r' && c != '\n' &&
            (k > 0 || (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t'));
  }
  if (!plain) {
    std::string row;
    row.append(station_cell);
    AppendRowAfterStation(r, &row);
    out->append(row);
    return;
  }
  char buf[512];
  char* w = Put(buf, station_cell);
  const bool na = r.aqi.aqi == kNoIaqi;
  const AqiLevel& level = LevelOf(na ? 0 : r.aqi.aqi);
  *w++ = ',';
  w = Put(w, labels_[r.label - first_]);
  *w++ = ',';
  if (na) {
    w = Put(w, "NA,NA,NA,");
  } else {
    w = PutInt(w, r.aqi.aqi);
    *w++ = ',';
    w = PutInt(w, level.level);
    *w++ = ',';
    w = Put(w, level.category_zh);
    *w++ = ',';
  }
  w = Put(w, masks_[r.aqi.primary]);
  for (Indicator i : kIaqiColumns) {
    if (!(columns_ & MaskOf(i))) continue;
    *w++ = ',';
    w = r.aqi.iaqi[int(i)] == kNoIaqi ? Put(w, "NA") : PutInt(w, r.aqi.iaqi[int(i)]);
  }
  *w++ = ',';
  w = Put(w, masks_[r.aqi.exceeding]);
  *w++ = ',';
  if (na) {
    w = Put(w, "NA,NA");
  } else {
    w = Put(w, level.category_en);
    *w++ = ',';
    w = Put(w, level.colour_hex);
  }
  *w++ = ',';
  w = Put(w, edition);
  *w++ = '\n';
  out->append(buf, size_t(w - buf));
}

void HourlyCsv::AppendRowAfterStation(const HourlyResult& r, std::string* out) const {
  const bool na = r.aqi.aqi == kNoIaqi;
  const AqiLevel& level = LevelOf(na ? 0 : r.aqi.aqi);
  out->push_back(',');
  out->append(labels_[r.label - first_]).push_back(',');
  if (na) {
    out->append("NA,NA,NA,");
  } else {
    AppendInt(out, r.aqi.aqi);
    out->push_back(',');
    AppendInt(out, level.level);
    out->push_back(',');
    out->append(level.category_zh).push_back(',');
  }
  out->append(masks_[r.aqi.primary]);
  for (Indicator i : kIaqiColumns) {
    if (!(columns_ & MaskOf(i))) continue;
    out->push_back(',');
    if (r.aqi.iaqi[int(i)] == kNoIaqi) {
      out->append("NA");
    } else {
      AppendInt(out, r.aqi.iaqi[int(i)]);
    }
  }
  out->push_back(',');
  out->append(masks_[r.aqi.exceeding]).push_back(',');
  if (na) {
    out->append("NA,NA");
  } else {
    out->append(level.category_en).push_back(',');
    out->append(level.colour_hex);
  }
  out->push_back(',');
  AppendCsvCell(r.edition->id, out);
  out->push_back('\n');
}

std::string HourlyJsonRow(const HourlySeries& s, const HourlyResult& r,
                          IndicatorMask iaqi_columns) {
  Json row;
  row["station"] = s.id;
  row["time"] = FormatHourLabel(r.label);
  AddAqiFields(r.aqi, &row);
  const int32_t h = r.label - s.first_label;
  for (Pollutant p : kAllPollutants) {
    const HourlyColumn& column = s.columns[int(p)];
    bool has = h >= 0 && h < s.hours && column.valid[h];
    row[std::string(PollutantKey(p))] =
        has ? Json(FormatRounded(column.At(h), ReportDecimals(p))) : Json(nullptr);
  }
  for (Indicator i : kIaqiColumns) {
    if (!(iaqi_columns & MaskOf(i))) continue;
    int16_t iaqi = r.aqi.iaqi[int(i)];
    row[IaqiColumnName(i)] = iaqi == kNoIaqi ? Json(nullptr) : Json(iaqi);
  }
  AddClosingFields(r.aqi, r.edition, &row);
  return RowText(row);
}

std::string LatestAqiJson(const HourlySeries& s, const std::vector<HourlyResult>& results) {
  Json row;
  row["id"] = s.id;
  row["name"] = s.name;
  row["type"] = s.is_city ? "city" : "station";
  AddAqiAndLevel(kNoIaqi, &row);
  for (auto r = results.rbegin(); r != results.rend(); ++r) {
    if (r->aqi.aqi == kNoIaqi) continue;
    row["time"] = FormatHourLabel(r->label);
    AddAqiFields(r->aqi, &row);
    row["primary"] = MaskNames(r->aqi.primary, ",");
    break;
  }
  return RowText(row);
}

std::string DailyCsvHeader() {
  std::string header = "station,date";
  for (Indicator i : kDailyColumns) header += "," + DailyColumnName(i);
  return header + ",aqi,level,category,primary_pollutants,valid,exceeding_pollutants,edition\n";
}

void AppendDailyCsvRow(const std::string& station, const DailyRecord& d, std::string* out) {
  const bool na = d.aqi.aqi == kNoIaqi;
  const AqiLevel& level = LevelOf(na ? 0 : d.aqi.aqi);
  *out += CsvCell(station) + "," + FormatDate(d.day);
  for (Indicator i : kDailyColumns) *out += "," + DailyValueText(d, i);
  *out += na ? ",NA,NA,NA,"
             : "," + std::to_string(d.aqi.aqi) + "," + std::to_string(level.level) + "," +
                   std::string(level.category_zh) + ",";
  *out += MaskNames(d.aqi.primary, ";") + (na ? ",0," : ",1,") + MaskNames(d.aqi.exceeding, ";") +
          "," + CsvCell(d.edition->id) + "\n";
}

std::string DailyJsonRow(const std::string& station, const DailyRecord& d) {
  Json row;
  row["station"] = station;
  row["date"] = FormatDate(d.day);
  for (Indicator i : kDailyColumns) {
    row[DailyColumnName(i)] = d.value[int(i)] ? Json(DailyValueText(d, i)) : Json(nullptr);
  }
  AddAqiFields(d.aqi, &row);
  row["valid"] = d.aqi.aqi != kNoIaqi;
  AddClosingFields(d.aqi, d.edition, &row);
  row["o3_8h"] = row["o3_8h_max"];  // kept for one release
  return RowText(row);
}

std::string JsonRows(const std::vector<std::string>& rows) {
  if (rows.empty()) return "[]\n";
  std::string out = "[\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    // Each row one level deeper; JSON strings hold no raw newline, so every
    // newline of a row is between its tokens.
    out += ' ';
    for (char c : rows[i]) {
      out += c;
      if (c == '\n') out += ' ';
    }
    out += i + 1 < rows.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

}  // namespace ecociv::air
