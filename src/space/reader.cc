// Layer files through GDAL/OGR (see reader.h): opened read-only with only the
// GeoJSON, Shapefile and GeoPackage drivers, every feature checked before any
// is returned.
#include "ecociv/space/reader.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>
#include <type_traits>

#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "gdal_api.h"
#include "geos_util.h"

namespace ecociv::space {
namespace {

using internal::GdalApi;

std::string Where(int64_t number) { return "feature " + std::to_string(number) + ": "; }

std::string GdalError(const GdalApi& gdal, const char* fallback) {
  const char* m = gdal.CPLGetLastErrorMsg();
  return (m != nullptr && *m != '\0') ? std::string(m) : std::string(fallback);
}

std::string CrsName(const GdalApi& gdal, OGRSpatialReferenceH srs) {
  const char* auth = gdal.OSRGetAuthorityName(srs, nullptr);
  const char* code = gdal.OSRGetAuthorityCode(srs, nullptr);
  if (auth != nullptr && code != nullptr) return std::string(auth) + ":" + code;
  const char* name = gdal.OSRGetName(srs);
  return name != nullptr ? name : "unnamed CRS";
}

// Owners of GDAL's handles, each closed by the loaded library's function
// `Destroy` (a member of GdalApi). GDAL's handles are void* in a release
// build of GDAL, struct pointers in a DEBUG one: the owned type is what the
// handle points to either way.
template <auto Destroy>
struct Closer {
  const GdalApi* gdal;
  template <typename Handle>
  void operator()(Handle handle) const {
    (gdal->*Destroy)(handle);
  }
};
template <typename Handle, auto Destroy>
using Owned = std::unique_ptr<std::remove_pointer_t<Handle>, Closer<Destroy>>;
using DatasetCloser = Closer<&GdalApi::GDALClose>;
using FeatureCloser = Closer<&GdalApi::OGR_F_Destroy>;
using GeometryCloser = Closer<&GdalApi::OGR_G_DestroyGeometry>;
using SrsCloser = Closer<&GdalApi::OSRDestroySpatialReference>;
using TransformCloser = Closer<&GdalApi::OCTDestroyCoordinateTransformation>;
using Dataset = Owned<GDALDatasetH, &GdalApi::GDALClose>;
using OwnedFeature = Owned<OGRFeatureH, &GdalApi::OGR_F_Destroy>;
using OwnedGeometry = Owned<OGRGeometryH, &GdalApi::OGR_G_DestroyGeometry>;
using Srs = Owned<OGRSpatialReferenceH, &GdalApi::OSRDestroySpatialReference>;
using Transform = Owned<OGRCoordinateTransformationH, &GdalApi::OCTDestroyCoordinateTransformation>;

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
  const GdalApi& gdal;
  const ReadOptions& options;
  size_t total = 0;
};

// Every ring closed and every coordinate finite, counting vertices.
Status CheckCurve(OGRGeometryH curve, bool ring, int64_t number, size_t* vertices,
                  Limits* limits) {
  const GdalApi& gdal = limits->gdal;
  int n = gdal.OGR_G_GetPointCount(curve);
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
    if (!std::isfinite(gdal.OGR_G_GetX(curve, i)) || !std::isfinite(gdal.OGR_G_GetY(curve, i))) {
      return InvalidArgumentError(Where(number) + "vertex " + std::to_string(i + 1) +
                                  " has a coordinate that is not a finite number");
    }
  }
  if (ring) {
    if (n < 4) {
      return InvalidArgumentError(Where(number) + "a ring has " + std::to_string(n) +
                                  " vertices; a closed ring needs at least 4");
    }
    if (gdal.OGR_G_GetX(curve, 0) != gdal.OGR_G_GetX(curve, n - 1) ||
        gdal.OGR_G_GetY(curve, 0) != gdal.OGR_G_GetY(curve, n - 1)) {
      return InvalidArgumentError(Where(number) +
                                  "a ring is open (its last vertex is not its first)");
    }
  }
  return Status::Ok();
}

// A polygon's parts are its rings (the exterior, then the holes); a
// multipolygon's are its polygons.
Status CheckPolygon(OGRGeometryH polygon, int64_t number, size_t* vertices, Limits* limits) {
  for (int i = 0, n = limits->gdal.OGR_G_GetGeometryCount(polygon); i < n; ++i) {
    ECOCIV_RETURN_IF_ERROR(CheckCurve(limits->gdal.OGR_G_GetGeometryRef(polygon, i), true, number,
                                      vertices, limits));
  }
  return Status::Ok();
}

Status CheckShape(OGRGeometryH g, Layer layer, int64_t number, Limits* limits) {
  const GdalApi& gdal = limits->gdal;
  size_t vertices = 0;
  const bool points_allowed = layer == Layer::kProjects;
  switch (gdal.OGR_GT_Flatten(gdal.OGR_G_GetGeometryType(g))) {
    case wkbPolygon:
      return CheckPolygon(g, number, &vertices, limits);
    case wkbMultiPolygon:
      for (int i = 0, n = gdal.OGR_G_GetGeometryCount(g); i < n; ++i) {
        ECOCIV_RETURN_IF_ERROR(
            CheckPolygon(gdal.OGR_G_GetGeometryRef(g, i), number, &vertices, limits));
      }
      return Status::Ok();
    case wkbPoint:
      if (points_allowed) {
        if (!std::isfinite(gdal.OGR_G_GetX(g, 0)) || !std::isfinite(gdal.OGR_G_GetY(g, 0))) {
          return InvalidArgumentError(Where(number) + "a coordinate is not a finite number");
        }
        return Status::Ok();
      }
      break;
    default:
      break;
  }
  return InvalidArgumentError(Where(number) + "geometry " + gdal.OGR_G_GetGeometryName(g) +
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

std::string Text(const GdalApi& gdal, OGRFeatureH f, const char* field) {
  int index = gdal.OGR_F_GetFieldIndex(f, field);
  return index >= 0 && gdal.OGR_F_IsFieldSetAndNotNull(f, index)
             ? gdal.OGR_F_GetFieldAsString(f, index)
             : "";
}

// One attribute, looked up in the vocabulary; `required` when the layer needs it.
Status Attribute(const GdalApi& gdal, OGRFeatureH f, const char* field,
                 const std::vector<Term>& terms, bool required, int64_t number, std::string* out) {
  std::string value = Text(gdal, f, field);
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

StatusOr<Feature> ReadFeature(OGRFeatureH f, int64_t number, const ReadOptions& options,
                              const Vocabulary& vocabulary, OGRCoordinateTransformationH to4490,
                              internal::GeosContext* ctx, Limits* limits) {
  const GdalApi& gdal = limits->gdal;
  Feature out;
  out.number = number;
  out.id = Text(gdal, f, "id");
  if (out.id.empty()) return InvalidArgumentError(Where(number) + "no id attribute");
  if (out.id.size() > 64) return InvalidArgumentError(Where(number) + "id longer than 64 bytes");
  out.name = Text(gdal, f, "name");
  if (out.name.size() > 200) return InvalidArgumentError(Where(number) + "name too long");
  const bool controlled = IsControlledLayer(options.layer);
  ECOCIV_RETURN_IF_ERROR(Attribute(gdal, f, "category", vocabulary.categories, controlled, number,
                                   &out.category));
  ECOCIV_RETURN_IF_ERROR(Attribute(gdal, f, "control_level", vocabulary.control_levels,
                                   controlled, number, &out.control_level));
  ECOCIV_RETURN_IF_ERROR(Attribute(gdal, f, "function", vocabulary.functions, controlled, number,
                                   &out.function));
  ECOCIV_RETURN_IF_ERROR(Attribute(gdal, f, "cover", vocabulary.land_cover,
                                   options.layer == Layer::kLandCover, number, &out.cover));

  OGRGeometryH source = gdal.OGR_F_GetGeometryRef(f);
  if (source == nullptr || gdal.OGR_G_IsEmpty(source)) {
    return InvalidArgumentError(Where(number) + "no geometry");
  }
  ECOCIV_RETURN_IF_ERROR(CheckShape(source, options.layer, number, limits));
  OwnedGeometry g(gdal.OGR_G_Clone(source), GeometryCloser{&gdal});
  gdal.OGR_G_FlattenTo2D(g.get());
  if (to4490 != nullptr && gdal.OGR_G_Transform(g.get(), to4490) != OGRERR_NONE) {
    return InvalidArgumentError(Where(number) + "cannot be reprojected to EPSG:4490: " +
                                GdalError(gdal, "transformation failed"));
  }
  std::string wkb(static_cast<size_t>(gdal.OGR_G_WkbSize(g.get())), '\0');
  gdal.OGR_G_ExportToIsoWkb(g.get(), wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()));
  ECOCIV_RETURN_IF_ERROR(CheckStored(ctx, wkb, number));
  auto geom = internal::ReadWkb(ctx, wkb);
  if (!geom.ok()) return geom.status();
  ECOCIV_ASSIGN_OR_RETURN(out.area_m2, internal::EllipsoidArea(ctx, geom->get()));
  out.wkb = std::move(wkb);
  return out;
}

// The CRS the features are read in: the file's, unless a GeoJSON declares none
// (RFC 7946's implicit WGS 84 is not trusted), then --crs.
StatusOr<Srs> SourceCrs(const GdalApi& gdal, OGRLayerH layer, bool geojson_without_crs,
                        const ReadOptions& options) {
  OGRSpatialReferenceH declared = gdal.OGR_L_GetSpatialRef(layer);
  if (declared != nullptr && !geojson_without_crs) {
    return Srs(gdal.OSRClone(declared), SrsCloser{&gdal});
  }
  if (options.assume_crs.empty()) {
    return InvalidArgumentError(
        "the file declares no coordinate reference system (a Shapefile's .prj, a GeoJSON "
        "\"crs\" member); give it, or name it with --crs (e.g. EPSG:4490)");
  }
  Srs source(gdal.OSRNewSpatialReference(nullptr), SrsCloser{&gdal});
  if (gdal.OSRSetFromUserInput(source.get(), options.assume_crs.c_str()) != OGRERR_NONE) {
    return InvalidArgumentError("--crs " + QuoteForMessage(options.assume_crs) +
                                " is not a CRS GDAL knows (e.g. EPSG:4490)");
  }
  return source;
}

StatusOr<LayerFile> ReadOpened(const GdalApi& gdal, const std::string& path,
                               bool geojson_without_crs, const ReadOptions& options,
                               const Vocabulary& vocabulary) {
  static const char* const kDrivers[] = {"GeoJSON", "ESRI Shapefile", "GPKG", nullptr};
  gdal.CPLErrorReset();
  Dataset ds(gdal.GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kDrivers, nullptr,
                             nullptr),
             DatasetCloser{&gdal});
  if (ds == nullptr) {
    return InvalidArgumentError("not a GeoJSON, Shapefile or GeoPackage file GDAL can read: " +
                                GdalError(gdal, "unknown format"));
  }
  const int layers = gdal.GDALDatasetGetLayerCount(ds.get());
  if (layers != 1) {
    return InvalidArgumentError("the file has " + std::to_string(layers) +
                                " layers; give one layer per file");
  }
  OGRLayerH layer = gdal.GDALDatasetGetLayer(ds.get(), 0);
  ECOCIV_ASSIGN_OR_RETURN(Srs source, SourceCrs(gdal, layer, geojson_without_crs, options));
  gdal.OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
  Srs target(gdal.OSRNewSpatialReference(nullptr), SrsCloser{&gdal});
  gdal.OSRImportFromEPSG(target.get(), kStoredEpsg);
  gdal.OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
  Transform to4490(nullptr, TransformCloser{&gdal});
  if (!gdal.OSRIsSame(source.get(), target.get())) {
    to4490.reset(gdal.OCTNewCoordinateTransformation(source.get(), target.get()));
    if (to4490 == nullptr) {
      return InvalidArgumentError("no transformation from " + CrsName(gdal, source.get()) +
                                  " to EPSG:4490: " + GdalError(gdal, "unsupported CRS"));
    }
  }
  LayerFile out;
  out.source_crs = CrsName(gdal, source.get());
  internal::GeosContext ctx;
  Limits limits{gdal, options};
  std::set<std::string> ids;
  int64_t number = 0;
  gdal.OGR_L_ResetReading(layer);
  for (;;) {
    OwnedFeature f(gdal.OGR_L_GetNextFeature(layer), FeatureCloser{&gdal});
    if (f == nullptr) break;
    ++number;
    if (static_cast<size_t>(number) > options.max_features) {
      return InvalidArgumentError("more than " + std::to_string(options.max_features) +
                                  " features in one file");
    }
    ECOCIV_ASSIGN_OR_RETURN(Feature feature, ReadFeature(f.get(), number, options, vocabulary,
                                                         to4490.get(), &ctx, &limits));
    if (!ids.insert(feature.id).second) {
      return InvalidArgumentError(Where(number) + "id " + QuoteForMessage(feature.id) +
                                  " appears twice");
    }
    out.features.push_back(std::move(feature));
  }
  if (gdal.CPLGetLastErrorType() == CE_Failure && out.features.empty()) {
    return InvalidArgumentError("GDAL could not read the features: " +
                                GdalError(gdal, "read error"));
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
  ECOCIV_ASSIGN_OR_RETURN(const GdalApi* gdal, internal::Gdal());
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
  auto read = ReadOpened(*gdal, path, without_crs, options, vocabulary);
  if (!read.ok()) return read.status().WithContext(path);
  return read;
}

StatusOr<LayerFile> ReadGeoJsonText(std::string_view text, const ReadOptions& options,
                                    const Vocabulary& vocabulary) {
  ECOCIV_ASSIGN_OR_RETURN(const GdalApi* gdal, internal::Gdal());
  if (text.size() > options.max_file_bytes) {
    return InvalidArgumentError(std::to_string(text.size()) + " bytes; at most " +
                                std::to_string(options.max_file_bytes) + " are read");
  }
  static std::atomic<int64_t> counter{0};
  const std::string path = "/vsimem/ecociv-space-" + std::to_string(++counter) + ".geojson";
  VSILFILE* f = gdal->VSIFileFromMemBuffer(
      path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(text.data())),
      static_cast<vsi_l_offset>(text.size()), FALSE);
  if (f == nullptr) return InternalError("GDAL could not map the text");
  gdal->VSIFCloseL(f);
  auto read = ReadOpened(*gdal, path, !GeoJsonDeclaresCrs(text), options, vocabulary);
  gdal->VSIUnlink(path.c_str());
  return read;
}

}  // namespace ecociv::space
