#include "ecociv/core/text_input.h"

#include "ecociv/core/exact.h"
#include "ecociv/core/parse_number.h"

#include <fcntl.h>
#include <lzma.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <fast_float/fast_float.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace ecociv {
namespace {

StatusOr<std::string> ReadRawFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) return NotFoundError(path + ": cannot open file");
  std::string data;
  if (std::fseek(file.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(file.get());
    if (size > 0) data.reserve(static_cast<size_t>(size));
    std::fseek(file.get(), 0, SEEK_SET);
  }
  constexpr size_t kBlock = 1 << 20;
  std::unique_ptr<char[]> block(new char[kBlock]);
  while (true) {
    size_t n = std::fread(block.get(), 1, kBlock, file.get());
    data.append(block.get(), n);
    if (n < kBlock) break;
  }
  if (std::ferror(file.get())) return DataLossError(path + ": read error");
  return data;
}

StatusOr<std::string> DecompressXz(const std::string& path, const std::string& packed) {
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    return InternalError(path + ": cannot start xz decoder");
  }
  std::string out;
  out.resize(packed.size() * 6 + (1 << 16));
  stream.next_in = reinterpret_cast<const uint8_t*>(packed.data());
  stream.avail_in = packed.size();
  size_t produced = 0;
  lzma_ret ret = LZMA_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    stream.next_out = reinterpret_cast<uint8_t*>(out.data() + produced);
    stream.avail_out = out.size() - produced;
    ret = lzma_code(&stream, LZMA_FINISH);
    produced = out.size() - stream.avail_out;
    if (ret == LZMA_STREAM_END) break;
    if (ret != LZMA_OK) break;
  }
  lzma_end(&stream);
  if (ret != LZMA_STREAM_END) {
    return DataLossError(path + ": truncated or corrupt .xz data (xz error " +
                         std::to_string(static_cast<int>(ret)) + ")");
  }
  out.resize(produced);
  return out;
}

StatusOr<std::string> DecompressGz(const std::string& path, const std::string& packed) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return InternalError(path + ": cannot start gzip decoder");
  }
  std::string out;
  out.resize(packed.size() * 6 + (1 << 16));
  size_t produced = 0;
  size_t consumed = 0;
  int ret = Z_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data() + consumed));
    stream.avail_in = static_cast<uInt>(std::min<size_t>(packed.size() - consumed, 1u << 30));
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - produced, 1u << 30));
    size_t in_before = stream.avail_in, out_before = stream.avail_out;
    ret = inflate(&stream, Z_NO_FLUSH);
    consumed += in_before - stream.avail_in;
    produced += out_before - stream.avail_out;
    if (ret == Z_STREAM_END) {
      if (consumed == packed.size()) break;
      // Concatenated gzip members: start the next one.
      if (inflateReset(&stream) != Z_OK) break;
      continue;
    }
    if (ret != Z_OK && ret != Z_BUF_ERROR) break;
    if (ret == Z_BUF_ERROR && consumed == packed.size() && stream.avail_out > 0) break;
  }
  inflateEnd(&stream);
  if (ret != Z_STREAM_END) {
    return DataLossError(path + ": truncated or corrupt .gz data");
  }
  out.resize(produced);
  return out;
}

}  // namespace

StatusOr<std::string> ReadTextFile(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string raw, ReadRawFile(path));
  std::string text;
  if (path.ends_with(".xz")) {
    ECOCIV_ASSIGN_OR_RETURN(text, DecompressXz(path, raw));
  } else if (path.ends_with(".gz")) {
    ECOCIV_ASSIGN_OR_RETURN(text, DecompressGz(path, raw));
  } else {
    text = std::move(raw);
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return text;
}

StatusOr<TextBuffer> TextBuffer::Open(const std::string& path) {
  TextBuffer buffer;
  if (path.ends_with(".xz") || path.ends_with(".gz")) {
    ECOCIV_ASSIGN_OR_RETURN(buffer.owned_, ReadTextFile(path));
    buffer.view_ = buffer.owned_;
    return buffer;
  }
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return NotFoundError(path + ": cannot open file");
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    // Not a regular file (a pipe, a device): read it the ordinary way.
    ECOCIV_ASSIGN_OR_RETURN(buffer.owned_, ReadTextFile(path));
    buffer.view_ = buffer.owned_;
    return buffer;
  }
  if (info.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      ::close(fd);
      return DataLossError(path + ": cannot map file");
    }
    ::madvise(map, static_cast<size_t>(info.st_size), MADV_SEQUENTIAL);
    buffer.mapping_ = map;
    buffer.mapping_size_ = static_cast<size_t>(info.st_size);
    buffer.view_ = std::string_view(static_cast<const char*>(map), buffer.mapping_size_);
  }
  ::close(fd);
  if (buffer.view_.size() >= 3 && buffer.view_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    buffer.view_.remove_prefix(3);
  }
  return buffer;
}

TextBuffer::TextBuffer(TextBuffer&& other) noexcept { *this = std::move(other); }

TextBuffer& TextBuffer::operator=(TextBuffer&& other) noexcept {
  if (this == &other) return *this;
  if (mapping_) ::munmap(mapping_, mapping_size_);
  bool points_into_owned = other.mapping_ == nullptr;
  owned_ = std::move(other.owned_);
  mapping_ = other.mapping_;
  mapping_size_ = other.mapping_size_;
  view_ = points_into_owned ? std::string_view(owned_) : other.view_;
  other.mapping_ = nullptr;
  other.mapping_size_ = 0;
  other.view_ = {};
  return *this;
}

TextBuffer::~TextBuffer() {
  if (mapping_) ::munmap(mapping_, mapping_size_);
}

CsvReader::CsvReader(std::string_view text) : text_(text) {}

CsvReader::CsvReader(std::string_view text, int64_t first_line)
    : text_(text), next_line_(first_line) {}

bool CsvReader::ReadQuotedField(std::string_view* field) {
  // pos_ is just past the opening quote.
  size_t start = pos_;
  bool has_escape = false;
  while (true) {
    size_t q = text_.find('"', pos_);
    if (q == std::string_view::npos) {
      status_ = InvalidArgumentError("line " + std::to_string(record_line_) +
                                     ": quoted field is not closed");
      return false;
    }
    for (size_t i = pos_; i < q; ++i) {
      if (text_[i] == '\n') ++next_line_;
    }
    if (q + 1 < text_.size() && text_[q + 1] == '"') {
      has_escape = true;
      pos_ = q + 2;
      continue;
    }
    pos_ = q + 1;
    std::string_view raw = text_.substr(start, q - start);
    if (!has_escape) {
      *field = raw;
    } else {
      if (unescaped_used_ == unescaped_.size()) unescaped_.emplace_back();
      std::string& buf = unescaped_[unescaped_used_++];
      buf.clear();
      for (size_t i = 0; i < raw.size(); ++i) {
        buf.push_back(raw[i]);
        if (raw[i] == '"') ++i;  // skip the second quote of ""
      }
      *field = buf;
    }
    return true;
  }
}

bool CsvReader::NextRecord(std::vector<std::string_view>* fields) {
  fields->clear();
  unescaped_used_ = 0;
  if (!status_.ok()) return false;
  // Skip blank lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++next_line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = next_line_;
  // Fast path: one pass over a line without quotes, 16 bytes at a time: the
  // separators of a chunk are found together, then visited bit by bit.
  {
    const char* const start = text_.data() + pos_;
    const char* const end_of_text = text_.data() + text_.size();
    const char* field = start;
    const char* p = start;
    const char* line_end = nullptr;
    bool quoted = false;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n'),
                  quote = _mm_set1_epi8('"');
    while (line_end == nullptr && !quoted && end_of_text - p >= 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      unsigned mask = unsigned(_mm_movemask_epi8(_mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(chunk, comma), _mm_cmpeq_epi8(chunk, newline)),
          _mm_cmpeq_epi8(chunk, quote))));
      while (mask != 0) {
        const char* q = p + __builtin_ctz(mask);
        mask &= mask - 1;
        if (*q == ',') {
          fields->emplace_back(field, q - field);
          field = q + 1;
        } else if (*q == '\n') {
          line_end = q;
          break;
        } else {
          quoted = true;
          break;
        }
      }
      p += 16;
    }
    if (line_end != nullptr) p = line_end;
#endif
    if (line_end == nullptr && !quoted) {
      for (; p < end_of_text; ++p) {
        char c = *p;
        if (c == ',') {
          fields->emplace_back(field, p - field);
          field = p + 1;
        } else if (c == '\n') {
          break;
        } else if (c == '"') {
          quoted = true;
          break;
        }
      }
    }
    if (!quoted) {
      std::string_view last(field, p - field);
      if (!last.empty() && last.back() == '\r') last.remove_suffix(1);
      fields->push_back(last);
      if (p < end_of_text) {
        ++p;  // past the newline
        ++next_line_;
      }
      pos_ = p - text_.data();
      return true;
    }
    fields->clear();  // a quote: start the record again on the general path
  }
  while (true) {
    std::string_view field;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      if (!ReadQuotedField(&field)) return false;
      // Anything between the closing quote and the separator is kept out.
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
    } else {
      size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') ++pos_;
      field = text_.substr(start, pos_ - start);
      if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
    }
    fields->push_back(field);
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == ',') {
      ++pos_;
      if (pos_ >= text_.size()) {
        fields->push_back(std::string_view());
        return true;
      }
      continue;
    }
    // Newline ends the record.
    ++pos_;
    ++next_line_;
    return true;
  }
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool ParseDouble(std::string_view text, double* out) {
  text = TrimSpaces(text);
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  auto result = fast_float::from_chars(first, text.data() + text.size(), *out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(*out);
}

namespace {

// Values are below 10^13 in magnitude (at most 13 digits before the point):
// far outside any measured or reported quantity, and small enough that sums
// and products of a few such values stay inside exact 128-bit arithmetic.
constexpr int kMaxIntegerDigits = 13;
constexpr int64_t kMaxIntegerPart = 10000000000000;  // 10^13
// Exponents beyond this describe values far outside that bound (or 0).
constexpr int64_t kMaxExponent = 400;

// `whole` (a scaled magnitude) as the signed result, if it fits int64_t.
bool StoreScaled(int128 whole, bool negative, int64_t* out) {
  if (whole > INT64_MAX) return false;
  *out = static_cast<int64_t>(negative ? -whole : whole);
  return true;
}

// The exponent of "1e5", "1E+5", "1e-5": a bounded whole number.
bool ParseExponent(std::string_view text, int* exponent) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  int64_t value = 0;
  if (!ParseIntegerInRange(text, -kMaxExponent, kMaxExponent, &value)) return false;
  *exponent = static_cast<int>(value);
  return true;
}

// Slow path for exponents and very long mantissas: validate with fast_float,
// then work on the exact decimal digits.
bool ParseScaledDecimalSlow(std::string_view text, int decimals, int64_t* out,
                            bool* rounded_digits) {
  double as_double;
  if (!ParseDouble(text, &as_double)) return false;  // the syntax
  size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') negative = text[i++] == '-';
  std::string digits;
  int exponent = 0;  // value = digits × 10^exponent
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c == 'e' || c == 'E') {
      int written = 0;
      if (!ParseExponent(text.substr(i + 1), &written)) return false;
      exponent += written;
      break;
    } else {
      return false;
    }
  }
  // |value| < 10^13: at most 13 digits before the point.
  size_t first_significant = digits.find_first_not_of('0');
  if (first_significant != std::string::npos &&
      static_cast<int64_t>(digits.size() - first_significant) + exponent > kMaxIntegerDigits) {
    return false;
  }
  // With decimals ≤ 18, digits × 10^shift stays below 10^31 and fits int128.
  int shift = exponent + decimals;  // value × 10^decimals = digits × 10^shift
  int128 whole = 0;
  size_t keep = digits.size();
  if (shift < 0) {
    keep = static_cast<size_t>(std::max<int>(0, static_cast<int>(digits.size()) + shift));
  }
  for (size_t k = 0; k < keep; ++k) whole = whole * 10 + (digits[k] - '0');
  for (int k = 0; k < shift && whole != 0; ++k) whole *= 10;
  if (keep < digits.size()) {
    // When every digit lies more than one place below the last kept decimal
    // (8.4E-6 at 4 decimals), the first dropped digit is an implicit 0.
    bool below = static_cast<int64_t>(digits.size()) + shift < 0;
    char first_dropped = below ? '0' : digits[keep];
    bool rest_nonzero = digits.find_first_not_of('0', below ? 0 : keep + 1) != std::string::npos;
    if (first_dropped > '5' || (first_dropped == '5' && rest_nonzero) ||
        (first_dropped == '5' && !rest_nonzero && whole % 2 == 1)) {
      ++whole;
    }
    if (rounded_digits) *rounded_digits = first_dropped != '0' || rest_nonzero;
  }
  return StoreScaled(whole, negative, out);
}

}  // namespace

bool ParseScaledDecimal(std::string_view text, int decimals, int64_t* out, bool* rounded_digits) {
  if (rounded_digits) *rounded_digits = false;
  // Fastest path, the common measured value: up to 12 plain digits with at
  // most one point and no more fraction digits than `decimals` (≤ 6), so the
  // result fits int64 without checks.
  if (text.size() <= 12 && decimals >= 0 && decimals <= 6 && !text.empty()) {
    static constexpr int64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    int64_t value = 0;
    int fraction = -1;  // digits after the point, -1 without a point
    size_t i = 0;
    for (; i < text.size(); ++i) {
      unsigned digit = unsigned(text[i]) - '0';
      if (digit <= 9) {
        value = value * 10 + digit;
        if (fraction >= 0) ++fraction;
      } else if (text[i] == '.' && fraction < 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    const size_t digits = text.size() - (fraction >= 0 ? 1 : 0);
    if (i == text.size() && digits > 0 && fraction <= decimals && digits - std::max(fraction, 0) <= 12) {
      *out = value * kScale[decimals - std::max(fraction, 0)];
      return true;
    }
  }
  text = TrimSpaces(text);
  if (text.empty() || decimals < 0 || decimals > 18) return false;
  // Fast path: [-+]digits[.digits] with at most `decimals` fraction digits
  // and at most 15 digits in all: exact fixed-point accumulation.
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++i;
  }
  int64_t value = 0;
  int total_digits = 0, fraction_digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (++total_digits <= 15) value = value * 10 + (c - '0');  // longer: the slow path
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (i == text.size() && total_digits > 0 && total_digits <= 15 && fraction_digits <= decimals) {
    if (value / Pow10(fraction_digits) >= kMaxIntegerPart) return false;
    return StoreScaled(int128(value) * Pow10(decimals - fraction_digits), negative, out);
  }
  return ParseScaledDecimalSlow(text, decimals, out, rounded_digits);
}

}  // namespace ecociv
