// Routes of the ecological space (read-only; docs/space.md): the stored layers, a layer's
// features as GeoJSON for the map, the year-on-year comparison with the three promises,
// the projects' intrusions and the green cover. City-wide figures: every role but unit
// reporters. Layers are imported with `ecociv space import`.
#include "ecociv/space/analysis.h"
#include "ecociv/space/promises.h"
#include "ecociv/space/report.h"
#include "ecociv/space/space_store.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

StatusOr<int> RequiredYear(const Call& c, const char* name) {
  const std::string text = c.Query(name);
  if (text.empty())
    return InvalidArgumentError(std::string("the parameter ") + name + " is required");
  return YearParameter(text, 0);
}

// The layers, the approved baseline (null when none) and the years with key projects: the
// map asks for a year's intrusions when it has a projects layer or key projects, so that a
// key project without a site is listed as not checked.
StatusOr<HttpResponse> Layers(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto layers, space::ListLayers(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int baseline, space::ApprovedBaseline(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<int> key_years, space::KeyProjectYears(c.db));
  Json doc = Json::parse(space::LayerListJson(layers));
  doc["approved_baseline"] = baseline == 0 ? Json(nullptr) : Json(baseline);
  doc["key_project_years"] = key_years;
  return JsonResponse(doc);
}

StatusOr<HttpResponse> Features(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(space::Layer layer, space::ParseLayer(c.Query("layer")));
  ECOCIV_ASSIGN_OR_RETURN(int year, RequiredYear(c, "year"));
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(auto features, space::LoadLayer(c.db, layer, year));
  return BodyResponse(space::LayerGeoJson(layer, features, vocabulary));
}

StatusOr<HttpResponse> Compare(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int year, RequiredYear(c, "year"));
  // Without a baseline parameter: the approved one.
  int baseline = 0;
  if (c.Query("baseline").empty()) {
    ECOCIV_ASSIGN_OR_RETURN(baseline, space::ApprovedBaseline(c.db));
    if (baseline == 0) {
      return InvalidArgumentError(
          "the parameter baseline is required: no approved baseline is set");
    }
  } else {
    ECOCIV_ASSIGN_OR_RETURN(baseline, RequiredYear(c, "baseline"));
  }
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(space::Comparison r,
                          space::CompareYears(c.db, year, baseline, vocabulary));
  return BodyResponse(space::ComparisonJson(r, vocabulary));
}

StatusOr<HttpResponse> Intrusions(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int year, RequiredYear(c, "year"));
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(space::IntrusionReport r, space::FindIntrusions(c.db, year, vocabulary));
  return BodyResponse(space::IntrusionsJson(r));
}

StatusOr<HttpResponse> Cover(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int year, RequiredYear(c, "year"));
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(space::CoverReport r, space::GreenCover(c.db, year, vocabulary));
  return BodyResponse(space::CoverJson(r));
}

}  // namespace

void RegisterSpaceRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/space/layers", kReaders, Layers);
  routes.Add("GET", "/api/v1/space/features", kReaders, Features);
  routes.Add("GET", "/api/v1/space/compare", kReaders, Compare);
  routes.Add("GET", "/api/v1/space/intrusions", kReaders, Intrusions);
  routes.Add("GET", "/api/v1/space/cover", kReaders, Cover);
}

}  // namespace ecociv::server
