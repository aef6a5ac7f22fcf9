// HTTP/1.1 on the wire: request heads, targets, chunked bodies, response heads.
#include "http_wire.h"

#include <gtest/gtest.h>

namespace ecociv::server::wire {
namespace {

TEST(HttpWire, FindsTheEndOfAHead) {
  EXPECT_EQ(FindHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n"), 0u);
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_EQ(FindHeadEnd(head + "body"), head.size());
  EXPECT_EQ(FindHeadEnd("GET / HTTP/1.1\nHost: x\n\nrest"), 24u);
}

TEST(HttpWire, ParsesARequestHead) {
  HeadResult r = ParseHead(
      "POST /api/v1/pages/%E6%B0%B4?from=2026-03-01&name=a+b&x=%26&flag HTTP/1.1\r\n"
      "Host: x\r\nContent-Length: 12\r\nCookie: a=1\r\nX-CSRF-Token:  tok \r\n"
      "Expect: 100-continue\r\n\r\n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.head.method, "POST");
  EXPECT_EQ(r.head.path, "/api/v1/pages/水");
  ASSERT_EQ(r.head.query.size(), 4u);
  EXPECT_EQ(r.head.query[1], (std::pair<std::string, std::string>{"name", "a b"}));
  EXPECT_EQ(r.head.query[2].second, "&");
  EXPECT_EQ(r.head.query[3], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(r.head.Header("x-csrf-token"), "tok");
  EXPECT_EQ(r.head.content_length, 12u);
  EXPECT_TRUE(r.head.keep_alive);
  EXPECT_TRUE(r.head.expect_continue);
  EXPECT_TRUE(r.head.has_body());

  HeadResult old = ParseHead("GET / HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old.head.keep_alive);
  HeadResult closing = ParseHead("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n");
  EXPECT_FALSE(closing.head.keep_alive);
  HeadResult chunked = ParseHead("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n");
  ASSERT_TRUE(chunked.ok());
  EXPECT_TRUE(chunked.head.chunked);
}

// Each malformed head is refused with its status, never parsed leniently.
TEST(HttpWire, RefusesMalformedHeads) {
  struct Bad {
    std::string head;
    int status;
  };
  const std::string many_headers = [] {
    std::string h = "GET / HTTP/1.1\r\n";
    for (size_t i = 0; i <= kMaxHeaderCount; ++i) h += "X-" + std::to_string(i) + ": 1\r\n";
    return h + "\r\n";
  }();
  const Bad cases[] = {
      {"GET / HTTP/1.1\rX: 1\r\n\r\n", 400},                   // bare CR
      {"GET / HTTP/1.1\r\nX: 1\r\n  folded\r\n\r\n", 400},     // obsolete folding
      {"GET / HTTP/1.1\r\nX : 1\r\n\r\n", 400},                // space before the colon
      {"GET / HTTP/1.1\r\nX(y): 1\r\n\r\n", 400},              // not a token
      {"GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n", 400},            // control byte in a value
      {"GET  / HTTP/1.1\r\n\r\n", 400},                        // two spaces
      {"get / HTTP/1.1\r\n\r\n", 400},                         // method case
      {"GET http://h/ HTTP/1.1\r\n\r\n", 400},                 // absolute form
      {"GET / HTTP/2.0\r\n\r\n", 505},                         // version
      {"GET / FTP/1.0\r\n\r\n", 400},                          //
      {"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400},  // not digits
      {"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},  //
      {"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 501},
      {many_headers, 431},
      {"GET " + std::string(kMaxHeadBytes, 'a') + " HTTP/1.1\r\n\r\n", 431},
      {"", 400},                                    // nothing
      {"GET / HTTP/1.1\r\nHost: x\r\n", 400},       // no blank line
  };
  for (const Bad& bad : cases) {
    HeadResult r = ParseHead(bad.head);
    EXPECT_EQ(r.error_status, bad.status) << bad.head.substr(0, 80);
    EXPECT_EQ(r.error.find("\x01"), std::string::npos);
  }
  // The same Content-Length twice is one length.
  EXPECT_TRUE(ParseHead("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n").ok());
}

// Paths: decoded once; an encoded separator, NUL or dot segment is refused,
// however it is written.
TEST(HttpWire, DecodesAndRefusesPaths) {
  std::string out, why;
  EXPECT_TRUE(DecodePath("/assets/app.js", &out, &why));
  EXPECT_EQ(out, "/assets/app.js");
  EXPECT_TRUE(DecodePath("//etc/passwd", &out, &why));  // empty segments: static_files' rule
  for (const char* refused :
       {"/%2fetc%2fpasswd", "/%2Fetc", "/a%5cb", "/a\\b", "/%00", "/a%0ab", "/..", "/a/../b",
        "/%2e%2e/%2e%2e/etc/passwd", "/.%2e/x", "/%2E", "/./a", "/%zz", "/%4", "a/b", ""}) {
    EXPECT_FALSE(DecodePath(refused, &out, &why)) << refused;
    EXPECT_FALSE(why.empty());
  }
  EXPECT_TRUE(DecodePath("/a..b/.hidden/x.", &out, &why));  // not dot segments
}

TEST(HttpWire, DecodesQueries) {
  Fields q;
  std::string why;
  EXPECT_TRUE(DecodeQuery("a=1&&b=x+y%2B&c=%E6%B0%B4&d", &q, &why));
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[1].second, "x y+");
  EXPECT_EQ(q[2].second, "水");
  Fields bad;
  EXPECT_FALSE(DecodeQuery("a=%00", &bad, &why));
  EXPECT_FALSE(DecodeQuery("a=%g0", &bad, &why));
}

TEST(HttpWire, DecodesChunkedBodiesInAnyPieces) {
  const std::string wire =
      "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT REQUEST";
  for (size_t piece : {size_t{1}, size_t{3}, wire.size()}) {
    ChunkedDecoder decoder;
    std::string body;
    size_t pos = 0;
    ChunkedDecoder::Result result = ChunkedDecoder::Result::kNeedMore;
    while (pos < wire.size() && result == ChunkedDecoder::Result::kNeedMore) {
      size_t used = 0;
      result = decoder.Feed(std::string_view(wire).substr(pos, piece), &used, &body);
      pos += used;
    }
    EXPECT_EQ(result, ChunkedDecoder::Result::kDone);
    EXPECT_EQ(body, "hello, world");
    EXPECT_EQ(wire.substr(pos), "NEXT REQUEST");
  }
  for (const char* bad : {"zz\r\n", "5\r\nhello!\r\n", "fffffffffffffffff\r\n"}) {
    ChunkedDecoder decoder;
    std::string body;
    size_t used = 0;
    EXPECT_EQ(decoder.Feed(bad, &used, &body), ChunkedDecoder::Result::kError) << bad;
  }
  ChunkedDecoder endless;
  std::string body;
  size_t used = 0;
  EXPECT_EQ(endless.Feed(std::string(kMaxChunkLineBytes + 1, '1'), &used, &body),
            ChunkedDecoder::Result::kError);
}

TEST(HttpWire, WritesResponseHeadsWithoutInjectedLines) {
  std::string head = ResponseHead(
      413, {{"X-Ok", "1"}, {"X-Bad", "a\r\nSet-Cookie: evil=1"}, {"Bad\nName", "v"}}, 42, false);
  EXPECT_EQ(head,
            "HTTP/1.1 413 Content Too Large\r\nX-Ok: 1\r\nContent-Length: 42\r\n"
            "Connection: close\r\n\r\n");
}

}  // namespace
}  // namespace ecociv::server::wire
