// `ecociv space`: the ecological-space layers (space/*.h): import a layer file of a year,
// compare a year with a baseline (the three promises), construction projects' intrusions,
// green cover. Output is shaped by space/report.h.
#include <cstdio>
#include <memory>
#include <set>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/space/analysis.h"
#include "ecociv/space/promises.h"
#include "ecociv/space/report.h"
#include "ecociv/space/space_store.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kImportUsage =
    R"(  ecociv space import FILE --layer LAYER --year Y [--crs EPSG:N] [--db PATH] [--why TEXT]
      stores FILE (GeoJSON, Shapefile or GeoPackage) as LAYER of year Y, replacing that
      layer's year: red-line, control-area, protected-area, land-cover, projects, boundary,
      built-up (the built-up area, within which urban green cover is measured).
)";
constexpr const char* kListUsage =
    "  ecociv space list [--db PATH] [--format text|json] [--output FILE]\n";
constexpr const char* kCompareUsage =
    R"(  ecociv space compare --year Y [--baseline B] [--db PATH] [--format text|json] [--output FILE]
      every red line, control area and protected area of Y against B (default: the approved
      baseline, ecociv space baseline): area lost and gained
      (the lost parts as polygons in JSON), category, level and function; the verdict of
      面积不减少、类别不改变、功能不降低 per area with the reason. Exit 1 when one is not kept.
)";
constexpr const char* kBaselineUsage =
    R"(  ecociv space baseline [--year B] [--db PATH] [--why TEXT]
      the approved baseline: the year whose red lines, control areas and protected areas are
      the approved delineation (its layers must be stored). The red-line indicators compare
      each year with it when read (docs/space.md). Without --year, shows it.
)";
constexpr const char* kIntrusionsUsage =
    R"(  ecociv space intrusions --year Y [--raise-warnings] [--db PATH]
                                  [--format text|json] [--output FILE]
      construction projects of Y (the projects layer, and the key projects of Y at the
      projects-layer feature with their code) over red lines, control areas and protected
      areas (latest year <= Y), each overlap with its area; key projects without a site are
      listed as not checked; --raise-warnings raises each as a warning (kind space) through
      the warning workflow. Exit 1 when there is an intrusion.
)";
constexpr const char* kCoverUsage =
    R"(  ecociv space cover --year Y [--db PATH] [--format text|json] [--output FILE]
      forest, grass and green shares of the land cover of Y within the boundary (latest
      year <= Y), and urban green cover within the built-up area (latest year <= Y); the
      demonstration-zone indicators take these figures when read (docs/space.md).
)";
constexpr const char* kNotes =
    R"(Attributes (docs/space.md): id, name; for red lines, control areas and protected areas
category, control_level, function; for land cover, cover — values from
config/space-vocabulary.toml (code, Chinese or English). A file without a CRS, a bad
geometry (open ring, self-intersection, NaN, too many vertices) or an unknown value is
refused with the feature's number and nothing is stored. Geometry is stored in CGCS2000
(EPSG:4490); areas are on the CGCS2000 ellipsoid, in m², ha and km².
)";

StatusOr<int> YearFlag(const Args& args, const char* flag) {
  if (!args.Has(flag)) return InvalidArgumentError(std::string("--") + flag + " is required");
  ECOCIV_ASSIGN_OR_RETURN(int64_t y,
                          ParseInteger(args.Get(flag), 1900, 2200, std::string("--") + flag));
  return static_cast<int>(y);
}

StatusOr<bool> JsonFormat(const Args& args) {
  const std::string f = args.Get("format", "text");
  if (f != "text" && f != "json") {
    return InvalidArgumentError("--format must be text or json");
  }
  return f == "json";
}

int RunImport(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why", "layer", "year", "crs"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1) {
    return ReportError(InvalidArgumentError("space import takes one FILE"));
  }
  if (!args->Has("layer")) return ReportError(InvalidArgumentError("--layer is required"));
  auto layer = space::ParseLayer(args->Get("layer"));
  if (!layer.ok()) return ReportError(layer.status());
  auto year = YearFlag(*args, "year");
  if (!year.ok()) return ReportError(year.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  space::ReadOptions options;
  options.layer = *layer;
  options.assume_crs = args->Get("crs");
  const std::string& path = args->positional()[0];
  auto summary =
      space::ImportLayerFile(db->get(), path, *year, options, store::Actor{"", args->Get("why")});
  if (!summary.ok()) return ReportError(summary.status());
  std::printf(
      "已导入 %s %d 年 %zu 个要素，总面积 %.4f 公顷（源坐标系 %s，存为 EPSG:4490）/ "
      "imported %s %d: %zu features, %.4f ha (from %s, stored as EPSG:4490)%s\n",
      space::LayerNameZh(*layer), *year, summary->features, summary->area_m2 / 1e4,
      summary->source_crs.c_str(), space::LayerName(*layer), *year, summary->features,
      summary->area_m2 / 1e4, summary->source_crs.c_str(),
      summary->replaced > 0
          ? (", replacing " + std::to_string(summary->replaced) + " features").c_str()
          : "");
  return kExitSuccess;
}

// What the reading commands share: their flags, --year, --format, the vocabulary and the store.
struct Query {
  Args args;
  int year = 0;
  bool json = false;
  space::Vocabulary vocabulary;
  std::unique_ptr<store::Database> db;
};

StatusOr<Query> OpenQuery(const CommandArgs& argv, std::set<std::string> flags,
                          const std::set<std::string>& switches = {}) {
  flags.insert({"db", "year", "format", "output"});
  ECOCIV_ASSIGN_OR_RETURN(Args args, Args::Parse(argv, flags, switches));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearFlag(args, "year"));
  ECOCIV_ASSIGN_OR_RETURN(bool json, JsonFormat(args));
  ECOCIV_ASSIGN_OR_RETURN(space::Vocabulary vocabulary, space::BuiltInVocabulary());
  ECOCIV_ASSIGN_OR_RETURN(auto db, OpenStoreFromArgs(args));
  return Query{std::move(args), year, json, std::move(vocabulary), std::move(db)};
}

// Writes the output (--output) and gives the command's exit code.
int Finish(const Query& q, const std::string& out, bool problem) {
  Status written = WriteOutput(q.args.Get("output"), out);
  if (!written.ok()) return ReportError(written);
  return problem ? kExitDataProblems : kExitSuccess;
}

int RunCompare(const CommandArgs& argv) {
  auto q = OpenQuery(argv, {"baseline"});
  if (!q.ok()) return ReportError(q.status());
  StatusOr<int> baseline = q->args.Has("baseline") ? YearFlag(q->args, "baseline")
                                                   : space::ApprovedBaseline(q->db.get());
  if (!baseline.ok()) return ReportError(baseline.status());
  if (*baseline == 0) {
    return ReportError(InvalidArgumentError(
        "--baseline is required: no approved baseline is set (ecociv space baseline --year B)"));
  }
  auto c = space::CompareYears(q->db.get(), q->year, *baseline, q->vocabulary);
  if (!c.ok()) return ReportError(c.status());
  return Finish(
      *q,
      q->json ? space::ComparisonJson(*c, q->vocabulary) : space::ComparisonText(*c, q->vocabulary),
      c->broken != 0);
}

int RunBaseline(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why", "year"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  if (args->Has("year")) {
    auto year = YearFlag(*args, "year");
    if (!year.ok()) return ReportError(year.status());
    Status set = space::SetApprovedBaseline(db->get(), *year, store::Actor{"", args->Get("why")});
    if (!set.ok()) return ReportError(set);
  }
  auto baseline = space::ApprovedBaseline(db->get());
  if (!baseline.ok()) return ReportError(baseline.status());
  if (*baseline == 0) {
    std::printf("未设定审批基准年 / no approved baseline is set\n");
  } else {
    std::printf("审批基准年 approved baseline: %d\n", *baseline);
  }
  return kExitSuccess;
}

int RunIntrusions(const CommandArgs& argv) {
  auto q = OpenQuery(argv, {"why"}, {"raise-warnings"});
  if (!q.ok()) return ReportError(q.status());
  auto r = space::FindIntrusions(q->db.get(), q->year, q->vocabulary);
  if (!r.ok()) return ReportError(r.status());
  const int code = Finish(*q, q->json ? space::IntrusionsJson(*r) : space::IntrusionsText(*r),
                          !r->intrusions.empty());
  if (code != kExitSuccess && code != kExitDataProblems) return code;
  if (q->args.Has("raise-warnings")) {
    auto raised =
        space::RaiseIntrusionWarnings(q->db.get(), *r, store::Actor{"", q->args.Get("why")});
    if (!raised.ok()) return ReportError(raised.status());
    std::fflush(stdout);
    std::fprintf(stderr, "预警 warnings (space-intrusions): %s\n", raised->c_str());
  }
  return code;
}

int RunCover(const CommandArgs& argv) {
  auto q = OpenQuery(argv, {});
  if (!q.ok()) return ReportError(q.status());
  auto r = space::GreenCover(q->db.get(), q->year, q->vocabulary);
  if (!r.ok()) return ReportError(r.status());
  return Finish(*q, q->json ? space::CoverJson(*r) : space::CoverText(*r), false);
}

int RunList(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto json = JsonFormat(*args);
  if (!json.ok()) return ReportError(json.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto layers = space::ListLayers(db->get());
  if (!layers.ok()) return ReportError(layers.status());
  const std::string out = *json ? space::LayerListJson(*layers) : space::LayerListText(*layers);
  Status written = WriteOutput(args->Get("output"), out);
  if (!written.ok()) return ReportError(written);
  return kExitSuccess;
}

const Command kCommands[] = {{"import", kImportUsage, RunImport},
                             {"list", kListUsage, RunList},
                             {"compare", kCompareUsage, RunCompare},
                             {"baseline", kBaselineUsage, RunBaseline},
                             {"intrusions", kIntrusionsUsage, RunIntrusions},
                             {"cover", kCoverUsage, RunCover}};
const CommandTable kTable = {"space", kCommands, kNotes};

}  // namespace

int RunSpaceCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
