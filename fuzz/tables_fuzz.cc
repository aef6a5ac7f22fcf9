// The tables a bureau imports besides monitoring data: indicator values,
// units, plans and key projects (all or nothing into the store), and the
// scoring inputs (subjects, values, events) read against a built-in scheme.
#include <cstdint>
#include <memory>
#include <string_view>

#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/inputs.h"
#include "ecociv/scoring/scheme.h"
#include "ecociv/store/database.h"
#include "fuzz_util.h"

namespace {

ecociv::store::Database* Store() {
  static std::unique_ptr<ecociv::store::Database> db = [] {
    ecociv::store::OpenOptions options;
    options.create = true;
    std::string path = ecociv::fuzz::ScratchDir() + "/tables.db";
    std::remove(path.c_str());
    auto opened = ecociv::store::OpenSqliteDatabase(path, options);
    if (!opened.ok()) std::abort();
    return std::move(*opened);
  }();
  return db.get();
}

const ecociv::scoring::Scheme& TownScheme() {
  static const ecociv::scoring::Scheme* scheme = [] {
    auto loaded = ecociv::scoring::LoadScheme("town-1000", "");
    if (!loaded.ok()) std::abort();
    return new ecociv::scoring::Scheme(std::move(*loaded));
  }();
  return *scheme;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  store::Actor actor{"fuzz", ""};
  switch (in.mode % 7) {
    case 0:
      (void)indicators::ImportValues(Store(), text, "values.csv", actor);
      break;
    case 1:
      (void)indicators::ImportUnits(Store(), text, "units.csv", actor);
      break;
    case 2:
      (void)indicators::ImportPlan(Store(), text, "plan.csv", actor);
      break;
    case 3:
      (void)indicators::ImportProjects(Store(), text, "projects.csv", actor);
      break;
    case 4:
      (void)scoring::ReadSubjects(fuzz::WriteInput("subjects.csv", in.data, in.size));
      break;
    case 5: {
      scoring::CsvValueSource source;
      (void)source.ReadValues(fuzz::WriteInput("values.csv", in.data, in.size), TownScheme());
      break;
    }
    default: {
      scoring::CsvValueSource source;
      (void)source.ReadEvents(fuzz::WriteInput("events.csv", in.data, in.size), TownScheme(),
                              2025);
      break;
    }
  }
  return 0;
}
