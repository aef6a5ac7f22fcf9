// The ecological-space layers in the store (see space_store.h).
#include "ecociv/space/space_store.h"

#include <cstdio>
#include <cstdlib>

#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::space {
namespace {

using store::Blob;
using store::RunSql;

void AddField(std::string* out, std::string_view field) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += ',';
}

// The digest the change-record entry binds: every stored row's fields.
std::string RowsDigest(const std::vector<Feature>& features) {
  store::Sha256 hash;
  for (const Feature& f : features) {
    std::string row;
    for (std::string_view field :
         {std::string_view(f.id), std::string_view(f.name), std::string_view(f.category),
          std::string_view(f.control_level), std::string_view(f.function),
          std::string_view(f.cover), std::string_view(f.wkb)}) {
      AddField(&row, field);
    }
    hash.Update(row);
  }
  return store::ToHex(hash.Finish());
}

// Where a layer's rows are in space_features. The built-up area is stored as a boundary
// of category 'built-up' (the table's layer CHECK predates it): every query below goes
// through this, so the two kinds of boundary are imported, dated and read apart.
constexpr const char* kBuiltUpCategory = "built-up";

struct StoredKey {
  std::string layer;      // space_features.layer
  std::string condition;  // SQL over space_features (alias-free), with ? for `layer`
};

StoredKey KeyOf(Layer layer) {
  if (layer == Layer::kBuiltUp) {
    return {"boundary", std::string("layer = ? AND category = '") + kBuiltUpCategory + "'"};
  }
  if (layer == Layer::kBoundary) {
    return {"boundary", std::string("layer = ? AND category <> '") + kBuiltUpCategory + "'"};
  }
  return {LayerName(layer), "layer = ?"};
}

Status CheckYear(int year) {
  if (year < 1900 || year > 2200) {
    return InvalidArgumentError("year " + std::to_string(year) + " is outside 1900..2200");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<ImportSummary> StoreLayer(store::Database* db, Layer layer, int year,
                                   const LayerFile& file, const std::string& source,
                                   const std::string& content_sha256, const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckYear(year));
  ImportSummary summary;
  summary.layer = layer;
  summary.year = year;
  summary.source_crs = file.source_crs;
  summary.features = file.features.size();
  const std::string name = LayerName(layer);
  const StoredKey key = KeyOf(layer);
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows old,
      store::QueryRows(
          db, "SELECT count(*) FROM space_features WHERE " + key.condition + " AND year = ?",
          {key.layer, int64_t{year}}));
  summary.replaced = static_cast<size_t>(store::IntegerOfText(old[0][0]));
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db, "DELETE FROM space_features WHERE " + key.condition + " AND year = ?",
             {key.layer, int64_t{year}}));
  const std::string who = actor.who.empty() ? store::CurrentUser() : actor.who;
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db,
      "INSERT INTO space_imports (layer, year, source, source_crs, content_sha256, features, "
      "imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {name, int64_t{year}, source, file.source_crs, content_sha256,
       static_cast<int64_t>(file.features.size()), store::UtcNow(), who}));
  const int64_t import_id = db->LastInsertId();
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO space_features (layer, year, code, name, category, control_level, "
                  "function, cover, wkb, area_m2, source_number, import_id) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const Feature& f : file.features) {
    insert->Reset();
    insert->BindText(0, key.layer);
    insert->BindInt64(1, year);
    insert->BindText(2, f.id);
    insert->BindText(3, f.name);
    insert->BindText(4, layer == Layer::kBuiltUp ? kBuiltUpCategory : f.category);
    insert->BindText(5, f.control_level);
    insert->BindText(6, f.function);
    insert->BindText(7, f.cover);
    insert->BindBlob(8, f.wkb);
    // Bound as its shortest exact decimal; the REAL column converts it.
    char area[40];
    std::snprintf(area, sizeof area, "%.17g", f.area_m2);
    insert->BindText(9, area);
    insert->BindInt64(10, f.number);
    insert->BindInt64(11, import_id);
    ECOCIV_RETURN_IF_ERROR(insert->Run());
    summary.area_m2 += f.area_m2;
  }
  store::LogEntry entry;
  entry.who = who;
  entry.why = actor.why;
  entry.action = "import.space";
  entry.object = "space:" + name + ":" + std::to_string(year);
  entry.detail = source + " (" + file.source_crs + "): " + std::to_string(file.features.size()) +
                 " features" +
                 (summary.replaced > 0 ? ", replacing " + std::to_string(summary.replaced) : "");
  entry.payload_sha256 = RowsDigest(file.features);
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, std::move(entry)).status());
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return summary;
}

StatusOr<ImportSummary> ImportLayerFile(store::Database* db, const std::string& path, int year,
                                        const ReadOptions& options, const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckYear(year));
  ECOCIV_ASSIGN_OR_RETURN(Vocabulary vocabulary, BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(LayerFile file, ReadLayerFile(path, options, vocabulary));
  auto bytes = ReadTextFile(path);
  std::string sha = bytes.ok() ? store::Sha256Hex(*bytes) : "";
  return StoreLayer(db, options.layer, year, file, path, sha, actor);
}

StatusOr<std::vector<Feature>> LoadLayer(store::Database* db, Layer layer, int year) {
  const StoredKey key = KeyOf(layer);
  ECOCIV_ASSIGN_OR_RETURN(
      auto stmt,
      db->Prepare("SELECT code, name, category, control_level, function, cover, wkb, area_m2, "
                  "source_number FROM space_features WHERE " +
                  key.condition + " AND year = ? ORDER BY code"));
  stmt->BindText(0, key.layer);
  stmt->BindInt64(1, year);
  std::vector<Feature> out;
  Status status;
  while (stmt->Step(&status)) {
    Feature f;
    f.id = stmt->ColumnText(0);
    f.name = stmt->ColumnText(1);
    f.category = stmt->ColumnText(2);
    f.control_level = stmt->ColumnText(3);
    f.function = stmt->ColumnText(4);
    f.cover = stmt->ColumnText(5);
    f.wkb = stmt->ColumnBlob(6);
    f.area_m2 = std::strtod(stmt->ColumnText(7).c_str(), nullptr);
    f.number = stmt->ColumnInt64(8);
    out.push_back(std::move(f));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<int> LatestLayerYear(store::Database* db, Layer layer, int year) {
  const StoredKey key = KeyOf(layer);
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(db,
                       "SELECT coalesce(max(year), 0) FROM space_features WHERE " + key.condition +
                           " AND year <= ?",
                       {key.layer, int64_t{year}}));
  return static_cast<int>(store::IntegerOfText(rows[0][0]));
}

StatusOr<LayerSource> SourceOf(store::Database* db, Layer layer, int year) {
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(db,
                       "SELECT source, source_crs, imported_at, content_sha256 FROM "
                       "space_imports WHERE layer = ? AND year = ? ORDER BY id DESC LIMIT 1",
                       {std::string(LayerName(layer)), int64_t{year}}));
  if (rows.empty()) {
    return NotFoundError(std::string("no ") + LayerName(layer) + " of " + std::to_string(year) +
                         " was imported");
  }
  return LayerSource{layer, year, rows[0][0], rows[0][1], rows[0][2], rows[0][3]};
}

StatusOr<std::vector<StoredLayer>> ListLayers(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(
          db,
          "SELECT i.layer, f.year, count(*), sum(f.area_m2), i.source, i.source_crs, "
          "i.imported_at FROM space_features f JOIN space_imports i ON i.id = f.import_id "
          "GROUP BY i.layer, f.year, i.source, i.source_crs, i.imported_at "
          "ORDER BY i.layer, f.year",
          {}));
  std::vector<StoredLayer> out;
  for (const auto& row : rows) {
    auto layer = ParseLayer(row[0]);
    if (!layer.ok()) return DataLossError("space_features: " + layer.status().message());
    StoredLayer l;
    l.layer = *layer;
    l.year = static_cast<int>(store::IntegerOfText(row[1]));
    l.features = static_cast<size_t>(store::IntegerOfText(row[2]));
    l.area_m2 = std::strtod(row[3].c_str(), nullptr);
    l.source = row[4];
    l.source_crs = row[5];
    l.imported_at = row[6];
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace ecociv::space
