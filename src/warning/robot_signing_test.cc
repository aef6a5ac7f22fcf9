// DingTalk URL signing against a value computed independently (Python's hmac,
// hashlib and base64 modules, for the secret and timestamp below).
#include "ecociv/warning/robot_signing.h"

#include <gtest/gtest.h>

namespace ecociv::warning {
namespace {

TEST(DingTalkSigning, MatchesAnIndependentComputation) {
  EXPECT_EQ(DingTalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc",
                              "SECexample0123456789", 1790000000000),
            "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1790000000000"
            "&sign=lrQYBEqKYRxSYerSD7pTWsRMnGotv2GVNnbAQF4Szrw%3D");
}

TEST(DingTalkSigning, UrlWithoutQuery) {
  std::string url =
      DingTalkSignedUrl("http://127.0.0.1:9/hook", "SECexample0123456789", 1790000000000);
  EXPECT_EQ(url.rfind("http://127.0.0.1:9/hook?timestamp=1790000000000&sign=", 0), 0u) << url;
}

}  // namespace
}  // namespace ecociv::warning
