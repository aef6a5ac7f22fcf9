// Reading a text file front to back in bounded pieces, for readers whose
// memory must not grow with the file: plain files are read with read(2) into
// one reused buffer (never mapped, so the file's pages do not count against
// the process), .xz and .gz files are decompressed as they are read.
//
// CsvBlocks cuts the stream into blocks of whole CSV records: a block ends
// just after a newline that has an even number of quote characters before it
// in the stream (RFC 4180 quotes open, close and escape in pairs), so a cut
// never falls inside a quoted field. Each block knows the file line its first
// record starts on, so errors still name file:line.
//
// Thread safety: neither class is thread-safe; a block's text may be read from
// other threads until the next call to Next().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv {

// How many times `c` occurs in `text` (16 bytes at a time: blocks of many
// megabytes are counted for their lines and quotes).
size_t CountByte(std::string_view text, char c);

class TextStream {
 public:
  // NotFound when the file cannot be opened.
  static StatusOr<std::unique_ptr<TextStream>> Open(const std::string& path);
  // Text already in memory (it must outlive the stream).
  static std::unique_ptr<TextStream> OfText(std::string_view text);
  virtual ~TextStream() = default;
  // Up to `max` bytes into `dst`; 0 at the end. A read error or a truncated
  // or corrupt .xz/.gz stream is a DataLoss error naming the file.
  virtual StatusOr<size_t> Read(char* dst, size_t max) = 0;
};

// A stream that hands every byte it reads to `observer` as well, in order
// (an import digests a file while it is parsed instead of holding its text).
std::unique_ptr<TextStream> ObservedStream(std::unique_ptr<TextStream> stream,
                                           std::function<void(std::string_view)> observer);

class CsvBlocks {
 public:
  // Blocks of about `block_size` bytes (longer only when one record is).
  CsvBlocks(std::unique_ptr<TextStream> stream, size_t block_size);

  // The next block (without a leading UTF-8 BOM at the start of the file):
  // false at the end. `block` stays valid until the next call.
  StatusOr<bool> Next(std::string_view* block, int64_t* first_line);

 private:
  Status Fill(size_t want);

  std::unique_ptr<TextStream> stream_;
  size_t block_size_;
  std::string buffer_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buffer_[begin_, end_)
  bool eof_ = false;
  bool first_ = true;
  int64_t next_line_ = 1;
};

}  // namespace ecociv
