// The sentences of a rejected row (or of a reader's error naming one) as codes:
// what the readers of the imports write, in the words they write it. The web
// words each code itself (web/src/i18n: rowp_<code>); a test of every reader
// (row_problems_test.cc) checks that its sentences are known here, and the web
// test that every code is in both languages.
#include "ecociv/core/message_codes.h"

namespace ecociv {

const MessageCodes& RowProblemCodes() {
  // clang-format off
  static const MessageCodes kCodes({
      // The air readers (air/readers.cc) and the air import (store/air_import.cc).
      {"field_count", "expected {expected} fields, found {found}"},
      {"time_not_on_hour", "bad time {value}: hourly values must be labelled on the hour (minutes 00)"},
      {"no_such_date", "bad time {value}: no such date: {why}"},
      {"no_such_time", "bad time {value}: no such time: {why}"},
      {"bad_time", "bad time {value}: {why}"},
      {"bad_time", "bad time {value}"},
      {"time_out_of_range", "time {time} outside {from}..{to} (air data is read from 2000 to the end of tomorrow, Beijing time)"},
      {"unknown_station", "unknown station {station} (not in the station list)"},
      {"unknown_station", "unknown station {station} (import it with `ecociv import stations` first)"},
      {"unknown_station", "unknown station {station}"},
      {"bad_number", "bad number {value} in field {field}"},
      {"duplicate_hour", "duplicate station-hour {station} {time} with different values (first at {first}; the first is kept)"},
      {"more_rejects", "{count} further rejected rows not listed"},
      // Station lists (store/station_import.cc).
      {"empty_station_code", "empty station code"},
      {"empty_city", "empty city"},
      {"bad_longitude", "bad longitude {value}"},
      {"bad_latitude", "bad latitude {value}"},
      {"bad_background", "bad background flag {value}"},
      {"duplicate_station", "duplicate station {station} (first at {first})"},
      // Water sections and samples (water/samples.cc, store/water_store.cc).
      {"empty_section_id", "empty section id"},
      {"category_too_long", "category {value} is longer than 100 bytes"},
      {"section_type", "type {value} is not river, lake or reservoir"},
      {"target_class", "target_class {value} is not a class I..V"},
      {"section_level", "level {value} is not national, provincial, municipal or town"},
      {"drinking_source", "drinking_source {value} is not 1/0, yes/no or 是/否"},
      {"section_twice", "section {section} already defined on line {first_line}"},
      {"section_twice_file", "section {section} already defined in {first}"},
      {"unknown_section", "unknown section {section}"},
      {"unknown_item", "unknown item {item}"},
      {"unit_conversion", "unit {unit} cannot be converted to {to} for {item}"},
      {"unknown_flag", "unknown flag {flag}"},
      {"nd_without_limit", "ND without a detection limit for {item}"},
      {"bad_number_item", "bad number {value} for {item}"},
      {"negative_value", "negative value {value} for {item}"},
      {"two_values", "section {section} {date} {item}: two values ({first_value} and {value}) for one day (the first on line {first_line})"},
      {"two_values_file", "section {section} {date} {item}: two values ({first_value} and {value}) for one day (the first from an earlier file)"},
      {"two_values_file", "section {section} {date} {item}: two values ({first_value} and {value}) for one day"},
      // The demonstration-zone tables (indicators/imports.cc, core/csv_columns.cc)
      // and indicator values (indicators/indicator_store.cc).
      {"header_expected", "header expected"},
      {"column_twice", "column '{column}' appears twice in the header (fields {first} and {second})"},
      {"missing_column", "missing column '{column}'"},
      {"code_name_required", "code and name are required"},
      {"code_name_required", "code and name required"},
      {"unit_kind", "kind {value} must be department, town, district or subdistrict"},
      {"duplicate_code", "duplicate code {code}"},
      {"year_range", "year {value} out of range 2000-2100"},
      {"year_form", "year {value} is not YYYY"},
      {"unknown_indicator", "unknown indicator {indicator} in catalogue {catalogue}"},
      {"target_not_number", "target {value} is not a number"},
      {"deadline_date", "deadline {value} is not YYYY-MM-DD"},
      {"duplicate_year_row", "duplicate row for {indicator} {year}"},
      {"duplicate_row", "duplicate row for {indicator}"},
      {"budget_number", "budget_wan {value} is not a non-negative number"},
      {"progress_range", "progress {value} must be 0-100"},
      {"project_status", "status {value} must be planned, in_progress, done or suspended"},
      {"milestone_fields", "milestone needs a title, due YYYY-MM-DD, done date or empty"},
      {"project_differs", "project {code} differs from line {first_line}"},
      {"value_derived", "{indicator} is derived ({formula}); set its inputs"},
      {"value_engine", "{indicator} takes the engine figure {figure}, computed from the store's data when read; only a reported value (for a year without data) can be entered"},
      {"value_not_number", "{indicator}: value {value} is not a number"},
      {"value_empty", "{indicator}: empty value"},
      // Headers (air/reader_columns.cc, store/station_import.cc, water/samples.cc).
      {"unrecognised_header", "unrecognised header; expected the CNEMC release (timepoint,stationcode,...), a wide CSV (station,time,so2,no2,co,o3,pm10,pm25), the Zhejiang release (sitecode,...,SYWRW) or the Jinan release (SubID,time,MAXAQI,...)"},
      {"no_pollutant_column", "no pollutant column (expected so2,no2,co,o3,pm10,pm25)"},
      {"no_time_column", "no time column"},
      {"columns_same", "columns {first_name} and {second_name} are one column named twice in the header (fields {first} and {second})"},
      {"missing_column", "bad header: no column '{column}' (station,name,city,lon,lat[,background][,type])"},
      {"missing_column", "header lacks the column '{column}'"},
      {"missing_section_time", "header needs the columns 'section' and 'time'"},
      {"long_form_columns", "long form needs both 'item' and 'value' columns"},
      {"unexpected_column", "unexpected column {column}"},
      {"unknown_item_columns", "unknown item column(s) {columns}"},
      {"no_item_columns", "no item columns"},
      // Whole files.
      {"empty_file", "empty file"},
      {"empty_file", "empty file (no header row)"},
      {"no_worksheet", "no worksheet"},
      {"no_stations", "no stations (header only)"},
      {"no_sections", "no sections"},
  });
  // clang-format on
  return kCodes;
}

}  // namespace ecociv
