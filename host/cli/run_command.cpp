#include <csignal>
#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/host_setup.hpp"
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

int run_command(const std::string& config_file) {
  sigset_t signals = block_shutdown_signals();
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
  while (sigwait(&signals, &signal) == 0 && signal == SIGHUP)
    spdlog::info("SIGHUP: reload is not supported yet; ignoring");
  spdlog::info("{} received, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
  int left = host.stop();
  return left == 0 ? kExitOk : kExitFailure;
}

}  // namespace streamweaver::cli
