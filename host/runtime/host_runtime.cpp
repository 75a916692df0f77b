#include "runtime/host_runtime.hpp"

#include "runtime/bridged_topics.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <spdlog/fmt/ranges.h>
#include <spdlog/spdlog.h>

namespace streamweaver::runtime {

namespace {

// The dashboard next to the binary: build/web in a build tree, share/streamweaver/web when
// installed.
std::filesystem::path default_web_root() {
  auto exe_dir = boost::dll::program_location().parent_path();
  for (auto candidate : {exe_dir / ".." / "web", exe_dir / ".." / "share" / "streamweaver" / "web"})
    if (std::filesystem::exists(candidate / "index.html")) return candidate.lexically_normal();
  return {};
}

bridge::auth::AccessSettings access_settings(const config::BridgeAccessConfig& c) {
  using namespace bridge::auth;
  AccessSettings s{.mode = c.auth.mode == "token" ? AuthMode::token : c.auth.mode == "jwt" ? AuthMode::jwt : AuthMode::none,
                   .allowed_origins = c.allowed_origins,
                   .admin_listen = c.admin_listen,
                   .max_connections = c.max_connections,
                   .max_connections_per_ip = c.max_connections_per_ip,
                   .max_subscribes_per_s = c.max_subscribes_per_s};
  for (const auto& t : c.auth.tokens) s.tokens.push_back({.name = t.name, .value = t.secret.value, .topics = t.topics});
  if (c.auth.jwt_public_key) s.jwt = {.algorithm = JwtSettings::Algorithm::rs256, .key = c.auth.jwt_public_key->value};
  if (c.auth.jwt_secret) s.jwt = {.algorithm = JwtSettings::Algorithm::hs256, .key = c.auth.jwt_secret->value};
  s.jwt.audience = c.auth.audience;
  s.jwt.issuer = c.auth.issuer;
  if (c.auth.admin_token) s.admin_token = c.auth.admin_token->value;
  return s;
}

bridge::BridgeSettings bridge_settings(const config::BridgeConfig& c) {
  return {.listen = c.listen,
          .topics = c.topics,
          .replay_records = c.replay_records,
          .max_queue_bytes = c.max_queue_bytes,
          .slow_client_timeout = std::chrono::milliseconds(c.slow_client_timeout_ms),
          .web_root = c.web_root.empty() ? default_web_root() : std::filesystem::path(c.web_root),
          .threads = c.threads,
          .permessage_deflate = c.permessage_deflate,
          .max_catchup_records = c.max_catchup_records,
          .access = access_settings(c.access)};
}

}  // namespace

HostRuntime::HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound)
    : config_(config),
      catalog_(bridged_topics(config, bound)),
      pipeline_(config, std::move(bound), metrics_),
      health_gauge_(metrics_.gauge("streamweaver_health_status",
                                   "What /health says: 0 ok, 1 degraded, 2 failed")),
      kafka_reachable_gauge_(metrics_.gauge("streamweaver_kafka_reachable",
                                            "1 when at least one Kafka broker answers")),
      brokers_down_gauge_(metrics_.gauge("streamweaver_kafka_brokers_down",
                                         "Kafka brokers whose connection is down")),
      producer_replacements_gauge_(metrics_.gauge(
          "streamweaver_kafka_producer_replacements", "Producers replaced after a fatal error")) {}

HostRuntime::~HostRuntime() { stop(); }

void HostRuntime::on_failure(std::function<void()> listener) { pipeline_.on_failure(std::move(listener)); }

void HostRuntime::start() {
  pipeline_.start();
  publish();  // before the bridge answers its first /health
  if (config_.bridge.enabled) start_bridge();
}

void HostRuntime::start_bridge() {
  auto settings = bridge_settings(config_.bridge);
  if (settings.web_root.empty())
    spdlog::warn("[bridge] no dashboard found next to the binary; serving the API only");
  hub_ = std::make_unique<bridge::Hub>(settings, metrics_);
  hub_->set_catalog(catalog_);
  catch_ups_ = std::make_unique<pipeline::BridgeCatchUps>(pipeline_.kafka(), *hub_,
                                                          settings.max_catchup_records);
  hub_->set_catch_ups(catch_ups_.get());
  server_ = std::make_unique<bridge::Server>(
      settings, *hub_,
      bridge::HttpHandlers{.health_json = [this] { return health_reply(); },
                           .metrics_text = [this] { return metrics_reply(); }});
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
  if (next.bridge.enabled != config_.bridge.enabled || next.bridge.listen != config_.bridge.listen ||
      next.bridge.access != config_.bridge.access) {
    spdlog::error("reload refused: [bridge] enabled/listen, [bridge.auth], origins or limits changed; restart the host to apply it");
    return false;
  }
  pipeline::ApplySummary summary;
  try {
    summary = pipeline_.apply(next, bound);
  } catch (...) {
    publish();  // whatever did change is visible
    throw;
  }
  bool bridged_topics_changed = hub_ && next.bridge.topics != config_.bridge.topics;
  if (bridged_topics_changed) {
    feed_.reset();
    hub_->set_topics(next.bridge.topics);
    feed_ = std::make_unique<pipeline::BridgeFeed>(pipeline_.kafka(), next.bridge.topics, *hub_);
    feed_->start();
  }
  catalog_ = bridged_topics(next, bound);
  if (hub_) hub_->set_catalog(catalog_);  // open dashboards add or drop panels at once
  config_ = next;
  publish();  // before the log lines: whoever reads them may ask /health next
  if (bridged_topics_changed) spdlog::info("[bridge] now bridging {}", fmt::join(next.bridge.topics, ", "));
  spdlog::info("reloaded {}: started [{}], restarted [{}], stopped [{}]", next.file,
               fmt::join(summary.started, ", "), fmt::join(summary.restarted, ", "),
               fmt::join(summary.stopped, ", "));
  return true;
}

HostRuntime::Clock::time_point HostRuntime::supervise() {
  auto next = pipeline_.supervise(Clock::now());
  publish();  // restarts made new runners; statuses are the same objects
  return next;
}

std::uint64_t HostRuntime::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  auto left = pipeline_.stop(std::chrono::milliseconds(config_.kafka.shutdown_timeout_ms));
  if (feed_) feed_->stop();
  if (server_) server_->stop();
  if (hub_) hub_->set_catch_ups(nullptr);
  catch_ups_.reset();  // their clients are gone with the server
  return left;
}

void HostRuntime::publish() {
  auto snapshot = std::make_shared<Snapshot>(Snapshot{pipeline_.snapshot(), config_.bridge.topics, config_.bridge.access.auth.mode});
  std::lock_guard lock(published_mutex_);
  published_ = std::move(snapshot);
}

std::shared_ptr<const HostRuntime::Snapshot> HostRuntime::published() const {
  std::lock_guard lock(published_mutex_);
  return published_;
}

nlohmann::json HostRuntime::health() const {
  auto snapshot = published();
  auto verdict = pipeline::assess(snapshot->pipeline);
  auto health = pipeline::to_json(snapshot->pipeline);
  health["status"] = to_string(verdict.status);
  health["problems"] = verdict.problems;
  health["uptime_s"] = std::chrono::duration<double>(Clock::now() - started_).count();
  if (hub_) health["bridge"] = {{"clients", hub_->client_count()}, {"topics", snapshot->bridge_topics}};
  health["auth"] = snapshot->auth_mode;  // "none": anyone who reaches the port may read
  return health;
}

bridge::HttpReply HostRuntime::health_reply() const {
  auto health = this->health();
  return {.status = health["status"] == "failed" ? 503u : 200u, .body = health.dump()};
}

bridge::HttpReply HostRuntime::metrics_reply() {
  auto snapshot = published();
  health_gauge_.set(static_cast<std::int64_t>(pipeline::assess(snapshot->pipeline).status));
  if (snapshot->pipeline.kafka) {
    auto k = snapshot->pipeline.kafka->state();
    kafka_reachable_gauge_.set(k.reachable ? 1 : 0);
    brokers_down_gauge_.set(static_cast<std::int64_t>(k.brokers_down.size()));
    producer_replacements_gauge_.set(static_cast<std::int64_t>(k.producer_replacements));
  }
  return {.status = 200, .body = metrics_.prometheus_text()};
}

}  // namespace streamweaver::runtime
