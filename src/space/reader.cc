// Layer files through GDAL/OGR (see reader.h): opened read-only with only the
// GeoJSON, Shapefile and GeoPackage drivers, every feature checked before any
// is returned.
#include "ecociv/space/reader.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <set>

#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "geos_util.h"

namespace ecociv::space {
namespace {

void RegisterOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // GDAL's messages become our statuses; nothing is printed on stderr.
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

std::string Where(int64_t number) { return "feature " + std::to_string(number) + ": "; }

std::string GdalError(const char* fallback) {
  const char* m = CPLGetLastErrorMsg();
  return (m != nullptr && *m != '\0') ? std::string(m) : std::string(fallback);
}

std::string CrsName(const OGRSpatialReference& srs) {
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (auth != nullptr && code != nullptr) return std::string(auth) + ":" + code;
  const char* name = srs.GetName();
  return name != nullptr ? name : "unnamed CRS";
}

// A GeoJSON text declares a CRS only with a top-level "crs" member. Found by a SAX
// pass (no document built), so a large file costs no memory here.
class TopLevelCrs : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool found = false;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool end_object() override { return --depth_, true; }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool key(string_t& k) override {
    if (depth_ == 1 && k == "crs") found = true;
    return !found;  // stop reading once it is found
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  int depth_ = 0;
};

bool GeoJsonDeclaresCrs(std::string_view text) {
  TopLevelCrs sax;
  nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, true, true);
  return sax.found;
}

struct Limits {
  const ReadOptions& options;
  size_t total = 0;
};

// Every ring closed and every coordinate finite, counting vertices.
Status CheckCurve(const OGRSimpleCurve& curve, bool ring, int64_t number, size_t* vertices,
                  Limits* limits) {
  int n = curve.getNumPoints();
  *vertices += static_cast<size_t>(n);
  limits->total += static_cast<size_t>(n);
  if (*vertices > limits->options.max_vertices_per_feature) {
    return InvalidArgumentError(Where(number) + "more than " +
                                std::to_string(limits->options.max_vertices_per_feature) +
                                " vertices: simplify it");
  }
  if (limits->total > limits->options.max_vertices) {
    return InvalidArgumentError(Where(number) + "the file has more than " +
                                std::to_string(limits->options.max_vertices) + " vertices");
  }
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(curve.getX(i)) || !std::isfinite(curve.getY(i))) {
      return InvalidArgumentError(Where(number) + "vertex " + std::to_string(i + 1) +
                                  " has a coordinate that is not a finite number");
    }
  }
  if (ring) {
    if (n < 4) {
      return InvalidArgumentError(Where(number) + "a ring has " + std::to_string(n) +
                                  " vertices; a closed ring needs at least 4");
    }
    if (curve.getX(0) != curve.getX(n - 1) || curve.getY(0) != curve.getY(n - 1)) {
      return InvalidArgumentError(Where(number) +
                                  "a ring is open (its last vertex is not its first)");
    }
  }
  return Status::Ok();
}

Status CheckPolygon(const OGRPolygon& p, int64_t number, size_t* vertices, Limits* limits) {
  for (const OGRLinearRing* ring : p) {
    ECOCIV_RETURN_IF_ERROR(CheckCurve(*ring, true, number, vertices, limits));
  }
  return Status::Ok();
}

Status CheckShape(const OGRGeometry& g, Layer layer, int64_t number, Limits* limits) {
  size_t vertices = 0;
  const bool points_allowed = layer == Layer::kProjects;
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      return CheckPolygon(*g.toPolygon(), number, &vertices, limits);
    case wkbMultiPolygon:
      for (const OGRPolygon* p : *g.toMultiPolygon()) {
        ECOCIV_RETURN_IF_ERROR(CheckPolygon(*p, number, &vertices, limits));
      }
      return Status::Ok();
    case wkbPoint:
      if (points_allowed) {
        const OGRPoint* p = g.toPoint();
        if (!std::isfinite(p->getX()) || !std::isfinite(p->getY())) {
          return InvalidArgumentError(Where(number) + "a coordinate is not a finite number");
        }
        return Status::Ok();
      }
      break;
    default:
      break;
  }
  return InvalidArgumentError(Where(number) + "geometry " + g.getGeometryName() +
                              (points_allowed ? " is not Point, Polygon or MultiPolygon"
                                              : " is not Polygon or MultiPolygon"));
}

// After reprojection: degrees in range, then GEOS's validity.
Status CheckStored(internal::GeosContext* ctx, const std::string& wkb, int64_t number) {
  auto g = internal::ReadWkb(ctx, wkb);
  if (!g.ok()) return InvalidArgumentError(Where(number) + g.status().message());
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  if (GEOSGeom_getXMin_r(ctx->handle(), g->get(), &xmin) == 0 ||
      GEOSGeom_getYMin_r(ctx->handle(), g->get(), &ymin) == 0 ||
      GEOSGeom_getXMax_r(ctx->handle(), g->get(), &xmax) == 0 ||
      GEOSGeom_getYMax_r(ctx->handle(), g->get(), &ymax) == 0) {
    return InvalidArgumentError(Where(number) + "the geometry is empty");
  }
  if (!(xmin >= -180 && xmax <= 180 && ymin >= -90 && ymax <= 90)) {
    return InvalidArgumentError(Where(number) +
                                "after reprojection to EPSG:4490 the geometry is outside "
                                "longitude -180..180, latitude -90..90 (wrong CRS?)");
  }
  char* reason = GEOSisValidReason_r(ctx->handle(), g->get());
  std::string why = reason != nullptr ? reason : "GEOS could not check it";
  if (reason != nullptr) GEOSFree_r(ctx->handle(), reason);
  if (why != "Valid Geometry") {
    return InvalidArgumentError(Where(number) + "invalid geometry: " + why);
  }
  return Status::Ok();
}

// One attribute, looked up in the vocabulary; `required` when the layer needs it.
Status Attribute(const OGRFeature& f, const char* field, const std::vector<Term>& terms,
                 bool required, int64_t number, std::string* out) {
  int index = f.GetFieldIndex(field);
  std::string value = index >= 0 && f.IsFieldSetAndNotNull(index) ? f.GetFieldAsString(index) : "";
  if (value.empty()) {
    if (required) return InvalidArgumentError(Where(number) + "no " + field + " attribute");
    return Status::Ok();
  }
  const Term* term = Vocabulary::Find(terms, value);
  if (term == nullptr) {
    return InvalidArgumentError(Where(number) + field + " " + QuoteForMessage(value) +
                                " is not in config/space-vocabulary.toml");
  }
  *out = term->code;
  return Status::Ok();
}

std::string Text(const OGRFeature& f, const char* field) {
  int index = f.GetFieldIndex(field);
  return index >= 0 && f.IsFieldSetAndNotNull(index) ? f.GetFieldAsString(index) : "";
}

StatusOr<Feature> ReadFeature(const OGRFeature& f, int64_t number, const ReadOptions& options,
                              const Vocabulary& vocabulary, OGRCoordinateTransformation* to4490,
                              internal::GeosContext* ctx, Limits* limits) {
  Feature out;
  out.number = number;
  out.id = Text(f, "id");
  if (out.id.empty()) return InvalidArgumentError(Where(number) + "no id attribute");
  if (out.id.size() > 64) return InvalidArgumentError(Where(number) + "id longer than 64 bytes");
  out.name = Text(f, "name");
  if (out.name.size() > 200) return InvalidArgumentError(Where(number) + "name too long");
  const bool controlled = IsControlledLayer(options.layer);
  ECOCIV_RETURN_IF_ERROR(
      Attribute(f, "category", vocabulary.categories, controlled, number, &out.category));
  ECOCIV_RETURN_IF_ERROR(Attribute(f, "control_level", vocabulary.control_levels, controlled,
                                   number, &out.control_level));
  ECOCIV_RETURN_IF_ERROR(
      Attribute(f, "function", vocabulary.functions, controlled, number, &out.function));
  ECOCIV_RETURN_IF_ERROR(Attribute(f, "cover", vocabulary.land_cover,
                                   options.layer == Layer::kLandCover, number, &out.cover));

  const OGRGeometry* source = f.GetGeometryRef();
  if (source == nullptr || source->IsEmpty()) {
    return InvalidArgumentError(Where(number) + "no geometry");
  }
  ECOCIV_RETURN_IF_ERROR(CheckShape(*source, options.layer, number, limits));
  std::unique_ptr<OGRGeometry> g(source->clone());
  g->flattenTo2D();
  if (to4490 != nullptr && g->transform(to4490) != OGRERR_NONE) {
    return InvalidArgumentError(Where(number) + "cannot be reprojected to EPSG:4490: " +
                                GdalError("transformation failed"));
  }
  std::string wkb(static_cast<size_t>(g->WkbSize()), '\0');
  g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
  ECOCIV_RETURN_IF_ERROR(CheckStored(ctx, wkb, number));
  auto geom = internal::ReadWkb(ctx, wkb);
  if (!geom.ok()) return geom.status();
  ECOCIV_ASSIGN_OR_RETURN(out.area_m2, internal::EllipsoidArea(ctx, geom->get()));
  out.wkb = std::move(wkb);
  return out;
}

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

StatusOr<LayerFile> ReadOpened(const std::string& path, bool geojson_without_crs,
                               const ReadOptions& options, const Vocabulary& vocabulary) {
  static const char* const kDrivers[] = {"GeoJSON", "ESRI Shapefile", "GPKG", nullptr};
  CPLErrorReset();
  std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
      path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kDrivers, nullptr, nullptr));
  if (ds == nullptr) {
    return InvalidArgumentError("not a GeoJSON, Shapefile or GeoPackage file GDAL can read: " +
                                GdalError("unknown format"));
  }
  if (ds->GetLayerCount() != 1) {
    return InvalidArgumentError("the file has " + std::to_string(ds->GetLayerCount()) +
                                " layers; give one layer per file");
  }
  OGRLayer* layer = ds->GetLayer(0);
  const OGRSpatialReference* declared = layer->GetSpatialRef();
  OGRSpatialReference source;
  if (declared != nullptr && !geojson_without_crs) {
    source = *declared;
  } else if (!options.assume_crs.empty()) {
    if (source.SetFromUserInput(options.assume_crs.c_str()) != OGRERR_NONE) {
      return InvalidArgumentError("--crs " + QuoteForMessage(options.assume_crs) +
                                  " is not a CRS GDAL knows (e.g. EPSG:4490)");
    }
  } else {
    return InvalidArgumentError(
        "the file declares no coordinate reference system (a Shapefile's .prj, a GeoJSON "
        "\"crs\" member); give it, or name it with --crs (e.g. EPSG:4490)");
  }
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference target;
  target.importFromEPSG(kStoredEpsg);
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> to4490;
  if (!source.IsSame(&target)) {
    to4490.reset(OGRCreateCoordinateTransformation(&source, &target));
    if (to4490 == nullptr) {
      return InvalidArgumentError("no transformation from " + CrsName(source) +
                                  " to EPSG:4490: " + GdalError("unsupported CRS"));
    }
  }
  LayerFile out;
  out.source_crs = CrsName(source);
  internal::GeosContext ctx;
  Limits limits{options};
  std::set<std::string> ids;
  int64_t number = 0;
  layer->ResetReading();
  for (;;) {
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    if (f == nullptr) break;
    ++number;
    if (static_cast<size_t>(number) > options.max_features) {
      return InvalidArgumentError("more than " + std::to_string(options.max_features) +
                                  " features in one file");
    }
    ECOCIV_ASSIGN_OR_RETURN(
        Feature feature, ReadFeature(*f, number, options, vocabulary, to4490.get(), &ctx, &limits));
    if (!ids.insert(feature.id).second) {
      return InvalidArgumentError(Where(number) + "id " + QuoteForMessage(feature.id) +
                                  " appears twice");
    }
    out.features.push_back(std::move(feature));
  }
  if (CPLGetLastErrorType() == CE_Failure && out.features.empty()) {
    return InvalidArgumentError("GDAL could not read the features: " + GdalError("read error"));
  }
  if (out.features.empty()) return InvalidArgumentError("the file has no features");
  return out;
}

bool LooksLikeGeoJson(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  return ends(".geojson") || ends(".json") || ends(".GEOJSON") || ends(".JSON");
}

}  // namespace

StatusOr<LayerFile> ReadLayerFile(const std::string& path, const ReadOptions& options,
                                  const Vocabulary& vocabulary) {
  RegisterOnce();
  std::error_code size_error;
  const auto bytes = std::filesystem::file_size(path, size_error);
  if (!size_error && bytes > options.max_file_bytes) {
    return InvalidArgumentError(path + ": " + std::to_string(bytes) + " bytes; at most " +
                                std::to_string(options.max_file_bytes) + " are read");
  }
  bool without_crs = false;
  if (LooksLikeGeoJson(path)) {
    auto text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    without_crs = !GeoJsonDeclaresCrs(*text);
  }
  auto read = ReadOpened(path, without_crs, options, vocabulary);
  if (!read.ok()) return read.status().WithContext(path);
  return read;
}

StatusOr<LayerFile> ReadGeoJsonText(std::string_view text, const ReadOptions& options,
                                    const Vocabulary& vocabulary) {
  RegisterOnce();
  if (text.size() > options.max_file_bytes) {
    return InvalidArgumentError(std::to_string(text.size()) + " bytes; at most " +
                                std::to_string(options.max_file_bytes) + " are read");
  }
  static std::atomic<int64_t> counter{0};
  const std::string path = "/vsimem/ecociv-space-" + std::to_string(++counter) + ".geojson";
  VSILFILE* f =
      VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(text.data())),
                           static_cast<vsi_l_offset>(text.size()), FALSE);
  if (f == nullptr) return InternalError("GDAL could not map the text");
  VSIFCloseL(f);
  auto read = ReadOpened(path, !GeoJsonDeclaresCrs(text), options, vocabulary);
  VSIUnlink(path.c_str());
  return read;
}

}  // namespace ecociv::space
