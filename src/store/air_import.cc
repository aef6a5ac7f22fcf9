// Writing hourly air data (see import.h for the contract): a dataset as one
// batch (ImportAirDataset), rows written station by station with prepared
// statements inside one transaction, revisions kept, the batch screened; and
// a manual edit of one value (EditAirValue). Reading a file is
// air_import_file.cc.
#include <algorithm>
#include <optional>

#include "air_batch_screen.h"
#include "air_import_internal.h"
#include "batch.h"
#include "canonical.h"
#include "ecociv/core/message_text.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
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

}  // namespace

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

}  // namespace ecociv::store
