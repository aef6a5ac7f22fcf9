// A deterministic generator of SYNTHETIC surface-water data for a demo city
// modelled loosely on a Yangtze-delta county-level city (Zhangjiagang-like):
// 31 sections (national, provincial, municipal and town levels) on the
// Yangtze, eight tributaries and two lakes, a monthly sample of the 21 items
// plus TN and fecal coliform (chl-a and SD at lake points), seasonal patterns,
// a few sections that fail their target in some months, and below-detection
// values in all the forms the reader accepts; one tributary mouth (ZJG4) whose
// ammonia climbs 0.40 → 0.95 mg/L through each year, towards its class III
// limit. No value is real monitoring data.
//
// Same (year, seed) → byte-identical files. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::water {

struct DemoCityFiles {
  std::string sections_csv;  // section,…,chief,basin,drinking_source,categories,chief_*
  std::string samples_csv;   // section,time,item,value,flag,unit (long form)
};

DemoCityFiles GenerateDemoCity(const WaterRules& rules, int year, uint64_t seed);

// A national-scale sample set for benchmarks: `sections` river sections, one
// sample per month of `year` for each of the 21 evaluated items.
SampleSet GenerateScaledSampleSet(const WaterRules& rules, int sections, int year, uint64_t seed);

}  // namespace ecociv::water
