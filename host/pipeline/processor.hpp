#pragma once
// A topic-to-topic processor: a consumer in the processor's group reads the input topic, each
// record goes through the transform chain, results go to the output topic; a record that is
// not JSON or that a stage rejects goes to the dead-letter topic with headers saying why.
// Offsets are committed only after Kafka acknowledged a batch's output (at-least-once).
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "config/pipeline_config.hpp"
#include "kafka/connection.hpp"
#include "kafka/consumer.hpp"
#include "kafka/producer.hpp"
#include "metrics/registry.hpp"
#include "pipeline/delivery_batch.hpp"
#include "pipeline/source_runner.hpp"
#include "pipeline/topic_writer.hpp"
#include "pipeline/transform_chain.hpp"

namespace streamweaver::pipeline {

class Processor {
 public:
  Processor(const config::ProcessorConfig& config, TransformChain chain,
            const kafka::Connection& kafka, kafka::Producer& producer, metrics::Registry& metrics);
  ~Processor();

  void start();
  void request_stop();
  void join();

  const std::string& name() const { return name_; }
  nlohmann::json health() const;

 private:
  void run(const std::stop_token& stop);
  // Reads up to one batch; returns the next offsets to commit once its output is acknowledged.
  kafka::Offsets process_batch(const std::stop_token& stop);
  void handle(const kafka::Message& message, const std::stop_token& stop);
  void dead_letter(const kafka::Message& message, const std::string& stage,
                   const std::string& reason, const std::stop_token& stop);
  void write_output(Record&& record, const std::stop_token& stop);

  std::string name_;
  std::string log_tag_;
  std::string input_;
  std::string dead_letter_topic_;
  TransformChain chain_;
  kafka::Producer& producer_;
  TopicWriter output_;
  kafka::Consumer consumer_;
  DeliveryBatch batch_;
  std::uint64_t batch_outputs_ = 0;  // output records in the current batch

  metrics::Counter& received_;
  metrics::Counter& sent_;
  metrics::Counter& dead_lettered_;
  metrics::Counter& errors_;
  std::atomic<RunState> state_{RunState::starting};
  mutable std::mutex partitions_mutex_;
  std::set<std::int32_t> partitions_;  // input partitions this instance has read
  std::jthread thread_;
};

}  // namespace streamweaver::pipeline
