// A periodic document from its kind and period as text (report/make_document.h).
#include "ecociv/report/make_document.h"

#include "ecociv/core/parse_number.h"
#include "ecociv/report/air_document.h"
#include "ecociv/report/bulletin.h"
#include "ecociv/report/profile.h"
#include "ecociv/report/water_document.h"

namespace ecociv::report {
namespace {

struct Period {
  int year = 0, month = 0;
};

StatusOr<Period> ParsePeriodText(const std::string& text, bool monthly) {
  const std::string expected = monthly ? "YYYY-MM" : "YYYY";
  if (text.size() != (monthly ? 7u : 4u) || (monthly && text[4] != '-')) {
    return InvalidArgumentError("period: expected " + expected + ", got \"" + text + "\"");
  }
  Period p;
  ECOCIV_ASSIGN_OR_RETURN(int64_t y, ParseInteger(text.substr(0, 4), 2000, 2100, "period year"));
  p.year = static_cast<int>(y);
  if (monthly) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t m, ParseInteger(text.substr(5), 1, 12, "period month"));
    p.month = static_cast<int>(m);
  }
  return p;
}

}  // namespace

const std::vector<std::string>& PeriodicKinds() {
  static const std::vector<std::string> kinds = {"air-monthly", "air-yearly", "water-monthly",
                                                 "water-yearly", "bulletin"};
  return kinds;
}

bool IsMonthlyKind(const std::string& kind) {
  return kind.size() > 8 && kind.compare(kind.size() - 8, 8, "-monthly") == 0;
}

StatusOr<Document> MakePeriodicDocument(store::Database* db, const DocumentRequest& request) {
  bool known = false;
  for (const std::string& k : PeriodicKinds()) known = known || k == request.kind;
  if (!known) {
    std::string list;
    for (const std::string& k : PeriodicKinds()) list += (list.empty() ? "" : ", ") + k;
    return InvalidArgumentError("kind: expected one of " + list + ", got \"" + request.kind +
                                "\"");
  }
  const bool monthly = IsMonthlyKind(request.kind);
  ECOCIV_ASSIGN_OR_RETURN(Period period, ParsePeriodText(request.period, monthly));
  ECOCIV_ASSIGN_OR_RETURN(
      ReportProfile profile,
      LoadProfile(request.profile.empty() ? (monthly ? "monthly" : "yearly") : request.profile));
  if (request.kind == "bulletin") {
    BulletinRequest r;
    r.year = period.year;
    r.city = request.city;
    r.standards_dir = request.standards_dir;
    r.region = request.region;
    return Bulletin(db, r, profile, request.options);
  }
  if (request.kind.rfind("air-", 0) == 0) {
    AirReportRequest r;
    r.year = period.year;
    r.month = period.month;
    r.city = request.city;
    r.standards_dir = request.standards_dir;
    r.region = request.region;
    return AirReport(db, r, profile, request.options);
  }
  WaterReportRequest r;
  r.year = period.year;
  r.month = period.month;
  r.city = request.city;
  r.standards_dir = request.standards_dir;
  r.region = request.region;
  return WaterReport(db, r, profile, request.options);
}

}  // namespace ecociv::report
