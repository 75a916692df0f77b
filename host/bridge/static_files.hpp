#pragma once
// Maps URL paths to files under web_root, and never to anything outside it.

#include <filesystem>
#include <optional>
#include <string_view>

namespace streamweaver::bridge {

struct StaticFile {
  std::filesystem::path path;  // canonical: symlinks resolved, inside the root
  std::string_view content_type;
};

class StaticFiles {
 public:
  // Throws std::runtime_error unless web_root is a directory.
  explicit StaticFiles(const std::filesystem::path& web_root);

  // url_path: the request path, still percent-encoded, starting with '/'. A path ending in
  // '/' means its index.html. nullopt when there is no such file or it is not allowed:
  // "." or ".." segments (also encoded), NUL or backslash, or a file whose real path
  // (symlinks resolved) is outside the root.
  std::optional<StaticFile> resolve(std::string_view url_path) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;  // canonical
};

// By extension, for the dashboard's file types; application/octet-stream otherwise.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace streamweaver::bridge
