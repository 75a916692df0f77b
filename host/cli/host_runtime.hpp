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
  // `bound` points into `config`, which must live until start() returns.
  HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound);
  ~HostRuntime();

  void start();
  // Stops everything within a few seconds; returns how many records were left undelivered.
  int stop();

  // Moves the running host to a new, already checked pipeline; WebSocket clients stay
  // connected and unchanged parts keep running. Returns false (and changes nothing) when the
  // change needs a restart: [kafka] or the bridge's listen address.
  bool reload(const config::PipelineConfig& next, const pipeline::BoundPipeline& bound);

  nlohmann::json health() const;
  // The HTTP port, once started with the bridge enabled (0 otherwise).
  std::uint16_t http_port() const { return server_ ? server_->port() : 0; }

 private:
  void start_bridge();

  config::PipelineConfig config_;  // as last applied
  metrics::Registry metrics_;
  pipeline::Pipeline pipeline_;
  std::unique_ptr<bridge::Hub> hub_;
  std::unique_ptr<bridge::Server> server_;
  std::unique_ptr<pipeline::BridgeFeed> feed_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool stopped_ = false;
};

}  // namespace streamweaver::cli
