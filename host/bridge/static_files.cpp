#include "bridge/static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <string>
#include <utility>

#include "bridge/url.hpp"

namespace streamweaver::bridge {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& root, const fs::path& path) {
  // Compare whole components: "/web" must not admit "/website".
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& web_root) {
  std::error_code ec;
  root_ = fs::canonical(web_root, ec);
  if (ec || !fs::is_directory(root_, ec))
    throw std::runtime_error("web root '" + web_root.string() + "' is not a directory");
}

std::optional<StaticFile> StaticFiles::resolve(std::string_view url_path) const {
  auto decoded = percent_decode(url_path);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  if (decoded->find_first_of(std::string_view("\0\\", 2)) != std::string::npos) return std::nullopt;
  if (decoded->back() == '/') *decoded += "index.html";

  // Build the path one checked segment at a time: an empty segment is skipped, so nothing
  // can become absolute and replace the root.
  fs::path path = root_;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment == "." || segment == "..") return std::nullopt;
    if (!segment.empty()) path /= segment;
  }

  // Symlinks are fine while they resolve inside the root.
  std::error_code ec;
  auto real = fs::weakly_canonical(path, ec);
  if (ec || !is_inside(root_, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  return StaticFile{real, content_type_for(real)};
}

std::string_view content_type_for(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> types{{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  auto ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const auto& [e, type] : types)
    if (e == ext) return type;
  return "application/octet-stream";
}

}  // namespace streamweaver::bridge
