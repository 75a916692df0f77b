#include "tailed_file.hpp"

#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace streamweaver::sources::file {
namespace {

constexpr std::size_t kReadBytes = 256 * 1024;

bool identify(const char* path, FileId& id, std::uint64_t* size = nullptr) {
  struct stat st {};
  if (::stat(path, &st) != 0) return false;
  id = {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
  if (size) *size = static_cast<std::uint64_t>(st.st_size);
  return true;
}

}  // namespace

TailedFile::TailedFile(std::string path, std::size_t max_line_bytes)
    : path_(std::move(path)), max_line_bytes_(max_line_bytes) {}

TailedFile::~TailedFile() { close(); }

TailedFile::TailedFile(TailedFile&& other) noexcept
    : path_(std::move(other.path_)),
      max_line_bytes_(other.max_line_bytes_),
      fd_(std::exchange(other.fd_, -1)),
      id_(other.id_),
      buffer_(std::move(other.buffer_)),
      begin_(other.begin_),
      scanned_(other.scanned_),
      consumed_(other.consumed_),
      skipping_(other.skipping_),
      rotated_(other.rotated_),
      reopen_(other.reopen_) {}

void TailedFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool TailedFile::open(std::uint64_t offset) {
  close();
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return false;
  struct stat st {};
  ::fstat(fd_, &st);
  id_ = {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
  if (offset > static_cast<std::uint64_t>(st.st_size)) offset = 0;  // truncated meanwhile
  ::lseek(fd_, static_cast<off_t>(offset), SEEK_SET);
  buffer_.clear();
  begin_ = scanned_ = 0;
  consumed_ = offset;
  skipping_ = rotated_ = reopen_ = false;
  return true;
}

bool TailedFile::open_at_end() {
  FileId id;
  std::uint64_t size = 0;
  return identify(path_.c_str(), id, &size) && open(size);
}

bool TailedFile::fill() {
  if (fd_ < 0) return false;
  if (begin_ > 0) {  // keep only what is not handed out yet
    buffer_.erase(0, begin_);
    scanned_ -= begin_;
    begin_ = 0;
  }
  auto old_size = buffer_.size();
  buffer_.resize(old_size + kReadBytes);
  auto n = ::read(fd_, buffer_.data() + old_size, kReadBytes);
  buffer_.resize(old_size + static_cast<std::size_t>(n > 0 ? n : 0));
  return n > 0;
}

TailedFile::Got TailedFile::next_line(std::string_view& line, std::uint64_t& offset) {
  if (std::exchange(reopen_, false)) open(0);
  for (;;) {
    const char* base = buffer_.data();
    auto* newline = static_cast<const char*>(std::memchr(base + scanned_, '\n', buffer_.size() - scanned_));
    if (newline != nullptr) {
      auto end = static_cast<std::size_t>(newline - base);
      auto start = begin_;
      offset = consumed_;
      consumed_ += end + 1 - begin_;
      begin_ = scanned_ = end + 1;
      if (skipping_) {  // the tail of an overlong line
        skipping_ = false;
        continue;
      }
      if (end > start && base[end - 1] == '\r') --end;
      line = std::string_view(base + start, end - start);
      return Got::line;
    }
    scanned_ = buffer_.size();
    if (scanned_ - begin_ >= max_line_bytes_) {
      offset = consumed_;
      line = std::string_view(base + begin_, max_line_bytes_);
      bool first_part = !skipping_;
      consumed_ += scanned_ - begin_;
      begin_ = scanned_;  // the view stays valid: fill() runs on the next call only
      skipping_ = true;
      if (first_part) return Got::overlong;
      continue;
    }
    if (fill()) continue;
    if (!rotated_) return Got::none;
    // The old file gave all it had: its last line even without a newline, then the new file.
    rotated_ = false;
    if (buffer_.size() > begin_ && !skipping_) {
      offset = consumed_;
      line = std::string_view(buffer_.data() + begin_, buffer_.size() - begin_);
      consumed_ += line.size();
      begin_ = scanned_ = buffer_.size();
      reopen_ = true;  // on the next call: the view must stay valid until then
      return Got::line;
    }
    open(0);
  }
}

TailedFile::Change TailedFile::check() {
  if (fd_ < 0) return open(0) ? Change::appeared : Change::none;
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && static_cast<std::uint64_t>(st.st_size) < consumed_ + (buffer_.size() - begin_)) {
    open(0);
    return Change::truncated;
  }
  FileId now;
  if (!rotated_ && identify(path_.c_str(), now) && now != id_) {
    rotated_ = true;
    return Change::rotated;
  }
  return Change::none;
}

}  // namespace streamweaver::sources::file
