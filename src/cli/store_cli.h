// Helpers shared by the store's command groups (db, import, review, audit).
#pragma once

#include <memory>
#include <string>

#include "args.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/store/database.h"

namespace ecociv::cli {

// Opens the database named by --db, $ECOCIV_DB or ./ecociv.db. It must exist
// and be at the current schema version (`ecociv db init` creates/upgrades).
StatusOr<std::unique_ptr<store::Database>> OpenStoreFromArgs(const Args& args);

// An hour label from "2026-03-01T05:00" (and the other forms of
// ParseHourLabel), or a date: its first hour (01:00) when `end` is false,
// its last (24:00) when true.
StatusOr<HourLabel> ParseLabelOrDate(const std::string& text, bool end);

}  // namespace ecociv::cli
