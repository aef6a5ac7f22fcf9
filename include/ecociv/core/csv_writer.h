// Writing CSV that people open in a spreadsheet (RFC 4180, made safe from
// formula injection as OWASP recommends).
//
// A spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage
// return as a formula, so a station name, a reason or any other text taken
// from input could run a command on the reader's computer ("CSV injection").
// CsvCell writes such text with a leading single quote, inside double quotes:
// the spreadsheet shows it as text. A number (an optional sign, digits, an
// optional fraction and exponent: -3, +0.5, 1.2e-3) is written as it is, so
// negative values stay numbers. Every CSV the program writes for people goes
// through CsvCell (the air, water, indicator, scoring and review tables).
//
// Thread safety: pure functions; a CsvLine belongs to one thread.
#pragma once

#include <string>
#include <string_view>

namespace ecociv {

// Whether `text` is a plain decimal number as CsvCell leaves it.
bool IsCsvNumber(std::string_view text);

// One CSV field: quoted when it holds a comma, a double quote, CR or LF (a
// quote inside is doubled); text beginning with = + - @ TAB or CR is written
// as "'text" unless it is a number.
std::string CsvCell(std::string_view text);
// The same, appended to *out.
void AppendCsvCell(std::string_view text, std::string* out);

// One CSV line built field by field, each through CsvCell.
class CsvLine {
 public:
  CsvLine& Add(std::string_view field);
  // The line with its "\n".
  std::string Finish() { return std::move(text_) + "\n"; }

 private:
  std::string text_;
  bool first_ = true;
};

}  // namespace ecociv
