// Checks of an air file's text beside the reader (internal): the units its
// header names, and where the rows of stations the database lacks are.
//
// Thread safety: pure functions.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

// Appends "path:line: unknown station 'X'" for every record naming one of
// `codes` in any field, in file order.
void LocateUnknownStations(const std::string& path, std::string_view text,
                           const std::set<std::string>& codes, std::vector<std::string>* rejects);

// Rejects a header whose pollutant columns name a unit other than the one the
// formats use (µg/m³, CO mg/m³): the values would be off by a factor. Only
// the first record of `text` is read.
Status CheckHeaderUnits(const std::string& path, std::string_view text);

}  // namespace ecociv::store
