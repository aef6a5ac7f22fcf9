#include "ecociv/core/message_codes.h"

#include <gtest/gtest.h>

#include <set>

namespace ecociv {
namespace {

using Args = std::vector<std::pair<std::string, std::string>>;

TEST(MessageCodes, MatchesWholeSentencesInTableOrder) {
  MessageCodes codes({{"specific", "bad time {value}: hourly values on the hour"},
                      {"general", "bad time {value}: {why}"},
                      {"plain", "empty (city)"}});
  auto m = codes.Match("bad time '05:30': hourly values on the hour");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "specific");
  EXPECT_EQ(m->args, (Args{{"value", "'05:30'"}}));
  m = codes.Match("bad time 'x': a: b");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "general");
  EXPECT_EQ(m->args, (Args{{"value", "'x'"}, {"why", "a: b"}}));
  // Regular-expression characters are literal text; a sentence is matched whole.
  EXPECT_TRUE(codes.Match("empty (city)"));
  EXPECT_FALSE(codes.Match("empty city"));
  EXPECT_FALSE(codes.Match("empty (city) and more"));
  EXPECT_FALSE(codes.Match(""));
  // A long sentence is not matched (nor a danger to the stack).
  EXPECT_FALSE(codes.Match("bad time '" + std::string(1 << 20, 'x') + "': b"));
}

TEST(RowProblemOf, SplitsWhereLineAndReason) {
  RowProblem p = RowProblemOf("空气 (1).csv:12: bad number 'abc' in field pm25");
  EXPECT_EQ(p.where, "空气 (1).csv");
  EXPECT_EQ(p.line, 12);
  EXPECT_EQ(p.reason.code, "bad_number");
  EXPECT_EQ(p.reason.args, (Args{{"value", "'abc'"}, {"field", "pm25"}}));
  p = RowProblemOf(
      "book.xlsx[Sheet1]:3: unknown station 'X9' (import it with `ecociv import "
      "stations` first)");
  EXPECT_EQ(p.where, "book.xlsx[Sheet1]");
  EXPECT_EQ(p.line, 3);
  EXPECT_EQ(p.reason.code, "unknown_station");
  EXPECT_EQ(p.reason.args, (Args{{"station", "'X9'"}}));
  // A time's own colons are not the line's.
  p = RowProblemOf(
      "a.csv:4: bad time '2026-03-01 05:30': hourly values must be labelled on the "
      "hour (minutes 00)");
  EXPECT_EQ(p.line, 4);
  EXPECT_EQ(p.reason.code, "time_not_on_hour");
  // Without a line.
  p = RowProblemOf("a.csv: 7 further rejected rows not listed");
  EXPECT_EQ(p.where, "a.csv");
  EXPECT_EQ(p.line, 0);
  EXPECT_EQ(p.reason.code, "more_rejects");
  EXPECT_EQ(p.reason.args, (Args{{"count", "7"}}));
  p = RowProblemOf("w.csv: section 'S1' 2026-03-01 codmn: two values (1 and 2) for one day");
  EXPECT_EQ(p.where, "w.csv");
  EXPECT_EQ(p.reason.code, "two_values_file");
  // A header's problem is on line 1.
  p = RowProblemOf(
      "a.csv:1: unrecognised header; expected the CNEMC release "
      "(timepoint,stationcode,...), a wide CSV (station,time,so2,no2,co,o3,pm10,"
      "pm25), the Zhejiang release (sitecode,...,SYWRW) or the Jinan release "
      "(SubID,time,MAXAQI,...)");
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.reason.code, "unrecognised_header");
  p = RowProblemOf(
      "s.csv:1: bad header: no column 'lat' (station,name,city,lon,lat[,background]"
      "[,type])");
  EXPECT_EQ(p.reason.code, "missing_column");
  EXPECT_EQ(p.reason.args, (Args{{"column", "lat"}}));
  // Nothing known: "other", the sentence kept whole.
  p = RowProblemOf("a.csv:2: something new");
  EXPECT_EQ(p.where, "a.csv");
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.reason.code, "other");
  EXPECT_EQ(p.reason.args, (Args{{"text", "something new"}}));
  p = RowProblemOf("no place at all");
  EXPECT_EQ(p.where, "");
  EXPECT_EQ(p.reason.code, "other");
}

// Codes are names the web can use as keys; "other" is kept for the unknown.
TEST(RowProblemCodes, CodesAreKeys) {
  std::set<std::string> codes;
  for (const MessagePattern& p : RowProblemCodes().patterns()) {
    codes.insert(p.code);
    EXPECT_NE(std::string(p.code), "other");
    for (char c : std::string(p.code)) EXPECT_TRUE(c == '_' || (c >= 'a' && c <= 'z')) << p.code;
  }
  EXPECT_GE(codes.size(), 50u);
}

}  // namespace
}  // namespace ecociv
