// The ecological-space analysis at a county's scale (docs/performance.md):
// 50 control areas of 400 vertices compared year on year (half of them shrunk)
// and the green cover of 10,000 land-cover polygons of 32 vertices within a
// 1,000-vertex boundary, for both years. Goal: the whole comparison under 2 s
// on one core.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ecociv/space/analysis.h"
#include "ecociv/space/geometry.h"

namespace ecociv::space {
namespace {

constexpr double kLon0 = 120.3, kLat0 = 31.6;

void Put(std::string* out, const void* p, size_t n) { out->append(static_cast<const char*>(p), n); }

// ISO WKB of a one-ring polygon (little-endian); `ring` is open, closed here.
std::string PolygonWkb(const std::vector<std::pair<double, double>>& ring) {
  std::string w;
  const uint8_t order = 1;
  const uint32_t type = 3, rings = 1, points = static_cast<uint32_t>(ring.size() + 1);
  Put(&w, &order, 1);
  Put(&w, &type, 4);
  Put(&w, &rings, 4);
  Put(&w, &points, 4);
  for (size_t i = 0; i <= ring.size(); ++i) {
    const auto& p = ring[i % ring.size()];
    Put(&w, &p.first, 8);
    Put(&w, &p.second, 8);
  }
  return w;
}

std::vector<std::pair<double, double>> Circle(double lon, double lat, double r, int n) {
  std::vector<std::pair<double, double>> ring;
  for (int i = 0; i < n; ++i) {
    double t = 2 * M_PI * i / n;
    ring.push_back({lon + r * std::cos(t), lat + r * std::sin(t)});
  }
  return ring;
}

Feature Make(std::string id, std::string wkb) {
  Feature f;
  f.id = std::move(id);
  f.wkb = std::move(wkb);
  auto area = EllipsoidAreaM2(f.wkb);
  if (!area.ok()) std::abort();
  f.area_m2 = *area;
  return f;
}

struct County {
  Vocabulary vocabulary;
  std::vector<Feature> areas_before, areas_now, cover_before, cover_now, boundary;
};

const County& TheCounty() {
  static const County* county = [] {
    auto* c = new County;
    auto v = BuiltInVocabulary();
    if (!v.ok()) std::abort();
    c->vocabulary = *v;
    for (int i = 0; i < 50; ++i) {
      double lon = kLon0 + 0.05 + 0.06 * (i % 10), lat = kLat0 + 0.05 + 0.06 * (i / 10);
      Feature before = Make("CA-" + std::to_string(i), PolygonWkb(Circle(lon, lat, 0.02, 400)));
      before.category = "wetland", before.control_level = "provincial-control-area";
      before.function = "flood-storage";
      Feature now = i % 2 ? Make(before.id, PolygonWkb(Circle(lon, lat, 0.0196, 400))) : before;
      now.category = before.category, now.control_level = before.control_level;
      now.function = before.function;
      c->areas_before.push_back(before);
      c->areas_now.push_back(now);
    }
    const double cell = 0.0065;  // 100 × 100 cells of about 620 m × 690 m
    for (int i = 0; i < 100; ++i) {
      for (int j = 0; j < 100; ++j) {
        double x0 = kLon0 + i * cell, y0 = kLat0 + j * cell;
        std::vector<std::pair<double, double>> ring;
        for (int k = 0; k < 8; ++k) ring.push_back({x0 + cell * k / 8, y0});
        for (int k = 0; k < 8; ++k) ring.push_back({x0 + cell, y0 + cell * k / 8});
        for (int k = 0; k < 8; ++k) ring.push_back({x0 + cell * (8 - k) / 8, y0 + cell});
        for (int k = 0; k < 8; ++k) ring.push_back({x0, y0 + cell * (8 - k) / 8});
        Feature f = Make("LC-" + std::to_string(i * 100 + j), PolygonWkb(ring));
        f.cover = (i * 7 + j * 3) % 5 == 0 ? "forest" : (i + j) % 9 == 0 ? "grass" : "cropland";
        c->cover_before.push_back(f);
        if (f.cover == "cropland" && (i + j) % 11 == 0) f.cover = "forest";
        c->cover_now.push_back(std::move(f));
      }
    }
    c->boundary.push_back(
        Make("county", PolygonWkb(Circle(kLon0 + 0.325, kLat0 + 0.325, 0.3, 1000))));
    return c;
  }();
  return *county;
}

void BM_CompareControlAreas(benchmark::State& state) {
  const County& c = TheCounty();
  for (auto _ : state) {
    Comparison r =
        CompareFeatures(2025, c.areas_now, 2020, c.areas_before, Layer::kControlArea, c.vocabulary);
    if (r.broken != 25) state.SkipWithError("expected 25 shrunk areas");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CompareControlAreas)->Unit(benchmark::kMillisecond);

void BM_GreenCover10k(benchmark::State& state) {
  const County& c = TheCounty();
  for (auto _ : state) {
    auto r = CoverOf(2025, c.cover_now, c.boundary, c.vocabulary);
    if (!r.ok()) state.SkipWithError("cover failed");
    benchmark::DoNotOptimize(r);
  }
  state.counters["polygons/s"] =
      benchmark::Counter(static_cast<double>(c.cover_now.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GreenCover10k)->Unit(benchmark::kMillisecond);

// The county's year on year: the 50 areas compared and the cover of both years.
void BM_CountyYearOnYear(benchmark::State& state) {
  const County& c = TheCounty();
  for (auto _ : state) {
    Comparison r =
        CompareFeatures(2025, c.areas_now, 2020, c.areas_before, Layer::kControlArea, c.vocabulary);
    auto now = CoverOf(2025, c.cover_now, c.boundary, c.vocabulary);
    auto before = CoverOf(2020, c.cover_before, c.boundary, c.vocabulary);
    if (!now.ok() || !before.ok()) state.SkipWithError("cover failed");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CountyYearOnYear)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ecociv::space

BENCHMARK_MAIN();
