#include "pipeline/pipeline_snapshot.hpp"

#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {
namespace {

std::string iso_time(std::int64_t ms) { return iso8601_utc(ms * 1000); }

void assess_kafka(const kafka::KafkaHealth::State& k, HealthVerdict& verdict) {
  if (!k.producer_usable) {
    verdict.status = HealthStatus::failed;
    verdict.problems.push_back("the Kafka producer cannot be used after a fatal error (" + k.fatal_error +
                               "); restart the host");
  }
  if (!k.reachable) {
    verdict.problems.push_back("Kafka unreachable since " + iso_time(k.unreachable_since_ms) +
                               (k.last_error.empty() ? "" : ": " + k.last_error));
  } else if (!k.brokers_down.empty()) {
    std::string ids;
    for (auto id : k.brokers_down) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    verdict.problems.push_back("Kafka brokers down: " + ids);
  }
}

void assess_component(const ComponentStatus& c, HealthVerdict& verdict) {
  if (c.state() != RunState::failed) return;
  verdict.problems.push_back(c.kind() + " '" + c.name() + "' failed: " + c.last_error() +
                             "; supervision restarts it");
}

}  // namespace

const char* to_string(HealthStatus status) {
  switch (status) {
    case HealthStatus::ok: return "ok";
    case HealthStatus::degraded: return "degraded";
    case HealthStatus::failed: return "failed";
  }
  return "?";
}

HealthVerdict assess(const PipelineSnapshot& snapshot) {
  HealthVerdict verdict;
  if (snapshot.kafka) assess_kafka(snapshot.kafka->state(), verdict);
  for (const auto& s : snapshot.sources) assess_component(*s, verdict);
  for (const auto& p : snapshot.processors) assess_component(*p, verdict);
  if (verdict.status == HealthStatus::ok && !verdict.problems.empty())
    verdict.status = HealthStatus::degraded;
  return verdict;
}

nlohmann::json to_json(const PipelineSnapshot& snapshot) {
  nlohmann::json kafka = {{"mode", snapshot.kafka_mode}, {"bootstrap", snapshot.kafka_bootstrap}};
  if (snapshot.kafka) {
    auto k = snapshot.kafka->state();
    kafka["reachable"] = k.reachable;
    kafka["brokers_down"] = k.brokers_down;
    if (!k.reachable) kafka["unreachable_since"] = iso_time(k.unreachable_since_ms);
    if (!k.last_error.empty()) {
      kafka["last_error"] = k.last_error;
      kafka["last_error_at"] = iso_time(k.last_error_ms);
    }
    kafka["producer"] = {{"usable", k.producer_usable}, {"replacements", k.producer_replacements}};
    if (!k.fatal_error.empty()) kafka["producer"]["fatal_error"] = k.fatal_error;
  }
  auto sources = nlohmann::json::object();
  for (const auto& s : snapshot.sources) sources[s->name()] = s->to_json();
  auto processors = nlohmann::json::object();
  for (const auto& p : snapshot.processors) processors[p->name()] = p->to_json();
  return {{"kafka", std::move(kafka)}, {"sources", std::move(sources)}, {"processors", std::move(processors)}};
}

}  // namespace streamweaver::pipeline
