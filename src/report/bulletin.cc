// The yearly environmental bulletin (report/bulletin.h): the yearly air and
// water reports as its parts, then the warnings and the ecological space.
#include "ecociv/report/bulletin.h"

#include <cmath>
#include <map>
#include <set>

#include "common.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/report/air_document.h"
#include "ecociv/report/water_document.h"
#include "ecociv/space/promises.h"
#include "ecociv/store/air_store.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"

namespace ecociv::report {
namespace {

const char* const kZhNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

struct BulletinBuilder {
  const ReportProfile& profile;
  Lang lang;
  Document* doc;
  int part = 0;   // parts so far
  int table = 0;   // tables so far, numbered through the bulletin
  int figure = 0;  // charts so far, the same

  std::string T(const std::string& zh, const std::string& en) const { return Tr(lang, zh, en); }

  void StartPart(const std::string& zh, const std::string& en) {
    ++part;
    doc->body.push_back(Block::Heading(lang == Lang::kZh
                                           ? std::string(kZhNumerals[part - 1]) + "、" + zh
                                           : std::to_string(part) + ". " + en));
  }

  // A heading of a part's report: "一、总体状况" → "（一）总体状况",
  // "1. Overview" → "2.1 Overview".
  std::string SubHeading(const std::string& text) const {
    if (lang == Lang::kZh) {
      const size_t mark = text.find("、");
      return mark == std::string::npos ? text
                                       : "（" + text.substr(0, mark) + "）" + text.substr(mark + 3);
    }
    const size_t dot = text.find(". ");
    return dot == std::string::npos
               ? text
               : std::to_string(part) + "." + text.substr(0, dot) + " " + text.substr(dot + 2);
  }

  // "表1 …" / "Table 1 …" (or "图1 …" / "Figure 1 …") renumbered in the
  // bulletin's sequence.
  std::string Numbered(const std::string& caption, const std::string& head, int* counter) {
    ++*counter;
    if (caption.rfind(head, 0) != 0) return caption;
    size_t end = head.size();
    while (end < caption.size() && caption[end] >= '0' && caption[end] <= '9') ++end;
    return head + std::to_string(*counter) + caption.substr(end);
  }
  std::string Caption(const std::string& caption) {
    return Numbered(caption, T("表", "Table "), &table);
  }

  // A part's report's body and figures, its headings one level down.
  void Append(const Document& report, const std::string& prefix) {
    for (Block b : report.body) {
      if (b.kind == Block::Kind::kHeading) b.text = SubHeading(b.text);
      if (b.kind == Block::Kind::kTable) b.table.caption = Caption(b.table.caption);
      if (b.kind == Block::Kind::kChart)
        b.chart.caption = Numbered(b.chart.caption, T("图", "Figure "), &figure);
      doc->body.push_back(std::move(b));
    }
    for (const Figure& f : report.figures) doc->AddFigure(prefix + f.key, f.text, f.exact);
  }

  // `region`: the root's (every warning) or a region's (its own).
  Status Warnings(store::Database* db, int year, const std::string& region);
  Status Space(store::Database* db, int year);
  void SpaceOfTheWholeStore();
};

// Whether a warning about `subject` (a station or section code, or an air
// city, alone or before '/') is of the region whose stations and sections
// are `stations` and `sections`: an air city only when every station of it is.
bool OfRegion(const std::string& subject, const std::set<std::string>& stations,
              const std::set<std::string>& sections,
              const std::map<std::string, std::set<std::string>>& city_stations) {
  if (stations.count(subject) || sections.count(subject)) return true;
  auto city = city_stations.find(subject.substr(0, subject.find('/')));
  if (city == city_stations.end()) return false;
  for (const std::string& station : city->second)
    if (!stations.count(station)) return false;
  return true;
}

// The kind and state of each warning of `year` that is `region`'s, in the
// order they were raised.
StatusOr<std::vector<std::pair<std::string, std::string>>> WarningsOf(store::Database* db,
                                                                      int year,
                                                                      const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          store::QueryRows(db,
                                           "SELECT kind, state, subject FROM warnings WHERE "
                                           "substr(first_period, 1, 4) = ? ORDER BY id",
                                           {std::to_string(year)}));
  std::vector<std::pair<std::string, std::string>> out;
  if (region == store::kRootRegion) {
    for (const auto& r : rows) out.emplace_back(r[0], r[1]);
    return out;
  }
  ECOCIV_ASSIGN_OR_RETURN(RegionPart stations, RegionPartOf(db, region, "station"));
  ECOCIV_ASSIGN_OR_RETURN(RegionPart sections, RegionPartOf(db, region, "section"));
  const std::set<std::string> in_stations(stations.codes.begin(), stations.codes.end());
  const std::set<std::string> in_sections(sections.codes.begin(), sections.codes.end());
  ECOCIV_ASSIGN_OR_RETURN(auto cities,
                          store::QueryRows(db, "SELECT city, code FROM stations", {}));
  std::map<std::string, std::set<std::string>> city_stations;
  for (const auto& c : cities) city_stations[c[0]].insert(c[1]);
  for (const auto& r : rows)
    if (OfRegion(r[2], in_stations, in_sections, city_stations)) out.emplace_back(r[0], r[1]);
  return out;
}

std::string WarningKindName(const std::string& kind, Lang lang) {
  static const std::map<std::string, std::pair<std::string, std::string>> names = {
      {"air", {"空气质量目标预警", "Air-quality target warnings"}},
      {"water", {"断面水质预警", "Section water-quality warnings"}},
      {"water-notice", {"断面水质预警提示", "Section water-quality notices"}},
      {"station-silent", {"监测站点数据中断提示", "Monitoring stations gone silent"}},
      {"space", {"生态空间侵占预警", "Ecological-space intrusion warnings"}},
  };
  auto it = names.find(kind);
  if (it == names.end()) return Tr(lang, "其他预警", "Other warnings");
  return Tr(lang, it->second.first, it->second.second);
}

// The warnings whose data period falls in the year, by kind and how they ended.
Status BulletinBuilder::Warnings(store::Database* db, int year, const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, WarningsOf(db, year, region));
  StartPart("生态环境预警", "Early warnings");
  struct Counts {
    int64_t raised = 0, closed = 0, lifted = 0, open = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Counts> by_kind;
  Counts total;
  for (const auto& [kind, state] : rows) {
    const std::string name = WarningKindName(kind, lang);
    if (!by_kind.count(name)) order.push_back(name);
    Counts& c = by_kind[name];
    ++c.raised;
    ++total.raised;
    int64_t Counts::*slot =
        state == "closed" ? &Counts::closed : (state == "lifted" ? &Counts::lifted : &Counts::open);
    ++(c.*slot);
    ++(total.*slot);
  }
  doc->AddFigure("warnings.raised", std::to_string(total.raised));
  doc->AddFigure("warnings.closed", std::to_string(total.closed));
  doc->AddFigure("warnings.lifted", std::to_string(total.lifted));
  doc->AddFigure("warnings.open", std::to_string(total.open));
  const std::string y = std::to_string(year);
  if (total.raised == 0) {
    doc->body.push_back(Block::Paragraph(
        T(y + "年，平台未发出涉及本年度数据的生态环境预警。",
          "In " + y + ", the platform raised no warning on the year's data.")));
    return Status::Ok();
  }
  doc->body.push_back(Block::Paragraph(
      T(y + "年，平台针对本年度数据共发出生态环境预警和提示" + std::to_string(total.raised) +
            "条，其中经处置办结" + std::to_string(total.closed) + "条，因情况消除解除" +
            std::to_string(total.lifted) + "条，尚在办理" + std::to_string(total.open) + "条。",
        "In " + y + ", the platform raised " + std::to_string(total.raised) +
            " warnings and notices on the year's data: " + std::to_string(total.closed) +
            " closed after handling, " + std::to_string(total.lifted) +
            " lifted as the condition ended, " + std::to_string(total.open) + " still open.")));
  Table t;
  t.caption = Caption(T("表1 生态环境预警处置情况", "Table 1 Early warnings and how they ended"));
  t.header = {T("类型", "Kind"), T("发出", "Raised"), T("办结", "Closed"), T("解除", "Lifted"),
              T("在办", "Open")};
  for (const std::string& name : order) {
    const Counts& c = by_kind[name];
    t.rows.push_back({name, std::to_string(c.raised), std::to_string(c.closed),
                      std::to_string(c.lifted), std::to_string(c.open)});
  }
  t.rows.push_back({T("合计", "Total"), std::to_string(total.raised), std::to_string(total.closed),
                    std::to_string(total.lifted), std::to_string(total.open)});
  t.note = T("按预警所涉数据期间统计；办结指按流程处置完毕，解除指触发条件已不再满足。",
             "Counted by the period of the data a warning is about; closed: handled through the "
             "workflow; lifted: its condition no longer holds.");
  doc->body.push_back(Block::Of(std::move(t)));
  return Status::Ok();
}

// The areas of the ecological-space layers: the latest layer up to the year
// against the approved baseline (审批基准, `ecociv space baseline`) when one is
// approved up to the year, else against the earliest layer; the text says which.
Status BulletinBuilder::Space(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, store::QueryRows(db,
                                  "SELECT layer, year, count(*), sum(area_m2) FROM space_features "
                                  "WHERE layer IN ('red-line', 'control-area', 'protected-area') "
                                  "AND year <= ? GROUP BY layer, year ORDER BY layer DESC, year",
                                  {int64_t{year}}));
  if (rows.empty()) return Status::Ok();
  StartPart("生态空间", "Ecological space");
  const int decimals = profile.Decimals("area_km2");
  ECOCIV_ASSIGN_OR_RETURN(const int approved, space::ApprovedBaseline(db));
  // An approved baseline after the year is not the year's: the earliest layer then.
  const bool use_approved = approved != 0 && approved <= year;
  // As printed: what the layers are compared with.
  doc->AddFigure("space.baseline_basis", use_approved ? T("审批基准", "approved baseline")
                                                      : T("最早图层", "earliest layer"));
  if (use_approved) doc->AddFigure("space.baseline", std::to_string(approved));
  const std::string basis =
      use_approved
          ? T("对比基准为" + std::to_string(approved) + "年审批基准（经审定的生态保护红线、"
                  "管控区域和自然保护地划定）。",
              "Compared with the approved baseline of " + std::to_string(approved) +
                  " (the approved delineation of red lines, control areas and protected areas).")
      : approved != 0
          ? T("审批基准年（" + std::to_string(approved) + "年）晚于本年，对比基准为各类图层的最早年份。",
              "The approved baseline (" + std::to_string(approved) +
                  ") is later than this year: each layer is compared with its earliest year.")
          : T("尚未审定审批基准，对比基准为各类图层的最早年份。",
              "No baseline is approved: each layer is compared with its earliest year.");
  struct Layer {
    std::string id;
    std::vector<std::vector<std::string>> years;
  };
  std::vector<Layer> layers;
  for (const auto& r : rows) {
    if (layers.empty() || layers.back().id != r[0]) layers.push_back({r[0], {}});
    layers.back().years.push_back(r);
  }
  // The stored areas summed to whole square metres, then in km²: rounded once.
  auto area = [&](const std::vector<std::string>& r, const std::string& key) {
    const auto m2 = static_cast<int64_t>(std::llround(std::strtod(r[3].c_str(), nullptr)));
    Published p = Publish(Ratio::Of(m2, 1000000), decimals);
    doc->AddFigure(key, p.text, ExactText(p.exact));
    return p;
  };
  Table t;
  t.caption = Caption(T("表1 生态空间面积", "Table 1 Ecological space"));
  t.header = {T("类型", "Layer"), T("数据年份", "Layer year"), T("图斑数", "Areas"),
              T("面积（平方千米）", "Area (km²)"), T("基准年", "Baseline"),
              T("基准面积（平方千米）", "Baseline area (km²)"), T("变化", "Change")};
  std::vector<std::string> sentences;
  for (const Layer& l : layers) {
    const std::string name =
        l.id == "red-line"       ? T("生态保护红线", "ecological protection red lines")
        : l.id == "control-area" ? T("生态空间管控区域", "ecological space control areas")
                                 : T("自然保护地", "protected areas");
    const auto& now = l.years.back();
    // The approved baseline's layer (none when the baseline has no layer of this
    // kind), else the earliest.
    const std::vector<std::string>* found = &l.years.front();
    if (use_approved) {
      found = nullptr;
      for (const auto& r : l.years) {
        if (r[1] == std::to_string(approved)) found = &r;
      }
    }
    const auto& base = found != nullptr ? *found : now;
    const std::string base_words =
        use_approved ? T(base[1] + "年审批基准", "the approved baseline of " + base[1])
                     : T(base[1] + "年最早图层", "the earliest layer, of " + base[1]);
    const std::string key = "space." + l.id;
    const Published a = area(now, key + ".area");
    doc->AddFigure(key + ".year", now[1]);
    doc->AddFigure(key + ".count", now[2]);
    std::string sentence =
        T(name + now[2] + "处，面积" + a.text + "平方千米（" + now[1] + "年图层）",
          name + ": " + now[2] + " areas, " + a.text + " km² (layer of " + now[1] + ")");
    std::string label = name;  // a table cell starts with a capital
    if (lang == Lang::kEn && !label.empty()) label[0] = static_cast<char>(label[0] - 'a' + 'A');
    std::vector<std::string> row = {label, now[1], now[2], a.text, "—", "—", "—"};
    if (&now != &base) {
      const Published b = area(base, key + ".baseline_area");
      const bool published = profile.basis == ChangeBasis::kPublished;
      const Published diff =
          Publish(published ? a.rounded - b.rounded : a.exact - b.exact, decimals);
      const int sign = Compare(diff.rounded, Ratio::Integer(0));
      const Ratio magnitude = sign < 0 ? Ratio::Integer(0) - diff.rounded : diff.rounded;
      const std::string amount = FormatRounded(magnitude, decimals);
      doc->AddFigure(key + ".change", (sign < 0 ? "-" : "") + amount, ExactText(diff.exact));
      const std::string words =
          sign == 0 ? T("持平", "unchanged")
                    : T(sign > 0 ? "增加" : "减少", sign > 0 ? "larger by " : "smaller by ") +
                          amount + T("平方千米", " km²");
      sentence += T("，较" + base_words + words, ", " + words + " than " + base_words);
      row[4] = base[1] + (use_approved ? T("（审批基准）", " (approved)") : T("（最早图层）", " (earliest)"));
      row[5] = b.text;
      row[6] = words;
    }
    if (use_approved && found == nullptr) {
      sentence += T("（" + std::to_string(approved) + "年审批基准无此类图层，未作比较）",
                    " (the approved baseline of " + std::to_string(approved) +
                        " has no such layer: not compared)");
    }
    sentences.push_back(sentence);
    t.rows.push_back(row);
  }
  std::string joined;
  for (const std::string& s : sentences) joined += (joined.empty() ? "" : T("；", "; ")) + s;
  doc->body.push_back(
      Block::Paragraph(T("全市划定" + joined + "。", "The city's " + joined + ". ") + basis));
  t.note = T("面积为库中图层各图斑面积之和（按平方米取整后换算为平方千米，只修约一次）；"
             "变化按公布数值计算。",
             "Areas are the sums of the stored layer's areas (whole square metres, then km², "
             "rounded once); changes follow the profile's basis.");
  doc->body.push_back(Block::Of(std::move(t)));
  return Status::Ok();
}

}  // namespace

// A region's bulletin: the ecological-space layers are drawn for the whole
// store, so their areas are not a region's to print.
void BulletinBuilder::SpaceOfTheWholeStore() {
  StartPart("生态空间", "Ecological space");
  doc->body.push_back(Block::Paragraph(
      T("生态保护红线、生态空间管控区域和自然保护地的面积按全域统一核算，见全域环境状况公报。",
        "The areas of the ecological red lines, control areas and protected areas are accounted "
        "for the whole jurisdiction: see the State of the Environment of the whole.")));
}

StatusOr<Document> Bulletin(store::Database* db, const BulletinRequest& request,
                            const ReportProfile& profile, const DocumentOptions& options) {
  ECOCIV_RETURN_IF_ERROR(CheckReportPeriod(request.year, 0));
  const bool of_region = request.region != store::kRootRegion;
  std::string city = request.city, city_en;
  if (of_region) {
    ECOCIV_ASSIGN_OR_RETURN(store::Region region, store::FindRegion(db, request.region));
    city = region.name;
    city_en = region.name_en;
  } else if (city.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> cities, store::ListAirCities(db));
    auto found = indicators::AirCityFor("", cities);
    if (found.ok()) city = *found;
  }
  const Lang lang = options.lang;
  const ReportPeriod period = PeriodOf(request.year, 0);
  Document doc;
  doc.kind = "bulletin";
  doc.region = request.region;
  doc.lang = lang;
  const std::string place = PlaceName(city, city_en, lang);
  doc.issuer = options.issuer.empty() ? profile.Issuer(lang, place) : options.issuer;
  doc.number = options.number;
  ECOCIV_ASSIGN_OR_RETURN(doc.date, IssueDate(options.date, lang));
  if (lang == Lang::kZh) {
    doc.title = city + period.Text(lang) + "环境状况公报";
    doc.subtitle = "（" + DateText(period.from, lang) + "至" + DateText(period.to, lang) + "）";
  } else {
    doc.title = "State of the Environment" + (place.empty() ? "" : " of " + place) + ", " +
                period.Text(lang);
    doc.subtitle = DateText(period.from, lang) + " to " + DateText(period.to, lang);
  }
  BulletinBuilder b{profile, lang, &doc};

  AirReportRequest air_request;
  air_request.year = request.year;
  air_request.city = city;
  air_request.standards_dir = request.standards_dir;
  air_request.region = request.region;
  StatusOr<Document> air = AirReport(db, air_request, profile, options);
  if (!air.ok() && air.status().code() != StatusCode::kNotFound) return air.status();
  b.StartPart("环境空气质量", "Ambient air quality");
  if (air.ok()) {
    b.Append(*air, "air.");
  } else {
    doc.body.push_back(Block::Paragraph(b.T("库中无本年度环境空气质量有效监测数据。",
                                            "The store holds no valid air data of the year.")));
  }

  WaterReportRequest water_request;
  water_request.year = request.year;
  water_request.city = city;
  water_request.standards_dir = request.standards_dir;
  water_request.region = request.region;
  StatusOr<Document> water = WaterReport(db, water_request, profile, options);
  if (!water.ok() && water.status().code() != StatusCode::kNotFound) return water.status();
  if (!air.ok() && !water.ok()) {
    return NotFoundError("no air or surface-water data of " + std::to_string(request.year) +
                         " in the store: no bulletin");
  }
  b.StartPart("地表水环境质量", "Surface water quality");
  if (water.ok()) {
    b.Append(*water, "water.");
  } else {
    doc.body.push_back(Block::Paragraph(b.T("库中无本年度地表水断面评价结果。",
                                            "No section has a class in the year.")));
  }
  ECOCIV_RETURN_IF_ERROR(b.Warnings(db, request.year, request.region));
  if (of_region) {
    b.SpaceOfTheWholeStore();
  } else {
    ECOCIV_RETURN_IF_ERROR(b.Space(db, request.year));
  }
  return doc;
}

}  // namespace ecociv::report
