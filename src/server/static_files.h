// Internal to the server: the files of the web interface — the copy embedded
// in the binary, or a folder given with `ecociv serve --public-dir DIR`.
//
// From a folder, only a regular file whose real path (every symbolic link
// resolved) lies inside the folder's real path is served, of at most
// kMaxStaticFileBytes, and never the database or its -wal/-shm/-journal
// files (compared by device and inode, so a hard link is refused too); a
// folder that holds the database is refused when the server is made. A
// request path is served only when each of its segments is a plain name: no
// empty segment ("//etc/passwd"), no "." or ".." and no leading dot (hidden
// files), no backslash, NUL or control byte. Percent-decoding happens once,
// before this (http_wire.h), so "%2e%2e" and "%2f" never reach a file name.
//
// Unknown paths get index.html (the interface routes in the browser);
// a path refused or a file that exists but may not be served is NotFound or
// InvalidArgument, never the fallback page.
//
// Thread safety: Get may be called from many threads at once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::server {

// The largest file served from --public-dir (the built interface's largest
// file is a few hundred KiB).
inline constexpr size_t kMaxStaticFileBytes = 16 << 20;

class StaticFiles {
 public:
  struct File {
    std::string body;
    std::string content_type;
    bool cacheable = false;  // under assets/ (file names carry a content hash)
  };

  // `public_dir` empty: the embedded interface. Else the folder (it must
  // exist); `never_serve` lists files never to be served (the database).
  static StatusOr<StaticFiles> Create(const std::string& public_dir,
                                      std::vector<std::string> never_serve);

  // The file for a decoded request path ("/", "/assets/app.js"):
  // InvalidArgument for a path refused by the rules above, NotFound for a
  // file that may not be served (or when no interface is built in).
  StatusOr<File> Get(const std::string& path) const;

 private:
  // Reads `relative` from the folder; *missing when it does not exist.
  StatusOr<std::string> ReadFromFolder(const std::string& relative, bool* missing) const;
  StatusOr<std::string> Lookup(const std::string& relative, bool* missing) const;

  std::string root_;  // the folder's real path; "" for the embedded copy
  std::vector<std::string> never_serve_;
  std::map<std::string, std::string_view, std::less<>> embedded_;
};

}  // namespace ecociv::server
