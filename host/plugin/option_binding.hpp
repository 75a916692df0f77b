#pragma once
// Connects a pipeline-file stage ({ plugin, options }) to a loaded plugin: finds it, checks
// its kind, validates the options against the plugin's declared schema with file positions,
// and makes instances.
#include <optional>
#include <string>

#include <streamweaver/plugin.hpp>

#include "config/config_error.hpp"
#include "config/pipeline_config.hpp"
#include "plugin/plugin_instance.hpp"
#include "plugin/plugin_registry.hpp"

namespace streamweaver::plugin {

// A stage whose plugin and options passed every check.
struct BoundStage {
  const LoadedPlugin* plugin = nullptr;
  Options options;
  config::Location where;
};

// `context` names the stage in messages, e.g. "[sources.stock]".
std::optional<BoundStage> bind_stage(const PluginRegistry& registry,
                                     const config::StageConfig& stage, PluginKind kind,
                                     const std::string& context, config::ConfigErrors& errors);

// Makes an instance; on failure returns an empty instance and sets `error`.
PluginInstance<Source> make_source(const BoundStage& stage, std::string& error);
PluginInstance<Transform> make_transform(const BoundStage& stage, std::string& error);

// TOML value → JSON, keeping integers as integers.
nlohmann::json to_json(const toml::node& node);

}  // namespace streamweaver::plugin
