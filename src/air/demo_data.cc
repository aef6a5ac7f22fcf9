#include "ecociv/air/demo_data.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace ecociv::air {
namespace {

constexpr double kPi = 3.14159265358979323846;

// SplitMix64: a small, well-mixed, portable generator, so the demo data are
// the same on every machine.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return double(Next() >> 11) * (1.0 / 9007199254740992.0); }
  double Normal() {  // Box–Muller
    double u = Uniform(), v = Uniform();
    return std::sqrt(-2.0 * std::log(u + 1e-300)) * std::cos(2 * kPi * v);
  }

 private:
  uint64_t state_;
};

struct DemoStation {
  std::string code;
  std::string name;
  double lon, lat;
  bool background;
  double pm_factor, no2_factor;  // local emission level
};

// Invented names for a synthetic city; the city name is the model's.
const DemoStation kStations[] = {
    {"ZJG01", "城北（演示）", 120.553, 31.889, false, 1.00, 1.05},
    {"ZJG02", "城南（演示）", 120.548, 31.852, false, 1.06, 1.15},
    {"ZJG03", "港区（演示）", 120.428, 31.967, false, 1.12, 1.25},
    {"ZJG04", "塘桥（演示）", 120.641, 31.808, false, 0.97, 0.90},
    {"ZJG05", "凤凰山对照点（演示）", 120.612, 31.772, true, 0.70, 0.45},
};

// Seasonal term: 1 in mid-January, −1 in mid-July.
double Winter(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  int day_of_year = day - DaysFromCivil({d.year, 1, 1});
  return std::cos(2 * kPi * (day_of_year - 15) / 365.0);
}

// Rush hours for NO2/CO, a morning and evening bump for PM, an afternoon
// peak for O3 (hour 1..24).
double RushHours(int hour) {
  return 1 + 0.25 * std::exp(-std::pow(hour - 8, 2) / 4.0) +
         0.3 * std::exp(-std::pow(hour - 19, 2) / 6.0) -
         0.15 * std::exp(-std::pow(hour - 14, 2) / 8.0);
}
double Sunlight(int hour) {
  double x = std::sin(kPi * (hour - 7) / 13.0);
  return hour >= 7 && hour <= 20 ? x : 0;
}

std::string Format(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

}  // namespace

StatusOr<int64_t> WriteDemoAir(const DemoAirOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return NotFoundError(options.out_dir + ": cannot create directory: " + ec.message());
  if (options.last_day < options.first_day) return InvalidArgumentError("the last day is before the first");
  std::vector<DemoStation> demo_stations(std::begin(kStations), std::end(kStations));
  if (!options.stations.empty()) {
    // Emission levels of a spread like the demo city's, drawn per station.
    Random factors(options.seed ^ 0x5354415449304E53ull);
    demo_stations.clear();
    for (const StationInfo& info : options.stations) {
      double pm = info.background ? 0.7 : 0.8 + 0.45 * factors.Uniform();
      double no2 = info.background ? 0.45 : 0.75 + 0.55 * factors.Uniform();
      demo_stations.push_back(
          {info.code, info.name, info.longitude, info.latitude, info.background, pm, no2});
    }
  }
  std::string path;
  if (options.stations.empty()) {
    std::string stations = "station,name,city,lon,lat,background\n";
    for (const DemoStation& s : demo_stations) {
      stations += s.code + "," + s.name + ",张家港市," + Format(s.lon, 3) + "," +
                  Format(s.lat, 3) + "," + (s.background ? "1" : "0") + "\n";
    }
    path = options.out_dir + "/stations.csv";
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "wb"), std::fclose);
    if (!f) return NotFoundError(path + ": cannot write");
    std::fputs(stations.c_str(), f.get());
  }

  path = options.out_dir + "/synthetic_air_hourly.csv";
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!out) return NotFoundError(path + ": cannot write");
  std::fputs("station,time,so2,no2,co,o3,pm10,pm25\n", out.get());
  Random random(options.seed);
  // Regional weather shared by all stations: an AR(1) on the log scale, slow
  // enough to make multi-day episodes.
  const int hours = (options.last_day - options.first_day + 1) * 24;
  std::vector<double> episode(hours), ventilation(hours);
  double e = 0, v = 0;
  for (int h = 0; h < hours; ++h) {
    e = 0.985 * e + 0.05 * random.Normal();
    v = 0.9 * v + 0.1 * random.Normal();
    episode[h] = e;
    ventilation[h] = v;
  }
  int64_t written = 0;
  for (const DemoStation& s : demo_stations) {
    int outage_left = 0;
    for (int h = 0; h < hours; ++h) {
      DayNumber day = options.first_day + h / 24;
      int hour = h % 24 + 1;
      HourLabel label = LabelAt(day, hour);
      if (outage_left > 0) {
        --outage_left;
        continue;  // the whole station is down: no row at all
      }
      if (random.Uniform() < 0.0015) outage_left = 1 + int(random.Uniform() * 40);
      double winter = Winter(day);
      double weather = std::exp(episode[h] * 1.1 + ventilation[h] * 0.2);
      double pm25 = (27 + 14 * winter) * s.pm_factor * RushHours(hour) * weather *
                    std::exp(0.12 * random.Normal());
      double pm10 = pm25 * (1.45 + 0.25 * random.Uniform()) + 6 * s.pm_factor;
      double no2 = (27 + 10 * winter) * s.no2_factor * RushHours(hour) *
                   std::exp(0.4 * episode[h] + 0.15 * random.Normal());
      double so2 = (7 + 2 * winter) * std::exp(0.2 * random.Normal());
      double co = (0.62 + 0.25 * winter) * RushHours(hour) *
                  std::exp(0.5 * episode[h] + 0.1 * random.Normal());
      double o3_base = 82 - 38 * winter;  // summer high
      double o3 = (o3_base * (0.45 + 1.25 * Sunlight(hour)) +
                   35 * std::max(0.0, -winter) * std::max(0.0, episode[h])) *
                  std::exp(0.12 * random.Normal()) * (s.background ? 1.1 : 1.0) / (1 + 0.004 * no2);
      std::string fields[6] = {Format(so2, 0), Format(no2, 0),  Format(co, 1),
                               Format(o3, 0),  Format(pm10, 0), Format(pm25, 0)};
      // Single-instrument gaps, and a few bad values a screening must catch.
      for (std::string& field : fields) {
        double u = random.Uniform();
        if (u < 0.004)
          field = "";
        else if (u < 0.0042)
          field = "—";
        else if (u < 0.00425)
          field = "-" + field;
      }
      std::string row = s.code + "," + FormatHourLabel(label);
      for (const std::string& field : fields) row += "," + field;
      row += "\n";
      std::fputs(row.c_str(), out.get());
      ++written;
    }
  }
  return written;
}

}  // namespace ecociv::air
