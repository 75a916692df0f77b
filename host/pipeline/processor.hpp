#pragma once
// A topic-to-topic processor: a consumer in the processor's group reads the input topic in
// batches, each record goes through the transform chain, results go to the output topic. A
// record that is not JSON, that a stage rejects, that Kafka refuses as output, or that host
// code fails on goes to the dead-letter topic with headers saying why. Offsets are committed
// only after Kafka settled everything a batch wrote (at-least-once); a batch settles while the
// next is transformed. While Kafka is away the processor keeps its batches (two at most),
// stops fetching and goes on by itself when Kafka is back. A stage that fails (rather than
// rejects) stops it; supervision restarts it.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/pipeline_config.hpp"
#include "kafka/connection.hpp"
#include "kafka/consumer.hpp"
#include "kafka/producer.hpp"
#include "pipeline/component_status.hpp"
#include "pipeline/processor_batch.hpp"
#include "pipeline/topic_writer.hpp"
#include "pipeline/transform_chain.hpp"

namespace streamweaver::pipeline {

class Processor {
 public:
  // `on_failure` is called (from the processor's thread) when it stops by an error.
  Processor(std::shared_ptr<ProcessorStatus> status, const config::ProcessorConfig& config,
            TransformChain chain, const kafka::Connection& kafka, kafka::Producer& producer,
            std::function<void()> on_failure);
  ~Processor();  // stops and joins

  void start();
  void request_stop();
  void join();

 private:
  using Batch = boost::intrusive_ptr<ProcessorBatch>;
  // A batch transformed and written, whose offsets are committed once Kafka settled it.
  struct InFlight {
    std::vector<kafka::Message> inputs;
    Batch batch;
  };

  void run(const std::stop_token& stop);
  // Reads, transforms and writes one batch, then finishes the one before it (so that Kafka
  // settles a batch while the next is transformed); false when stopped before the end.
  bool process_batch(const std::stop_token& stop);
  // Waits for Kafka to settle `done`, dead-letters what it refused, commits its offsets.
  bool finish(InFlight done, const std::stop_token& stop);
  bool finish_in_flight(const std::stop_token& stop);  // true when nothing is in flight
  // On a failure in the batch after it: finishes the batch in flight if Kafka lets it.
  void finish_before_failing(const std::stop_token& stop);
  std::vector<kafka::Message> read_batch(const std::stop_token& stop);
  void handle(std::uint32_t input, const kafka::Message& message, ProcessorBatch& batch,
              const std::stop_token& stop);
  void transform(std::uint32_t input, const kafka::Message& message, ProcessorBatch& batch,
                 const std::stop_token& stop);
  void write_output(Record&& record, std::uint32_t input, ProcessorBatch& batch,
                    const std::stop_token& stop);
  void dead_letter(const kafka::Message& message, std::uint32_t input, const std::string& stage,
                   const std::string& reason, ProcessorBatch& batch, const std::stop_token& stop);
  // Waits until Kafka settled what `batch` wrote; false when stopped first.
  bool settle(ProcessorBatch& batch, const std::stop_token& stop);
  // Dead-letters the inputs whose outputs Kafka refused; throws when it refuses those too.
  bool redirect_refused(const std::vector<kafka::Message>& inputs, ProcessorBatch& batch,
                        const std::stop_token& stop);
  void commit(const std::vector<kafka::Message>& inputs);

  std::shared_ptr<ProcessorStatus> status_;
  std::string log_tag_;
  std::string input_topic_;
  std::string dead_letter_topic_;
  TransformChain chain_;
  kafka::Producer& producer_;
  TopicWriter output_;
  kafka::Consumer consumer_;
  std::function<void()> on_failure_;
  std::vector<kafka::Message> carried_;  // polled while paused: the next batch starts with them
  std::optional<InFlight> in_flight_;
  std::jthread thread_;
};

}  // namespace streamweaver::pipeline
