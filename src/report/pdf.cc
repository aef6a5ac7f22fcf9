// HTML to PDF through headless Chromium (report/pdf.h).
#include "ecociv/report/pdf.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace ecociv::report {

namespace {

bool Executable(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A temporary folder removed when this goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ecociv-pdf-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string LastLines(const std::string& text, int lines) {
  size_t at = text.size();
  for (int i = 0; i <= lines && at != std::string::npos && at > 0; ++i) {
    at = text.rfind('\n', at - 1);
  }
  return at == std::string::npos ? text : text.substr(at + 1);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string FindChromium() {
  if (const char* forced = std::getenv("ECOCIV_CHROMIUM"); forced != nullptr && *forced) {
    return Executable(forced) ? forced : "";
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::stringstream split(dirs);
    for (std::string dir; std::getline(split, dir, ':');) {
      if (!dir.empty() && Executable(dir + "/" + name)) return dir + "/" + name;
    }
  }
  return "";
}

StatusOr<std::string> HtmlToPdf(const std::string& html, int timeout_seconds) {
  const std::string browser = FindChromium();
  if (browser.empty()) {
    return FailedPreconditionError(
        "PDF output needs Debian's chromium (scripts/setup installs it; or set "
        "ECOCIV_CHROMIUM to a Chromium binary)");
  }
  TempDir dir;
  if (dir.path().empty()) return InternalError("cannot create a temporary folder for the PDF");
  const std::string input = dir.path() + "/document.html";
  const std::string output = dir.path() + "/document.pdf";
  const std::string log = dir.path() + "/chromium.log";
  {
    std::ofstream out(input, std::ios::binary);
    out << html;
    if (!out) return InternalError("cannot write " + input);
  }
  std::vector<std::string> argv = {browser,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + dir.path() + "/profile",
                                   "--print-to-pdf=" + output,
                                   "file://" + input};
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return InternalError("cannot start " + browser);
  if (pid == 0) {
    // The child: its own process group (so a timeout stops its helpers too),
    // output to the log, HOME inside the temporary folder.
    ::setpgid(0, 0);
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    if (f != nullptr) ::dup2(::fileno(stdout), 2);
    ::setenv("HOME", dir.path().c_str(), 1);
    ::execv(browser.c_str(), args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return InternalError("lost the browser process");
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return InternalError("the browser made no PDF within " + std::to_string(timeout_seconds) +
                           " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Helpers the browser left behind end with it.
  ::kill(-pid, SIGKILL);
  const std::string pdf = ReadAll(output);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || pdf.rfind("%PDF-", 0) != 0) {
    return InternalError(browser + " made no PDF (exit " +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                         "): " + LastLines(ReadAll(log), 3));
  }
  return pdf;
}

}  // namespace ecociv::report
