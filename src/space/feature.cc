// Layer names (see feature.h).
#include "ecociv/space/feature.h"

#include "ecociv/core/message_text.h"

namespace ecociv::space {
namespace {

struct LayerInfo {
  Layer layer;
  const char* name;
  const char* zh;
};
constexpr LayerInfo kLayers[] = {
    {Layer::kRedLine, "red-line", "生态保护红线"},
    {Layer::kControlArea, "control-area", "生态空间管控区域"},
    {Layer::kProtectedArea, "protected-area", "自然保护地"},
    {Layer::kLandCover, "land-cover", "土地覆盖"},
    {Layer::kProjects, "projects", "建设项目"},
    {Layer::kBoundary, "boundary", "行政边界"},
    {Layer::kBuiltUp, "built-up", "城市建成区"},
};

}  // namespace

const char* LayerName(Layer layer) {
  for (const LayerInfo& l : kLayers) {
    if (l.layer == layer) return l.name;
  }
  return "?";
}

const char* LayerNameZh(Layer layer) {
  for (const LayerInfo& l : kLayers) {
    if (l.layer == layer) return l.zh;
  }
  return "?";
}

StatusOr<Layer> ParseLayer(std::string_view name) {
  for (const LayerInfo& l : kLayers) {
    if (name == l.name) return l.layer;
  }
  return InvalidArgumentError("unknown layer " + QuoteForMessage(name) +
                              " (red-line, control-area, protected-area, land-cover, projects, "
                              "boundary, built-up)");
}

bool IsControlledLayer(Layer layer) {
  return layer == Layer::kRedLine || layer == Layer::kControlArea || layer == Layer::kProtectedArea;
}

}  // namespace ecociv::space
