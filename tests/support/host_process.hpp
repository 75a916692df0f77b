#pragma once
// The real `streamweaver` binary as a child process: for benchmarks, whose CPU and memory
// figures must be the host's alone, and for tests of what only the whole process does
// (signals, --watch). It runs a pipeline file written to a temporary folder, inherits this
// process's fd limit and environment (less KAFKA_BOOTSTRAP_SERVERS), and dies with this
// process.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace streamweaver::test_support {

class HostProcess {
 public:
  // Starts `binary run --config <temp>/pipeline.toml [extra_args...]` and waits up to
  // `timeout` for its "dashboard on http://HOST:PORT/" line. Throws when it does not come.
  HostProcess(const std::filesystem::path& binary, const std::string& pipeline_toml,
              std::chrono::seconds timeout, const std::vector<std::string>& extra_args = {});
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  pid_t pid() const { return pid_; }
  std::uint16_t port() const { return port_; }
  const std::filesystem::path& config_file() const { return config_; }

  // Waits for an output line containing `text`, after the line the previous successful
  // wait found; returns that line, or "" at the timeout or when the output ends.
  std::string wait_for_line(std::string_view text, std::chrono::milliseconds timeout);
  // Everything it printed so far, for failure messages.
  std::string output() const;

  // SIGTERM, then SIGKILL after 10 s; returns the exit code (128 + signal when killed).
  int stop();

  // Warnings and errors the host logged so far (the first few), and how many in all.
  std::vector<std::string> notable_lines() const;
  std::size_t notable_count() const;

 private:
  void read_output(int fd);

  std::filesystem::path dir_;
  std::filesystem::path config_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::uint16_t port_ = 0;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable output_changed_;
  bool output_closed_ = false;
  std::vector<std::string> lines_;
  std::size_t next_wait_line_ = 0;  // where wait_for_line starts looking
};

}  // namespace streamweaver::test_support
