// From a frame to the store, without the network: the receiver's event loop
// judges each frame (Judge, pure and fast) and hands what must be stored to a
// PacketWriter on its own thread and database connection.
//
// Judge refuses, with the reason: a malformed packet, an unknown or inactive
// MN, a CRC that is not the device's variant's, a wrong PW, an ST other than
// the device's (22 for a station, 21 for a section), bad data (DataTime,
// values, flags; a DataTime further ahead of the receiver's clock than the
// standards file allows). What it accepts:
//   - CN 2061 of a station with at least one pollutant value: an air import
//     (store/import.h, the path of files: batch, fingerprints, screening,
//     change record, revisions);
//   - CN 2031 of a section: a water import (store/water_store.h);
//   - other data (2011 real-time, 2051 minute, a section's 2061, a station's
//     2031) and other uploads: kept in hj212_recent for a limited time (a
//     section's 2061 packets make its daily values once the day is over,
//     water_days.h);
//   - CN 1011 carrying SystemTime: the logger's clock offset is recorded;
//   - CN 1013 (or 1011 without SystemTime), a logger asking for the time:
//     answered at once with 9011 QnRtn=1, a 1012 setting its clock, 9012;
//   - answers from the logger (9011–9014): nothing to do.
// A packet whose Flag asks for an answer gets its 9014 only after the
// transaction that stores it has committed (the receiver's contract).
//
// PacketWriter writes a group of packets in one transaction, each inside its
// own savepoint: a packet that fails is rolled back alone and reported
// refused; the others commit together (one fsync for the group). Screening
// (review.h) of the batches a group wrote runs after the group's commit
// (ScreenPending), so that answers do not wait for it; screening adds flags
// and changes no value. Batches a crash left unscreened are found again when
// a PacketWriter is created (every batch of the receiver after the last one
// screened) and screened first.
//
// Thread safety: a Judge is used by one thread at a time (it keeps scratch
// buffers); a PacketWriter owns its Database and is used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/hj212/data.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/hj212/water_days.h"
#include "ecociv/store/database.h"
#include "ecociv/store/review.h"

namespace ecociv::hj212 {

// What must be written for one accepted packet.
struct StoreWork {
  enum class Kind { kAir, kWater, kRecent, kClock };
  Kind kind = Kind::kRecent;
  std::string mn, subject;  // the station or section code
  int cn = 0;
  int64_t data_time = 0;  // seconds since 2000-01-01 Beijing time
  AirReading air;
  WaterReading water;
  std::string content_sha256;  // of the packet's meaning (not its QN): a resend is a no-op
  std::string source;          // "hj212 MN QN from PEER": the batch's source
  std::string items;           // kRecent: "code=value:flag;…" (or the CP of other uploads)
  int64_t clock_offset = 0;    // kClock: the logger's time minus the receiver's, seconds
  std::string answer;          // the 9014 to send after the commit ("" when not asked)
};

struct Refusal {
  std::string mn;      // the claimed MN ("" when unreadable)
  std::string reason;  // "wrong password"
  std::string head;    // the first bytes of the frame, printable
};

struct Judgement {
  enum class Action { kStore, kReply, kRefuse, kIgnore };
  Action action = Action::kIgnore;
  StoreWork work;     // kStore
  std::string reply;  // kReply: frames to send at once; kRefuse: a 9011 for a refused request
  Refusal refusal;    // kRefuse
};

class Judge {
 public:
  explicit Judge(const Readings& readings) : readings_(readings) {}

  // Judges one frame (as ScanFrame returned it) received from `peer` at
  // `now_unix` (Unix seconds; `now_millis` for the QN of a 1012).
  Judgement OnFrame(std::string_view frame, const Registry& registry, std::string_view peer,
                    int64_t now_unix_millis);
  // Bytes ScanFrame threw away.
  static Judgement OnGarbage(std::string_view bytes, const char* reason);

 private:
  Judgement Refuse(std::string_view frame, std::string reason);
  void JudgeData(const Device& device, std::string_view peer, int64_t now_unix, Judgement* j);

  const Readings& readings_;
  Packet packet_;
  DataRecord record_;
};

struct WriterOptions {
  int64_t keep_recent_seconds = 48 * 3600;    // real-time and minute data
  int64_t keep_refusals_seconds = 30 * 86400;
  bool screen = true;                         // screen stored hours (review.h)
  std::string review_config;                  // "" = built-in
  std::string standards_dir;                  // water rules for screening water batches
  std::string who = "hj212";                  // the change record's "who"
};

struct RefusalRecord {
  Refusal refusal;
  std::string peer;
  int64_t at_unix = 0;
  bool keep = true;   // stored as a row of hj212_refusals (false: only counted)
  int64_t count = 1;  // refusals this record stands for (counted ones are merged)
};

// Per StoreWork: stored (its answer may be sent) or refused with a reason.
struct WriteOutcome {
  bool stored = false;
  bool new_rows = false;  // an import wrote rows (not a resend)
  int64_t batch_id = 0;   // the import's batch, when it wrote rows
  std::string reason;
};

class PacketWriter {
 public:
  static StatusOr<std::unique_ptr<PacketWriter>> Create(std::unique_ptr<store::Database> db,
                                                        const Readings& readings,
                                                        const WriterOptions& options);

  // Writes the group in one transaction; `outcomes` gets one entry per work.
  // A non-OK status means the transaction failed and nothing was stored.
  // `peers[i]` is where works[i] came from; refusals are logged in the same
  // transaction, and every packet and refusal is counted for its MN's day.
  Status WriteGroup(const std::vector<const StoreWork*>& works,
                    const std::vector<std::string>& peers,
                    const std::vector<RefusalRecord>& refusals, int64_t now_unix,
                    std::vector<WriteOutcome>* outcomes);

  // Screens the oldest `max_batches` of the batches written and not yet
  // screened (options.screen), in one transaction; returns the number of
  // flags raised.
  StatusOr<int64_t> ScreenPending(size_t max_batches = SIZE_MAX);
  size_t pending_screening() const { return unscreened_.size(); }

  // Deletes recent data and refusals older than the options allow (a
  // section's hourly packets are kept water_daily.keep_days).
  Status Prune(int64_t now_unix);

  // The daily values of the sections' hourly packets (water_days.h): the days
  // over at `now_unix` with packets received since the previous call (every
  // kept day at the first); their batches are screened with the others.
  StatusOr<WaterDayReport> WriteWaterDays(int64_t now_unix);

  store::Database* db() { return db_.get(); }

  // Leaves the WAL checkpoints of this connection to CheckpointWal on
  // another connection, so that no commit of a group waits for one.
  Status DisableAutoCheckpoint();

 private:
  PacketWriter(std::unique_ptr<store::Database> db, const Readings& readings,
               const WriterOptions& options, store::ReviewRules rules);
  Status WriteOne(const StoreWork& work, const std::string& peer, int64_t now_unix,
                  WriteOutcome* outcome);
  Status WriteAir(const StoreWork& work, const std::string& peer, WriteOutcome* outcome);
  Status WriteWater(const StoreWork& work, const std::string& peer, WriteOutcome* outcome);

  std::unique_ptr<store::Database> db_;
  const Readings& readings_;
  WriterOptions options_;
  store::ReviewRules rules_;
  std::vector<int64_t> unscreened_;
  int64_t water_days_since_ = 0;
};

// A passive checkpoint of the WAL (copies committed pages into the database
// file without blocking writers), on a connection of its own.
Status CheckpointWal(store::Database* db);

}  // namespace ecociv::hj212
