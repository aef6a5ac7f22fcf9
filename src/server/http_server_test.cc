// The real HTTP server on loopback: limits, headers, and a port that is
// already in use.
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
  // Refused from the head; the client, which sends the whole body before it
  // reads, still gets the answer (the server reads and drops what follows).
  std::string big(kMaxBodyBytes + 100, 'x');
  auto large = client.Post("/api/v1/session", big, "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413);  // over 16 KiB without a session
  EXPECT_EQ(Json::parse(large->body)["code"], "PAYLOAD_TOO_LARGE");
  std::string huge(65 * 1024 * 1024, 'x');
  auto too_large = client.Post("/api/v1/imports", huge, "application/octet-stream");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 401);  // no session: refused before the body
  (*server)->Stop();
  t.join();
}


// A server on a port another server listens on does not start (it would
// share the requests): FailedPrecondition naming the address. A wrong method
// reaches the API through the HTTP layer and is 405 with Allow.
TEST_F(ApiTest, ASecondServerOnTheSamePortIsRefused) {
  auto serve = [](int port) {
    ApiOptions options;
    options.db_path = db_path_;
    auto api = Api::Create(options);
    EXPECT_TRUE(api.ok());
    ServerOptions so;
    so.port = port;
    so.threads = 2;
    return HttpServer::Create(std::move(*api), so).value();
  };
  std::unique_ptr<HttpServer> first = serve(0);
  auto port = first->Bind();
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  std::thread t([&] { (void)first->Run(); });
  std::unique_ptr<HttpServer> second = serve(*port);
  auto refused = second->Bind();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(), "127.0.0.1:" + std::to_string(*port) + " is already in use");
  httplib::Client client("127.0.0.1", *port);
  auto patch = client.Patch("/api/v1/session", "{}", "application/json");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->status, 405);
  EXPECT_EQ(patch->get_header_value("Allow"), "POST, GET, DELETE");
  first->Stop();
  t.join();
  // Once the first has stopped, the port is free again (its closed
  // connections do not hold it: SO_REUSEADDR).
  std::unique_ptr<HttpServer> third = serve(*port);
  EXPECT_TRUE(third->Bind().ok());
}

}  // namespace
}  // namespace ecociv::server
