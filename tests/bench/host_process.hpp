#pragma once
// The real `streamweaver` binary as a child process, so that its CPU and memory can be read
// apart from the benchmark's. It runs a pipeline file written to a temporary folder, inherits
// this process's fd limit, and dies with this process.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace streamweaver::bench {

class HostProcess {
 public:
  // Starts `binary run --config <temp>/pipeline.toml` and waits up to `timeout` for its
  // "dashboard on http://HOST:PORT/" line. Throws when it does not come.
  HostProcess(const std::filesystem::path& binary, const std::string& pipeline_toml,
              std::chrono::seconds timeout);
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  pid_t pid() const { return pid_; }
  std::uint16_t port() const { return port_; }

  // SIGTERM, then SIGKILL after 10 s; returns the exit code (128 + signal when killed).
  int stop();

  // Warnings and errors the host logged so far (the first few), and how many in all.
  std::vector<std::string> notable_lines() const;
  std::size_t notable_count() const;

 private:
  void read_output(int fd);

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::uint16_t port_ = 0;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable port_found_;
  bool output_closed_ = false;
  std::vector<std::string> notable_;
  std::size_t notable_count_ = 0;
  std::vector<std::string> last_lines_;  // for the error when start-up fails
};

}  // namespace streamweaver::bench
