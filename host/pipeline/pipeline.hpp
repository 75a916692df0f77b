#pragma once
// Everything one pipeline file describes, running: the Kafka connection (embedded or real),
// its topics, the shared producer, one runner per source and one per processor.
#include <chrono>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/pipeline_config.hpp"
#include "kafka/connection.hpp"
#include "kafka/producer.hpp"
#include "metrics/registry.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "pipeline/source_runner.hpp"

namespace streamweaver::pipeline {

class Pipeline {
 public:
  // `config` must outlive the pipeline; `bound` comes from bind_pipeline(config, ...).
  Pipeline(const config::PipelineConfig& config, BoundPipeline bound, metrics::Registry& metrics);
  ~Pipeline();

  // Connects to Kafka, creates topics, starts sources and processors. Throws on failure.
  void start();
  // Stops sources and processors, then waits up to `flush_timeout` for Kafka to take what is
  // queued. Returns how many records were left undelivered.
  int stop(std::chrono::milliseconds flush_timeout);

  nlohmann::json health() const;
  const kafka::Connection& kafka() const { return *connection_; }

 private:
  void start_sources();

  const config::PipelineConfig& config_;
  BoundPipeline bound_;
  metrics::Registry& metrics_;
  std::unique_ptr<kafka::Connection> connection_;
  std::unique_ptr<kafka::Producer> producer_;
  std::vector<std::unique_ptr<SourceRunner>> sources_;
  bool stopped_ = false;
};

}  // namespace streamweaver::pipeline
