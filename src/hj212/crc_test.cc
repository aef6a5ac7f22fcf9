#include "ecociv/hj212/crc.h"

#include <gtest/gtest.h>

namespace ecociv::hj212 {
namespace {

// The vectors of the reference sheet (/work/shared/reference/hj212.md).
constexpr char kExample2017[] =
    "QN=20180427125809000;ST=22;CN=2011;PW=123456;MN=LXHB0CS0306310;Flag=5;CP=&&DataTime="
    "20180427125809;a34004-Rtd=75600.000,a34004-Flag=N;a34002-Rtd=140600.000,a34002-Flag=N;"
    "a34001-Rtd=178000.000,a34001-Flag=N;a01001-Rtd=24.8,a01001-Flag=N;a01002-Rtd=46.8,"
    "a01002-Flag=N;a01006-Rtd=101.380,a01006-Flag=N;a01007-Rtd=0.0,a01007-Flag=N;a01008-Rtd=25,"
    "a01008-Flag=N;LA-Rtd=57.9,LA-Flag=N&&";
constexpr char kExampleModbus[] =
    "QN=20170516010101001;ST=22;CN=1011;PW=123456;MN=ABCDEFG1234567;Flag=3;CP=&&&&";

TEST(CrcTest, ReferenceVectors) {
  EXPECT_EQ(Crc16Hj212(kExample2017), 0x5440);
  EXPECT_EQ(Crc16Modbus(kExample2017), 0x83CC);
  EXPECT_EQ(Crc16Modbus(kExampleModbus), 0x8411);
  EXPECT_EQ(Crc16Hj212(kExampleModbus), 0x0440);
  EXPECT_EQ(Crc16(kExampleModbus, CrcVariant::kModbus), 0x8411);
}

// The table-driven functions against the bit-by-bit rules of the header.
TEST(CrcTest, TableEqualsBitByBitDefinition) {
  auto slow = [](std::string_view bytes, bool modbus) {
    uint16_t reg = 0xFFFF;
    for (unsigned char byte : bytes) {
      reg = modbus ? static_cast<uint16_t>(reg ^ byte) : static_cast<uint16_t>((reg >> 8) ^ byte);
      for (int i = 0; i < 8; ++i) {
        bool low = reg & 1;
        reg >>= 1;
        if (low) reg ^= 0xA001;
      }
    }
    return reg;
  };
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text.push_back(static_cast<char>(i * 37 + 11));
    EXPECT_EQ(Crc16Hj212(text), slow(text, false)) << i;
    EXPECT_EQ(Crc16Modbus(text), slow(text, true)) << i;
  }
}

TEST(CrcTest, FormatAndParse) {
  char out[4];
  FormatCrc(0x0440, out);
  EXPECT_EQ(std::string(out, 4), "0440");
  uint16_t crc = 0;
  EXPECT_TRUE(ParseCrc("71c0", &crc));
  EXPECT_EQ(crc, 0x71C0);
  EXPECT_TRUE(ParseCrc("83CC", &crc));
  EXPECT_EQ(crc, 0x83CC);
  EXPECT_FALSE(ParseCrc("83C", &crc));
  EXPECT_FALSE(ParseCrc("83CG", &crc));
  CrcVariant v;
  EXPECT_TRUE(ParseCrcVariant("modbus", &v));
  EXPECT_EQ(v, CrcVariant::kModbus);
  EXPECT_FALSE(ParseCrcVariant("crc", &v));
  EXPECT_STREQ(CrcVariantName(CrcVariant::kHj212), "hj212");
}

}  // namespace
}  // namespace ecociv::hj212
