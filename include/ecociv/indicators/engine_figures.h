// Computed indicator values from the engines over the store. The air engine's
// city assessment of a calendar year (HJ 663, built-in standards) gives the
// good-day ratio and the PM2.5 mean, with the figures they rest on (good and
// valid days, the change against the year before when the store covers it).
// The water engine gives the shares of sections by class. Record* write them
// as engine values (accepted, with the figures as inputs) of every indicator
// of the active catalogue whose source names the figure: engine:air.good_day_ratio,
// engine:air.pm25_mean, engine:water.class_iii_share, engine:water.worse_than_v_share.
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators {

struct AirFigures {
  std::string city;
  int year = 0;
  int good_days = 0;
  int valid_days = 0;
  std::optional<Ratio> good_day_ratio;                // percent
  std::optional<Ratio> pm25_mean;                     // µg/m³
  std::optional<Ratio> good_day_ratio_change_points;  // vs the year before
  std::optional<Ratio> pm25_change_percent;
  std::string trace;  // the figures in words, stored as the values' inputs
};

StatusOr<AirFigures> ComputeAirFigures(Database* db, const std::string& city, int year);

// Returns the ids set ("n2019_07=83.6").
StatusOr<std::vector<std::string>> RecordAirFigures(Database* db, const std::string& city, int year,
                                                    const Actor& actor);

// The water engine's city assessment of a calendar year over every section in
// the store: shares of sections at class III or better and in 劣V (percent).
struct WaterFigures {
  int year = 0;
  int sections = 0;                         // sections with a class
  std::optional<Ratio> share_good;          // % I–III
  std::optional<Ratio> share_worse_than_v;  // % 劣V
  // Drinking-water sources (sections with drinking_source) with a class, and
  // the % of them at class III or better (集中式饮用水水源地水质优良比例; the
  // year's class by the same method as every section — UNVERIFIED whether
  // the official figure instead needs every monthly result to meet III).
  int drinking_sources = 0;
  std::optional<Ratio> drinking_source_share;
  std::string trace;
};
StatusOr<WaterFigures> ComputeWaterFigures(Database* db, int year);
// Sets the engine:water.class_iii_share, engine:water.worse_than_v_share and
// engine:water.drinking_source_share indicators.
StatusOr<std::vector<std::string>> RecordWaterFigures(Database* db, int year, const Actor& actor);

}  // namespace ecociv::indicators
