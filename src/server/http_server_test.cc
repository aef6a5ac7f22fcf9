// The real HTTP server on loopback: limits and headers.
#include "api_test_fixture.h"

#include <httplib.h>

#include <thread>

#include "ecociv/server/http_server.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, RealServerOnLoopback) {
  ApiOptions options;
  options.db_path = db_path_;
  auto api = Api::Create(options);
  ASSERT_TRUE(api.ok());
  ServerOptions so;
  so.port = 0;
  so.threads = 2;
  auto server = HttpServer::Create(std::move(*api), so);
  ASSERT_TRUE(server.ok());
  auto port = (*server)->Bind();
  ASSERT_TRUE(port.ok());
  std::thread t([&] { (void)(*server)->Run(); });
  httplib::Client client("127.0.0.1", *port);
  auto res = client.Get("/api/v1/overview");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  auto traversal = client.Get("/assets/../../etc/passwd");
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->body.find("root:"), std::string::npos);
  std::string big(kMaxBodyBytes + 100, 'x');
  auto large = client.Post("/api/v1/session", big, "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 400);  // over 1 MiB on a JSON route
  std::string huge(65 * 1024 * 1024, 'x');
  auto too_large = client.Post("/api/v1/imports", huge, "application/octet-stream");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);  // over 64 MiB anywhere
  (*server)->Stop();
  t.join();
}

}  // namespace
}  // namespace ecociv::server
