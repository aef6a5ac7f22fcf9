// Outbox delivery (see webhook.h). The HTTP client (cpp-httplib) lives only
// in this file.
#include "ecociv/warning/webhook.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/change_log.h"
#include "ecociv/warning/robot_signing.h"

namespace ecociv::warning {
namespace {

// The length of "http://" or "https://" at the start of `url`, else 0.
size_t SchemeLength(const std::string& url) {
  for (const char* scheme : {"http://", "https://"}) {
    if (url.rfind(scheme, 0) == 0) return std::string(scheme).size();
  }
  return 0;
}

// The URL as errors name it: without its query (a signed robot URL carries
// its access token and signature there).
std::string UrlForMessage(const std::string& url) { return url.substr(0, url.find('?')); }

// Calls client->stop() once `deadline` passes or `cancelled` is set, until
// Finish(); stop() shuts the socket of a request in progress, so a blocked
// read or write returns at once. It is repeated because a stop() that comes
// before the request has its socket does nothing.
class Watchdog {
 public:
  Watchdog(httplib::Client* client, std::chrono::milliseconds deadline,
           const std::atomic<bool>* cancelled)
      : client_(client),
        deadline_(std::chrono::steady_clock::now() + deadline),
        cancelled_(cancelled),
        thread_([this] { Watch(); }) {}
  ~Watchdog() { Finish(); }
  void Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  bool fired() const { return fired_; }

 private:
  void Watch() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!done_) {
      wake_.wait_for(lock, std::chrono::milliseconds(kWebhookCancelPollMs));
      if (done_) break;
      if (*cancelled_ || std::chrono::steady_clock::now() >= deadline_) {
        fired_ = true;
        client_->stop();
      }
    }
  }
  httplib::Client* client_;
  const std::chrono::steady_clock::time_point deadline_;
  const std::atomic<bool>* cancelled_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool done_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

class HttpSender : public Sender {
 public:
  HttpSender(std::string ca_file, const HttpDeadlines& deadlines)
      : ca_file_(std::move(ca_file)), deadlines_(deadlines) {}

  void Cancel() override { cancelled_ = true; }

  Status Post(const std::string& url, const std::string& body) override {
    ECOCIV_RETURN_IF_ERROR(CheckWebhookUrl(url, "webhook URL"));
    const std::string shown = "POST " + UrlForMessage(url);
    if (cancelled_) return UnavailableError(shown + ": cancelled (the server is stopping)");
    size_t slash = url.find('/', SchemeLength(url));
    std::string origin = url.substr(0, slash);
    std::string path = slash == std::string::npos ? "/" : url.substr(slash);
    httplib::Client client(origin);
    if (!client.is_valid()) return InvalidArgumentError("webhook URL: not usable: " + origin);
    auto ms = [](int value) { return std::chrono::milliseconds(value); };
    client.set_connection_timeout(ms(deadlines_.connect_ms));
    client.set_read_timeout(ms(deadlines_.io_ms));
    client.set_write_timeout(ms(deadlines_.io_ms));
    client.enable_server_certificate_verification(true);
    if (!ca_file_.empty()) client.set_ca_cert_path(ca_file_);
    Watchdog watchdog(&client, ms(deadlines_.total_ms), &cancelled_);
    auto res = client.Post(path, body, "application/json");
    watchdog.Finish();
    if (!res && (watchdog.fired() || cancelled_)) {
      return UnavailableError(cancelled_ ? shown + ": cancelled (the server is stopping)"
                                         : shown + ": no answer within " +
                                               std::to_string(deadlines_.total_ms) + " ms");
    }
    if (!res) {
      httplib::Error error = res.error();
      std::string why = httplib::to_string(error);
      // Silent (as opposed to refusing): the next message would wait as long.
      if (error == httplib::Error::Read || error == httplib::Error::Write ||
          error == httplib::Error::ConnectionTimeout) {
        return UnavailableError(shown + ": " + why + " (no answer within " +
                                std::to_string(error == httplib::Error::ConnectionTimeout
                                                   ? deadlines_.connect_ms
                                                   : deadlines_.io_ms) +
                                " ms)");
      }
      return FailedPreconditionError(shown + ": " + why);
    }
    if (res->status < 200 || res->status >= 300) {
      return FailedPreconditionError(shown + ": HTTP " + std::to_string(res->status));
    }
    // WeCom and DingTalk robots answer 200 with {"errcode": N, "errmsg": ...}.
    auto reply = nlohmann::json::parse(res->body, nullptr, false);
    if (reply.is_object() && reply.contains("errcode") && reply["errcode"].is_number_integer() &&
        reply["errcode"].get<int64_t>() != 0) {
      return FailedPreconditionError(shown + ": errcode " +
                                     std::to_string(reply["errcode"].get<int64_t>()));
    }
    return Status::Ok();
  }

 private:
  const std::string ca_file_;
  const HttpDeadlines deadlines_;
  std::atomic<bool> cancelled_{false};
};

// The outboxes one run delivers, in this order: the warnings' notifications
// (migration 2) and the notices of documents drafted for approval
// (migration 13, report/schedule.h). Both have the same columns.
constexpr const char* kOutboxTables[] = {"notification_outbox", "document_outbox"};

struct Pending {
  const char* table = kOutboxTables[0];
  int64_t id = 0;
  int64_t attempts = 0;
  std::string payload;
};

StatusOr<bool> InQuietPeriod(store::Database* db, int64_t now) {
  ECOCIV_ASSIGN_OR_RETURN(
      int64_t n, store::QueryInt64(db,
                                   "SELECT count(*) FROM quiet_periods WHERE starts_at <= ? AND "
                                   "? < ends_at",
                                   {now, now}));
  return n > 0;
}

StatusOr<int> CountOutbox(store::Database* db, const char* when, int64_t now) {
  int64_t total = 0;
  for (const char* table : kOutboxTables) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t n,
                            store::QueryInt64(db,
                                              std::string("SELECT count(*) FROM ") + table +
                                                  " WHERE delivered_at IS NULL AND "
                                                  "next_attempt_at " +
                                                  when + " ?",
                                              {now}));
    total += n;
  }
  return static_cast<int>(total);
}
// Undelivered messages not yet due (after a failure's back-off, or claimed by
// a run that is sending them), and those due now.
StatusOr<int> CountWaiting(store::Database* db, int64_t now) { return CountOutbox(db, ">", now); }
StatusOr<int> CountDue(store::Database* db, int64_t now) { return CountOutbox(db, "<=", now); }

// Claims the oldest due message for this run: its next attempt moves to the
// end of the claim, so no other run (in this process or another server on
// the same store) takes it meanwhile, and if this process dies while
// posting, the message is due again when the claim ends. On PostgreSQL the
// row is picked with FOR UPDATE SKIP LOCKED so that concurrent runs take
// different rows instead of queueing on one; the outer condition is
// re-checked on the row's newest version, so a row claimed a moment earlier
// is not claimed twice. On SQLite the one statement runs under the file's
// write lock.
StatusOr<std::optional<Pending>> ClaimNextDueIn(store::Database* db, const char* table,
                                               const DeliveryOptions& options) {
  const bool postgres = db->BackendName() == "postgresql";
  ECOCIV_ASSIGN_OR_RETURN(
      auto s, db->Prepare(std::string("UPDATE ") + table +
                          " SET next_attempt_at = ? "
                          "WHERE delivered_at IS NULL AND next_attempt_at <= ? AND "
                          "id = (SELECT id FROM " +
                          table +
                          " WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY "
                          "id LIMIT 1" +
                          (postgres ? " FOR UPDATE SKIP LOCKED" : "") +
                          ") RETURNING id, attempts, payload"));
  s->BindInt64(0, options.now_unix + options.claim_seconds);
  s->BindInt64(1, options.now_unix);
  s->BindInt64(2, options.now_unix);
  Status status;
  std::optional<Pending> claimed;
  if (s->Step(&status)) {
    claimed = Pending{table, s->ColumnInt64(0), s->ColumnInt64(1), s->ColumnText(2)};
    while (s->Step(&status)) {
    }
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return claimed;
}

// The warnings' outbox first: a warning is more urgent than a draft to approve.
StatusOr<std::optional<Pending>> ClaimNextDue(store::Database* db,
                                             const DeliveryOptions& options) {
  for (const char* table : kOutboxTables) {
    ECOCIV_ASSIGN_OR_RETURN(std::optional<Pending> claimed, ClaimNextDueIn(db, table, options));
    if (claimed) return claimed;
  }
  return std::optional<Pending>();
}

Status MarkResult(store::Database* db, const Pending& p, const Status& result,
                  const DeliveryOptions& options) {
  if (result.ok()) {
    ECOCIV_ASSIGN_OR_RETURN(auto s, db->Prepare(std::string("UPDATE ") + p.table +
                                                " SET attempts = ?, "
                                                "delivered_at = ?, last_error = '' WHERE id = ?"));
    s->BindInt64(0, p.attempts + 1);
    s->BindInt64(1, options.now_unix);
    s->BindInt64(2, p.id);
    return s->Run();
  }
  int64_t backoff = options.base_backoff_seconds;
  for (int64_t i = 0; i < p.attempts && backoff < options.max_backoff_seconds; ++i) backoff *= 2;
  backoff = std::min(backoff, options.max_backoff_seconds);
  ECOCIV_ASSIGN_OR_RETURN(auto s, db->Prepare(std::string("UPDATE ") + p.table +
                                              " SET attempts = ?, "
                                              "next_attempt_at = ?, last_error = ? WHERE id = ?"));
  s->BindInt64(0, p.attempts + 1);
  s->BindInt64(1, options.now_unix + backoff);
  s->BindText(2, result.message());
  s->BindInt64(3, p.id);
  return s->Run();
}

}  // namespace

std::unique_ptr<Sender> MakeHttpSender(const std::string& ca_file,
                                       const HttpDeadlines& deadlines) {
  return std::make_unique<HttpSender>(ca_file, deadlines);
}

Status CheckWebhookUrl(const std::string& url, const std::string& flag) {
  size_t scheme = SchemeLength(url);
  if (scheme == 0 || url.size() == scheme || url[scheme] == '/' ||
      url.find_first_of(" \t\r\n") != std::string::npos) {
    return InvalidArgumentError(flag + " must be http://HOST[:PORT]/PATH or https://…: " + url);
  }
  return Status::Ok();
}

Status CheckCaFile(const std::string& path, const std::string& flag) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return InvalidArgumentError(flag + " " + path + ": " + text.status().message());
  if (text->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return InvalidArgumentError(flag + " " + path + ": no PEM certificate in the file");
  }
  return Status::Ok();
}

StatusOr<std::string> ReadWebhookSecret(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  size_t first = 0;
  while (first < line.size() && std::isspace(static_cast<unsigned char>(line[first]))) ++first;
  line = line.substr(first);
  if (line.empty()) return InvalidArgumentError(path + ":1: the webhook secret is empty");
  return line;
}

std::string DeliveryReport::Summary() const {
  if (quiet) return "quiet period in force: nothing sent";
  std::string s = std::to_string(delivered) + " delivered, " + std::to_string(failed) +
                  " failed (will retry), " + std::to_string(pending_later) + " not yet due";
  if (not_tried > 0) s += ", " + std::to_string(not_tried) + " left for the next run";
  if (!last_error.empty()) s += "; last error: " + last_error;
  return s;
}

StatusOr<DeliveryReport> DeliverOutbox(store::Database* db, const DeliveryOptions& options,
                                       Sender* sender) {
  DeliveryReport report;
  ECOCIV_ASSIGN_OR_RETURN(report.quiet, InQuietPeriod(db, options.now_unix));
  if (report.quiet) return report;
  ECOCIV_ASSIGN_OR_RETURN(report.pending_later, CountWaiting(db, options.now_unix));
  // Each message is claimed on its own just before its POST and its result
  // committed right after, so a crash between two messages never re-sends the
  // first, and servers sharing the store never post the same message at once.
  const auto started = std::chrono::steady_clock::now();
  for (int tried = 0;; ++tried) {
    const bool out_of_budget =
        options.budget_ms > 0 && std::chrono::steady_clock::now() - started >=
                                     std::chrono::milliseconds(options.budget_ms);
    if (tried >= options.max_messages || out_of_budget) {
      ECOCIV_ASSIGN_OR_RETURN(report.not_tried, CountDue(db, options.now_unix));
      break;
    }
    ECOCIV_ASSIGN_OR_RETURN(std::optional<Pending> claimed, ClaimNextDue(db, options));
    if (!claimed) break;
    const Pending& p = *claimed;
    // A signature is valid for an hour, so each message is signed when sent.
    std::string url =
        options.dingtalk_secret.empty()
            ? options.url
            : DingTalkSignedUrl(options.url, options.dingtalk_secret, options.now_unix * 1000);
    Status result = sender->Post(url, p.payload);
    ECOCIV_RETURN_IF_ERROR(MarkResult(db, p, result, options));
    if (result.ok()) {
      ++report.delivered;
      continue;
    }
    ++report.failed;
    report.last_error = result.message();
    if (result.code() == StatusCode::kUnavailable) {
      ECOCIV_ASSIGN_OR_RETURN(report.not_tried, CountDue(db, options.now_unix));
      break;
    }
  }
  return report;
}

Status AddQuietPeriod(store::Database* db, int64_t starts, int64_t ends, const std::string& reason,
                      const store::Actor& actor) {
  if (ends <= starts) return InvalidArgumentError("a quiet period must end after it starts");
  if (reason.empty()) return InvalidArgumentError("a quiet period needs a reason");
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto s, db->Prepare("INSERT INTO quiet_periods (starts_at, ends_at, "
                                              "reason) VALUES (?, ?, ?)"));
  s->BindInt64(0, starts);
  s->BindInt64(1, ends);
  s->BindText(2, reason);
  ECOCIV_RETURN_IF_ERROR(s->Run());
  store::LogEntry entry;
  entry.action = "warning.quiet";
  entry.object = "quiet:" + std::to_string(db->LastInsertId());
  entry.detail = std::to_string(starts) + ".." + std::to_string(ends) + " " + reason;
  entry.who = actor.who;  // empty: AppendLogEntry takes the OS user
  entry.why = reason;
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, entry).status());
  return tx.Commit();
}

Status EndQuietPeriod(store::Database* db, int64_t id, int64_t now_unix,
                      const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto q,
                          db->Prepare("SELECT starts_at, ends_at FROM quiet_periods WHERE id = ?"));
  q->BindInt64(0, id);
  Status status;
  if (!q->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no quiet period " + std::to_string(id));
  }
  const int64_t starts = q->ColumnInt64(0), ends = q->ColumnInt64(1);
  if (ends <= now_unix || ends <= starts) {
    return FailedPreconditionError("quiet period " + std::to_string(id) + " has already ended");
  }
  const int64_t new_end = std::max(starts, now_unix);
  ECOCIV_ASSIGN_OR_RETURN(auto u, db->Prepare("UPDATE quiet_periods SET ends_at = ? WHERE id = ?"));
  u->BindInt64(0, new_end);
  u->BindInt64(1, id);
  ECOCIV_RETURN_IF_ERROR(u->Run());
  store::LogEntry entry;
  entry.action = "warning.quiet.end";
  entry.object = "quiet:" + std::to_string(id);
  entry.detail = "ends " + FormatUtc(new_end) + " (was " + FormatUtc(ends) + ")";
  entry.who = actor.who;
  entry.why = actor.why;
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, entry).status());
  return tx.Commit();
}

StatusOr<OutboxStatus> GetOutboxStatus(store::Database* db) {
  OutboxStatus out;
  ECOCIV_ASSIGN_OR_RETURN(
      auto s, db->Prepare("SELECT sum(delivered_at IS NULL AND attempts = 0), "
                          "sum(delivered_at IS NOT NULL), sum(delivered_at IS NULL AND attempts > "
                          "0), min(CASE WHEN delivered_at IS NULL THEN next_attempt_at END) "
                          "FROM (SELECT delivered_at, attempts, next_attempt_at FROM "
                          "notification_outbox UNION ALL SELECT delivered_at, attempts, "
                          "next_attempt_at FROM document_outbox) AS o"));
  Status status;
  if (s->Step(&status)) {
    out.pending = s->ColumnInt64(0);  // NULL (no rows) reads as 0
    out.delivered = s->ColumnInt64(1);
    out.failed = s->ColumnInt64(2);
    out.next_attempt_at = s->ColumnInt64(3);
  }
  ECOCIV_RETURN_IF_ERROR(status);
  // The most recent failure: the failing row with the latest scheduled retry
  // was tried last (its backoff started last).
  ECOCIV_ASSIGN_OR_RETURN(
      auto e, db->Prepare("SELECT last_error, next_attempt_at FROM (SELECT last_error, "
                          "next_attempt_at, delivered_at FROM notification_outbox UNION ALL "
                          "SELECT last_error, next_attempt_at, delivered_at FROM "
                          "document_outbox) AS o WHERE delivered_at IS NULL AND last_error != '' "
                          "ORDER BY next_attempt_at DESC LIMIT 1"));
  if (e->Step(&status)) out.last_error = e->ColumnText(0);
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<std::vector<QuietPeriod>> ListQuietPeriods(store::Database* db, int64_t now_unix) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto s, db->Prepare("SELECT id, starts_at, ends_at, reason FROM "
                          "quiet_periods WHERE ends_at > ? AND ends_at > starts_at ORDER BY "
                          "starts_at, id"));
  s->BindInt64(0, now_unix);
  std::vector<QuietPeriod> out;
  Status status;
  while (s->Step(&status)) {
    out.push_back({s->ColumnInt64(0), s->ColumnInt64(1), s->ColumnInt64(2), s->ColumnText(3)});
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<int64_t> ParseUtc(const std::string& text) {
  int y, mo, d, h, mi, sec = 0;
  char z = 0;
  bool ok = std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d%c", &y, &mo, &d, &h, &mi, &sec, &z) == 7 ||
            (sec = 0, std::sscanf(text.c_str(), "%d-%d-%dT%d:%d%c", &y, &mo, &d, &h, &mi, &z) == 6);
  if (!ok || z != 'Z' || !IsValidCivilDate({y, mo, d}) || h > 23 || mi > 59 || sec > 59) {
    return InvalidArgumentError("not a UTC time YYYY-MM-DDTHH:MM[:SS]Z: " + text);
  }
  // DayNumber counts from 2000-01-01 = Unix day 10957.
  int64_t days = DaysFromCivil({y, mo, d}) + int64_t{10957};
  return days * 86400 + h * 3600 + mi * 60 + sec;
}

std::string FormatUtc(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400, rest = unix_seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  CivilDate d = CivilFromDays(static_cast<DayNumber>(days - 10957));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

}  // namespace ecociv::warning
