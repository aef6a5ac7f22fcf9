// The rule and scheme files a city may supply (--standards DIR, --schemes DIR,
// its own warning rules, review screening, indicator catalogues): TOML or CSV
// text that parses or is refused naming the file and key; the report display
// profiles, schedule and public-holiday files, the water periods (flood seasons, campaigns and the
// notice rules they tighten), the map layer an administrator uploads, and text
// in an unknown encoding (GBK or invalid UTF-8) as the imports convert it.
#include <cstdint>
#include <string>

#include "ecociv/core/text_encoding.h"
#include "ecociv/indicators/catalogue.h"
#include "ecociv/report/holidays.h"
#include "ecociv/report/profile.h"
#include "ecociv/report/schedule.h"
#include "ecociv/scoring/scheme.h"
#include "ecociv/store/map_layer.h"
#include "ecociv/store/review.h"
#include "ecociv/warning/water_warning.h"
#include "ecociv/water/periods.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string text(reinterpret_cast<const char*>(in.data), in.size);
  switch (in.mode % 10) {
    case 0:
      (void)scoring::ParseScheme(text, "scheme.toml");
      break;
    case 1:
      (void)warning::ParseWarningRules(text, "rules.toml");
      break;
    case 2:
      (void)store::ParseReviewRules(text, "review.toml");
      break;
    case 3:
      (void)indicators::ParseCatalogue(text, "fuzz", "catalogue.csv");
      break;
    case 4:
      (void)report::ParseProfile(text, "profile.toml");
      break;
    case 5:
      (void)store::CheckMapLayer(text);
      break;
    case 6: {
      bool converted = false;
      (void)TextAsUtf8(text, &converted);
      break;
    }
    case 7:
      (void)water::ParseWaterPeriods(text, "water-periods.toml");
      break;
    case 8:
      (void)report::ParseScheduleConfig(text, "report-schedule.toml");
      break;
    case 9:
      (void)report::ParseHolidayFile(text, "2026.csv", 2026);
      break;
    default:
      break;
  }
  return 0;
}
