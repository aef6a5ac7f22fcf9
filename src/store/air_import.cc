// Importing hourly air data (see import.h for the contract).
//
// The file is read twice: once as text for its content digest and to locate
// the rows of unknown stations, once by air::ReadAirFiles, which recognises
// the format and validates every row. Rows are then written station by
// station with prepared statements inside one transaction.
#include <algorithm>
#include <charconv>
#include <climits>
#include <functional>
#include <optional>
#include <set>

#include "air_batch_screen.h"
#include "air_file_checks.h"
#include "batch.h"
#include "text_digest.h"
#include "canonical.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_encoding.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "ecociv/store/xlsx.h"
#include "import_source.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

constexpr size_t kMaxRevisionsListed = 100;

std::string FormatValue(int32_t value) {
  if (value == air::kMissing) return "NA";
  if (value == air::kNotMonitored) return "/";
  return FormatShortest(value, 4);
}

// A value with its data flag when it has one other than N: "35 (M)".
std::string FormatFlagged(int32_t value, std::string_view flags, int p) {
  return FormatValue(value) + (AirValueFlagged(flags, p) ? std::string(" (") + flags[p] + ")" : "");
}

// Writes air rows of one batch; owns the prepared statements.
class AirWriter {
 public:
  AirWriter(Database* db, BatchRecord* batch, const ImportOptions& options)
      : db_(db), batch_(batch), options_(options) {}

  Status Prepare();
  // Writes the rows still held for a multi-row insert; before the batch is
  // finished (and before anything reads air_hourly back).
  Status Flush();
  Status WriteSeries(const StationRow& station, const air::StationSeries& series,
                     HourLabel first_label, int32_t hour_count);

  RowHashList* mutable_hashes() { return &hashes_; }
  const std::vector<std::string>& revisions() const { return revisions_; }
  // True when some station-hour of the file was already stored.
  bool saw_stored_rows() const { return saw_stored_rows_; }

 private:
  struct Existing {
    AirValues values;
    std::string flags;
    int64_t batch_id;
  };
  Status LoadExisting(int64_t station_id, HourLabel from, HourLabel to,
                      std::map<HourLabel, Existing>* existing);
  Status Insert(int64_t station_id, HourLabel label, const AirValues& values,
                const std::string& flags);
  Status Revise(const StationRow& station, HourLabel label, const Existing& old,
                const AirValues& values, const std::string& flags);

  Database* db_;
  BatchRecord* batch_;
  const ImportOptions& options_;
  std::unique_ptr<Statement> insert_, select_, update_, keep_old_;
  // SQLite: new rows are inserted kRowsPerInsert at a time by one statement
  // (its per-statement work — start, halt, reset, bindings cleared — was a
  // fifth of inserting a row one by one). Only new station-hours are held,
  // each of a station whose stored rows were already read, so holding them
  // until the next flush changes nothing any statement here sees.
  static constexpr int kRowsPerInsert = 64;
  static constexpr int kInsertColumns = 11;
  struct Pending {
    int64_t station_id;
    HourLabel label;
    AirValues values;
    const std::string* flags;  // kNoFlags or an entry of options_.air_flags
  };
  std::unique_ptr<Statement> insert_many_;
  std::vector<Pending> pending_;
  RowHashList hashes_;
  std::vector<std::string> revisions_;
  std::string canonical_;  // reused for every row
  int64_t rows_written_ = 0;
  bool saw_stored_rows_ = false;
};

Status AirWriter::Prepare() {
  ECOCIV_ASSIGN_OR_RETURN(
      insert_, db_->PrepareBulkInsert(
                   "INSERT INTO air_hourly (station_id, label, so2, no2, co, o3, pm10, pm25, "
                   "not_monitored, batch_id, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  if (db_->BackendName() == "sqlite") {
    std::string sql =
        "INSERT INTO air_hourly (station_id, label, so2, no2, co, o3, pm10, pm25, "
        "not_monitored, batch_id, flags) VALUES ";
    for (int r = 0; r < kRowsPerInsert; ++r) {
      sql += r ? ", (?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?)";
    }
    ECOCIV_ASSIGN_OR_RETURN(insert_many_, db_->Prepare(sql));
    pending_.reserve(kRowsPerInsert);
  }
  ECOCIV_ASSIGN_OR_RETURN(
      select_, db_->Prepare("SELECT label, so2, no2, co, o3, pm10, pm25, not_monitored, batch_id, "
                            "flags FROM air_hourly WHERE station_id = ? AND label BETWEEN ? AND ?"));
  ECOCIV_ASSIGN_OR_RETURN(
      update_, db_->Prepare("UPDATE air_hourly SET so2 = ?, no2 = ?, co = ?, o3 = ?, pm10 = ?, "
                            "pm25 = ?, not_monitored = ?, batch_id = ?, flags = ? WHERE "
                            "station_id = ? AND label = ?"));
  ECOCIV_ASSIGN_OR_RETURN(
      keep_old_,
      db_->Prepare("INSERT INTO air_revisions (station_id, label, so2, no2, co, o3, pm10, pm25, "
                   "not_monitored, batch_id, superseded_by, flags) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?)"));
  return Status::Ok();
}

Status AirWriter::LoadExisting(int64_t station_id, HourLabel from, HourLabel to,
                               std::map<HourLabel, Existing>* existing) {
  select_->BindInt64(0, station_id);
  select_->BindInt64(1, from);
  select_->BindInt64(2, to);
  Status status;
  while (select_->Step(&status)) {
    Existing row;
    row.values = ColumnAirValues(*select_, 1);
    row.batch_id = select_->ColumnInt64(8);
    row.flags = select_->ColumnText(9);
    existing->emplace(static_cast<HourLabel>(select_->ColumnInt64(0)), row);
  }
  select_->Reset();
  return status;
}

Status AirWriter::Flush() {
  for (const Pending& row : pending_) {
    insert_->BindInt64(0, row.station_id);
    insert_->BindInt64(1, row.label);
    BindAirValues(insert_.get(), 2, row.values);
    insert_->BindInt64(9, batch_->id);
    insert_->BindText(10, *row.flags);
    ECOCIV_RETURN_IF_ERROR(insert_->Run());
  }
  pending_.clear();
  return Status::Ok();
}

Status AirWriter::Insert(int64_t station_id, HourLabel label, const AirValues& values,
                         const std::string& flags) {
  if (insert_many_ != nullptr) {
    pending_.push_back({station_id, label, values, &flags});
    if (pending_.size() < size_t(kRowsPerInsert)) return Status::Ok();
    for (int r = 0; r < kRowsPerInsert; ++r) {
      const Pending& row = pending_[size_t(r)];
      const int at = r * kInsertColumns;
      insert_many_->BindInt64(at, row.station_id);
      insert_many_->BindInt64(at + 1, row.label);
      BindAirValues(insert_many_.get(), at + 2, row.values);
      insert_many_->BindInt64(at + 9, batch_->id);
      insert_many_->BindText(at + 10, *row.flags);
    }
    pending_.clear();
    return insert_many_->Run();
  }
  insert_->BindInt64(0, station_id);
  insert_->BindInt64(1, label);
  BindAirValues(insert_.get(), 2, values);
  insert_->BindInt64(9, batch_->id);
  insert_->BindText(10, flags);
  return insert_->Run();
}

Status AirWriter::Revise(const StationRow& station, HourLabel label, const Existing& old,
                         const AirValues& values, const std::string& flags) {
  keep_old_->BindInt64(0, station.id);
  keep_old_->BindInt64(1, label);
  BindAirValues(keep_old_.get(), 2, old.values);
  keep_old_->BindInt64(9, old.batch_id);
  keep_old_->BindInt64(10, batch_->id);
  keep_old_->BindText(11, old.flags);
  ECOCIV_RETURN_IF_ERROR(keep_old_->Run());
  BindAirValues(update_.get(), 0, values);
  update_->BindInt64(7, batch_->id);
  update_->BindText(8, flags);
  update_->BindInt64(9, station.id);
  update_->BindInt64(10, label);
  ECOCIV_RETURN_IF_ERROR(update_->Run());
  for (int p = 0; p < air::kPollutantCount && revisions_.size() < kMaxRevisionsListed; ++p) {
    if (old.values[p] == values[p] &&
        AirValueFlagged(old.flags, p) == AirValueFlagged(flags, p) &&
        (!AirValueFlagged(flags, p) || old.flags[p] == flags[p])) {
      continue;
    }
    revisions_.push_back(station.code + " " + FormatHourLabel(label) + " " +
                         std::string(air::PollutantKey(air::Pollutant(p))) + " " +
                         FormatFlagged(old.values[p], old.flags, p) + " → " +
                         FormatFlagged(values[p], flags, p));
  }
  return Status::Ok();
}

Status AirWriter::WriteSeries(const StationRow& station, const air::StationSeries& series,
                              HourLabel first_label, int32_t hour_count) {
  std::map<HourLabel, Existing> existing;
  ECOCIV_RETURN_IF_ERROR(
      LoadExisting(station.id, first_label, first_label + hour_count - 1, &existing));
  saw_stored_rows_ = saw_stored_rows_ || !existing.empty();
  static const std::string kNoFlags;
  for (int32_t index = 0; index < hour_count; ++index) {
    AirValues values = ValuesAt(series, index);
    if (AllMissing(values)) continue;
    HourLabel label = first_label + index;
    const std::string* flags = &kNoFlags;
    if (options_.air_flags != nullptr) {
      auto it = options_.air_flags->find({station.code, label});
      if (it != options_.air_flags->end()) flags = &it->second;
    }
    auto old = existing.find(label);
    if (old != existing.end() && old->second.values == values && old->second.flags == *flags) {
      ++batch_->rows_unchanged;
      continue;
    }
    if (old != existing.end()) {
      ECOCIV_RETURN_IF_ERROR(Revise(station, label, old->second, values, *flags));
      ++batch_->rows_revised;
    } else {
      ECOCIV_RETURN_IF_ERROR(Insert(station.id, label, values, *flags));
      ++batch_->rows_inserted;
    }
    AirRowCanonicalTo(station.code, label, values, *flags, &canonical_);
    hashes_.Set({station.id, label}, RowFingerprint(canonical_));
    if (options_.progress && ++rows_written_ % options_.progress_every == 0) {
      options_.progress(rows_written_);
    }
  }
  return Status::Ok();
}

std::string RevisionDetail(const BatchRecord& batch, const std::vector<std::string>& revisions) {
  if (revisions.empty()) return "";
  std::string detail = "; revised values";
  if (batch.rows_revised > static_cast<int64_t>(revisions.size())) detail += " (first ones)";
  detail += ": ";
  for (size_t i = 0; i < revisions.size() && i < 20; ++i) {
    detail += (i ? "; " : "") + revisions[i];
  }
  return detail;
}

// Orders rejects by part (sheet, labelled as in `labels`), then line:
// "label:line: reason".
void SortRejects(const std::vector<std::string>& labels, std::vector<std::string>* rejects) {
  auto part_of = [&](const std::string& reject) {
    for (size_t i = 0; i < labels.size(); ++i) {
      if (reject.compare(0, labels[i].size() + 1, labels[i] + ":") == 0) return i;
    }
    return labels.size();
  };
  std::stable_sort(rejects->begin(), rejects->end(), [&](const auto& a, const auto& b) {
    return std::make_pair(part_of(a), LineOfReject(a)) <
           std::make_pair(part_of(b), LineOfReject(b));
  });
}

}  // namespace

namespace {

// The stored flags text of one station-hour ("" when none or no row).
StatusOr<std::string> StoredAirFlags(Database* db, const std::string& station, HourLabel label) {
  ECOCIV_ASSIGN_OR_RETURN(auto query,
                          db->Prepare("SELECT h.flags FROM air_hourly h JOIN stations s ON "
                                      "s.id = h.station_id WHERE s.code = ? AND h.label = ?"));
  query->BindText(0, station);
  query->BindInt64(1, label);
  Status status;
  std::string flags = query->Step(&status) ? query->ColumnText(0) : "";
  ECOCIV_RETURN_IF_ERROR(status);
  return flags;
}

// SQLite checks every foreign key of every row inserted (a station and a batch
// lookup per row: a sixth of writing a national month). The rows of an air
// import reference only the stations it read and the batch it created inside
// the same write transaction, which holds the database's write lock, so the
// checks cannot fail; they are switched off around that transaction alone
// (SQLite ignores the pragma inside a transaction: set before Begin).
class ForeignKeyChecksOff {
 public:
  explicit ForeignKeyChecksOff(Database* db)
      : db_(db->BackendName() == "sqlite" ? db : nullptr) {
    if (db_ != nullptr && !db_->Exec("PRAGMA foreign_keys = OFF").ok()) db_ = nullptr;
  }
  ~ForeignKeyChecksOff() {
    if (db_ != nullptr) (void)db_->Exec("PRAGMA foreign_keys = ON");
  }
  ForeignKeyChecksOff(const ForeignKeyChecksOff&) = delete;
  ForeignKeyChecksOff& operator=(const ForeignKeyChecksOff&) = delete;

 private:
  Database* db_;
};

// Writes the air batch inside the caller's transaction: rows, fingerprints,
// the change-record entry and the screening flags. Fills the counts of *result.
Status WriteAirBatch(Database* db, const air::AirDataset& dataset, const std::string& source,
                     const std::string& content_sha256, const std::vector<std::string>& rejects,
                     const ImportOptions& options, ImportResult* result) {
  std::vector<std::string> codes;
  for (const air::StationSeries& series : dataset.stations()) codes.push_back(series.info.code);
  ECOCIV_ASSIGN_OR_RETURN(auto stations, ReadStationsByCode(db, codes));
  for (const air::StationSeries& series : dataset.stations()) {
    if (!stations.count(series.info.code)) {
      return InvalidArgumentError(source + ": unknown station " +
                                  QuoteForMessage(series.info.code));
    }
  }
  BatchRecord batch;
  batch.kind = "air";
  batch.source = source;
  batch.content_sha256 = content_sha256;
  ECOCIV_RETURN_IF_ERROR(CreateBatch(db, options.actor, &batch));
  AirWriter writer(db, &batch, options);
  ECOCIV_RETURN_IF_ERROR(writer.Prepare());
  for (const air::StationSeries& series : dataset.stations()) {
    ECOCIV_RETURN_IF_ERROR(writer.WriteSeries(stations.at(series.info.code), series,
                                              dataset.first_label(), dataset.hour_count()));
  }
  ECOCIV_RETURN_IF_ERROR(writer.Flush());
  ECOCIV_RETURN_IF_ERROR(FinishBatch(db, options.actor, writer.mutable_hashes(), rejects,
                                     RevisionDetail(batch, writer.revisions()), &batch));
  if (options.screen && batch.rows_inserted + batch.rows_revised > 0 &&
      !writer.saw_stored_rows()) {
    // Only new rows: screened from the dataset in memory unless other stored
    // rows share the batch's cities and hours.
    ReviewRules loaded;
    if (options.review_rules == nullptr) {
      ECOCIV_ASSIGN_OR_RETURN(loaded, LoadReviewRules(options.review_config));
    }
    const ReviewRules& rules = options.review_rules ? *options.review_rules : loaded;
    ECOCIV_ASSIGN_OR_RETURN(std::optional<int64_t> flags,
                            ScreenNewAirRows(db, batch.id, rules, dataset, stations,
                                             options.air_flags));
    if (flags) {
      result->flags_raised = *flags;
    } else {
      ECOCIV_ASSIGN_OR_RETURN(result->flags_raised, ScreenBatchWithRules(db, batch.id, rules));
    }
  } else if (options.screen && batch.rows_inserted + batch.rows_revised > 0) {
    if (options.review_rules != nullptr) {
      ECOCIV_ASSIGN_OR_RETURN(result->flags_raised,
                              ScreenBatchWithRules(db, batch.id, *options.review_rules));
    } else {
      ECOCIV_ASSIGN_OR_RETURN(result->flags_raised,
                              ScreenBatch(db, batch.id, options.review_config));
    }
  }
  result->batch_id = batch.id;
  result->rows_inserted = batch.rows_inserted;
  result->rows_revised = batch.rows_revised;
  result->rows_unchanged = batch.rows_unchanged;
  result->revisions = writer.revisions();
  return Status::Ok();
}

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

}  // namespace

StatusOr<ImportResult> ImportAirDataset(Database* db, const air::AirDataset& dataset,
                                        const std::string& source,
                                        const std::string& content_sha256,
                                        const std::vector<std::string>& rejects,
                                        const ImportOptions& options) {
  ImportResult result;
  result.source = source;
  result.rejects = rejects;
  ECOCIV_ASSIGN_OR_RETURN(result.batch_id, FindBatchByContent(db, "air", content_sha256));
  if (result.batch_id != 0) {
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  if (!rejects.empty() && !options.skip_bad_rows) {
    result.outcome = ImportOutcome::kRejected;
    return result;
  }
  if (options.in_transaction) {
    ECOCIV_RETURN_IF_ERROR(
        WriteAirBatch(db, dataset, source, content_sha256, rejects, options, &result));
    return result;
  }
  ForeignKeyChecksOff unchecked(db);
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(
      WriteAirBatch(db, dataset, source, content_sha256, rejects, options, &result));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

StatusOr<ImportResult> EditAirValue(Database* db, const AirEdit& edit, const Actor& actor) {
  if (actor.why.empty()) return InvalidArgumentError("a manual edit needs a reason");
  AirQuery query;
  query.stations = {edit.station};
  query.from = query.to = edit.label;
  query.include_invalidated = true;
  query.include_flagged = true;
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset dataset, LoadAirDataset(db, query));
  // The row's other flags stay; the edited value is normal from now on.
  ECOCIV_ASSIGN_OR_RETURN(std::string flags,
                          StoredAirFlags(db, dataset.stations()[0].info.code, edit.label));
  if (!flags.empty()) flags[int(edit.pollutant)] = 'N';
  if (flags.find_first_not_of('N') == std::string::npos) flags.clear();
  AirFlagMap flag_map;
  if (!flags.empty()) flag_map[{edit.station, edit.label}] = flags;
  int32_t& value = dataset.mutable_stations()[0].values[int(edit.pollutant)][0];
  if (value == edit.value) {
    return FailedPreconditionError("the stored value is already " + FormatValue(edit.value));
  }
  std::string what = edit.station + " " + FormatHourLabel(edit.label) + " " +
                     std::string(air::PollutantKey(edit.pollutant)) + " " + FormatValue(value) +
                     " → " + FormatValue(edit.value);
  value = edit.value;
  ImportOptions options;
  options.actor = actor;
  options.screen = false;
  options.air_flags = &flag_map;
  std::string source = "manual edit by " + (actor.who.empty() ? CurrentUser() : actor.who);
  ECOCIV_ASSIGN_OR_RETURN(int64_t head, QueryInt64(db, "SELECT max(seq) FROM change_log"));
  std::string digest = Sha256Hex("edit " + std::to_string(head) + " " + what + " " + actor.why);
  return ImportAirDataset(db, dataset, source, digest, {}, options);
}

namespace {

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
