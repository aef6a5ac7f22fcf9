// Flags shared by the receiver's commands (`ecociv ingest`, `ecociv serve
// --hj212-listen`) and the simulator (`ecociv sim212`).
#pragma once

#include <string>

#include "args.h"
#include "commands.h"
#include "ecociv/hj212/receiver.h"
#include "ecociv/hj212/simulator.h"

namespace ecociv::cli {

// "127.0.0.1:9212" (and "[::1]:9212") into host and port (0..65535).
Status ParseHostPort(const std::string& text, const std::string& flag, std::string* host,
                     int* port);
// --standards, --idle-timeout, --frame-timeout, --max-connections,
// --keep-recent (hours), --silence (minutes), --review-config, --no-screen.
Status ReceiverFlags(const Args& args, hj212::ReceiverOptions* options);
// --from, --to, --rate, --target, --bad-crc, --wrong-password,
// --reconnect-every, --slow, --slow-interval, --answer-timeout.
Status SimFlags(const Args& args, hj212::SimOptions* options);

int RunHj212Command(const CommandArgs& args);
int RunIngestCommand(const CommandArgs& args);
int RunStationsCommand(const CommandArgs& args);
int RunSim212Command(const CommandArgs& args);

}  // namespace ecociv::cli
