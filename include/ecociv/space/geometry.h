// Geometry on EPSG:4490 WKB (see feature.h): areas on the CGCS2000 ellipsoid
// (GeographicLib's geodesic polygon area: a = 6378137 m, f = 1/298.257222101),
// and overlay through GEOS (difference, intersection, union), done on the
// longitude/latitude coordinates, which is exact for the topology and, for a
// county's polygons, differs from geodesic edges by far less than the
// tolerance of "面积不减少".
//
// Thread safety: every function uses its own GEOS context; safe from any thread.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::space {

// The area of a (multi)polygon or collection in m² (holes subtracted, points
// and lines 0). An error for WKB that is not a geometry.
StatusOr<double> EllipsoidAreaM2(std::string_view wkb);

// a − b, a ∩ b, and the union of many, as WKB (empty geometry when nothing is left).
StatusOr<std::string> Difference(std::string_view a, std::string_view b);
StatusOr<std::string> Intersection(std::string_view a, std::string_view b);
StatusOr<std::string> UnionAll(const std::vector<std::string>& wkbs);
// Whether a and b share at least one point.
StatusOr<bool> Intersects(std::string_view a, std::string_view b);
// Whether the geometry is empty.
StatusOr<bool> IsEmpty(std::string_view wkb);

// The geometry as a GeoJSON geometry object text (coordinates in degrees).
StatusOr<std::string> WkbToGeoJson(std::string_view wkb);

// Square metres as hectares and square kilometres.
inline double Hectares(double m2) { return m2 / 1e4; }
inline double SquareKm(double m2) { return m2 / 1e6; }

}  // namespace ecociv::space
