#include "ecociv/hj212/answer.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace ecociv::hj212 {
namespace {

// Parses a frame kept alive in `keep` (a Packet views its frame).
Packet Parsed(std::string frame) {
  static std::vector<std::unique_ptr<std::string>> keep;
  keep.push_back(std::make_unique<std::string>(std::move(frame)));
  Packet p;
  Status s = ParsePacket(*keep.back(), &p);
  EXPECT_TRUE(s.ok()) << s.ToString() << " in " << *keep.back();
  return p;
}

TEST(AnswerTest, DataAnswerEchoesQnPwAndMn) {
  std::string frame = Frame(
      "QN=20260301100000123;ST=22;CN=2061;PW=123456;MN=AIR0001;Flag=5;CP=&&DataTime="
      "20260301090000&&",
      CrcVariant::kHj212);
  Packet p = Parsed(frame);
  std::string answer = DataAnswer(p, CrcVariant::kHj212);
  EXPECT_EQ(answer.substr(6, answer.size() - 12),
            "QN=20260301100000123;ST=91;CN=9014;PW=123456;MN=AIR0001;Flag=4;CP=&&&&");
  Packet a = Parsed(answer);
  EXPECT_TRUE(CrcMatches(a, CrcVariant::kHj212));
  EXPECT_FALSE(a.AnswerWanted());
  // A Modbus device gets a Modbus CRC.
  Packet m = Parsed(DataAnswer(p, CrcVariant::kModbus));
  EXPECT_TRUE(CrcMatches(m, CrcVariant::kModbus));
  EXPECT_EQ(Parsed(NotificationAnswer(p, CrcVariant::kHj212)).cn, 9013);
}

TEST(AnswerTest, RequestAnswerExecutionResultAndSetTime) {
  Packet p = Parsed(Frame(
      "QN=20260301100000123;ST=21;CN=1013;PW=123456;MN=W1;Flag=5;CP=&&&&", CrcVariant::kHj212));
  Packet r = Parsed(RequestAnswer(p, kQnReady, CrcVariant::kHj212));
  EXPECT_EQ(r.cn, 9011);
  ASSERT_NE(r.Find("QnRtn"), nullptr);
  EXPECT_EQ(r.Find("QnRtn")->value, "1");
  Packet e = Parsed(ExecutionResult(p, kExeSuccess, CrcVariant::kHj212));
  EXPECT_EQ(e.cn, 9012);
  EXPECT_EQ(e.Find("ExeRtn")->value, "1");
  int64_t now = 0;
  ASSERT_TRUE(ParseCompactTime("20260301100005", &now));
  std::string qn = MakeQn(now * 1000 + 7);
  EXPECT_EQ(qn, "20260301100005007");
  Packet t = Parsed(SetTimeCommand(p, qn, now, CrcVariant::kHj212));
  EXPECT_EQ(t.cn, 1012);
  EXPECT_EQ(t.st, 21);
  EXPECT_EQ(t.qn, qn);
  EXPECT_EQ(t.Find("SystemTime")->value, "20260301100005");
  EXPECT_TRUE(CrcMatches(t, CrcVariant::kHj212));
}

TEST(AnswerTest, AnOlderDeviceGetsVersionZero) {
  Packet p = Parsed(Frame("QN=20260301100000123;ST=22;CN=2061;PW=1;MN=X;Flag=1;CP=&&&&",
                          CrcVariant::kHj212));
  EXPECT_EQ(Parsed(DataAnswer(p, CrcVariant::kHj212)).flag, 0);
}

}  // namespace
}  // namespace ecociv::hj212
