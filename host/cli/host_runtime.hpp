#pragma once
// The running host: metrics, the pipeline and, when enabled, the WebSocket bridge with its
// HTTP endpoints. Owns their start and stop order.
#include <chrono>
#include <memory>

#include <nlohmann/json.hpp>

#include "config/pipeline_config.hpp"
#include "metrics/registry.hpp"
#include "pipeline/pipeline.hpp"

namespace streamweaver::cli {

class HostRuntime {
 public:
  HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound);
  ~HostRuntime();

  void start();
  // Stops everything within a few seconds; returns how many records were left undelivered.
  int stop();

  nlohmann::json health() const;

 private:
  const config::PipelineConfig& config_;
  metrics::Registry metrics_;
  pipeline::Pipeline pipeline_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool stopped_ = false;
};

}  // namespace streamweaver::cli
