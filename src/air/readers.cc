// Readers for hourly air data. Each file is read in blocks of whole records,
// its header mapped to a format, and its rows parsed into compact records;
// the records of all files are then laid onto one dense hourly grid (see
// dataset.h), or handed block by block to a sink (ReadAirRows).
#include <algorithm>
#include <cstring>
#include <thread>
#include <unordered_map>

#include "ecociv/air/dataset.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "ecociv/core/text_stream.h"
#include "reader_columns.h"

namespace ecociv::air {
namespace {

// Station codes are looked up by string_view without building a std::string.
struct CodeHash {
  using is_transparent = void;
  size_t operator()(std::string_view code) const { return std::hash<std::string_view>()(code); }
};
using StationIndex = std::unordered_map<std::string, int32_t, CodeHash, std::equal_to<>>;

using ParsedRow = AirRow;

// Files are read in blocks of whole records of about this size, so the text
// held in memory does not grow with the file.
constexpr size_t kBlockBytes = size_t{16} << 20;

// What the release published beside a row (only with keep_published).
struct PublishedRow {
  int16_t aqi;
  IndicatorMask primary;
  int32_t o3_8h_moving;
  std::array<int16_t, kIndicatorCount> iaqi;
};

bool IsMissingMarker(std::string_view field, std::string* marker) {
  if (!field.empty() && field[0] >= '0' && field[0] <= '9') return false;  // the common case
  field = TrimSpaces(field);
  if (field.empty()) {
    *marker = "empty";
    return true;
  }
  static constexpr std::string_view kMarkers[] = {"NA", "na",   "N/A",  "—",   "--",  "-",
                                                  "/",  "null", "NULL", "nan", "NaN", "—"};
  for (std::string_view m : kMarkers) {
    if (field == m) {
      *marker = std::string(m);
      return true;
    }
  }
  return false;
}

// Published primary pollutant text → indicator mask. CNEMC: 细颗粒物(PM2.5),
// 颗粒物(PM10), 臭氧1小时(O3_1h), 臭氧8小时(O3_8h), 二氧化氮(NO2) ...;
// ZJEMC: PM₂.₅, PM₁₀, O₃, NO₂, SO₂, CO; "--" for none.
IndicatorMask ParsePublishedPrimary(std::string_view text) {
  IndicatorMask mask = 0;
  if (text.size() < 2 || text == "--" || text == "NA") return mask;
  auto has = [&](std::string_view needle) { return text.find(needle) != std::string_view::npos; };
  if (has("PM2.5") || has("PM₂.₅")) mask |= MaskOf(Indicator::kPM25);
  if (has("PM10") || has("PM₁₀")) mask |= MaskOf(Indicator::kPM10);
  if (has("O3_8h") || has("臭氧8小时")) mask |= MaskOf(Indicator::kO3_8h);
  if (has("O3_1h") || has("臭氧1小时") || has("O₃")) mask |= MaskOf(Indicator::kO3_1h);
  if (has("NO2") || has("NO₂")) mask |= MaskOf(Indicator::kNO2);
  if (has("SO2") || has("SO₂")) mask |= MaskOf(Indicator::kSO2);
  if (has("CO") || has("一氧化碳")) mask |= MaskOf(Indicator::kCO);
  return mask;
}

// Where to cut a file body in two for parallel parsing: just after a newline
// near the middle, or 0 (do not split) for small bodies or when the cut could
// fall inside a quoted field. A newline outside every quoted field has an even
// number of quote characters before it (RFC 4180: quotes open, close, and
// escape in pairs), which is what is checked.
size_t SplitPoint(std::string_view body) {
  constexpr size_t kMinimumToSplit = size_t{4} << 20;
  if (body.size() < kMinimumToSplit || std::thread::hardware_concurrency() < 2) return 0;
  size_t newline = body.find('\n', body.size() / 2);
  if (newline == std::string_view::npos || newline + 1 >= body.size()) return 0;
  size_t quotes = CountByte(body.substr(0, newline), '"');
  return quotes % 2 == 0 ? newline + 1 : 0;
}

// What a parser of the second half collects, merged afterwards.
struct PartResult {
  PartResult(const StationIndex& known_index, const std::vector<StationInfo>& known)
      : index(known_index), stations(known), known_count(known.size()) {}
  StationIndex index;
  std::vector<StationInfo> stations;
  size_t known_count;
  std::vector<ParsedRow> rows;
  std::vector<PublishedRow> published;
  ReadReport report;
};

class FileParser {
 public:
  FileParser(StationIndex* station_index, std::vector<StationInfo>* stations,
             std::vector<ParsedRow>* rows, std::vector<PublishedRow>* published, ReadReport* report,
             const ReadOptions& options, bool known_stations_only)
      : station_index_(station_index),
        stations_(stations),
        rows_(rows),
        published_(published),
        report_(report),
        options_(options),
        known_only_(known_stations_only),
        earliest_(options.earliest),
        latest_(options.latest != 0 ? options.latest : LatestPlausibleAirHour()) {}

  // Reads the file block by block; with a sink, each block's rows are
  // handed to it (and cleared) before the next block is read.
  Status Parse(const std::string& path, int32_t file_index);
  void set_sink(const AirRowSink* sink) { sink_ = sink; }
  bool saw_primary_column() const { return saw_primary_column_; }

  // Parses the rows of `body` (a part of the file after its header, starting
  // on line `first_line`) with the header's column map.
  Status ParseBody(const std::string& path, int32_t file_index, const ColumnMap& m,
                   std::string_view body, int64_t first_line);

 private:
  void RowError(const std::string& path, int64_t line, const std::string& reason) {
    if (static_cast<int>(report_->row_errors.size()) < options_.max_row_errors) {
      report_->row_errors.push_back(path + ":" + std::to_string(line) + ": " + reason);
    } else {
      ++suppressed_;
    }
  }
  Status ParseBlock(const std::string& path, int32_t file_index, const ColumnMap& m,
                    std::string_view body, int64_t first_line);
  bool ParseValue(std::string_view field, int decimals, int32_t* out, bool* bad);
  void MergePart(PartResult part);
  void ParsePublished(const ColumnMap& m, const std::vector<std::string_view>& fields,
                      const ParsedRow& row, PublishedRow* pub);
  int32_t StationFor(const ColumnMap& m, const std::vector<std::string_view>& f);
  int32_t StationLookup(const ColumnMap& m, const std::vector<std::string_view>& f,
                        std::string_view code_view);

  StationIndex* station_index_;
  std::vector<StationInfo>* stations_;
  std::vector<ParsedRow>* rows_;
  std::vector<PublishedRow>* published_;
  ReadReport* report_;
  const ReadOptions& options_;
  bool known_only_;
  const HourLabel earliest_, latest_;
  int64_t suppressed_ = 0;
  std::string marker_;
  bool saw_primary_column_ = false;
  const AirRowSink* sink_ = nullptr;
  // StationFor's guess: the index of the last row's station, and for each
  // station the one that followed it last (-1: not yet seen).
  int32_t previous_ = -1;
  std::vector<int32_t> following_;
};

void FileParser::ParsePublished(const ColumnMap& m, const std::vector<std::string_view>& fields,
                                const ParsedRow& row, PublishedRow* pub) {
  pub->aqi = -1;
  int64_t v;
  if (m.aqi >= 0 && ParseScaledDecimal(fields[m.aqi], 0, &v) && v >= 0 && v < 10000) {
    pub->aqi = static_cast<int16_t>(v);
  }
  pub->primary = m.primary >= 0 ? ParsePublishedPrimary(fields[m.primary]) : 0;
  pub->o3_8h_moving = kMissing;
  if (m.o3_8h_moving >= 0 &&
      ParseScaledDecimal(fields[m.o3_8h_moving], kConcentrationDecimals, &v) && v >= 0) {
    pub->o3_8h_moving = static_cast<int32_t>(v);
  }
  for (int i = 0; i < kIndicatorCount; ++i) {
    pub->iaqi[i] = -1;
    if (m.iaqi[i] >= 0 && ParseScaledDecimal(fields[m.iaqi[i]], 0, &v) && v >= 0) {
      pub->iaqi[i] = static_cast<int16_t>(v);
    }
  }
  if (m.format == Format::kJinan && pub->aqi == 0) {
    // Jinan writes MAXAQI 0 with every other field empty for "no data".
    bool all_missing =
        std::all_of(row.values.begin(), row.values.end(), [](int32_t value) { return value < 0; });
    if (all_missing) pub->aqi = -1;
  }
}

bool FileParser::ParseValue(std::string_view field, int decimals, int32_t* out, bool* bad) {
  *bad = false;
  if (IsMissingMarker(field, &marker_)) {
    ++report_->missing_by_marker[marker_];
    *out = marker_ == "/" ? kNotMonitored : kMissing;
    return true;
  }
  int64_t scaled;
  bool rounded = false;
  if (!ParseScaledDecimal(field, decimals, &scaled, &rounded) || scaled > INT32_MAX) {
    *bad = true;
    return false;
  }
  if (rounded) ++report_->values_rounded;
  if (scaled < 0) {
    ++report_->missing_by_marker["negative"];
    *out = kMissing;
    return true;
  }
  ++report_->values_read;
  *out = static_cast<int32_t>(scaled);
  return true;
}

int32_t FileParser::StationFor(const ColumnMap& m, const std::vector<std::string_view>& f) {
  std::string_view code_view = TrimSpaces(f[m.station]);
  // Releases list the stations of every hour in the same order: the station
  // that followed the previous row's last time is tried before the hash
  // table. A guess is only ever an index the table gave for its code, so a
  // hit is the table's answer.
  if (previous_ >= 0 && size_t(previous_) < following_.size()) {
    int32_t guess = following_[size_t(previous_)];
    if (guess >= 0 && (*stations_)[size_t(guess)].code == code_view) return previous_ = guess;
  }
  int32_t index = StationLookup(m, f, code_view);
  if (index >= 0) {
    if (previous_ >= 0) {
      if (following_.size() <= size_t(previous_)) following_.resize(stations_->size(), -1);
      following_[size_t(previous_)] = index;
    }
    previous_ = index;
  }
  return index;
}

int32_t FileParser::StationLookup(const ColumnMap& m, const std::vector<std::string_view>& f,
                                  std::string_view code_view) {
  auto it = station_index_->find(code_view);
  if (it != station_index_->end()) return it->second;
  std::string code(code_view);
  if (known_only_ && m.format == Format::kWide) return -1;
  StationInfo info;
  info.code = code;
  if (m.name >= 0) info.name = std::string(TrimSpaces(f[m.name]));
  if (m.city >= 0) info.city = std::string(TrimSpaces(f[m.city]));
  if (m.lon >= 0) ParseDouble(f[m.lon], &info.longitude);
  if (m.lat >= 0) ParseDouble(f[m.lat], &info.latitude);
  info.background = info.name.find("对照点") != std::string::npos;
  int32_t index = static_cast<int32_t>(stations_->size());
  stations_->push_back(std::move(info));
  station_index_->emplace(code, index);
  return index;
}

Status FileParser::Parse(const std::string& path, int32_t file_index) {
  std::unique_ptr<TextStream> stream;
  if (size_t(file_index) < options_.texts.size()) {
    stream = TextStream::OfText(options_.texts[size_t(file_index)]);
  } else {
    ECOCIV_ASSIGN_OR_RETURN(stream, TextStream::Open(path));
    if (options_.on_bytes) {
      stream = ObservedStream(std::move(stream), [this, file_index](std::string_view bytes) {
        options_.on_bytes(file_index, bytes);
      });
    }
  }
  CsvBlocks blocks(std::move(stream), kBlockBytes);
  std::string_view block;
  int64_t first_line = 0;
  ECOCIV_ASSIGN_OR_RETURN(bool any, blocks.Next(&block, &first_line));
  CsvReader header(block);
  std::vector<std::string_view> fields;
  if (!any || !header.NextRecord(&fields)) {
    if (!header.status().ok()) return header.status().WithContext(path);
    return InvalidArgumentError(path + ": empty file (no header row)");
  }
  ECOCIV_ASSIGN_OR_RETURN(ColumnMap m, MapHeader(fields, path));
  saw_primary_column_ = saw_primary_column_ || m.primary >= 0;
  std::string_view body = block.substr(header.offset());
  first_line = header.next_line();
  while (true) {
    ECOCIV_RETURN_IF_ERROR(ParseBlock(path, file_index, m, body, first_line));
    if (sink_) {
      published_->clear();
      ECOCIV_RETURN_IF_ERROR((*sink_)(*stations_, rows_));
      rows_->clear();
    }
    ECOCIV_ASSIGN_OR_RETURN(bool more, blocks.Next(&body, &first_line));
    if (!more) break;
  }
  if (suppressed_ > 0) {
    report_->row_errors.push_back(path + ": " + std::to_string(suppressed_) +
                                  " further rejected rows not listed");
    suppressed_ = 0;
  }
  return Status::Ok();
}

Status FileParser::ParseBlock(const std::string& path, int32_t file_index, const ColumnMap& m,
                              std::string_view body, int64_t first_line) {
  size_t split = SplitPoint(body);
  if (split == 0) return ParseBody(path, file_index, m, body, first_line);
  // Two halves on two threads; the second half's results are merged after
  // the first's, so rows, errors and station order are as in one pass.
  std::string_view first_half = body.substr(0, split), second_half = body.substr(split);
  const int64_t second_line = first_line + int64_t(CountByte(first_half, '\n'));
  PartResult part(*station_index_, *stations_);
  FileParser second(&part.index, &part.stations, &part.rows, &part.published, &part.report,
                    options_, known_only_);
  Status second_status;
  std::thread worker(
      [&] { second_status = second.ParseBody(path, file_index, m, second_half, second_line); });
  Status first_status = ParseBody(path, file_index, m, first_half, first_line);
  worker.join();
  ECOCIV_RETURN_IF_ERROR(first_status);
  ECOCIV_RETURN_IF_ERROR(second_status);
  suppressed_ += second.suppressed_;
  MergePart(std::move(part));
  return Status::Ok();
}

Status FileParser::ParseBody(const std::string& path, int32_t file_index, const ColumnMap& m,
                             std::string_view body, int64_t first_line) {
  CsvReader reader(body, first_line);
  std::vector<std::string_view> fields;
  int co_decimals = m.co_in_micrograms ? kConcentrationDecimals - 3 : kConcentrationDecimals;
  // A time that parsed holds no quote, so the view points into `body`.
  std::string_view last_time_text;
  HourLabel last_label = 0;
  while (reader.NextRecord(&fields)) {
    ++report_->rows_read;
    int64_t line = reader.line();
    if (fields.size() != m.field_count) {
      RowError(path, line,
               "expected " + std::to_string(m.field_count) + " fields, found " +
                   std::to_string(fields.size()));
      continue;
    }
    ParsedRow row;
    PublishedRow pub;
    row.file = file_index;
    row.line = static_cast<int32_t>(line);
    // Releases list every station of an hour together: the last good time
    // text is remembered instead of parsed again.
    std::string_view time_text = TrimSpaces(fields[m.time]);
    if (time_text != last_time_text || last_time_text.empty()) {
      auto label = ParseHourLabel(time_text);
      if (!label.ok()) {
        RowError(path, line, label.status().message());
        continue;
      }
      if (*label < earliest_ || *label > latest_) {
        RowError(path, line,
                 "time " + FormatHourLabel(*label) + " outside " + FormatHourLabel(earliest_) +
                     ".." + FormatHourLabel(latest_) +
                     " (air data is read from 2000 to the end of tomorrow, Beijing time)");
        continue;
      }
      last_time_text = time_text;
      last_label = *label;
    }
    row.label = last_label;
    row.station = StationFor(m, fields);
    if (row.station < 0) {
      RowError(path, line,
               "unknown station " + QuoteForMessage(TrimSpaces(fields[m.station])) +
                   " (not in the station list)");
      continue;
    }
    bool ok = true;
    for (int p = 0; p < kPollutantCount && ok; ++p) {
      row.values[p] = kMissing;
      if (m.value[p] < 0) continue;
      int decimals = p == int(Pollutant::kCO) ? co_decimals : kConcentrationDecimals;
      bool bad;
      ParseValue(fields[m.value[p]], decimals, &row.values[p], &bad);
      if (bad) {
        RowError(path, line,
                 "bad number " + QuoteForMessage(fields[m.value[p]]) + " in field " +
                     std::string(PollutantKey(static_cast<Pollutant>(p))));
        ok = false;
      }
    }
    if (!ok) continue;
    if (options_.keep_published) {
      ParsePublished(m, fields, row, &pub);
      published_->push_back(pub);
    }
    rows_->push_back(row);
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  return Status::Ok();
}

void FileParser::MergePart(PartResult part) {
  // Stations the second half met first get indices after the first half's.
  std::vector<int32_t> remap(part.stations.size());
  for (size_t i = 0; i < part.stations.size(); ++i) {
    if (i < part.known_count) {
      remap[i] = static_cast<int32_t>(i);
      continue;
    }
    auto it = station_index_->find(part.stations[i].code);
    if (it != station_index_->end()) {
      remap[i] = it->second;
    } else {
      remap[i] = static_cast<int32_t>(stations_->size());
      station_index_->emplace(part.stations[i].code, remap[i]);
      stations_->push_back(std::move(part.stations[i]));
    }
  }
  for (ParsedRow& row : part.rows) {
    row.station = remap[row.station];
    rows_->push_back(row);
  }
  published_->insert(published_->end(), part.published.begin(), part.published.end());
  ReadReport& r = part.report;
  report_->rows_read += r.rows_read;
  report_->values_read += r.values_read;
  report_->values_rounded += r.values_rounded;
  for (const auto& [marker, count] : r.missing_by_marker)
    report_->missing_by_marker[marker] += count;
  for (std::string& error : r.row_errors) {
    if (static_cast<int>(report_->row_errors.size()) < options_.max_row_errors) {
      report_->row_errors.push_back(std::move(error));
    } else {
      ++suppressed_;
    }
  }
}

bool SameValues(const ParsedRow& a, const ParsedRow& b) { return a.values == b.values; }

}  // namespace

Status ReadAirRows(const std::vector<std::string>& paths, const ReadOptions& options,
                   ReadReport* report, const AirRowSink& sink) {
  if (paths.empty()) return InvalidArgumentError("no input files given (--input FILE...)");
  std::vector<StationInfo> stations;
  StationIndex station_index;
  bool known_only = false;
  if (!options.stations_file.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(stations, ReadStationList(options.stations_file));
    for (size_t i = 0; i < stations.size(); ++i) station_index[stations[i].code] = int32_t(i);
    known_only = true;
  }
  std::vector<ParsedRow> rows;
  std::vector<PublishedRow> published_rows;
  ReadOptions without_published = options;
  without_published.keep_published = false;
  FileParser parser(&station_index, &stations, &rows, &published_rows, report, without_published,
                    known_only);
  parser.set_sink(&sink);
  for (size_t i = 0; i < paths.size(); ++i) {
    ECOCIV_RETURN_IF_ERROR(parser.Parse(paths[i], static_cast<int32_t>(i)));
  }
  return Status::Ok();
}

StatusOr<AirDataset> ReadAirFiles(const std::vector<std::string>& paths, const ReadOptions& options,
                                  ReadReport* report) {
  if (paths.empty()) return InvalidArgumentError("no input files given (--input FILE...)");
  std::vector<StationInfo> stations;
  StationIndex station_index;
  bool known_only = false;
  if (!options.stations_file.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(stations, ReadStationList(options.stations_file));
    for (size_t i = 0; i < stations.size(); ++i) station_index[stations[i].code] = int32_t(i);
    known_only = true;
  }
  std::vector<ParsedRow> rows;
  std::vector<PublishedRow> published_rows;
  bool any_primary_column = false;
  FileParser parser(&station_index, &stations, &rows, &published_rows, report, options, known_only);
  for (size_t i = 0; i < paths.size(); ++i) {
    ECOCIV_RETURN_IF_ERROR(parser.Parse(paths[i], static_cast<int32_t>(i)));
  }
  bool published = false;
  HourLabel first = 0, last = -1;
  for (const ParsedRow& row : rows) {
    if (last < first) {
      first = last = row.label;
    } else {
      first = std::min(first, row.label);
      last = std::max(last, row.label);
    }
  }
  for (const PublishedRow& pub : published_rows) {
    if (pub.aqi >= 0) {
      published = true;
      break;
    }
  }
  any_primary_column = parser.saw_primary_column();
  if (last >= first) {
    const int64_t hours = int64_t{last} - first + 1;
    const int64_t cells = hours * static_cast<int64_t>(stations.size());
    const int64_t allowed =
        kMaxGridCellsPerRow * static_cast<int64_t>(rows.size()) + kGridCellsFloor;
    if (cells > allowed) {
      return InvalidArgumentError(
          "the rows read span " + FormatHourLabel(first) + ".." + FormatHourLabel(last) + " (" +
          std::to_string(hours) + " hours) for " + std::to_string(stations.size()) +
          " stations: an hourly grid of " + std::to_string(cells) + " station-hours for " +
          std::to_string(rows.size()) + " rows, more than " + std::to_string(kMaxGridCellsPerRow) +
          " per row; split the files by period (a run per year or month) or remove the stray "
          "rows");
    }
  }
  AirDataset dataset = AirDataset::Make(first, last, std::move(stations), published);
  dataset.set_has_published_primary(any_primary_column);
  bool has_iaqi =
      std::any_of(published_rows.begin(), published_rows.end(), [](const PublishedRow& r) {
        return std::any_of(r.iaqi.begin(), r.iaqi.end(), [](int16_t v) { return v >= 0; });
      });
  if (has_iaqi) {
    for (auto& series : dataset.mutable_stations()) {
      for (auto& column : series.published.iaqi) column.assign(dataset.hour_count(), -1);
    }
  }
  // Which row filled each station-hour first, to report duplicates precisely.
  constexpr uint32_t kUnfilled = UINT32_MAX;
  std::vector<uint32_t> filled_by(dataset.stations().size() * size_t(dataset.hour_count()),
                                  kUnfilled);
  for (size_t r = 0; r < rows.size(); ++r) {
    const ParsedRow& row = rows[r];
    StationSeries& series = dataset.mutable_stations()[row.station];
    int32_t h = row.label - first;
    uint32_t& cell = filled_by[size_t(row.station) * dataset.hour_count() + h];
    if (cell != kUnfilled) {
      const ParsedRow& earlier = rows[cell];
      if (SameValues(earlier, row)) {
        ++report->duplicate_rows_identical;
      } else {
        report->row_errors.push_back(paths[row.file] + ":" + std::to_string(row.line) +
                                     ": duplicate station-hour " +
                                     QuoteForMessage(series.info.code) + " " +
                                     FormatHourLabel(row.label) +
                                     " with different values (first at " + paths[earlier.file] +
                                     ":" + std::to_string(earlier.line) + "; the first is kept)");
      }
      continue;
    }
    cell = static_cast<uint32_t>(r);
    for (int p = 0; p < kPollutantCount; ++p) series.values[p][h] = row.values[p];
    if (published) {
      const PublishedRow& pub = published_rows[r];
      series.published.aqi[h] = pub.aqi;
      series.published.primary[h] = pub.primary;
      series.published.o3_8h_moving[h] = pub.o3_8h_moving;
      if (has_iaqi) {
        for (int i = 0; i < kIndicatorCount; ++i) series.published.iaqi[i][h] = pub.iaqi[i];
      }
    }
  }
  return dataset;
}

}  // namespace ecociv::air
