#include "json_fields.h"

#include <cctype>

#include "ecociv/core/parse_number.h"

namespace ecociv::server {
namespace {

// The largest id a path may name: 2^53 - 1, the largest integer a page's
// JavaScript holds exactly (the store's own ids are far below; an import
// job's id is random below it).
constexpr int64_t kMaxPathId = (int64_t{1} << 53) - 1;
// How much of an unusable path segment an error message repeats.
constexpr size_t kMaxEcho = 40;

Status NotAnObject() { return InvalidArgumentError("the body must be a JSON object"); }

}  // namespace

StatusOr<std::string> StringField(const nlohmann::json& body, const char* name, bool required,
                                  size_t max) {
  if (!body.is_object()) return NotAnObject();
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string("missing field '") + name + "'");
    return std::string();
  }
  if (!it->is_string()) {
    return InvalidArgumentError(std::string("field '") + name + "' must be a string");
  }
  std::string value = it->get<std::string>();
  if (value.size() > max) {
    return InvalidArgumentError(std::string("field '") + name + "' is too long");
  }
  return value;
}

StatusOr<int> YearField(const nlohmann::json& body) {
  if (!body.is_object()) return NotAnObject();
  auto it = body.find("year");
  if (it == body.end() || !it->is_number_integer()) {
    return InvalidArgumentError("field 'year' must be an integer");
  }
  // A negative JSON integer is stored signed, a large positive one unsigned.
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(kLastYear)) {
    return InvalidArgumentError("field 'year' out of range");
  }
  int64_t year = it->get<int64_t>();
  if (year < kFirstYear || year > kLastYear) {
    return InvalidArgumentError("field 'year' out of range");
  }
  return static_cast<int>(year);
}

StatusOr<DayNumber> DateField(const nlohmann::json& body, const char* name) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, StringField(body, name, true, 10));
  auto day = ParseDate(text);
  if (text.size() != 10 || !day.ok()) {
    return InvalidArgumentError(std::string("field '") + name + "' must be a date YYYY-MM-DD");
  }
  return *day;
}

StatusOr<int> YearParameter(const std::string& text, int fallback) {
  if (text.empty()) return fallback;
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(text, kFirstYear, kLastYear, "year"));
  return static_cast<int>(year);
}

StatusOr<int64_t> PathId(const std::string& text, const std::string& what) {
  int64_t id = 0;
  if (!ParseIntegerInRange(text, 1, kMaxPathId, &id)) {
    std::string shown = text.size() > kMaxEcho ? text.substr(0, kMaxEcho) + "…" : text;
    return NotFoundError("no " + what + " " + shown);
  }
  return id;
}

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char ch : code) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-' && ch != '.') {
      return false;
    }
  }
  return code.find("..") == std::string::npos;
}

}  // namespace ecociv::server
