#include "support/host_process.hpp"

#include "support/spawn.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace streamweaver::test_support {

namespace {

constexpr std::size_t kNotableKept = 8;
constexpr std::size_t kLastLinesShown = 20;  // when start-up fails

// The port of "... dashboard on http://127.0.0.1:PORT/", or 0.
std::uint16_t dashboard_port(const std::string& line) {
  auto at = line.find("dashboard on http://");
  if (at == std::string::npos) return 0;
  auto slash = line.find('/', at + 20);
  auto colon = line.rfind(':', slash);
  return static_cast<std::uint16_t>(std::atoi(line.c_str() + colon + 1));
}

bool notable(const std::string& line) {
  return line.find("warn") != std::string::npos || line.find("error") != std::string::npos ||
         line.find("disconnecting") != std::string::npos;
}

}  // namespace

HostProcess::HostProcess(const std::filesystem::path& binary, const std::string& pipeline_toml,
                         std::chrono::seconds timeout, const std::vector<std::string>& extra_args) {
  char dir_template[] = "/tmp/streamweaver-bench-XXXXXX";
  if (!mkdtemp(dir_template)) throw std::runtime_error("mkdtemp failed");
  dir_ = dir_template;
  config_ = dir_ / "pipeline.toml";
  std::ofstream(config_) << pipeline_toml;

  std::vector<std::string> args = {binary.string(), "run", "--config", config_.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto child = spawn(args, child_environment(), false);
  pid_ = child.pid;
  reader_ = std::thread([this, fd = child.output] { read_output(fd); });

  std::unique_lock lock(mutex_);
  output_changed_.wait_for(lock, timeout, [this] { return port_ != 0 || output_closed_; });
  if (port_ == 0) {
    std::string log;
    auto first = lines_.size() > kLastLinesShown ? lines_.size() - kLastLinesShown : 0;
    for (auto i = first; i < lines_.size(); ++i) log += "\n  | " + lines_[i];
    lock.unlock();
    stop();
    throw std::runtime_error("the host did not report its dashboard port; its output:" + log);
  }
}

HostProcess::~HostProcess() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void HostProcess::read_output(int fd) {
  FILE* in = fdopen(fd, "r");
  char* buffer = nullptr;
  std::size_t size = 0;
  for (ssize_t n; (n = getline(&buffer, &size, in)) > 0;) {
    std::string line(buffer, static_cast<std::size_t>(n));
    if (line.ends_with('\n')) line.pop_back();
    std::lock_guard lock(mutex_);
    if (port_ == 0) port_ = dashboard_port(line);
    lines_.push_back(std::move(line));
    output_changed_.notify_all();
  }
  std::free(buffer);
  std::fclose(in);
  std::lock_guard lock(mutex_);
  output_closed_ = true;
  output_changed_.notify_all();
}

std::string HostProcess::wait_for_line(std::string_view text, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t checked = next_wait_line_;
  std::string found;
  output_changed_.wait_for(lock, timeout, [&] {
    for (; checked < lines_.size(); ++checked)
      if (lines_[checked].find(text) != std::string::npos) {
        found = lines_[checked];
        next_wait_line_ = checked + 1;
        return true;
      }
    return output_closed_;
  });
  return found;
}

std::string HostProcess::output() const {
  std::lock_guard lock(mutex_);
  std::string all;
  for (const auto& line : lines_) all += line + "\n";
  return all;
}

int HostProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int waited_ms = 0; waitpid(pid_, &status, WNOHANG) == 0; waited_ms += 50) {
      if (waited_ms == 10000) kill(pid_, SIGKILL);
      usleep(50 * 1000);
    }
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
  }
  if (reader_.joinable()) reader_.join();
  return exit_code_;
}

std::vector<std::string> HostProcess::notable_lines() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& line : lines_)
    if (notable(line) && out.size() < kNotableKept) out.push_back(line);
  return out;
}

std::size_t HostProcess::notable_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(lines_.begin(), lines_.end(), notable));
}

}  // namespace streamweaver::test_support
