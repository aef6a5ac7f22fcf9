// The ecological-space layers in the store (migration 11, table space_features):
// one layer of one year is replaced whole by an import, in one transaction with
// a change-record entry (action "import.space", object "space:<layer>:<year>",
// payload the file's SHA-256), so a refused file leaves the store as it was.
//
// Thread safety: functions take a Database that the caller owns exclusively.
#pragma once
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/space/feature.h"
#include "ecociv/space/reader.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::space {

struct ImportSummary {
  Layer layer = Layer::kControlArea;
  int year = 0;
  std::string source_crs;
  size_t features = 0, replaced = 0;
  double area_m2 = 0;
};

// Reads `path` (reader.h) and stores its features as `layer` of `year`.
StatusOr<ImportSummary> ImportLayerFile(store::Database* db, const std::string& path, int year,
                                        const ReadOptions& options, const store::Actor& actor);

// Stores already-read features (the same transaction and record; `source` names them).
StatusOr<ImportSummary> StoreLayer(store::Database* db, Layer layer, int year,
                                   const LayerFile& file, const std::string& source,
                                   const std::string& content_sha256, const store::Actor& actor);

// The features of `layer` in `year`, in id order (empty when none).
StatusOr<std::vector<Feature>> LoadLayer(store::Database* db, Layer layer, int year);

// The latest year <= `year` that has `layer` (0 when none).
StatusOr<int> LatestLayerYear(store::Database* db, Layer layer, int year);

// Where a stored layer of a year came from: its last import (the evidence a figure
// computed from it names). NotFound when none.
struct LayerSource {
  Layer layer = Layer::kLandCover;
  int year = 0;
  std::string source, source_crs, imported_at, content_sha256;
};
StatusOr<LayerSource> SourceOf(store::Database* db, Layer layer, int year);

// What is stored: each layer's years with their counts, areas and last import.
struct StoredLayer {
  Layer layer = Layer::kControlArea;
  int year = 0;
  size_t features = 0;
  double area_m2 = 0;
  std::string source, source_crs, imported_at;
};
StatusOr<std::vector<StoredLayer>> ListLayers(store::Database* db);

}  // namespace ecociv::space
