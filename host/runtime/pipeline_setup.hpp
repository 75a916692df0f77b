#pragma once
// The start-up steps every command shares: read the pipeline file, find and load plugins,
// bind the pipeline to them, printing each problem as FILE:LINE:COL: message.
#include <filesystem>
#include <optional>
#include <string>

#include "config/pipeline_loader.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "plugin/plugin_registry.hpp"

#include "runtime/exit_codes.hpp"

namespace streamweaver::runtime {

// Loads and checks the file; prints errors to stderr. nullopt when there were any.
std::optional<config::PipelineConfig> load_config(const std::filesystem::path& file);

// Loads plugins from the search path (with the config's plugin_dirs); prints refusals.
// Returns false when a refusal is fatal (a duplicate name).
bool load_plugins(plugin::PluginRegistry& registry, const std::vector<std::string>& config_dirs);

// Binds every stage to its plugin; prints errors. nullopt when there were any.
std::optional<pipeline::BoundPipeline> bind(const config::PipelineConfig& config,
                                            const plugin::PluginRegistry& registry);

void print_errors(const config::ConfigErrors& errors);

}  // namespace streamweaver::runtime
