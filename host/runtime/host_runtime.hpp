#pragma once
// The running host: metrics, the pipeline and, when enabled, the WebSocket bridge with its
// HTTP endpoints. Owns their start and stop order.
//
// One owner thread (the control loop's) calls start, reload, supervise and stop. The HTTP
// threads call health_reply and metrics_reply, which read only a snapshot the owner
// published after its last change.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "bridge/hub.hpp"
#include "bridge/server.hpp"
#include "config/pipeline_config.hpp"
#include "metrics/registry.hpp"
#include "pipeline/bridge_catch_ups.hpp"
#include "pipeline/bridge_feed.hpp"
#include "pipeline/pipeline.hpp"

namespace streamweaver::runtime {

class HostRuntime {
 public:
  using Clock = std::chrono::steady_clock;

  HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound);
  ~HostRuntime();

  // Called from a component's thread when it fails; set before start().
  void on_failure(std::function<void()> listener);

  void start();
  // Moves the running host to a new, already checked pipeline; WebSocket clients stay
  // connected and unchanged parts keep running. Returns false (and changes nothing) when the
  // change needs a restart: [kafka] brokers or client settings, or the bridge's listen address.
  bool reload(const config::PipelineConfig& next, const pipeline::BoundPipeline& bound);
  // Restarts failed components whose backoff has passed; returns when to call it again.
  Clock::time_point supervise();
  // Stops everything, waiting up to [kafka] shutdown_timeout_ms for Kafka to take what is
  // queued; returns how many records were not delivered.
  std::uint64_t stop();

  // Any thread.
  nlohmann::json health() const;
  bridge::HttpReply health_reply() const;    // 200, or 503 when failed
  bridge::HttpReply metrics_reply();         // Prometheus text
  // The HTTP port, once started with the bridge enabled (0 otherwise).
  std::uint16_t http_port() const { return server_ ? server_->port() : 0; }
  pipeline::Pipeline& pipeline() { return pipeline_; }
  metrics::Registry& metrics() { return metrics_; }

 private:
  // What other threads may read, replaced as a whole by the owner thread.
  struct Snapshot {
    pipeline::PipelineSnapshot pipeline;
    std::vector<std::string> bridge_topics;
    std::string auth_mode;  // [bridge.auth] mode
  };

  void start_bridge();
  void publish();
  std::shared_ptr<const Snapshot> published() const;

  config::PipelineConfig config_;  // as last applied; owner thread only
  bridge::TopicCatalog catalog_;   // what the bridge tells clients, as last applied
  metrics::Registry metrics_;
  pipeline::Pipeline pipeline_;
  std::unique_ptr<bridge::Hub> hub_;
  std::unique_ptr<pipeline::BridgeCatchUps> catch_ups_;  // reads older records for clients
  std::unique_ptr<bridge::Server> server_;
  std::unique_ptr<pipeline::BridgeFeed> feed_;
  Clock::time_point started_ = Clock::now();
  bool stopped_ = false;

  mutable std::mutex published_mutex_;
  std::shared_ptr<const Snapshot> published_ = std::make_shared<Snapshot>();

  metrics::Gauge& health_gauge_;
  metrics::Gauge& kafka_reachable_gauge_;
  metrics::Gauge& brokers_down_gauge_;
  metrics::Gauge& producer_replacements_gauge_;
};

}  // namespace streamweaver::runtime
