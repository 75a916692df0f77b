#include "proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace streamweaver::bench {

namespace {

std::string proc_file(pid_t pid, const char* name) {
  return "/proc/" + (pid == 0 ? std::string("self") : std::to_string(pid)) + "/" + name;
}

// user + system time of a /proc/.../stat file, in seconds.
double stat_cpu_seconds(const std::string& stat_file) {
  std::ifstream in(stat_file);
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  auto close = stat.rfind(')');  // the command name may hold spaces and parentheses
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  // After the name: state is field 3; utime and stime are fields 14 and 15 (in ticks).
  std::string skipped;
  for (int field = 3; field < 14; ++field) fields >> skipped;
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

double cpu_seconds(pid_t pid) { return stat_cpu_seconds(proc_file(pid, "stat")); }

std::map<pid_t, double> thread_cpu_seconds(pid_t pid, std::string_view name_prefix) {
  std::map<pid_t, double> threads;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator(proc_file(pid, "task"), ec)) {
    std::string name;
    std::getline(std::ifstream(task.path() / "comm"), name);
    if (!name.starts_with(name_prefix)) continue;
    threads[std::stoi(task.path().filename().string())] =
        stat_cpu_seconds((task.path() / "stat").string());
  }
  return threads;
}

namespace {
double used_since(const std::map<pid_t, double>& before, pid_t tid, double seconds) {
  auto was = before.find(tid);
  return seconds - (was == before.end() ? 0 : was->second);
}
}  // namespace

double busiest_thread_seconds(const std::map<pid_t, double>& before,
                              const std::map<pid_t, double>& after) {
  double most = 0;
  for (const auto& [tid, seconds] : after) most = std::max(most, used_since(before, tid, seconds));
  return most;
}

double threads_seconds(const std::map<pid_t, double>& before, const std::map<pid_t, double>& after) {
  double total = 0;
  for (const auto& [tid, seconds] : after) total += used_since(before, tid, seconds);
  return total;
}

std::uint64_t rss_kib(pid_t pid) {
  std::ifstream in(proc_file(pid, "status"));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("VmRSS:")) return std::stoull(line.substr(6));
  return 0;
}

double machine_busy_seconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return (user + nice + system + irq + softirq + steal) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double load_average() {
  double one_minute = 0;
  std::ifstream("/proc/loadavg") >> one_minute;
  return one_minute;
}

std::string open_files_limit(pid_t pid) {
  std::ifstream in(proc_file(pid, "limits"));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("Max open files")) {
      std::istringstream fields(line.substr(14));
      std::string soft;
      fields >> soft;
      return soft;
    }
  return "?";
}

std::uint64_t raise_open_files_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

}  // namespace streamweaver::bench
