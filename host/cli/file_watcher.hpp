#pragma once
// Watches a file's modification time and sends this process SIGHUP when it changes, so a
// change takes the same reload path as `kill -HUP`. Polling: editors replace files, which
// plain inotify watches on the file miss.
#include <filesystem>
#include <thread>

namespace streamweaver::cli {

class FileWatcher {
 public:
  explicit FileWatcher(std::filesystem::path file);

 private:
  void run(const std::stop_token& stop);

  std::filesystem::path file_;
  std::jthread thread_;
};

}  // namespace streamweaver::cli
