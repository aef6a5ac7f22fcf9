// API tests of the data review routes.
#include "api_test_fixture.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, ReviewDecisionsByAnalystOnlyAndRecorded) {
  HttpResponse flags = Call("analyst", "GET", "/api/v1/review/flags", "", {{"status", "suspect"}});
  ASSERT_EQ(flags.status, 200);
  Json list = Json::parse(flags.body)["flags"];
  ASSERT_FALSE(list.empty()) << "the flat line should have been flagged";
  int64_t id = list[0]["id"];
  std::string body =
      Json{{"flag_id", id}, {"action", "invalidate"}, {"reason", "instrument fault"}}.dump();
  for (std::string role : {"admin", "reporter", "leader", "auditor"}) {
    EXPECT_EQ(Call(role, "POST", "/api/v1/review/decisions", body).status, 403) << role;
  }
  int64_t before = ChangeCount();
  HttpResponse ok = Call("analyst", "POST", "/api/v1/review/decisions", body);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ChangeCount(), before + 1);
  HttpResponse log = Call("auditor", "GET", "/api/v1/changes");
  Json newest = Json::parse(log.body)["entries"][0];
  EXPECT_EQ(newest["who"], "u_analyst");
  EXPECT_EQ(newest["action"], "review.invalidate");
}

}  // namespace
}  // namespace ecociv::server
