// `ecociv region`: the regions one store holds (province → city → county, by
// GB/T 2260 code) and what belongs to each: stations, sections, units and
// users (store/regions.h, docs/store.md "Regions"). Each change is a
// change-record entry with the operator ($ECOCIV_USER, else $USER) as who.
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "commands.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/regions.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kAddUsage =
    R"(  ecociv region add --code CODE --name NAME --level province|city|county [--name-en NAME]
                    [--parent CODE] [--db PATH] [--why TEXT]
      adds a region below PARENT (default: 000000, the whole store).
)";
constexpr const char* kImportUsage =
    R"(  ecociv region import FILE [--db PATH] [--why TEXT]
      adds the regions of a CSV file (code,name,level[,name_en][,parent]), all or none.
)";
constexpr const char* kListUsage = "  ecociv region list [--db PATH]\n";
constexpr const char* kAssignUsage =
    R"(  ecociv region assign (--station CODE... | --section CODE... | --unit CODE...) --region CODE
                    [--db PATH] [--why TEXT]
      gives stations, sections or units (departments, towns) a region.
)";
constexpr const char* kUserUsage =
    R"(  ecociv region user --name NAME --region CODE [--db PATH] [--why TEXT]
      scopes a web user to a region and the regions below it (ends its sessions).
)";
constexpr const char* kNotes =
    R"(Codes are GB/T 2260 administrative division codes: a province NN0000, a city NNNN00,
a county any other; a region's code begins with its parent's (two digits of a
province, four of a city). 000000 is the whole store: a store of one city needs no
other region, and what has no region belongs to it.
)";

store::Actor Operator(const Args& args, const char* command) {
  std::string why = args.Get("why");
  return store::Actor{store::CurrentUser(), why.empty() ? std::string("ecociv region ") + command
                                                        : why};
}

int RunAdd(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"code", "name", "name-en", "level", "parent", "db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  for (const char* flag : {"code", "name", "level"}) {
    if (!args->Has(flag)) return ReportError(InvalidArgumentError(std::string("--") + flag +
                                                                  " is required"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::Region r{args->Get("code"), args->Get("name"), args->Get("name-en"), args->Get("level"),
                  args->Get("parent")};
  Status s = store::AddRegion(db->get(), r, Operator(*args, "add"));
  if (!s.ok()) return ReportError(s);
  std::printf("region %s %s added\n", r.code.c_str(), r.name.c_str());
  return kExitSuccess;
}

int RunImport(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1) {
    return ReportError(InvalidArgumentError("region import takes one FILE"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto added =
      store::ImportRegionsFile(db->get(), args->positional()[0], Operator(*args, "import"));
  if (!added.ok()) return ReportError(added.status());
  std::printf("%zu regions added from %s\n", added->size(), args->positional()[0].c_str());
  return kExitSuccess;
}

int RunList(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto regions = store::ListRegions(db->get());
  if (!regions.ok()) return ReportError(regions.status());
  std::printf("code\tlevel\tparent\tname\tname_en\n");
  for (const store::Region& r : *regions) {
    std::printf("%s\t%s\t%s\t%s\t%s\n", r.code.c_str(), r.level.c_str(), r.parent.c_str(),
                r.name.c_str(), r.name_en.c_str());
  }
  return kExitSuccess;
}

int RunAssign(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"station", "section", "unit", "region", "db", "why"}, {},
                          {"station", "section", "unit"});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("region")) return ReportError(InvalidArgumentError("--region is required"));
  int kinds = 0;
  for (const char* kind : {"station", "section", "unit"}) kinds += args->Has(kind) ? 1 : 0;
  if (kinds != 1) {
    return ReportError(InvalidArgumentError("give one of --station, --section or --unit"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  for (const char* kind : {"station", "section", "unit"}) {
    for (const std::string& code : args->Has(kind) ? args->GetAll(kind)
                                                     : std::vector<std::string>{}) {
      Status s = store::AssignRegion(db->get(), kind, code, args->Get("region"),
                                     Operator(*args, "assign"));
      if (!s.ok()) return ReportError(s);
      std::printf("%s %s: region %s\n", kind, code.c_str(), args->Get("region").c_str());
    }
  }
  return kExitSuccess;
}

int RunUser(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"name", "region", "db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("name") || !args->Has("region")) {
    return ReportError(InvalidArgumentError("--name and --region are required"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = server::SetUserRegion(db->get(), args->Get("name"), args->Get("region"),
                                   Operator(*args, "user"));
  if (!s.ok()) return ReportError(s);
  std::printf("%s: region %s\n", args->Get("name").c_str(), args->Get("region").c_str());
  return kExitSuccess;
}

const Command kCommands[] = {{"add", kAddUsage, RunAdd},
                             {"import", kImportUsage, RunImport},
                             {"list", kListUsage, RunList},
                             {"assign", kAssignUsage, RunAssign},
                             {"user", kUserUsage, RunUser}};
const CommandTable kTable = {"region", kCommands, kNotes};

}  // namespace

int RunRegionCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
