#include "pipeline/pipeline_binding.hpp"

namespace streamweaver::pipeline {
namespace {

using config::ConfigErrors;

// Binds a stage and runs its factory once so bad option values surface as config errors.
std::optional<plugin::BoundStage> bind_and_try(const plugin::PluginRegistry& registry,
                                               const config::StageConfig& stage, PluginKind kind,
                                               const std::string& context, ConfigErrors& errors) {
  auto bound = plugin::bind_stage(registry, stage, kind, context, errors);
  if (!bound) return std::nullopt;
  std::string error;
  bool made = kind == PluginKind::source ? bool(plugin::make_source(*bound, error))
                                         : bool(plugin::make_transform(*bound, error));
  if (!made) {
    errors.push_back({stage.where, context + ": plugin '" + stage.plugin +
                                       "' refused its options: " + error});
    return std::nullopt;
  }
  return bound;
}

std::vector<plugin::BoundStage> bind_chain(const plugin::PluginRegistry& registry,
                                           const std::vector<config::StageConfig>& stages,
                                           const std::string& context, ConfigErrors& errors) {
  std::vector<plugin::BoundStage> out;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    auto ctx = context + ".transforms[" + std::to_string(i) + "]";
    if (auto bound = bind_and_try(registry, stages[i], PluginKind::transform, ctx, errors))
      out.push_back(std::move(*bound));
  }
  return out;
}

}  // namespace

BoundPipeline bind_pipeline(const config::PipelineConfig& config,
                            const plugin::PluginRegistry& registry, ConfigErrors& errors) {
  BoundPipeline bound;
  for (const auto& s : config.sources) {
    std::string context = "[sources." + s.name + "]";
    auto source = bind_and_try(registry, s.stage, PluginKind::source, context, errors);
    auto transforms = bind_chain(registry, s.transforms, context, errors);
    if (source) bound.sources.push_back({s, std::move(*source), std::move(transforms)});
  }
  for (const auto& p : config.processors) {
    std::string context = "[processors." + p.name + "]";
    bound.processors.push_back({p, bind_chain(registry, p.transforms, context, errors)});
  }
  return bound;
}

std::vector<TransformChain::Stage> make_stages(const std::vector<plugin::BoundStage>& stages,
                                               std::string& error) {
  std::vector<TransformChain::Stage> out;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    auto instance = plugin::make_transform(stages[i], error);
    if (!instance) return {};
    out.push_back({std::to_string(i) + ":" + stages[i].plugin->name(), std::move(instance)});
  }
  return out;
}

}  // namespace streamweaver::pipeline
