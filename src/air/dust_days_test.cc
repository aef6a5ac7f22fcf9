// Dust-day files: the header, every-city rows, errors with file:line.
#include "ecociv/air/dust_days.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ecociv::air {
namespace {

std::string Write(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(DustDays, CityAndEveryCityRows) {
  auto d = ReadDustDays(Write("dust1.csv",
                              "\xEF\xBB\xBF"
                              "date,city\n2026-03-14,张家港市\n2026-03-15,\n2026-03-14,苏州市\n"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  std::vector<DayNumber> zjg = d->For("张家港市");
  ASSERT_EQ(zjg.size(), 2u);
  EXPECT_EQ(FormatDate(zjg[0]), "2026-03-14");
  EXPECT_EQ(FormatDate(zjg[1]), "2026-03-15");
  EXPECT_EQ(d->For("南京市").size(), 1u);  // the every-city row only
  EXPECT_TRUE(DustDays{}.For("张家港市").empty());
}

TEST(DustDays, ErrorsNameFileAndLine) {
  EXPECT_NE(ReadDustDays(Write("dust2.csv", "day,city\n")).status().message().find("dust2.csv:1"),
            std::string::npos);
  Status bad = ReadDustDays(Write("dust3.csv", "date,city\n2026-03-14,a\n2026-13-01,b\n")).status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("dust3.csv:3: date:"), std::string::npos) << bad.message();
  EXPECT_FALSE(ReadDustDays(Write("dust4.csv", "")).ok());
  EXPECT_FALSE(ReadDustDays(::testing::TempDir() + "/no-such-dust.csv").ok());
}

}  // namespace
}  // namespace ecociv::air
