#include "ecociv/report/document.h"

#include <gtest/gtest.h>

#include "common.h"
#include "ecociv/report/chart_svg.h"

namespace ecociv::report {
namespace {

// English documents print the English name config/report-cities.toml gives.
TEST(DocumentTest, EnglishDocumentsNameTheCityInEnglish) {
  EXPECT_EQ(CityName("张家港市", Lang::kEn), "Zhangjiagang");
  EXPECT_EQ(CityName("张家港市", Lang::kZh), "张家港市");
  EXPECT_EQ(CityName("未列市", Lang::kEn), "未列市");
  auto profile = LoadProfile("yearly");
  ASSERT_TRUE(profile.ok());
  PeriodicHead head{"air", "环境空气质量", "Air quality", "张家港市", "", PeriodOf(2025, 0)};
  DocumentOptions options;
  options.lang = Lang::kEn;
  options.date = "2026-01-05";
  auto doc = StartPeriodicDocument(head, *profile, options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "Air quality of Zhangjiagang, 2025");
  EXPECT_EQ(doc->issuer.find("张家港"), std::string::npos) << doc->issuer;
  EXPECT_NE(doc->issuer.find("Zhangjiagang"), std::string::npos) << doc->issuer;
}

TEST(DocumentTest, HtmlEscapesAndNumbersPages) {
  Document d;
  d.lang = Lang::kZh;
  d.issuer = "某市<局>";
  d.title = "标题 & \"引号\"";
  d.body.push_back(Block::Paragraph("<script>alert(1)</script>"));
  Table t;
  t.header = {"项目", "数值"};
  t.rows = {{"PM2.5", "30.0"}};
  d.body.push_back(Block::Of(t));
  const std::string html = DocumentHtml(d);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("某市&lt;局&gt;"), std::string::npos);
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("counter(pages)"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">30.0</td>"), std::string::npos);
  EXPECT_NE(html.find("lang=\"zh-CN\""), std::string::npos);
}

TEST(DocumentTest, FormalLayoutHasANumberField) {
  Document d;
  d.formal = true;
  d.issuer = "办公室";
  EXPECT_NE(DocumentHtml(d).find("〔　　〕　　号"), std::string::npos);
  d.number = "张生态办〔2026〕3号";
  EXPECT_NE(DocumentHtml(d).find("张生态办〔2026〕3号"), std::string::npos);
}

TEST(DocumentTest, IssueDateAndExactText) {
  EXPECT_EQ(*IssueDate("2026-01-05", Lang::kZh), "2026年1月5日");
  EXPECT_EQ(*IssueDate("2026-01-05", Lang::kEn), "5 January 2026");
  EXPECT_FALSE(IssueDate("2026-13-01", Lang::kZh).ok());
  EXPECT_EQ(ExactText(Ratio::Of(6, 4)), "3/2");
  EXPECT_EQ(ExactText(Ratio::Of(-30, 1)), "-30");
}

// The head carries the issuer, number and date, read back whatever they hold;
// a plain document prints its number when it has one.
TEST(DocumentTest, HeadIsReadBackFromTheHtml) {
  Document d;
  d.issuer = "某市\"生态\"局 & <办>";
  d.number = "某环〔2026〕2号";
  d.date = "2026年1月5日";
  const std::string html = DocumentHtml(d);
  const DocumentHead head = HeadOfHtml(html);
  EXPECT_EQ(head.issuer, d.issuer);
  EXPECT_EQ(head.number, d.number);
  EXPECT_EQ(head.date, d.date);
  EXPECT_NE(html.find("<div class=\"number\">某环〔2026〕2号</div>"), std::string::npos);
  EXPECT_EQ(HeadOfHtml("<html><head><title>x</title></head></html>").issuer, "");
  // A meta-like text in the body is not the head's.
  EXPECT_EQ(HeadOfHtml("<head></head><p><meta name=\"ecociv-number\" content=\"x\"></p>").number,
            "");
}

// A chart draws one bar per positive figure with its printed text, no bar for
// "—", the limit as a dashed line with its label; its texts are escaped.
TEST(DocumentTest, ChartSvgDrawsThePrintedFigures) {
  Chart c;
  c.caption = "图1 <测试>";
  c.unit = "μg/m³";
  c.labels = {"1月", "2月", "3月"};
  c.values = {"32.4", "—", "0.0"};
  c.limit = "35";
  c.limit_label = "限值 35";
  const std::string svg = ChartSvg(c);
  size_t bars = 0;
  for (size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1))
    ++bars;
  EXPECT_EQ(bars, 1u);
  for (const char* text : {">32.4<", ">—<", ">0.0<", ">1月<", ">限值 35<", ">μg/m³<"})
    EXPECT_NE(svg.find(text), std::string::npos) << text;
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find("&lt;测试&gt;"), std::string::npos);
  Document d;
  d.body.push_back(Block::Of(c));
  EXPECT_NE(DocumentHtml(d).find("<figcaption>图1 &lt;测试&gt;</figcaption>"), std::string::npos);
  EXPECT_NE(DocumentJson(d).find("\"limit_label\": \"限值 35\""), std::string::npos);
}

}  // namespace
}  // namespace ecociv::report
