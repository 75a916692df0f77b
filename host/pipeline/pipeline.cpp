#include "pipeline/pipeline.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

#include "pipeline/config_equality.hpp"

namespace streamweaver::pipeline {
namespace {

std::string tag_of(const ComponentStatus& status) { return "[" + status.kind() + ":" + status.name() + "]"; }

}  // namespace

Pipeline::Pipeline(const config::PipelineConfig& config, BoundPipeline bound, metrics::Registry& metrics)
    : initial_config_(&config), initial_bound_(std::move(bound)), metrics_(metrics) {}

Pipeline::~Pipeline() {
  stop(std::chrono::milliseconds(0));
  // Its poll thread goes first: until then delivery reports may still reach handlers.
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

void Pipeline::failed() {
  if (failure_listener_) failure_listener_();
}

std::shared_ptr<SourceStatus> Pipeline::make_status(const BoundSource& b) {
  const auto& c = b.config;
  return std::make_shared<SourceStatus>(metrics_, SourceInfo{c.name, c.stage.plugin, c.topic, c.rate});
}

std::shared_ptr<ProcessorStatus> Pipeline::make_status(const BoundProcessor& b) {
  const auto& c = b.config;
  return std::make_shared<ProcessorStatus>(metrics_, ProcessorInfo{c.name, c.input, c.output, c.dead_letter});
}

std::unique_ptr<SourceRunner> Pipeline::make_runner(const SourceComponent& c) {
  const auto& b = c.bound;
  std::string error;
  auto source = plugin::make_source(b.source, error);
  auto stages = make_stages(b.transforms, error);
  if (!source || stages.size() != b.transforms.size())
    throw std::runtime_error("[sources." + b.config.name + "]: cannot start: " + error);
  return std::make_unique<SourceRunner>(c.status, std::move(source), TransformChain(std::move(stages), now_ms()),
                                        TopicWriter(*producer_, b.config.topic, b.config.key_field),
                                        [this] { failed(); });
}

std::unique_ptr<Processor> Pipeline::make_runner(const ProcessorComponent& c) {
  const auto& b = c.bound;
  std::string error;
  auto stages = make_stages(b.transforms, error);
  if (stages.size() != b.transforms.size())
    throw std::runtime_error("[processors." + b.config.name + "]: cannot start: " + error);
  return std::make_unique<Processor>(c.status, b.config, TransformChain(std::move(stages), now_ms()),
                                     *connection_, *producer_, [this] { failed(); });
}

template <class C>
void Pipeline::start_runner(C& c) {
  c.runner = make_runner(c);
  c.progress_at_start = c.status->progress();
  c.status->set_state(RunState::starting);
  c.runner->start();
}

// Stops what is gone or changed, starts what is new or changed.
template <class Map, class BoundList>
void Pipeline::reconcile(Map& running, const BoundList& wanted, ApplySummary& summary) {
  for (auto it = running.begin(); it != running.end();) {
    auto match = std::find_if(wanted.begin(), wanted.end(),
                              [&](const auto& b) { return b.config.name == it->first; });
    if (match != wanted.end() && same(match->config, it->second.bound.config)) {
      ++it;
      continue;
    }
    it->second.runner.reset();  // stops and joins; its records in flight are still counted
    it->second.status->set_state(RunState::stopped);
    (match == wanted.end() ? summary.stopped : summary.restarted).push_back(it->first);
    it = running.erase(it);
  }
  for (const auto& b : wanted) {
    if (running.contains(b.config.name)) continue;
    auto& c = running[b.config.name];
    c.bound = b;
    c.status = make_status(b);
    try {
      start_runner(c);
    } catch (...) {
      running.erase(b.config.name);
      throw;
    }
    auto& restarted = summary.restarted;
    if (std::find(restarted.begin(), restarted.end(), b.config.name) == restarted.end())
      summary.started.push_back(b.config.name);
  }
}

ApplySummary Pipeline::apply(const config::PipelineConfig& config, const BoundPipeline& bound) {
  create_topics(config);
  ApplySummary summary;
  reconcile(sources_, bound.sources, summary);
  reconcile(processors_, bound.processors, summary);
  return summary;
}

template <class C>
void Pipeline::supervise_one(C& c, Clock::time_point now, Clock::time_point& next) {
  auto& status = *c.status;
  if (status.state() != RunState::failed) return;
  if (c.restart_at && now >= *c.restart_at) {
    c.runner.reset();  // its thread has ended
    c.restart_at.reset();
    try {
      start_runner(c);
      status.restarted();
      spdlog::info("{} restarted ({} restarts so far)", tag_of(status), status.restarts());
      return;
    } catch (const std::exception& e) {
      status.fail(std::string("cannot restart: ") + e.what());
      spdlog::error("{} cannot restart: {}", tag_of(status), e.what());
    }
  }
  if (!c.restart_at) {
    auto delay = c.backoff.next(status.progress() > c.progress_at_start);
    c.restart_at = now + delay;
    status.set_restart_at(now_ms() + delay.count());
    spdlog::warn("{} restarting in {} ms", tag_of(status), delay.count());
  }
  next = std::min(next, *c.restart_at);
}

Pipeline::Clock::time_point Pipeline::supervise(Clock::time_point now) {
  auto next = Clock::time_point::max();
  if (stopped_) return next;
  for (auto& [name, c] : sources_) supervise_one(c, now, next);
  for (auto& [name, c] : processors_) supervise_one(c, now, next);
  return next;
}

std::uint64_t Pipeline::stop(std::chrono::milliseconds flush_timeout) {
  if (stopped_ || !producer_) return 0;
  stopped_ = true;
  for (auto& [name, c] : sources_)
    if (c.runner) c.runner->request_stop();
  for (auto& [name, c] : processors_)
    if (c.runner) c.runner->request_stop();
  std::uint64_t dropped = 0;
  for (auto& [name, c] : sources_) {
    if (!c.runner) continue;
    c.runner->join();
    dropped += c.runner->dropped_at_stop();
  }
  for (auto& [name, c] : processors_)
    if (c.runner) c.runner->join();
  int left = producer_->flush(flush_timeout);
  if (left > 0) {
    spdlog::error("Kafka did not take {} records within {} ms; giving up on them", left,
                  flush_timeout.count());
    producer_->purge();
  }
  for (const auto& [name, c] : sources_) {
    const auto& s = *c.status;
    spdlog::info("[source:{}] generated {}, delivered {}, failed {}", name, s.generated.value(),
                 s.delivered.value(), s.failed.value());
  }
  return static_cast<std::uint64_t>(left) + dropped;
}

PipelineSnapshot Pipeline::snapshot() const {
  PipelineSnapshot snapshot;
  if (connection_) {
    snapshot.kafka_mode = connection_->mode();
    snapshot.kafka_bootstrap = connection_->bootstrap();
  }
  if (producer_) snapshot.kafka = producer_->health();
  for (const auto& [name, c] : sources_) snapshot.sources.push_back(c.status);
  for (const auto& [name, c] : processors_) snapshot.processors.push_back(c.status);
  return snapshot;
}

}  // namespace streamweaver::pipeline
