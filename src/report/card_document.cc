// A report card as a formal document (report/card_document.h).
#include "ecociv/report/card_document.h"

#include "common.h"

namespace ecociv::report {

namespace {

struct CardDocumentBuilder {
  const scoring::Card& c;
  Lang lang;
  Document* doc;

  const std::string& T(const std::string& zh, const std::string& en) const {
    return Tr(lang, zh, en);
  }
  const std::string& Name(const std::string& zh, const std::string& en) const {
    return lang == Lang::kEn && !en.empty() ? en : zh;
  }

  std::string RankText() const {
    if (!c.rank) return T("不排名（任期考核）", "not ranked (tenure assessment)");
    std::string out =
        lang == Lang::kZh
            ? "第" + std::to_string(*c.rank) + "名（共" + std::to_string(c.subjects) + "个）"
            : std::to_string(*c.rank) + " of " + std::to_string(c.subjects);
    if (c.last_rank && c.rank_change) {
      const int d = *c.rank_change;
      if (lang == Lang::kZh) {
        out += "，上年第" + std::to_string(*c.last_rank) + "名，" +
               (d > 0   ? "上升" + std::to_string(d) + "位"
                : d < 0 ? "下降" + std::to_string(-d) + "位"
                        : "名次不变");
      } else {
        out += "; last year " + std::to_string(*c.last_rank) + ", " +
               (d > 0   ? "up " + std::to_string(d)
                : d < 0 ? "down " + std::to_string(-d)
                        : "unchanged");
      }
    }
    return out;
  }

  void Build();
  void Appendix();
};

void CardDocumentBuilder::Build() {
  const bool zh = lang == Lang::kZh;
  const std::string scheme = Name(c.scheme.name, c.scheme.name_en);
  const std::string who = c.subject.name.empty() ? c.subject.id : c.subject.name;
  if (!c.run || c.run->state != "approved") {
    doc->body.push_back(Block::Note(
        T("草稿：本成绩单所依据的考核结果尚未审定，不得对外发布。",
          "DRAFT: the assessment this card comes from is not approved; not for release.")));
  }
  doc->body.push_back(Block::Paragraph(
      zh ? "根据《" + scheme + "》，现将" + who + std::to_string(c.year) + "年度考核结果通报如下。"
         : "Under the scheme \"" + scheme + "\", the results of " + who + " for " +
               std::to_string(c.year) + " are as follows."));

  Table result;
  result.caption = T("考核结果", "Results");
  result.header = {T("项目", "Item"), T("内容", "Result")};
  result.align_figures = false;
  result.rows.push_back({T("被考核对象", "Assessed"), who});
  if (c.person) {
    const scoring::CardPerson& p = *c.person;
    result.rows.push_back({T("所在单位", "Unit"), p.unit_name.empty() ? p.unit : p.unit_name});
    result.rows.push_back({T("职务", "Post"), p.post});
    result.rows.push_back(
        {T("任期", "Tenure"), p.tenure_start + T(" 至 ", " to ") +
                                  (p.tenure_end.empty() ? T("今", "present") : p.tenure_end)});
  }
  result.rows.push_back({T("考核年度", "Year"), std::to_string(c.year)});
  result.rows.push_back({T("总分", "Total"), c.total + T("分（满分", " points (of ") +
                                                 c.scheme.total + T("分）", ")")});
  result.rows.push_back({T("等次", "Grade"), Name(c.grade, c.grade_en)});
  result.rows.push_back({T("排名", "Rank"), RankText()});
  if (c.vetoed) result.rows.push_back({T("一票否决", "Veto"), T("是", "yes")});
  doc->AddFigure("total", c.total);
  doc->AddFigure("grade", Name(c.grade, c.grade_en));
  if (c.rank) doc->AddFigure("rank", std::to_string(*c.rank));
  doc->body.push_back(Block::Of(std::move(result)));

  Table items;
  items.caption = T("分项得分", "Points by item");
  items.header = {T("考核内容", "Group"), T("考核项目", "Item"), T("满分", "Full points"),
                  T("得分", "Points")};
  for (const scoring::CardGroup& g : c.groups) {
    items.rows.push_back({Name(g.name, g.name_en), T("小计", "subtotal"), g.max_points, g.points});
    doc->AddFigure("group." + g.id, g.points);
    for (const scoring::CardItem& i : c.items) {
      if (i.group != g.id) continue;
      items.rows.push_back({"", Name(i.name, i.name_en), i.max_points, i.points});
      doc->AddFigure("item." + i.id, i.points);
    }
  }
  doc->body.push_back(Block::Of(std::move(items)));
  auto line = [&](const std::string& zh_title, const std::string& en_title,
                  const std::vector<scoring::CardAdjustment>& list, const std::string& total) {
    if (list.empty()) return;
    std::string text = T(zh_title, en_title) + total + T("分：", " points: ");
    bool first = true;
    for (const scoring::CardAdjustment& a : list) {
      text += (first ? "" : T("；", "; ")) + Name(a.name, a.name_en) + " " + a.points +
              T("分", "") +
              (a.refused ? T("（超出加分上限，未计）", " (over the cap, not counted)") : "");
      first = false;
    }
    doc->body.push_back(Block::Paragraph(text + T("。", ".")));
  };
  line("扣分合计", "Deductions, total ", c.deductions, c.deduction_total);
  line("加分合计", "Bonuses, total ", c.bonuses, c.bonus_total);
  for (const scoring::CardVeto& v : c.vetoes) {
    doc->body.push_back(Block::Paragraph(T("一票否决：", "Veto: ") + Name(v.name, v.name_en)));
  }
  if (c.run) {
    std::string run =
        T("依据：第", "Source: assessment run #") + std::to_string(c.run->id) + T("号考核运行", "");
    if (!c.run->approved_by.empty()) {
      run += zh ? "，由" + c.run->approved_by + "于" + c.run->approved_at.substr(0, 10) + "审定"
                : ", approved by " + c.run->approved_by + " on " + c.run->approved_at.substr(0, 10);
    }
    doc->body.push_back(
        Block::Note(run + T("。评分说明见附件。", ". Scoring details: see the appendix.")));
  }
}

void CardDocumentBuilder::Appendix() {
  doc->appendix_title = T("附件 评分说明", "Appendix: scoring details");
  if (!c.scheme.status.empty()) {
    doc->appendix.push_back(Block::Heading(T("方案说明", "About the scheme")));
    doc->appendix.push_back(Block::Paragraph(c.scheme.status));
  }
  Table why;
  why.caption = T("各项目计分依据", "How each item was scored");
  why.header = {T("考核项目", "Item"), T("得分", "Points"), T("计分依据", "Why")};
  for (const scoring::CardItem& i : c.items) {
    why.rows.push_back(
        {Name(i.name, i.name_en), i.points, lang == Lang::kZh ? i.why.zh : i.why.en});
  }
  doc->appendix.push_back(Block::Of(std::move(why)));
  auto adjustments = [&](const std::string& caption,
                         const std::vector<scoring::CardAdjustment>& list) {
    if (list.empty()) return;
    Table t;
    t.caption = caption;
    t.header = {T("事项", "Item"), T("次数", "Events"), T("分值", "Points"), T("依据", "Why")};
    for (const scoring::CardAdjustment& a : list) {
      t.rows.push_back({Name(a.name, a.name_en), std::to_string(a.events), a.points,
                        lang == Lang::kZh ? a.why.zh : a.why.en});
    }
    doc->appendix.push_back(Block::Of(std::move(t)));
  };
  adjustments(T("扣分", "Deductions"), c.deductions);
  adjustments(T("加分", "Bonuses"), c.bonuses);
  for (const scoring::CardVeto& v : c.vetoes) {
    doc->appendix.push_back(Block::Paragraph(Name(v.name, v.name_en) + T("：", ": ") +
                                             (lang == Lang::kZh ? v.why.zh : v.why.en)));
  }
  if (!c.grade_why.zh.empty()) {
    doc->appendix.push_back(Block::Paragraph(
        T("等次：", "Grade: ") + (lang == Lang::kZh ? c.grade_why.zh : c.grade_why.en)));
  }
}

}  // namespace

StatusOr<Document> CardDocument(const scoring::Card& card, const ReportProfile& profile,
                                const DocumentOptions& options, const std::string& city) {
  Document doc;
  doc.kind = "card";
  // A card of a region's run is that region's document.
  if (card.run) doc.region = card.run->region;
  doc.lang = options.lang;
  doc.formal = true;
  doc.issuer = options.issuer.empty() ? profile.Issuer(options.lang, CityName(city, options.lang))
                                     : options.issuer;
  doc.number = options.number;
  ECOCIV_ASSIGN_OR_RETURN(doc.date, IssueDate(options.date, options.lang));
  const bool zh = options.lang == Lang::kZh;
  const std::string who = card.subject.name.empty() ? card.subject.id : card.subject.name;
  doc.title = zh ? who + std::to_string(card.year) + "年度考核成绩单"
                 : "Report card of " + who + ", " + std::to_string(card.year);
  doc.subtitle = zh ? "（" + card.scheme.name + "）"
                    : (card.scheme.name_en.empty() ? card.scheme.name : card.scheme.name_en);
  CardDocumentBuilder b{card, options.lang, &doc};
  b.Build();
  b.Appendix();
  return doc;
}

}  // namespace ecociv::report
