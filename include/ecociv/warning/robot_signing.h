// Signing of group-robot webhook URLs. DingTalk robots with the "加签"
// security setting accept a message only when the URL carries
//   &timestamp=<Unix ms>&sign=<urlencode(base64(HMAC-SHA256(secret,
//                                  timestamp + "\n" + secret)))>
// and the timestamp is within an hour of the robot's clock. WeCom robots
// authenticate by the key in the URL and need no signature.
//
// Thread safety: pure functions.
#pragma once
#include <cstdint>
#include <string>

namespace ecociv::warning {

// `url` with the DingTalk timestamp and signature appended ("?" or "&" as the
// URL needs). `secret` is the robot's SEC… string.
std::string DingTalkSignedUrl(const std::string& url, const std::string& secret,
                              int64_t timestamp_ms);

}  // namespace ecociv::warning
