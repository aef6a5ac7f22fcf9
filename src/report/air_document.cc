// The air-quality report of a month or a year (report/air_document.h).
#include "ecociv/report/air_document.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common.h"
#include "ecociv/air/assessment.h"
#include "ecociv/air/series.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/regions.h"

namespace ecociv::report {

namespace {

using air::PeriodAssessment;
using air::Pollutant;

struct Assessed {
  std::string id, name;
  PeriodAssessment now;
  std::optional<PeriodAssessment> before;
};

struct AirFacts {
  std::string city;
  std::string city_en;  // a region's own English name
  ReportPeriod period;
  DayNumber through = 0;  // the last day reported (≤ period.to)
  Assessed city_result;
  std::vector<Assessed> stations;
  std::vector<std::string> citations;  // the standards applied
  // The limits' editions of the period and of the year before, cited, when
  // they differ.
  std::string limits_now, limits_before;
  std::vector<std::string> aqi_editions;  // the AQI editions of the days reported, cited
  // A year's months up to the last day reported, each assessed as a period.
  std::vector<PeriodAssessment> months;
};

const char* FigureKey(Pollutant p) {
  static const char* kKeys[] = {"so2", "no2", "co", "o3", "pm10", "pm25"};
  return kKeys[static_cast<int>(p)];
}

// The statistic a report prints for a pollutant: the mean, or (CO, O3) the
// percentile.
bool UsesPercentile(Pollutant p) { return p == Pollutant::kCO || p == Pollutant::kO3; }

std::optional<Ratio> Statistic(const PeriodAssessment& a, Pollutant p) {
  const air::PollutantAssessment& pa = a.pollutants[static_cast<int>(p)];
  return UsesPercentile(p) ? pa.percentile : pa.mean;
}

// The same days a year earlier (29 February becomes the 28th).
DayNumber YearEarlierDay(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  d.year -= 1;
  if (d.month == 2 && d.day == 29) d.day = 28;
  return DaysFromCivil(d);
}

StatusOr<std::vector<air::DailyRecord>> DailyOf(const air::AirDataset& data,
                                                const air::HourlySeries& s,
                                                const air::AirStandards& standards) {
  return air::DailyOfSeries(data, s, standards, "auto");
}

StatusOr<Assessed> AssessSeries(const std::vector<air::DailyRecord>& days,
                                const air::AirStandards& standards, DayNumber from, DayNumber to,
                                const air::HourlySeries& s) {
  air::PeriodOptions now;
  now.from = from;
  now.to = to;
  Assessed out;
  out.id = s.id;
  out.name = s.name;
  ECOCIV_ASSIGN_OR_RETURN(out.now, air::AssessPeriod(days, standards, now));
  air::PeriodOptions before = now;
  before.from = YearEarlierDay(from);
  before.to = YearEarlierDay(to);
  ECOCIV_ASSIGN_OR_RETURN(PeriodAssessment earlier, air::AssessPeriod(days, standards, before));
  if (earlier.days_valid > 0) out.before = std::move(earlier);
  return out;
}

StatusOr<AirFacts> LoadFacts(store::Database* db, const AirReportRequest& request) {
  ECOCIV_ASSIGN_OR_RETURN(air::AirStandards standards,
                          air::AirStandards::Load(request.standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> cities, store::ListAirCities(db));
  AirFacts f;
  store::AirQuery query;
  const bool of_region = request.region != store::kRootRegion;
  if (of_region) {
    ECOCIV_ASSIGN_OR_RETURN(RegionPart part, RegionPartOf(db, request.region, "station"));
    if (part.codes.empty()) return NotFoundError("no air station in region " + request.region);
    f.city = part.name;
    f.city_en = part.name_en;
    query.stations = std::move(part.codes);
  } else {
    ECOCIV_ASSIGN_OR_RETURN(f.city, indicators::AirCityFor(request.city, cities));
    query.cities = {f.city};
  }
  f.period = PeriodOf(request.year, request.month);
  query.from = LabelAt(YearEarlierDay(f.period.from), 1);
  query.to = LabelAt(f.period.to, 24);
  ECOCIV_ASSIGN_OR_RETURN(air::AirDataset data, store::LoadAirDataset(db, query));
  // A region is assessed as one city of its stations, named by the region.
  if (of_region) {
    for (air::StationSeries& station : data.mutable_stations()) station.info.city = f.city;
  }
  const air::AssessmentRules& rules = standards.assessment();
  ECOCIV_ASSIGN_OR_RETURN(air::HourlySeries city, air::SeriesOfCity(data, f.city, rules));
  ECOCIV_ASSIGN_OR_RETURN(auto city_days, DailyOf(data, city, standards));
  std::set<std::string> editions, limits;
  for (const air::DailyRecord& d : city_days) {
    if (d.day < f.period.from || d.day > f.period.to || d.aqi.aqi == air::kNoIaqi) continue;
    f.through = std::max(f.through, d.day);
    if (d.edition != nullptr) editions.insert(d.edition->id);
    if (d.limits != nullptr) limits.insert(d.limits->id);
  }
  if (f.through == 0) {
    return NotFoundError("no valid air day of " + f.city + " in " + f.period.Text(Lang::kEn) +
                         " in the store");
  }
  ECOCIV_ASSIGN_OR_RETURN(f.city_result,
                          AssessSeries(city_days, standards, f.period.from, f.through, city));
  f.city_result.name = f.city;
  for (int m = 1; request.month == 0 && m <= 12; ++m) {
    const ReportPeriod month = PeriodOf(request.year, m);
    if (month.from > f.through) break;
    air::PeriodOptions o;
    o.from = month.from;
    o.to = std::min(month.to, f.through);
    ECOCIV_ASSIGN_OR_RETURN(PeriodAssessment a, air::AssessPeriod(city_days, standards, o));
    f.months.push_back(std::move(a));
  }
  for (int s : air::StationsOfCity(data, f.city, rules)) {
    air::HourlySeries series = air::SeriesOfStation(data, s);
    ECOCIV_ASSIGN_OR_RETURN(auto days, DailyOf(data, series, standards));
    ECOCIV_ASSIGN_OR_RETURN(Assessed one,
                            AssessSeries(days, standards, f.period.from, f.through, series));
    f.stations.push_back(std::move(one));
  }
  for (const std::string& id : limits)
    f.citations.push_back(StandardCitation(id, request.standards_dir));
  for (const std::string& id : editions) {
    f.citations.push_back(StandardCitation(id, request.standards_dir));
    f.aqi_editions.push_back(f.citations.back());
  }
  f.citations.push_back(StandardCitation(rules.id, request.standards_dir));
  const auto& before = f.city_result.before;
  if (before && before->limits_edition != f.city_result.now.limits_edition) {
    f.limits_now = StandardCitation(f.city_result.now.limits_edition, request.standards_dir);
    f.limits_before = StandardCitation(before->limits_edition, request.standards_dir);
  }
  return f;
}

// ---- wording ---------------------------------------------------------------

struct AirDocumentBuilder {
  const AirFacts& f;
  const ReportProfile& profile;
  Lang lang;
  Document* doc;

  const std::string& T(const std::string& zh, const std::string& en) const {
    return Tr(lang, zh, en);
  }

  std::optional<Published> Pub(const std::optional<Ratio>& v, const std::string& decimals_of,
                               const std::string& key) const {
    if (!v) return std::nullopt;
    Published p = Publish(*v, profile.Decimals(decimals_of));
    if (!key.empty()) doc->AddFigure(key, p.text, ExactText(*v));
    return p;
  }

  // The change of a figure, when both periods have it and may be compared.
  std::optional<Change> ChangeFor(const std::optional<Published>& now,
                                  const std::optional<Published>& before, ChangeKind kind,
                                  const std::string& key) const {
    if (!now || !before) return std::nullopt;
    auto c = ChangeOf(*now, *before, kind, profile);
    if (c) doc->AddFigure(key, c->signed_text);
    return c;
  }

  // Whether the year before is compared (the engine's data-capture rule for
  // PM2.5 in both periods, which the ratio and the index follow too).
  bool Comparable(const Assessed& a, Pollutant p) const {
    const int i = static_cast<int>(p);
    return a.before && a.now.pollutants[i].enough_data && a.before->pollutants[i].enough_data;
  }

  // Tables print the symbol in both languages, as bulletins do.
  std::string Unit(Pollutant p) const { return std::string(air::PollutantUnit(p)); }

  std::string StatisticName(Pollutant p) const {
    const bool year = f.period.month == 0;
    switch (p) {
      case Pollutant::kCO:
        return T("日均值第95百分位数", "95th percentile of daily means");
      case Pollutant::kO3:
        return T("日最大8小时平均第90百分位数", "90th percentile of daily max 8-h means");
      default:
        return year ? T("年平均浓度", "annual mean") : T("月平均浓度", "monthly mean");
    }
  }

  std::string PollutantName(Pollutant p) const {
    if (lang == Lang::kEn) return std::string(air::PollutantDisplay(p));
    static const char* kZh[] = {"二氧化硫（SO2）", "二氧化氮（NO2）",      "一氧化碳（CO）",
                                "臭氧（O3）",      "可吸入颗粒物（PM10）", "细颗粒物（PM2.5）"};
    return kZh[static_cast<int>(p)];
  }

  void Build();
  void Summary(const std::optional<Published>& ratio, const std::optional<Change>& ratio_change,
               const std::optional<Published>& pm25, const std::optional<Change>& pm25_change,
               const std::optional<Published>& index, const std::optional<Change>& index_change);
  void PollutantTable();
  void LevelTable();
  void StationTable();
  void Months();
};

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

void AirDocumentBuilder::Summary(const std::optional<Published>& ratio,
                      const std::optional<Change>& ratio_change,
                      const std::optional<Published>& pm25,
                      const std::optional<Change>& pm25_change,
                      const std::optional<Published>& index,
                      const std::optional<Change>& index_change) {
  const PeriodAssessment& a = f.city_result.now;
  const bool zh = lang == Lang::kZh;
  auto with = [&](const std::optional<Change>& c) {
    return c ? (zh ? "，" : " and ") + ChangeWords(*c, profile, lang) : std::string();
  };
  std::string text;
  if (zh) {
    text = f.period.Text(lang) + "，" + f.city + "PM2.5平均浓度为" + Cell(pm25) + "微克/立方米" +
           with(pm25_change) + "；空气质量优良天数比例为" + Cell(ratio) + "%" + with(ratio_change) +
           "，优良天数" + std::to_string(a.good_days) + "天，重污染天数" +
           std::to_string(a.heavy_pollution_days) + "天；环境空气质量综合指数为" + Cell(index) +
           with(index_change) + "。";
  } else {
    text = "In " + f.period.Text(lang) + ", the mean PM2.5 concentration of " + PlaceName(f.city, f.city_en, lang) + " was " +
           Cell(pm25) + " µg/m³" + with(pm25_change) + "; the share of good days was " +
           Cell(ratio) + "%" + with(ratio_change) + ", with " + std::to_string(a.good_days) +
           " good days and " + std::to_string(a.heavy_pollution_days) +
           " heavily polluted days; the composite index was " + Cell(index) + with(index_change) +
           ".";
  }
  doc->body.push_back(Block::Paragraph(text));
  if (!f.city_result.before) {
    doc->body.push_back(Block::Paragraph(
        T("上年同期无有效监测数据，未作同比。",
          "There are no valid data for the same period a year earlier: no change is given.")));
  } else if (!Comparable(f.city_result, Pollutant::kPM25)) {
    doc->body.push_back(Block::Paragraph(
        T("本期或上年同期PM2.5有效数据不满足《环境空气质量标准》数据有效性规定，未作同比。",
          "PM2.5 data of this period or of the same period a year earlier do not meet the "
          "data-capture rule of GB 3095: no change is given.")));
  }
}

void AirDocumentBuilder::Build() {
  const Assessed& c = f.city_result;
  const PeriodAssessment& a = c.now;
  const bool compare = Comparable(c, Pollutant::kPM25);
  const std::optional<PeriodAssessment>& b = c.before;
  auto ratio = Pub(a.good_day_ratio, "good_day_ratio", "city.good_day_ratio.now");
  auto ratio_before = compare
                          ? Pub(b->good_day_ratio, "good_day_ratio", "city.good_day_ratio.before")
                          : std::nullopt;
  auto pm25 = Pub(Statistic(a, Pollutant::kPM25), "pm25", "city.pm25.now");
  auto pm25_before =
      compare ? Pub(Statistic(*b, Pollutant::kPM25), "pm25", "city.pm25.before") : std::nullopt;
  auto index = Pub(a.composite_index, "composite_index", "city.composite_index.now");
  auto index_before =
      compare ? Pub(b->composite_index, "composite_index", "city.composite_index.before")
              : std::nullopt;
  auto ratio_change =
      ChangeFor(ratio, ratio_before, ChangeKind::kPoints, "city.good_day_ratio.change");
  auto pm25_change = ChangeFor(pm25, pm25_before, ChangeKind::kPercent, "city.pm25.change");
  auto index_change =
      ChangeFor(index, index_before, ChangeKind::kPercent, "city.composite_index.change");
  doc->AddFigure("city.good_days", std::to_string(a.good_days));
  doc->AddFigure("city.valid_days", std::to_string(a.days_valid));
  doc->AddFigure("city.heavy_days", std::to_string(a.heavy_pollution_days));

  doc->body.push_back(Block::Heading(T("一、总体状况", "1. Overview")));
  Summary(ratio, ratio_change, pm25, pm25_change, index, index_change);

  doc->body.push_back(Block::Heading(T("二、评价依据与数据", "2. Standards and data")));
  doc->body.push_back(
      Block::Paragraph(T("评价依据：", "Standards applied: ") + Join(f.citations, T("、", "; ")) +
                       T("；按二类区二级浓度限值评价。", "; class II limits (area class 2).")));
  const Published capture =
      Publish(Ratio::Of(a.days_valid * int128{100}, std::max(a.days_in_period, 1)),
              profile.Decimals("good_day_ratio"));
  doc->AddFigure("city.capture", capture.text);
  std::string data =
      lang == Lang::kZh
          ? "数据时段：" + DateText(f.period.from, lang) + "至" + DateText(f.through, lang) +
                "，共" + std::to_string(a.days_in_period) + "天，其中有效监测天数" +
                std::to_string(a.days_valid) + "天，有效率" + capture.text +
                "%；参与城市评价的点位" + std::to_string(f.stations.size()) + "个（对照点除外）。"
          : "Data: " + DateText(f.period.from, lang) + " to " + DateText(f.through, lang) + ", " +
                std::to_string(a.days_in_period) + " days, of which " +
                std::to_string(a.days_valid) + " valid (" + capture.text + "%); " +
                std::to_string(f.stations.size()) +
                " stations in the city value (background stations excluded).";
  if (f.through < f.period.to) {
    data += T("数据截至" + DateText(f.through, lang) + "，本期未满。",
              " The data end on " + DateText(f.through, lang) + ": the period is not complete.");
  }
  doc->body.push_back(Block::Paragraph(data));
  // The engine's notes, in the document's words: days under two AQI editions,
  // pollutants short of the data-capture rule.
  if (f.aqi_editions.size() > 1) {
    doc->body.push_back(Block::Note(
        T("本期各日AQI按当日适用的技术规定计算：" + Join(f.aqi_editions, "、") + "。",
          "Each day's AQI follows the edition in force that day: " + Join(f.aqi_editions, "; ") +
              ".")));
  }
  std::vector<std::string> short_of_data;
  for (Pollutant p : air::kAllPollutants) {
    if (!a.pollutants[static_cast<int>(p)].enough_data) {
      short_of_data.push_back(std::string(air::PollutantDisplay(p)));
    }
  }
  if (!short_of_data.empty()) {
    doc->body.push_back(Block::Note(
        T(Join(short_of_data, "、") +
              "本期有效数据不满足《环境空气质量标准》数据有效性规定，结果仅供参考。",
          Join(short_of_data, ", ") +
              ": the data of this period do not meet the data-capture rule of GB 3095; the "
              "figures are for information only.")));
  }
  if (!f.limits_now.empty()) {
    doc->body.push_back(Block::Note(
        T("本期与上年同期适用的标准版本不同（本期" + f.limits_now + "，上年同期" + f.limits_before +
              "），综合指数及达标情况按各自适用的版本计算。",
          "This period and the same period a year earlier fall under different editions (this "
          "period " +
              f.limits_now + ", a year earlier " + f.limits_before +
              "); the composite index and compliance follow each period's edition.")));
  }

  doc->body.push_back(Block::Heading(T("三、主要污染物", "3. Pollutants")));
  PollutantTable();
  doc->body.push_back(Block::Heading(T("四、空气质量级别", "4. Days by AQI level")));
  LevelTable();
  doc->body.push_back(Block::Heading(T("五、各点位状况", "5. Stations")));
  StationTable();
  Months();
}

// A year month by month: a table of each month's PM2.5 and good-day ratio,
// and the same printed figures as two charts (PM2.5 against the annual limit).
void AirDocumentBuilder::Months() {
  if (f.months.empty()) return;
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  doc->body.push_back(Block::Heading(T("六、逐月状况", "6. Month by month")));
  Table t;
  t.caption = T("表4 各月PM2.5平均浓度与优良天数比例", "Table 4 PM2.5 and good days by month");
  t.header = {T("月份", "Month"), T("PM2.5平均浓度（μg/m³）", "PM2.5 mean (µg/m³)"),
              T("优良天数比例（%）", "Good days (%)"), T("有效天数", "Valid days")};
  Chart pm25, good;
  pm25.caption = T("图1 各月PM2.5平均浓度", "Figure 1 PM2.5 by month");
  pm25.unit = T("μg/m³", "µg/m³");
  good.caption = T("图2 各月优良天数比例", "Figure 2 Good days by month");
  good.unit = "%";
  for (size_t i = 0; i < f.months.size(); ++i) {
    const PeriodAssessment& a = f.months[i];
    const std::string mm = (i < 9 ? "0" : "") + std::to_string(i + 1);
    const std::string label = T(std::to_string(i + 1) + "月", kMonths[i]);
    const std::string pm = Cell(Pub(Statistic(a, Pollutant::kPM25), "pm25", "city.month." + mm + ".pm25"));
    const std::string ratio =
        Cell(Pub(a.good_day_ratio, "good_day_ratio", "city.month." + mm + ".good_day_ratio"));
    t.rows.push_back({label, pm, ratio, std::to_string(a.days_valid)});
    pm25.labels.push_back(label);
    pm25.values.push_back(pm);
    good.labels.push_back(label);
    good.values.push_back(ratio);
  }
  const std::optional<int64_t>& limit =
      f.city_result.now.pollutants[static_cast<int>(Pollutant::kPM25)].mean_limit;
  if (limit) {
    pm25.limit = FormatRounded(Ratio::Concentration(*limit), 0);
    pm25.limit_label = T("年平均二级标准限值 ", "class II annual limit ") + pm25.limit;
  }
  t.note = T("各月数值按GB/T 8170修约；月均值仅反映年内变化，达标情况按年平均浓度评价（表1）。",
             "Monthly figures rounded by GB/T 8170; they show the course of the year, compliance "
             "is judged on the annual mean (Table 1).");
  doc->body.push_back(Block::Of(std::move(t)));
  doc->body.push_back(Block::Of(std::move(pm25)));
  doc->body.push_back(Block::Of(std::move(good)));
}

void AirDocumentBuilder::PollutantTable() {
  const Assessed& c = f.city_result;
  const bool year = f.period.month == 0;
  Table t;
  t.caption = T("表1 主要污染物浓度及同比变化", "Table 1 Pollutants and change year on year");
  t.header = {T("项目", "Pollutant"),   T("评价指标", "Statistic"),      T("单位", "Unit"),
              T("本期", "This period"), T("去年同期", "A year earlier"), T("同比变化", "Change")};
  if (year) {
    t.header.push_back(T("二级标准限值", "Class II limit"));
    t.header.push_back(T("达标情况", "Meets the limit"));
  }
  for (Pollutant p : {Pollutant::kPM25, Pollutant::kPM10, Pollutant::kO3, Pollutant::kNO2,
                      Pollutant::kSO2, Pollutant::kCO}) {
    const std::string key = FigureKey(p);
    const bool compare = Comparable(c, p);
    // PM2.5's figures were added to the document by Build().
    const bool added = p == Pollutant::kPM25;
    auto now = Pub(Statistic(c.now, p), key, added ? "" : "city." + key + ".now");
    auto before = compare
                      ? Pub(Statistic(*c.before, p), key, added ? "" : "city." + key + ".before")
                      : std::nullopt;
    std::optional<Change> change;
    if (now && before) {
      change = ChangeOf(*now, *before, ChangeKind::kPercent, profile);
      if (change && !added) doc->AddFigure("city." + key + ".change", change->signed_text);
    }
    std::vector<std::string> row = {
        PollutantName(p), StatisticName(p), Unit(p),
        Cell(now),        Cell(before),     change ? ChangeCell(*change, profile, lang) : "—"};
    if (year) {
      const air::PollutantAssessment& pa = c.now.pollutants[static_cast<int>(p)];
      const std::optional<int64_t>& limit = UsesPercentile(p) ? pa.percentile_limit : pa.mean_limit;
      row.push_back(limit ? FormatRounded(Ratio::Concentration(*limit), p == Pollutant::kCO ? 1 : 0)
                          : "—");
      row.push_back(!pa.compliant ? "—" : (*pa.compliant ? T("达标", "yes") : T("超标", "no")));
    }
    t.rows.push_back(std::move(row));
  }
  // The ratio and the index, whose figures and changes Build() added.
  const bool compare = Comparable(c, Pollutant::kPM25);
  auto ratio_row =
      [&](const std::string& name, const std::string& unit, const std::optional<Ratio>& now_value,
          const std::optional<Ratio>& before_value, const std::string& decimals, ChangeKind kind) {
        auto now = Pub(now_value, decimals, "");
        auto before = compare ? Pub(before_value, decimals, "") : std::nullopt;
        std::optional<Change> change;
        if (now && before) change = ChangeOf(*now, *before, kind, profile);
        std::vector<std::string> row = {
            name,      "—",          unit,
            Cell(now), Cell(before), change ? ChangeCell(*change, profile, lang) : "—"};
        if (year) row.insert(row.end(), {"—", "—"});
        t.rows.push_back(std::move(row));
      };
  ratio_row(T("优良天数比例", "Good days"), "%", c.now.good_day_ratio,
            compare ? c.before->good_day_ratio : std::nullopt, "good_day_ratio",
            ChangeKind::kPoints);
  ratio_row(T("综合指数", "Composite index"), "—", c.now.composite_index,
            compare ? c.before->composite_index : std::nullopt, "composite_index",
            ChangeKind::kPercent);
  t.note = T("浓度按GB/T 8170修约；同比变化由表中修约后数值计算。",
             "Figures rounded by GB/T 8170; changes computed from the figures as printed.");
  if (profile.basis == ChangeBasis::kExact) {
    t.note = T("浓度按GB/T 8170修约；同比变化由未修约的精确值计算。",
               "Figures rounded by GB/T 8170; changes computed from the exact values.");
  }
  doc->body.push_back(Block::Of(std::move(t)));
}

void AirDocumentBuilder::LevelTable() {
  const PeriodAssessment& a = f.city_result.now;
  static const char* kZh[] = {"优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"};
  static const char* kEn[] = {"Excellent",        "Good",
                              "Lightly polluted", "Moderately polluted",
                              "Heavily polluted", "Severely polluted"};
  static const char* kLevels[] = {"一级", "二级", "三级", "四级", "五级", "六级"};
  Table t;
  t.caption = T("表2 空气质量级别天数", "Table 2 Days by AQI level");
  t.header = {T("级别", "Level"), T("类别", "Category"), T("天数", "Days"),
              T("占有效天数比例（%）", "Share of valid days (%)")};
  for (int level = 0; level < 6; ++level) {
    const int days = a.days_by_level[level];
    const std::string share = a.days_valid > 0
                                  ? FormatRounded(Ratio::Of(days * int128{100}, a.days_valid),
                                                  profile.Decimals("good_day_ratio"))
                                  : "—";
    doc->AddFigure("city.level." + std::to_string(level + 1), std::to_string(days));
    t.rows.push_back({lang == Lang::kZh ? kLevels[level] : std::to_string(level + 1),
                      lang == Lang::kZh ? kZh[level] : kEn[level], std::to_string(days), share});
  }
  doc->body.push_back(Block::Of(std::move(t)));
}

void AirDocumentBuilder::StationTable() {
  Table t;
  t.caption = T("表3 各点位空气质量", "Table 3 Stations");
  t.header = {T("点位", "Station"),
              T("有效天数", "Valid days"),
              T("优良天数比例（%）", "Good days (%)"),
              T("PM2.5（µg/m³）", "PM2.5 (µg/m³)"),
              T("PM10（µg/m³）", "PM10 (µg/m³)"),
              T("综合指数", "Composite index")};
  for (const Assessed& s : f.stations) {
    const std::string key = "station." + s.id + ".";
    auto ratio = Pub(s.now.good_day_ratio, "good_day_ratio", key + "good_day_ratio");
    auto pm25 = Pub(Statistic(s.now, Pollutant::kPM25), "pm25", key + "pm25");
    auto pm10 = Pub(Statistic(s.now, Pollutant::kPM10), "pm10", key + "pm10");
    auto index = Pub(s.now.composite_index, "composite_index", key + "composite_index");
    t.rows.push_back({s.name, std::to_string(s.now.days_valid), Cell(ratio), Cell(pm25), Cell(pm10),
                      Cell(index)});
  }
  doc->body.push_back(Block::Of(std::move(t)));
}

}  // namespace

StatusOr<Document> AirReport(store::Database* db, const AirReportRequest& request,
                             const ReportProfile& profile, const DocumentOptions& options) {
  ECOCIV_RETURN_IF_ERROR(CheckReportPeriod(request.year, request.month));
  ECOCIV_ASSIGN_OR_RETURN(AirFacts facts, LoadFacts(db, request));
  ECOCIV_ASSIGN_OR_RETURN(
      Document doc,
      StartPeriodicDocument(
          {"air", "环境空气质量", "Air quality", facts.city, facts.city_en, facts.period}, profile,
          options));
  doc.region = request.region;
  AirDocumentBuilder{facts, profile, options.lang, &doc}.Build();
  return doc;
}

}  // namespace ecociv::report
