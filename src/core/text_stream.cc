#include "ecociv/core/text_stream.h"

#include <fcntl.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ecociv {
namespace {

// The file's bytes as they are on disk.
class RawFile {
 public:
  RawFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~RawFile() { ::close(fd_); }
  StatusOr<size_t> Read(char* dst, size_t max) {
    while (true) {
      ssize_t n = ::read(fd_, dst, max);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return DataLossError(path_ + ": read error: " + std::strerror(errno));
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_;
};

class PlainStream : public TextStream {
 public:
  explicit PlainStream(std::unique_ptr<RawFile> file) : file_(std::move(file)) {}
  StatusOr<size_t> Read(char* dst, size_t max) override { return file_->Read(dst, max); }

 private:
  std::unique_ptr<RawFile> file_;
};

constexpr size_t kPackedChunk = 1 << 16;

class XzStream : public TextStream {
 public:
  explicit XzStream(std::unique_ptr<RawFile> file) : file_(std::move(file)), in_(kPackedChunk, '\0') {}
  ~XzStream() override { lzma_end(&stream_); }
  Status Start() {
    if (lzma_stream_decoder(&stream_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
      return InternalError(file_->path() + ": cannot start xz decoder");
    }
    return Status::Ok();
  }
  StatusOr<size_t> Read(char* dst, size_t max) override {
    if (done_) return size_t{0};
    stream_.next_out = reinterpret_cast<uint8_t*>(dst);
    stream_.avail_out = max;
    while (stream_.avail_out > 0) {
      if (stream_.avail_in == 0 && !input_ended_) {
        ECOCIV_ASSIGN_OR_RETURN(size_t n, file_->Read(in_.data(), in_.size()));
        stream_.next_in = reinterpret_cast<const uint8_t*>(in_.data());
        stream_.avail_in = n;
        input_ended_ = n == 0;
      }
      lzma_ret ret = lzma_code(&stream_, input_ended_ ? LZMA_FINISH : LZMA_RUN);
      if (ret == LZMA_STREAM_END) {
        done_ = true;
        break;
      }
      if (ret != LZMA_OK) {
        return DataLossError(file_->path() + ": truncated or corrupt .xz data (xz error " +
                             std::to_string(static_cast<int>(ret)) + ")");
      }
    }
    return max - stream_.avail_out;
  }

 private:
  std::unique_ptr<RawFile> file_;
  std::string in_;
  lzma_stream stream_ = LZMA_STREAM_INIT;
  bool input_ended_ = false, done_ = false;
};

class GzStream : public TextStream {
 public:
  explicit GzStream(std::unique_ptr<RawFile> file) : file_(std::move(file)), in_(kPackedChunk, '\0') {}
  ~GzStream() override { inflateEnd(&stream_); }
  Status Start() {
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) {
      return InternalError(file_->path() + ": cannot start gzip decoder");
    }
    return Status::Ok();
  }
  StatusOr<size_t> Read(char* dst, size_t max) override {
    if (done_) return size_t{0};
    max = std::min<size_t>(max, 1u << 30);
    stream_.next_out = reinterpret_cast<Bytef*>(dst);
    stream_.avail_out = static_cast<uInt>(max);
    while (stream_.avail_out > 0) {
      if (stream_.avail_in == 0) {
        ECOCIV_ASSIGN_OR_RETURN(size_t n, file_->Read(in_.data(), in_.size()));
        if (n == 0) {
          if (member_ended_) {
            done_ = true;
            break;
          }
          return DataLossError(file_->path() + ": truncated or corrupt .gz data");
        }
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(n);
      }
      if (member_ended_) {
        // Concatenated gzip members: start the next one.
        if (inflateReset(&stream_) != Z_OK) {
          return DataLossError(file_->path() + ": truncated or corrupt .gz data");
        }
        member_ended_ = false;
      }
      int ret = inflate(&stream_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        member_ended_ = true;
        continue;
      }
      if (ret != Z_OK && ret != Z_BUF_ERROR) {
        return DataLossError(file_->path() + ": truncated or corrupt .gz data");
      }
    }
    return max - stream_.avail_out;
  }

 private:
  std::unique_ptr<RawFile> file_;
  std::string in_;
  z_stream stream_{};
  bool member_ended_ = false, done_ = false;
};

class MemoryStream : public TextStream {
 public:
  explicit MemoryStream(std::string_view text) : text_(text) {}
  StatusOr<size_t> Read(char* dst, size_t max) override {
    size_t n = std::min(max, text_.size());
    std::memcpy(dst, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view text_;
};

}  // namespace

std::unique_ptr<TextStream> TextStream::OfText(std::string_view text) {
  return std::make_unique<MemoryStream>(text);
}

size_t CountByte(std::string_view text, char c) {
  const char* p = text.data();
  const char* const end = p + text.size();
  size_t count = 0;
#ifdef __SSE2__
  // Byte counters (a match is −1, subtracted) summed every 255 chunks.
  const __m128i needle = _mm_set1_epi8(c);
  while (end - p >= 16) {
    __m128i counters = _mm_setzero_si128();
    for (int k = 0; k < 255 && end - p >= 16; ++k, p += 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(chunk, needle));
    }
    __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += size_t(_mm_cvtsi128_si32(sums)) + size_t(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; p < end; ++p) count += *p == c;
  return count;
}

StatusOr<std::unique_ptr<TextStream>> TextStream::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return NotFoundError(path + ": cannot open file");
  auto file = std::make_unique<RawFile>(path, fd);
  if (path.ends_with(".xz")) {
    auto xz = std::make_unique<XzStream>(std::move(file));
    ECOCIV_RETURN_IF_ERROR(xz->Start());
    return std::unique_ptr<TextStream>(std::move(xz));
  }
  if (path.ends_with(".gz")) {
    auto gz = std::make_unique<GzStream>(std::move(file));
    ECOCIV_RETURN_IF_ERROR(gz->Start());
    return std::unique_ptr<TextStream>(std::move(gz));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<TextStream>(std::make_unique<PlainStream>(std::move(file)));
}

namespace {

class Observed : public TextStream {
 public:
  Observed(std::unique_ptr<TextStream> inner, std::function<void(std::string_view)> observer)
      : inner_(std::move(inner)), observer_(std::move(observer)) {}
  StatusOr<size_t> Read(char* dst, size_t max) override {
    ECOCIV_ASSIGN_OR_RETURN(size_t n, inner_->Read(dst, max));
    if (n > 0) observer_(std::string_view(dst, n));
    return n;
  }

 private:
  std::unique_ptr<TextStream> inner_;
  std::function<void(std::string_view)> observer_;
};

}  // namespace

std::unique_ptr<TextStream> ObservedStream(std::unique_ptr<TextStream> stream,
                                           std::function<void(std::string_view)> observer) {
  return std::make_unique<Observed>(std::move(stream), std::move(observer));
}

CsvBlocks::CsvBlocks(std::unique_ptr<TextStream> stream, size_t block_size)
    : stream_(std::move(stream)), block_size_(std::max<size_t>(block_size, 64)) {}

Status CsvBlocks::Fill(size_t want) {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  // The buffer grows with what is actually read (doubling, up to `want`), so a
  // small file costs a small buffer, not a whole block.
  constexpr size_t kFirstBuffer = size_t{64} << 10;
  while (!eof_ && end_ < want) {
    if (end_ == buffer_.size()) {
      buffer_.resize(std::min(want, std::max(kFirstBuffer, buffer_.size() * 2)));
    }
    size_t room = std::min(want, buffer_.size()) - end_;
    ECOCIV_ASSIGN_OR_RETURN(size_t n, stream_->Read(buffer_.data() + end_, room));
    if (n == 0) eof_ = true;
    end_ += n;
  }
  return Status::Ok();
}

StatusOr<bool> CsvBlocks::Next(std::string_view* block, int64_t* first_line) {
  size_t want = block_size_;
  size_t cut = 0;
  while (true) {
    ECOCIV_RETURN_IF_ERROR(Fill(want));
    if (first_) {
      first_ = false;
      if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
    }
    if (begin_ == end_) return false;
    if (eof_) {
      cut = end_;
      break;
    }
    // The last newline outside quotes: quotes before the start are paired.
    std::string_view text(buffer_.data() + begin_, end_ - begin_);
    size_t newline = text.rfind('\n');
    size_t quotes = newline == std::string_view::npos
                        ? 0
                        : CountByte(text.substr(0, newline), '"');
    while (newline != std::string_view::npos && quotes % 2 == 1) {
      size_t before = newline == 0 ? std::string_view::npos : text.rfind('\n', newline - 1);
      if (before == std::string_view::npos) {
        newline = before;
        break;
      }
      quotes -= CountByte(text.substr(before, newline - before), '"');
      newline = before;
    }
    if (newline != std::string_view::npos) {
      cut = begin_ + newline + 1;
      break;
    }
    want = (end_ - begin_) * 2;  // one record longer than a block: read on
  }
  *block = std::string_view(buffer_.data() + begin_, cut - begin_);
  *first_line = next_line_;
  next_line_ += int64_t(CountByte(*block, '\n'));
  begin_ = cut;
  return true;
}

}  // namespace ecociv
