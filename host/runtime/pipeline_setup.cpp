#include "runtime/pipeline_setup.hpp"

#include <iostream>

#include <spdlog/spdlog.h>

#include "config/secrets.hpp"

namespace streamweaver::runtime {

void print_errors(const config::ConfigErrors& errors) {
  for (const auto& e : errors) std::cerr << e.to_string() << '\n';
  if (!errors.empty())
    std::cerr << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in the pipeline\n";
}

std::optional<config::PipelineConfig> load_config(const std::filesystem::path& file) {
  auto result = config::load_pipeline(file);
  if (!result.errors.empty()) {
    print_errors(result.errors);
    return std::nullopt;
  }
  config::apply_environment(result.config);
  if (auto errors = config::resolve_secrets(result.config); !errors.empty()) {
    print_errors(errors);
    return std::nullopt;
  }
  return std::move(result.config);
}

bool load_plugins(plugin::PluginRegistry& registry, const std::vector<std::string>& config_dirs) {
  for (const auto& dir : plugin::plugin_search_path(config_dirs)) registry.load_directory(dir);
  for (const auto& p : registry.problems()) {
    if (p.fatal)
      spdlog::error("plugin refused: {}", p.message);
    else
      spdlog::warn("plugin refused: {}", p.message);
  }
  return !registry.has_fatal_problem();
}

std::optional<pipeline::BoundPipeline> bind(const config::PipelineConfig& config,
                                            const plugin::PluginRegistry& registry) {
  config::ConfigErrors errors;
  auto bound = pipeline::bind_pipeline(config, registry, errors);
  if (!errors.empty()) {
    print_errors(errors);
    return std::nullopt;
  }
  return bound;
}

}  // namespace streamweaver::runtime
