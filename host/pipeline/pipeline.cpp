#include "pipeline/pipeline.hpp"

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {

Pipeline::Pipeline(const config::PipelineConfig& config, BoundPipeline bound,
                   metrics::Registry& metrics)
    : config_(config), bound_(std::move(bound)), metrics_(metrics) {}

Pipeline::~Pipeline() { stop(std::chrono::milliseconds(0)); }

void Pipeline::start() {
  const auto& k = config_.kafka;
  connection_ = std::make_unique<kafka::Connection>(k.brokers, k.producer, k.consumer);
  if (connection_->embedded())
    spdlog::info("embedded Kafka broker listening on {}", connection_->bootstrap());
  else
    spdlog::info("using Kafka brokers at {}", connection_->bootstrap());

  std::vector<kafka::TopicSpec> topics;
  for (const auto& t : config_.topics) topics.push_back({t.name, t.partitions, t.replication_factor});
  connection_->ensure_topics(topics);

  producer_ = std::make_unique<kafka::Producer>(connection_->producer_settings());
  start_sources();
}

void Pipeline::start_sources() {
  for (const auto& b : bound_.sources) {
    const auto& c = *b.config;
    std::string error;
    auto source = plugin::make_source(b.source, error);
    auto stages = make_stages(b.transforms, error);
    if (!source || stages.size() != b.transforms.size())
      throw std::runtime_error("[sources." + c.name + "]: cannot start: " + error);
    sources_.push_back(std::make_unique<SourceRunner>(
        SourceSettings{c.name, c.stage.plugin, c.rate}, std::move(source),
        TransformChain(std::move(stages), now_ms()), TopicWriter(*producer_, c.topic, c.key_field),
        metrics_));
    sources_.back()->start();
  }
}

int Pipeline::stop(std::chrono::milliseconds flush_timeout) {
  if (stopped_ || !producer_) return 0;
  stopped_ = true;
  for (auto& s : sources_) s->request_stop();
  for (auto& s : sources_) s->join();
  int left = producer_->flush(flush_timeout);
  if (left > 0)
    spdlog::warn("{} records were still undelivered after {} ms", left, flush_timeout.count());
  for (const auto& s : sources_)
    spdlog::info("[source:{}] delivered {} records, {} failed", s->name(), s->delivered(), s->failed());
  return left;
}

nlohmann::json Pipeline::health() const {
  auto sources = nlohmann::json::object();
  for (const auto& s : sources_) sources[s->name()] = s->health();
  return {{"kafka", {{"mode", connection_ ? connection_->mode() : "not started"},
                     {"bootstrap", connection_ ? connection_->bootstrap() : ""}}},
          {"sources", std::move(sources)}};
}

}  // namespace streamweaver::pipeline
