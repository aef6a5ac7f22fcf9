// DingTalk URL signing (see robot_signing.h), with libsodium's HMAC-SHA256
// and Base64.
#include "ecociv/warning/robot_signing.h"

#include <sodium.h>

#include <vector>

#include "ecociv/core/percent_encoding.h"

namespace ecociv::warning {
namespace {

std::string HmacSha256Base64(const std::string& key, const std::string& message) {
  if (sodium_init() < 0) return "";  // cannot happen after a successful start-up
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::vector<char> text(sodium_base64_ENCODED_LEN(sizeof mac, variant));
  sodium_bin2base64(text.data(), text.size(), mac, sizeof mac, variant);
  return std::string(text.data());
}

}  // namespace

std::string DingTalkSignedUrl(const std::string& url, const std::string& secret,
                              int64_t timestamp_ms) {
  const std::string timestamp = std::to_string(timestamp_ms);
  const std::string sign = HmacSha256Base64(secret, timestamp + "\n" + secret);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "timestamp=" + timestamp +
         "&sign=" + PercentEncode(sign);
}

}  // namespace ecociv::warning
