// TextDigest: the content digest of an import's text computed from the
// pieces a reader reads (internal), so the file's text need not be held.
//
// The digest is that of ImportSource for a CSV file that is UTF-8: the
// SHA-256 of its (decompressed) bytes. Whether the whole text is valid UTF-8
// is checked piece by piece (a piece may end inside a character); a file that
// is not must be imported from its converted text instead (ImportSource).
//
// Thread safety: one object per thread.
#pragma once

#include <string>
#include <string_view>

#include "ecociv/core/status.h"
#include "ecociv/store/digest.h"

namespace ecociv::store {

class TextDigest {
 public:
  void Add(std::string_view piece);
  // Hex SHA-256 of all the pieces; false in *utf8 when they are not UTF-8.
  std::string Finish(bool* utf8);

 private:
  Sha256 hash_;
  std::string pending_;  // the last piece's trailing, possibly incomplete, character
  bool utf8_ = true;
};

// The first `max` bytes of a (possibly compressed) text file, or fewer when
// it is shorter: *whole says so.
StatusOr<std::string> ReadTextPrefix(const std::string& path, size_t max, bool* whole);

}  // namespace ecociv::store
