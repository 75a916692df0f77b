#pragma once
// Watches a file's modification time and calls `changed` (on its own thread) when it
// changes. Polling: editors replace files, which plain inotify watches on the file miss.
#include <filesystem>
#include <functional>
#include <thread>

namespace streamweaver::runtime {

class FileWatcher {
 public:
  FileWatcher(std::filesystem::path file, std::function<void()> changed);

 private:
  void run(const std::stop_token& stop);

  std::filesystem::path file_;
  std::function<void()> changed_;
  std::jthread thread_;
};

}  // namespace streamweaver::runtime
