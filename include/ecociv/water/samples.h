// Surface-water input: the sections file and sample files (docs/formats.md,
// "Water: samples and sections").
//
//   sections: section,name,river,type,target_class,level[,chief][,basin]
//             [,drinking_source][,categories][,chief_name][,chief_post][,chief_unit]
//
// `categories` lists the groups the city reports the section in (国省考断面,
// 通江支流, 饮用水水源地 …), separated by `;` (or the full-width `；`), each at
// most once; `chief_name`, `chief_post`, `chief_unit` are the section chief
// (断面长) as a person, a post and a unit; the older free-text `chief` stays.
//   samples (long): section,time,item,value[,flag][,unit]
//   samples (wide): section,time,<item>,<item>,...
//
// `time` is a date ("2025-11-06"), a month ("2025-11", dated the 1st) or a
// date and time of day ("2025-11-06 20:00", "2025-11-06T20:00:00"); the time
// of day is kept (Sample::minute) for per-sample classification (realtime.h).
//
// Items are recognised by id, Chinese name, symbol or HJ 212 code; values are
// exact decimals converted to the item's unit by a power of ten and stored
// scaled by kWaterScale. A below-detection value (`ND`, `<0.02`, `0.02L`, or a
// flag L/ND/< in the flag column) keeps its detection limit. Any bad row is an
// InvalidArgument error "file:line: reason" and nothing is returned from a
// half-read file.
//
// The readers are pure functions (thread-safe); the returned values are plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/water/rules.h"

namespace ecociv::water {

enum class SectionLevel : int8_t { kNational, kProvincial, kMunicipal, kTown };
const char* SectionLevelName(SectionLevel level);

struct Section {
  std::string id;
  std::string name;
  std::string river;  // river name; for lakes and reservoirs, the lake's name
  std::string basin;  // optional
  WaterBody type = WaterBody::kRiver;
  WaterClass target = WaterClass::kIII;
  SectionLevel level = SectionLevel::kMunicipal;
  std::string chief;  // optional free text
  // The section chief as structured fields (optional; any may be empty).
  std::string chief_name, chief_post, chief_unit;
  // The city's reporting groups, in the order written, without repeats.
  std::vector<std::string> categories;
  // A centralized drinking-water source (集中式饮用水水源地): optional column
  // drinking_source, 1/0, yes/no, true/false, 是/否; empty = no.
  bool drinking_source = false;
};

// The chief as one line for messages and owners: the free-text `chief` when
// given, else "name（post，unit）" from the structured fields ("" when none).
std::string ChiefText(const Section& section);

// Categories joined by ";" (the CSV and store form) and split back.
std::string JoinCategories(const std::vector<std::string>& categories);
std::vector<std::string> SplitCategories(std::string_view text);

struct Sample {
  int32_t section = 0;  // index into the sections
  DayNumber day = 0;
  // Minute of the day of the monitoring time (0..1439) as written in the time
  // column ("2025-11-06 20:00" is 1200); -1 when the time gives a date only.
  // Water samples are instants: no hour-ending shift, 00:00 stays on its date.
  int16_t minute = -1;
  int16_t item = 0;  // index into WaterRules::items()
  bool below_detection = false;
  bool limit_known = true;  // false for a bare `ND`
  int64_t value = 0;        // scaled by kWaterScale; the detection limit when below detection
};

struct SampleSet {
  std::vector<Section> sections;
  std::vector<Sample> samples;
  // Index of a section by id, or -1.
  int FindSection(std::string_view id) const;
};

// Reads the sections CSV.
StatusOr<std::vector<Section>> ParseSections(std::string_view text, const std::string& file_name);
StatusOr<std::vector<Section>> ReadSections(const std::string& path);

// Reads a samples CSV (long or wide, told apart by the header) and appends its
// rows to `set->samples`; sections must already be in `set`. On error `set` is
// left unchanged.
Status ParseSamples(std::string_view text, const std::string& file_name, const WaterRules& rules,
                    SampleSet* set);
Status ReadSamples(const std::string& path, const WaterRules& rules, SampleSet* set);

// Parses a time cell: a date, a date and a time of day (HH:MM or HH:MM:SS
// after a space or T; *minute is its minute of the day, otherwise -1), or a
// month (dated the 1st). Exposed for the release reader (release.h).
StatusOr<DayNumber> ParseSampleTime(std::string_view text, int16_t* minute);

// Parses one value cell: "0.52", "ND", "<0.02", "0.02L", with `flag` (may be
// empty) and `unit` (may be empty: the item's unit). Exposed for tests.
Status ParseSampleValue(std::string_view value, std::string_view flag, std::string_view unit,
                        const WaterItem& item, const WaterOptions& options, Sample* sample);

}  // namespace ecociv::water
