// Importing an air file (import.h): read as text for its content digest (or
// streamed from the file when it is large), parsed by air::ReadAirFiles, the
// stations it names that the store lacks added from the file or their rows
// rejected, then written as one batch (air_import.cc).
#include <algorithm>
#include <charconv>
#include <climits>
#include <functional>
#include <optional>
#include <set>

#include "air_file_checks.h"
#include "air_import_internal.h"
#include "batch.h"
#include "canonical.h"
#include "ecociv/core/text_encoding.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/import.h"
#include "ecociv/store/xlsx.h"
#include "import_source.h"
#include "station_table.h"
#include "text_digest.h"

namespace ecociv::store {

namespace {

// The stations a file names that the database lacks, from the file's own
// metadata (CNEMC and Zhejiang releases carry name, city and coordinates).
// Codes without a city stay in *unknown.
std::vector<StationRow> StationsFromFile(const air::AirDataset& dataset,
                                         std::set<std::string>* unknown) {
  std::vector<StationRow> rows;
  for (const air::StationSeries& series : dataset.stations()) {
    const air::StationInfo& info = series.info;
    if (!unknown->count(info.code) || info.city.empty()) continue;
    StationRow row;
    row.code = info.code;
    row.name = info.name;
    row.city = info.city;
    char buffer[32];
    row.longitude.assign(buffer, std::to_chars(buffer, buffer + 32, info.longitude).ptr);
    row.latitude.assign(buffer, std::to_chars(buffer, buffer + 32, info.latitude).ptr);
    row.background = info.background;
    rows.push_back(std::move(row));
    unknown->erase(info.code);
  }
  return rows;
}

// Adds the new stations and imports the air data in one transaction.
StatusOr<ImportResult> ImportWithNewStations(Database* db, const air::AirDataset& dataset,
                                             const std::vector<StationRow>& new_stations,
                                             const std::string& source,
                                             const std::string& content_sha256,
                                             const std::vector<std::string>& rejects,
                                             const ImportOptions& options) {
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  BatchRecord stations;
  stations.kind = "stations";
  stations.source = source + " (stations named in the file)";
  Sha256 digest;
  for (const StationRow& row : new_stations) digest.AddField(StationCanonical(row));
  stations.content_sha256 = ToHex(digest.Finish());
  std::string revised;
  ECOCIV_RETURN_IF_ERROR(
      WriteStationBatch(db, new_stations, {}, options.actor, &stations, &revised));
  ImportResult result;
  result.source = source;
  result.rejects = rejects;
  result.stations_added = static_cast<int64_t>(new_stations.size());
  ECOCIV_RETURN_IF_ERROR(
      WriteAirBatch(db, dataset, source, content_sha256, rejects, options, &result));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return result;
}


// Finds the stations a file names that the database lacks.
using LocateUnknown = std::function<Status(const std::set<std::string>& codes,
                                           std::vector<std::string>* rejects)>;

// What follows the reading of a file: the stations it names that the
// database lacks (added from the file, or their rows rejected), then the write.
StatusOr<ImportResult> ImportReadFile(Database* db, const std::string& path,
                                      air::AirDataset* dataset, std::vector<std::string> rejects,
                                      const std::string& digest, const LocateUnknown& locate,
                                      const ImportOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(auto stations, ReadStationTable(db));
  std::set<std::string> unknown;
  for (const air::StationSeries& series : dataset->stations()) {
    if (!stations.count(series.info.code)) unknown.insert(series.info.code);
  }
  std::vector<StationRow> new_stations;
  if (options.add_stations) new_stations = StationsFromFile(*dataset, &unknown);
  if (!unknown.empty()) {
    auto& series = dataset->mutable_stations();
    series.erase(std::remove_if(series.begin(), series.end(),
                                [&](const auto& s) { return unknown.count(s.info.code) > 0; }),
                 series.end());
    ECOCIV_RETURN_IF_ERROR(locate(unknown, &rejects));
  }
  if (new_stations.empty() || (!rejects.empty() && !options.skip_bad_rows)) {
    return ImportAirDataset(db, *dataset, path, digest, rejects, options);
  }
  return ImportWithNewStations(db, *dataset, new_stations, path, digest, rejects, options);
}

// Larger CSV files are parsed straight from the file and digested as they are
// read, so their text is never held whole (a national month is 134 MB). The
// result is that of reading the whole text first, which is what happens
// instead (nullopt here) for a small file, a workbook, a file that is not
// UTF-8 (converted first) and one that does not parse (whose error, or whose
// earlier import, is then reported as before).
constexpr size_t kStreamFrom = size_t{1} << 20;

StatusOr<std::optional<ImportResult>> ImportLargeCsv(Database* db, const std::string& path,
                                                     const ImportOptions& options) {
  if (IsXlsxPath(path)) return std::optional<ImportResult>();
  bool whole = false;
  auto prefix = ReadTextPrefix(path, kStreamFrom, &whole);
  if (!prefix.ok() || whole) return std::optional<ImportResult>();
  {
    // Not UTF-8 (a Chinese Excel's GBK): converted whole first.
    if (!IsValidUtf8(std::string_view(*prefix).substr(0, prefix->rfind('\n')))) {
      return std::optional<ImportResult>();
    }
    CsvReader header(*prefix);
    std::vector<std::string_view> fields;
    if (!header.NextRecord(&fields) || header.offset() >= prefix->size()) {
      return std::optional<ImportResult>();  // no whole header line in the prefix
    }
    std::string_view head(prefix->data(), header.offset());
    ECOCIV_RETURN_IF_ERROR(CheckHeaderUnits(path, head));
  }
  TextDigest digest;
  air::ReadOptions read_options;
  read_options.max_row_errors = INT_MAX;
  read_options.keep_published = false;  // not stored; neither rows nor rejects depend on it
  read_options.on_bytes = [&](int32_t, std::string_view bytes) { digest.Add(bytes); };
  air::ReadReport report;
  auto dataset = air::ReadAirFiles({path}, read_options, &report);
  if (!dataset.ok()) return std::optional<ImportResult>();
  bool utf8 = false;
  std::string content_sha256 = digest.Finish(&utf8);
  if (!utf8) return std::optional<ImportResult>();
  ECOCIV_ASSIGN_OR_RETURN(int64_t earlier, FindBatchByContent(db, "air", content_sha256));
  if (earlier != 0) {
    ImportResult result;
    result.source = path;
    result.batch_id = earlier;
    result.outcome = ImportOutcome::kUnchanged;
    return std::optional<ImportResult>(std::move(result));
  }
  auto locate = [&](const std::set<std::string>& codes, std::vector<std::string>* rejects) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    LocateUnknownStations(path, text, codes, rejects);
    SortRejects({path}, rejects);
    return Status::Ok();
  };
  ECOCIV_ASSIGN_OR_RETURN(ImportResult result,
                          ImportReadFile(db, path, &*dataset, std::move(report.row_errors),
                                         content_sha256, locate, options));
  return std::optional<ImportResult>(std::move(result));
}

}  // namespace

StatusOr<ImportResult> ImportAirFile(Database* db, const std::string& path,
                                     const ImportOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(std::optional<ImportResult> streamed, ImportLargeCsv(db, path, options));
  if (streamed) return std::move(*streamed);
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<ImportSource> source, ImportSource::Open(path));
  std::vector<std::string> read_paths, labels;
  for (const SourcePart& part : source->parts()) {
    ECOCIV_RETURN_IF_ERROR(CheckHeaderUnits(part.label, part.text));
    read_paths.push_back(part.read_path);
    labels.push_back(part.label);
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t earlier, FindBatchByContent(db, "air", source->digest()));
  if (earlier != 0) {
    ImportResult result;
    result.source = path;
    result.batch_id = earlier;
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  air::ReadOptions read_options;
  read_options.max_row_errors = INT_MAX;
  read_options.keep_published = false;  // not stored; neither rows nor rejects depend on it
  // The text was read (and decompressed) once for the digest: parsed from there.
  for (const SourcePart& part : source->parts()) read_options.texts.push_back(part.text);
  air::ReadReport report;
  auto dataset = air::ReadAirFiles(read_paths, read_options, &report);
  if (!dataset.ok()) return source->Relabel(dataset.status());
  std::vector<std::string> rejects;
  for (const std::string& error : report.row_errors) rejects.push_back(source->Relabel(error));
  auto locate = [&](const std::set<std::string>& codes, std::vector<std::string>* rejects) {
    for (const SourcePart& part : source->parts()) {
      LocateUnknownStations(part.label, part.text, codes, rejects);
    }
    SortRejects(labels, rejects);
    return Status::Ok();
  };
  return ImportReadFile(db, path, &*dataset, std::move(rejects), source->digest(), locate,
                        options);
}

}  // namespace ecociv::store
