#include "pipeline/pipeline.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

#include "pipeline/config_equality.hpp"

namespace streamweaver::pipeline {
namespace {

// Stops what is gone or changed, starts what is new or changed; `make` builds a runner.
template <class RunningMap, class BoundList, class Make>
void reconcile(RunningMap& running, const BoundList& wanted, Make make, ApplySummary& summary) {
  for (auto it = running.begin(); it != running.end();) {
    auto match = std::find_if(wanted.begin(), wanted.end(),
                              [&](const auto& b) { return b.config->name == it->first; });
    if (match != wanted.end() && same(*match->config, it->second.config)) {
      ++it;
      continue;
    }
    it->second.runner.reset();  // stops and joins
    (match == wanted.end() ? summary.stopped : summary.restarted).push_back(it->first);
    it = running.erase(it);
  }
  for (const auto& b : wanted) {
    if (running.contains(b.config->name)) continue;
    auto runner = make(b);
    runner->start();
    running[b.config->name] = {*b.config, std::move(runner)};
    if (std::find(summary.restarted.begin(), summary.restarted.end(), b.config->name) ==
        summary.restarted.end())
      summary.started.push_back(b.config->name);
  }
}

}  // namespace

Pipeline::Pipeline(const config::PipelineConfig& config, BoundPipeline bound,
                   metrics::Registry& metrics)
    : initial_config_(&config), initial_bound_(std::move(bound)), metrics_(metrics) {}

Pipeline::~Pipeline() {
  stop(std::chrono::milliseconds(0));
  // Delivery reports point at runners and processors: the producer (and its poll thread)
  // goes first.
  producer_.reset();
}

void Pipeline::create_topics(const config::PipelineConfig& config) {
  std::vector<kafka::TopicSpec> topics;
  for (const auto& t : config.topics) topics.push_back({t.name, t.partitions, t.replication_factor});
  connection_->ensure_topics(topics);
}

void Pipeline::start() {
  const auto& k = initial_config_->kafka;
  connection_ = std::make_unique<kafka::Connection>(k.brokers, k.producer, k.consumer);
  if (connection_->embedded())
    spdlog::info("embedded Kafka broker listening on {}", connection_->bootstrap());
  else
    spdlog::info("using Kafka brokers at {}", connection_->bootstrap());
  producer_ = std::make_unique<kafka::Producer>(connection_->producer_settings());
  apply(*initial_config_, initial_bound_);
  initial_bound_ = {};
  initial_config_ = nullptr;
}

std::unique_ptr<SourceRunner> Pipeline::make_source(const BoundSource& b) {
  const auto& c = *b.config;
  std::string error;
  auto source = plugin::make_source(b.source, error);
  auto stages = make_stages(b.transforms, error);
  if (!source || stages.size() != b.transforms.size())
    throw std::runtime_error("[sources." + c.name + "]: cannot start: " + error);
  return std::make_unique<SourceRunner>(SourceSettings{c.name, c.stage.plugin, c.rate}, std::move(source),
                                        TransformChain(std::move(stages), now_ms()),
                                        TopicWriter(*producer_, c.topic, c.key_field), metrics_);
}

std::unique_ptr<Processor> Pipeline::make_processor(const BoundProcessor& b) {
  std::string error;
  auto stages = make_stages(b.transforms, error);
  if (stages.size() != b.transforms.size())
    throw std::runtime_error("[processors." + b.config->name + "]: cannot start: " + error);
  return std::make_unique<Processor>(*b.config, TransformChain(std::move(stages), now_ms()),
                                     *connection_, *producer_, metrics_);
}

ApplySummary Pipeline::apply(const config::PipelineConfig& config, const BoundPipeline& bound) {
  create_topics(config);
  ApplySummary summary;
  reconcile(sources_, bound.sources, [&](const BoundSource& b) { return make_source(b); }, summary);
  reconcile(processors_, bound.processors, [&](const BoundProcessor& b) { return make_processor(b); },
            summary);
  return summary;
}

int Pipeline::stop(std::chrono::milliseconds flush_timeout) {
  if (stopped_ || !producer_) return 0;
  stopped_ = true;
  for (auto& [name, s] : sources_) s.runner->request_stop();
  for (auto& [name, s] : sources_) s.runner->join();
  for (auto& [name, p] : processors_) p.runner->request_stop();
  for (auto& [name, p] : processors_) p.runner->join();
  int left = producer_->flush(flush_timeout);
  if (left > 0)
    spdlog::warn("{} records were still undelivered after {} ms", left, flush_timeout.count());
  for (const auto& [name, s] : sources_)
    spdlog::info("[source:{}] delivered {} records, {} failed", name, s.runner->delivered(),
                 s.runner->failed());
  return left;
}

nlohmann::json Pipeline::health() const {
  auto sources = nlohmann::json::object();
  for (const auto& [name, s] : sources_) sources[name] = s.runner->health();
  auto processors = nlohmann::json::object();
  for (const auto& [name, p] : processors_) processors[name] = p.runner->health();
  return {{"processors", std::move(processors)},
          {"kafka", {{"mode", connection_ ? connection_->mode() : "not started"},
                     {"bootstrap", connection_ ? connection_->bootstrap() : ""}}},
          {"sources", std::move(sources)}};
}

}  // namespace streamweaver::pipeline
