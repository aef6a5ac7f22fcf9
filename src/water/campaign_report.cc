// The 保Ⅲ消劣 campaign report (see campaign_report.h, docs/water.md).
#include "ecociv/water/campaign_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "ecociv/core/csv_writer.h"
#include "ecociv/core/message_text.h"

namespace ecociv::water {
namespace {

using Json = nlohmann::ordered_json;

bool Good(WaterClass c) { return c <= WaterClass::kIII; }

CampaignPhase Evaluate(const WaterRules& rules, const SampleSet& set, const SectionSamples& index,
                       int section, const Period& period) {
  CampaignPhase phase;
  phase.started = true;
  phase.period = period;
  const std::vector<Sample>& samples = index.by_section[section];
  phase.cls = EvaluateSection(rules, set.sections[section], section, samples, period).cls;
  for (const Period& month : SplitPeriods(period.first, period.last, PeriodKind::kMonth)) {
    auto cls = EvaluateSection(rules, set.sections[section], section, samples, month).cls;
    if (!cls) continue;
    ++phase.months;
    phase.months_good += Good(*cls) ? 1 : 0;
    phase.months_worse_than_v += *cls == WaterClass::kWorseThanV ? 1 : 0;
  }
  return phase;
}

void Add(const CampaignPhase& phase, CampaignTotals* t) {
  if (phase.cls) {
    ++t->sections;
    t->good += Good(*phase.cls) ? 1 : 0;
    t->worse_than_v += *phase.cls == WaterClass::kWorseThanV ? 1 : 0;
  }
  t->months += phase.months;
  t->months_good += phase.months_good;
  t->months_worse_than_v += phase.months_worse_than_v;
}

void Finish(CampaignTotals* t) {
  if (t->sections > 0) t->share_good = Ratio::Of(int128{t->good} * 100, t->sections);
  if (t->months > 0) t->month_share_good = Ratio::Of(int128{t->months_good} * 100, t->months);
}

std::string Share(const WaterRules& rules, const std::optional<Ratio>& share) {
  return share ? FormatRounded(*share, rules.options().share_decimals) : "";
}

std::string ClassText(const std::optional<WaterClass>& c) { return c ? ClassLabel(*c) : ""; }

Json PhaseJson(const CampaignPhase& p) {
  if (!p.started) return nullptr;
  return {{"from", FormatDate(p.period.first)},
          {"to", FormatDate(p.period.last)},
          {"class", p.cls ? Json(ClassLabel(*p.cls)) : Json(nullptr)},
          {"at_III_or_better", p.cls ? Json(Good(*p.cls)) : Json(nullptr)},
          {"worse_than_V", p.cls ? Json(*p.cls == WaterClass::kWorseThanV) : Json(nullptr)},
          {"months", p.months},
          {"months_III", p.months_good},
          {"months_worse_than_V", p.months_worse_than_v}};
}

Json TotalsJson(const WaterRules& rules, const CampaignTotals& t, bool started) {
  if (!started) return nullptr;
  auto exact = [](const std::optional<Ratio>& r) {
    return r ? Json(std::to_string(static_cast<long long>(r->num)) + "/" +
                    std::to_string(static_cast<long long>(r->den)))
             : Json(nullptr);
  };
  return {{"sections", t.sections},
          {"sections_III", t.good},
          {"share_III_percent", t.share_good ? Json(Share(rules, t.share_good)) : Json(nullptr)},
          {"share_III_exact", exact(t.share_good)},
          {"sections_worse_than_V", t.worse_than_v},
          {"months", t.months},
          {"months_III", t.months_good},
          {"share_months_III_percent",
           t.month_share_good ? Json(Share(rules, t.month_share_good)) : Json(nullptr)},
          {"months_worse_than_V", t.months_worse_than_v}};
}

// Columns printed in a terminal: a character from U+1100 up counts two.
std::string Pad(const std::string& text, size_t width) {
  size_t w = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;
    w += c >= 0xE1 ? 2 : 1;
  }
  return text + std::string(w < width ? width - w + 1 : 1, ' ');
}

std::string PhaseCells(const CampaignPhase& p) {
  if (!p.started) return Pad("—", 6) + Pad("", 14);
  return Pad(p.cls ? ClassLabel(*p.cls) : "—", 6) +
         Pad(std::to_string(p.months_good) + "/" + std::to_string(p.months) + " " +
                 std::to_string(p.months_worse_than_v),
             14);
}

}  // namespace

StatusOr<CampaignReport> ComputeCampaignReport(const WaterRules& rules, const SampleSet& set,
                                               const SectionSamples& index,
                                               const Campaign& campaign, DayNumber as_of) {
  CampaignReport r;
  r.campaign = campaign;
  r.as_of = as_of;
  r.before = RangePeriod(campaign.baseline_from, campaign.baseline_to);
  r.started = as_of >= campaign.from;
  if (r.started) r.during = RangePeriod(campaign.from, std::min(campaign.to, as_of));
  for (const std::string& code : campaign.sections) {
    int s = set.FindSection(code);
    if (s < 0 || s >= static_cast<int>(index.by_section.size())) {
      return InvalidArgumentError("campaign " + campaign.id + ": section " +
                                  QuoteForMessage(code) + " is not among the sections");
    }
    CampaignSectionRow row;
    row.section = s;
    row.before = Evaluate(rules, set, index, s, r.before);
    if (r.started) row.during = Evaluate(rules, set, index, s, r.during);
    Add(row.before, &r.before_total);
    Add(row.during, &r.during_total);
    r.rows.push_back(row);
  }
  Finish(&r.before_total);
  Finish(&r.during_total);
  return r;
}

std::string CampaignReportJson(const WaterRules& rules, const SampleSet& set,
                               const CampaignReport& r) {
  Json rows = Json::array();
  for (const CampaignSectionRow& row : r.rows) {
    const Section& s = set.sections[row.section];
    rows.push_back({{"section", s.id},
                    {"name", s.name},
                    {"river", s.river},
                    {"target_class", ClassLabel(s.target)},
                    {"chief", ChiefText(s)},
                    {"before", PhaseJson(row.before)},
                    {"during", PhaseJson(row.during)}});
  }
  Json out = {{"campaign",
               {{"id", r.campaign.id},
                {"name", r.campaign.name},
                {"name_en", r.campaign.name_en},
                {"from", FormatDate(r.campaign.from)},
                {"to", FormatDate(r.campaign.to)},
                {"baseline_from", FormatDate(r.campaign.baseline_from)},
                {"baseline_to", FormatDate(r.campaign.baseline_to)}}},
              {"as_of", FormatDate(r.as_of)},
              {"started", r.started},
              {"before", {{"from", FormatDate(r.before.first)}, {"to", FormatDate(r.before.last)}}},
              {"during", r.started ? Json{{"from", FormatDate(r.during.first)},
                                          {"to", FormatDate(r.during.last)}}
                                   : Json(nullptr)},
              {"sections", rows},
              {"total",
               {{"before", TotalsJson(rules, r.before_total, true)},
                {"during", TotalsJson(rules, r.during_total, r.started)}}}};
  return out.dump(2) + "\n";
}

std::string CampaignReportText(const WaterRules& rules, const SampleSet& set,
                               const CampaignReport& r) {
  std::string out = r.campaign.name + "\n";
  if (!r.campaign.name_en.empty()) out += r.campaign.name_en + "\n";
  out += "基准期 before " + FormatDate(r.before.first) + ".." + FormatDate(r.before.last) +
         "；行动期 during " +
         (r.started ? FormatDate(r.during.first) + ".." + FormatDate(r.during.last)
                    : "未开始 not started") +
         "（截至 as of " + FormatDate(r.as_of) + "）\n\n";
  out += Pad("断面 section", 30) + Pad("目标", 4) + Pad("基准期", 6) + Pad("月 I-III/n 劣V", 14) +
         Pad("行动期", 6) + "月 I-III/n 劣V\n";
  for (const CampaignSectionRow& row : r.rows) {
    const Section& s = set.sections[row.section];
    out += "  " + Pad(s.id + " " + s.name, 28) + Pad(ClassLabel(s.target), 4) +
           PhaseCells(row.before) + PhaseCells(row.during) + "\n";
  }
  auto total = [&](const char* label, const CampaignTotals& t, bool started) {
    if (!started) return std::string(label) + "  未开始 not started\n";
    return std::string(label) + "  断面 sections " + std::to_string(t.sections) +
           "，I-III类 " + std::to_string(t.good) + "（" +
           (t.share_good ? Share(rules, t.share_good) + "%" : "—") + "），劣V类 " +
           std::to_string(t.worse_than_v) + "；月 months " + std::to_string(t.months) +
           "，I-III类 " + std::to_string(t.months_good) + "（" +
           (t.month_share_good ? Share(rules, t.month_share_good) + "%" : "—") + "），劣V类 " +
           std::to_string(t.months_worse_than_v) + "\n";
  };
  out += "\n合计 total\n";
  out += total("  基准期 before", r.before_total, true);
  out += total("  行动期 during", r.during_total, r.started);
  return out;
}

std::string CampaignReportCsv(const WaterRules& rules, const SampleSet& set,
                              const CampaignReport& r) {
  CsvLine header;
  for (const char* column :
       {"campaign", "row", "section", "name", "phase", "period_from", "period_to", "class",
        "sections", "sections_III", "share_III_percent", "sections_worse_than_V", "months",
        "months_III", "share_months_III_percent", "months_worse_than_V"}) {
    header.Add(column);
  }
  std::string out = header.Finish();
  auto phase_row = [&](const std::string& row, const std::string& code, const std::string& name,
                       const char* phase, const Period& period, const std::string& cls,
                       const CampaignTotals* t, int months, int months_good, int months_bad) {
    CsvLine line;
    line.Add(r.campaign.id).Add(row).Add(code).Add(name).Add(phase);
    line.Add(FormatDate(period.first)).Add(FormatDate(period.last)).Add(cls);
    line.Add(t ? std::to_string(t->sections) : "").Add(t ? std::to_string(t->good) : "");
    line.Add(t ? Share(rules, t->share_good) : "");
    line.Add(t ? std::to_string(t->worse_than_v) : "");
    std::optional<Ratio> month_share;
    if (months > 0) month_share = Ratio::Of(int128{months_good} * 100, months);
    line.Add(std::to_string(months)).Add(std::to_string(months_good));
    line.Add(Share(rules, month_share)).Add(std::to_string(months_bad));
    out += line.Finish();
  };
  for (const CampaignSectionRow& row : r.rows) {
    const Section& s = set.sections[row.section];
    for (const auto& [phase, p] : {std::pair<const char*, const CampaignPhase*>{"before", &row.before},
                                   {"during", &row.during}}) {
      if (!p->started) continue;
      phase_row("section", s.id, s.name, phase, p->period, ClassText(p->cls), nullptr, p->months,
                p->months_good, p->months_worse_than_v);
    }
  }
  phase_row("total", "", "", "before", r.before, "", &r.before_total, r.before_total.months,
            r.before_total.months_good, r.before_total.months_worse_than_v);
  if (r.started) {
    phase_row("total", "", "", "during", r.during, "", &r.during_total, r.during_total.months,
              r.during_total.months_good, r.during_total.months_worse_than_v);
  }
  return out;
}

}  // namespace ecociv::water
