#pragma once
// A process's CPU time, resident memory and fd limit, read from /proc (Linux only).
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace streamweaver::bench {

// user + system CPU time so far, in seconds; pid 0 = this process.
double cpu_seconds(pid_t pid = 0);
// The same for each thread of a process, by thread id; only the threads whose name starts
// with `name_prefix`, when one is given.
std::map<pid_t, double> thread_cpu_seconds(pid_t pid, std::string_view name_prefix = {});
// The most CPU one thread used between two thread_cpu_seconds() snapshots, in seconds.
double busiest_thread_seconds(const std::map<pid_t, double>& before,
                              const std::map<pid_t, double>& after);
// The CPU all threads of `after` used together since `before`, in seconds.
double threads_seconds(const std::map<pid_t, double>& before, const std::map<pid_t, double>& after);
// VmRSS in KiB; 0 when the process is gone.
std::uint64_t rss_kib(pid_t pid = 0);
// CPU time every process of the machine used so far (all cores), in seconds.
double machine_busy_seconds();
// The 1-minute load average.
double load_average();

// The soft "Max open files" limit as /proc/<pid>/limits states it ("?" when unreadable).
std::string open_files_limit(pid_t pid);

// Raises this process's soft RLIMIT_NOFILE to the hard limit (children inherit it);
// returns the new soft limit.
std::uint64_t raise_open_files_limit();

}  // namespace streamweaver::bench
