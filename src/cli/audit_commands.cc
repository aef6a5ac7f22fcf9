// `ecociv audit log`: prints the change record.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/store/change_log.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kLogUsage =
    "  ecociv audit log [--since YYYY-MM-DD] [--format text|json] [--db PATH]\n";
constexpr const char* kAnchorUsage = R"(  ecociv audit anchor [--append FILE] [--db PATH]
      prints "<seq> <hash> <time> <count> entries": the change record's head as an anchor.
      Keep anchors outside the database (print, mail, --append to a file on other media);
      `ecociv db verify --anchors FILE` then proves the record was not rewritten since.
)";
constexpr const char* kNotes =
    R"(Every import, revision, review decision and restore, with who, when (UTC), what and why, each
entry chained to the previous one by SHA-256. Keep the printed head hash somewhere safe: a
later `ecociv db verify` showing the same head proves nothing before it was rewritten.
)";

int RunLog(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "since", "format"}, {});
  if (!args.ok()) return ReportError(args.status());
  std::string since = args->Get("since");
  if (!since.empty()) {
    auto day = ParseDate(since);
    if (!day.ok()) return ReportError(day.status().WithContext("--since"));
    since = FormatDate(*day);
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto entries = store::ReadLog(db->get(), since);
  if (!entries.ok()) return ReportError(entries.status());
  if (args->Get("format", "text") == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& e : *entries) {
      out.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"who", e.who},
                     {"action", e.action},
                     {"object", e.object},
                     {"detail", e.detail},
                     {"why", e.why},
                     {"payload_sha256", e.payload_sha256},
                     {"prev_hash", e.prev_hash},
                     {"hash", e.hash}});
    }
    std::printf("%s\n",
                out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    return kExitSuccess;
  }
  for (const auto& e : *entries) {
    std::printf("#%lld %s %s %s %s: %s — why: %s\n", static_cast<long long>(e.seq), e.at.c_str(),
                e.who.c_str(), e.action.c_str(), e.object.c_str(), e.detail.c_str(), e.why.c_str());
  }
  if (!entries->empty()) std::printf("head %s\n", entries->back().hash.c_str());
  return kExitSuccess;
}

// The head of the change record as one anchor line (store::Anchor).
int RunAnchor(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "append"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto entries = store::ReadLog(db->get());
  if (!entries.ok()) return ReportError(entries.status());
  if (entries->empty()) return ReportError(FailedPreconditionError("the change record is empty"));
  const store::LogEntry& head = entries->back();
  std::string line = std::to_string(head.seq) + " " + head.hash + " " + store::UtcNow() + " " +
                     std::to_string(entries->size()) + " entries\n";
  if (args->Has("append")) {
    std::FILE* f = std::fopen(args->Get("append").c_str(), "a");
    if (f == nullptr || std::fputs(line.c_str(), f) < 0 || std::fclose(f) != 0) {
      return ReportError(
          InvalidArgumentError("--append " + args->Get("append") + ": cannot write to the file"));
    }
  }
  std::fputs(line.c_str(), stdout);
  return kExitSuccess;
}

const Command kCommands[] = {{"log", kLogUsage, RunLog}, {"anchor", kAnchorUsage, RunAnchor}};
const CommandTable kTable = {"audit", kCommands, kNotes};

}  // namespace

int RunAuditCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
