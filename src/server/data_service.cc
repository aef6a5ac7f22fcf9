#include "data_service.h"

#include <algorithm>
#include <map>

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/report.h"
#include "ecociv/air/series.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/summary.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/water_allowance.h"
#include "json_fields.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/report.h"
#include "snapshot.h"

namespace ecociv::server {

using air::DailyRecord;
using air::HourlySeries;

StatusOr<DayNumber> DayParam(const std::string& text, DayNumber fallback, const char* name) {
  if (text.empty()) return fallback;
  auto day = ParseDate(text);
  if (!day.ok()) return InvalidArgumentError(std::string(name) + ": " + day.status().message());
  return *day;
}

StatusOr<std::string> AirCityOf(const Snapshot& s) {
  return indicators::AirCityFor(s.profile_city, s.cities);
}

namespace {

HourlySeries Slice(const HourlySeries& s, HourLabel from, HourLabel to) {
  HourlySeries out = s;
  int32_t begin = std::clamp<int32_t>(from - s.first_label, 0, s.hours);
  int32_t end = std::clamp<int32_t>(to - s.first_label + 1, begin, s.hours);
  out.first_label = s.first_label + begin;
  out.hours = end - begin;
  for (int p = 0; p < air::kPollutantCount; ++p) {
    auto cut = [&](auto& v) {
      if (v.empty()) return;
      v.assign(v.begin() + begin, v.begin() + end);
    };
    cut(out.columns[p].num);
    cut(out.columns[p].valid);
    cut(out.columns[p].not_monitored);
  }
  return out;
}

}  // namespace

DataService::~DataService() = default;

StatusOr<std::unique_ptr<DataService>> DataService::Create(const std::string& standards_dir,
                                                           const Targets& targets) {
  std::unique_ptr<DataService> service(new DataService());
  ECOCIV_ASSIGN_OR_RETURN(service->air_standards_, air::AirStandards::Load(standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(service->water_rules_, water::WaterRules::Load(standards_dir));
  service->targets_ = targets;
  return service;
}

StatusOr<std::shared_ptr<const Snapshot>> DataService::Current(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t version, store::DataVersion(db));
  return CurrentAt(db, version);
}

StatusOr<std::shared_ptr<const Snapshot>> DataService::CurrentAt(store::Database* db,
                                                                 int64_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ && current_->version == version) return current_;
  ECOCIV_ASSIGN_OR_RETURN(current_, Build(db, version));
  cache_.clear();
  cache_version_ = version;
  return current_;
}

StatusOr<std::shared_ptr<const Snapshot>> DataService::Build(store::Database* db, int64_t version) {
  auto s = std::make_shared<Snapshot>();
  s->version = version;
  // The profile is in the change record too: a new city is a new version.
  ECOCIV_ASSIGN_OR_RETURN(indicators::CityProfile profile, indicators::LoadProfile(db));
  s->profile_city = profile.city;
  ECOCIV_ASSIGN_OR_RETURN(int64_t stations, store::CountStations(db));
  if (stations > 0) {
    ECOCIV_ASSIGN_OR_RETURN(s->data, store::LoadAirDataset(db, store::AirQuery{}));
    const auto& rules = air_standards_.assessment();
    for (size_t i = 0; i < s->data.stations().size(); ++i) {
      s->series.push_back(air::SeriesOfStation(s->data, static_cast<int>(i)));
      const std::string& city = s->data.stations()[i].info.city;
      if (!city.empty() && std::find(s->cities.begin(), s->cities.end(), city) == s->cities.end()) {
        s->cities.push_back(city);
      }
    }
    for (const std::string& city : s->cities) {
      auto c = air::SeriesOfCity(s->data, city, rules);
      if (c.ok()) s->series.push_back(std::move(*c));
    }
    for (size_t i = 0; i < s->series.size(); ++i) s->by_id[s->series[i].id] = static_cast<int>(i);
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t sections, store::CountSections(db));
  if (sections > 0) {
    ECOCIV_ASSIGN_OR_RETURN(s->water,
                            store::LoadWaterSamples(db, store::WaterQuery{}, water_rules_));
    s->water_index = water::IndexSamples(s->water);
  }
  return std::shared_ptr<const Snapshot>(std::move(s));
}

StatusOr<ResultPtr> DataService::Derived(const Snapshot& s, const std::string& key,
                                         const std::function<StatusOr<Json>()>& compute) {
  return Cached(s, "derived|" + key, compute);
}

std::string DataService::KindOf(const Snapshot& s, const std::string& id) const {
  auto it = s.by_id.find(id);
  if (it == s.by_id.end()) return "";
  return s.series[it->second].is_city ? "city" : "station";
}

std::string DataService::LastDay(const Snapshot& s) const {
  if (s.data.hour_count() == 0) return "";
  return FormatDate(DayOfLabel(s.data.last_label()));
}

std::string DataService::FirstDay(const Snapshot& s) const {
  if (s.data.hour_count() == 0) return "";
  return FormatDate(DayOfLabel(s.data.first_label()));
}

Json DataService::Stations(const Snapshot& s) const {
  Json out = Json::array();
  for (const auto& st : s.data.stations()) {
    out.push_back({{"code", st.info.code},
                   {"name", st.info.name},
                   {"city", st.info.city},
                   {"longitude", st.info.longitude},
                   {"latitude", st.info.latitude},
                   {"background", st.info.background}});
  }
  return out;
}

Json DataService::Sections(const Snapshot& s) const {
  Json out = Json::array();
  static const char* kClass[] = {"", "I", "II", "III", "IV", "V", "劣V"};
  for (const auto& sec : s.water.sections) {
    out.push_back({{"code", sec.id},
                   {"name", sec.name},
                   {"river", sec.river},
                   {"target_class", kClass[static_cast<int>(sec.target)]},
                   {"drinking_source", sec.drinking_source},
                   {"level", water::SectionLevelName(sec.level)},
                   {"categories", sec.categories},
                   // River chiefs are named on public boards (河长公示牌).
                   {"chief", water::ChiefText(sec)},
                   {"section_chief",
                    {{"name", sec.chief_name}, {"post", sec.chief_post}, {"unit", sec.chief_unit}}}});
  }
  return out;
}

StatusOr<std::shared_ptr<const std::vector<DailyRecord>>> DailyOf(
    const Snapshot& s, const air::AirStandards& standards, std::mutex* mu, int index,
    const std::string& standard) {
  const HourlySeries& series = s.series[index];
  std::string key = series.id + "|" + standard;
  {
    std::lock_guard<std::mutex> lock(*mu);
    auto it = s.daily.find(key);
    if (it != s.daily.end()) return it->second;
  }
  std::vector<DailyRecord> days;
  if (series.is_city && !standards.assessment().city_average_hourly) {
    std::vector<std::vector<DailyRecord>> members;
    for (int m : air::StationsOfCity(s.data, series.id, standards.assessment())) {
      ECOCIV_ASSIGN_OR_RETURN(auto d, air::ComputeDaily(s.series[m], standards, standard));
      members.push_back(std::move(d));
    }
    ECOCIV_ASSIGN_OR_RETURN(days, air::CityDailyFromStations(members, standards, standard));
  } else {
    ECOCIV_ASSIGN_OR_RETURN(days, air::ComputeDaily(series, standards, standard));
  }
  auto shared = std::make_shared<const std::vector<DailyRecord>>(std::move(days));
  std::lock_guard<std::mutex> lock(*mu);
  s.daily[key] = shared;
  return shared;
}

namespace {

// The series and day range of a series request: NotFound for an unknown id;
// `empty` when the store holds no air data (the answer is then []). `from`
// defaults to `default_span` days before `to`, `to` to the last day.
struct SeriesRange {
  int index = 0;
  DayNumber from = 0, to = 0;
  bool empty = false;
};
StatusOr<SeriesRange> RangeOf(const Snapshot& s, const std::string& id, const std::string& from,
                              const std::string& to, int default_span) {
  auto it = s.by_id.find(id);
  if (it == s.by_id.end()) return NotFoundError("no station or city '" + id + "'");
  SeriesRange r;
  r.index = it->second;
  if (s.data.hour_count() == 0) {
    r.empty = true;
    return r;
  }
  ECOCIV_ASSIGN_OR_RETURN(r.to, DayParam(to, DayOfLabel(s.data.last_label()), "to"));
  ECOCIV_ASSIGN_OR_RETURN(r.from, DayParam(from, r.to - default_span, "from"));
  if (r.to < r.from) return InvalidArgumentError("to is before from");
  return r;
}

ResultPtr EmptyResult() { return std::make_shared<const Result>(Result{Json::array(), "[]"}); }

}  // namespace

StatusOr<ResultPtr> DataService::Hourly(const Snapshot& s, const std::string& id,
                                        const std::string& from, const std::string& to,
                                        const std::string& standard) {
  ECOCIV_ASSIGN_OR_RETURN(SeriesRange range, RangeOf(s, id, from, to, 6));
  if (range.empty) return EmptyResult();
  const DayNumber from_day = range.from, to_day = range.to;
  if (to_day - from_day > 92) return InvalidArgumentError("at most 93 days of hours at a time");
  return Cached(
      s, "hourly|" + id + "|" + from + "|" + to + "|" + standard, [&]() -> StatusOr<Json> {
        HourLabel first = LabelAt(from_day, 1), end = LabelAt(to_day, 24);
        // 24 hours before the range so moving averages have their windows.
        HourlySeries part = Slice(s.series[range.index], first - 24, end);
        ECOCIV_ASSIGN_OR_RETURN(auto results, air::ComputeHourly(part, air_standards_, standard));
        const air::IndicatorMask columns = air::HourlyIaqiColumns(air_standards_, standard);
        std::vector<std::string> rows;  // every hour of the range, with data or not
        for (const auto& r : results) {
          if (r.label >= first) rows.push_back(air::HourlyJsonRow(part, r, columns));
        }
        return Json::parse(air::JsonRows(rows));
      });
}

StatusOr<ResultPtr> DataService::Daily(const Snapshot& s, const std::string& id,
                                       const std::string& from, const std::string& to,
                                       const std::string& standard) {
  ECOCIV_ASSIGN_OR_RETURN(SeriesRange range, RangeOf(s, id, from, to, 365));
  if (range.empty) return EmptyResult();
  const DayNumber from_day = range.from, to_day = range.to;
  return Cached(s, "daily|" + id + "|" + from + "|" + to + "|" + standard, [&]() -> StatusOr<Json> {
    ECOCIV_ASSIGN_OR_RETURN(auto days, DailyOf(s, air_standards_, &mu_, range.index, standard));
    std::vector<std::string> rows;
    for (const DailyRecord& d : *days) {
      if (d.day >= from_day && d.day <= to_day) {
        rows.push_back(air::DailyJsonRow(s.series[range.index].id, d));
      }
    }
    return Json::parse(air::JsonRows(rows));
  });
}

StatusOr<ResultPtr> DataService::Assessment(const Snapshot& s, const std::string& from,
                                            const std::string& to, const std::string& standard,
                                            const std::string& area_class) {
  if (s.data.hour_count() == 0) return NotFoundError("no air data in the store");
  if (area_class != "1" && area_class != "2") return InvalidArgumentError("class must be 1 or 2");
  DayNumber last = DayOfLabel(s.data.last_label());
  ECOCIV_ASSIGN_OR_RETURN(DayNumber to_day, DayParam(to, last, "to"));
  CivilDate year_start = CivilFromDays(to_day);
  year_start.month = 1;
  year_start.day = 1;
  ECOCIV_ASSIGN_OR_RETURN(DayNumber from_day, DayParam(from, DaysFromCivil(year_start), "from"));
  if (to_day < from_day) return InvalidArgumentError("to is before from");
  std::string key = "assess|" + FormatDate(from_day) + "|" + FormatDate(to_day) + "|" + standard +
                    "|" + area_class;
  return Cached(s, key, [&]() -> StatusOr<Json> {
    air::PeriodOptions options;
    options.from = from_day;
    options.to = to_day;
    options.area_class = area_class == "1" ? 1 : 2;
    options.forced_edition = standard;
    air::AssessmentReport report;
    report.from = from_day;
    report.to = to_day;
    report.standard = standard;
    report.area_class = options.area_class;
    for (size_t i = 0; i < s.series.size(); ++i) {
      ECOCIV_ASSIGN_OR_RETURN(auto days,
                              DailyOf(s, air_standards_, &mu_, static_cast<int>(i), standard));
      air::AssessedSeries one;
      ECOCIV_ASSIGN_OR_RETURN(one.assessment, air::AssessPeriod(*days, air_standards_, options));
      const HourlySeries& series = s.series[i];
      one.assessment.id = series.id;
      one.assessment.name = series.name;
      one.assessment.is_city = series.is_city;
      (series.is_city ? report.cities : report.stations).push_back(std::move(one));
    }
    return Json::parse(air::AssessmentReportJson(report, air_standards_.assessment()));
  });
}

StatusOr<ResultPtr> DataService::Overview(const Snapshot& s, store::Database* db) {
  return Cached(s, "overview", [&]() -> StatusOr<Json> {
    // Review decisions append to the change record, so the count is per version.
    ECOCIV_ASSIGN_OR_RETURN(int64_t open_flags, store::CountSuspectFlags(db));
    Json out;
    out["data_version"] = s.version;
    out["last_day"] = LastDay(s);
    out["targets"] = {{"pm25", targets_.pm25}, {"good_day_ratio", targets_.good_day_ratio}};
    out["open_review_items"] = open_flags;
    Json stations = Json::array();
    if (s.data.hour_count() > 0) {
      HourLabel end = s.data.last_label();
      for (const HourlySeries& series : s.series) {
        HourlySeries part = Slice(series, end - 72, end);
        ECOCIV_ASSIGN_OR_RETURN(auto hours, air::ComputeHourly(part, air_standards_, ""));
        Json row = Json::parse(air::LatestAqiJson(series, hours));
        stations.push_back(std::move(row));
      }
      ECOCIV_ASSIGN_OR_RETURN(ResultPtr year_result, Assessment(s, "", "", "", "2"));
      const Json& year = year_result->json;
      Json cities = Json::array();
      for (const Json& c : year["cities"]) {
        cities.push_back({{"id", c["id"]},
                          {"good_day_ratio", c["good_day_ratio"]},
                          {"pm25", c["pollutants"]["pm25"]["mean"]},
                          {"days_valid", c["days_valid"]}});
      }
      out["year"] = {{"from", year["from"]}, {"to", year["to"]}, {"cities", cities}};
      // The year's PM2.5 and good days judged as the target page judges them.
      out["air_targets"] = OverviewTargets(s);
    }
    out["stations"] = stations;
    Json sections = Json::array();
    if (!s.water.samples.empty()) {
      DayNumber last = s.water.samples.front().day;
      for (const auto& sample : s.water.samples) last = std::max(last, sample.day);
      CivilDate c = CivilFromDays(last);
      c.day = 1;
      DayNumber month_start = DaysFromCivil(c);
      ECOCIV_ASSIGN_OR_RETURN(ResultPtr month,
                              WaterClasses(s, FormatDate(month_start), FormatDate(last), "month"));
      for (const Json& row : month->json) {
        sections.push_back({{"section", row["section"]},
                            {"name", row["name"]},
                            {"class", row["class"]},
                            {"target_class", row["target_class"]},
                            {"compliant", row["compliant"]}});
      }
      out["water_month"] = FormatDate(month_start).substr(0, 7);
    }
    out["sections"] = sections;
    return out;
  });
}

StatusOr<ResultPtr> DataService::WaterClasses(const Snapshot& s, const std::string& from,
                                              const std::string& to, const std::string& period) {
  if (s.water.samples.empty()) return std::make_shared<const Result>(Result{Json::array(), "[]"});
  water::PeriodKind kind = water::PeriodKind::kMonth;
  if (period == "quarter") {
    kind = water::PeriodKind::kQuarter;
  } else if (period == "year") {
    kind = water::PeriodKind::kYear;
  } else if (!period.empty() && period != "month") {
    return InvalidArgumentError("period must be month, quarter or year");
  }
  DayNumber first = s.water.samples.front().day, last = first;
  for (const auto& sample : s.water.samples) {
    first = std::min(first, sample.day);
    last = std::max(last, sample.day);
  }
  ECOCIV_ASSIGN_OR_RETURN(DayNumber to_day, DayParam(to, last, "to"));
  ECOCIV_ASSIGN_OR_RETURN(DayNumber from_day, DayParam(from, first, "from"));
  if (to_day < from_day) return InvalidArgumentError("to is before from");
  return Cached(s, "water|" + from + "|" + to + "|" + period, [&]() -> StatusOr<Json> {
    // The water engine returns plain values: overflows are checked here (exact.h).
    return WithOverflowCheck("water classification", [&]() -> StatusOr<Json> {
      auto rows =
          water::ClassifyPeriods(water_rules_, s.water, s.water_index, from_day, to_day, kind);
      return Json::parse(water::ClassifyJson(water_rules_, s.water, rows));
    });
  });
}

StatusOr<ResultPtr> DataService::WaterAssessment(const Snapshot& s, const std::string& from,
                                                 const std::string& to) {
  if (s.water.samples.empty()) return NotFoundError("no water samples in the store");
  ECOCIV_ASSIGN_OR_RETURN(DayNumber from_day, DayParam(from, 0, "from"));
  ECOCIV_ASSIGN_OR_RETURN(DayNumber to_day, DayParam(to, 0, "to"));
  if (from.empty() || to.empty()) return InvalidArgumentError("from and to are required");
  if (to_day < from_day) return InvalidArgumentError("to is before from");
  return Cached(s, "water-assess|" + from + "|" + to, [&]() -> StatusOr<Json> {
    ECOCIV_ASSIGN_OR_RETURN(auto now, WaterAssessed(s, from_day, to_day));
    return Json::parse(water::AssessmentJson(water_rules_, s.water, *now, nullptr));
  });
}

StatusOr<ResultPtr> DataService::WaterAllowance(const Snapshot& s, const std::string& year,
                                                const std::string& as_of) {
  if (s.water.samples.empty()) return NotFoundError("no water samples in the store");
  DayNumber last = 0;
  for (const water::Sample& sample : s.water.samples) last = std::max(last, sample.day);
  ECOCIV_ASSIGN_OR_RETURN(int y, YearParameter(year, CivilFromDays(last).year));
  const DayNumber year_end = DaysFromCivil({y, 12, 31});
  ECOCIV_ASSIGN_OR_RETURN(DayNumber day, DayParam(as_of, std::min(last, year_end), "as_of"));
  return Cached(s, "water-allowance|" + std::to_string(y) + "|" + FormatDate(day),
                [&]() -> StatusOr<Json> {
                  ECOCIV_ASSIGN_OR_RETURN(
                      warning::WaterAllowanceReport report,
                      WithOverflowCheck("water allowance",
                                        [&]() -> StatusOr<warning::WaterAllowanceReport> {
                                          return warning::ComputeWaterAllowance(
                                              water_rules_, s.water, s.water_index, y, day);
                                        }));
                  return Json::parse(warning::WaterAllowanceJson(water_rules_, s.water, report));
                });
}

}  // namespace ecociv::server
