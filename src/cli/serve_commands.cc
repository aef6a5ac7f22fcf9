// `ecociv serve` (the web platform) and `ecociv user` (its accounts).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/api.h"
#include "ecociv/server/http_server.h"
#include "ecociv/server/login_throttle.h"
#include "ecociv/server/pages.h"
#include "ecociv/server/report_scheduler.h"
#include "ecociv/store/regions.h"
#include "ecociv/warning/webhook.h"
#include "hj212_cli.h"
#include "store_cli.h"
#include "user_commands.h"

namespace ecociv::cli {
namespace {

constexpr const char* kServeUsage =
    R"(  ecociv serve [--db PATH] [--listen HOST:PORT] [--public-dir DIR]
               [--threads 16] [--max-connections-per-address 64]
               [--pm25-target UG] [--good-day-target PERCENT]
               [--composite-target INDEX]
               [--standards DIR] [--secure-cookies] [--trusted-proxy ADDR[,ADDR...]]
               [--webhook-url http(s)://HOST[:PORT]/PATH [--deliver-every SECONDS]
                [--webhook-claim SECONDS]
                [--webhook-secret-file F] [--webhook-ca-file PEM]]
               [--hj212-listen HOST:PORT [--hj212-silence MINUTES]]
               [--draft-every SECONDS [--schedule FILE.toml] [--holidays DIR]]
)";
constexpr const char* kServeNotes =
    R"(Serves the JSON API (/api/v1/) and the web interface (embedded; --public-dir serves a
folder instead: only regular files inside it, never the database) on 127.0.0.1:8080 by
default. Stops cleanly on SIGTERM or Ctrl-C. A client address may hold 64 connections
(--max-connections-per-address; behind a reverse proxy every client has the proxy's
address: raise it, and let the proxy limit clients). Limits: docs/security.md.
With --webhook-url the warning outbox is delivered to that URL every SECONDS (60 by
default) in the background, and administrators may deliver it now from the web;
--webhook-secret-file holds a DingTalk robot's 加签 secret (the URL is then signed),
--webhook-ca-file a CA bundle for an https receiver with an intranet certificate.
Several servers may share one PostgreSQL store and deliver the same outbox: each message
is posted by one of them; one that dies while posting leaves its message to the others
after --webhook-claim seconds (300 by default).
Behind a reverse proxy, --trusted-proxy names it (e.g. 127.0.0.1): the client address
of the login throttle is then the last X-Forwarded-For hop that proxy added; without
it the header is ignored.
With --hj212-listen the server also receives HJ 212-2017 packets from data loggers on that
address (as `ecociv ingest` does, docs/hj212.md); --hj212-silence raises a warning notice for a
station silent that many minutes.
With --draft-every the server runs the schedule of periodic documents every SECONDS (as
`ecociv report schedule --run` does; config/report-schedule.toml or --schedule FILE; the
public holidays of config/holidays/YYYY.csv or of --holidays DIR): the monthly and yearly
reports due are drafted and the leaders notified through the outbox.
Servers sharing a store draft each period once.
)";

constexpr const char* kUserAddUsage =
    R"(  ecociv user add --name NAME --role admin|analyst|reporter|leader|auditor [--unit UNIT]
                  [--region CODE] [--password-file FILE | --random-password] [--db PATH]
)";
constexpr const char* kUserListUsage = "  ecociv user list [--db PATH]\n";
constexpr const char* kUserAssignUsage =
    "  ecociv user assign --unit UNIT --station CODE | --section CODE [--db PATH]\n";
constexpr const char* kUserUnassignUsage =
    "  ecociv user unassign --unit UNIT --station CODE | --section CODE [--db PATH]\n";
constexpr const char* kUserPublishUsage =
    R"(  ecociv user publish --page SLUG --title TITLE
                      --kind air-summary|water-summary|indicators-summary [--withdraw] [--db PATH]
)";
constexpr const char* kUserNotes =
    R"(Without --password-file or --random-password the password is asked for (not echoed).
--random-password prints a generated password once. There is no default password.
Passwords have 10..256 characters, not only spaces. User names are unique regardless of
letter case. --region puts the user in a region of the store (`ecociv region list`; it
then sees that region's subtree only). The last enabled administrator cannot be demoted or
disabled. A user
blocked by the login throttle logs in again after `ecociv user unlock --name NAME`.
)";

int UserAdd(const CommandArgs& argv) {
  auto args =
      Args::Parse(argv, {"name", "role", "unit", "region", "password-file", "db"},
                  {"random-password"});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("name") || !args->Has("role")) {
    return ReportError(InvalidArgumentError("--name and --role are required"));
  }
  auto role = server::ParseRole(args->Get("role"));
  if (!role.ok()) return ReportError(role.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto password = ReadPassword(*args);
  if (!password.ok()) return ReportError(password.status());
  // The user's region (store/regions.h), in the same transaction: the whole
  // store's by default.
  const std::string region = args->Has("region") ? args->Get("region") : store::kRootRegion;
  auto user = server::AddUser(db->get(), args->Get("name"), *role, args->Get("unit"), *password,
                              store::Actor{store::CurrentUser(), "ecociv user add"}, region);
  if (!user.ok()) return ReportError(user.status());
  if (args->Has("random-password")) {
    std::printf("%s\t%s\t%s\n", user->name.c_str(), server::RoleName(user->role),
                password->c_str());
  } else {
    std::printf("added %s (%s)\n", user->name.c_str(), server::RoleName(user->role));
  }
  return kExitSuccess;
}

int UserList(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto users = server::ListUsers(db->get());
  if (!users.ok()) return ReportError(users.status());
  // The region only for a user of one (a one-city store has none).
  for (const auto& u : *users) {
    std::string region = u.region == store::kRootRegion ? "" : "\tregion " + u.region;
    std::printf("%s\t%s\t%s%s%s\n", u.name.c_str(), server::RoleName(u.role), u.unit.c_str(),
                u.disabled ? "\tdisabled" : "", region.c_str());
  }
  return kExitSuccess;
}

// `user assign` and `user unassign`: a unit's station or section.
int UserAsset(const CommandArgs& argv, bool assign) {
  auto args = Args::Parse(argv, {"unit", "station", "section", "db"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("unit") || args->Has("station") == args->Has("section")) {
    return ReportError(InvalidArgumentError("--unit and one of --station or --section"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  std::string kind = args->Has("station") ? "station" : "section";
  store::Actor actor{store::CurrentUser(), assign ? "ecociv user assign" : "ecociv user unassign"};
  Status s =
      assign ? server::AssignAsset(db->get(), args->Get("unit"), kind, args->Get(kind), actor)
             : server::UnassignAsset(db->get(), args->Get("unit"), kind, args->Get(kind), actor);
  return s.ok() ? kExitSuccess : ReportError(s);
}

int UserPublish(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"page", "title", "kind", "db"}, {"withdraw"});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = server::PublishPage(db->get(), args->Get("page"), args->Get("title"),
                                 args->Get("kind"), !args->Has("withdraw"),
                                 store::Actor{store::CurrentUser(), "ecociv user publish"});
  return s.ok() ? kExitSuccess : ReportError(s);
}

// --webhook-url, --webhook-secret-file, --webhook-ca-file and
// --deliver-every (seconds, 1..86400, default 60), --webhook-claim (seconds,
// 15..86400, default 300).
Status WebhookOptions(const Args& args, server::ApiOptions* options) {
  if (!args.Has("webhook-url")) {
    for (const char* flag :
         {"deliver-every", "webhook-secret-file", "webhook-ca-file", "webhook-claim"}) {
      if (args.Has(flag))
        return InvalidArgumentError(std::string("--") + flag + " needs --webhook-url");
    }
    return Status::Ok();
  }
  options->webhook_url = args.Get("webhook-url");
  ECOCIV_RETURN_IF_ERROR(warning::CheckWebhookUrl(options->webhook_url, "--webhook-url"));
  if (args.Has("webhook-secret-file")) {
    ECOCIV_ASSIGN_OR_RETURN(options->webhook_secret,
                            warning::ReadWebhookSecret(args.Get("webhook-secret-file")));
  }
  options->webhook_ca_file = args.Get("webhook-ca-file");
  if (!options->webhook_ca_file.empty()) {
    ECOCIV_RETURN_IF_ERROR(warning::CheckCaFile(options->webhook_ca_file, "--webhook-ca-file"));
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t every, ParseInteger(args.Get("deliver-every", "60"), 1, 86400,
                                                      "--deliver-every (seconds)"));
  options->deliver_every_seconds = static_cast<int>(every);
  // Longer than a POST may take (its total deadline), or a slow but live
  // sender's message would be claimed and sent again by another server.
  const int64_t shortest = warning::kWebhookDeadlineMs / 1000 + 5;
  ECOCIV_ASSIGN_OR_RETURN(options->webhook_claim_seconds,
                          ParseInteger(args.Get("webhook-claim", "300"), shortest, 86400,
                                       "--webhook-claim (seconds)"));
  return Status::Ok();
}

// --trusted-proxy ADDR[,ADDR...] (repeatable): IP addresses only.
Status TrustedProxies(const Args& args, server::ApiOptions* options) {
  if (!args.Has("trusted-proxy")) return Status::Ok();
  for (const std::string& value : args.GetAll("trusted-proxy")) {
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t comma = value.find(',', pos);
      if (comma == std::string::npos) comma = value.size();
      std::string address = value.substr(pos, comma - pos);
      if (server::NormalizeAddress(address).empty()) {
        return InvalidArgumentError("--trusted-proxy: '" + address + "' is not an IP address");
      }
      options->trusted_proxies.push_back(address);
      pos = comma + 1;
    }
  }
  return Status::Ok();
}

// --hj212-listen HOST:PORT and --hj212-silence MINUTES: the HJ 212 receiver
// in the server's process, on its own event loop thread; bound before return.
StatusOr<std::unique_ptr<hj212::Receiver>> StartReceiver(const Args& args,
                                                         const server::ApiOptions& api,
                                                         int* port) {
  if (!args.Has("hj212-listen")) return InvalidArgumentError("--hj212-silence needs --hj212-listen");
  hj212::ReceiverOptions options;
  ECOCIV_RETURN_IF_ERROR(
      ParseHostPort(args.Get("hj212-listen"), "--hj212-listen", &options.host, &options.port));
  ECOCIV_ASSIGN_OR_RETURN(int64_t silence, ParseInteger(args.Get("hj212-silence", "0"), 0,
                                                        60 * 24 * 30, "--hj212-silence (minutes)"));
  options.silence_seconds = static_cast<int>(silence * 60);
  options.db_path = api.db_path;
  options.standards_dir = api.standards_dir;
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<hj212::Receiver> receiver,
                          hj212::Receiver::Create(options));
  ECOCIV_ASSIGN_OR_RETURN(*port, receiver->Bind());
  return receiver;
}

// --draft-every SECONDS (60..86400) and --schedule FILE: the documents'
// schedule in the background; null without --draft-every.
StatusOr<std::unique_ptr<server::ReportScheduler>> Scheduler(const Args& args,
                                                             const server::ApiOptions& api) {
  if (!args.Has("draft-every")) {
    if (args.Has("schedule")) return InvalidArgumentError("--schedule needs --draft-every");
    if (args.Has("holidays")) return InvalidArgumentError("--holidays needs --draft-every");
    return std::unique_ptr<server::ReportScheduler>();
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t every, ParseInteger(args.Get("draft-every"), 60, 86400,
                                                      "--draft-every (seconds)"));
  ECOCIV_ASSIGN_OR_RETURN(report::ScheduleConfig config,
                          report::LoadScheduleConfig(args.Get("schedule"), args.Get("holidays")));
  return std::make_unique<server::ReportScheduler>(api.db_path, api.standards_dir,
                                                   std::move(config), static_cast<int>(every));
}

int Serve(const CommandArgs& argv) {
  auto args =
      Args::Parse(argv,
                  {"db", "listen", "public-dir", "threads", "max-connections-per-address",
                   "pm25-target", "good-day-target", "composite-target", "standards", "webhook-url",
                   "deliver-every", "webhook-secret-file", "webhook-ca-file", "webhook-claim",
                   "trusted-proxy",
                   "hj212-listen", "hj212-silence", "draft-every", "schedule", "holidays"},
                  {"secure-cookies"});
  if (!args.ok()) return ReportError(args.status());
  server::ApiOptions api_options;
  api_options.db_path = store::ResolveDatabasePath(args->Get("db"));
  api_options.standards_dir = args->Get("standards");
  api_options.secure_cookies = args->Has("secure-cookies");
  api_options.pm25_target = args->Get("pm25-target", "30");
  api_options.good_day_target = args->Get("good-day-target", "80");
  api_options.composite_target = args->Get("composite-target");
  for (const char* flag : {"pm25-target", "good-day-target", "composite-target"}) {
    int64_t scaled = 0;
    if (args->Has(flag) && (!ParseScaledDecimal(args->Get(flag), 4, &scaled) || scaled <= 0)) {
      return ReportError(
          InvalidArgumentError(std::string("--") + flag + " must be a positive number"));
    }
  }
  Status webhook = WebhookOptions(*args, &api_options);
  if (!webhook.ok()) return ReportError(webhook);
  Status proxies = TrustedProxies(*args, &api_options);
  if (!proxies.ok()) return ReportError(proxies);
  server::ServerOptions options;
  std::string listen = args->Get("listen", "127.0.0.1:8080");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return ReportError(InvalidArgumentError("--listen HOST:PORT"));
  options.host = listen.substr(0, colon);
  auto listen_port = ParseInteger(listen.substr(colon + 1), 0, 65535, "--listen port");
  if (!listen_port.ok()) return ReportError(listen_port.status());
  auto threads = ParseInteger(args->Get("threads", "16"), 1, 256, "--threads");
  if (!threads.ok()) return ReportError(threads.status());
  auto per_address = ParseInteger(
      args->Get("max-connections-per-address", std::to_string(server::kMaxConnectionsPerAddress)),
      1, 100000, "--max-connections-per-address");
  if (!per_address.ok()) return ReportError(per_address.status());
  options.port = static_cast<int>(*listen_port);
  options.threads = static_cast<int>(*threads);
  options.limits.max_connections_per_address = static_cast<int>(*per_address);
  options.public_dir = args->Get("public-dir");
  options.never_serve = {api_options.db_path};
  options.install_signal_handlers = true;
  auto scheduler = Scheduler(*args, api_options);
  if (!scheduler.ok()) return ReportError(scheduler.status());
  api_options.schedule_file = args->Get("schedule");
  api_options.holidays_dir = args->Get("holidays");
  api_options.draft_every_seconds = *scheduler ? (*scheduler)->every_seconds() : 0;
  // One connection per worker, opened now rather than while the first requests wait.
  api_options.connections = options.threads;
  auto api = server::Api::Create(api_options);
  if (!api.ok()) return ReportError(api.status());
  auto server = server::HttpServer::Create(std::move(*api), options);
  if (!server.ok()) return ReportError(server.status());
  auto port = (*server)->Bind();
  if (!port.ok()) return ReportError(port.status());
  std::unique_ptr<hj212::Receiver> receiver;
  int receiver_port = 0;
  if (args->Has("hj212-listen") || args->Has("hj212-silence")) {
    auto started = StartReceiver(*args, api_options, &receiver_port);
    if (!started.ok()) return ReportError(started.status());
    receiver = std::move(*started);
  }
  std::printf("ecociv serve: http://%s:%d/ (database %s); Ctrl-C stops\n", options.host.c_str(),
              *port, api_options.db_path.c_str());
  if (receiver) {
    std::printf("ecociv serve: HJ 212 receiver on %s:%d\n",
                args->Get("hj212-listen").substr(0, args->Get("hj212-listen").rfind(':')).c_str(),
                receiver_port);
  }
  if (!api_options.webhook_url.empty()) {
    // Without the URL: scripts read the first http:// of this output as the server's.
    std::printf("ecociv serve: warning webhook delivery every %d s\n",
                api_options.deliver_every_seconds);
  }
  if (*scheduler) {
    std::printf("ecociv serve: documents' schedule every %d s\n", (*scheduler)->every_seconds());
    (*scheduler)->Start();
  }
  std::fflush(stdout);
  std::thread receiver_thread;
  if (receiver) {
    receiver_thread = std::thread([&receiver] {
      Status s = receiver->Run();
      if (!s.ok()) std::fprintf(stderr, "ecociv serve: HJ 212 receiver: %s\n", s.ToString().c_str());
    });
  }
  Status s = (*server)->Run();
  if (*scheduler) (*scheduler)->Stop();
  if (receiver) {
    receiver->Stop();  // stores what it accepted and sends the answers first
    receiver_thread.join();
  }
  return s.ok() ? kExitSuccess : ReportError(s);
}

int UserAssign(const CommandArgs& argv) { return UserAsset(argv, true); }
int UserUnassign(const CommandArgs& argv) { return UserAsset(argv, false); }

const Command kServeCommands[] = {{"", kServeUsage, Serve}};
const CommandTable kServeTable = {"serve", kServeCommands, kServeNotes};

const Command kUserCommands[] = {{"add", kUserAddUsage, UserAdd},
                                 {"list", kUserListUsage, UserList},
                                 {"assign", kUserAssignUsage, UserAssign},
                                 {"unassign", kUserUnassignUsage, UserUnassign},
                                 {"publish", kUserPublishUsage, UserPublish},
                                 {"role", kUserRoleUsage, UserRole},
                                 {"disable", kUserDisableUsage, UserDisable},
                                 {"enable", kUserEnableUsage, UserEnable},
                                 {"password", kUserPasswordUsage, UserPassword},
                                 {"unlock", kUserUnlockUsage, UserUnlock}};
const CommandTable kUserTable = {"user", kUserCommands, kUserNotes};

}  // namespace

int RunServeCommand(const CommandArgs& args) { return Dispatch(kServeTable, args); }
int RunUserCommand(const CommandArgs& args) { return Dispatch(kUserTable, args); }

}  // namespace ecociv::cli
