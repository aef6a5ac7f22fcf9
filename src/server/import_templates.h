// Internal to the server: the CSV template of each import kind — the header
// row its reader expects, so that a user fills in a file the reader takes.
// The columns are those the readers look for by name (store's station, air,
// section and water readers; the indicators tables; the people); a test
// (routes_imports_test.cc) imports each template with a row through the real
// import job, so a reader that changes its columns fails it.
//
// Thread safety: constants and pure functions.
#pragma once

#include <span>
#include <string>

namespace ecociv::server {

struct ImportTemplate {
  const char* kind;    // as POST /imports?kind= names it
  const char* header;  // the header row, comma-separated, without a line end
};

// Every kind the imports page offers, and the people.
std::span<const ImportTemplate> ImportTemplates();

// The template of `kind` as a file: a UTF-8 byte-order mark (so that Excel
// reads the Chinese it will hold), the header row and CRLF; "" for a kind
// with no template.
std::string ImportTemplateCsv(const std::string& kind);

}  // namespace ecociv::server
