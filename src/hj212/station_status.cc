// Station status, capture and silence notices (see station_status.h): the
// receiver's store file for status, with its SQL.
#include "ecociv/hj212/station_status.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "ecociv/air/standards.h"
#include "ecociv/core/exact.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/messages.h"
#include "ecociv/warning/workflow.h"

namespace ecociv::hj212 {

namespace {

using store::IntegerOfText;
using store::QueryRows;

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The Beijing day of a Unix time.
DayNumber DayOfUnix(int64_t unix_seconds) {
  return static_cast<DayNumber>(FloorDiv(BeijingSecondsOfUnix(unix_seconds), 86400));
}

struct Month {
  DayNumber first = 0, last = 0;  // days
};

Month MonthOf(int year, int month) {
  DayNumber first = DaysFromCivil({year, month, 1});
  return {first, first + DaysInMonth(year, month) - 1};
}

Status FillAirCapture(store::Database* db, const Month& month, HourLabel now_label,
                      int min_hours, std::map<std::string, StationStatus*>& by_code) {
  if (by_code.empty()) return Status::Ok();
  HourLabel from = LabelAt(month.first, 1), to = std::min(LabelAt(month.last, 24), now_label);
  for (auto& [code, s] : by_code) s->expected = std::max<int64_t>(0, to - from + 1);
  if (to < from) return Status::Ok();
  store::AirQuery query;
  for (const auto& [code, s] : by_code) query.stations.push_back(code);
  query.from = from;
  query.to = to;
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset dataset, store::LoadAirDataset(db, query));
  for (const air::StationSeries& series : dataset.stations()) {
    auto it = by_code.find(series.info.code);
    if (it == by_code.end()) continue;
    StationStatus& s = *it->second;
    std::map<DayNumber, int> hours;
    for (int32_t i = 0; i < dataset.hour_count(); ++i) {
      bool any = false;
      for (const auto& column : series.values) any |= !column.empty() && column[i] >= 0;
      if (!any) continue;
      ++hours[DayOfLabel(from + i)];
      ++s.received;
    }
    for (DayNumber d = month.first; d <= std::min(month.last, DayOfLabel(to)); ++d) {
      DayCapture day{d, hours.count(d) ? hours[d] : 0, false};
      day.valid = day.hours >= min_hours;
      s.valid_days += day.valid;
      s.days.push_back(day);
    }
  }
  return Status::Ok();
}

Status FillWaterCapture(store::Database* db, const Month& month, DayNumber today,
                        const std::string& standards_dir,
                        std::map<std::string, StationStatus*>& by_code) {
  if (by_code.empty()) return Status::Ok();
  DayNumber to = std::min(month.last, today);
  for (auto& [code, s] : by_code) s->expected = std::max(0, to - month.first + 1);
  if (to < month.first) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(standards_dir));
  store::WaterQuery query;
  for (const auto& [code, s] : by_code) query.sections.push_back(code);
  query.from = month.first;
  query.to = to;
  ECOCIV_ASSIGN_OR_RETURN(water::SampleSet set, store::LoadWaterSamples(db, query, rules));
  std::map<std::string, std::set<DayNumber>> days;
  for (const water::Sample& sample : set.samples) {
    days[set.sections[sample.section].id].insert(sample.day);
  }
  for (auto& [code, s] : by_code) {
    const std::set<DayNumber>& got = days[code];
    s->received = static_cast<int64_t>(got.size());
    for (DayNumber d = month.first; d <= to; ++d) {
      DayCapture day{d, got.count(d) ? 1 : 0, got.count(d) > 0};
      s->valid_days += day.valid;
      s->days.push_back(day);
    }
  }
  return Status::Ok();
}

Status FillContacts(store::Database* db, int64_t now, int64_t online_within,
                    std::map<std::string, StationStatus*>& by_mn) {
  ECOCIV_ASSIGN_OR_RETURN(auto state, QueryRows(db,
                                                "SELECT mn, last_packet_at, last_peer, "
                                                "clock_offset, silent_since FROM "
                                                "hj212_device_state",
                                                {}));
  for (const auto& row : state) {
    auto it = by_mn.find(row[0]);
    if (it == by_mn.end()) continue;
    StationStatus& s = *it->second;
    s.last_packet_at = IntegerOfText(row[1]);
    s.last_peer = row[2];
    if (!row[3].empty()) s.clock_offset = IntegerOfText(row[3]);
    s.silent_notice = !row[4].empty();
    s.online = s.last_packet_at > 0 && s.last_packet_at <= now &&
               now - s.last_packet_at <= online_within;
  }
  ECOCIV_ASSIGN_OR_RETURN(auto counts,
                          QueryRows(db,
                                    "SELECT mn, packets, refused FROM hj212_daily_counts WHERE "
                                    "day = ?",
                                    {int64_t{DayOfUnix(now)}}));
  for (const auto& row : counts) {
    auto it = by_mn.find(row[0]);
    if (it == by_mn.end()) continue;
    it->second->packets_today = IntegerOfText(row[1]);
    it->second->refused_today = IntegerOfText(row[2]);
  }
  int64_t day_start = (int64_t{DayOfUnix(now)} * 86400) - BeijingSecondsOfUnix(0);
  ECOCIV_ASSIGN_OR_RETURN(auto reasons,
                          QueryRows(db,
                                    "SELECT mn, reason, count(*) FROM hj212_refusals WHERE at >= "
                                    "? AND at < ? GROUP BY mn, reason ORDER BY 3 DESC, 2",
                                    {day_start, day_start + 86400}));
  for (const auto& row : reasons) {
    auto it = by_mn.find(row[0]);
    if (it == by_mn.end() || it->second->refusals_today.size() >= 10) continue;
    it->second->refusals_today.emplace_back(row[1], IntegerOfText(row[2]));
  }
  return Status::Ok();
}

}  // namespace

std::string BeijingTimeText(int64_t unix_seconds) {
  std::string t = FormatCompactTime(BeijingSecondsOfUnix(unix_seconds));
  return t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + "T" + t.substr(8, 2) + ":" +
         t.substr(10, 2) + ":" + t.substr(12, 2) + "+08:00";
}

StatusOr<StatusReport> LoadStationStatus(store::Database* db, const StatusQuery& query) {
  StatusReport report;
  report.now_unix = query.now_unix;
  DayNumber today = DayOfUnix(query.now_unix);
  CivilDate now_date = CivilFromDays(today);
  report.year = query.year ? query.year : now_date.year;
  report.month = query.month ? query.month : now_date.month;
  if (report.month < 1 || report.month > 12) return InvalidArgumentError("month must be 1 to 12");
  Month month = MonthOf(report.year, report.month);
  ECOCIV_ASSIGN_OR_RETURN(air::AirStandards standards, air::AirStandards::Load(query.standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(const air::LimitsEdition* limits, standards.LimitsFor(month.first, ""));
  report.min_hours_per_day = limits->validity.min_hours_per_day;
  report.min_days_per_month = report.month == 2 ? limits->validity.min_days_per_february
                                                : limits->validity.min_days_per_month;

  ECOCIV_ASSIGN_OR_RETURN(std::vector<Device> devices, ListDevices(db));
  std::sort(devices.begin(), devices.end(), [](const Device& a, const Device& b) {
    if (a.kind != b.kind) return a.kind == "station";  // stations first
    return a.code < b.code;
  });
  for (const Device& d : devices) {
    if (!query.subjects.empty() &&
        std::find(query.subjects.begin(), query.subjects.end(), d.code) == query.subjects.end()) {
      continue;
    }
    StationStatus s;
    s.kind = d.kind;
    s.code = d.code;
    s.mn = d.mn;
    s.active = d.active;
    report.stations.push_back(std::move(s));
  }
  std::map<std::string, StationStatus*> by_mn, stations, sections;
  for (StationStatus& s : report.stations) {
    by_mn[s.mn] = &s;
    (s.kind == "station" ? stations : sections)[s.code] = &s;
  }
  ECOCIV_RETURN_IF_ERROR(FillContacts(db, query.now_unix, query.online_within_seconds, by_mn));
  HourLabel now_label = static_cast<HourLabel>(FloorDiv(BeijingSecondsOfUnix(query.now_unix), 3600));
  ECOCIV_RETURN_IF_ERROR(
      FillAirCapture(db, month, now_label, report.min_hours_per_day, stations));
  ECOCIV_RETURN_IF_ERROR(FillWaterCapture(db, month, today, query.standards_dir, sections));
  for (StationStatus& s : report.stations) {
    s.month_valid = s.kind == "station" && s.valid_days >= report.min_days_per_month;
    if (s.expected > 0) {
      s.capture_rate = FormatRounded(Ratio::Of(int128{s.received} * 100, s.expected), 1);
    }
  }
  return report;
}

StatusOr<std::vector<RecentPacket>> LoadRecent(store::Database* db, const std::string& code,
                                               int64_t since_unix, int limit) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, QueryRows(db,
                           "SELECT r.mn, r.cn, r.data_time, r.received_at, r.items FROM "
                           "hj212_recent r JOIN hj212_devices d ON d.mn = r.mn WHERE d.code = ? "
                           "AND r.received_at >= ? ORDER BY r.data_time DESC, r.rowid DESC LIMIT ?",
                           {code, since_unix, int64_t{limit}}));
  std::vector<RecentPacket> packets;
  for (const auto& row : rows) {
    packets.push_back(RecentPacket{row[0], static_cast<int>(IntegerOfText(row[1])),
                                   IntegerOfText(row[2]), IntegerOfText(row[3]), row[4]});
  }
  return packets;
}

StatusOr<SilenceReport> CheckSilence(store::Database* db, int64_t silence_seconds,
                                     int64_t now_unix, const store::Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows,
      QueryRows(db,
                "SELECT d.mn, d.kind, d.code, coalesce(nullif(s.last_packet_at, 0), "
                "CAST(strftime('%s', d.registered_at) AS INTEGER)), s.silent_since, "
                "s.mn IS NOT NULL FROM hj212_devices d LEFT JOIN hj212_device_state s ON s.mn "
                "= d.mn WHERE d.active = 1 ORDER BY d.mn",
                {}));
  std::vector<warning::Finding> findings;
  std::vector<warning::Released> released;
  std::vector<std::pair<std::string, bool>> marks;  // mn, silent from now on
  std::set<std::string> without_state;
  DayNumber today = DayOfUnix(now_unix);
  for (const auto& row : rows) {
    int64_t last = IntegerOfText(row[3]);
    bool silent = now_unix - last > silence_seconds;
    bool notified = !row[4].empty();
    if (row[5] != "1") without_state.insert(row[0]);
    if (silent && !notified) {
      int64_t minutes = (now_unix - last) / 60;
      warning::Finding f;
      f.kind = "station-silent";
      f.rule_set = "hj212-silence";
      f.subject = row[2];
      const bool station = row[1] == "station";
      f.subject_name = (station ? "站点 " : "断面 ") + row[2];
      f.level = "silent";
      f.level_name = "离线";
      f.rank = 1;
      warning::Message text{"station_silent",
                            {{"kind", station ? "站点" : "断面"},
                             {"subject", row[2]},
                             {"mn", row[0]},
                             {"minutes", std::to_string(minutes)}}};
      f.trigger = warning::Render(text, warning::Language::kZh);
      text.args[0].second = station ? "station" : "section";
      f.trigger_en = warning::Render(text, warning::Language::kEn);
      f.figures = "{\"mn\": \"" + row[0] + "\", \"last_packet\": \"" + BeijingTimeText(last) +
                  "\", \"silent_minutes\": " + std::to_string(minutes) + "}";
      f.period = FormatDate(today);
      findings.push_back(std::move(f));
      marks.emplace_back(row[0], true);
    } else if (!silent && notified) {
      released.push_back({"station-silent", row[2]});
      marks.emplace_back(row[0], false);
    }
  }
  SilenceReport report;
  if (marks.empty()) return report;
  ECOCIV_ASSIGN_OR_RETURN(warning::RecordReport recorded,
                          warning::RecordEvaluation(db, "hj212-silence", findings, released,
                                                    today, actor, now_unix));
  report.raised = recorded.raised;
  report.lifted = recorded.lifted;
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  for (const auto& [mn, silent] : marks) {
    if (without_state.count(mn)) {
      ECOCIV_RETURN_IF_ERROR(store::RunSql(db,
                                           "INSERT INTO hj212_device_state (mn, last_packet_at, "
                                           "last_peer, last_cn, silent_since) VALUES (?, 0, '', "
                                           "0, ?)",
                                           {mn, now_unix}));
    } else if (silent) {
      ECOCIV_RETURN_IF_ERROR(store::RunSql(
          db, "UPDATE hj212_device_state SET silent_since = ? WHERE mn = ?", {now_unix, mn}));
    } else {
      ECOCIV_RETURN_IF_ERROR(store::RunSql(
          db, "UPDATE hj212_device_state SET silent_since = NULL WHERE mn = ?", {mn}));
    }
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return report;
}

}  // namespace ecociv::hj212
