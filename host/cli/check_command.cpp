#include <iostream>

#include "cli/commands.hpp"
#include "runtime/pipeline_setup.hpp"

namespace streamweaver::cli {

using namespace streamweaver::runtime;

int check_command(const std::string& config_file) {
  auto config = load_config(config_file);
  if (!config) return kExitConfigError;
  plugin::PluginRegistry registry;
  if (!load_plugins(registry, config->plugin_dirs)) return kExitConfigError;
  if (!bind(*config, registry)) return kExitConfigError;
  std::cout << config_file << ": ok (" << config->topics.size() << " topics, "
            << config->sources.size() << " sources, " << config->processors.size()
            << " processors, " << config->bridge.topics.size() << " bridged topics)\n";
  return kExitOk;
}

}  // namespace streamweaver::cli
