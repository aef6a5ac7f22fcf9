// Shared by the document builders (common.h).
#include "common.h"

#include <toml++/toml.h>
#include <cctype>
#include <map>
#include <set>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/standard_files.h"
#include "ecociv/store/regions.h"

const ecociv::EmbeddedFile* EmbeddedReportSettings(size_t* count);

namespace ecociv::report {

namespace {

// "gb3095-2012" → "GB 3095-2012"; "" for an id that is not a GB or HJ number.
std::string StandardCode(const std::string& id) {
  if (id.size() < 4) return "";
  std::string letters;
  size_t i = 0;
  while (i < id.size() && std::isalpha(static_cast<unsigned char>(id[i]))) {
    letters += static_cast<char>(std::toupper(static_cast<unsigned char>(id[i])));
    ++i;
  }
  if ((letters != "GB" && letters != "HJ") || i == id.size() ||
      !std::isdigit(static_cast<unsigned char>(id[i]))) {
    return "";
  }
  return letters + " " + id.substr(i);
}

}  // namespace

std::string StandardCitation(const std::string& id, const std::string& standards_dir) {
  std::string title;
  auto files = LoadStandardFiles(standards_dir);
  if (files.ok()) {
    for (const StandardFile& f : *files) {
      try {
        toml::table t = toml::parse(f.text, std::string_view(f.name));
        if (t["edition"]["id"].value_or(std::string()) == id) {
          title = t["edition"]["title"].value_or(std::string());
          break;
        }
      } catch (const toml::parse_error&) {
        // A broken file is reported by the engine that loads it.
      }
    }
  }
  const std::string code = StandardCode(id);
  std::string year;
  const size_t dash = id.rfind('-');
  if (dash != std::string::npos) year = id.substr(dash + 1);
  if (title.empty()) return code.empty() ? id : code;
  if (!code.empty()) return "《" + title + "》（" + code + "）";
  return "《" + title + "》（" + year + "）";
}

std::string ReportPeriod::Text(Lang lang) const {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  if (lang == Lang::kZh) {
    return std::to_string(year) + "年" + (month ? std::to_string(month) + "月" : "");
  }
  return month ? std::string(kMonths[month - 1]) + " " + std::to_string(year)
               : std::to_string(year);
}

std::string CityName(const std::string& city, Lang lang) {
  if (lang == Lang::kZh || city.empty()) return city;
  // Parsed once; the file is compiled in and checked by report_tests.
  static const auto* names = [] {
    auto* out = new std::map<std::string, std::string>();
    size_t count = 0;
    const EmbeddedFile* files = EmbeddedReportSettings(&count);
    for (size_t i = 0; i < count; ++i) {
      if (std::string_view(files[i].path) != "report-cities.toml") continue;
      try {
        toml::table root = toml::parse(std::string_view(files[i].data, files[i].size));
        if (const toml::array* cities = root["city"].as_array()) {
          for (const toml::node& c : *cities) {
            const toml::table* t = c.as_table();
            if (t == nullptr) continue;
            auto zh = t->get("name") ? t->get("name")->value<std::string>() : std::nullopt;
            auto en = t->get("name_en") ? t->get("name_en")->value<std::string>() : std::nullopt;
            if (zh && en && !en->empty()) (*out)[*zh] = *en;
          }
        }
      } catch (const toml::parse_error&) {
        // Left empty: the test of the built-in file reports it.
      }
    }
    return out;
  }();
  auto found = names->find(city);
  return found == names->end() ? city : found->second;
}

std::string PlaceName(const std::string& zh, const std::string& name_en, Lang lang) {
  return lang == Lang::kEn && !name_en.empty() ? name_en : CityName(zh, lang);
}

StatusOr<RegionPart> RegionPartOf(store::Database* db, const std::string& region,
                                  const std::string& kind) {
  ECOCIV_ASSIGN_OR_RETURN(store::Region r, store::FindRegion(db, region));
  ECOCIV_ASSIGN_OR_RETURN(std::set<std::string> subtree, store::RegionSubtree(db, region));
  ECOCIV_ASSIGN_OR_RETURN(auto region_of, store::RegionsOf(db, kind));
  RegionPart part{r.name, r.name_en, {}};
  for (const auto& [code, in] : region_of)
    if (subtree.count(in)) part.codes.push_back(code);
  return part;
}

ReportPeriod PeriodOf(int year, int month) {
  ReportPeriod p;
  p.year = year;
  p.month = month;
  p.from = DaysFromCivil(CivilDate{year, month ? month : 1, 1});
  p.to = month ? DaysFromCivil(CivilDate{year, month, DaysInMonth(year, month)})
               : DaysFromCivil(CivilDate{year, 12, 31});
  return p;
}

std::string DateText(DayNumber day, Lang lang) {
  const CivilDate d = CivilFromDays(day);
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  if (lang == Lang::kZh) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) +
           "日";
  }
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

Status CheckReportPeriod(int year, int month) {
  if (month < 0 || month > 12 || year < 2000 || year > 2100) {
    return InvalidArgumentError("--period: expected YYYY or YYYY-MM");
  }
  return Status::Ok();
}

StatusOr<Document> StartPeriodicDocument(const PeriodicHead& head, const ReportProfile& profile,
                                         const DocumentOptions& options) {
  const Lang lang = options.lang;
  const ReportPeriod& p = head.period;
  Document doc;
  doc.kind = head.subject + (p.month ? "-monthly" : "-yearly");
  doc.lang = lang;
  const std::string city = PlaceName(head.city, head.city_en, lang);
  doc.issuer = options.issuer.empty() ? profile.Issuer(lang, city) : options.issuer;
  doc.number = options.number;
  ECOCIV_ASSIGN_OR_RETURN(doc.date, IssueDate(options.date, lang));
  if (lang == Lang::kZh) {
    doc.title = head.city + p.Text(lang) + head.zh_subject + (p.month ? "月报" : "状况");
    doc.subtitle = "（" + DateText(p.from, lang) + "至" + DateText(p.to, lang) + "）";
  } else {
    doc.title = head.en_subject + (city.empty() ? "" : " of " + city) + ", " + p.Text(lang);
    doc.subtitle = DateText(p.from, lang) + " to " + DateText(p.to, lang);
  }
  return doc;
}

}  // namespace ecociv::report
