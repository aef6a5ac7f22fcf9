// `ecociv hj212` (devices), `ecociv ingest` (the receiver), `ecociv stations`
// (status and capture) and `ecociv sim212` (simulated data loggers).
#include <chrono>
#include <cstdio>
#include <fstream>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/receiver.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/hj212/simulator.h"
#include "ecociv/hj212/station_status.h"
#include "hj212_cli.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kRegisterUsage =
    R"(  ecociv hj212 register --mn MN (--station CODE | --section CODE)
                      (--password PW | --password-file F) [--crc hj212|modbus]
                      [--hour-time start|end] [--why TEXT] [--db PATH]
  ecociv hj212 register --file DEVICES.csv [--why TEXT] [--db PATH]
)";
constexpr const char* kDeactivateUsage =
    "  ecociv hj212 deactivate --mn MN --why TEXT [--db PATH]\n";
constexpr const char* kDevicesUsage = "  ecociv hj212 devices [--db PATH]\n";
constexpr const char* kVerifyUsage = "  ecociv hj212 verify [--db PATH]\n";
constexpr const char* kHj212Notes =
    R"(A data logger's MN is registered to one station (air, ST 22) or one section (surface water,
ST 21) with its password; the receiver refuses every other MN. --crc modbus for devices that
send the Modbus CRC; --hour-time end for devices whose hourly DataTime names the hour's end.
DEVICES.csv has the columns mn, station or section, password, and optionally crc and hour_time;
the file is registered in one transaction (all or nothing). Every registration is in the
change record; `hj212 verify` checks the device table against it. docs/hj212.md.
)";

constexpr const char* kIngestUsage =
    R"(  ecociv ingest --listen HOST:PORT [--db PATH] [--standards DIR]
                [--idle-timeout SECONDS] [--frame-timeout SECONDS] [--max-connections N]
                [--keep-recent HOURS] [--silence MINUTES] [--no-screen] [--review-config F]
)";
constexpr const char* kIngestNotes =
    R"(Receives HJ 212-2017 packets from data loggers over TCP (many connections on one event
loop) and stores them: hourly air data and daily water data through the import path of files,
real-time and minute data for --keep-recent hours (48). A packet is answered (9014) only after
it is committed. --silence MINUTES raises a warning notice for a station silent that long.
Stops cleanly on SIGTERM or Ctrl-C. docs/hj212.md.
)";

constexpr const char* kStatusUsage =
    R"(  ecociv stations status [--month YYYY-MM] [--station CODE...] [--online-within MINUTES]
                        [--as-of YYYY-MM-DDTHH:MM:SS] [--format text|json] [--standards DIR]
                        [--db PATH]
)";
constexpr const char* kStatusNotes =
    R"(For every registered data logger's station or section: online (a packet within
--online-within minutes, 60) or offline, the last packet, packets and refusals today with their
reasons, and the capture of the month (this month unless --month): hours received per day,
valid days (a day with at least 20 hours, per the GB 3095 edition of the month) and the capture
rate. --as-of (Beijing time) reports as if it were then.
)";

constexpr const char* kSimUsage =
    R"(  ecociv sim212 --stations N --from T --to T --rate PACKETS_PER_SECOND --target HOST:PORT
                [--bad-crc FRACTION] [--wrong-password FRACTION] [--reconnect-every K]
                [--slow N] [--slow-interval MS] [--answer-timeout MS]
  ecociv sim212 --stations N --write-setup DIR
  ecociv sim212 --live --air MN:PASSWORD... --water MN:PASSWORD... --target HOST:PORT
                [--interval SECONDS] [--duration SECONDS]
)";
constexpr const char* kSimNotes =
    R"(Simulated data loggers: N stations (SIM00000…, MN SIMMN00000…) each send one hourly packet
per hour from T to T (hour-ending labels, 2026-03-01T01:00), at the given total rate; prints
packets sent and answered and the packet-to-answer time (p50, p99, max). --write-setup writes
stations.csv and devices.csv for `ecociv import stations` and `ecociv hj212 register --file`.
--live: registered loggers (--air and --water, each MN:PASSWORD, repeatable) send SYNTHETIC
values at the present time: real-time data every --interval seconds (10), an air logger's minute
data after each minute and hourly data after each hour, a water logger's hourly data every 4 hours
(and at the start yesterday's and today's so far); until stopped or --duration seconds.
)";

store::Actor ActorOf(const Args& args, const std::string& fallback_why) {
  return store::Actor{store::CurrentUser(), args.Get("why", fallback_why)};
}

StatusOr<std::vector<hj212::Registration>> ReadDevicesFile(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) return InvalidArgumentError(path + ": empty");
  int mn = -1, station = -1, section = -1, password = -1, crc = -1, hour_time = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view f = TrimSpaces(fields[i]);
    int* slot = f == "mn"          ? &mn
                : f == "station"   ? &station
                : f == "section"   ? &section
                : f == "password"  ? &password
                : f == "crc"       ? &crc
                : f == "hour_time" ? &hour_time
                                   : nullptr;
    if (slot == nullptr) return InvalidArgumentError(path + ":1: unknown column '" + std::string(f) + "'");
    *slot = int(i);
  }
  if (mn < 0 || password < 0 || (station < 0) == (section < 0)) {
    return InvalidArgumentError(path + ":1: needs mn, password and one of station or section");
  }
  std::vector<hj212::Registration> out;
  while (reader.NextRecord(&fields)) {
    std::string where = path + ":" + std::to_string(reader.line()) + ": ";
    if (fields.size() < size_t(std::max({mn, station, section, password, crc, hour_time}) + 1)) {
      return InvalidArgumentError(where + "too few fields");
    }
    hj212::Registration r;
    r.mn = std::string(TrimSpaces(fields[mn]));
    r.kind = station >= 0 ? "station" : "section";
    r.code = std::string(TrimSpaces(fields[station >= 0 ? station : section]));
    r.password = std::string(TrimSpaces(fields[password]));
    if (crc >= 0 && !hj212::ParseCrcVariant(TrimSpaces(fields[crc]), &r.crc)) {
      return InvalidArgumentError(where + "crc must be hj212 or modbus");
    }
    if (hour_time >= 0 && !hj212::ParseHourTime(TrimSpaces(fields[hour_time]), &r.hour_time)) {
      return InvalidArgumentError(where + "hour_time must be start or end");
    }
    out.push_back(std::move(r));
  }
  ECOCIV_RETURN_IF_ERROR(reader.status());
  return out;
}

int Register(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"mn", "station", "section", "password", "password-file", "crc",
                           "hour-time", "file", "why", "db"},
                          {});
  if (!args.ok()) return ReportError(args.status());
  std::vector<hj212::Registration> registrations;
  if (args->Has("file")) {
    auto read = ReadDevicesFile(args->Get("file"));
    if (!read.ok()) return ReportError(read.status());
    registrations = std::move(*read);
  } else {
    if (!args->Has("mn") || args->Has("station") == args->Has("section") ||
        args->Has("password") == args->Has("password-file")) {
      return ReportError(InvalidArgumentError(
          "--mn, one of --station or --section, and --password or --password-file"));
    }
    hj212::Registration r;
    r.mn = args->Get("mn");
    r.kind = args->Has("station") ? "station" : "section";
    r.code = args->Get(r.kind);
    if (args->Has("password-file")) {
      std::ifstream in(args->Get("password-file"));
      if (!in || !std::getline(in, r.password)) {
        return ReportError(NotFoundError("cannot read " + args->Get("password-file")));
      }
    } else {
      r.password = args->Get("password");
    }
    if (!hj212::ParseCrcVariant(args->Get("crc", "hj212"), &r.crc)) {
      return ReportError(InvalidArgumentError("--crc must be hj212 or modbus"));
    }
    if (!hj212::ParseHourTime(args->Get("hour-time", "start"), &r.hour_time)) {
      return ReportError(InvalidArgumentError("--hour-time must be start or end"));
    }
    registrations.push_back(std::move(r));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = hj212::RegisterDevices(db->get(), registrations, ActorOf(*args, "ecociv hj212 register"));
  if (!s.ok()) return ReportError(s);
  std::printf("registered %zu device%s\n", registrations.size(), registrations.size() == 1 ? "" : "s");
  return kExitSuccess;
}

int Deactivate(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"mn", "why", "db"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("mn") || args->Get("why").empty()) {
    return ReportError(InvalidArgumentError("--mn and --why are required"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = hj212::DeactivateDevice(db->get(), args->Get("mn"), ActorOf(*args, ""));
  if (!s.ok()) return ReportError(s);
  std::printf("deactivated %s\n", args->Get("mn").c_str());
  return kExitSuccess;
}

int Devices(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto devices = hj212::ListDevices(db->get());
  if (!devices.ok()) return ReportError(devices.status());
  std::printf("mn\tkind\tcode\tcrc\thour_time\tactive\tregistered_at\tregistered_by\n");
  for (const hj212::Device& d : *devices) {
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d.mn.c_str(), d.kind.c_str(), d.code.c_str(),
                hj212::CrcVariantName(d.crc), hj212::HourTimeName(d.hour_time),
                d.active ? "yes" : "no", d.registered_at.c_str(), d.registered_by.c_str());
  }
  return kExitSuccess;
}

int Verify(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto problems = hj212::VerifyDevices(db->get());
  if (!problems.ok()) return ReportError(problems.status());
  for (const std::string& p : *problems) std::printf("%s\n", p.c_str());
  std::printf("devices: %zu problem%s\n", problems->size(), problems->size() == 1 ? "" : "s");
  return problems->empty() ? kExitSuccess : kExitDataProblems;
}

int Ingest(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"listen", "db", "standards", "idle-timeout", "frame-timeout",
                           "max-connections", "keep-recent", "silence", "review-config"},
                          {"no-screen"});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("listen")) return ReportError(InvalidArgumentError("--listen HOST:PORT is required"));
  hj212::ReceiverOptions options;
  Status s = ParseHostPort(args->Get("listen"), "--listen", &options.host, &options.port);
  if (s.ok()) s = ReceiverFlags(*args, &options);
  if (!s.ok()) return ReportError(s);
  options.db_path = store::ResolveDatabasePath(args->Get("db"));
  options.install_signal_handlers = true;
  auto receiver = hj212::Receiver::Create(options);
  if (!receiver.ok()) return ReportError(receiver.status());
  auto port = (*receiver)->Bind();
  if (!port.ok()) return ReportError(port.status());
  std::printf("ecociv ingest: listening on %s:%d (database %s); Ctrl-C stops\n",
              options.host.c_str(), *port, options.db_path.c_str());
  std::fflush(stdout);
  s = (*receiver)->Run();
  const hj212::ReceiverStats& st = (*receiver)->stats();
  std::printf("ecociv ingest: %lld connections, %lld frames, %lld stored, %lld answered, %lld "
              "refused\n",
              (long long)st.connections_accepted.load(), (long long)st.frames.load(),
              (long long)st.stored.load(), (long long)st.answered.load(),
              (long long)st.refused.load());
  std::printf("ecociv ingest: %lld groups committed in %.1f s (slowest %.1f ms), screening %.1f s\n",
              (long long)st.groups.load(), st.group_micros.load() / 1e6,
              st.slowest_group_micros.load() / 1e3, st.screening_micros.load() / 1e6);
  return s.ok() ? kExitSuccess : ReportError(s);
}

int StationsStatus(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"db", "month", "station", "online-within", "as-of", "format",
                           "standards"},
                          {}, {"station"});
  if (!args.ok()) return ReportError(args.status());
  hj212::StatusQuery query;
  query.now_unix = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (args->Has("as-of")) {
    std::string t = args->Get("as-of");
    std::string compact;
    for (char c : t) {
      if (c >= '0' && c <= '9') compact += c;
    }
    if (compact.size() == 12) compact += "00";
    int64_t beijing = 0;
    if (!hj212::ParseCompactTime(compact, &beijing)) {
      return ReportError(InvalidArgumentError("--as-of: expected YYYY-MM-DDTHH:MM[:SS]"));
    }
    query.now_unix = beijing - hj212::BeijingSecondsOfUnix(0);
  }
  if (args->Has("month")) {
    std::string m = args->Get("month");
    auto year = ParseInteger(m.substr(0, 4), 2000, 2100, "--month year");
    auto month = m.size() == 7 && m[4] == '-' ? ParseInteger(m.substr(5), 1, 12, "--month month")
                                              : StatusOr<int64_t>(InvalidArgumentError(
                                                    "--month: expected YYYY-MM"));
    if (!year.ok()) return ReportError(year.status());
    if (!month.ok()) return ReportError(month.status());
    query.year = int(*year);
    query.month = int(*month);
  }
  auto within = ParseInteger(args->Get("online-within", "60"), 1, 100000, "--online-within (minutes)");
  if (!within.ok()) return ReportError(within.status());
  query.online_within_seconds = *within * 60;
  query.subjects = args->GetAll("station");
  query.standards_dir = args->Get("standards");
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return ReportError(InvalidArgumentError("--format must be text or json"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto report = hj212::LoadStationStatus(db->get(), query);
  if (!report.ok()) return ReportError(report.status());
  std::printf("%s%s", format == "json" ? hj212::StatusJson(*report).c_str()
                                       : hj212::StatusText(*report).c_str(),
              format == "json" ? "\n" : "");
  return kExitSuccess;
}

int Sim212Live(const Args& args) {
  hj212::LiveOptions options;
  for (const char* kind : {"air", "water"}) {
    for (const std::string& spec : args.GetAll(kind)) {
      size_t colon = spec.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
        return ReportError(InvalidArgumentError(std::string("--") + kind + " '" + spec +
                                                "': expected MN:PASSWORD"));
      }
      options.devices.push_back(
          hj212::LiveDevice{spec.substr(0, colon), spec.substr(colon + 1), kind[0] == 'w'});
    }
  }
  if (options.devices.empty()) {
    return ReportError(InvalidArgumentError("--live needs at least one --air or --water logger"));
  }
  auto interval = ParseInteger(args.Get("interval", "10"), 1, 3600, "--interval");
  auto duration = ParseInteger(args.Get("duration", "0"), 0, 31 * 86400, "--duration");
  if (!interval.ok()) return ReportError(interval.status());
  if (!duration.ok()) return ReportError(duration.status());
  options.interval_seconds = int(*interval);
  options.duration_seconds = int(*duration);
  std::string target = args.Get("target");
  size_t colon = target.rfind(':');
  auto port = colon == std::string::npos
                  ? StatusOr<int64_t>(InvalidArgumentError("--target: expected HOST:PORT"))
                  : ParseInteger(target.substr(colon + 1), 1, 65535, "--target port");
  if (!port.ok()) return ReportError(port.status());
  options.host = target.substr(0, colon);
  options.port = int(*port);
  auto sent = hj212::RunLiveSimulation(options);
  if (!sent.ok()) return ReportError(sent.status());
  std::printf("sent %lld packets\n", (long long)*sent);
  return kExitSuccess;
}

int Sim212(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"stations", "from", "to", "rate", "target", "bad-crc", "wrong-password",
                           "reconnect-every", "slow", "slow-interval", "answer-timeout",
                           "write-setup", "air", "water", "interval", "duration"},
                          {"live"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->Has("live")) return Sim212Live(*args);
  auto stations = ParseInteger(args->Get("stations", "10"), 1, 100000, "--stations");
  if (!stations.ok()) return ReportError(stations.status());
  if (args->Has("write-setup")) {
    auto devices = hj212::SimulatedDevices(int(*stations));
    std::string dir = args->Get("write-setup");
    Status s = WriteOutput(dir + "/stations.csv", hj212::SimStationsCsv(devices));
    if (s.ok()) s = WriteOutput(dir + "/devices.csv", hj212::SimDevicesCsv(devices));
    if (!s.ok()) return ReportError(s);
    std::printf("wrote %s/stations.csv and %s/devices.csv (%lld stations)\n", dir.c_str(),
                dir.c_str(), (long long)*stations);
    return kExitSuccess;
  }
  hj212::SimOptions options;
  options.stations = int(*stations);
  Status s = SimFlags(*args, &options);
  if (!s.ok()) return ReportError(s);
  auto report = hj212::RunSimulation(options);
  if (!report.ok()) return ReportError(report.status());
  std::printf("%s", report->Summary().c_str());
  int64_t expected = report->sent - report->sent_bad;
  return report->answered == expected ? kExitSuccess : kExitDataProblems;
}

const Command kHj212Commands[] = {{"register", kRegisterUsage, Register},
                                  {"deactivate", kDeactivateUsage, Deactivate},
                                  {"devices", kDevicesUsage, Devices},
                                  {"verify", kVerifyUsage, Verify}};
const CommandTable kHj212Table = {"hj212", kHj212Commands, kHj212Notes};
const Command kIngestCommands[] = {{"", kIngestUsage, Ingest}};
const CommandTable kIngestTable = {"ingest", kIngestCommands, kIngestNotes};
const Command kStationsCommands[] = {{"status", kStatusUsage, StationsStatus}};
const CommandTable kStationsTable = {"stations", kStationsCommands, kStatusNotes};
const Command kSimCommands[] = {{"", kSimUsage, Sim212}};
const CommandTable kSimTable = {"sim212", kSimCommands, kSimNotes};

}  // namespace

int RunHj212Command(const CommandArgs& args) { return Dispatch(kHj212Table, args); }
int RunIngestCommand(const CommandArgs& args) { return Dispatch(kIngestTable, args); }
int RunStationsCommand(const CommandArgs& args) { return Dispatch(kStationsTable, args); }
int RunSim212Command(const CommandArgs& args) { return Dispatch(kSimTable, args); }

}  // namespace ecociv::cli
