// Features of the ecological-space layers as the store keeps them: attributes
// checked against the vocabulary and the geometry as ISO WKB (2D, little-endian)
// in CGCS2000 geographic coordinates (EPSG:4490, x = longitude, y = latitude,
// degrees), whatever the source file's CRS; the source CRS is kept beside it.
//
// Thread safety: plain values.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv::space {

// The CRS every stored geometry is in.
inline constexpr int kStoredEpsg = 4490;

// kBuiltUp: the built-up area's boundary (城市建成区), within which urban green cover
// is measured; a boundary of its own kind, imported and dated apart from the
// administrative boundary.
enum class Layer {
  kRedLine,
  kControlArea,
  kProtectedArea,
  kLandCover,
  kProjects,
  kBoundary,
  kBuiltUp
};

// "red-line", "control-area", "protected-area", "land-cover", "projects", "boundary",
// "built-up".
const char* LayerName(Layer layer);
const char* LayerNameZh(Layer layer);
StatusOr<Layer> ParseLayer(std::string_view name);
// Red lines, control areas and protected areas: the areas the three promises cover.
bool IsControlledLayer(Layer layer);

struct Feature {
  int64_t number = 0;         // 1-based position in the source file
  std::string id;             // the file's `id` attribute: stable across years
  std::string name;           // `name`
  std::string category;       // vocabulary code ("" for layers without one)
  std::string control_level;  // vocabulary code
  std::string function;       // vocabulary code
  std::string cover;          // land-cover class code (land-cover layer)
  std::string wkb;            // EPSG:4490 geometry
  double area_m2 = 0;         // on the CGCS2000 ellipsoid (0 for points)
};

}  // namespace ecociv::space
