#pragma once
// Starts a real pipeline in-process from TOML text, on the embedded broker, with the plugins
// from build/plugins (and the test fixtures). Stops it on destruction.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/pipeline_config.hpp"
#include "metrics/registry.hpp"
#include "pipeline/pipeline.hpp"
#include "plugin/plugin_registry.hpp"

namespace streamweaver::test_support {

class RunningPipeline {
 public:
  // Throws std::runtime_error with every config error when the text does not check.
  explicit RunningPipeline(const std::string& toml);
  ~RunningPipeline();

  pipeline::Pipeline& pipeline() { return *pipeline_; }
  const std::string& bootstrap() const { return pipeline_->kafka().bootstrap(); }
  metrics::Registry& metrics() { return metrics_; }
  int stop();

 private:
  config::PipelineConfig config_;
  plugin::PluginRegistry registry_;
  metrics::Registry metrics_;
  std::unique_ptr<pipeline::Pipeline> pipeline_;
};

// Waits until `done()` holds, checking every few ms; false after `timeout`. For counters
// that have no event to wait on.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout);

}  // namespace streamweaver::test_support
