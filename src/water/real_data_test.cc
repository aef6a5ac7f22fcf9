// The real-time classification against the national surface-water automatic
// monitoring release in ../shared/data/real/cnemc-surface-water (see its
// README and docs/conformance.md, "Surface water"). Skipped, saying so, when
// that folder is absent (a fresh clone alone); CI always has it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "ecociv/water/release_check.h"

namespace ecociv::water {
namespace {

namespace fs = std::filesystem;

std::string ReleaseDir() {
  const char* source = std::getenv("ECOCIV_SOURCE_DIR");
  fs::path root = source ? fs::path(source) : fs::current_path();
  return (root / ".." / "shared" / "data" / "real" / "cnemc-surface-water").string();
}

constexpr const char* kSnapshots = "cnemc_water_snapshots_2025-11_2026-02.csv.xz";
constexpr const char* kPage = "cnemc_water_page_2026-02-04.csv.xz";

#define REQUIRE_RELEASE()                                                                 \
  const std::string dir = ReleaseDir();                                                   \
  if (!fs::exists(dir + "/" + kSnapshots) || !fs::exists(dir + "/" + kPage)) {            \
    GTEST_SKIP() << "real data not found in " << dir                                      \
                 << " (../shared/data/real is beside the repository in CI; skipped here)"; \
  }

struct Loaded {
  WaterRules rules;
  RealtimeEditions editions;
  Release release;
};

Loaded Load(const std::string& dir) {
  auto rules = WaterRules::Load("");
  EXPECT_TRUE(rules.ok());
  auto editions = RealtimeEditions::Load("", *rules);
  EXPECT_TRUE(editions.ok());
  Loaded out{*rules, *editions, {}};
  for (const char* file : {kSnapshots, kPage}) {
    Status s = ReadRelease(dir + "/" + file, out.rules, &out.release);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return out;
}

const ReleaseAgreement* Find(const ReleaseCheckReport& r, const std::string& edition,
                             const std::string& values) {
  for (const ReleaseAgreement& a : r.agreement) {
    if (a.edition == edition && a.values == values) return &a;
  }
  return nullptr;
}

// Every published class of November 2025 from the unrounded values; the
// February 2026 rows too, but the 7 of the 2026-02-04 crawl whose TP is shown
// at a limit, which only the value behind the display explains.
TEST(RealData, CnemcSurfaceWaterReleaseFromUnroundedValues) {
  REQUIRE_RELEASE();
  Loaded in = Load(dir);
  EXPECT_EQ(in.release.rows.size(), 24702u);
  ReleaseCheckReport r = CheckRelease(in.rules, in.editions, in.release, {});
  const ReleaseAgreement* nov = Find(r, "cnemc-auto-release-2025", "raw");
  ASSERT_NE(nov, nullptr) << r.Summary();
  EXPECT_EQ(nov->published, 9399);
  EXPECT_EQ(nov->equal, 9399);
  EXPECT_EQ(nov->unpublished, 366);
  EXPECT_EQ(nov->unpublished_equal, 366);
  const ReleaseAgreement* feb = Find(r, "cnemc-auto-release-2026", "raw");
  ASSERT_NE(feb, nullptr);
  EXPECT_EQ(feb->published, 343);
  EXPECT_EQ(feb->equal, 343);
  const ReleaseAgreement* crawl = Find(r, "cnemc-auto-release-2026", "displayed");
  ASSERT_NE(crawl, nullptr);
  EXPECT_EQ(crawl->published, 1145);
  EXPECT_EQ(crawl->equal, 1138);
  EXPECT_EQ(r.disagreements, 7);
  EXPECT_EQ(r.causes["hidden by the display"], 7);
  EXPECT_FALSE(r.has_unexplained());
  // The section types guessed from names agree with every section the
  // published classes decide.
  EXPECT_EQ(r.types_decided, 1557);
  EXPECT_EQ(r.types_agree, r.types_decided);
}

// From the displayed values the November rows agree as well; and judging the
// unrounded November values without the release's rounding (the 2026 rules)
// fails, each failure explained.
TEST(RealData, CnemcSurfaceWaterReleaseDisplayedValuesAndTheOtherLayout) {
  REQUIRE_RELEASE();
  Loaded in = Load(dir);
  ReleaseCheckOptions displayed;
  displayed.values = JudgedValues::kDisplayed;
  ReleaseCheckReport r = CheckRelease(in.rules, in.editions, in.release, displayed);
  const ReleaseAgreement* nov = Find(r, "cnemc-auto-release-2025", "displayed");
  ASSERT_NE(nov, nullptr);
  EXPECT_EQ(nov->equal, nov->published);
  EXPECT_EQ(r.disagreements, 7);

  ReleaseCheckOptions forced;
  forced.forced_edition = "cnemc-auto-release-2026";
  r = CheckRelease(in.rules, in.editions, in.release, forced);
  const ReleaseAgreement* unrounded = Find(r, "cnemc-auto-release-2026", "raw");
  ASSERT_NE(unrounded, nullptr);
  EXPECT_EQ(unrounded->published, 9742);  // November and February captured rows
  EXPECT_EQ(unrounded->equal, 9583);      // 159 November rows need the release's rounding
  EXPECT_EQ(r.causes["rounding"], 159);
  EXPECT_EQ(r.causes["missing item"], 366);
  EXPECT_FALSE(r.has_unexplained());
}

}  // namespace
}  // namespace ecociv::water
