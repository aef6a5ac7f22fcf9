#include "text_digest.h"

#include "ecociv/core/text_encoding.h"
#include "ecociv/core/text_stream.h"

namespace ecociv::store {

namespace {

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

// Pieces are checked cut just before a byte that starts a character: UTF-8
// text is valid exactly when every such piece is, so only the bytes from the
// last such cut are carried over to the next piece.
void TextDigest::Add(std::string_view piece) {
  hash_.Update(piece);
  if (!utf8_ || piece.empty()) return;
  size_t first = 0;  // the first byte of piece that starts a character
  while (first < piece.size() && first < 4 && Continuation(piece[first])) ++first;
  if (first == piece.size()) {  // all continuation bytes
    pending_.append(piece);
    if (pending_.size() > 4) utf8_ = false;
    return;
  }
  if (!pending_.empty() || first > 0) {
    pending_.append(piece.substr(0, first));
    utf8_ = IsValidUtf8(pending_);
    pending_.clear();
    if (!utf8_) return;
  }
  size_t last = piece.size() - 1;  // the last byte that starts a character
  while (last > first && Continuation(piece[last])) --last;
  utf8_ = IsValidUtf8(piece.substr(first, last - first));
  pending_.assign(piece.substr(last));
}

std::string TextDigest::Finish(bool* utf8) {
  *utf8 = utf8_ && IsValidUtf8(pending_);
  return ToHex(hash_.Finish());
}

StatusOr<std::string> ReadTextPrefix(const std::string& path, size_t max, bool* whole) {
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<TextStream> stream, TextStream::Open(path));
  std::string prefix(max, '\0');
  size_t filled = 0;
  *whole = false;
  while (filled < max) {
    ECOCIV_ASSIGN_OR_RETURN(size_t n, stream->Read(prefix.data() + filled, max - filled));
    if (n == 0) {
      *whole = true;
      break;
    }
    filled += n;
  }
  prefix.resize(filled);
  return prefix;
}

}  // namespace ecociv::store
