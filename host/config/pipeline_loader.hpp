#pragma once
#include <filesystem>

#include "config/config_error.hpp"
#include "config/pipeline_config.hpp"

namespace streamweaver::config {

struct LoadResult {
  PipelineConfig config;
  ConfigErrors errors;  // empty: `config` is complete and its topic references resolve
};

// Parses and checks a pipeline file: syntax, known keys, types, ranges and topic references.
// Plugin names and plugin options are checked later, against the loaded plugins.
LoadResult load_pipeline(const std::filesystem::path& file);
LoadResult parse_pipeline(std::string_view text, const std::string& file_name);

// KAFKA_BOOTSTRAP_SERVERS overrides kafka.brokers.
void apply_environment(PipelineConfig& config);

}  // namespace streamweaver::config
