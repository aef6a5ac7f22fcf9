// The surface-water report of a month or a year (report/water_document.h).
#include "ecociv/report/water_document.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "common.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/water_store.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/report.h"

namespace ecociv::report {

namespace {

using water::SectionLevel;
using water::WaterClass;

struct WaterFacts {
  std::string city;
  std::string city_en;  // a region's own English name
  ReportPeriod period;
  water::WaterRules rules;
  water::SampleSet set;
  water::Assessment now;
  std::optional<water::Assessment> before;
  int samples = 0;  // in the period
  std::vector<std::string> citations;
};

// Sections with a class and those at III or better, of the sections `take` selects.
struct Share {
  int sections = 0, good = 0, worse_than_v = 0;
};

template <typename Take>
Share ShareOf(const water::SampleSet& set, const water::Assessment& a, Take take) {
  Share s;
  for (const water::SectionResult& r : a.sections) {
    if (!r.cls || !take(set.sections[r.section])) continue;
    ++s.sections;
    if (*r.cls <= WaterClass::kIII) ++s.good;
    if (*r.cls == WaterClass::kWorseThanV) ++s.worse_than_v;
  }
  return s;
}

std::optional<Ratio> Percent(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return Ratio::Of(part * int128{100}, whole);
}

StatusOr<WaterFacts> LoadFacts(store::Database* db, const WaterReportRequest& request) {
  WaterFacts f;
  ECOCIV_ASSIGN_OR_RETURN(f.rules, water::WaterRules::Load(request.standards_dir));
  f.period = PeriodOf(request.year, request.month);
  const water::PeriodKind kind =
      request.month ? water::PeriodKind::kMonth : water::PeriodKind::kYear;
  const water::Period now = water::SplitPeriods(f.period.from, f.period.to, kind).front();
  const water::Period before = water::YearEarlier(now, kind);
  store::WaterQuery query;
  if (request.region != store::kRootRegion) {
    ECOCIV_ASSIGN_OR_RETURN(RegionPart part, RegionPartOf(db, request.region, "section"));
    if (part.codes.empty()) return NotFoundError("no water section in region " + request.region);
    f.city = part.name;
    f.city_en = part.name_en;
    query.sections = std::move(part.codes);
  }
  query.from = before.first;
  query.to = now.last;
  ECOCIV_ASSIGN_OR_RETURN(f.set, store::LoadWaterSamples(db, query, f.rules));
  const water::SectionSamples index = water::IndexSamples(f.set);
  ECOCIV_RETURN_IF_ERROR(WithOverflowCheck("the water assessment", [&]() -> Status {
    f.now = water::Assess(f.rules, f.set, index, now);
    water::Assessment earlier = water::Assess(f.rules, f.set, index, before);
    if (earlier.city.sections > 0) f.before = std::move(earlier);
    return Status::Ok();
  }));
  if (f.now.city.sections == 0) {
    return NotFoundError("no section with a water class in " + f.period.Text(Lang::kEn) +
                         " in the store");
  }
  for (const water::Sample& s : f.set.samples) {
    if (s.day >= now.first && s.day <= now.last) ++f.samples;
  }
  if (request.region == store::kRootRegion) f.city = request.city;
  if (f.city.empty()) {
    auto cities = store::ListAirCities(db);
    if (cities.ok() && cities->size() == 1) f.city = cities->front();
  }
  for (const char* id : {"gb3838-2002", "sw-assessment-2011"}) {
    f.citations.push_back(StandardCitation(id, request.standards_dir));
  }
  return f;
}

const char* PollutantSeparator(Lang lang) { return lang == Lang::kZh ? "；" : "; "; }

const SectionLevel kLevels[] = {SectionLevel::kNational, SectionLevel::kProvincial,
                                SectionLevel::kMunicipal, SectionLevel::kTown};

std::string LevelName(SectionLevel level, Lang lang) {
  static const char* kZh[] = {"国考断面", "省考断面", "市控断面", "镇控断面"};
  static const char* kEn[] = {"national sections", "provincial sections", "municipal sections",
                              "town sections"};
  return (lang == Lang::kZh ? kZh : kEn)[static_cast<int>(level)];
}

struct WaterDocumentBuilder {
  const WaterFacts& f;
  const ReportProfile& profile;
  Lang lang;
  Document* doc;

  const std::string& T(const std::string& zh, const std::string& en) const {
    return Tr(lang, zh, en);
  }
  std::optional<Published> Pub(const std::optional<Ratio>& v, const std::string& key) const {
    if (!v) return std::nullopt;
    Published p = Publish(*v, profile.Decimals("water_share"));
    if (!key.empty()) doc->AddFigure(key, p.text, ExactText(*v));
    return p;
  }
  std::optional<Change> Points(const std::optional<Published>& now,
                               const std::optional<Published>& before,
                               const std::string& key) const {
    if (!now || !before) return std::nullopt;
    auto c = ChangeOf(*now, *before, ChangeKind::kPoints, profile);
    if (c && !key.empty()) doc->AddFigure(key, c->signed_text);
    return c;
  }
  std::string CityName() const {
    return f.city.empty() ? T("全市", "the city") : PlaceName(f.city, f.city_en, lang);
  }

  void Build();
  void LevelTable();
  // One row of table 1: the group's counts and share, a year earlier, change.
  // The share itself is recorded as a figure when `record_share` (the levels'
  // shares are recorded where the text names them).
  void GroupRow(Table* t, const std::string& name, const std::string& key_prefix,
                bool record_share, const std::function<bool(const water::Section&)>& take);
  void RiverTable();
  void SectionTable();
};

void WaterDocumentBuilder::Build() {
  const bool zh = lang == Lang::kZh;
  auto all = [](const water::Section&) { return true; };
  const Share now = ShareOf(f.set, f.now, all);
  auto good = Pub(Percent(now.good, now.sections), "city.share_good.now");
  auto worse = Pub(Percent(now.worse_than_v, now.sections), "city.share_worse_than_v.now");
  std::optional<Published> good_before;
  if (f.before) {
    const Share b = ShareOf(f.set, *f.before, all);
    good_before = Pub(Percent(b.good, b.sections), "city.share_good.before");
  }
  auto good_change = Points(good, good_before, "city.share_good.change");
  doc->AddFigure("city.sections", std::to_string(now.sections));
  doc->AddFigure("city.good", std::to_string(now.good));
  doc->AddFigure("city.worse_than_v", std::to_string(now.worse_than_v));
  auto with = [&](const std::optional<Change>& c) {
    return c ? (zh ? "，" : "; the share ") + ChangeWords(*c, profile, lang) : std::string();
  };

  doc->body.push_back(Block::Heading(T("一、总体状况", "1. Overview")));
  std::string text =
      zh ? f.period.Text(lang) + "，" + CityName() + std::to_string(now.sections) +
               "个地表水监测断面中，水质达到或好于III类的断面" + std::to_string(now.good) +
               "个，占" + Cell(good) + "%" + with(good_change) + "；劣V类断面" +
               std::to_string(now.worse_than_v) + "个，占" + Cell(worse) + "%。"
         : "In " + f.period.Text(lang) + ", of the " + std::to_string(now.sections) +
               " surface-water sections monitored in " + CityName() + ", " +
               std::to_string(now.good) + " were at class III or better (" + Cell(good) + "%" +
               with(good_change) + ") and " + std::to_string(now.worse_than_v) +
               " worse than class V (" + Cell(worse) + "%).";
  std::vector<std::string> parts;
  for (SectionLevel level : kLevels) {
    const Share s =
        ShareOf(f.set, f.now, [&](const water::Section& x) { return x.level == level; });
    if (s.sections == 0) continue;
    const std::string key = std::string("level.") + water::SectionLevelName(level) + ".share_good";
    auto share = Pub(Percent(s.good, s.sections), key + ".now");
    parts.push_back(zh ? LevelName(level, lang) + std::to_string(s.sections) +
                             "个，达到或好于III类比例为" + Cell(share) + "%"
                       : std::to_string(s.sections) + " " + LevelName(level, lang) + ", " +
                             Cell(share) + "% at class III or better");
  }
  if (!parts.empty()) {
    std::string joined;
    for (const std::string& p : parts) joined += (joined.empty() ? "" : zh ? "；" : "; ") + p;
    text += zh ? "其中，" + joined + "。" : " Of them: " + joined + ".";
  }
  doc->body.push_back(Block::Paragraph(text));
  if (!f.before) {
    doc->body.push_back(Block::Paragraph(
        T("上年同期无断面评价结果，未作同比。",
          "No section has a class in the same period a year earlier: no change is given.")));
  }

  doc->body.push_back(Block::Heading(T("二、评价依据与数据", "2. Standards and data")));
  std::string citations;
  for (const std::string& c : f.citations)
    citations += (citations.empty() ? "" : T("、", "; ")) + c;
  doc->body.push_back(Block::Paragraph(
      T("评价依据：", "Standards applied: ") + citations +
      T("；断面水质按21项评价指标中最差一项的类别确定（水温、总氮、粪大肠菌群不参评）。",
        "; a section's class is that of its worst of the 21 evaluated items (water "
        "temperature, total nitrogen and fecal coliforms are not evaluated).")));
  const int stored = static_cast<int>(f.set.sections.size());
  doc->body.push_back(Block::Paragraph(
      zh ? "数据时段：" + DateText(f.period.from, lang) + "至" + DateText(f.period.to, lang) +
               "；库中断面" + std::to_string(stored) + "个，本期有评价结果的断面" +
               std::to_string(now.sections) + "个，监测数据" + std::to_string(f.samples) + "项次。"
         : "Data: " + DateText(f.period.from, lang) + " to " + DateText(f.period.to, lang) + "; " +
               std::to_string(stored) + " sections in the store, " + std::to_string(now.sections) +
               " with a class in the period, " + std::to_string(f.samples) + " measured values."));

  doc->body.push_back(Block::Heading(T("三、分级断面水质", "3. Sections by level")));
  LevelTable();
  doc->body.push_back(Block::Heading(T("四、主要河流水质", "4. Rivers")));
  RiverTable();
  doc->body.push_back(Block::Heading(T("五、各断面水质", "5. Sections")));
  SectionTable();
}

void WaterDocumentBuilder::LevelTable() {
  Table t;
  t.caption = T("表1 各级、各类断面水质达到或好于III类比例",
                "Table 1 Share at class III or better by level and category");
  t.header = {T("断面分组", "Group"),
              T("断面数", "Sections"),
              T("I～III类", "I–III"),
              T("劣V类", "Worse than V"),
              T("本期比例（%）", "This period (%)"),
              T("去年同期（%）", "A year earlier (%)"),
              T("同比变化", "Change")};
  for (SectionLevel level : kLevels) {
    std::string name = LevelName(level, lang);
    if (lang == Lang::kEn) name[0] = static_cast<char>(std::toupper(name[0]));
    GroupRow(&t, name, std::string("level.") + water::SectionLevelName(level), false,
             [&](const water::Section& x) { return x.level == level; });
  }
  // The city's own reporting groups (国省考断面, 通江支流 …), in the order the
  // sections name them first; a section may be in several.
  std::vector<std::string> categories;
  for (const water::Section& x : f.set.sections) {
    for (const std::string& c : x.categories) {
      if (std::find(categories.begin(), categories.end(), c) == categories.end()) {
        categories.push_back(c);
      }
    }
  }
  for (const std::string& c : categories) {
    GroupRow(&t, c, "category." + c, true, [&](const water::Section& x) {
      return std::find(x.categories.begin(), x.categories.end(), c) != x.categories.end();
    });
  }
  // All sections: the city's figures, which Build() added.
  auto all = [](const water::Section&) { return true; };
  const Share s = ShareOf(f.set, f.now, all);
  auto share = Pub(Percent(s.good, s.sections), "");
  std::optional<Published> before;
  if (f.before) {
    const Share b = ShareOf(f.set, *f.before, all);
    before = Pub(Percent(b.good, b.sections), "");
  }
  auto change =
      share && before ? ChangeOf(*share, *before, ChangeKind::kPoints, profile) : std::nullopt;
  t.rows.push_back({T("全部断面", "All sections"), std::to_string(s.sections),
                    std::to_string(s.good), std::to_string(s.worse_than_v), Cell(share),
                    Cell(before), change ? ChangeCell(*change, profile, lang) : "—"});
  t.note = T("比例按GB/T 8170修约；同比变化由表中修约后数值计算，单位为百分点。",
             "Shares rounded by GB/T 8170; changes in percentage points, computed from the "
             "shares as printed.");
  if (profile.basis == ChangeBasis::kExact) {
    t.note = T("比例按GB/T 8170修约；同比变化由未修约的精确值计算，单位为百分点。",
               "Shares rounded by GB/T 8170; changes in percentage points, from the exact "
               "shares.");
  }
  // The same shares as a chart: the table's printed figures, bar by bar.
  Chart chart;
  chart.caption = T("图1 各级、各类断面水质达到或好于III类比例",
                    "Figure 1 Share at class III or better by level and category");
  chart.unit = "%";
  for (const auto& row : t.rows) {
    chart.labels.push_back(row[0]);
    chart.values.push_back(row[4]);
  }
  doc->body.push_back(Block::Of(std::move(t)));
  doc->body.push_back(Block::Of(std::move(chart)));
}

void WaterDocumentBuilder::GroupRow(Table* t, const std::string& name, const std::string& key_prefix,
                       bool record_share,
                       const std::function<bool(const water::Section&)>& take) {
  const Share s = ShareOf(f.set, f.now, take);
  if (s.sections == 0) return;
  const std::string key = key_prefix + ".share_good";
  auto share = Pub(Percent(s.good, s.sections), record_share ? key : "");
  std::optional<Published> before;
  if (f.before) {
    const Share b = ShareOf(f.set, *f.before, take);
    before = Pub(Percent(b.good, b.sections), key + ".before");
  }
  auto change = Points(share, before, key + ".change");
  t->rows.push_back({name, std::to_string(s.sections), std::to_string(s.good),
                     std::to_string(s.worse_than_v), Cell(share), Cell(before),
                     change ? ChangeCell(*change, profile, lang) : "—"});
}

void WaterDocumentBuilder::RiverTable() {
  Table t;
  t.caption = T("表2 主要河流水质", "Table 2 Rivers");
  t.header = {T("河流", "River"), T("断面数", "Sections"), T("I～III类比例（%）", "I–III (%)"),
              T("劣V类比例（%）", "Worse than V (%)"), T("水质状况", "Status")};
  for (const water::GroupResult& g : f.now.rivers) {
    if (g.sections == 0) continue;
    auto good = Pub(g.share_good, "river." + g.name + ".share_good");
    auto worse = Pub(g.share_worse_than_v, "");
    std::string status = "—";
    if (g.status_class) {
      status = f.rules.Status(*g.status_class).word;
      if (lang == Lang::kEn) {
        static const char* kEn[] = {"excellent",        "excellent",           "good",
                                    "lightly polluted", "moderately polluted", "heavily polluted"};
        status = kEn[static_cast<int>(*g.status_class) - 1];
      }
    }
    t.rows.push_back({g.name, std::to_string(g.sections), Cell(good), Cell(worse), status});
  }
  doc->body.push_back(Block::Of(std::move(t)));
}

void WaterDocumentBuilder::SectionTable() {
  Table t;
  t.caption = T("表3 各断面水质类别", "Table 3 Sections");
  t.header = {T("断面", "Section"),
              T("河流", "River"),
              T("级别", "Level"),
              T("目标", "Target"),
              T("本期类别", "Class"),
              T("去年同期", "A year earlier"),
              T("达标情况", "Meets target"),
              T("主要污染物", "Main pollutants")};
  static const char* kLevelZh[] = {"国考", "省考", "市控", "镇控"};
  static const char* kLevelEn[] = {"national", "provincial", "municipal", "town"};
  for (const water::SectionResult& r : f.now.sections) {
    if (!r.cls) continue;
    const water::Section& s = f.set.sections[r.section];
    std::string before = "—";
    if (f.before) {
      const water::SectionResult& b = f.before->sections[r.section];
      if (b.cls) before = water::ClassLabel(*b.cls);
    }
    doc->AddFigure("section." + s.id + ".class", water::ClassLabel(*r.cls));
    std::string main = water::FormatMainPollutants(f.rules, r.main_pollutants);
    // "总磷(0.04);高锰酸盐指数(0.03)" with room to wrap between pollutants.
    for (size_t at = main.find(';'); at != std::string::npos; at = main.find(';', at + 2)) {
      main.replace(at, 1, PollutantSeparator(lang));
    }
    if (main.empty()) main = "—";
    const int level = static_cast<int>(s.level);
    t.rows.push_back({s.name, s.river, lang == Lang::kZh ? kLevelZh[level] : kLevelEn[level],
                      water::ClassLabel(s.target), water::ClassLabel(*r.cls), before,
                      r.compliant ? T("达标", "yes") : T("未达标", "no"), main});
  }
  t.note = T("主要污染物括号内为超III类标准倍数。",
             "Main pollutants: the multiple above the class III limit in brackets.");
  doc->body.push_back(Block::Of(std::move(t)));
}

}  // namespace

StatusOr<Document> WaterReport(store::Database* db, const WaterReportRequest& request,
                               const ReportProfile& profile, const DocumentOptions& options) {
  ECOCIV_RETURN_IF_ERROR(CheckReportPeriod(request.year, request.month));
  ECOCIV_ASSIGN_OR_RETURN(WaterFacts facts, LoadFacts(db, request));
  ECOCIV_ASSIGN_OR_RETURN(Document doc,
                          StartPeriodicDocument({"water", "地表水环境质量", "Surface water quality",
                                                 facts.city, facts.city_en, facts.period},
                                                profile, options));
  doc.region = request.region;
  WaterDocumentBuilder{facts, profile, options.lang, &doc}.Build();
  return doc;
}

}  // namespace ecociv::report
