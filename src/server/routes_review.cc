// Routes of the data review: the screening's flags and an analyst's decision
// on one (invalidate or clear, with a reason, in the change record).
#include "ecociv/core/civil_time.h"
#include "ecociv/store/review.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

constexpr size_t kMaxFlagsListed = 2000;

Json FlagJson(const store::StoredFlag& f) {
  bool water = f.flag.water;
  return {{"id", f.id},
          {"kind", water ? "water" : "air"},
          {"station", f.flag.subject},
          {"pollutant", f.flag.pollutant},
          {"from", water ? FormatDate(f.flag.from) : FormatHourLabel(f.flag.from)},
          {"to", water ? FormatDate(f.flag.to) : FormatHourLabel(f.flag.to)},
          {"rule", f.flag.rule},
          {"detail", f.flag.detail},
          {"status", f.status}};
}

StatusOr<HttpResponse> Flags(Call& c) {
  store::FlagFilter filter;
  filter.status = c.Query("status");
  filter.subject = c.Query("station");
  if (!filter.status.empty() && filter.status != "suspect" && filter.status != "invalidated" &&
      filter.status != "cleared") {
    return InvalidArgumentError("status must be suspect, invalidated or cleared");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto flags, store::ListFlags(c.db, filter));
  Json rows = Json::array();
  for (const auto& f : flags) {
    rows.push_back(FlagJson(f));
    if (rows.size() >= kMaxFlagsListed) break;
  }
  return JsonResponse({{"flags", rows}});
}

StatusOr<HttpResponse> Decide(Call& c) {
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  auto id = c.body.find("flag_id");
  if (id == c.body.end() || !id->is_number_integer() || id->get<int64_t>() <= 0) {
    return InvalidArgumentError("field 'flag_id' must be a positive integer");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string action, StringField(c.body, "action", true, 20));
  if (action != "invalidate" && action != "clear") {
    return InvalidArgumentError("action must be invalidate or clear");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", true, 1000));
  if (reason.empty()) return InvalidArgumentError("a reason is required");
  store::DecisionRequest request;
  request.action = action;
  request.flag_id = id->get<int64_t>();
  request.reason = reason;
  ECOCIV_ASSIGN_OR_RETURN(int64_t decision, store::RecordDecision(c.db, request, c.Actor(reason)));
  return JsonResponse({{"decision", decision}}, 201);
}

}  // namespace

void RegisterReviewRoutes(RouteRegistry& routes, ApiContext&) {
  routes.Add("GET", "/api/v1/review/flags", kReaders, Flags);
  routes.Add("POST", "/api/v1/review/decisions", kAnalysts, Decide);
}

}  // namespace ecociv::server
