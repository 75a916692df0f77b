#pragma once
// One followed file, as `tail -F` follows it: hands out whole lines only (a line still being
// written waits for its newline), starts over when the file is truncated, and when its path
// comes to name another file (rotation: rename, then a new file) reads the old one to its end
// before going on with the new one from its start.
#include <cstdint>
#include <string>
#include <string_view>

#include "position_store.hpp"

namespace streamweaver::sources::file {

class TailedFile {
 public:
  TailedFile(std::string path, std::size_t max_line_bytes);
  ~TailedFile();
  TailedFile(TailedFile&&) noexcept;
  TailedFile& operator=(TailedFile&&) = delete;

  // Opens the file at its path and reads from `offset` (from 0 if the file is shorter now).
  // False when it cannot be opened.
  bool open(std::uint64_t offset);
  bool open_at_end();

  enum class Got { none, line, overlong };
  // The next whole line, without its newline (or "\r\n"), and where it starts. `overlong`:
  // the first max_line_bytes of a longer line; the rest of it is skipped.
  Got next_line(std::string_view& line, std::uint64_t& offset);

  enum class Change { none, appeared, truncated, rotated };
  // When next_line() had nothing: did a missing file appear, was it truncated, or does its path name another
  // file now? After `rotated` the old file is read to its end (its last line even without
  // a newline), then the new one from its start.
  Change check();

  const std::string& path() const { return path_; }
  FilePosition position() const { return {id_, consumed_}; }

 private:
  bool fill();  // reads what the file has; false when nothing came
  void close();

  std::string path_;
  std::size_t max_line_bytes_;
  int fd_ = -1;
  FileId id_;
  std::string buffer_;          // bytes read, from `begin_` not handed out yet
  std::size_t begin_ = 0;
  std::size_t scanned_ = 0;     // no newline in buffer_[begin_, scanned_)
  std::uint64_t consumed_ = 0;  // file offset of buffer_[begin_]
  bool skipping_ = false;       // inside the rest of an overlong line
  bool rotated_ = false;        // the path names another file: finish this one first
  bool reopen_ = false;         // the old file's last line is out: open the new one
};

}  // namespace streamweaver::sources::file
