#include "hj212_cli.h"

#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "store_cli.h"

namespace ecociv::cli {

namespace {

StatusOr<int> IntFlag(const Args& args, const std::string& flag, int64_t fallback, int64_t min,
                      int64_t max, const std::string& what) {
  if (!args.Has(flag)) return static_cast<int>(fallback);
  ECOCIV_ASSIGN_OR_RETURN(int64_t value, ParseInteger(args.Get(flag), min, max, "--" + flag + what));
  return static_cast<int>(value);
}

StatusOr<double> FractionFlag(const Args& args, const std::string& flag) {
  if (!args.Has(flag)) return 0.0;
  double value = 0;
  if (!ParseDouble(args.Get(flag), &value) || value < 0 || value > 1) {
    return InvalidArgumentError("--" + flag + " must be a fraction from 0 to 1");
  }
  return value;
}

}  // namespace

Status ParseHostPort(const std::string& text, const std::string& flag, std::string* host,
                     int* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgumentError(flag + " HOST:PORT, got '" + text.substr(0, 60) + "'");
  }
  *host = text.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t p, ParseInteger(text.substr(colon + 1), 0, 65535, flag + " port"));
  *port = static_cast<int>(p);
  return Status::Ok();
}

Status ReceiverFlags(const Args& args, hj212::ReceiverOptions* o) {
  o->standards_dir = args.Get("standards");
  ECOCIV_ASSIGN_OR_RETURN(o->idle_timeout_seconds,
                          IntFlag(args, "idle-timeout", 600, 1, 86400, " (seconds)"));
  ECOCIV_ASSIGN_OR_RETURN(o->frame_timeout_seconds,
                          IntFlag(args, "frame-timeout", 60, 1, 3600, " (seconds)"));
  ECOCIV_ASSIGN_OR_RETURN(o->max_connections,
                          IntFlag(args, "max-connections", 10000, 1, 1000000, ""));
  ECOCIV_ASSIGN_OR_RETURN(int keep, IntFlag(args, "keep-recent", 48, 1, 24 * 366, " (hours)"));
  o->writer.keep_recent_seconds = int64_t{keep} * 3600;
  ECOCIV_ASSIGN_OR_RETURN(int silence, IntFlag(args, "silence", 0, 0, 60 * 24 * 30, " (minutes)"));
  o->silence_seconds = silence * 60;
  o->writer.review_config = args.Get("review-config");
  o->writer.screen = !args.Has("no-screen");
  return Status::Ok();
}

Status SimFlags(const Args& args, hj212::SimOptions* o) {
  if (!args.Has("from") || !args.Has("to") || !args.Has("target")) {
    return InvalidArgumentError("--from, --to and --target are required");
  }
  ECOCIV_ASSIGN_OR_RETURN(o->from, ParseLabelOrDate(args.Get("from"), false));
  ECOCIV_ASSIGN_OR_RETURN(o->to, ParseLabelOrDate(args.Get("to"), true));
  if (o->to < o->from) return InvalidArgumentError("--to is before --from");
  ECOCIV_RETURN_IF_ERROR(ParseHostPort(args.Get("target"), "--target", &o->host, &o->port));
  ECOCIV_ASSIGN_OR_RETURN(int rate, IntFlag(args, "rate", 1000, 1, 10000000, " (packets/s)"));
  o->rate = rate;
  ECOCIV_ASSIGN_OR_RETURN(o->bad_crc, FractionFlag(args, "bad-crc"));
  ECOCIV_ASSIGN_OR_RETURN(o->wrong_password, FractionFlag(args, "wrong-password"));
  ECOCIV_ASSIGN_OR_RETURN(o->reconnect_every, IntFlag(args, "reconnect-every", 0, 0, 1000000, ""));
  ECOCIV_ASSIGN_OR_RETURN(o->slow_stations, IntFlag(args, "slow", 0, 0, 100000, ""));
  ECOCIV_ASSIGN_OR_RETURN(o->slow_interval_ms,
                          IntFlag(args, "slow-interval", 50, 1, 60000, " (ms)"));
  ECOCIV_ASSIGN_OR_RETURN(o->answer_timeout_ms,
                          IntFlag(args, "answer-timeout", 10000, 1, 600000, " (ms)"));
  return Status::Ok();
}

}  // namespace ecociv::cli
