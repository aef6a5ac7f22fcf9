// Reading input files: whole-file reads with transparent .xz/.gz
// decompression, a CSV tokenizer, and exact number parsing.
//
// Input is read in one large block and tokenised in place: fields are
// string_views into the buffer (only quoted fields containing "" escapes are
// copied), so a 140 MB monthly release is split without per-field allocation.
// CSV follows RFC 4180: comma separated, fields optionally in double quotes,
// "" inside quotes is a quote, LF or CRLF line ends, a UTF-8 BOM is skipped.
//
// Thread safety: CsvReader is not thread-safe; separate readers over separate
// buffers may run concurrently. The free functions are thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv {

// Reads a whole file. Names ending in .xz or .gz are decompressed; a truncated
// or corrupt stream is a DataLoss error naming the file. Fails with NotFound
// when the file cannot be opened.
StatusOr<std::string> ReadTextFile(const std::string& path);

// The text of a file for reading: a plain file is memory-mapped (no copy),
// a .xz/.gz file is decompressed into memory. Move-only.
class TextBuffer {
 public:
  static StatusOr<TextBuffer> Open(const std::string& path);
  TextBuffer(TextBuffer&& other) noexcept;
  TextBuffer& operator=(TextBuffer&& other) noexcept;
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;
  ~TextBuffer();

  // The text, without a leading UTF-8 BOM.
  std::string_view view() const { return view_; }

 private:
  TextBuffer() = default;
  std::string owned_;
  void* mapping_ = nullptr;
  size_t mapping_size_ = 0;
  std::string_view view_;
};

class CsvReader {
 public:
  // `text` must outlive the reader and every field it returns.
  explicit CsvReader(std::string_view text);
  // For reading a part of a file: the first record of `text` is on line
  // `first_line` of the file.
  CsvReader(std::string_view text, int64_t first_line);

  // Splits the next record into `fields`. Returns false at end of input.
  // Blank lines are skipped. A quote left open at end of input is an error,
  // reported through status() (and NextRecord returns false).
  bool NextRecord(std::vector<std::string_view>* fields);

  // 1-based line number where the last returned record started.
  int64_t line() const { return record_line_; }
  // 1-based line number where the next record starts.
  int64_t next_line() const { return next_line_; }
  const Status& status() const { return status_; }
  // Bytes consumed so far (for progress reporting).
  size_t offset() const { return pos_; }

 private:
  bool ReadQuotedField(std::string_view* field);

  std::string_view text_;
  size_t pos_ = 0;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
  Status status_;
  // Storage for unescaped quoted fields of the current record. A deque, so
  // that adding one never moves those the returned fields already point into.
  std::deque<std::string> unescaped_;
  size_t unescaped_used_ = 0;
};

// Parses a decimal number (optionally signed, optionally with exponent) into
// an integer scaled by 10^decimals, exactly: "12.3456" with decimals=4 gives
// 123456. Digits beyond `decimals` are rounded by GB/T 8170 (half to even on
// the exact decimal digits) and *rounded_digits is set. Returns false when the
// text is not a number, when |value| ≥ 10^13 (far outside anything measured
// or reported; the bound that keeps exact arithmetic on input safe, exact.h),
// when the scaled value does not fit int64_t, when the exponent is beyond
// ±400, or when `decimals` is outside 0..18.
bool ParseScaledDecimal(std::string_view text, int decimals, int64_t* out,
                        bool* rounded_digits = nullptr);

// Parses a double with fast_float; false when the text is not a whole number token.
bool ParseDouble(std::string_view text, double* out);

// Trims ASCII spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

}  // namespace ecociv
