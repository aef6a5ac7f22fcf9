// What a client sends before any login, and what an error or a CSV export
// writes: request heads, paths and queries, chunked bodies (the server's
// http_wire), QuoteForMessage and CsvCell. Checked properties, not only the
// absence of crashes: a head that parses names a decoded path with no NUL,
// control byte, "." or ".." segment and never both framings; a chunked body
// never decodes to more than it was sent; a quoted message is short, one line
// and valid UTF-8; a CSV cell reads back as the text (with a leading ' only
// for formula text).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../src/server/http_wire.h"
#include "ecociv/core/csv_writer.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "fuzz_util.h"

namespace {

namespace wire = ecociv::server::wire;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool ValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void Head(std::string_view text) {
  size_t end = wire::FindHeadEnd(text);
  wire::HeadResult r = wire::ParseHead(end > 0 ? text.substr(0, end) : text);
  if (!r.ok()) {
    Check(r.error_status >= 400 && r.error_status < 600 && !r.error.empty());
    return;
  }
  const std::string& path = r.head.path;
  Check(!path.empty() && path[0] == '/');
  for (char c : path) Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '\\');
  Check(path.find("/../") == std::string::npos && path.find("/./") == std::string::npos);
  Check(path != "/." && path != "/.." && !path.ends_with("/..") && !path.ends_with("/."));
  Check(!(r.head.chunked && r.head.content_length));
  for (const auto& [key, value] : r.head.query) {
    Check(key.find('\0') == std::string::npos && value.find('\0') == std::string::npos);
  }
}

void Chunked(std::string_view text, uint8_t piece) {
  wire::ChunkedDecoder decoder;
  std::string body;
  size_t step = piece % 16 + 1, pos = 0;
  auto result = wire::ChunkedDecoder::Result::kNeedMore;
  while (pos < text.size() && result == wire::ChunkedDecoder::Result::kNeedMore) {
    size_t used = 0;
    result = decoder.Feed(text.substr(pos, step), &used, &body);
    Check(used <= step);
    pos += used;
    if (used == 0 && result == wire::ChunkedDecoder::Result::kNeedMore) break;
  }
  Check(body.size() <= text.size());
}

void Texts(std::string_view text) {
  std::string quoted = ecociv::QuoteForMessage(text);
  Check(quoted.size() <= 4 * ecociv::kMaxQuotedBytes + 40);
  Check(quoted.find('\0') == std::string::npos && quoted.find('\n') == std::string::npos);
  Check(ValidUtf8(quoted));
  std::string cell = ecociv::CsvCell(text) + "\n";
  ecociv::CsvReader reader(cell);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) return;  // a blank text: a blank line
  Check(fields.size() == 1);
  bool formula = !text.empty() &&
                 std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos &&
                 !ecociv::IsCsvNumber(text);
  Check(fields[0] == (formula ? "'" + std::string(text) : std::string(text)) ||
        text.find_first_of("\r\n") != std::string_view::npos);  // line ends may be normalised
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ecociv::fuzz::Split in = ecociv::fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  switch (in.mode % 3) {
    case 0:
      Head(text);
      break;
    case 1:
      Chunked(text, in.mode);
      break;
    default:
      Texts(text);
      break;
  }
  return 0;
}
