#pragma once
// A throw-away web root for tests:
//   <dir>/secret/CMakeLists.txt             outside the root: must never be served
//   <dir>/secret/web/index.html, app.js, style.css, sub/data.json
//   <dir>/secret/web/escape.txt  -> ../CMakeLists.txt   (symlink leading outside)
//   <dir>/secret/web/alias.js    -> app.js              (symlink staying inside)

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace test {

inline constexpr const char* secret_text = "SECRET-OUTSIDE-WEB-ROOT";

class TempWebRoot {
 public:
  TempWebRoot() {
    namespace fs = std::filesystem;
    dir_ = fs::temp_directory_path() / ("sw-web-" + std::to_string(std::random_device{}()));
    auto web = root();
    fs::create_directories(web / "sub");
    write(dir_ / "secret" / "CMakeLists.txt", secret_text);
    write(web / "index.html", "<!doctype html><title>StreamWeaver</title>");
    write(web / "app.js", "console.log('hi');");
    write(web / "style.css", "body{}");
    write(web / "sub" / "data.json", "{}");
    fs::create_symlink("../CMakeLists.txt", web / "escape.txt");
    fs::create_symlink("app.js", web / "alias.js");
  }
  ~TempWebRoot() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempWebRoot(const TempWebRoot&) = delete;
  TempWebRoot& operator=(const TempWebRoot&) = delete;

  std::filesystem::path root() const { return dir_ / "secret" / "web"; }

 private:
  static void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
  }
  std::filesystem::path dir_;
};

}  // namespace test
