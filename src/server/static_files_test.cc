// The web interface's files from --public-dir: only regular files inside the
// folder, never a link out of it, a device, a pipe, a hidden file, a file over
// the cap or the database.
#include "static_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ecociv::server {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ecociv_static_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    public_ = dir_ / "public";
    fs::create_directories(public_ / "assets");
    Write(public_ / "index.html", "<html>index</html>");
    Write(public_ / "assets" / "app.js", "console.log(1)");
    Write(public_ / ".env", "SECRET=1");
    db_ = (dir_ / "ecociv.db").string();
    Write(db_, "SQLite format 3");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  StaticFiles Files() {
    auto files = StaticFiles::Create(public_.string(), {db_});
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    return std::move(files).value();
  }

  fs::path dir_, public_;
  std::string db_;
};

TEST_F(StaticFilesTest, ServesRegularFilesInsideTheFolder) {
  StaticFiles files = Files();
  auto index = files.Get("/");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->body, "<html>index</html>");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto js = files.Get("/assets/app.js");
  ASSERT_TRUE(js.ok());
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_TRUE(js->cacheable);
  // A link that stays inside the folder is fine.
  fs::create_symlink(public_ / "index.html", public_ / "home.html");
  auto home = files.Get("/home.html");
  ASSERT_TRUE(home.ok());
  EXPECT_EQ(home->body, "<html>index</html>");
  // Unknown paths and folders route in the browser: the page.
  for (const char* path : {"/air/daily", "/assets", "/etc/passwd", "/proc/self/environ"}) {
    auto page = files.Get(path);
    ASSERT_TRUE(page.ok()) << path;
    EXPECT_EQ(page->body, "<html>index</html>") << path;
  }
}

TEST_F(StaticFilesTest, RefusesPathsThatAreNotPlainNames) {
  StaticFiles files = Files();
  for (const char* path : {"//etc/passwd", "///etc/passwd", "/assets//app.js", "/.env",
                           "/assets/.hidden", "/a\\b", "relative", ""}) {
    auto got = files.Get(path);
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument) << path;
  }
}

TEST_F(StaticFilesTest, NeverFollowsALinkOutOrReadsADevicePipeOrHugeFile) {
  fs::create_symlink("/etc/passwd", public_ / "passwd");
  fs::create_directory_symlink("/etc", public_ / "etc");
  fs::create_symlink("/dev/zero", public_ / "zero");
  fs::create_directory_symlink("/proc/self", public_ / "self");
  ASSERT_EQ(::mkfifo((public_ / "pipe").c_str(), 0600), 0);
  { std::ofstream big(public_ / "big.bin", std::ios::binary); }
  fs::resize_file(public_ / "big.bin", kMaxStaticFileBytes + 1);  // sparse
  StaticFiles files = Files();
  for (const char* path :
       {"/passwd", "/etc/passwd", "/zero", "/self/environ", "/pipe", "/big.bin"}) {
    auto got = files.Get(path);
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.status().code(), StatusCode::kNotFound) << path;
  }
}

TEST_F(StaticFilesTest, NeverServesTheDatabase) {
  // A hard link to the database (the same inode) inside the folder, and its
  // write-ahead log reached through a link.
  fs::create_hard_link(db_, public_ / "copy.db");
  Write(db_ + "-wal", "wal");
  fs::create_symlink(db_ + "-wal", public_ / "wal");
  StaticFiles files = Files();
  for (const char* path : {"/copy.db", "/wal"}) {
    auto got = files.Get(path);
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.status().code(), StatusCode::kNotFound) << path;
  }
  // A folder that holds the database is refused when the server starts.
  auto holding = StaticFiles::Create(dir_.string(), {db_});
  ASSERT_FALSE(holding.ok());
  EXPECT_NE(holding.status().message().find("holds the database"), std::string::npos);
  EXPECT_FALSE(StaticFiles::Create("/", {}).ok());
  EXPECT_FALSE(StaticFiles::Create((dir_ / "missing").string(), {}).ok());
}

}  // namespace
}  // namespace ecociv::server
