// The HTTP layer's limits against real clients on loopback: slow clients,
// connections per address, bodies refused before they are read, and the
// --public-dir rules over the wire. Timeouts are configured small so that the
// tests stay short; assertions on time are generous bounds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "ecociv/server/accounts.h"
#include "ecociv/server/http_server.h"
#include "ecociv/warning/workflow.h"

namespace ecociv::server {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A blocking loopback socket whose reads give up after 5 s.
int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  timeval five{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
  return fd;
}

bool Send(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Everything the server sends until it closes (or 5 s pass).
std::string ReadToEnd(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) out.append(buffer, n);
  return out;
}

// One exchange on a fresh connection: `request`, then all the server says.
std::string Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  if (fd < 0) return "";
  Send(fd, request);
  std::string answer = ReadToEnd(fd);
  ::close(fd);
  return answer;
}

int StatusOf(const std::string& answer) {
  return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.c_str() + 9) : 0;
}

// A server on a free loopback port, stopped and joined on destruction.
class Running {
 public:
  Running(const std::string& db_path, ServerOptions so) : Running(Options(db_path), so) {}
  Running(const ApiOptions& options, ServerOptions so) {
    auto api = Api::Create(options);
    EXPECT_TRUE(api.ok()) << api.status().ToString();
    so.port = 0;
    auto server = HttpServer::Create(std::move(*api), so);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    port_ = server_->Bind().value();
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  ~Running() {
    server_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  static ApiOptions Options(const std::string& db_path) {
    ApiOptions options;
    options.db_path = db_path;
    return options;
  }

 private:
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::thread thread_;
};

namespace fs = std::filesystem;

// A database with the schema and one analyst, logged in; no data (these
// tests are about the HTTP layer, not the routes).
class HttpLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("ecociv_http_limits." + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "t.db").string();
    store::OpenOptions open;
    open.create = true;
    auto db = store::OpenDatabase(db_path_, open);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(AddUser(db->get(), "analyst", Role::kAnalyst, "", "correct horse battery",
                        store::Actor{"test", ""})
                    .ok());
    auto session = Login(db->get(), "analyst", "correct horse battery", "127.0.0.1");
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    cookie_ = std::string(kSessionCookie) + "=" + session->id;
    csrf_ = session->csrf;
    ASSERT_TRUE(AddUser(db->get(), "admin", Role::kAdmin, "", "correct horse battery",
                        store::Actor{"test", ""})
                    .ok());
    auto admin = Login(db->get(), "admin", "correct horse battery", "127.0.0.1");
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_cookie_ = std::string(kSessionCookie) + "=" + admin->id;
    admin_csrf_ = admin->csrf;
    // One warning, so the webhook outbox has a due notification.
    warning::Finding f;
    f.kind = "water";
    f.rule_set = "warning-test";
    f.subject = f.subject_name = "S1";
    f.level = "yellow";
    f.level_name = "黄色预警";
    f.rank = 1;
    f.trigger = "t";
    f.figures = "{}";
    f.period = "2026-03";
    ASSERT_TRUE(warning::RecordEvaluation(db->get(), "warning-test", {f}, {},
                                          DaysFromCivil({2026, 4, 1}), {}, 1790000000)
                    .ok());
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static inline fs::path dir_;
  static inline std::string db_path_, cookie_, csrf_, admin_cookie_, admin_csrf_;
};

// The head of a GET of the session, without its closing blank line.
constexpr const char* kSessionGet = "GET /api/v1/session HTTP/1.1\r\nHost: x\r\n";

// Twenty clients sending a header line every 100 ms hold sockets, not
// workers: the server (two workers) keeps answering, and cuts each of them
// off with 408 at the head deadline.
TEST_F(HttpLimitsTest, SlowClientsDoNotStopTheServerAnswering) {
  ServerOptions so;
  so.threads = 2;
  so.limits.header_timeout = 1s;
  Running server(db_path_, so);
  std::atomic<int> cut_off{0};
  std::vector<std::thread> slow;
  for (int i = 0; i < 20; ++i) {
    slow.emplace_back([&] {
      int fd = Connect(server.port());
      ASSERT_GE(fd, 0);
      Send(fd, "GET /api/v1/session HTTP/1.1\r\n");
      for (int line = 0; line < 20; ++line) {
        std::this_thread::sleep_for(100ms);
        if (!Send(fd, "X-Slow: " + std::to_string(line) + "\r\n")) break;
      }
      std::string answer = ReadToEnd(fd);
      if (StatusOf(answer) == 408) ++cut_off;
      ::close(fd);
    });
  }
  std::this_thread::sleep_for(200ms);  // every slow client is connected and sending
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) {
    std::string answer =
        Exchange(server.port(), std::string(kSessionGet) + "Connection: close\r\n\r\n");
    EXPECT_EQ(StatusOf(answer), 200) << answer.substr(0, 200);
  }
  EXPECT_LT(Clock::now() - start, 3s);  // milliseconds in practice
  for (std::thread& t : slow) t.join();
  EXPECT_EQ(cut_off.load(), 20);
}

// Beyond max_connections_per_address a client gets 503 with Retry-After and
// is closed; once one of its connections ends it is served again.
TEST_F(HttpLimitsTest, ConnectionsPerAddressAreLimited) {
  ServerOptions so;
  so.threads = 2;
  so.limits.max_connections_per_address = 3;
  Running server(db_path_, so);
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(Connect(server.port()));
  std::string refused = Exchange(server.port(), std::string(kSessionGet) + "\r\n");
  EXPECT_EQ(StatusOf(refused), 503) << refused;
  EXPECT_NE(refused.find("Retry-After: 5\r\n"), std::string::npos);
  EXPECT_NE(refused.find("\"code\":\"UNAVAILABLE\""), std::string::npos);
  ::close(held.back());
  held.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    std::this_thread::sleep_for(20ms);  // the server notices the close
    status = StatusOf(
        Exchange(server.port(), "GET /api/v1/session HTTP/1.1\r\nConnection: close\r\n\r\n"));
  }
  EXPECT_EQ(status, 200);
  for (int fd : held) ::close(fd);
}

// A body over its route's limit is refused from the head, before a byte of it
// is read: 16 KiB without a session whatever the route, the route's limit
// with one; a chunked body is cut off as it passes the limit.
TEST_F(HttpLimitsTest, BodiesAreRefusedBeforeTheyAreRead) {
  ServerOptions so;
  so.threads = 2;
  Running server(db_path_, so);
  // 70 MB announced to the login: answered at once, nothing sent.
  std::string login = Exchange(server.port(),
                               "POST /api/v1/session HTTP/1.1\r\nContent-Type: application/json\r\n"
                               "Content-Length: 70000000\r\n\r\n");
  EXPECT_EQ(StatusOf(login), 413) << login;
  EXPECT_NE(login.find("\"code\":\"PAYLOAD_TOO_LARGE\""), std::string::npos);
  EXPECT_NE(login.find("at most 16384 bytes without a session"), std::string::npos);
  EXPECT_NE(login.find("Connection: close"), std::string::npos);

  // Chunked, no length given: cut off when it passes 16 KiB.
  int fd = Connect(server.port());
  Send(fd, "POST /api/v1/session HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string chunk = "1000\r\n" + std::string(4096, 'x') + "\r\n";
  for (int i = 0; i < 5; ++i) Send(fd, chunk);
  std::string chunked = ReadToEnd(fd);
  ::close(fd);
  EXPECT_EQ(StatusOf(chunked), 413) << chunked;

  // A route that needs a session: 401 before the body.
  std::string anonymous = Exchange(server.port(),
                                   "POST /api/v1/imports?kind=air HTTP/1.1\r\n"
                                   "Content-Length: 1000000\r\n\r\n");
  EXPECT_EQ(StatusOf(anonymous), 401) << anonymous;

  // With a session: the route's own limit (imports: 64 MiB).
  std::string head = "POST /api/v1/imports?kind=air&name=a.csv HTTP/1.1\r\nCookie: " + cookie_ +
                     "\r\nX-CSRF-Token: " + csrf_ + "\r\n";
  std::string big = Exchange(server.port(), head + "Content-Length: 67108865\r\n\r\n");
  EXPECT_EQ(StatusOf(big), 413) << big;
  EXPECT_NE(big.find("at most 67108864 bytes"), std::string::npos);
  // A wrong CSRF token is refused before the body too.
  std::string forged =
      Exchange(server.port(), "POST /api/v1/imports?kind=air HTTP/1.1\r\nCookie: " + cookie_ +
                                  "\r\nContent-Length: 1000\r\n\r\n");
  EXPECT_EQ(StatusOf(forged), 403) << forged;

  // Expect: 100-continue is answered before the body is sent.
  fd = Connect(server.port());
  std::string body = R"({"name":"nobody","password":"wrong password"})";
  Send(fd,
       "POST /api/v1/session HTTP/1.1\r\nExpect: 100-continue\r\nConnection: close\r\n"
       "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n");
  char buffer[64] = {};
  ssize_t n = ::recv(fd, buffer, sizeof buffer - 1, 0);
  EXPECT_EQ(std::string(buffer, n > 0 ? n : 0), "HTTP/1.1 100 Continue\r\n\r\n");
  Send(fd, body);
  std::string answer = ReadToEnd(fd);
  ::close(fd);
  EXPECT_EQ(StatusOf(answer), 401) << answer;
}

// Malformed or oversized heads are refused and the connection closed.
TEST_F(HttpLimitsTest, MalformedHeadsAreRefused) {
  ServerOptions so;
  so.threads = 2;
  Running server(db_path_, so);
  // Two requests on one connection, the first a HEAD: its answer has no body,
  // so the second answer follows it directly.
  std::string two = Exchange(server.port(),
                             "HEAD /api/v1/session HTTP/1.1\r\n\r\n"
                             "GET /api/v1/session HTTP/1.1\r\nConnection: close\r\n\r\n");
  size_t second = two.find("HTTP/1.1 200", 1);
  ASSERT_NE(second, std::string::npos) << two;
  EXPECT_EQ(two.rfind("\r\n\r\n", second), second - 4) << two;  // nothing between the two
  EXPECT_NE(two.find("\"pages\"", second), std::string::npos) << two;
  EXPECT_EQ(StatusOf(Exchange(server.port(), "GET / HTTP/1.1\r\nX : y\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(Exchange(server.port(),
                              "POST /api/v1/session HTTP/1.1\r\nContent-Length: 3\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n")),
            400);
  // A head that never ends is cut off at its size limit, not buffered.
  int fd = Connect(server.port());
  Send(fd, "GET /" + std::string(64 << 10, 'a'));
  std::string answer = ReadToEnd(fd);
  ::close(fd);
  EXPECT_EQ(StatusOf(answer), 431);
}

// --public-dir over the wire: no path reaches a file outside the folder.
TEST_F(HttpLimitsTest, PublicDirServesOnlyItsOwnFiles) {
  fs::path pub = dir_ / "public";
  fs::create_directories(pub);
  std::ofstream(pub / "index.html") << "<html>ecociv</html>";
  fs::create_symlink("/etc/passwd", pub / "passwd");
  ServerOptions so;
  so.threads = 2;
  so.public_dir = pub.string();
  so.never_serve = {db_path_};
  Running server(db_path_, so);
  for (const char* path : {"//etc/passwd", "/%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                           "/..%2f..%2fetc/passwd", "/passwd", "/%00", "/.%2e/x"}) {
    std::string answer = Exchange(
        server.port(), "GET " + std::string(path) + " HTTP/1.1\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(StatusOf(answer) == 400 || StatusOf(answer) == 404) << path << "\n" << answer;
    EXPECT_EQ(answer.find("root:"), std::string::npos) << path;
  }
  std::string index = Exchange(server.port(), "GET /air HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(index), 200);
  EXPECT_NE(index.find("<html>ecociv</html>"), std::string::npos);
  // A folder holding the database is refused at start.
  ApiOptions options;
  options.db_path = db_path_;
  so.public_dir = dir_.string();
  auto refused = HttpServer::Create(Api::Create(options).value(), so);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

// A database another connection is writing to: a request that must write
// waits the busy timeout, then is answered 503 UNAVAILABLE with Retry-After;
// reading requests are answered as usual.
TEST_F(HttpLimitsTest, ABusyDatabaseIs503WithRetryAfter) {
  ApiOptions options = Running::Options(db_path_);
  options.busy_timeout_ms = 100;
  ServerOptions so;
  so.threads = 2;
  Running server(options, so);
  store::OpenOptions open;
  auto holder = store::OpenDatabase(db_path_, open);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->Begin().ok());  // the write lock
  std::string body = R"({"name":"analyst","password":"correct horse battery"})";
  std::string login = Exchange(server.port(),
                               "POST /api/v1/session HTTP/1.1\r\nConnection: close\r\n"
                               "Content-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(StatusOf(login), 503) << login;
  EXPECT_NE(login.find("Retry-After: 5\r\n"), std::string::npos);
  EXPECT_NE(login.find("\"code\":\"UNAVAILABLE\""), std::string::npos);
  EXPECT_NE(login.find("the database is busy"), std::string::npos);
  std::string read = Exchange(server.port(), std::string(kSessionGet) + "Cookie: " + cookie_ +
                                                 "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(read), 200) << read;
  ASSERT_TRUE((*holder)->Rollback().ok());
  login = Exchange(server.port(),
                   "POST /api/v1/session HTTP/1.1\r\nConnection: close\r\n"
                   "Content-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(StatusOf(login), 200) << login;
}

// A webhook receiver that accepts and never answers. The background delivery
// is in the middle of a post (10 s deadline) and an administrator's "deliver
// now" waits behind it: stopping the server cancels the post, answers the
// waiting request (503) and returns within a few seconds.
TEST_F(HttpLimitsTest, StopsWithinSecondsWhileAWebhookPostHangs) {
  int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(silent, 16), 0);  // connections complete; nothing is read or answered
  ::getsockname(silent, reinterpret_cast<sockaddr*>(&addr), &len);
  ApiOptions options = Running::Options(db_path_);
  options.webhook_url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/hook";
  options.deliver_every_seconds = 1;
  ServerOptions so;
  so.threads = 2;
  auto server = std::make_unique<Running>(options, so);
  std::this_thread::sleep_for(300ms);  // the background post is under way
  std::string answer;
  std::thread admin([&] {
    answer = Exchange(server->port(), "POST /api/v1/warnings/outbox/deliver HTTP/1.1\r\nCookie: " +
                                          admin_cookie_ + "\r\nX-CSRF-Token: " + admin_csrf_ +
                                          "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  });
  std::this_thread::sleep_for(300ms);  // "deliver now" waits for the background run
  auto start = Clock::now();
  server.reset();  // Stop, then join the server's thread
  EXPECT_LT(Clock::now() - start, 3s);
  admin.join();
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_NE(answer.find("the server is stopping"), std::string::npos) << answer;
  ::close(silent);
}

}  // namespace
}  // namespace ecociv::server
