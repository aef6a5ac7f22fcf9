// Routes of the HJ 212 receiver's station status: online or offline, packets
// and refusals today, the month's data capture (hj212/station_status.h). A
// unit reporter sees its own unit's stations and sections only, a region's
// user those of its region (region_scope.h).
#include <algorithm>
#include <chrono>

#include "ecociv/core/parse_number.h"
#include "ecociv/hj212/current_hour.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/hj212/station_status.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

StatusOr<HttpResponse> GetStatus(const ApiOptions& options, Call& c) {
  hj212::StatusQuery query;
  query.now_unix = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  query.standards_dir = options.standards_dir;
  std::string month = c.Query("month");
  if (!month.empty()) {
    if (month.size() != 7 || month[4] != '-') {
      return InvalidArgumentError("month: expected YYYY-MM");
    }
    ECOCIV_ASSIGN_OR_RETURN(int64_t y, ParseInteger(month.substr(0, 4), 2000, 2100, "month year"));
    ECOCIV_ASSIGN_OR_RETURN(int64_t m, ParseInteger(month.substr(5), 1, 12, "month"));
    query.year = static_cast<int>(y);
    query.month = static_cast<int>(m);
  }
  std::string within = c.Query("online_within");
  if (!within.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t minutes,
                            ParseInteger(within, 1, 100000, "online_within (minutes)"));
    query.online_within_seconds = minutes * 60;
  }
  std::string station = c.Query("station");
  if (!station.empty()) query.subjects = {station};
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!station.empty() && !scope.SeesStation(station) && !scope.SeesSection(station)) {
    return scope.Outside(station);
  }
  if (station.empty() && !scope.whole_store()) {
    query.subjects = scope.StationsAndSections();
    if (query.subjects.empty()) query.subjects = {""};
  }
  if (c.IsReporter()) {
    ECOCIV_ASSIGN_OR_RETURN(auto stations, UnitAssets(c.db, c.session->user.unit, "station"));
    ECOCIV_ASSIGN_OR_RETURN(auto sections, UnitAssets(c.db, c.session->user.unit, "section"));
    std::vector<std::string> own = stations;
    own.insert(own.end(), sections.begin(), sections.end());
    if (!station.empty() && std::find(own.begin(), own.end(), station) == own.end()) {
      return Denied(station + " belongs to another unit");
    }
    std::erase_if(own, [&](const std::string& code) {
      return !scope.SeesStation(code) && !scope.SeesSection(code);
    });
    if (station.empty()) query.subjects = own.empty() ? std::vector<std::string>{""} : own;
  }
  ECOCIV_ASSIGN_OR_RETURN(hj212::StatusReport report, hj212::LoadStationStatus(c.db, query));
  return BodyResponse(hj212::StatusJson(report));
}

// The real-time and minute data of one station or section received in the
// last `minutes` (60 by default, at most a day): the current-hour display.
// The `station` query of a route about one station or section: required, and
// a unit reporter's own.
StatusOr<std::string> OneStation(Call& c) {
  std::string station = c.Query("station");
  if (station.empty()) return InvalidArgumentError("station (a station or section code) is required");
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.SeesStation(station) && !scope.SeesSection(station)) return scope.Outside(station);
  if (c.IsReporter()) {
    ECOCIV_ASSIGN_OR_RETURN(auto stations, UnitAssets(c.db, c.session->user.unit, "station"));
    ECOCIV_ASSIGN_OR_RETURN(auto sections, UnitAssets(c.db, c.session->user.unit, "section"));
    if (std::find(stations.begin(), stations.end(), station) == stations.end() &&
        std::find(sections.begin(), sections.end(), station) == sections.end()) {
      return Denied(station + " belongs to another unit");
    }
  }
  return station;
}

StatusOr<HttpResponse> GetRecent(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string station, OneStation(c));
  int64_t minutes = 60;
  if (!c.Query("minutes").empty()) {
    ECOCIV_ASSIGN_OR_RETURN(minutes, ParseInteger(c.Query("minutes"), 1, 1440, "minutes"));
  }
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  ECOCIV_ASSIGN_OR_RETURN(auto packets, hj212::LoadRecent(c.db, station, now - minutes * 60, 2000));
  return BodyResponse(hj212::RecentJson(station, packets));
}

// The hour in progress and the hour before of one station or section: the
// hourly value when it exists, else a provisional mean of the minute or
// real-time data (hj212/current_hour.h), marked so.
StatusOr<HttpResponse> GetCurrent(const ApiOptions& options, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string station, OneStation(c));
  ECOCIV_ASSIGN_OR_RETURN(hj212::Readings readings, hj212::Readings::Load(options.standards_dir));
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  ECOCIV_ASSIGN_OR_RETURN(hj212::CurrentReport report,
                          hj212::LoadCurrentHour(c.db, readings, station, now));
  return BodyResponse(hj212::CurrentHourJson(report));
}

}  // namespace

void RegisterStationRoutes(RouteRegistry& routes, ApiContext& context) {
  const ApiOptions& options = context.options;
  routes.Add("GET", "/api/v1/stations/status", kAnyone,
             [&options](Call& c) { return GetStatus(options, c); });
  routes.Add("GET", "/api/v1/stations/recent", kAnyone, GetRecent);
  routes.Add("GET", "/api/v1/stations/current", kAnyone,
             [&options](Call& c) { return GetCurrent(options, c); });
}

}  // namespace ecociv::server
