#include "runtime/file_watcher.hpp"

#include <condition_variable>
#include <mutex>

namespace streamweaver::runtime {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(500);

std::filesystem::file_time_type modified(const std::filesystem::path& file) {
  std::error_code ec;
  return std::filesystem::last_write_time(file, ec);
}

}  // namespace

FileWatcher::FileWatcher(std::filesystem::path file, std::function<void()> changed)
    : file_(std::move(file)),
      changed_(std::move(changed)),
      thread_([this](std::stop_token stop) { run(stop); }) {}

void FileWatcher::run(const std::stop_token& stop) {
  auto last = modified(file_);
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  // Wakes every interval to look, or at once when stopped.
  while (!cv.wait_for(lock, stop, kPollInterval, [&] { return stop.stop_requested(); })) {
    auto now = modified(file_);
    if (now != last) {
      last = now;
      changed_();
    }
  }
}

}  // namespace streamweaver::runtime
