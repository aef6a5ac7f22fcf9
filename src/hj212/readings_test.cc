#include "ecociv/hj212/readings.h"

#include <gtest/gtest.h>

#include "ecociv/hj212/answer.h"

namespace ecociv::hj212 {
namespace {

const Readings& R() {
  static const Readings* r = [] {
    auto loaded = Readings::Load("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Readings(std::move(*loaded));
  }();
  return *r;
}

// Parses `data` framed, extracts its record; the frame is kept in *frame.
DataRecord Record(const std::string& data, std::string* frame, Packet* p) {
  *frame = Frame(data, CrcVariant::kHj212);
  EXPECT_TRUE(ParsePacket(*frame, p).ok());
  DataRecord r;
  Status s = ExtractData(*p, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

TEST(ReadingsTest, AirHourlyValuesFlagsAndLabels) {
  std::string frame;
  Packet p;
  DataRecord r = Record(
      "ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a21026-Avg=8,a21026-Flag=N;"
      "a34004-Avg=35.55555,a34004-Flag=M;a21005-Avg=0.8;a05024-Avg=-2;a01001-Avg=12.5&&",
      &frame, &p);
  AirReading air;
  ASSERT_TRUE(R().ToAir(r, HourTime::kStart, p.cn, &air).ok());
  EXPECT_EQ(FormatHourLabel(air.label), "2026-03-01T10:00");
  EXPECT_EQ(air.values[int(air::Pollutant::kSO2)], 80000);
  EXPECT_EQ(air.values[int(air::Pollutant::kPM25)], 355556);  // 35.55555 → 35.5556 (half to even)
  EXPECT_EQ(air.flags[int(air::Pollutant::kPM25)], 'M');
  EXPECT_EQ(air.values[int(air::Pollutant::kCO)], 8000);
  EXPECT_EQ(air.values[int(air::Pollutant::kO3)], air::kMissing);  // negative: dropped
  EXPECT_EQ(air.negative_dropped, 1);
  EXPECT_EQ(air.values[int(air::Pollutant::kNO2)], air::kMissing);
  EXPECT_EQ(air.flags[int(air::Pollutant::kNO2)], 0);
  EXPECT_EQ(air.stored_items, 4);  // the weather item is not stored
  ASSERT_TRUE(R().ToAir(r, HourTime::kEnd, p.cn, &air).ok());
  EXPECT_EQ(FormatHourLabel(air.label), "2026-03-01T09:00");
  EXPECT_EQ(R().AirCode(air::Pollutant::kPM10), "a34002");
  EXPECT_TRUE(R().IsValidFlag('N'));
  EXPECT_FALSE(R().IsValidFlag('M'));
  EXPECT_EQ(R().default_hour_time(), HourTime::kStart);
}

TEST(ReadingsTest, AirRefusals) {
  std::string frame;
  Packet p;
  DataRecord r = Record("ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301093000;a21026-Avg=8&&",
                        &frame, &p);
  AirReading air;
  EXPECT_EQ(R().ToAir(r, HourTime::kStart, p.cn, &air).message(),
            "the DataTime of hourly data must be on the hour");
  r = Record("ST=22;CN=2061;PW=1;MN=X;CP=&&DataTime=20260301090000;a21026-Avg=300000&&", &frame,
             &p);
  EXPECT_EQ(R().ToAir(r, HourTime::kStart, p.cn, &air).message(), "a21026 '300000' is out of range");
  // Real-time data keep their second and fall in their hour.
  r = Record("ST=22;CN=2011;PW=1;MN=X;CP=&&DataTime=20260301093015;a21026-Rtd=8&&", &frame, &p);
  ASSERT_TRUE(R().ToAir(r, HourTime::kStart, p.cn, &air).ok());
  EXPECT_EQ(FormatHourLabel(air.label), "2026-03-01T10:00");
  EXPECT_EQ(FormatCompactTime(air.data_time), "20260301093015");
}

TEST(ReadingsTest, WaterItemsByTheirCodes) {
  std::string frame;
  Packet p;
  DataRecord r = Record(
      "ST=21;CN=2031;PW=1;MN=W;CP=&&DataTime=20260301000000;w21003-Avg=0.512,w21003-Flag=N;"
      "w01001-Avg=7.6;w01010-Avg=-1.5;w21011-Avg=-0.1;w99999-Avg=3;w01009-Flag=D&&",
      &frame, &p);
  WaterReading w;
  ASSERT_TRUE(R().ToWater(r, p.cn, &w).ok());
  EXPECT_EQ(FormatDate(w.day), "2026-03-01");
  ASSERT_EQ(w.values.size(), 3u);  // NH3-N, pH, water temperature; TP negative dropped
  EXPECT_EQ(R().water_rules().item(w.values[0].item).id, "nh3n");
  EXPECT_EQ(w.values[0].value, 512000);
  EXPECT_EQ(R().water_rules().item(w.values[2].item).id, "temp");
  EXPECT_EQ(w.values[2].value, -1500000);
  EXPECT_EQ(w.negative_dropped, 1);
  r = Record("ST=21;CN=2031;PW=1;MN=W;CP=&&DataTime=20260301120000&&", &frame, &p);
  EXPECT_EQ(R().ToWater(r, p.cn, &w).message(), "the DataTime of daily data must be 00:00:00");
}

}  // namespace
}  // namespace ecociv::hj212
