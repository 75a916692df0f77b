#include "runtime/run_host.hpp"

#include <pthread.h>

#include <atomic>
#include <csignal>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

#include "runtime/control_loop.hpp"
#include "runtime/file_watcher.hpp"
#include "runtime/host_runtime.hpp"
#include "runtime/pipeline_setup.hpp"

namespace streamweaver::runtime {
namespace {

// Blocks the shutdown and reload signals in every thread (before any thread starts) so that
// the signal thread alone receives them, synchronously, in sigwait.
sigset_t block_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Turns signals into control-loop events: SIGHUP reloads, SIGINT/SIGTERM stop. A second
// SIGINT/SIGTERM while stopping ends the process at once.
class SignalThread {
 public:
  SignalThread(sigset_t signals, ControlLoop& loop)
      : signals_(signals), thread_([this, &loop] { run(loop); }) {}
  ~SignalThread() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGHUP);  // out of sigwait
    thread_.join();
  }

 private:
  void run(ControlLoop& loop) {
    bool stopping = false;
    for (int signal = 0; sigwait(&signals_, &signal) == 0 && !done_;) {
      if (signal == SIGHUP) {
        loop.post(ControlLoop::Event::reload);
      } else if (!stopping) {
        stopping = true;
        spdlog::info("{} received, stopping (again to exit at once)", signal == SIGINT ? "SIGINT" : "SIGTERM");
        loop.post(ControlLoop::Event::stop);
      } else {
        spdlog::warn("second {}: exiting without waiting for Kafka", signal == SIGINT ? "SIGINT" : "SIGTERM");
        std::_Exit(kExitUndelivered);
      }
    }
  }

  sigset_t signals_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// Re-reads the pipeline file and loads plugins that appeared; a file that does not pass
// `check` is refused with its errors and the running pipeline stays as it is.
void reload(HostRuntime& host, plugin::PluginRegistry& registry, const std::string& config_file) {
  spdlog::info("reloading {}", config_file);
  auto config = load_config(config_file);
  if (!config) {
    spdlog::error("reload refused: {} has errors (above); the running pipeline is unchanged", config_file);
    return;
  }
  load_plugins(registry, config->plugin_dirs);
  auto bound = bind(*config, registry);
  if (!bound) {
    spdlog::error("reload refused: {} has errors (above); the running pipeline is unchanged", config_file);
    return;
  }
  try {
    host.reload(*config, *bound);
  } catch (const std::exception& e) {
    spdlog::error("reload failed part-way: {}", e.what());
  }
}

}  // namespace

int run_host(const std::string& config_file, bool watch) {
  sigset_t signals = block_signals();
  auto config = load_config(config_file);
  if (!config) return kExitConfigError;
  plugin::PluginRegistry registry;
  if (!load_plugins(registry, config->plugin_dirs)) return kExitConfigError;
  auto bound = bind(*config, registry);
  if (!bound) return kExitConfigError;

  HostRuntime host(*config, std::move(*bound));
  ControlLoop loop(host, [&] { reload(host, registry, config_file); });
  host.on_failure([&] { loop.post(ControlLoop::Event::supervise); });
  // Watching starts before start-up: a save made meanwhile still reloads.
  std::optional<FileWatcher> watcher;
  if (watch) watcher.emplace(config_file, [&] { loop.post(ControlLoop::Event::reload); });
  try {
    host.start();
  } catch (const std::exception& e) {
    spdlog::error("cannot start: {}", e.what());
    host.stop();
    return kExitFailure;
  }
  spdlog::info("running {} ({} sources); Ctrl-C to stop", config_file, config->sources.size());

  {
    SignalThread signal_thread(signals, loop);
    loop.run();
  }
  watcher.reset();
  auto left = host.stop();
  if (left > 0) {
    spdlog::error("stopped with {} records not delivered to Kafka (exit code {})", left, kExitUndelivered);
    return kExitUndelivered;
  }
  return kExitOk;
}

}  // namespace streamweaver::runtime
