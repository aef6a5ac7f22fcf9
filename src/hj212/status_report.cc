// The station status report as JSON and as text (see station_status.h).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/station_status.h"

namespace ecociv::hj212 {

std::string StatusJson(const StatusReport& report) {
  using Json = nlohmann::ordered_json;
  Json stations = Json::array();
  for (const StationStatus& s : report.stations) {
    Json days = Json::array();
    for (const DayCapture& d : s.days) {
      days.push_back({{"date", FormatDate(d.day)}, {"received", d.hours}, {"valid", d.valid}});
    }
    Json refusals = Json::array();
    for (const auto& [reason, count] : s.refusals_today) {
      refusals.push_back({{"reason", reason}, {"count", count}});
    }
    Json j = {{"kind", s.kind},
              {"code", s.code},
              {"mn", s.mn},
              {"active", s.active},
              {"online", s.online},
              {"last_packet", s.last_packet_at > 0 ? Json(BeijingTimeText(s.last_packet_at))
                                                   : Json(nullptr)},
              {"last_peer", s.last_peer},
              {"clock_offset_seconds", s.clock_offset ? Json(*s.clock_offset) : Json(nullptr)},
              {"silence_notice", s.silent_notice},
              {"packets_today", s.packets_today},
              {"refused_today", s.refused_today},
              {"refusals_today", refusals},
              {"unit", s.kind == "station" ? "hours" : "days"},
              {"received", s.received},
              {"expected", s.expected},
              {"capture_rate", s.capture_rate.empty() ? Json(nullptr) : Json(s.capture_rate)},
              {"valid_days", s.valid_days},
              {"month_valid", s.kind == "station" ? Json(s.month_valid) : Json(nullptr)},
              {"days", days}};
    stations.push_back(std::move(j));
  }
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", report.year, report.month);
  Json out = {{"as_of", BeijingTimeText(report.now_unix)},
              {"month", month},
              {"rules",
               {{"min_hours_per_day", report.min_hours_per_day},
                {"min_days_per_month", report.min_days_per_month}}},
              {"stations", stations}};
  return out.dump();
}

std::string RecentJson(const std::string& code, const std::vector<RecentPacket>& packets) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const RecentPacket& p : packets) {
    Json values = Json::array();
    std::string_view items = p.items;
    while (!items.empty()) {
      size_t end = items.find(';');
      std::string_view item = items.substr(0, end);
      size_t eq = item.find('='), colon = item.rfind(':');
      if (eq != std::string_view::npos && colon != std::string_view::npos && colon > eq) {
        values.push_back({{"code", std::string(item.substr(0, eq))},
                          {"value", std::string(item.substr(eq + 1, colon - eq - 1))},
                          {"flag", std::string(item.substr(colon + 1))}});
      }
      if (end == std::string_view::npos) break;
      items.remove_prefix(end + 1);
    }
    std::string t = FormatCompactTime(p.data_time);
    list.push_back({{"mn", p.mn},
                    {"cn", p.cn},
                    {"data_time", t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) +
                                      "T" + t.substr(8, 2) + ":" + t.substr(10, 2) + ":" +
                                      t.substr(12, 2) + "+08:00"},
                    {"received_at", BeijingTimeText(p.received_at)},
                    {"values", values}});
  }
  return Json{{"station", code}, {"packets", list}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}

std::string StatusText(const StatusReport& report) {
  char line[512];
  std::snprintf(line, sizeof line,
                "station status as of %s, capture of %04d-%02d (a day is valid with >= %d hours, "
                "the month with >= %d valid days)\n",
                BeijingTimeText(report.now_unix).c_str(), report.year, report.month,
                report.min_hours_per_day, report.min_days_per_month);
  std::string out = line;
  std::snprintf(line, sizeof line, "%-8s %-12s %-24s %-7s %-25s %7s %7s %9s %10s %7s  %s\n", "kind",
                "code", "mn", "state", "last packet", "today", "refused", "received",
                "capture %", "valid d", "refusals today");
  out += line;
  for (const StationStatus& s : report.stations) {
    std::string state = !s.active ? "retired" : s.online ? "online" : "offline";
    std::string reasons;
    for (const auto& [reason, count] : s.refusals_today) {
      reasons += (reasons.empty() ? "" : "; ") + reason + " ×" + std::to_string(count);
    }
    std::snprintf(line, sizeof line, "%-8s %-12s %-24s %-7s %-25s %7lld %7lld %4lld/%-4lld %10s %7d  ",
                  s.kind.c_str(), s.code.c_str(), s.mn.c_str(), state.c_str(),
                  s.last_packet_at ? BeijingTimeText(s.last_packet_at).c_str() : "never",
                  static_cast<long long>(s.packets_today), static_cast<long long>(s.refused_today),
                  static_cast<long long>(s.received), static_cast<long long>(s.expected),
                  s.capture_rate.empty() ? "-" : s.capture_rate.c_str(), s.valid_days);
    out += std::string(line) + reasons + "\n";
  }
  return out;
}

}  // namespace ecociv::hj212
