#include <csignal>
#include <iostream>
#include <optional>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/host_setup.hpp"
#include "cli/file_watcher.hpp"
#include "cli/host_runtime.hpp"

namespace streamweaver::cli {
namespace {

// Blocks the shutdown signals in every thread (call before any thread starts) so that the
// main thread alone receives them, synchronously, in sigwait.
sigset_t block_shutdown_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

}  // namespace

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

int run_command(const std::string& config_file, bool watch) {
  sigset_t signals = block_shutdown_signals();
  // Watching starts before the first read: a save made while the host starts still reloads.
  std::optional<FileWatcher> watcher;
  if (watch) watcher.emplace(config_file);
  auto config = load_config(config_file);
  if (!config) return kExitConfigError;
  plugin::PluginRegistry registry;
  if (!load_plugins(registry, config->plugin_dirs)) return kExitConfigError;
  auto bound = bind(*config, registry);
  if (!bound) return kExitConfigError;

  HostRuntime host(*config, std::move(*bound));
  try {
    host.start();
  } catch (const std::exception& e) {
    spdlog::error("cannot start: {}", e.what());
    host.stop();
    return kExitFailure;
  }
  spdlog::info("running {} ({} sources); Ctrl-C to stop", config_file, config->sources.size());

  int signal = 0;
  while (sigwait(&signals, &signal) == 0 && signal == SIGHUP) reload(host, registry, config_file);
  spdlog::info("{} received, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
  int left = host.stop();
  return left == 0 ? kExitOk : kExitFailure;
}

}  // namespace streamweaver::cli
