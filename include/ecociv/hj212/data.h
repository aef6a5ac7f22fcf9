// The measured values a data packet carries (CN 2011 real-time, 2051
// minute, 2061 hourly, 2031 daily), as views into the packet.
//
// Rules (docs/hj212.md, "Data packets"): DataTime (YYYYMMDDhhmmss) is
// required; a real-time packet's value of an item is its `-Rtd` field, the
// others' the `-Avg` field; `-Flag` is one data flag letter (N F M S D C T B,
// N when absent); every value given must be a decimal number (parsed exactly
// later, by the item's scale). Other suffixes (Min, Max, Cou, SampleTime,
// EFlag, ...) are allowed and not used. An item with a flag and no value is
// kept with an empty value (a stopped analyser often sends no value).
//
// Thread safety: pure functions; views point into the packet's frame.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/hj212/packet.h"

namespace ecociv::hj212 {

struct Measurement {
  std::string_view code;   // "a34004", "w21003"
  std::string_view value;  // "" when the packet gives only a flag
  char flag = 'N';
};

struct DataRecord {
  int64_t data_time = 0;           // seconds since 2000-01-01 00:00:00 Beijing time
  std::vector<Measurement> items;  // packet order; keeps its capacity when reused
};

// The text the store keeps of a record's items ("code=value:flag;…", packet
// order), and its reading back: the measurements view `text`, which must
// outlive them; a field without '=' before its last ':' is skipped.
std::string ItemsText(const std::vector<Measurement>& items);
std::vector<Measurement> ParseItemsText(std::string_view text);

// True for 2011, 2051, 2061 and 2031.
bool IsDataCommand(int cn);
// "Rtd" for 2011, "Avg" for the others.
std::string_view ValueSuffix(int cn);

// Fills *record from a parsed data packet; InvalidArgument with the reason
// for a missing or bad DataTime, a value that is not a number, a flag that
// is not one known letter.
Status ExtractData(const Packet& packet, DataRecord* record);

}  // namespace ecociv::hj212
