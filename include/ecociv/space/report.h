// The one shape of the ecological-space output, for the CLI (and the web):
// text (Chinese first, English beside) and JSON. Areas are printed in m², ha
// and km² (m² to 0.01, ha to 0.0001, km² to 0.000001); shares in percent to 0.01.
//
// Thread safety: pure functions.
#pragma once
#include <string>

#include "ecociv/space/analysis.h"
#include "ecociv/space/space_store.h"

namespace ecociv::space {

std::string ComparisonText(const Comparison& c, const Vocabulary& vocabulary);
std::string ComparisonJson(const Comparison& c, const Vocabulary& vocabulary);
std::string IntrusionsText(const IntrusionReport& r);
std::string IntrusionsJson(const IntrusionReport& r);
std::string CoverText(const CoverReport& r);
std::string CoverJson(const CoverReport& r);
// A layer's features as a GeoJSON FeatureCollection (EPSG:4490 degrees) for the web map:
// properties id, name, layer, the codes and their Chinese and English names, area in ha.
std::string LayerGeoJson(Layer layer, const std::vector<Feature>& features,
                         const Vocabulary& vocabulary);
std::string LayerListText(const std::vector<StoredLayer>& layers);
std::string LayerListJson(const std::vector<StoredLayer>& layers);

}  // namespace ecociv::space
