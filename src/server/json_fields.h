// Checked inputs of the API: typed fields of a JSON request body, the year
// of a query, and the numeric ids in a path. A bad input is InvalidArgument
// naming the field (a path id that is not an id is NotFound, as an unknown
// id is), never an exception.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::server {

// Years the platform accepts (a year field, a year parameter).
inline constexpr int kFirstYear = 1990;
inline constexpr int kLastYear = 2100;

// The string field `name` of a JSON object, at most `max` bytes. Missing or
// null: "" when not `required`, else InvalidArgument.
StatusOr<std::string> StringField(const nlohmann::json& body, const char* name,
                                  bool required = true, size_t max = 2000);

// The integer field "year", kFirstYear..kLastYear.
StatusOr<int> YearField(const nlohmann::json& body);

// A date field "YYYY-MM-DD" (a real calendar date).
StatusOr<DayNumber> DateField(const nlohmann::json& body, const char* name);

// A year given as text (a query parameter): `fallback` when empty, else a
// whole number kFirstYear..kLastYear.
StatusOr<int> YearParameter(const std::string& text, int fallback);

// A positive id from a path segment ("/warnings/{id}"): NotFound
// "no <what> <text>" when the text is not one.
StatusOr<int64_t> PathId(const std::string& text, const std::string& what);

// An indicator id or project code from a path: 1..64 of letters, digits,
// '_', '-', '.', without "..".
bool ValidCode(const std::string& code);

}  // namespace ecociv::server
