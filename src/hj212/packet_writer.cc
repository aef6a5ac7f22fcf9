// Writing accepted packets into the store (see ingest.h): the receiver's
// store file for packets, counts, refusals and recent data, with its SQL.
#include <algorithm>
#include <map>

#include "ecociv/hj212/ingest.h"
#include "ecociv/store/import.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/water_store.h"

namespace ecociv::hj212 {

namespace {

using store::QueryRows;
using store::RunSql;

// The Beijing calendar day of a Unix time.
int64_t BeijingDay(int64_t unix_seconds) {
  int64_t s = BeijingSecondsOfUnix(unix_seconds);
  return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

// The stored values and flags of one station-hour (all missing when none).
Status StoredRow(store::Database* db, const std::string& station, HourLabel label,
                 std::array<int32_t, air::kPollutantCount>* values, std::string* flags) {
  values->fill(air::kMissing);
  flags->clear();
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, QueryRows(db,
                           "SELECT h.so2, h.no2, h.co, h.o3, h.pm10, h.pm25, h.not_monitored, "
                           "h.flags FROM air_hourly h JOIN stations s ON s.id = h.station_id "
                           "WHERE s.code = ? AND h.label = ?",
                           {station, int64_t{label}}));
  if (rows.empty()) return Status::Ok();
  int64_t not_monitored = store::IntegerOfText(rows[0][6]);
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (!rows[0][p].empty()) {
      (*values)[p] = static_cast<int32_t>(store::IntegerOfText(rows[0][p]));
    } else if ((not_monitored >> p) & 1) {
      (*values)[p] = air::kNotMonitored;
    }
  }
  *flags = rows[0][7];
  return Status::Ok();
}

}  // namespace

PacketWriter::PacketWriter(std::unique_ptr<store::Database> db, const Readings& readings,
                           const WriterOptions& options, store::ReviewRules rules)
    : db_(std::move(db)), readings_(readings), options_(options), rules_(std::move(rules)) {}

StatusOr<std::unique_ptr<PacketWriter>> PacketWriter::Create(std::unique_ptr<store::Database> db,
                                                             const Readings& readings,
                                                             const WriterOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(store::ReviewRules rules, store::LoadReviewRules(options.review_config));
  std::unique_ptr<PacketWriter> writer(
      new PacketWriter(std::move(db), readings, options, std::move(rules)));
  if (options.screen) {
    // The receiver's batches after the last one it screened (a crash between
    // a group's commit and its screening leaves them).
    ECOCIV_ASSIGN_OR_RETURN(
        auto rows,
        QueryRows(writer->db(),
                  "SELECT id FROM import_batches WHERE source LIKE 'hj212 %' AND rows_inserted + "
                  "rows_revised > 0 AND id > coalesce((SELECT max(r.batch_id) FROM review_runs r "
                  "JOIN import_batches b ON b.id = r.batch_id WHERE b.source LIKE 'hj212 %'), 0) "
                  "ORDER BY id",
                  {}));
    for (const auto& row : rows) writer->unscreened_.push_back(store::IntegerOfText(row[0]));
  }
  return writer;
}

StatusOr<int64_t> PacketWriter::ScreenPending(size_t max_batches) {
  if (unscreened_.empty()) return int64_t{0};
  size_t n = std::min(max_batches, unscreened_.size());
  std::vector<int64_t> batches(unscreened_.begin(), unscreened_.begin() + long(n));
  // Taken off the list first: on failure they are screened at the next start.
  unscreened_.erase(unscreened_.begin(), unscreened_.begin() + long(n));
  int64_t flags = 0;
  store::Transaction tx(db_.get());
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(flags, store::ScreenBatchesWithRules(db_.get(), batches, rules_,
                                                               options_.standards_dir));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return flags;
}

// A packet's pollutants replace the stored ones; those it does not name keep
// their stored value and flag (the parts of a split packet, a partial resend).
Status PacketWriter::WriteAir(const StoreWork& work, const std::string& peer,
                              WriteOutcome* outcome) {
  const AirReading& r = work.air;
  std::array<int32_t, air::kPollutantCount> values;
  std::string stored_flags;
  ECOCIV_RETURN_IF_ERROR(StoredRow(db_.get(), work.subject, r.label, &values, &stored_flags));
  // One letter per pollutant ('N' normal), "" when all are normal: the
  // store's flags text (store/import.h, AirFlagMap).
  std::string text(air::kPollutantCount, 'N');
  for (int p = 0; p < air::kPollutantCount; ++p) {
    bool named = r.flags[p] != 0 || r.values[p] != air::kMissing;
    if (named) {
      values[p] = r.values[p];
      if (r.flags[p] != 0) text[p] = r.flags[p];
    } else if (stored_flags.size() > size_t(p)) {
      text[p] = stored_flags[p];
    }
  }
  if (text.find_first_not_of('N') == std::string::npos) text.clear();
  air::StationInfo info;
  info.code = work.subject;
  air::AirDataset dataset = air::AirDataset::Make(r.label, r.label, {info}, false);
  auto& columns = dataset.mutable_stations()[0].values;
  for (int p = 0; p < air::kPollutantCount; ++p) columns[p].assign(1, values[p]);
  store::AirFlagMap flag_map;
  if (!text.empty()) flag_map[{work.subject, r.label}] = text;
  store::ImportOptions options;
  options.actor = store::Actor{options_.who, "HJ 212 hourly data from " + peer};
  options.in_transaction = true;
  options.air_flags = &flag_map;
  options.screen = false;  // after the commit (ScreenPending)
  ECOCIV_ASSIGN_OR_RETURN(store::ImportResult result,
                          store::ImportAirDataset(db_.get(), dataset, work.source,
                                                  work.content_sha256, {}, options));
  outcome->new_rows = result.rows_inserted + result.rows_revised > 0;
  if (outcome->new_rows) outcome->batch_id = result.batch_id;
  return Status::Ok();
}

Status PacketWriter::WriteWater(const StoreWork& work, const std::string& peer,
                                WriteOutcome* outcome) {
  water::SampleSet set;
  water::Section section;
  section.id = work.subject;
  set.sections.push_back(section);
  std::vector<char> flags;
  for (const WaterValue& v : work.water.values) {
    water::Sample s;
    s.section = 0;
    s.day = work.water.day;
    s.item = v.item;
    s.value = v.value;
    set.samples.push_back(s);
    flags.push_back(v.flag);
  }
  store::ImportOptions options;
  options.actor = store::Actor{options_.who, "HJ 212 daily data from " + peer};
  options.in_transaction = true;
  options.screen = false;  // after the commit (ScreenPending)
  ECOCIV_ASSIGN_OR_RETURN(store::ImportResult result,
                          store::ImportWaterSamples(db_.get(), set, readings_.water_rules(), flags,
                                                    work.source, work.content_sha256, options));
  outcome->new_rows = result.rows_inserted + result.rows_revised > 0;
  if (outcome->new_rows) outcome->batch_id = result.batch_id;
  return Status::Ok();
}

Status PacketWriter::WriteOne(const StoreWork& work, const std::string& peer, int64_t now_unix,
                              WriteOutcome* outcome) {
  switch (work.kind) {
    case StoreWork::Kind::kAir:
      return WriteAir(work, peer, outcome);
    case StoreWork::Kind::kWater:
      return WriteWater(work, peer, outcome);
    case StoreWork::Kind::kRecent:
      return RunSql(db_.get(),
                    "INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) VALUES "
                    "(?, ?, ?, ?, ?)",
                    {work.mn, int64_t{work.cn}, work.data_time, now_unix, work.items});
    case StoreWork::Kind::kClock:
      return RunSql(db_.get(),
                    "INSERT INTO hj212_device_state (mn, last_packet_at, last_peer, last_cn, "
                    "clock_offset) VALUES (?, ?, ?, ?, ?) ON CONFLICT (mn) DO UPDATE SET "
                    "clock_offset = excluded.clock_offset",
                    {work.mn, now_unix, peer, int64_t{work.cn}, work.clock_offset});
  }
  return Status::Ok();
}

Status PacketWriter::WriteGroup(const std::vector<const StoreWork*>& works,
                                const std::vector<std::string>& peers,
                                const std::vector<RefusalRecord>& refusals, int64_t now_unix,
                                std::vector<WriteOutcome>* outcomes) {
  outcomes->assign(works.size(), WriteOutcome{});
  store::Database* db = db_.get();
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  struct Count {
    int64_t packets = 0, refused = 0;
  };
  std::map<std::pair<std::string, int64_t>, Count> counts;  // (mn, day)
  struct Contact {
    int64_t at;
    std::string peer;
    int cn;
  };
  std::map<std::string, Contact> contacts;
  for (size_t i = 0; i < works.size(); ++i) {
    const StoreWork& w = *works[i];
    WriteOutcome& outcome = (*outcomes)[i];
    ECOCIV_RETURN_IF_ERROR(db->Exec("SAVEPOINT hj212_packet"));
    Status s = WriteOne(w, peers[i], now_unix, &outcome);
    if (s.ok()) {
      ECOCIV_RETURN_IF_ERROR(db->Exec("RELEASE hj212_packet"));
      outcome.stored = true;
      ++counts[{w.mn, BeijingDay(now_unix)}].packets;
    } else {
      ECOCIV_RETURN_IF_ERROR(db->Exec("ROLLBACK TO hj212_packet; RELEASE hj212_packet"));
      outcome.reason = "not stored: " + s.message();
      ++counts[{w.mn, BeijingDay(now_unix)}].refused;
      ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                    "INSERT INTO hj212_refusals (at, peer, mn, reason, head) "
                                    "VALUES (?, ?, ?, ?, ?)",
                                    {now_unix, peers[i], w.mn, outcome.reason, w.source}));
    }
    contacts[w.mn] = Contact{now_unix, peers[i], w.cn};
  }
  for (const RefusalRecord& r : refusals) {
    if (r.keep) {
      ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                    "INSERT INTO hj212_refusals (at, peer, mn, reason, head) "
                                    "VALUES (?, ?, ?, ?, ?)",
                                    {r.at_unix, r.peer, r.refusal.mn, r.refusal.reason,
                                     r.refusal.head}));
    }
    counts[{r.refusal.mn, BeijingDay(r.at_unix)}].refused += r.count;
  }
  for (const auto& [key, count] : counts) {
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT INTO hj212_daily_counts (mn, day, packets, refused) "
                                  "VALUES (?, ?, ?, ?) ON CONFLICT (mn, day) DO UPDATE SET "
                                  // Qualified: on PostgreSQL a bare name is ambiguous here.
                                  "packets = hj212_daily_counts.packets + excluded.packets, "
                                  "refused = hj212_daily_counts.refused + excluded.refused",
                                  {key.first, key.second, count.packets, count.refused}));
  }
  for (const auto& [mn, c] : contacts) {
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT INTO hj212_device_state (mn, last_packet_at, last_peer, "
                                  "last_cn) VALUES (?, ?, ?, ?) ON CONFLICT (mn) DO UPDATE SET "
                                  "last_packet_at = excluded.last_packet_at, last_peer = "
                                  "excluded.last_peer, last_cn = excluded.last_cn",
                                  {mn, c.at, c.peer, int64_t{c.cn}}));
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  if (options_.screen) {
    for (const WriteOutcome& o : *outcomes) {
      if (o.batch_id != 0) unscreened_.push_back(o.batch_id);
    }
  }
  return Status::Ok();
}

StatusOr<WaterDayReport> PacketWriter::WriteWaterDays(int64_t now_unix) {
  ECOCIV_ASSIGN_OR_RETURN(
      WaterDayReport report,
      AggregateWaterDays(db_.get(), readings_, water_days_since_, now_unix,
                         store::Actor{options_.who, "HJ 212 hourly water data, daily values"}));
  water_days_since_ = now_unix;
  if (options_.screen) {
    unscreened_.insert(unscreened_.end(), report.batches.begin(), report.batches.end());
  }
  return report;
}

Status PacketWriter::DisableAutoCheckpoint() {
  return db_->Exec("PRAGMA wal_autocheckpoint = 0");
}

Status CheckpointWal(store::Database* db) { return db->Exec("PRAGMA wal_checkpoint(PASSIVE)"); }

Status PacketWriter::Prune(int64_t now_unix) {
  store::Transaction tx(db_.get());
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(RunSql(db_.get(),
                                "DELETE FROM hj212_recent WHERE received_at < ? AND NOT (cn = "
                                "2061 AND received_at >= ?)",
                                {now_unix - options_.keep_recent_seconds,
                                 now_unix - readings_.water_day().keep_days * 86400}));
  ECOCIV_RETURN_IF_ERROR(RunSql(db_.get(), "DELETE FROM hj212_refusals WHERE at < ?",
                                {now_unix - options_.keep_refusals_seconds}));
  return tx.Commit();
}

}  // namespace ecociv::hj212
