#pragma once
// What a source or processor tells the rest of the host about itself. Its own thread writes
// it; /health and /metrics read it from other threads; and it outlives the component:
// supervision keeps it across restarts, and a published snapshot may still show it after a
// reload removed the component. Everything in it is an atomic or guarded by its mutex.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <streamweaver/source.hpp>

#include "kafka/producer.hpp"
#include "metrics/registry.hpp"
#include "pipeline/run_state.hpp"
#include "pipeline/transform_chain.hpp"

namespace streamweaver::pipeline {

class ComponentStatus : public kafka::WaitListener {
 public:
  // kind: "source" or "processor".
  ComponentStatus(metrics::Registry& metrics, std::string kind, std::string name);
  virtual ~ComponentStatus() = default;

  const std::string& kind() const { return kind_; }
  const std::string& name() const { return name_; }

  RunState state() const { return state_.load(); }
  std::string last_error() const;
  // A count that grows when the component does useful work (records written, batches
  // committed): supervision tells a crash loop from an occasional failure by it.
  virtual std::uint64_t progress() const = 0;
  // When supervision will restart it (epoch ms; 0: not scheduled).
  void set_restart_at(std::int64_t epoch_ms) { restart_at_ms_ = epoch_ms; }
  void set_state(RunState state);
  // Sets `state` unless the state is `kept` now: for a thread whose say another's overrides.
  void set_state_unless(RunState kept, RunState state);
  // Stopped by `error`: state failed, and supervision's business from now on.
  void fail(const std::string& error);
  // Remembers `error` as the last one without changing the state.
  void note_error(const std::string& error);
  void restarted();
  // While its thread waits for room in the producer queue: state waiting.
  void waiting(bool waiting) noexcept override;
  void waited(std::chrono::nanoseconds) noexcept override {}
  std::uint64_t restarts() const { return restarts_.value(); }

  // Copies the figures the chain's stages report (at most once a second: the runner calls
  // it after each batch, from its own thread).
  void publish_figures(const TransformChain& chain);

  // The fields every component shows, then its own (describe()).
  nlohmann::json to_json() const;

 protected:
  virtual void describe(nlohmann::json& out) const = 0;
  metrics::Counter& counter(const std::string& what, const std::string& help);
  metrics::Registry& metrics() { return metrics_; }

 private:
  metrics::Registry& metrics_;
  std::string kind_;
  std::string name_;
  std::atomic<RunState> state_{RunState::starting};
  std::mutex state_mutex_;  // the state and its gauges change together
  void set_state_locked(RunState state);
  std::atomic<std::int64_t> restart_at_ms_{0};
  std::array<metrics::Gauge*, kRunStates.size()> state_gauges_;
  metrics::Counter& restarts_;
  mutable std::mutex error_mutex_;
  std::string last_error_;
  std::int64_t last_error_ms_ = 0;

  std::int64_t figures_published_ms_ = 0;  // runner thread only
  mutable std::mutex figures_mutex_;
  nlohmann::json figures_ = nlohmann::json::object();  // {"0:plugin": {"name": value}}
};

struct SourceInfo {
  std::string name;
  std::string plugin;
  std::string topic;
  double rate = 10;
};

class SourceStatus final : public ComponentStatus {
 public:
  SourceStatus(metrics::Registry& metrics, SourceInfo info);
  const SourceInfo& info() const { return info_; }
  std::uint64_t progress() const override { return produced.value(); }
  void waited(std::chrono::nanoseconds more) noexcept override;  // into paused_ms
  // Copies what the plugin reports about itself (Source::counters, Source::condition), at
  // most a few times a second; from the runner's thread.
  void publish_report(const Source& source);

  metrics::Counter& generated;
  metrics::Counter& produced;
  metrics::Counter& delivered;
  metrics::Counter& failed;
  metrics::Counter& errors;
  metrics::Counter& rejected;
  metrics::Counter& paused_ms;  // time spent waiting for room in the producer queue

 private:
  void describe(nlohmann::json& out) const override;
  SourceInfo info_;
  std::chrono::nanoseconds paused_remainder_{0};  // under a millisecond, not counted yet
  std::int64_t report_published_ms_ = 0;          // runner thread only
  mutable std::mutex report_mutex_;
  nlohmann::json figures_ = nlohmann::json::object();  // {"reconnects": 2}
  std::string condition_;
};

struct ProcessorInfo {
  std::string name;
  std::string input;
  std::string output;
  std::string dead_letter;
};

class ProcessorStatus final : public ComponentStatus {
 public:
  ProcessorStatus(metrics::Registry& metrics, ProcessorInfo info);
  const ProcessorInfo& info() const { return info_; }
  std::uint64_t progress() const override { return batches_committed.value(); }

  void set_assignment(std::vector<std::int32_t> partitions);
  void read_from(const std::set<std::int32_t>& partitions);
  // Counts a stage failure on the input record at `position`; returns how many times in a
  // row that record has failed, across restarts.
  int failed_at(const std::string& position);

  metrics::Counter& received;
  metrics::Counter& sent;
  metrics::Counter& dead_lettered;
  metrics::Counter& errors;
  metrics::Counter& batches_committed;

 private:
  void describe(nlohmann::json& out) const override;
  ProcessorInfo info_;
  mutable std::mutex partitions_mutex_;
  std::vector<std::int32_t> assigned_;
  std::set<std::int32_t> partitions_read_;
  std::string failing_position_;  // the record the last stage failure was on
  int failing_attempts_ = 0;
};

}  // namespace streamweaver::pipeline
