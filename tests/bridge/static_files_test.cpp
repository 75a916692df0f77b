#include "bridge/static_files.hpp"

#include <gtest/gtest.h>

#include "temp_web_root.hpp"

using namespace streamweaver::bridge;

class StaticFilesTest : public ::testing::Test {
 protected:
  test::TempWebRoot web;
  StaticFiles files{web.root()};
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
  auto index = files.resolve("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->path, std::filesystem::canonical(web.root() / "index.html"));
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(files.resolve("/app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.resolve("/style.css")->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(files.resolve("/sub/data.json")->content_type, "application/json");
  EXPECT_EQ(files.resolve("/sub%2Fdata.json")->path, files.resolve("/sub/data.json")->path);
  EXPECT_EQ(files.resolve("/alias.js")->path, files.resolve("/app.js")->path);  // symlink inside
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  for (const char* path :
       {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fCMakeLists.txt", "/sub/../../CMakeLists.txt", "/sub/%2e%2e/app.js", "/./app.js",
        "//etc/passwd", "/escape.txt", "/app.js%00.png", "/..\\CMakeLists.txt", "/%5c..%5cx",
        "relative", "", "/%zz", "/sub", "/missing.html"}) {
    EXPECT_FALSE(files.resolve(path)) << path;
  }
}

TEST(StaticFiles, RootMustBeADirectory) {
  EXPECT_THROW(StaticFiles("/definitely/not/here"), std::runtime_error);
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("a.MJS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("app.js.map"), "application/json");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("blob"), "application/octet-stream");
}
