// The change record: an append-only, hash-chained log of every import,
// revision, review decision and manual edit, with who, when, what and why.
//
// Chain format (see docs/store.md): entry n stores
//   hash_n = SHA-256( prev_hash_n ‖ F(seq) F(at) F(who) F(action) F(object)
//                     F(detail) F(why) F(payload_sha256) )
// where prev_hash_n = hash_{n-1} (64 '0' for the first entry), hashes are hex,
// and F(x) = "<byte length>:<x>," (a netstring). payload_sha256 binds the data
// the entry is about (an import batch's row digest, a review decision) so that
// `ecociv db verify` can check the data as well as the chain.
//
// Thread safety: functions take a Database that the caller owns exclusively.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct LogEntry {
  int64_t seq = 0;
  std::string at;      // UTC, "2026-11-28T16:50:00Z"
  std::string who;     // the operator (ECOCIV_USER, else USER)
  std::string action;  // "import.air", "import.stations", "edit.air", "review.invalidate",
                       // "review.clear", "review.screen", "db.restore", ...
  std::string object;  // what it touches: "batch:12", "decision:3"
  std::string detail;  // human-readable: file, counts, revised rows
  std::string why;     // the reason given by the operator
  std::string payload_sha256;
  std::string prev_hash;
  std::string hash;
};

// Who and why for a change; `who` empty means CurrentUser().
struct Actor {
  std::string who;
  std::string why;
};

// The hash of `entry` given its prev_hash (all other fields as stored).
std::string ComputeEntryHash(const LogEntry& entry);

// Appends an entry: fills seq, at (when empty), who (when empty), prev_hash
// and hash. Call inside the transaction that makes the change it records.
StatusOr<LogEntry> AppendLogEntry(Database* db, LogEntry entry);

// Entries in sequence order, those with at >= `since` (all when empty).
StatusOr<std::vector<LogEntry>> ReadLog(Database* db, const std::string& since = "");

// $ECOCIV_USER, else $USER, else "unknown".
std::string CurrentUser();
// The current time, UTC, second resolution: "2026-11-28T16:50:00Z".
std::string UtcNow();
// Today's date in Beijing time (UTC+8, no daylight saving), "YYYY-MM-DD": the
// day against which deadlines and "overdue" are judged, as the city's staff
// read them.
std::string BeijingToday();

inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace ecociv::store
