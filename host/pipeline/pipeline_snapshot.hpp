#pragma once
// What /health and /metrics readers see of a pipeline: an immutable snapshot the owner
// thread takes after every change (start, reload, restart). It names the components by
// their shared statuses, never the running objects, so a reader on another thread can
// render it while a reload replaces the components.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kafka/kafka_health.hpp"
#include "pipeline/component_status.hpp"

namespace streamweaver::pipeline {

struct PipelineSnapshot {
  std::string kafka_mode = "not started";  // "embedded" or "external"
  std::string kafka_bootstrap;
  std::shared_ptr<const kafka::KafkaHealth> kafka;  // null before start
  std::vector<std::shared_ptr<const SourceStatus>> sources;        // by name
  std::vector<std::shared_ptr<const ProcessorStatus>> processors;  // by name
};

// The host's state, derived from Kafka's and the components': ok; degraded (working, but
// something is wrong: Kafka unreachable, a component failed and waits for its restart);
// failed (records can no longer be written).
enum class HealthStatus { ok, degraded, failed };
const char* to_string(HealthStatus status);

struct HealthVerdict {
  HealthStatus status = HealthStatus::ok;
  std::vector<std::string> problems;  // why it is not ok, one sentence each
};

HealthVerdict assess(const PipelineSnapshot& snapshot);

// {"kafka":{...}, "sources":{name:{...}}, "processors":{name:{...}}}
nlohmann::json to_json(const PipelineSnapshot& snapshot);

}  // namespace streamweaver::pipeline
