// Routes of the HJ 212 receiver's station status: online or offline, packets
// and refusals today, the month's data capture (hj212/station_status.h). A
// unit reporter sees its own unit's stations and sections only.
#include <chrono>

#include "ecociv/core/parse_number.h"
#include "ecociv/hj212/station_status.h"
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
  if (c.IsReporter()) {
    ECOCIV_ASSIGN_OR_RETURN(auto stations, UnitAssets(c.db, c.session->user.unit, "station"));
    ECOCIV_ASSIGN_OR_RETURN(auto sections, UnitAssets(c.db, c.session->user.unit, "section"));
    std::vector<std::string> own = stations;
    own.insert(own.end(), sections.begin(), sections.end());
    if (!station.empty() && std::find(own.begin(), own.end(), station) == own.end()) {
      return Denied(station + " belongs to another unit");
    }
    if (station.empty()) query.subjects = own.empty() ? std::vector<std::string>{""} : own;
  }
  ECOCIV_ASSIGN_OR_RETURN(hj212::StatusReport report, hj212::LoadStationStatus(c.db, query));
  return BodyResponse(hj212::StatusJson(report));
}

}  // namespace

void RegisterStationRoutes(RouteRegistry& routes, ApiContext& context) {
  const ApiOptions& options = context.options;
  routes.Add("GET", "/api/v1/stations/status", kAnyone,
             [&options](Call& c) { return GetStatus(options, c); });
}

}  // namespace ecociv::server
