// Internal to the server: HTTP/1.1 on the wire — request heads, request
// targets, chunked bodies and response heads — as pure functions over bytes,
// so that every rule can be tested without a socket.
//
// Rules (RFC 9110/9112, strict where leniency has been used to smuggle or to
// exhaust memory):
// - A head (request line and headers) is at most kMaxHeadBytes with at most
//   kMaxHeaderCount headers; lines end in CRLF or LF; a bare CR, a header
//   line that starts with a space (obsolete folding) or has a space before its
//   colon, or a name that is not a token, is refused (400).
// - The request target is origin-form ("/path?query"); the path is
//   percent-decoded once, and refused (400) when it holds an encoded "/" or
//   "\" (%2F, %5C), a NUL or other control byte (raw or encoded), a "." or
//   ".." segment (raw or encoded: %2E%2E), or a bad escape.
// - Content-Length is digits only, and two different values are refused; a
//   Transfer-Encoding other than "chunked" is 501, and Transfer-Encoding with
//   Content-Length is refused (400).
//
// Thread safety: pure functions; a ChunkedDecoder belongs to one request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecociv::server::wire {

// The most bytes a request head may take (request line and headers).
inline constexpr size_t kMaxHeadBytes = 32 << 10;
// The most header lines in a head.
inline constexpr size_t kMaxHeaderCount = 100;
// The most bytes of a chunk-size line, and of all trailer lines together.
inline constexpr size_t kMaxChunkLineBytes = 1024;
inline constexpr size_t kMaxTrailerBytes = 8 << 10;

using Fields = std::vector<std::pair<std::string, std::string>>;

struct RequestHead {
  std::string method;  // "GET", a token of at most 16 upper-case letters
  std::string target;  // as sent: "/api/v1/air/daily?from=2026-03-01"
  std::string path;    // percent-decoded: "/api/v1/air/daily"
  Fields query;        // decoded, in order ('+' is a space)
  bool http10 = false;
  Fields headers;  // names in lower case, values trimmed
  std::optional<uint64_t> content_length;
  bool chunked = false;
  bool keep_alive = true;  // HTTP/1.1 without "Connection: close", or 1.0 with keep-alive
  bool expect_continue = false;

  // The first value of header `lower_name` ("" when absent).
  std::string Header(std::string_view lower_name) const;
  bool has_body() const { return chunked || content_length.value_or(0) > 0; }
};

// The offset just past the blank line that ends the head at the start of
// `buffer`, or 0 while the head is incomplete.
size_t FindHeadEnd(std::string_view buffer);

// A parsed head, or the HTTP status to refuse it with (400, 431, 501, 505)
// and a short reason that never quotes the request.
struct HeadResult {
  RequestHead head;
  int error_status = 0;
  std::string error;
  bool ok() const { return error_status == 0; }
};
// `head` is the bytes up to FindHeadEnd (at most kMaxHeadBytes).
HeadResult ParseHead(std::string_view head);

// Decodes a request path (see the rules above); false with *why when refused.
bool DecodePath(std::string_view raw, std::string* out, std::string* why);
// Decodes a query string into its pairs; false with *why when refused (a bad
// escape or a NUL).
bool DecodeQuery(std::string_view raw, Fields* out, std::string* why);

// Decodes a chunked body as its bytes arrive.
class ChunkedDecoder {
 public:
  enum class Result { kNeedMore, kDone, kError };
  // Consumes a prefix of `in` (*consumed bytes), appending the data to *out.
  // kDone when the last chunk and trailers have been read (bytes after them
  // are left unconsumed); kError for a malformed body (error()).
  Result Feed(std::string_view in, size_t* consumed, std::string* out);
  const std::string& error() const { return error_; }

 private:
  enum class State { kSize, kData, kDataEnd, kTrailer, kDone };
  Result Fail(std::string why);
  State state_ = State::kSize;
  uint64_t remaining_ = 0;
  std::string line_;
  size_t trailer_bytes_ = 0;
  std::string error_;
};

// "Not Found" for 404, "Unknown" for a code it does not know.
const char* ReasonPhrase(int status);

// A response head: status line, the headers given, Content-Length and
// Connection ("keep-alive" or "close"), and the blank line.
std::string ResponseHead(int status, const Fields& headers, size_t content_length, bool keep_alive);

}  // namespace ecociv::server::wire
