#pragma once
// Where the file source stopped in each file, kept across restarts in a small JSON file:
// {"files": {"/var/log/app.log": {"device": 2049, "inode": 1234, "offset": 5678}}}.
// A file is known by device and inode, so a rotated file is not mistaken for its successor.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace streamweaver::sources::file {

struct FileId {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  auto operator<=>(const FileId&) const = default;
};

struct FilePosition {
  FileId id;
  std::uint64_t offset = 0;  // after the last whole line handed on
};

using Positions = std::map<std::string, FilePosition>;  // by path

class PositionStore {
 public:
  // Its file in `state_dir`, named after the glob patterns so that two sources with other
  // paths keep apart. An empty `state_dir` remembers nothing.
  PositionStore(const std::string& state_dir, const std::vector<std::string>& patterns);

  // What the last run saved; empty when nothing (or something unreadable, which is logged).
  Positions load() const;
  // Writes atomically (a temporary file renamed over the old one). Throws on failure.
  void save(const Positions& positions) const;
  const std::string& file() const { return file_; }

 private:
  std::string dir_;
  std::string file_;
};

}  // namespace streamweaver::sources::file
