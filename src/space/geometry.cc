// Areas on the CGCS2000 ellipsoid and GEOS overlay (see geometry.h).
#include "ecociv/space/geometry.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>

#include <cmath>

#include "geos_util.h"

namespace ecociv::space {
namespace internal {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::OnMessage, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::OnMessage(const char* message, void* self) {
  static_cast<GeosContext*>(self)->error_ = message != nullptr ? message : "";
}

StatusOr<Geom> ReadWkb(GeosContext* ctx, std::string_view wkb) {
  GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx->handle());
  GEOSGeometry* g = GEOSWKBReader_read_r(
      ctx->handle(), reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  GEOSWKBReader_destroy_r(ctx->handle(), reader);
  if (g == nullptr) return InvalidArgumentError("not a geometry: " + ctx->last_error());
  return Geom(g, GeomDeleter{ctx->handle()});
}

StatusOr<std::string> WriteWkb(GeosContext* ctx, const GEOSGeometry* g) {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx->handle());
  GEOSWKBWriter_setOutputDimension_r(ctx->handle(), writer, 2);
  GEOSWKBWriter_setByteOrder_r(ctx->handle(), writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setFlavor_r(ctx->handle(), writer, GEOS_WKB_ISO);
  size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(ctx->handle(), writer, g, &size);
  GEOSWKBWriter_destroy_r(ctx->handle(), writer);
  if (bytes == nullptr) return InternalError("GEOS could not write WKB: " + ctx->last_error());
  std::string out(reinterpret_cast<const char*>(bytes), size);
  GEOSFree_r(ctx->handle(), bytes);
  return out;
}

namespace {

const GeographicLib::Geodesic& Cgcs2000() {
  static const GeographicLib::Geodesic kEllipsoid(6378137.0, 1 / 298.257222101);
  return kEllipsoid;
}

// |area| of one ring; the ring's closing point is not repeated to GeographicLib.
StatusOr<double> RingArea(GeosContext* ctx, const GEOSGeometry* ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx->handle(), ring);
  unsigned int n = 0;
  if (seq == nullptr || !GEOSCoordSeq_getSize_r(ctx->handle(), seq, &n)) {
    return InternalError("GEOS: a ring without coordinates");
  }
  GeographicLib::PolygonArea poly(Cgcs2000());
  for (unsigned int i = 0; i + 1 < n; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(ctx->handle(), seq, i, &x, &y);
    poly.AddPoint(y, x);
  }
  double perimeter = 0, area = 0;
  poly.Compute(/*reverse=*/false, /*sign=*/true, perimeter, area);
  return std::fabs(area);
}

}  // namespace

StatusOr<double> EllipsoidArea(GeosContext* ctx, const GEOSGeometry* g) {
  GEOSContextHandle_t h = ctx->handle();
  int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g) == 1) return 0.0;
    ECOCIV_ASSIGN_OR_RETURN(double area, RingArea(ctx, GEOSGetExteriorRing_r(h, g)));
    int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i) {
      ECOCIV_ASSIGN_OR_RETURN(double hole, RingArea(ctx, GEOSGetInteriorRingN_r(h, g, i)));
      area -= hole;
    }
    return area;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    double total = 0;
    int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) {
      ECOCIV_ASSIGN_OR_RETURN(double part, EllipsoidArea(ctx, GEOSGetGeometryN_r(h, g, i)));
      total += part;
    }
    return total;
  }
  return 0.0;  // points and lines have no area
}

}  // namespace internal

using internal::Geom;
using internal::GeosContext;

StatusOr<double> EllipsoidAreaM2(std::string_view wkb) {
  GeosContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(Geom g, internal::ReadWkb(&ctx, wkb));
  return internal::EllipsoidArea(&ctx, g.get());
}

namespace {

enum class Op { kDifference, kIntersection };

StatusOr<std::string> Overlay(std::string_view a, std::string_view b, Op op) {
  GeosContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(Geom ga, internal::ReadWkb(&ctx, a));
  ECOCIV_ASSIGN_OR_RETURN(Geom gb, internal::ReadWkb(&ctx, b));
  GEOSGeometry* out = op == Op::kDifference ? GEOSDifference_r(ctx.handle(), ga.get(), gb.get())
                                            : GEOSIntersection_r(ctx.handle(), ga.get(), gb.get());
  if (out == nullptr) return InternalError("GEOS overlay failed: " + ctx.last_error());
  Geom result(out, internal::GeomDeleter{ctx.handle()});
  return internal::WriteWkb(&ctx, result.get());
}

}  // namespace

StatusOr<std::string> Difference(std::string_view a, std::string_view b) {
  return Overlay(a, b, Op::kDifference);
}

StatusOr<std::string> Intersection(std::string_view a, std::string_view b) {
  return Overlay(a, b, Op::kIntersection);
}

StatusOr<std::string> UnionAll(const std::vector<std::string>& wkbs) {
  GeosContext ctx;
  std::vector<GEOSGeometry*> parts;
  for (const std::string& w : wkbs) {
    auto g = internal::ReadWkb(&ctx, w);
    if (!g.ok()) {
      for (GEOSGeometry* p : parts) GEOSGeom_destroy_r(ctx.handle(), p);
      return g.status();
    }
    parts.push_back(g->release());
  }
  // The collection owns the parts from here on.
  Geom collection(GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                              static_cast<unsigned int>(parts.size())),
                  internal::GeomDeleter{ctx.handle()});
  if (collection == nullptr) return InternalError("GEOS: " + ctx.last_error());
  Geom u(GEOSUnaryUnion_r(ctx.handle(), collection.get()), internal::GeomDeleter{ctx.handle()});
  if (u == nullptr) return InternalError("GEOS union failed: " + ctx.last_error());
  return internal::WriteWkb(&ctx, u.get());
}

StatusOr<bool> Intersects(std::string_view a, std::string_view b) {
  GeosContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(Geom ga, internal::ReadWkb(&ctx, a));
  ECOCIV_ASSIGN_OR_RETURN(Geom gb, internal::ReadWkb(&ctx, b));
  char r = GEOSIntersects_r(ctx.handle(), ga.get(), gb.get());
  if (r == 2) return InternalError("GEOS: " + ctx.last_error());
  return r == 1;
}

StatusOr<bool> IsEmpty(std::string_view wkb) {
  GeosContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(Geom g, internal::ReadWkb(&ctx, wkb));
  return GEOSisEmpty_r(ctx.handle(), g.get()) == 1;
}

StatusOr<std::string> WkbToGeoJson(std::string_view wkb) {
  GeosContext ctx;
  ECOCIV_ASSIGN_OR_RETURN(Geom g, internal::ReadWkb(&ctx, wkb));
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(ctx.handle());
  char* text = GEOSGeoJSONWriter_writeGeometry_r(ctx.handle(), writer, g.get(), -1);
  GEOSGeoJSONWriter_destroy_r(ctx.handle(), writer);
  if (text == nullptr) return InternalError("GEOS could not write GeoJSON: " + ctx.last_error());
  std::string out(text);
  GEOSFree_r(ctx.handle(), text);
  return out;
}

}  // namespace ecociv::space
