#include "ecociv/hj212/packet.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>

#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/data.h"

namespace ecociv::hj212 {
namespace {

constexpr char kHourly[] =
    "QN=20260301100000123;ST=22;CN=2061;PW=123456;MN=AIR0001;Flag=5;CP=&&DataTime="
    "20260301090000;a21026-Avg=8,a21026-Flag=N;a34004-Avg=35.5,a34004-Flag=M;a05024-Avg=60.25&&";

std::string F(std::string_view data) { return Frame(data, CrcVariant::kHj212); }

TEST(ScanFrameTest, FindsWholeFramesAndWaitsForMore) {
  std::string frame = F(kHourly);
  std::string stream = frame + frame.substr(0, 10);
  ScanResult r = ScanFrame(stream);
  ASSERT_EQ(r.kind, ScanKind::kFrame);
  EXPECT_EQ(r.frame, frame);
  EXPECT_EQ(r.consumed, frame.size());
  EXPECT_EQ(ScanFrame(std::string_view(stream).substr(r.consumed)).kind, ScanKind::kNeedMore);
  EXPECT_EQ(ScanFrame("").kind, ScanKind::kNeedMore);
  EXPECT_EQ(ScanFrame("#").kind, ScanKind::kNeedMore);
  EXPECT_EQ(ScanFrame("##01").kind, ScanKind::kNeedMore);
}

TEST(ScanFrameTest, RefusesGarbageAndResynchronises) {
  std::string frame = F(kHourly);
  ScanResult r = ScanFrame("xyz" + frame);
  EXPECT_EQ(r.kind, ScanKind::kGarbage);
  EXPECT_EQ(r.consumed, 3u);
  r = ScanFrame("hello#");
  EXPECT_EQ(r.kind, ScanKind::kGarbage);
  EXPECT_EQ(r.consumed, 5u);  // the last '#' may start a frame
  r = ScanFrame("##0a12");
  EXPECT_EQ(r.kind, ScanKind::kGarbage);
  EXPECT_EQ(r.consumed, 2u);
  EXPECT_STREQ(r.reason, "the length after ## is not 4 digits");
  // A length one too short: the frame does not end where it says.
  std::string bad = frame;
  bad[5] = static_cast<char>(bad[5] - 1);
  r = ScanFrame(bad + frame);
  EXPECT_EQ(r.kind, ScanKind::kGarbage);
  EXPECT_EQ(r.consumed, 2u);
  // Scanning on finds the good frame after it.
  std::string rest = (bad + frame).substr(2);
  while ((r = ScanFrame(rest)).kind == ScanKind::kGarbage) rest = rest.substr(r.consumed);
  EXPECT_EQ(r.kind, ScanKind::kFrame);
  EXPECT_EQ(r.frame, frame);
}

TEST(ScanFrameTest, NeverNeedsMoreThanTheLargestFrame) {
  std::string stream = "##9999" + std::string(kMaxDataBytes + 5, 'x');
  EXPECT_EQ(ScanFrame(stream).kind, ScanKind::kNeedMore);
  stream.push_back('x');
  ASSERT_EQ(stream.size(), kMaxFrameBytes);
  EXPECT_EQ(ScanFrame(stream).kind, ScanKind::kGarbage);
}

TEST(ParsePacketTest, ReadsEveryHeaderField) {
  std::string frame = F(kHourly);
  Packet p;
  ASSERT_TRUE(ParsePacket(frame, &p).ok());
  EXPECT_EQ(p.qn, "20260301100000123");
  EXPECT_EQ(p.st, 22);
  EXPECT_EQ(p.cn, 2061);
  EXPECT_EQ(p.pw, "123456");
  EXPECT_EQ(p.mn, "AIR0001");
  EXPECT_EQ(p.flag, 5);
  EXPECT_TRUE(p.AnswerWanted());
  EXPECT_FALSE(p.IsSplit());
  EXPECT_EQ(p.Version(), 1);
  EXPECT_TRUE(CrcMatches(p, CrcVariant::kHj212));
  EXPECT_FALSE(CrcMatches(p, CrcVariant::kModbus));
  ASSERT_EQ(p.fields.size(), 6u);
  EXPECT_EQ(p.fields[0].code, "DataTime");
  EXPECT_EQ(p.fields[0].suffix, "");
  EXPECT_EQ(p.fields[2].code, "a21026");
  EXPECT_EQ(p.fields[2].suffix, "Flag");
  EXPECT_EQ(p.fields[2].group, 1);
  EXPECT_EQ(p.fields[5].group, 3);
  ASSERT_NE(p.Find("a34004", "Avg"), nullptr);
  EXPECT_EQ(p.Find("a34004", "Avg")->value, "35.5");
}

TEST(ParsePacketTest, TheReferenceExamples) {
  // The whole 2017 example with its CRC written out: 5440.
  const std::string example2017 =
      "QN=20180427125809000;ST=22;CN=2011;PW=123456;MN=LXHB0CS0306310;Flag=5;CP=&&DataTime="
      "20180427125809;a34004-Rtd=75600.000,a34004-Flag=N;a34002-Rtd=140600.000,a34002-Flag=N;"
      "a34001-Rtd=178000.000,a34001-Flag=N;a01001-Rtd=24.8,a01001-Flag=N;a01002-Rtd=46.8,"
      "a01002-Flag=N;a01006-Rtd=101.380,a01006-Flag=N;a01007-Rtd=0.0,a01007-Flag=N;a01008-Rtd=25,"
      "a01008-Flag=N;LA-Rtd=57.9,LA-Flag=N&&";
  char length[8];
  std::snprintf(length, sizeof length, "%04zu", example2017.size());
  const std::string literal = "##" + std::string(length) + example2017 + "5440\r\n";
  Packet full;
  ASSERT_TRUE(ParsePacket(literal, &full).ok());
  EXPECT_TRUE(CrcMatches(full, CrcVariant::kHj212));
  EXPECT_EQ(full.fields.size(), 19u);
  std::string ref =
      "QN=20180427125809000;ST=22;CN=2011;PW=123456;MN=LXHB0CS0306310;Flag=5;CP=&&DataTime="
      "20180427125809;a34004-Rtd=75600.000,a34004-Flag=N;LA-Rtd=57.9,LA-Flag=N&&";
  Packet p;
  std::string ref_frame = F(ref);
  ASSERT_TRUE(ParsePacket(ref_frame, &p).ok());
  EXPECT_TRUE(CrcMatches(p, CrcVariant::kHj212));
  // The public Modbus-variant example says Flag=3 (split) without PNUM and
  // PNO: its CRC is right (crc_test.cc) but the packet is refused.
  std::string example =
      "##0077QN=20170516010101001;ST=22;CN=1011;PW=123456;MN=ABCDEFG1234567;Flag=3;CP=&&&&"
      "8411\r\n";
  EXPECT_EQ(ParsePacket(example, &p).message(), "Flag says split but PNUM or PNO is missing");
  std::string modbus = Frame(
      "QN=20170516010101001;ST=22;CN=1011;PW=123456;MN=ABCDEFG1234567;Flag=5;CP=&&&&",
      CrcVariant::kModbus);
  Status s = ParsePacket(modbus, &p);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(CrcMatches(p, CrcVariant::kModbus));
  EXPECT_FALSE(CrcMatches(p, CrcVariant::kHj212));
  EXPECT_TRUE(p.fields.empty());
  // Lower-case CRC digits, as some devices send them.
  std::string lower = ref_frame;
  for (size_t i = lower.size() - 6; i < lower.size() - 2; ++i) lower[i] = char(std::tolower(lower[i]));
  ASSERT_TRUE(ParsePacket(lower, &p).ok());
  EXPECT_TRUE(CrcMatches(p, CrcVariant::kHj212));
}

TEST(ParsePacketTest, OlderDevicesAndOtherOrders) {
  Packet p;
  // HJ/T 212-2005 style: no QN, no Flag.
  std::string old = F("ST=22;CN=2011;PW=123456;MN=X1;CP=&&DataTime=20260301090000&&");
  ASSERT_TRUE(ParsePacket(old, &p).ok());
  EXPECT_EQ(p.flag, -1);
  EXPECT_FALSE(p.AnswerWanted());
  EXPECT_EQ(p.Version(), 0);
  std::string qn_second = F("ST=22;QN=20260301100000123;CN=2011;PW=1;MN=X1;Flag=4;CP=&&&&");
  ASSERT_TRUE(ParsePacket(qn_second, &p).ok());
  EXPECT_EQ(p.qn, "20260301100000123");
  // Split packets.
  std::string split =
      F("QN=20260301100000123;ST=22;CN=2061;PW=1;MN=X1;Flag=7;PNUM=3;PNO=2;CP=&&&&");
  ASSERT_TRUE(ParsePacket(split, &p).ok());
  EXPECT_TRUE(p.IsSplit());
  EXPECT_EQ(p.pnum, 3);
  EXPECT_EQ(p.pno, 2);
}

struct BadCase {
  std::string data;
  std::string reason;
};

TEST(ParsePacketTest, RefusesEveryMalformedPacketWithItsReason) {
  const std::string q = "QN=20260301100000123;";
  const BadCase cases[] = {
      {"QN=2026030110000012;ST=22;CN=2061;PW=1;MN=X;CP=&&&&", "QN '2026030110000012' is not a time"},
      {"QN=20261301100000123;ST=22;CN=2061;PW=1;MN=X;CP=&&&&", "is not a time YYYYMMDDhhmmsszzz"},
      {q + "ST=2;CN=2061;PW=1;MN=X;CP=&&&&", "ST '2' is not 2 digits"},
      {q + "ST=22;CN=206;PW=1;MN=X;CP=&&&&", "CN '206' is not 4 digits"},
      {q + "ST=22;CN=2061;MN=X;CP=&&&&", "PW is missing"},
      {q + "ST=22;CN=2061;PW=1;CP=&&&&", "MN is missing"},
      {q + "ST=22;PW=1;MN=X;CP=&&&&", "CN is missing"},
      {q + "CN=2061;PW=1;MN=X;CP=&&&&", "ST is missing"},
      {q + "ST=22;CN=2061;PW=1;MN=X/Y;CP=&&&&", "MN 'X/Y' has a character"},
      {q + "ST=22;CN=2061;PW=1;MN=" + std::string(25, 'M') + ";CP=&&&&", "MN is empty or longer"},
      {q + "ST=22;CN=2061;PW=;MN=X;CP=&&&&", "PW is empty"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Flag=256;CP=&&&&", "Flag '256' is not a number"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Flag=9;CP=&&&&", "names protocol version 2"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Flag=7;CP=&&&&", "split but PNUM or PNO is missing"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Flag=7;PNUM=2;PNO=3;CP=&&&&", "PNO is greater than PNUM"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Flag=5;PNUM=2;PNO=1;CP=&&&&", "without the split bit"},
      {"ST=22;CN=2061;PW=1;MN=X;Flag=5;CP=&&&&", "asks for an answer but QN is missing"},
      {q + "ST=22;ST=22;CN=2061;PW=1;MN=X;CP=&&&&", "header field ST twice"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Foo=1;CP=&&&&", "unknown header field 'Foo'"},
      {q + "ST=22;CN=2061;PW=1;MN=X;Bare;CP=&&&&", "header field 'Bare' has no '='"},
      {q + "ST=22;CN=2061;PW=1;MN=X", "CP is missing"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=1", "CP is not enclosed"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=1&b&&", "'&' inside CP"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=1;;b=2&&", "an empty field in CP"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=1;&&", "an empty field in CP"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a1&&", "'a1' is not name=value"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=1=2&&", "has two '='"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a-=1&&", "is not code-Suffix"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a b=1&&", "has a bad character"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a-Avg=1;a-Avg=2&&", "CP field a-Avg twice"},
      {q + "ST=22;CN=2061;PW=1;MN=X;CP=&&a=\t&&", "a control character"},
  };
  for (const BadCase& c : cases) {
    Packet p;
    Status s = ParsePacket(F(c.data), &p);
    ASSERT_FALSE(s.ok()) << c.data;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(c.reason), std::string::npos) << c.data << " → " << s.message();
  }
  Packet p;
  std::string frame = F(kHourly);
  std::string bad_crc = frame;
  bad_crc[bad_crc.size() - 3] = 'G';
  EXPECT_NE(ParsePacket(bad_crc, &p).message().find("is not 4 hex digits"), std::string::npos);
  EXPECT_EQ(ParsePacket("##0001x", &p).message(), "not a frame (## length … CRC \\r\\n)");
  std::string wrong_length = frame;
  wrong_length[5] = '0';
  EXPECT_FALSE(ParsePacket(wrong_length, &p).ok());
}

TEST(ParsePacketTest, AFieldLimitKeepsTheWorkBounded) {
  std::string cp;
  for (int i = 0; i < 513; ++i) cp += (i ? "," : "") + std::string("c") + std::to_string(i) + "=1";
  Packet p;
  Status s = ParsePacket(F("ST=22;CN=2011;PW=1;MN=X;CP=&&" + cp + "&&"), &p);
  EXPECT_EQ(s.message(), "more than 512 fields in CP");
}

TEST(ExtractDataTest, ValuesAndFlagsByCommand) {
  Packet p;
  std::string hourly = F(kHourly);
  ASSERT_TRUE(ParsePacket(hourly, &p).ok());
  DataRecord r;
  ASSERT_TRUE(ExtractData(p, &r).ok());
  EXPECT_EQ(FormatCompactTime(r.data_time), "20260301090000");
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[0].code, "a21026");
  EXPECT_EQ(r.items[0].value, "8");
  EXPECT_EQ(r.items[1].flag, 'M');
  EXPECT_EQ(r.items[2].code, "a05024");
  EXPECT_EQ(r.items[2].flag, 'N');
  // A real-time packet takes -Rtd and ignores -Avg.
  std::string realtime = F(
      "ST=22;CN=2011;PW=1;MN=X;CP=&&DataTime=20260301090000;a-Rtd=1,a-Avg=2,a-Min=0;b-Flag=F&&");
  ASSERT_TRUE(ParsePacket(realtime, &p).ok());
  ASSERT_TRUE(ExtractData(p, &r).ok());
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].value, "1");
  EXPECT_EQ(r.items[1].value, "");
  EXPECT_EQ(r.items[1].flag, 'F');
}

TEST(ExtractDataTest, RefusesBadTimesNumbersAndFlags) {
  const BadCase cases[] = {
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&a-Avg=1&&", "DataTime is missing"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260230090000&&", "is not a time YYYYMMDDhhmmss"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=2026030109&&", "is not a time"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a-Avg=1x&&", "a-Avg '1x' is not a number"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a-Avg=&&", "is not a number"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a-Flag=Q&&", "a-Flag 'Q' is not a data flag"},
      {"ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a-Flag=NN&&", "is not a data flag"},
  };
  for (const BadCase& c : cases) {
    Packet p;
    std::string frame = F(c.data);
    ASSERT_TRUE(ParsePacket(frame, &p).ok()) << c.data;
    DataRecord r;
    Status s = ExtractData(p, &r);
    ASSERT_FALSE(s.ok()) << c.data;
    EXPECT_NE(s.message().find(c.reason), std::string::npos) << s.message();
  }
}

TEST(CompactTimeTest, RoundTrips) {
  int64_t seconds = 0;
  ASSERT_TRUE(ParseCompactTime("20000101000000", &seconds));
  EXPECT_EQ(seconds, 0);
  ASSERT_TRUE(ParseCompactTime("20260301235959", &seconds));
  EXPECT_EQ(FormatCompactTime(seconds), "20260301235959");
  EXPECT_FALSE(ParseCompactTime("20260301240000", &seconds));
  EXPECT_FALSE(ParseCompactTime("2026030123595", &seconds));
  EXPECT_EQ(BeijingSecondsOfUnix(946684800 - 8 * 3600), 0);
}

}  // namespace
}  // namespace ecociv::hj212
