#pragma once
// Everything one pipeline file describes, running: the Kafka connection (embedded or real),
// its topics, the shared producer, one runner per source and one per processor. apply()
// moves a running pipeline to a new file's description, restarting only what changed.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/pipeline_config.hpp"
#include "kafka/connection.hpp"
#include "kafka/producer.hpp"
#include "metrics/registry.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "pipeline/processor.hpp"
#include "pipeline/source_runner.hpp"

namespace streamweaver::pipeline {

// What apply() changed, by name.
struct ApplySummary {
  std::vector<std::string> started, stopped, restarted;
  bool empty() const { return started.empty() && stopped.empty() && restarted.empty(); }
};

class Pipeline {
 public:
  // `bound` comes from bind_pipeline(config, ...); `config` is only read during start().
  Pipeline(const config::PipelineConfig& config, BoundPipeline bound, metrics::Registry& metrics);
  ~Pipeline();

  // Connects to Kafka, creates topics, starts sources and processors. Throws on failure.
  void start();
  // Creates new topics, stops removed or changed sources and processors and starts new or
  // changed ones; unchanged ones keep running. [kafka] itself cannot change (see reload).
  ApplySummary apply(const config::PipelineConfig& config, const BoundPipeline& bound);
  // Stops sources and processors, then waits up to `flush_timeout` for Kafka to take what is
  // queued. Returns how many records were left undelivered.
  int stop(std::chrono::milliseconds flush_timeout);

  nlohmann::json health() const;
  const kafka::Connection& kafka() const { return *connection_; }

 private:
  template <class Runner, class Config>
  struct Running {
    Config config;  // as last applied, to tell what changed
    std::unique_ptr<Runner> runner;
  };

  void create_topics(const config::PipelineConfig& config);
  std::unique_ptr<SourceRunner> make_source(const BoundSource& bound);
  std::unique_ptr<Processor> make_processor(const BoundProcessor& bound);

  const config::PipelineConfig* initial_config_;
  BoundPipeline initial_bound_;
  metrics::Registry& metrics_;
  std::unique_ptr<kafka::Connection> connection_;
  std::unique_ptr<kafka::Producer> producer_;
  std::map<std::string, Running<SourceRunner, config::SourceConfig>> sources_;
  std::map<std::string, Running<Processor, config::ProcessorConfig>> processors_;
  bool stopped_ = false;
};

}  // namespace streamweaver::pipeline
