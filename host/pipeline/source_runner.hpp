#pragma once
// Runs one configured source on its own thread: pulls records from the plugin at the
// configured rate and runs the source's transform chain; a second thread writes the results
// to its topic (a RecordHandoff between them), so making records and producing them overlap.
// Counts go to its SourceStatus; delivery reports reach it through a handler that outlives
// the runner until Kafka has settled every record it wrote.
#include <functional>
#include <memory>
#include <string>
#include <stop_token>
#include <thread>

#include <streamweaver/source.hpp>

#include "kafka/producer.hpp"
#include "pipeline/component_status.hpp"
#include "pipeline/pacer.hpp"
#include "pipeline/record_handoff.hpp"
#include "pipeline/topic_writer.hpp"
#include "pipeline/transform_chain.hpp"

namespace streamweaver::pipeline {

class SourceRunner {
 public:
  // `on_failure` is called (from the runner's thread) when the runner stops by an error.
  SourceRunner(std::shared_ptr<SourceStatus> status, plugin::PluginInstance<Source> source,
               TransformChain chain, TopicWriter writer, std::function<void()> on_failure);
  ~SourceRunner();  // stops and joins

  void start();
  void request_stop();
  void join();

  // Records it made but could not hand to Kafka because it was stopped meanwhile. After join().
  std::uint64_t dropped_at_stop() const { return dropped_at_stop_; }

 private:
  class Deliveries;
  class ReceiptDelivery;

  void run(const std::stop_token& stop);
  void loop(const std::stop_token& stop);
  // Pulls up to `count` records; returns how many the plugin produced.
  std::uint64_t pull(std::uint64_t count, const std::stop_token& stop);
  void take(Record&& record);
  void emit(Record&& record);  // to the sender
  // The sender's thread.
  void send_all(const std::stop_token& stop);
  void send(Record& record, const std::stop_token& stop);
  void note_rejection(const std::optional<Rejection>& rejection);
  void count_error(const std::string& what);

  std::shared_ptr<SourceStatus> status_;
  std::string log_tag_;  // "[source:plugin:name]"
  plugin::PluginInstance<Source> source_;
  TransformChain chain_;
  TopicWriter writer_;
  std::function<void()> on_failure_;
  boost::intrusive_ptr<Deliveries> deliveries_;
  RecordHandoff handoff_;
  bool idle_ = false;
  // The sender's.
  boost::intrusive_ptr<ReceiptDelivery> receipt_delivery_;  // of the last record with a receipt
  std::uint64_t dropped_at_stop_ = 0;  // read after join()
  std::stop_source stop_;  // both threads'
  std::thread thread_;
  std::thread sender_;
};

}  // namespace streamweaver::pipeline
