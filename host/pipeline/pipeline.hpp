#pragma once
// Everything one pipeline file describes, running: the Kafka connection (embedded or real),
// its topics, the shared producer, one runner per source and one per processor.
//
// One owner thread calls every member but the failure listener's target: it starts, applies
// a new file's description (restarting only what changed), restarts failed components
// (supervision) and stops. Other threads see the pipeline only through snapshot()s the
// owner hands them.
#include <chrono>
#include <functional>
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
#include "pipeline/pipeline_snapshot.hpp"
#include "pipeline/processor.hpp"
#include "pipeline/restart_backoff.hpp"
#include "pipeline/source_runner.hpp"

namespace streamweaver::pipeline {

// What apply() changed, by name.
struct ApplySummary {
  std::vector<std::string> started, stopped, restarted;
  bool empty() const { return started.empty() && stopped.empty() && restarted.empty(); }
};

class Pipeline {
 public:
  using Clock = std::chrono::steady_clock;

  Pipeline(const config::PipelineConfig& config, BoundPipeline bound, metrics::Registry& metrics);
  ~Pipeline();

  // Called from a component's own thread when it fails; set before start(). It should only
  // wake the owner thread, which then calls supervise().
  void on_failure(std::function<void()> listener) { failure_listener_ = std::move(listener); }

  // Connects to Kafka, creates topics, starts sources and processors. Throws on failure.
  void start();
  // Creates new topics, stops removed or changed sources and processors and starts new or
  // changed ones; unchanged ones keep running. [kafka] itself cannot change (see reload).
  ApplySummary apply(const config::PipelineConfig& config, const BoundPipeline& bound);
  // Schedules a restart for each newly failed component and restarts those whose backoff
  // has passed. Returns when it next has something to do (Clock::time_point::max(): never).
  Clock::time_point supervise(Clock::time_point now = Clock::now());
  // Stops sources and processors, then waits up to `flush_timeout` for Kafka to take what is
  // queued. Returns how many records were not delivered (given up at the timeout, or made
  // by a source and not yet handed to Kafka when it stopped).
  std::uint64_t stop(std::chrono::milliseconds flush_timeout);

  PipelineSnapshot snapshot() const;
  nlohmann::json health() const { return to_json(snapshot()); }
  const kafka::Connection& kafka() const { return *connection_; }
  kafka::Producer& producer() { return *producer_; }

 private:
  // One source or processor: what it is made from (to make it again), its status (kept
  // across restarts) and its runner.
  template <class Bound, class Status, class Runner>
  struct Component {
    Bound bound;
    std::shared_ptr<Status> status;
    std::unique_ptr<Runner> runner;
    RestartBackoff backoff;
    std::uint64_t progress_at_start = 0;
    std::optional<Clock::time_point> restart_at;
  };
  using SourceComponent = Component<BoundSource, SourceStatus, SourceRunner>;
  using ProcessorComponent = Component<BoundProcessor, ProcessorStatus, Processor>;

  template <class Map, class BoundList>
  void reconcile(Map& running, const BoundList& wanted, ApplySummary& summary);
  template <class C>
  void supervise_one(C& component, Clock::time_point now, Clock::time_point& next);
  template <class C>
  void start_runner(C& component);

  void create_topics(const config::PipelineConfig& config);
  std::unique_ptr<SourceRunner> make_runner(const SourceComponent& c);
  std::unique_ptr<Processor> make_runner(const ProcessorComponent& c);
  std::shared_ptr<SourceStatus> make_status(const BoundSource& b);
  std::shared_ptr<ProcessorStatus> make_status(const BoundProcessor& b);
  void failed();

  const config::PipelineConfig* initial_config_;
  BoundPipeline initial_bound_;
  metrics::Registry& metrics_;
  std::function<void()> failure_listener_;
  std::unique_ptr<kafka::Connection> connection_;
  std::unique_ptr<kafka::Producer> producer_;
  std::map<std::string, SourceComponent> sources_;
  std::map<std::string, ProcessorComponent> processors_;
  bool stopped_ = false;
};

}  // namespace streamweaver::pipeline
