// Engine figures as indicator values: the sources (StoreEngineFigures), the
// figure names, and the readiness table with the engines' values in place of
// anything stored (ReadinessForYear, indicator_store.h).
#include <algorithm>

#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/store/air_store.h"

namespace ecociv::indicators {

namespace {

constexpr const char* kAirFigures[] = {"air.good_day_ratio", "air.pm25_mean"};
constexpr const char* kWaterFigures[] = {"water.class_iii_share", "water.worse_than_v_share",
                                         "water.drinking_source_share"};
constexpr const char* kSpaceFigures[] = {"space.forest_cover", "space.forest_grass_cover",
                                         "space.urban_green_cover"};
constexpr const char* kPromiseFigures[] = {"space.red_line", "space.natural_space",
                                           "space.control_area"};

std::string KnownFigures() {
  std::string out;
  for (const char* f : kAirFigures) out += std::string(out.empty() ? "" : ", ") + f;
  for (const char* f : kWaterFigures) out += std::string(", ") + f;
  for (const char* f : kSpaceFigures) out += std::string(", ") + f;
  for (const char* f : kPromiseFigures) out += std::string(", ") + f;
  return out;
}

StatusOr<EngineValue> Value(const std::string& text, const std::string& inputs,
                            const std::string& figure, int year) {
  if (text.empty()) return NotFoundError("no " + figure + " in " + std::to_string(year));
  return EngineValue{text, inputs};
}

}  // namespace

StatusOr<AirFigures> StoreEngineFigures::Air(int year) {
  auto it = air_.find(year);
  if (it != air_.end()) return it->second;
  auto compute = [&]() -> StatusOr<AirFigures> {
    ECOCIV_ASSIGN_OR_RETURN(CityProfile profile, LoadProfile(db_));
    ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> cities, store::ListAirCities(db_));
    ECOCIV_ASSIGN_OR_RETURN(std::string city, AirCityFor(profile.city, cities));
    return ComputeAirFigures(db_, city, year);
  };
  return air_.emplace(year, compute()).first->second;
}

StatusOr<WaterFigures> StoreEngineFigures::Water(int year) {
  auto it = water_.find(year);
  if (it != water_.end()) return it->second;
  return water_.emplace(year, ComputeWaterFigures(db_, year)).first->second;
}

StatusOr<space::CoverReport> ComputeCoverFigures(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  return space::GreenCover(db, year, vocabulary);
}

StatusOr<space::CoverReport> StoreEngineFigures::Cover(int year) {
  auto it = cover_.find(year);
  if (it != cover_.end()) return it->second;
  return cover_.emplace(year, ComputeCoverFigures(db_, year)).first->second;
}

StatusOr<space::BaselineComparison> ComputePromiseFigures(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  return space::CompareWithBaseline(db, year, vocabulary);
}

StatusOr<space::BaselineComparison> StoreEngineFigures::Promises(int year) {
  auto it = promises_.find(year);
  if (it != promises_.end()) return it->second;
  return promises_.emplace(year, ComputePromiseFigures(db_, year)).first->second;
}

namespace {

// The layers each promise figure judges: the red lines alone; with the protected areas
// (national 2019 row 17, 自然生态空间（生态保护红线；自然保护地）); the provincial control areas.
std::vector<space::Layer> PromiseLayers(const std::string& figure) {
  using space::Layer;
  if (figure == "space.red_line") return {Layer::kRedLine};
  if (figure == "space.natural_space") return {Layer::kRedLine, Layer::kProtectedArea};
  if (figure == "space.control_area") return {Layer::kControlArea};
  return {};
}

}  // namespace

StatusOr<EngineValue> EngineValueOf(EngineFigureSource& source, const std::string& figure,
                                    int year) {
  if (std::vector<space::Layer> layers = PromiseLayers(figure); !layers.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(space::BaselineComparison c, source.Promises(year));
    ECOCIV_ASSIGN_OR_RETURN(space::PromiseState p, space::PromisesOf(c, layers));
    return EngineValue{p.text, p.evidence};
  }
  if (figure.rfind("space.", 0) == 0) {
    ECOCIV_ASSIGN_OR_RETURN(space::CoverReport r, source.Cover(year));
    const std::string evidence = space::CoverEvidence(r);
    if (figure == "space.forest_cover")
      return Value(space::ShareText(r.forest_share), evidence, figure, year);
    if (figure == "space.forest_grass_cover") {
      return Value(space::ShareText(r.forest_grass_share), evidence, figure, year);
    }
    if (figure == "space.urban_green_cover") {
      if (r.built_up_year == 0) {
        return NotFoundError("no built-up area is stored up to " + std::to_string(year) +
                             " (ecociv space import FILE --layer built-up --year Y)");
      }
      return Value(space::ShareText(r.urban_green_share), evidence, figure, year);
    }
  }
  if (figure == "air.good_day_ratio" || figure == "air.pm25_mean") {
    ECOCIV_ASSIGN_OR_RETURN(AirFigures f, source.Air(year));
    bool ratio = figure == "air.good_day_ratio";
    return Value(ratio ? f.GoodDayRatioText() : f.Pm25Text(), f.Trace(), figure, year);
  }
  if (figure.rfind("water.", 0) == 0) {
    ECOCIV_ASSIGN_OR_RETURN(WaterFigures f, source.Water(year));
    auto text = [&](const std::optional<Ratio>& v) {
      return v ? FormatRounded(*v, f.share_decimals) : "";
    };
    if (figure == "water.class_iii_share")
      return Value(text(f.share_good), f.Trace(), figure, year);
    if (figure == "water.worse_than_v_share") {
      return Value(text(f.share_worse_than_v), f.Trace(), figure, year);
    }
    if (figure == "water.drinking_source_share") {
      if (f.drinking_sources == 0) {
        return NotFoundError("no drinking-water source section with a class in " +
                             std::to_string(year));
      }
      return Value(text(f.drinking_source_share), f.Trace(), figure, year);
    }
  }
  return InvalidArgumentError("unknown engine figure '" + figure + "' (known: " + KnownFigures() +
                              ")");
}

std::vector<std::string> FiguresOfEngine(const std::string& figure) {
  std::vector<std::string> out;
  auto add_if = [&](const auto& names) {
    bool member = false;
    for (const char* f : names) member = member || figure == f;
    if (member) out.assign(std::begin(names), std::end(names));
  };
  add_if(kAirFigures);
  add_if(kWaterFigures);
  add_if(kSpaceFigures);
  add_if(kPromiseFigures);
  return out;
}

std::vector<EngineFigureUse> EngineFiguresOfYear(EngineFigureSource& source, int year,
                                                 std::vector<std::string> figures) {
  if (figures.empty()) {
    figures.assign(std::begin(kAirFigures), std::end(kAirFigures));
    figures.insert(figures.end(), std::begin(kWaterFigures), std::end(kWaterFigures));
    figures.insert(figures.end(), std::begin(kSpaceFigures), std::end(kSpaceFigures));
    figures.insert(figures.end(), std::begin(kPromiseFigures), std::end(kPromiseFigures));
  }
  std::vector<EngineFigureUse> out;
  for (const std::string& f : figures) {
    EngineFigureUse use{f, year, "", "computed", ""};
    auto value = EngineValueOf(source, f, year);
    if (value.ok()) {
      use.value = value->text;
      use.detail = value->inputs;
    } else {
      use.state = value.status().code() == StatusCode::kNotFound ? "no_data" : "error";
      use.detail = value.status().message();
    }
    out.push_back(std::move(use));
  }
  return out;
}

namespace {

// What the engines gave the readiness table: the figures of the year and,
// per indicator without a value, why the engine had none.
struct EngineOverlay {
  std::vector<EngineFigureUse> uses;
  std::map<std::string, std::string> missing;  // indicator id → reason
};

// The engine's figure replaces whatever is stored for (indicator, year).
// Stored engine values are dropped: they are copies an earlier program
// recorded, stale once the data changed. With no data for the year a
// reported value stays (the fallback); any other failure is an error value.
void SetEngineValue(const Indicator& ind, EngineFigureSource& engines, int year, ValueTable* values,
                    EngineOverlay* overlay) {
  std::map<int, YearValue>& by_year = (*values)[ind.id];
  std::optional<YearValue> reported;
  auto stored = by_year.find(year);
  if (stored != by_year.end()) {
    if (stored->second.source != "engine") reported = stored->second;
    by_year.erase(stored);
  }
  auto value = EngineValueOf(engines, ind.engine_figure, year);
  if (value.ok()) {
    YearValue v;
    v.text = value->text;
    v.source = "engine";
    v.status = "computed";
    v.note = "computed from the store's data when read";
    v.inputs = value->inputs;
    if (reported) {
      v.inputs += "; the reported value " + reported->text + " (" + reported->status +
                  ") is not used while the store holds the year's data";
    }
    by_year[year] = std::move(v);
  } else if (value.status().code() == StatusCode::kNotFound) {
    if (reported) {
      std::string why = "no engine figure (" + value.status().message() + "): reported value";
      reported->inputs = reported->inputs.empty() ? why : why + "; " + reported->inputs;
      by_year[year] = std::move(*reported);
    } else {
      overlay->missing[ind.id + "/" + std::to_string(year)] = value.status().message();
    }
  } else {
    YearValue v;
    v.source = "engine";
    v.status = "error";
    v.error = ind.engine_figure + ": " + value.status().message();
    by_year[year] = std::move(v);
  }
  if (by_year.empty()) values->erase(ind.id);
}

EngineOverlay ApplyEngineFigures(const Catalogue& cat, EngineFigureSource& engines, int year,
                                 ValueTable* values) {
  EngineOverlay overlay;
  std::vector<std::string> figures;
  for (const Indicator& ind : cat.indicators) {
    if (ind.source != Source::kEngine) continue;
    // The year before too: trends and up/down verdicts compare with it.
    for (int y : {year, year - 1}) SetEngineValue(ind, engines, y, values, &overlay);
    std::vector<std::string> of_engine = FiguresOfEngine(ind.engine_figure);
    if (of_engine.empty()) of_engine = {ind.engine_figure};
    for (const std::string& f : of_engine) {
      if (std::find(figures.begin(), figures.end(), f) == figures.end()) figures.push_back(f);
    }
  }
  if (!figures.empty()) overlay.uses = EngineFiguresOfYear(engines, year, figures);
  return overlay;
}

}  // namespace

StatusOr<Readiness> ReadinessForYear(Database* db, int year, EngineFigureSource& engines,
                                     const ApplyRule& rule) {
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  ECOCIV_ASSIGN_OR_RETURN(CityProfile profile, LoadProfile(db));
  ECOCIV_ASSIGN_OR_RETURN(ValueTable values, LoadValues(db));
  ECOCIV_ASSIGN_OR_RETURN(PlanTable plan, LoadPlan(db, year));
  // The results point into the catalogue: keep it alive with the readiness.
  auto shared = std::make_shared<Catalogue>(std::move(cat));
  EngineOverlay overlay = ApplyEngineFigures(*shared, engines, year, &values);
  Readiness readiness = Evaluate(*shared, profile, values, plan, year, rule);
  readiness.keep_alive = shared;
  for (IndicatorResult& r : readiness.results) {
    if (r.verdict != Verdict::kNoData || !r.value_text.empty()) continue;
    auto why = overlay.missing.find(r.indicator->id + "/" + std::to_string(year));
    if (why != overlay.missing.end()) r.reason += " (" + why->second + ")";
  }
  readiness.engine_figures = std::move(overlay.uses);
  return readiness;
}

StatusOr<Readiness> ReadinessForYear(Database* db, int year, const ApplyRule& rule) {
  StoreEngineFigures engines(db);
  return ReadinessForYear(db, year, engines, rule);
}

}  // namespace ecociv::indicators
