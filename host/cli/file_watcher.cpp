#include "cli/file_watcher.hpp"

#include <csignal>
#include <condition_variable>
#include <mutex>

#include <unistd.h>

namespace streamweaver::cli {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(500);

std::filesystem::file_time_type modified(const std::filesystem::path& file) {
  std::error_code ec;
  return std::filesystem::last_write_time(file, ec);
}

}  // namespace

FileWatcher::FileWatcher(std::filesystem::path file)
    : file_(std::move(file)), thread_([this](std::stop_token stop) { run(stop); }) {}

void FileWatcher::run(const std::stop_token& stop) {
  auto last = modified(file_);
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  while (!cv.wait_for(lock, stop, kPollInterval, [] { return false; }) && !stop.stop_requested()) {
    auto now = modified(file_);
    if (now != last) {
      last = now;
      kill(getpid(), SIGHUP);
    }
  }
}

}  // namespace streamweaver::cli
