#pragma once
// The running host: metrics, the pipeline and, when enabled, the WebSocket bridge with its
// HTTP endpoints. Owns their start and stop order.
#include <chrono>
#include <memory>

#include <nlohmann/json.hpp>

#include "bridge/hub.hpp"
#include "bridge/server.hpp"
#include "config/pipeline_config.hpp"
#include "metrics/registry.hpp"
#include "pipeline/bridge_feed.hpp"
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
  // The HTTP port, once started with the bridge enabled (0 otherwise).
  std::uint16_t http_port() const { return server_ ? server_->port() : 0; }

 private:
  void start_bridge();

  const config::PipelineConfig& config_;
  metrics::Registry metrics_;
  pipeline::Pipeline pipeline_;
  std::unique_ptr<bridge::Hub> hub_;
  std::unique_ptr<bridge::Server> server_;
  std::unique_ptr<pipeline::BridgeFeed> feed_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool stopped_ = false;
};

}  // namespace streamweaver::cli
