#include "http_wire.h"

#include <algorithm>

namespace ecociv::server::wire {
namespace {

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLower(c);
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `raw` (with '+' as a space when `plus_is_space`); false on
// a bad escape.
bool PercentDecode(std::string_view raw, bool plus_is_space, std::string* out) {
  out->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      int hi = i + 1 < raw.size() ? HexValue(raw[i + 1]) : -1;
      int lo = i + 2 < raw.size() ? HexValue(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

// Splits the comma-separated tokens of a header value, trimmed, lower case.
std::vector<std::string> Tokens(std::string_view value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view token = Trim(value.substr(start, comma - start));
    if (!token.empty()) out.push_back(Lower(token));
    start = comma + 1;
  }
  return out;
}

HeadResult Refuse(int status, std::string why) {
  HeadResult r;
  r.error_status = status;
  r.error = std::move(why);
  return r;
}

bool ParseRequestLine(std::string_view line, RequestHead* head, HeadResult* error) {
  size_t first = line.find(' ');
  size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    *error = Refuse(400, "malformed request line");
    return false;
  }
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  if (method.empty() || method.size() > 16 ||
      !std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    *error = Refuse(400, "malformed method");
    return false;
  }
  if (version == "HTTP/1.1") {
    head->http10 = false;
  } else if (version == "HTTP/1.0") {
    head->http10 = true;
  } else {
    *error = Refuse(version.rfind("HTTP/", 0) == 0 ? 505 : 400, "unsupported HTTP version");
    return false;
  }
  if (target.empty() || target[0] != '/') {
    *error = Refuse(400, "the request target must be a path starting with /");
    return false;
  }
  for (char c : target) {
    if (IsControl(static_cast<unsigned char>(c)) || c == '#') {
      *error = Refuse(400, "malformed request target");
      return false;
    }
  }
  head->method = std::string(method);
  head->target = std::string(target);
  size_t question = target.find('?');
  std::string why;
  if (!DecodePath(target.substr(0, question), &head->path, &why) ||
      (question != std::string_view::npos &&
       !DecodeQuery(target.substr(question + 1), &head->query, &why))) {
    *error = Refuse(400, why);
    return false;
  }
  return true;
}

// Applies the headers that frame the message: Content-Length,
// Transfer-Encoding, Connection, Expect.
bool FrameMessage(RequestHead* head, HeadResult* error) {
  bool transfer_encoding = false;
  for (const auto& [name, value] : head->headers) {
    if (name == "content-length") {
      for (const std::string& token : Tokens(value)) {
        if (token.empty() || token.size() > 18 ||
            !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          *error = Refuse(400, "malformed Content-Length");
          return false;
        }
        uint64_t length = std::stoull(token);
        if (head->content_length && *head->content_length != length) {
          *error = Refuse(400, "conflicting Content-Length headers");
          return false;
        }
        head->content_length = length;
      }
      if (!head->content_length) {
        *error = Refuse(400, "malformed Content-Length");
        return false;
      }
    } else if (name == "transfer-encoding") {
      transfer_encoding = true;
      std::vector<std::string> codings = Tokens(value);
      if (codings.size() != 1 || codings[0] != "chunked" || head->chunked || head->http10) {
        *error = Refuse(501, "only Transfer-Encoding: chunked is supported");
        return false;
      }
      head->chunked = true;
    } else if (name == "connection") {
      for (const std::string& token : Tokens(value)) {
        if (token == "close") head->keep_alive = false;
        if (token == "keep-alive" && head->http10) head->keep_alive = true;
      }
    } else if (name == "expect") {
      head->expect_continue = Lower(value) == "100-continue" && !head->http10;
    }
  }
  if (transfer_encoding && head->content_length) {
    *error = Refuse(400, "both Transfer-Encoding and Content-Length");
    return false;
  }
  return true;
}

}  // namespace

std::string RequestHead::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return "";
}

size_t FindHeadEnd(std::string_view buffer) {
  // The head ends at the first empty line: "\n\n" or "\n\r\n".
  size_t pos = 0;
  while (true) {
    size_t newline = buffer.find('\n', pos);
    if (newline == std::string_view::npos) return 0;
    size_t next = newline + 1;
    if (next < buffer.size() && buffer[next] == '\n') return next + 1;
    if (next + 1 < buffer.size() && buffer[next] == '\r' && buffer[next + 1] == '\n') {
      return next + 2;
    }
    pos = next;
  }
}

HeadResult ParseHead(std::string_view text) {
  if (text.size() > kMaxHeadBytes) return Refuse(431, "request head too large");
  HeadResult result;
  RequestHead& head = result.head;
  size_t pos = 0;
  bool first = true, ended = false;
  while (pos < text.size()) {
    size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) return Refuse(400, "incomplete request head");
    std::string_view line = text.substr(pos, newline - pos);
    pos = newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return Refuse(400, "bare CR in the head");
    if (first) {
      first = false;
      if (line.empty()) return Refuse(400, "empty request line");
      if (!ParseRequestLine(line, &head, &result)) return result;
      continue;
    }
    if (line.empty()) {  // the end of the head
      ended = true;
      break;
    }
    if (line[0] == ' ' || line[0] == '\t') return Refuse(400, "folded header line");
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return Refuse(400, "malformed header");
    std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(),
                     [](char c) { return IsTokenChar(static_cast<unsigned char>(c)); })) {
      return Refuse(400, "malformed header name");
    }
    std::string_view value = Trim(line.substr(colon + 1));
    for (char c : value) {
      if (IsControl(static_cast<unsigned char>(c)) && c != '\t') {
        return Refuse(400, "control character in a header value");
      }
    }
    if (head.headers.size() >= kMaxHeaderCount) return Refuse(431, "too many header lines");
    head.headers.emplace_back(Lower(name), std::string(value));
  }
  if (!ended) return Refuse(400, "incomplete request head");
  if (head.http10) head.keep_alive = false;  // unless "Connection: keep-alive"
  if (!FrameMessage(&head, &result)) return result;
  return result;
}

bool DecodePath(std::string_view raw, std::string* out, std::string* why) {
  if (raw.empty() || raw[0] != '/') {
    *why = "the path must start with /";
    return false;
  }
  out->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      int hi = i + 1 < raw.size() ? HexValue(raw[i + 1]) : -1;
      int lo = i + 2 < raw.size() ? HexValue(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        *why = "bad percent-escape in the path";
        return false;
      }
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
      if (c == '/' || c == '\\') {
        *why = "encoded / or \\ in the path";
        return false;
      }
    } else if (c == '\\') {
      *why = "\\ in the path";
      return false;
    }
    if (IsControl(static_cast<unsigned char>(c))) {
      *why = "control character or NUL in the path";
      return false;
    }
    out->push_back(c);
  }
  size_t start = 1;
  while (start <= out->size()) {
    size_t slash = out->find('/', start);
    if (slash == std::string::npos) slash = out->size();
    std::string_view segment(out->data() + start, slash - start);
    if (segment == "." || segment == "..") {
      *why = "a . or .. segment in the path";
      return false;
    }
    start = slash + 1;
  }
  return true;
}

bool DecodeQuery(std::string_view raw, Fields* out, std::string* why) {
  size_t start = 0;
  while (start <= raw.size()) {
    size_t amp = raw.find('&', start);
    if (amp == std::string_view::npos) amp = raw.size();
    std::string_view part = raw.substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string key, value;
    if (!PercentDecode(part.substr(0, eq), true, &key) ||
        (eq != std::string_view::npos && !PercentDecode(part.substr(eq + 1), true, &value))) {
      *why = "bad percent-escape in the query";
      return false;
    }
    if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      *why = "NUL in the query";
      return false;
    }
    out->emplace_back(std::move(key), std::move(value));
  }
  return true;
}

ChunkedDecoder::Result ChunkedDecoder::Fail(std::string why) {
  error_ = std::move(why);
  return Result::kError;
}

ChunkedDecoder::Result ChunkedDecoder::Feed(std::string_view in, size_t* consumed,
                                            std::string* out) {
  size_t i = 0;
  *consumed = 0;
  while (i < in.size() && state_ != State::kDone) {
    if (state_ == State::kData) {
      size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, in.size() - i));
      out->append(in.data() + i, take);
      i += take;
      remaining_ -= take;
      if (remaining_ == 0) state_ = State::kDataEnd;
      continue;
    }
    char c = in[i++];
    if (state_ == State::kTrailer && ++trailer_bytes_ > kMaxTrailerBytes) {
      *consumed = i;
      return Fail("chunked trailers too long");
    }
    if (c != '\n') {
      line_.push_back(c);
      if (line_.size() > kMaxChunkLineBytes) {
        *consumed = i;
        return Fail("chunk line too long");
      }
      continue;
    }
    std::string_view line = line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (state_ == State::kSize) {
      std::string_view size = Trim(line.substr(0, line.find(';')));
      if (size.empty() || size.size() > 15 ||
          !std::all_of(size.begin(), size.end(), [](char h) { return HexValue(h) >= 0; })) {
        *consumed = i;
        return Fail("malformed chunk size");
      }
      remaining_ = 0;
      for (char h : size) remaining_ = remaining_ * 16 + static_cast<uint64_t>(HexValue(h));
      state_ = remaining_ == 0 ? State::kTrailer : State::kData;
    } else if (state_ == State::kDataEnd) {
      if (!line.empty()) {
        *consumed = i;
        return Fail("chunk data longer than its size");
      }
      state_ = State::kSize;
    } else if (line.empty()) {  // kTrailer: an empty line ends the body
      state_ = State::kDone;
    }
    line_.clear();
  }
  *consumed = i;
  return state_ == State::kDone ? Result::kDone : Result::kNeedMore;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

std::string ResponseHead(int status, const Fields& headers, size_t content_length,
                         bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) + "\r\n";
  for (const auto& [name, value] : headers) {
    // A header that would split the head (CR or LF) is dropped, never sent.
    if (name.find_first_of("\r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      continue;
    }
    out.append(name).append(": ").append(value).append("\r\n");
  }
  out += "Content-Length: " + std::to_string(content_length) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  return out;
}

}  // namespace ecociv::server::wire
