#pragma once
// Runs one configured source on its own thread: pulls records from the plugin at the
// configured rate, runs the source's transform chain and writes the results to its topic.
#include <atomic>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <streamweaver/source.hpp>

#include "kafka/producer.hpp"
#include "metrics/registry.hpp"
#include "pipeline/pacer.hpp"
#include "pipeline/transform_chain.hpp"
#include "pipeline/topic_writer.hpp"

namespace streamweaver::pipeline {

enum class RunState { starting, running, idle, ended, failed, stopped };
const char* to_string(RunState state);

struct SourceSettings {
  std::string name;
  std::string plugin;
  double rate = 10;
};

class SourceRunner final : public kafka::DeliveryHandler {
 public:
  SourceRunner(SourceSettings settings, plugin::PluginInstance<Source> source,
               TransformChain chain, TopicWriter writer, metrics::Registry& metrics);
  ~SourceRunner();

  void start();
  void request_stop();
  void join();

  nlohmann::json health() const;
  const std::string& name() const { return settings_.name; }
  std::uint64_t delivered() const { return delivered_.value(); }
  std::uint64_t failed() const { return failed_.value(); }

  void on_delivery(rd_kafka_resp_err_t error) noexcept override;

 private:
  void run(const std::stop_token& stop);
  // Pulls up to `count` records; returns how many the plugin produced.
  std::uint64_t pull(std::uint64_t count, const std::stop_token& stop);
  void emit(Record&& record, const std::stop_token& stop);
  void note_rejection(const std::optional<Rejection>& rejection);
  void wait_until(std::chrono::steady_clock::time_point when, const std::stop_token& stop);

  SourceSettings settings_;
  std::string log_tag_;  // "[source:plugin:name]"
  plugin::PluginInstance<Source> source_;
  TransformChain chain_;
  TopicWriter writer_;

  metrics::Counter& generated_;
  metrics::Counter& produced_;
  metrics::Counter& delivered_;
  metrics::Counter& failed_;
  metrics::Counter& errors_;
  metrics::Counter& rejected_;
  std::atomic<RunState> state_{RunState::starting};
  std::atomic<bool> idle_{false};
  std::jthread thread_;
};

}  // namespace streamweaver::pipeline
