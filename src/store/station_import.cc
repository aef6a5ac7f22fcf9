// Importing station lists (see import.h for the contract).
#include <map>
#include <set>
#include <string_view>

#include "batch.h"
#include "canonical.h"
#include "ecociv/store/regions.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/import.h"
#include "entity_writer.h"
#include "import_source.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

enum Column { kCode, kName, kCity, kLon, kLat, kBackground, kType, kRegion, kColumnCount };

// Header names accepted for each column (the wide format's own, and the
// CNEMC station list's).
const std::map<std::string_view, Column>& HeaderAliases() {
  static const std::map<std::string_view, Column> kAliases = {
      {"station", kCode}, {"stationcode", kCode},  {"code", kCode},
      {"name", kName},    {"positionname", kName}, {"city", kCity},
      {"area", kCity},    {"lon", kLon},           {"longitude", kLon},
      {"lat", kLat},      {"latitude", kLat},      {"background", kBackground},
      {"type", kType},    {"region", kRegion}};
  return kAliases;
}

Status MapHeader(const std::vector<std::string_view>& header, std::array<int, kColumnCount>* map) {
  map->fill(-1);
  for (size_t i = 0; i < header.size(); ++i) {
    auto it = HeaderAliases().find(TrimSpaces(header[i]));
    if (it == HeaderAliases().end()) continue;
    int& column = (*map)[it->second];
    if (column >= 0) {
      // Two columns for one field: which one is meant cannot be told.
      return InvalidArgumentError("bad header: " + QuoteForMessage(TrimSpaces(header[column])) +
                                  " and " + QuoteForMessage(TrimSpaces(header[i])) +
                                  " name one column twice (fields " + std::to_string(column + 1) +
                                  " and " + std::to_string(i + 1) + ")");
    }
    column = static_cast<int>(i);
  }
  const char* required[] = {"station", "name", "city", "lon", "lat"};
  for (int column = kCode; column <= kLat; ++column) {
    if ((*map)[column] < 0) {
      return InvalidArgumentError(std::string("bad header: no column '") + required[column] +
                                  "' (station,name,city,lon,lat[,background][,type][,region])");
    }
  }
  return Status::Ok();
}

bool ParseBackground(std::string_view text, bool* out) {
  if (text == "1" || text == "true" || text == "是" || text == "yes") return *out = true, true;
  if (text == "0" || text == "false" || text == "否" || text == "no") return *out = false, true;
  return false;
}

// Parses one record into *row; returns the reason when it is rejected.
std::string ParseStationRecord(const std::vector<std::string_view>& fields,
                               const std::array<int, kColumnCount>& map, StationRow* row) {
  auto field = [&](Column c) -> std::string_view {
    int index = map[c];
    return index >= 0 && index < static_cast<int>(fields.size()) ? TrimSpaces(fields[index])
                                                                 : std::string_view();
  };
  row->code = field(kCode);
  row->name = field(kName);
  row->city = field(kCity);
  row->longitude = field(kLon);
  row->latitude = field(kLat);
  row->type = field(kType);
  row->region = field(kRegion);
  if (row->code.empty()) return "empty station code";
  if (row->city.empty()) return "empty city";
  if (!row->region.empty() &&
      (row->region.size() != 6 ||
       row->region.find_first_not_of("0123456789") != std::string::npos)) {
    return "bad region " + QuoteForMessage(row->region) + " (a six-digit GB/T 2260 code)";
  }
  double lon, lat;
  if (!ParseDouble(row->longitude, &lon) || lon < -180 || lon > 180) {
    return "bad longitude " + QuoteForMessage(row->longitude);
  }
  if (!ParseDouble(row->latitude, &lat) || lat < -90 || lat > 90) {
    return "bad latitude " + QuoteForMessage(row->latitude);
  }
  row->background = row->name.find("对照点") != std::string::npos;
  std::string_view background = field(kBackground);
  if (!background.empty() && !ParseBackground(background, &row->background)) {
    return "bad background flag " + QuoteForMessage(background);
  }
  return "";
}

struct ParsedStations {
  std::vector<StationRow> rows;
  std::vector<std::string> rejects;
};

Status ParseStationPart(const std::string& path, std::string_view text,
                        std::map<std::string, std::string>* first_seen, ParsedStations* parsed) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) {
    ECOCIV_RETURN_IF_ERROR(reader.status().WithContext(path));
    return InvalidArgumentError(path + ": empty file");
  }
  std::array<int, kColumnCount> map;
  ECOCIV_RETURN_IF_ERROR(MapHeader(fields, &map).WithContext(path + ":1"));
  while (reader.NextRecord(&fields)) {
    StationRow row;
    std::string where = path + ":" + std::to_string(reader.line());
    std::string reason = ParseStationRecord(fields, map, &row);
    if (reason.empty()) {
      auto [it, fresh] = first_seen->emplace(row.code, where);
      if (!fresh) reason = "duplicate station " + row.code + " (first at " + it->second + ")";
    }
    if (!reason.empty()) {
      parsed->rejects.push_back(where + ": " + reason);
      continue;
    }
    row.where = where;
    parsed->rows.push_back(std::move(row));
  }
  return reader.status().WithContext(path);
}

StatusOr<ParsedStations> ParseStations(const ImportSource& source) {
  ParsedStations parsed;
  std::map<std::string, std::string> first_seen;
  for (const SourcePart& part : source.parts()) {
    ECOCIV_RETURN_IF_ERROR(ParseStationPart(part.label, part.text, &first_seen, &parsed));
  }
  if (parsed.rows.empty() && parsed.rejects.empty()) {
    return InvalidArgumentError(source.parts()[0].label + ": no stations (header only)");
  }
  return parsed;
}

void BindStation(Statement* upsert, const StationRow& row, int64_t batch_id) {
  const std::string* texts[] = {&row.code, &row.name, &row.city, &row.longitude, &row.latitude};
  for (int i = 0; i < 5; ++i) upsert->BindText(i, *texts[i]);
  upsert->BindInt64(5, row.background ? 1 : 0);
  upsert->BindText(6, row.type);
  upsert->BindInt64(7, batch_id);
}

const EntityTable<StationRow> kStationTable = {
    "stations",
    "INSERT INTO stations (code, name, city, longitude, latitude, background, type, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
    "city = excluded.city, longitude = excluded.longitude, latitude = excluded.latitude, "
    "background = excluded.background, type = excluded.type, batch_id = excluded.batch_id",
    BindStation, StationCanonical};

}  // namespace

Status WriteStationBatch(Database* db, const std::vector<StationRow>& rows,
                         const std::vector<std::string>& rejects, const Actor& actor,
                         BatchRecord* batch, std::string* revised) {
  ECOCIV_RETURN_IF_ERROR(CreateBatch(db, actor, batch));
  RowHashList hashes;
  ECOCIV_ASSIGN_OR_RETURN(auto existing, ReadStationTable(db));
  ECOCIV_RETURN_IF_ERROR(WriteEntities(db, kStationTable, rows, existing, batch, &hashes, revised));
  // A region column gives each station its region (an unknown region refuses the file).
  for (const StationRow& row : rows) {
    if (row.region.empty()) continue;
    Status s = SetRegionInTransaction(db, "station", row.code, row.region, actor);
    if (!s.ok()) return Status(s.code(), row.where + ": " + s.message());
  }
  std::string extra = revised->empty() ? "" : "; revised stations: " + *revised;
  return FinishBatch(db, actor, &hashes, rejects, extra, batch);
}

namespace {

constexpr char kSelectStations[] =
    "SELECT id, code, name, city, longitude, latitude, background, type, batch_id FROM stations";

// Adds the rows of a query over kSelectStations to *stations.
Status CollectStations(Statement* query, std::map<std::string, StationRow>* stations) {
  Status status;
  while (query->Step(&status)) {
    StationRow s;
    s.id = query->ColumnInt64(0);
    s.code = query->ColumnText(1);
    s.name = query->ColumnText(2);
    s.city = query->ColumnText(3);
    s.longitude = query->ColumnText(4);
    s.latitude = query->ColumnText(5);
    s.background = query->ColumnInt64(6) != 0;
    s.type = query->ColumnText(7);
    s.batch_id = query->ColumnInt64(8);
    stations->emplace(s.code, std::move(s));
  }
  query->Reset();
  return status;
}

// The stations whose `column` is one of `values`.
StatusOr<std::map<std::string, StationRow>> StationsWhere(Database* db, const char* column,
                                                          const std::vector<std::string>& values) {
  std::map<std::string, StationRow> stations;
  if (values.size() > 8) {
    // One pass over the table instead of one query per value (city has no
    // index: the 360 cities of a national release were 360 scans).
    std::set<std::string_view> wanted(values.begin(), values.end());
    ECOCIV_ASSIGN_OR_RETURN(auto all, db->Prepare(kSelectStations));
    ECOCIV_RETURN_IF_ERROR(CollectStations(all.get(), &stations));
    std::erase_if(stations, [&](const auto& entry) {
      const StationRow& s = entry.second;
      return !wanted.count(std::string_view(column) == "city" ? s.city : s.code);
    });
    return stations;
  }
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare(std::string(kSelectStations) + " WHERE " +
                                                  column + " = ?"));
  for (const std::string& value : values) {
    query->BindText(0, value);
    ECOCIV_RETURN_IF_ERROR(CollectStations(query.get(), &stations));
  }
  return stations;
}

}  // namespace

StatusOr<std::map<std::string, StationRow>> ReadStationTable(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto query, db->Prepare(kSelectStations));
  std::map<std::string, StationRow> stations;
  ECOCIV_RETURN_IF_ERROR(CollectStations(query.get(), &stations));
  return stations;
}

StatusOr<std::map<std::string, StationRow>> ReadStationsByCode(
    Database* db, const std::vector<std::string>& codes) {
  return StationsWhere(db, "code", codes);
}

StatusOr<std::map<std::string, StationRow>> ReadStationsOfCities(
    Database* db, const std::vector<std::string>& cities) {
  return StationsWhere(db, "city", cities);
}

StatusOr<ImportResult> ImportStationsFile(Database* db, const std::string& path,
                                          const ImportOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<ImportSource> source, ImportSource::Open(path));
  ImportResult result;
  result.source = path;
  BatchRecord batch;
  batch.kind = "stations";
  batch.source = path;
  batch.content_sha256 = source->digest();
  ECOCIV_ASSIGN_OR_RETURN(result.batch_id,
                          FindBatchByContent(db, batch.kind, batch.content_sha256));
  if (result.batch_id != 0) {
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  ECOCIV_ASSIGN_OR_RETURN(ParsedStations parsed, ParseStations(*source));
  result.rejects = parsed.rejects;
  if (!parsed.rejects.empty() && !options.skip_bad_rows) {
    result.outcome = ImportOutcome::kRejected;
    return result;
  }
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::string revised;
  ECOCIV_RETURN_IF_ERROR(
      WriteStationBatch(db, parsed.rows, parsed.rejects, options.actor, &batch, &revised));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  result.batch_id = batch.id;
  result.rows_inserted = batch.rows_inserted;
  result.rows_revised = batch.rows_revised;
  result.rows_unchanged = batch.rows_unchanged;
  if (!revised.empty()) result.revisions.push_back("stations " + revised);
  return result;
}

std::string ImportResult::Summary() const {
  switch (outcome) {
    case ImportOutcome::kUnchanged:
      return source + ": already imported as batch " + std::to_string(batch_id) +
             "; nothing changed";
    case ImportOutcome::kRejected:
      return source + ": rejected, nothing imported: " + WithThousands(rejects.size()) +
             " bad rows (use --skip-bad-rows to import the good rows)";
    case ImportOutcome::kImported:
      break;
  }
  std::string text = source + ": imported as batch " + std::to_string(batch_id) + ": " +
                     WithThousands(rows_inserted) + " rows inserted, " +
                     WithThousands(rows_revised) + " revised, " + WithThousands(rows_unchanged) +
                     " unchanged, " + WithThousands(rejects.size()) + " rejected";
  if (stations_added > 0) text += "; " + WithThousands(stations_added) + " stations added";
  if (flags_raised > 0) text += "; " + WithThousands(flags_raised) + " values flagged for review";
  return text;
}

}  // namespace ecociv::store
