// Status and StatusOr: the error vocabulary of ecociv.
//
// Every fallible function in the library returns a Status (success or a
// coded error with a message) or a StatusOr<T> (a value or a non-OK Status).
// No exceptions cross a module boundary. Each code maps to one command-line
// exit code and one HTTP status (ExitCodeFor, HttpStatusFor); several codes
// share an exit code (there are three), so a caller that must tell codes apart
// looks at code(), never at the exit code or the message.
//
// Thread safety: const methods may be called concurrently; a Status or
// StatusOr that is being modified needs external synchronisation.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace ecociv {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad usage or malformed input (a bad row, an unknown flag)
  kNotFound,            // a named file, station or record does not exist
  kFailedPrecondition,  // the request conflicts with the current state
  kDataLoss,            // input is truncated or corrupt (a broken .xz stream)
  kUnauthenticated,     // not logged in (server)
  kPermissionDenied,    // logged in but not allowed (server)
  kUnavailable,         // busy or unreachable for now (a locked database, a silent
                        // receiver): nothing was changed; trying again later may succeed
  kInternal,            // a bug: an invariant did not hold
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "INVALID_ARGUMENT: file.csv:12: bad number in field pm25".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>", for adding context
  // (a file name, a station) as an error travels up.
  Status WithContext(const std::string& prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status FailedPreconditionError(std::string message);
Status DataLossError(std::string message);
Status UnavailableError(std::string message);
Status InternalError(std::string message);

// Process exit codes of the `ecociv` program.
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitDataProblems = 1;  // finished, but data problems were reported
inline constexpr int kExitBadInput = 2;      // stopped before finishing: bad usage, unreadable
                                             // input, or unavailable (busy: try again)
// kOk → 0; kInternal → 1; every other code → 2 (the message says which).
int ExitCodeFor(const Status& status);
// 200; 400 invalid argument and data loss; 401; 403; 404; 409 failed
// precondition; 503 unavailable (the server adds Retry-After); 500 internal.
int HttpStatusFor(const Status& status);

// Holds either a T or a non-OK Status. Constructing from an OK status is a bug
// and is turned into an Internal error so it cannot pass silently.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = InternalError("StatusOr constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Precondition: ok(). Aborts otherwise (a programming error, never input-driven).
  T& value() & {
    if (!ok()) std::abort();
    return *value_;
  }
  const T& value() const& {
    if (!ok()) std::abort();
    return *value_;
  }
  T&& value() && {
    if (!ok()) std::abort();
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace ecociv

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define ECOCIV_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::ecociv::Status ecociv_status_ = (expr);        \
    if (!ecociv_status_.ok()) return ecociv_status_; \
  } while (0)

#define ECOCIV_CONCAT_INNER(a, b) a##b
#define ECOCIV_CONCAT(a, b) ECOCIV_CONCAT_INNER(a, b)

// `ECOCIV_ASSIGN_OR_RETURN(auto x, MakeX());` binds x or returns the error.
#define ECOCIV_ASSIGN_OR_RETURN(lhs, expr) \
  ECOCIV_ASSIGN_OR_RETURN_IMPL(ECOCIV_CONCAT(ecociv_statusor_, __LINE__), lhs, expr)
#define ECOCIV_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
