// What the document builders share (internal): the two languages, the names
// of standards as documents cite them, and periods.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/report/document.h"
#include "ecociv/report/figures.h"
#include "ecociv/report/profile.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

inline const std::string& Tr(Lang lang, const std::string& zh, const std::string& en) {
  return lang == Lang::kZh ? zh : en;
}

// "《环境空气质量标准》（GB 3095-2012）" from the standard files' [edition]
// title (built-in or --standards DIR); the id alone when no file names it.
std::string StandardCitation(const std::string& id, const std::string& standards_dir);

// The city's name as a document in `lang` prints it: the Chinese name as
// given, in English the name config/report-cities.toml gives it (the Chinese
// name when the file does not list it).
std::string CityName(const std::string& city, Lang lang);

// A period of a report: a calendar month or year.
struct ReportPeriod {
  int year = 0;
  int month = 0;  // 0: the whole year
  DayNumber from = 0, to = 0;
  // "2025年", "2025年3月"; "2025", "March 2025".
  std::string Text(Lang lang) const;
};
ReportPeriod PeriodOf(int year, int month);

// "2025年3月1日"; "1 March 2025".
std::string DateText(DayNumber day, Lang lang);

// The head of a periodic report ("张家港市2025年3月环境空气质量月报", issuer,
// number, date, the period's first and last day): kind "<subject>-monthly" or
// "<subject>-yearly"; zh_subject "环境空气质量", en_subject "Air quality". The
// year and month are checked; an unknown --date is refused.
struct PeriodicHead {
  std::string subject;  // "air", "water"
  std::string zh_subject, en_subject;
  std::string city;  // may be empty: the document then names no city
  std::string city_en;  // a region's own English name ("" → CityName's)
  ReportPeriod period;
};
// A document of one region of the store (store/regions.h): the region's
// names and the codes of the stations or sections ("station", "section") of
// its subtree. NotFound for an unknown region.
struct RegionPart {
  std::string name, name_en;
  std::vector<std::string> codes;
};
StatusOr<RegionPart> RegionPartOf(store::Database* db, const std::string& region,
                                  const std::string& kind);
// A city's or a region's name in `lang`: a region's own English name when
// it has one, else CityName's.
std::string PlaceName(const std::string& zh, const std::string& name_en, Lang lang);

StatusOr<Document> StartPeriodicDocument(const PeriodicHead& head, const ReportProfile& profile,
                                         const DocumentOptions& options);
Status CheckReportPeriod(int year, int month);

// A figure's text in a table: the published text, or "—" when there is none.
inline std::string Cell(const std::optional<Published>& p) { return p ? p->text : "—"; }

}  // namespace ecociv::report
