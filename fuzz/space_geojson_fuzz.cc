// The ecological-space reader (space/reader.h) on GeoJSON through GDAL/OGR: the
// first byte picks the layer (areas with their vocabulary, land cover, projects
// with points, the boundary) and whether a CRS is assumed for a file without
// one; every feature the reader accepts must then be valid WKB with a finite,
// non-negative area, and the overlay of the first two must not fail.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ecociv/space/geometry.h"
#include "ecociv/space/reader.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  static const space::Vocabulary* vocabulary = [] {
    auto loaded = space::BuiltInVocabulary();
    if (!loaded.ok()) std::abort();
    return new space::Vocabulary(std::move(*loaded));
  }();
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  static const space::Layer kLayers[] = {space::Layer::kRedLine, space::Layer::kLandCover,
                                         space::Layer::kProjects, space::Layer::kBoundary};
  space::ReadOptions options;
  options.layer = kLayers[in.mode % 4];
  if (in.mode & 4) options.assume_crs = "EPSG:4490";
  options.max_vertices = 200000;
  auto file = space::ReadGeoJsonText(text, options, *vocabulary);
  if (!file.ok()) return 0;
  for (const space::Feature& f : file->features) {
    auto area = space::EllipsoidAreaM2(f.wkb);
    if (!area.ok() || !std::isfinite(*area) || *area < 0) std::abort();
  }
  if (file->features.size() >= 2) {
    auto lost = space::Difference(file->features[0].wkb, file->features[1].wkb);
    if (!lost.ok()) std::abort();
  }
  return 0;
}
