// The optional `region` column of section and unit lists (store/regions.h):
// read beside the lists' own readers, applied in the import's transaction,
// so that an unknown region refuses the whole file. Not part of a row's
// fingerprint: a region is a change of its own ("region.assign").
#include <cctype>

#include "ecociv/core/csv_columns.h"
#include "ecociv/core/message_text.h"
#include "ecociv/store/regions.h"

namespace ecociv::store {

namespace {

// The header line in lower case (the lists' own readers match names in any case).
std::string LowerHeader(std::string_view csv) {
  std::string header(csv.substr(0, csv.find('\n')));
  for (char& ch : header) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return header;
}

// Whether the header line names a `region` column.
bool HasRegionColumn(std::string_view csv) {
  const std::string header = LowerHeader(csv);
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string::npos) end = header.size();
    std::string field = header.substr(pos, end - pos);
    size_t first = field.find_first_not_of(" \t\r\"\xEF\xBB\xBF");
    size_t last = field.find_last_not_of(" \t\r\"");
    if (first != std::string::npos && field.substr(first, last - first + 1) == "region")
      return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

StatusOr<std::vector<RegionCell>> ReadRegionColumn(std::string_view csv, const std::string& label,
                                                   const std::string& key_column) {
  std::vector<RegionCell> cells;
  if (!HasRegionColumn(csv)) return cells;
  std::string text = LowerHeader(csv);
  if (text.size() < csv.size()) text += csv.substr(text.size());
  ECOCIV_ASSIGN_OR_RETURN(auto rows, ReadCsvColumns(text, label, {key_column}, {"region"}));
  for (const CsvRow& row : rows) {
    const std::string& region = row.fields[1];
    if (region.empty() || row.fields[0].empty()) continue;
    std::string where = label + ":" + std::to_string(row.line);
    if (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgumentError(where + ": bad region " + QuoteForMessage(region) +
                                  " (a six-digit GB/T 2260 code)");
    }
    cells.push_back({row.fields[0], region, std::move(where)});
  }
  return cells;
}

Status ApplyRegionColumn(Database* db, const std::string& kind,
                         const std::vector<RegionCell>& cells,
                         const std::set<std::string>& imported, const Actor& actor) {
  for (const RegionCell& cell : cells) {
    if (!imported.count(cell.code)) continue;
    Status s = SetRegionInTransaction(db, kind, cell.code, cell.region, actor);
    if (!s.ok()) return Status(s.code(), cell.where + ": " + s.message());
  }
  return Status::Ok();
}

}  // namespace ecociv::store
