// Station status and data capture (docs/hj212.md, "Station status"): for
// each registered device's station or section — online or offline (the last
// packet's time), packets and refusals today with the refusals' reasons, the
// hours received on each day of a month and the capture rate, judged against
// the validity rules of the standards (GB 3095: a day is valid with at least
// 20 valid hourly values, a month with at least 27 valid days, 25 in
// February; the numbers come from the limits edition of the month).
//
// An hour counts as received when at least one of its pollutant values
// enters statistics (not missing, not flagged, not invalidated by a
// reviewer). The capture rate is received hours over the hours of the month
// completed by the time of the report, rounded to 0.1 % (GB/T 8170). For a
// section: days of the month with at least one sample that enters statistics.
//
// Days are Beijing calendar days; times in the output are Beijing time.
//
// Thread safety: the functions need exclusive use of the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::hj212 {

struct StatusQuery {
  int64_t now_unix = 0;
  int year = 0, month = 0;            // the month of capture; 0 = the month of now
  int64_t online_within_seconds = 3600;
  std::string standards_dir;          // for the validity rules
  std::vector<std::string> subjects;  // station or section codes; empty = all
};

struct DayCapture {
  DayNumber day = 0;
  int hours = 0;  // received hours (sections: 1 when a sample was received)
  bool valid = false;
};

struct StationStatus {
  std::string kind;  // "station" or "section"
  std::string code, mn;
  bool active = true;
  bool online = false;
  int64_t last_packet_at = 0;  // Unix seconds; 0 = never
  std::string last_peer;
  std::optional<int64_t> clock_offset;  // the logger's clock minus ours, seconds
  bool silent_notice = false;           // a silence notice is open
  int64_t packets_today = 0, refused_today = 0;
  std::vector<std::pair<std::string, int64_t>> refusals_today;  // reason, count; most first
  std::vector<DayCapture> days;  // the month's days up to the report's day
  int valid_days = 0;
  bool month_valid = false;
  int64_t received = 0, expected = 0;  // hours (sections: days)
  std::string capture_rate;            // "95.8" (%), "" when nothing was expected
};

struct StatusReport {
  int64_t now_unix = 0;
  int year = 0, month = 0;
  int min_hours_per_day = 20, min_days_per_month = 27;
  std::vector<StationStatus> stations;  // stations, then sections, in code order
};

StatusOr<StatusReport> LoadStationStatus(store::Database* db, const StatusQuery& query);

// The report as JSON (the API's and `ecociv stations status --format json`'s
// shape, docs/formats.md) and as a text table.
std::string StatusJson(const StatusReport& report);
std::string StatusText(const StatusReport& report);

struct SilenceReport {
  int raised = 0, lifted = 0;
};

// Raises a warning notice (kind "station-silent", rule set "hj212-silence",
// subject the station or section code) for each active device whose last
// packet — or registration, when it never sent one — is older than
// `silence_seconds`, once per silence; lifts it when the device reports
// again. Goes through the warning workflow (warning/workflow.h): change
// record and webhook outbox.
StatusOr<SilenceReport> CheckSilence(store::Database* db, int64_t silence_seconds,
                                     int64_t now_unix, const store::Actor& actor);

// Real-time and minute data (and the other packets kept for a while) of
// one station or section received since `since_unix`, newest first, at most
// `limit`: for the current-hour display.
struct RecentPacket {
  std::string mn;
  int cn = 0;
  int64_t data_time = 0;    // seconds since 2000-01-01 Beijing time
  int64_t received_at = 0;  // Unix seconds
  std::string items;        // "a34004=35.5:N;a21026=8:N" (code=value:flag)
};
StatusOr<std::vector<RecentPacket>> LoadRecent(store::Database* db, const std::string& code,
                                               int64_t since_unix, int limit);
// {"station": CODE, "packets": [{"mn", "cn", "data_time", "received_at",
// "values": [{"code", "value", "flag"}]}]} (times Beijing, values as sent).
std::string RecentJson(const std::string& code, const std::vector<RecentPacket>& packets);

// "2026-03-01T10:00:30+08:00".
std::string BeijingTimeText(int64_t unix_seconds);

}  // namespace ecociv::hj212
