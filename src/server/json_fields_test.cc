#include "json_fields.h"

#include <gtest/gtest.h>

namespace ecociv::server {
namespace {

using Json = nlohmann::json;

TEST(JsonFields, StringFieldIsTypedBoundedAndNamed) {
  Json body = {{"name", "水务局"}, {"n", 5}, {"empty", nullptr}};
  EXPECT_EQ(*StringField(body, "name"), "水务局");
  EXPECT_EQ(*StringField(body, "missing", false), "");
  EXPECT_EQ(*StringField(body, "empty", false), "");
  auto missing = StringField(body, "missing");
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().message(), "missing field 'missing'");
  EXPECT_EQ(StringField(body, "n").status().message(), "field 'n' must be a string");
  EXPECT_EQ(StringField(body, "name", true, 3).status().message(), "field 'name' is too long");
  EXPECT_EQ(StringField(Json::array(), "name").status().message(),
            "the body must be a JSON object");
}

TEST(JsonFields, YearFieldIsAnIntegerInRange) {
  EXPECT_EQ(*YearField(Json{{"year", 2025}}), 2025);
  EXPECT_EQ(*YearField(Json{{"year", kFirstYear}}), kFirstYear);
  EXPECT_EQ(*YearField(Json{{"year", kLastYear}}), kLastYear);
  for (const Json& bad : {Json{{"year", "2025"}}, Json{{"year", 2025.5}}, Json{{"year", 1989}},
                          Json{{"year", 2101}}, Json{{"year", -2025}},
                          Json{{"year", 18446744073709551615ull}}, Json::object(),
                          Json::array()}) {
    EXPECT_FALSE(YearField(bad).ok()) << bad.dump();
  }
}

TEST(JsonFields, DateFieldIsARealCalendarDate) {
  auto day = DateField(Json{{"as_of", "2026-04-30"}}, "as_of");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(FormatDate(*day), "2026-04-30");
  for (const char* bad : {"2026-04-31", "2026-4-30", "20260430", "2026-04-30T00:00", ""}) {
    auto r = DateField(Json{{"as_of", bad}}, "as_of");
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_EQ(DateField(Json{{"as_of", 20260430}}, "as_of").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(JsonFields, YearParameterUsesTheFallbackOnlyWhenEmpty) {
  EXPECT_EQ(*YearParameter("", 2024), 2024);
  EXPECT_EQ(*YearParameter("2025", 2024), 2025);
  for (const char* bad : {"20x5", " 2025", "2025 ", "+2025", "1989", "2101", "99999999999999999999"}) {
    EXPECT_EQ(YearParameter(bad, 2024).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(JsonFields, PathIdIsAPositiveWholeNumberElseNotFound) {
  EXPECT_EQ(*PathId("12", "warning"), 12);
  EXPECT_EQ(*PathId("9007199254740991", "warning"), 9007199254740991);
  for (const char* bad : {"0", "-1", "x1", "1x", "", "..", "1.5", "9007199254740992"}) {
    auto r = PathId(bad, "warning");
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound) << bad;
  }
  EXPECT_EQ(PathId("x1", "warning").status().message(), "no warning x1");
  std::string long_text(100, '9');
  EXPECT_LT(PathId(long_text, "import").status().message().size(), 60u);
}

TEST(JsonFields, ValidCodeIsAPlainName) {
  for (const char* ok : {"n2019_29", "P2025-02", "a.b"}) EXPECT_TRUE(ValidCode(ok)) << ok;
  for (const char* bad : {"", "..", "a..b", "a/b", "a b", "指标"}) {
    EXPECT_FALSE(ValidCode(bad)) << bad;
  }
  EXPECT_FALSE(ValidCode(std::string(65, 'a')));
}

}  // namespace
}  // namespace ecociv::server
