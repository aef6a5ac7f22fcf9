// Generated geometry of known size for the space tests: GeoJSON texts in a
// CGCS2000 3-degree Gauss-Krüger zone (EPSG:4549, central meridian 120°E,
// false easting 500 km), where near the central meridian a metre on the map
// is a metre on the ellipsoid to better than 1e-7.
#pragma once
#include <cmath>
#include <string>
#include <vector>

namespace ecociv::space::testing_util {

inline constexpr double kE0 = 500000, kN0 = 3400000;  // about 120°E, 30.7°N

struct Xy {
  double x, y;
};

inline std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// A closed ring as GeoJSON coordinates (the first vertex repeated at the end).
inline std::string Ring(const std::vector<Xy>& points, bool close = true) {
  std::string out = "[";
  for (size_t i = 0; i < points.size(); ++i) {
    if (i) out += ",";
    out += "[" + Num(points[i].x) + "," + Num(points[i].y) + "]";
  }
  if (close) out += ",[" + Num(points[0].x) + "," + Num(points[0].y) + "]";
  return out + "]";
}

// A rectangle [x0, x1] × [y0, y1] metres from the zone's origin above.
inline std::string Rect(double x0, double y0, double x1, double y1) {
  return "{\"type\":\"Polygon\",\"coordinates\":[" +
         Ring({{kE0 + x0, kN0 + y0},
               {kE0 + x1, kN0 + y0},
               {kE0 + x1, kN0 + y1},
               {kE0 + x0, kN0 + y1}}) +
         "]}";
}

inline std::string Circle(double cx, double cy, double radius, int n) {
  std::vector<Xy> points;
  for (int i = 0; i < n; ++i) {
    double t = 2 * M_PI * i / n;
    points.push_back({kE0 + cx + radius * std::cos(t), kN0 + cy + radius * std::sin(t)});
  }
  return "{\"type\":\"Polygon\",\"coordinates\":[" + Ring(points) + "]}";
}

inline std::string Point(double x, double y) {
  return "{\"type\":\"Point\",\"coordinates\":[" + Num(kE0 + x) + "," + Num(kN0 + y) + "]}";
}

// One feature: `properties` is the inside of a JSON object ("\"id\":\"A\"").
inline std::string GeoFeature(const std::string& properties, const std::string& geometry) {
  return "{\"type\":\"Feature\",\"properties\":{" + properties + "},\"geometry\":" + geometry + "}";
}

inline std::string Collection(const std::vector<std::string>& features,
                              const std::string& epsg = "4549") {
  std::string out =
      "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
      "\"urn:ogc:def:crs:EPSG::" +
      epsg + "\"}},\"features\":[";
  for (size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
  return out + "]}";
}

// A controlled area's attributes.
inline std::string Area(const std::string& id, const std::string& category = "重要湿地",
                        const std::string& function = "洪水调蓄",
                        const std::string& level = "国家级生态保护红线") {
  return "\"id\":\"" + id + "\",\"name\":\"区域" + id + "\",\"category\":\"" + category +
         "\",\"control_level\":\"" + level + "\",\"function\":\"" + function + "\"";
}

}  // namespace ecociv::space::testing_util
