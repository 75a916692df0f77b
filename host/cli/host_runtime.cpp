#include "cli/host_runtime.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <spdlog/fmt/ranges.h>
#include <spdlog/spdlog.h>

namespace streamweaver::cli {

namespace {

constexpr auto kFlushTimeout = std::chrono::milliseconds(3000);

// The dashboard next to the binary: build/web in a build tree, share/streamweaver/web when
// installed.
std::filesystem::path default_web_root() {
  auto exe_dir = boost::dll::program_location().parent_path();
  for (auto candidate : {exe_dir / ".." / "web", exe_dir / ".." / "share" / "streamweaver" / "web"})
    if (std::filesystem::exists(candidate / "index.html")) return candidate.lexically_normal();
  return {};
}

bridge::BridgeSettings bridge_settings(const config::BridgeConfig& c) {
  return {.listen = c.listen,
          .topics = c.topics,
          .replay_records = c.replay_records,
          .max_queue_bytes = c.max_queue_bytes,
          .slow_client_timeout = std::chrono::milliseconds(c.slow_client_timeout_ms),
          .web_root = c.web_root.empty() ? default_web_root() : std::filesystem::path(c.web_root),
          .threads = c.threads};
}

}  // namespace

HostRuntime::HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound)
    : config_(config), pipeline_(config, std::move(bound), metrics_) {}

HostRuntime::~HostRuntime() { stop(); }

void HostRuntime::start() {
  pipeline_.start();
  if (config_.bridge.enabled) start_bridge();
}

void HostRuntime::start_bridge() {
  auto settings = bridge_settings(config_.bridge);
  if (settings.web_root.empty())
    spdlog::warn("[bridge] no dashboard found next to the binary; serving the API only");
  hub_ = std::make_unique<bridge::Hub>(settings, metrics_);
  server_ = std::make_unique<bridge::Server>(
      settings, *hub_,
      bridge::HttpHandlers{.health_json = [this] { return health().dump(); },
                           .metrics_text = [this] { return metrics_.prometheus_text(); }});
  server_->start();
  feed_ = std::make_unique<pipeline::BridgeFeed>(pipeline_.kafka(), config_.bridge.topics, *hub_);
  feed_->start();
}

bool HostRuntime::reload(const config::PipelineConfig& next, const pipeline::BoundPipeline& bound) {
  const auto& k = config_.kafka;
  if (next.kafka.brokers != k.brokers || next.kafka.producer != k.producer || next.kafka.consumer != k.consumer) {
    spdlog::error("reload refused: [kafka] changed; restart the host to apply it");
    return false;
  }
  if (next.bridge.enabled != config_.bridge.enabled || next.bridge.listen != config_.bridge.listen) {
    spdlog::error("reload refused: [bridge] enabled/listen changed; restart the host to apply it");
    return false;
  }
  auto summary = pipeline_.apply(next, bound);
  if (hub_ && next.bridge.topics != config_.bridge.topics) {
    feed_.reset();
    hub_->set_topics(next.bridge.topics);
    feed_ = std::make_unique<pipeline::BridgeFeed>(pipeline_.kafka(), next.bridge.topics, *hub_);
    feed_->start();
    spdlog::info("[bridge] now bridging {}", fmt::join(next.bridge.topics, ", "));
  }
  spdlog::info("reloaded {}: started [{}], restarted [{}], stopped [{}]", next.file,
               fmt::join(summary.started, ", "), fmt::join(summary.restarted, ", "),
               fmt::join(summary.stopped, ", "));
  config_ = next;
  return true;
}

int HostRuntime::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  int left = pipeline_.stop(kFlushTimeout);
  if (feed_) feed_->stop();
  if (server_) server_->stop();
  return left;
}

nlohmann::json HostRuntime::health() const {
  auto health = pipeline_.health();
  health["status"] = "ok";
  health["uptime_s"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (hub_) health["bridge"] = {{"clients", hub_->client_count()}, {"topics", config_.bridge.topics}};
  return health;
}

}  // namespace streamweaver::cli
