// The approved baseline and the promises against it (see promises.h).
#include "ecociv/space/promises.h"

#include <algorithm>

#include "ecociv/core/parse_number.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::space {
namespace {

// ind_settings is the store's key-value table (migration 3), shared as the map layer shares
// it: a baseline needs no table of its own.
constexpr char kKey[] = "space.baseline";
constexpr Layer kControlled[] = {Layer::kRedLine, Layer::kControlArea, Layer::kProtectedArea};

std::string SourceText(const LayerSource& s) {
  return std::string(LayerName(s.layer)) + " " + std::to_string(s.year) + " (" + s.source +
         ", imported " + s.imported_at + ")";
}

const LayerSource* Find(const std::vector<LayerSource>& sources, Layer layer) {
  for (const LayerSource& s : sources) {
    if (s.layer == layer) return &s;
  }
  return nullptr;
}

StatusOr<std::vector<LayerSource>> SourcesOf(store::Database* db, int year) {
  std::vector<LayerSource> out;
  for (Layer layer : kControlled) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> features, LoadLayer(db, layer, year));
    if (features.empty()) continue;
    ECOCIV_ASSIGN_OR_RETURN(LayerSource s, SourceOf(db, layer, year));
    out.push_back(std::move(s));
  }
  return out;
}

std::string Missing(Layer layer, int year, const char* which) {
  return std::string("no ") + LayerName(layer) + " layer of " + std::to_string(year) + " (" +
         which + ") is stored (ecociv space import FILE --layer " + LayerName(layer) +
         " --year " + std::to_string(year) + ")";
}

// The broken promises of an area, with why, in English and Chinese.
std::string Reasons(const AreaChange& a) {
  std::string out;
  for (const Promise* p : {&a.area, &a.category, &a.function}) {
    if (p->kept) continue;
    out += (out.empty() ? "" : "; ") + p->reason_en + " (" + p->reason_zh + ")";
  }
  return out;
}

}  // namespace

StatusOr<int> ApprovedBaseline(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(db, "SELECT value FROM ind_settings WHERE key = ?", {std::string(kKey)}));
  if (rows.empty()) return 0;
  auto year = ParseInteger(rows[0][0], 1900, 2200, "the approved baseline");
  if (!year.ok()) return DataLossError("ind_settings " + std::string(kKey) + ": " +
                                       year.status().message());
  return static_cast<int>(*year);
}

Status SetApprovedBaseline(store::Database* db, int year, const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(std::vector<LayerSource> sources, SourcesOf(db, year));
  if (sources.empty()) {
    return FailedPreconditionError("no red line, control area or protected area of " +
                                   std::to_string(year) +
                                   " is stored: import the approved layers of that year first "
                                   "(ecociv space import FILE --layer red-line --year " +
                                   std::to_string(year) + ")");
  }
  ECOCIV_RETURN_IF_ERROR(store::RunSql(
      db, "INSERT OR REPLACE INTO ind_settings (key, value) VALUES (?, ?)",
      {std::string(kKey), std::to_string(year)}));
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "space.baseline";
  entry.object = "space:baseline";
  std::string detail = "approved baseline " + std::to_string(year) + ":";
  std::string digest;
  for (const LayerSource& s : sources) {
    detail += " " + std::string(LayerName(s.layer));
    digest += std::string(LayerName(s.layer)) + ":" + s.content_sha256 + ",";
  }
  entry.detail = detail;
  entry.payload_sha256 = store::Sha256Hex(std::to_string(year) + ";" + digest);
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, std::move(entry)).status());
  return tx.Commit();
}

StatusOr<BaselineComparison> CompareWithBaseline(store::Database* db, int year,
                                                 const Vocabulary& vocabulary) {
  ECOCIV_ASSIGN_OR_RETURN(int baseline, ApprovedBaseline(db));
  if (baseline == 0) {
    return NotFoundError(
        "no approved baseline of the red lines is set (ecociv space baseline --year B)");
  }
  if (year < baseline) {
    return NotFoundError(std::to_string(year) + " is before the approved baseline " +
                         std::to_string(baseline));
  }
  BaselineComparison out;
  out.year = year;
  out.baseline = baseline;
  ECOCIV_ASSIGN_OR_RETURN(out.comparison, CompareYears(db, year, baseline, vocabulary));
  ECOCIV_ASSIGN_OR_RETURN(out.year_sources, SourcesOf(db, year));
  ECOCIV_ASSIGN_OR_RETURN(out.baseline_sources, SourcesOf(db, baseline));
  return out;
}

StatusOr<PromiseState> PromisesOf(const BaselineComparison& c, const std::vector<Layer>& layers) {
  std::string sources;
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerSource* now = Find(c.year_sources, layers[i]);
    const LayerSource* before = Find(c.baseline_sources, layers[i]);
    if (i > 0 && now == nullptr && before == nullptr) continue;
    if (before == nullptr) return NotFoundError(Missing(layers[i], c.baseline, "the baseline"));
    if (now == nullptr) return NotFoundError(Missing(layers[i], c.year, "the year"));
    sources += (sources.empty() ? "" : "; ") + SourceText(*now) + " against " + SourceText(*before);
  }
  PromiseState p;
  std::string reasons;
  for (const AreaChange& a : c.comparison.areas) {
    if (std::find(layers.begin(), layers.end(), a.layer) == layers.end()) continue;
    ++p.areas;
    p.area_kept = p.area_kept && a.area.kept;
    p.category_kept = p.category_kept && a.category.kept;
    p.function_kept = p.function_kept && a.function.kept;
    if (a.AllKept()) continue;
    ++p.broken;
    reasons += "; " + a.id + " " + a.name + " (" + LayerName(a.layer) + "): " + Reasons(a);
  }
  p.text = std::string(p.area_kept ? "面积不减少" : "面积减少") + "，" +
           (p.category_kept ? "性质不改变" : "性质改变") + "，" +
           (p.function_kept ? "功能不降低" : "功能降低");
  p.evidence = "ecociv space compare " + std::to_string(c.year) + " against the approved baseline " +
               std::to_string(c.baseline) + ": " + sources + ": " + std::to_string(p.areas) +
               " areas, " + std::to_string(p.broken) + " not keeping a promise" + reasons;
  return p;
}

}  // namespace ecociv::space
