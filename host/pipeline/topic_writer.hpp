#pragma once
// Turns a Record into a Kafka message on one topic: timestamp defaults to now, the key comes
// from the configured field when there is one, the value is serialized JSON.
#include <memory>
#include <stop_token>
#include <string>

#include <streamweaver/record.hpp>

#include "kafka/producer.hpp"

namespace streamweaver::pipeline {

// The key for a record: the value of `field` (strings as is, other JSON as text) when set
// and present, else the record's own key.
std::string key_for(const Record& record, const std::string& field);

class TopicWriter {
 public:
  TopicWriter(kafka::Producer& producer, std::string topic, std::string key_field = {});
  ~TopicWriter();
  TopicWriter(TopicWriter&&) noexcept;

  // See kafka::Producer::produce: waits while the queue is full.
  kafka::ProduceResult write(Record& record, kafka::DeliveryTarget* target,
                             const std::stop_token& stop, kafka::WaitListener* listener = nullptr);
  const std::string& topic() const { return topic_; }

 private:
  struct Encoder;  // a JSON serializer and its buffer, made once and reused for every record

  kafka::Producer* producer_;
  std::string topic_;
  std::string key_field_;
  std::unique_ptr<Encoder> encoder_;
};

}  // namespace streamweaver::pipeline
