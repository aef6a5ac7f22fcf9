#include "static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "ecociv/core/embedded_files.h"

const ecociv::EmbeddedFile* EmbeddedWebUi(size_t* count);

namespace ecociv::server {
namespace {

const char* MimeType(const std::string& path) {
  static const std::map<std::string, const char*, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}};
  size_t dot = path.rfind('.');
  if (dot != std::string::npos) {
    auto it = kTypes.find(path.substr(dot));
    if (it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

// The path with every link resolved, or "" (errno set) when it cannot be.
std::string RealPath(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return "";
  std::string out(resolved);
  std::free(resolved);
  return out;
}

bool Inside(const std::string& real, const std::string& root) {
  return real.size() > root.size() && real.compare(0, root.size(), root) == 0 &&
         real[root.size()] == '/';
}

// Whether `path` ("assets/app.js") is made of plain names only.
bool PlainSegments(const std::string& path) {
  if (path.empty()) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string_view segment(path.data() + start, slash - start);
    if (segment.empty() || segment[0] == '.') return false;
    for (char c : segment) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f || c == '\\') return false;
    }
    start = slash + 1;
  }
  return true;
}

}  // namespace

StatusOr<StaticFiles> StaticFiles::Create(const std::string& public_dir,
                                          std::vector<std::string> never_serve) {
  StaticFiles files;
  if (public_dir.empty()) {
    size_t n = 0;
    const EmbeddedFile* embedded = EmbeddedWebUi(&n);
    for (size_t i = 0; i < n; ++i) {
      files.embedded_[embedded[i].path] = std::string_view(embedded[i].data, embedded[i].size);
    }
    return files;
  }
  struct stat info;
  files.root_ = RealPath(public_dir);
  if (files.root_.empty() || ::stat(files.root_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return InvalidArgumentError("--public-dir " + public_dir + ": not a folder");
  }
  if (files.root_ == "/") {
    return InvalidArgumentError("--public-dir " + public_dir +
                                ": the root folder would serve the whole machine");
  }
  for (const std::string& path : never_serve) {
    std::string real = RealPath(path);
    if (!real.empty() && Inside(real, files.root_)) {
      return InvalidArgumentError("--public-dir " + public_dir + " holds the database " + path +
                                  "; keep the database outside the folder served");
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      files.never_serve_.push_back(path + suffix);
    }
  }
  return files;
}

StatusOr<StaticFiles::File> StaticFiles::Get(const std::string& path) const {
  if (path.empty() || path[0] != '/') return InvalidArgumentError("bad path");
  std::string relative = path == "/" ? "index.html" : path.substr(1);
  if (!PlainSegments(relative)) return InvalidArgumentError("bad path");
  bool missing = false;
  auto body = Lookup(relative, &missing);
  if (!body.ok() && missing) {
    // The interface routes in the browser: unknown paths get the page.
    relative = "index.html";
    body = Lookup(relative, &missing);
    if (!body.ok() && missing) {
      return NotFoundError("the web interface is not built into this binary (make web)");
    }
  }
  if (!body.ok()) return body.status();
  File file;
  file.body = std::move(*body);
  file.content_type = MimeType(relative);
  file.cacheable = relative.rfind("assets/", 0) == 0;
  return file;
}

StatusOr<std::string> StaticFiles::Lookup(const std::string& relative, bool* missing) const {
  *missing = false;
  if (!root_.empty()) return ReadFromFolder(relative, missing);
  auto it = embedded_.find(relative);
  if (it == embedded_.end()) {
    *missing = true;
    return NotFoundError("not found");
  }
  return std::string(it->second);
}

StatusOr<std::string> StaticFiles::ReadFromFolder(const std::string& relative,
                                                  bool* missing) const {
  const Status refused = NotFoundError("not served");
  std::string real = RealPath(root_ + "/" + relative);
  if (real.empty()) {
    *missing = errno == ENOENT || errno == ENOTDIR;
    return refused;
  }
  if (!Inside(real, root_)) return refused;  // a link out of the folder
  int fd = ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return refused;
  struct stat info {};
  bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (!regular || info.st_size > static_cast<off_t>(kMaxStaticFileBytes)) {
    ::close(fd);
    // A folder is not a file: its path routes in the browser like an unknown one.
    *missing = S_ISDIR(info.st_mode);
    return refused;
  }
  for (const std::string& path : never_serve_) {
    struct stat db;
    if (::stat(path.c_str(), &db) == 0 && db.st_dev == info.st_dev && db.st_ino == info.st_ino) {
      ::close(fd);
      return refused;
    }
  }
  // Read at most the cap (the file may grow while it is read).
  std::string body(static_cast<size_t>(info.st_size), '\0');
  size_t got = 0;
  while (got < body.size()) {
    ssize_t n = ::read(fd, body.data() + got, body.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  body.resize(got);
  return body;
}

}  // namespace ecociv::server
