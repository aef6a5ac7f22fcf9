// GEOS (C API, reentrant _r functions) for the space subsystem: a context per
// use that keeps GEOS's last error message, owned geometries, WKB in and out,
// and the ellipsoidal area of a GEOS geometry (internal; geometry.h is the
// public face).
#pragma once
#include <geos_c.h>

#include <memory>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv::space::internal {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  // GEOS's last error or notice, "" when none.
  const std::string& last_error() const { return error_; }
  void ClearError() { error_.clear(); }

 private:
  static void OnMessage(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string error_;
};

struct GeomDeleter {
  GEOSContextHandle_t handle;
  void operator()(GEOSGeometry* g) const {
    if (g != nullptr) GEOSGeom_destroy_r(handle, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

StatusOr<Geom> ReadWkb(GeosContext* ctx, std::string_view wkb);
StatusOr<std::string> WriteWkb(GeosContext* ctx, const GEOSGeometry* g);
// m² on the CGCS2000 ellipsoid; polygons only (holes subtracted).
StatusOr<double> EllipsoidArea(GeosContext* ctx, const GEOSGeometry* g);

}  // namespace ecociv::space::internal
