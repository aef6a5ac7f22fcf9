// Reading a layer file through GDAL/OGR: GeoJSON, ESRI Shapefile or GeoPackage
// (the first layer), in the file's CRS, reprojected to EPSG:4490.
//
// Refused, with the feature's number and the reason, and nothing returned:
// a file larger than `max_file_bytes`; a file GDAL cannot open as one of the three formats; a file
// without a CRS (a Shapefile without .prj; a GeoJSON without a "crs" member, since RFC 7946's
// implicit WGS 84 is often wrong for Chinese data) unless `assume_crs` names
// one; a geometry that is missing, empty, of the wrong type for the layer
// (polygons for areas, points or polygons for projects), with a non-finite
// coordinate, an open ring, more than the vertex limits, invalid by GEOS
// (self-intersection, ring with fewer than 4 points, ...), or outside
// longitude/latitude range after reprojection; a missing or duplicate id; an
// attribute value not in the vocabulary.
//
// Thread safety: safe to call from several threads (GDAL's registration is
// done once; each call has its own dataset and GEOS context).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/space/feature.h"
#include "ecociv/space/vocabulary.h"

namespace ecociv::space {

struct ReadOptions {
  Layer layer = Layer::kControlArea;
  std::string assume_crs;  // "EPSG:4326": used only when the file declares no CRS
  size_t max_features = 100000;
  size_t max_vertices_per_feature = 100000;
  size_t max_vertices = 5000000;
  size_t max_file_bytes = size_t{512} << 20;  // a file larger than this is not opened
};

struct LayerFile {
  std::string source_crs;  // "EPSG:4549", or the CRS's name when it has no code
  std::vector<Feature> features;
};

StatusOr<LayerFile> ReadLayerFile(const std::string& path, const ReadOptions& options,
                                  const Vocabulary& vocabulary);

// A GeoJSON text read the same way (tests, fuzzing, uploads).
StatusOr<LayerFile> ReadGeoJsonText(std::string_view text, const ReadOptions& options,
                                    const Vocabulary& vocabulary);

}  // namespace ecociv::space
