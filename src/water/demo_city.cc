#include "ecociv/water/demo_city.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ecociv::water {
namespace {

// splitmix64: a small, well-mixed, platform-independent generator, so the
// demo files are identical on every machine.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  // Multiplicative noise around 1 with spread `s` (log-uniform).
  double Noise(double s) { return std::exp((Uniform() * 2 - 1) * s); }

 private:
  uint64_t state_;
};

struct DemoSection {
  const char* id;
  const char* name;
  const char* river;
  const char* type;
  const char* target;
  const char* level;
  double pollution;  // 1 = typical class III water; > 1.6 fails III in bad months
};

// Names are invented for the demo (the rivers echo a Yangtze-delta county city).
// 张家港河 has 5 sections so its status comes from the class shares.
const DemoSection kSections[] = {
    {"CJ01", "长江姚港（示例）", "长江", "river", "II", "national", 0.55},
    {"CJ02", "长江新港（示例）", "长江", "river", "II", "national", 0.60},
    {"CJ03", "长江十一圩（示例）", "长江", "river", "II", "national", 0.62},
    {"ZJG1", "张家港河塘桥（示例）", "张家港河", "river", "III", "national", 0.85},
    {"ZJG2", "张家港河城区（示例）", "张家港河", "river", "III", "provincial", 0.95},
    {"ZJG3", "张家港河港区（示例）", "张家港河", "river", "III", "provincial", 1.00},
    {"ZJG4", "张家港河入江口（示例）", "张家港河", "river", "III", "provincial", 0.90},
    {"ZJG5", "张家港河东莱（示例）", "张家港河", "river", "III", "town", 1.30},
    {"EGH1", "二干河南（示例）", "二干河", "river", "III", "provincial", 0.90},
    {"EGH2", "二干河中（示例）", "二干河", "river", "III", "town", 1.05},
    {"EGH3", "二干河闸（示例）", "二干河", "river", "III", "provincial", 0.95},
    {"SGH1", "三干河南（示例）", "三干河", "river", "III", "town", 1.10},
    {"SGH2", "三干河中（示例）", "三干河", "river", "III", "town", 1.20},
    {"SGH3", "三干河闸（示例）", "三干河", "river", "III", "provincial", 1.00},
    {"SIG1", "四干河南（示例）", "四干河", "river", "III", "town", 1.15},
    {"SIG2", "四干河闸（示例）", "四干河", "river", "III", "provincial", 1.00},
    {"DHH1", "东横河西（示例）", "东横河", "river", "III", "town", 1.25},
    {"DHH2", "东横河中（示例）", "东横河", "river", "IV", "town", 1.75},
    {"DHH3", "东横河东（示例）", "东横河", "river", "III", "municipal", 1.30},
    {"YTT1", "盐铁塘北（示例）", "盐铁塘", "river", "III", "provincial", 1.05},
    {"YTT2", "盐铁塘中（示例）", "盐铁塘", "river", "III", "town", 1.40},
    {"YTT3", "盐铁塘南（示例）", "盐铁塘", "river", "IV", "town", 1.95},
    {"HMH1", "华妙河上（示例）", "华妙河", "river", "III", "town", 1.15},
    {"HMH2", "华妙河下（示例）", "华妙河", "river", "IV", "town", 1.60},
    {"BZX1", "北中心河上（示例）", "北中心河", "river", "III", "town", 1.20},
    {"BZX2", "北中心河下（示例）", "北中心河", "river", "IV", "town", 2.30},
    {"XJH1", "新泾河（示例）", "新泾河", "river", "IV", "town", 1.50},
    {"JYH1", "暨阳湖北（示例）", "暨阳湖", "lake", "III", "municipal", 0.80},
    {"JYH2", "暨阳湖南（示例）", "暨阳湖", "lake", "III", "municipal", 0.90},
    {"SMH1", "示范湖东（示例）", "示范湖", "lake", "III", "provincial", 1.10},
    {"SMH2", "示范湖西（示例）", "示范湖", "lake", "III", "town", 1.25},
};

// The section whose ammonia drifts towards its limit (see GenerateDemoCity).
constexpr std::string_view kDriftingSection = "ZJG4";

// Typical class-III-ish level of each item (mg/L unless noted) and its
// detection limit (0 = always detected). Invented for the demo.
struct ItemModel {
  const char* id;
  double typical;
  double detection_limit;
  double seasonal;  // amplitude; > 0 peaks in summer, < 0 peaks in winter
};
const ItemModel kModels[] = {
    {"temp", 17, 0, 0},
    {"ph", 7.6, 0, 0},
    {"do", 7.5, 0, 0},
    {"codmn", 3.5, 0, 0.20},
    {"cod", 11, 4, 0.20},
    {"bod5", 2.1, 0.5, 0.15},
    {"nh3n", 0.45, 0.025, -0.45},
    {"tp", 0.12, 0.01, 0.30},
    {"tn", 1.6, 0.05, -0.20},
    {"cu", 0.004, 0.001, 0},
    {"zn", 0.02, 0.05, 0},
    {"f", 0.45, 0.05, 0},
    {"se", 0.0003, 0.0004, 0},
    {"as", 0.0015, 0.0003, 0},
    {"hg", 0.00002, 0.00004, 0},
    {"cd", 0.00008, 0.0001, 0},
    {"cr6", 0.003, 0.004, 0},
    {"pb", 0.0012, 0.001, 0},
    {"cn", 0.002, 0.004, 0},
    {"phenol", 0.0006, 0.0003, 0},
    {"petroleum", 0.02, 0.01, 0.1},
    {"las", 0.04, 0.05, 0},
    {"sulfide", 0.006, 0.005, 0.2},
    {"fc", 3000, 20, 0.6},
    {"chla", 12, 0, 0.8},
    {"sd", 0.8, 0, -0.3},
};

// "a,b,c\n" (the demo's fields never need quoting).
std::string Join(std::initializer_list<std::string_view> fields) {
  std::string line;
  for (std::string_view field : fields) {
    if (!line.empty()) line += ',';
    line += field;
  }
  line += '\n';
  return line;
}

std::string Format(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Seasonal factor: 1 + amplitude·(summer bump), months 1..12, peak in July.
double Season(int month, double amplitude) {
  const double kPi = 3.14159265358979323846;
  return 1 + amplitude * -std::cos(2 * kPi * (month - 1) / 12.0);
}

// A value of one item at one section and month.
double ModelValue(const ItemModel& m, double pollution, int month, Rng& rng) {
  if (std::string_view(m.id) == "temp") {
    return 17.0 + 11.0 * -std::cos(2 * 3.14159265358979323846 * (month - 1) / 12.0) +
           rng.Uniform() - 0.5;
  }
  if (std::string_view(m.id) == "ph") return 7.2 + 0.6 * rng.Uniform() + (pollution > 2 ? 0.9 : 0);
  if (std::string_view(m.id) == "do") {
    // Colder water holds more oxygen; pollution consumes it.
    double saturation = 9.0 - 2.2 * -std::cos(2 * 3.14159265358979323846 * (month - 1) / 12.0);
    return std::max(0.8, saturation * (1.25 - 0.33 * pollution) * rng.Noise(0.08));
  }
  double load = std::string_view(m.id) == "sd" ? 1 / pollution : pollution;
  return m.typical * load * Season(month, m.seasonal) * rng.Noise(0.2);
}

}  // namespace

DemoCityFiles GenerateDemoCity(const WaterRules& rules, int year, uint64_t seed) {
  DemoCityFiles files;
  files.sections_csv =
      "section,name,river,type,target_class,level,chief,basin,drinking_source,categories,"
      "chief_name,chief_post,chief_unit\n";
  for (const DemoSection& s : kSections) {
    const std::string_view level = s.level;
    const bool yangtze = std::string_view(s.river) == "长江";
    const char* basin = yangtze ? "长江干流" : "长江下游支流";
    // The city draws its water from the Yangtze: two intakes are the demo's sources.
    const bool source = std::string_view(s.id) == "CJ01" || std::string_view(s.id) == "CJ02";
    // The groups the city reports by: the sections the nation and the province
    // assess, the tributaries' last sections before the Yangtze, the sources.
    std::string categories;
    if (level == "national" || level == "provincial") categories = "国省考断面";
    if (std::string_view(s.name).find("闸") != std::string_view::npos ||
        std::string_view(s.name).find("入江口") != std::string_view::npos) {
      categories += categories.empty() ? "通江支流" : ";通江支流";
    }
    if (source) categories += ";饮用水水源地";
    const bool city_chief = level == "national" || level == "provincial";
    files.sections_csv += Join({s.id, s.name, s.river, s.type, s.target, s.level,
                                "示例河长（合成数据）", basin, source ? "1" : "0", categories,
                                std::string("示例断面长") + s.id, city_chief ? "副市长" : "镇长",
                                city_chief ? "示例市人民政府" : "示例镇人民政府"});
  }
  files.samples_csv = "section,time,item,value,flag,unit\n";
  Rng rng(seed ^ (static_cast<uint64_t>(year) << 32));
  int form = 0;  // cycles through the below-detection spellings
  for (int month = 1; month <= 12; ++month) {
    for (const DemoSection& s : kSections) {
      bool lake = std::string_view(s.type) != "river";
      // National sections are sampled twice a month, the others once.
      std::vector<int> days =
          std::string_view(s.level) == "national" ? std::vector<int>{5, 20} : std::vector<int>{10};
      for (int day : days) {
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        for (const ItemModel& m : kModels) {
          std::string_view id = m.id;
          if (!lake && (id == "chla" || id == "sd")) continue;
          const WaterItem& item = rules.item(rules.IndexOf(id));
          double value = ModelValue(m, s.pollution, month, rng);
          // One tributary mouth drifts: its ammonia climbs steadily through
          // the year, 0.40 → 0.95 mg/L, towards its class III limit (1.0), so
          // the demo shows a notice before the section slips. The random draw
          // above is still made, so every other value stays as it was.
          if (std::string_view(s.id) == kDriftingSection && id == "nh3n") {
            value = 0.40 + 0.05 * (month - 1);
          }
          // Lake phosphorus is lower than river phosphorus.
          if (lake && id == "tp") value *= 0.35;
          std::string unit = item.unit == "1" ? "无量纲" : item.unit;
          std::string text = Format(value, item.decimals), flag;
          if (m.detection_limit > 0 && value < m.detection_limit) {
            // Below detection, in each of the spellings the reader accepts.
            std::string dl = Format(m.detection_limit, item.decimals + 1);
            switch (form++ % 4) {
              case 0:
                text = dl;
                flag.push_back('L');
                break;
              case 1:
                text.assign(1, '<').append(dl);
                break;
              case 2:
                text = dl;
                text += 'L';
                break;
              default:
                text = dl;
                flag.append("ND", 2);
                if (unit == "mg/L") {  // some laboratories report trace metals in µg/L
                  text = Format(m.detection_limit * 1000, std::max(1, item.decimals - 2));
                  unit = "µg/L";
                }
                break;
            }
          }
          files.samples_csv += Join({s.id, date, item.name, text, flag, unit});
        }
      }
    }
  }
  return files;
}

SampleSet GenerateScaledSampleSet(const WaterRules& rules, int sections, int year, uint64_t seed) {
  SampleSet set;
  Rng rng(seed);
  for (int s = 0; s < sections; ++s) {
    Section section;
    section.id = std::string("S").append(std::to_string(s));
    section.name = section.id;
    section.river = std::string("R").append(std::to_string(s / 7));
    section.basin = std::string("B").append(std::to_string(s / 400));
    section.target = WaterClass::kIII;
    section.level = SectionLevel::kNational;
    set.sections.push_back(section);
  }
  for (int s = 0; s < sections; ++s) {
    double pollution = 0.5 + 1.5 * rng.Uniform();
    for (int month = 1; month <= 12; ++month) {
      DayNumber day = DaysFromCivil({year, month, 10});
      for (const ItemModel& m : kModels) {
        int index = rules.IndexOf(m.id);
        if (!rules.item(index).evaluated) continue;
        Sample sample;
        sample.section = s;
        sample.day = day;
        sample.item = static_cast<int16_t>(index);
        double value = ModelValue(m, pollution, month, rng);
        if (m.detection_limit > 0 && value < m.detection_limit) {
          sample.below_detection = true;
          value = m.detection_limit;
        }
        sample.value = std::llround(value * kWaterScale);
        set.samples.push_back(sample);
      }
    }
  }
  return set;
}

}  // namespace ecociv::water
