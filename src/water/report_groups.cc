// The shares of sections at class III or better as the city reports them:
// the city, each level and each category of an Assessment, printed as text
// or CSV (`water assess --format text|csv`). The JSON form is the "levels"
// and "categories" arrays of AssessmentJson (report.cc), from the same groups.
#include <cstdint>

#include "ecociv/core/csv_writer.h"
#include "ecociv/water/report.h"

namespace ecociv::water {
namespace {

// Columns printed in a terminal: a character from U+1100 up counts two
// (Chinese names), others one; continuation bytes count none.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    width += c >= 0xE1 ? 2 : 1;  // 3- and 4-byte sequences from U+1100 up are wide
  }
  return width;
}

// `text` and spaces to `width` columns plus one (at least one space).
std::string Pad(const std::string& text, size_t width) {
  size_t w = DisplayWidth(text);
  return text + std::string(w < width ? width - w + 1 : 1, ' ');
}

int AtIIIOrBetter(const GroupResult& g) { return g.counts[0] + g.counts[1] + g.counts[2]; }

std::string StatusWordOf(const WaterRules& rules, const GroupResult& g) {
  return g.status_class ? rules.Status(*g.status_class).word : "";
}

struct Row {
  const char* kind;
  std::string name;
  const GroupResult* group;
};

std::vector<Row> Rows(const Assessment& a) {
  std::vector<Row> rows = {{"city", "city", &a.city}};
  for (const GroupResult& g : a.levels) rows.push_back({"level", g.name, &g});
  for (const GroupResult& g : a.categories) rows.push_back({"category", g.name, &g});
  return rows;
}

}  // namespace

const char* SectionLevelNameZh(SectionLevel level) {
  static const char* const kNames[] = {"国控", "省控", "市控", "镇控"};
  return kNames[static_cast<int>(level)];
}

std::string AssessmentGroupsCsv(const WaterRules& rules, const Assessment& a) {
  const WaterOptions& o = rules.options();
  CsvLine header;
  for (const char* column :
       {"period_from", "period_to", "group", "name", "sections", "class_I", "class_II",
        "class_III", "class_IV", "class_V", "class_worse_than_V", "at_III_or_better",
        "share_I_III_percent", "share_worse_than_V_percent", "share_compliant_percent", "method",
        "status"}) {
    header.Add(column);
  }
  std::string out = header.Finish();
  for (const Row& row : Rows(a)) {
    const GroupResult& g = *row.group;
    CsvLine line;
    line.Add(FormatDate(a.period.first)).Add(FormatDate(a.period.last));
    line.Add(row.kind).Add(row.name).Add(std::to_string(g.sections));
    for (int c = 0; c < 6; ++c) line.Add(std::to_string(g.counts[c]));
    line.Add(std::to_string(AtIIIOrBetter(g)));
    line.Add(FormatRounded(g.share_good, o.share_decimals));
    line.Add(FormatRounded(g.share_worse_than_v, o.share_decimals));
    line.Add(FormatRounded(g.share_compliant, o.share_decimals));
    line.Add(g.share_method ? "class_shares" : "mean_of_items").Add(StatusWordOf(rules, g));
    out += line.Finish();
  }
  return out;
}

std::string AssessmentText(const WaterRules& rules, const SampleSet& set, const Assessment& a) {
  const WaterOptions& o = rules.options();
  std::string out = "地表水环境质量评价 Surface-water assessment " + FormatDate(a.period.first) +
                    " .. " + FormatDate(a.period.last) + "\n";
  int with_class = 0;
  for (const SectionResult& r : a.sections) with_class += r.cls ? 1 : 0;
  out += "断面 sections: " + std::to_string(set.sections.size()) + ", 有评价类别 with a class: " +
         std::to_string(with_class) + "\n\n";
  const size_t kName = 22;
  auto header = [&](const std::string& title) {
    out += title + "\n";
    out += "  " + Pad("", kName) + Pad("断面", 6) + Pad("I-III类", 7) + Pad("比例 %", 9) +
           Pad("劣V类 %", 10) + Pad("达标 %", 9) + "状况 status\n";
  };
  auto line = [&](const std::string& name, const GroupResult& g) {
    out += "  " + Pad(name, kName) + Pad(std::to_string(g.sections), 6) +
           Pad(std::to_string(AtIIIOrBetter(g)), 7) +
           Pad(FormatRounded(g.share_good, o.share_decimals), 9) +
           Pad(FormatRounded(g.share_worse_than_v, o.share_decimals), 10) +
           Pad(FormatRounded(g.share_compliant, o.share_decimals), 9) + StatusWordOf(rules, g) +
           (g.share_method ? "" : " (均值法 mean of items)") + "\n";
  };
  header("全市 City");
  line("全市 city", a.city);
  out += "\n";
  if (!a.levels.empty()) {
    header("按断面级别 By level");
    for (const GroupResult& g : a.levels) {
      std::string zh = g.name;
      for (auto level : {SectionLevel::kNational, SectionLevel::kProvincial,
                         SectionLevel::kMunicipal, SectionLevel::kTown}) {
        if (g.name == SectionLevelName(level)) zh = SectionLevelNameZh(level);
      }
      line(zh + " " + g.name, g);
    }
    out += "\n";
  }
  if (!a.categories.empty()) {
    header("按断面类别 By category");
    for (const GroupResult& g : a.categories) line(g.name, g);
    out += "\n";
  }
  const DrinkingSources& d = a.drinking_sources;
  if (d.sections > 0 && d.share) {
    out += "集中式饮用水水源地 drinking-water sources: " + std::to_string(d.good) + "/" +
           std::to_string(d.sections) + " I-III类, " + FormatRounded(*d.share, o.share_decimals) +
           "%\n";
  }
  out += "比例为达到或好于III类的断面占有评价类别断面的百分比 (shares: % of the sections with a "
         "class).\n";
  return out;
}

}  // namespace ecociv::water
