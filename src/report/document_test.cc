#include "ecociv/report/document.h"

#include <gtest/gtest.h>

namespace ecociv::report {
namespace {

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

}  // namespace
}  // namespace ecociv::report
