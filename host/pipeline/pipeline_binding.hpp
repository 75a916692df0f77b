#pragma once
// Checks a whole pipeline against the loaded plugins: every plugin exists and has the right
// kind, every option table fits its plugin's schema, and every plugin accepts its option
// values (its factory runs once, as a dry run). The result is what Pipeline is built from.
#include <string>
#include <vector>

#include "config/pipeline_config.hpp"
#include "pipeline/transform_chain.hpp"
#include "plugin/option_binding.hpp"
#include "plugin/plugin_registry.hpp"

namespace streamweaver::pipeline {

// Each keeps a copy of its part of the file: enough to make the component again later
// (restarts) without the file's PipelineConfig.
struct BoundSource {
  config::SourceConfig config;
  plugin::BoundStage source;
  std::vector<plugin::BoundStage> transforms;
};

struct BoundProcessor {
  config::ProcessorConfig config;
  std::vector<plugin::BoundStage> transforms;
};

struct BoundPipeline {
  std::vector<BoundSource> sources;
  std::vector<BoundProcessor> processors;
};

// Problems are appended to `errors`; the plugins stay owned by `registry`.
BoundPipeline bind_pipeline(const config::PipelineConfig& config,
                            const plugin::PluginRegistry& registry, config::ConfigErrors& errors);

// Makes a transform chain's instances; on failure sets `error` and returns an empty vector.
std::vector<TransformChain::Stage> make_stages(const std::vector<plugin::BoundStage>& stages,
                                               std::string& error);

}  // namespace streamweaver::pipeline
