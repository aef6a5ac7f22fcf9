// Webhook notifications from the outbox: each pending notification_outbox row
// is POSTed as JSON (the WeCom / DingTalk group-robot "text" message, with
// the structured warning under "ecociv"; docs/formats.md) and marked delivered
// only when the receiver answers 2xx (and, when the body is a robot reply
// with an "errcode", errcode 0). A failure keeps the row and schedules the
// next attempt with exponential backoff, so nothing is lost while the receiver
// is down. During a quiet period (maintenance window) nothing is sent.
//
// The same runs deliver document_outbox (migration 13): the notices of
// documents the schedule drafted for the leaders to approve
// (report/schedule.h), after the warnings' notifications; the counts and the
// outbox status cover both.
//
// Delivery is at least once: a receiver that took a message but whose answer
// was lost gets it again; the "ecociv.notification" key lets it drop repeats.
//
// Thread safety: one Database per thread; a Sender is used by one thread.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::warning {

// One HTTP POST at a time.
class Sender {
 public:
  virtual ~Sender() = default;
  // OK for an accepted message. Unavailable when the receiver was silent —
  // no connection, read or write within its timeout, no answer within the
  // total deadline — or the post was cancelled (DeliverOutbox then ends its
  // run: a receiver silent for one message would be for the next); any other
  // error (a refused connection, an HTTP or robot error code) otherwise.
  virtual Status Post(const std::string& url, const std::string& json_body) = 0;
  // Cancels a Post in progress, which returns Unavailable within about
  // kWebhookCancelPollMs (or as soon as a connection attempt under way ends),
  // and makes every later Post fail at once. May be called from any thread.
  virtual void Cancel() {}
};

// The deadlines of one webhook POST: a connection attempt, each read or write,
// and the whole request (so a receiver that accepts and never answers, or
// trickles its answer a byte at a time, is cut off at the total).
inline constexpr int kWebhookConnectTimeoutMs = 5000;
inline constexpr int kWebhookIoTimeoutMs = 5000;
inline constexpr int kWebhookDeadlineMs = 10000;
// How often a POST in progress checks its deadline and cancellation.
inline constexpr int kWebhookCancelPollMs = 50;
struct HttpDeadlines {
  int connect_ms = kWebhookConnectTimeoutMs;
  int io_ms = kWebhookIoTimeoutMs;
  int total_ms = kWebhookDeadlineMs;
};

// The real sender (cpp-httplib): http:// and https:// URLs with the
// deadlines above. https verifies the receiver's certificate against
// `ca_file` (a PEM bundle, for an intranet CA) or, when empty, the system's
// CA store. Errors name the URL without its query (a signed robot URL's
// query holds its token).
std::unique_ptr<Sender> MakeHttpSender(const std::string& ca_file = "",
                                       const HttpDeadlines& deadlines = {});

// Checks a webhook URL: http:// or https:// followed by a host. `flag` names
// the option in the error ("--url").
Status CheckWebhookUrl(const std::string& url, const std::string& flag);
// The secret of a signed robot from a file (its first line, spaces trimmed),
// so that it never appears on a command line; an empty file is an error.
StatusOr<std::string> ReadWebhookSecret(const std::string& path);
// Checks a CA bundle before any delivery: readable and holding a PEM
// certificate, so a wrong path is reported at once, not as failed messages.
Status CheckCaFile(const std::string& path, const std::string& flag);

struct DeliveryOptions {
  std::string url;                    // http(s)://host[:port]/path
  std::string dingtalk_secret;        // "": send to `url` as is; else sign it (robot_signing.h)
  int64_t now_unix = 0;               // the current time (Unix seconds)
  int64_t base_backoff_seconds = 30;  // after the 1st failure; doubles each time
  int64_t max_backoff_seconds = 3600;
  int max_messages = 1000;  // per run
  // 0: none; else no message is started once the run has taken this long.
  int64_t budget_ms = 0;
  // A message being sent is claimed for this long (longer than any POST's
  // deadline): other runs skip it meanwhile, and if the sender dies while
  // posting, the message is due again when the claim ends.
  int64_t claim_seconds = 300;
};

struct DeliveryReport {
  int delivered = 0, failed = 0, pending_later = 0;
  // Due but not tried in this run (left for the next): the receiver did not
  // answer in time, the run was cancelled or ran out of its budget.
  int not_tried = 0;
  bool quiet = false;  // a quiet period is in force: nothing sent
  std::string last_error;
  std::string Summary() const;
};

// Sends every due notification in id order. A failed row gets
// next_attempt_at = now + min(base · 2^(attempts−1), max). The run ends early,
// leaving the rest due, when a post is Unavailable or the budget is spent.
// Runs may overlap, in one process or in several servers on one store: each
// message is claimed before its POST (claim_seconds), so no two runs post
// it; a POST cut short by a crash is retried once the claim ends (delivery
// is at least once; receivers deduplicate by the payload's idempotency key).
StatusOr<DeliveryReport> DeliverOutbox(store::Database* db, const DeliveryOptions& options,
                                       Sender* sender);

// Adds a quiet period [starts, ends) (Unix seconds) with its reason, and a
// change-record entry "warning.quiet" by `actor` (empty who: the OS user).
Status AddQuietPeriod(store::Database* db, int64_t starts, int64_t ends, const std::string& reason,
                      const store::Actor& actor = {});

// Ends quiet period `id` at `now_unix` (one not yet begun is cancelled: it
// ends where it starts), with a change-record entry "warning.quiet.end".
// NotFound for an unknown id; FailedPrecondition when it has already ended.
Status EndQuietPeriod(store::Database* db, int64_t id, int64_t now_unix,
                      const store::Actor& actor = {});

// The outbox at a glance (the web's outbox panel). `pending` rows were never
// tried; `failed` rows were tried, failed and wait for their next attempt;
// both are undelivered. `last_error` is the error of the undelivered row tried
// most recently ("" when none failed); `next_attempt_at` the earliest next
// attempt of an undelivered row (0 when nothing is undelivered).
struct OutboxStatus {
  int64_t pending = 0, delivered = 0, failed = 0;
  std::string last_error;
  int64_t next_attempt_at = 0;
};
StatusOr<OutboxStatus> GetOutboxStatus(store::Database* db);

struct QuietPeriod {
  int64_t id = 0, starts = 0, ends = 0;  // [starts, ends), Unix seconds
  std::string reason;
};
// Quiet periods ending after `now_unix` (all when now_unix is 0), by start;
// cancelled ones (ending where they start) are left out.
StatusOr<std::vector<QuietPeriod>> ListQuietPeriods(store::Database* db, int64_t now_unix = 0);

// Parses "2026-11-28T16:50:00Z" or "2026-11-28T16:50Z" (UTC) to Unix seconds.
StatusOr<int64_t> ParseUtc(const std::string& text);
// The inverse: "2026-11-28T16:50:00Z".
std::string FormatUtc(int64_t unix_seconds);

}  // namespace ecociv::warning
