// `ecociv map`: the city's map layer for the web map (store/map_layer.h): set it from a
// GeoJSON file (checked whole, stored with a change-record entry) or print it.
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/map_layer.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kSetUsage = R"(  ecociv map set FILE [--db PATH] [--why TEXT]
      stores FILE (GeoJSON: the city's boundary as Polygon or MultiPolygon features, and
      Point features with properties.section placing water sections) as the web map's layer.
)";
constexpr const char* kShowUsage = "  ecociv map show [--db PATH]\n";
constexpr const char* kNotes =
    R"(The web map draws the stations (by their coordinates) and the sections (by the layer's
points) on this boundary, offline. Administrators can also upload it on the web. At most
4 MiB and 200000 positions; every ring closed; longitude -180..180, latitude -90..90.
)";

int RunSet(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1) {
    return ReportError(InvalidArgumentError("map set takes one FILE"));
  }
  const std::string& path = args->positional()[0];
  auto text = ReadTextFile(path);
  if (!text.ok()) return ReportError(text.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = store::StoreMapLayer(db->get(), *text, store::Actor{"", args->Get("why")});
  if (!s.ok()) return ReportError(s.WithContext(path));
  std::printf("map layer stored from %s (%zu bytes)\n", path.c_str(), text->size());
  return kExitSuccess;
}

int RunShow(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto layer = store::ReadMapLayer(db->get());
  if (!layer.ok()) return ReportError(layer.status());
  if (!layer->has_value()) return ReportError(NotFoundError("no map layer has been stored"));
  std::printf("%s\n", (*layer)->c_str());
  return kExitSuccess;
}

const Command kCommands[] = {{"set", kSetUsage, RunSet}, {"show", kShowUsage, RunShow}};
const CommandTable kTable = {"map", kCommands, kNotes};

}  // namespace

int RunMapCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
