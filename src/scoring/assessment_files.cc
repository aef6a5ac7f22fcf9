// People, values and events imported from a file (CSV, .gz, .xz or the first
// sheet of an .xlsx workbook).
#include <filesystem>

#include "ecociv/core/text_input.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/store/xlsx.h"

namespace ecociv::scoring {
namespace {

struct TableFile {
  std::string name;  // as errors and origins name it
  std::string csv;
};

StatusOr<TableFile> ReadTable(const std::string& path, const std::string& shown_name) {
  TableFile out;
  out.name = shown_name.empty() ? std::filesystem::path(path).filename().string() : shown_name;
  if (store::IsXlsxPath(path)) {
    ECOCIV_ASSIGN_OR_RETURN(auto sheets, store::ReadXlsxAsCsv(path));
    if (sheets.empty()) return InvalidArgumentError(out.name + ": no worksheet");
    out.csv = std::move(sheets[0].csv);
  } else {
    ECOCIV_ASSIGN_OR_RETURN(out.csv, ReadTextFile(path));
  }
  return out;
}

}  // namespace

StatusOr<int> ImportPeopleFile(Database* db, const std::string& path, const std::string& shown_name,
                               const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(TableFile file, ReadTable(path, shown_name));
  return ImportPeople(db, file.csv, file.name, actor);
}

StatusOr<int> ImportAssessmentValuesFile(Database* db, const Scheme& scheme, int year,
                                         const std::string& path, const std::string& shown_name,
                                         const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(TableFile file, ReadTable(path, shown_name));
  return ImportAssessmentValues(db, scheme, year, file.csv, file.name, actor);
}

StatusOr<int> ImportAssessmentEventsFile(Database* db, const Scheme& scheme, int year,
                                         const std::string& path, const std::string& shown_name,
                                         const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(TableFile file, ReadTable(path, shown_name));
  return ImportAssessmentEvents(db, scheme, year, file.csv, file.name, actor);
}

}  // namespace ecociv::scoring
