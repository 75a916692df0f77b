#include "pipeline/topic_writer.hpp"

#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {
namespace {

using Serializer = nlohmann::detail::serializer<nlohmann::json>;

// Invalid UTF-8 becomes U+FFFD: a record is never refused for it.
Serializer make_serializer(std::string& out) {
  return Serializer(nlohmann::detail::output_adapter<char>(out), ' ', nlohmann::json::error_handler_t::replace);
}

void serialize(const nlohmann::json& value, std::string& out) { make_serializer(out).dump(value, false, false, 0); }

}  // namespace

// Making a serializer looks up the locale and allocates: once per writer, not per record.
struct TopicWriter::Encoder {
  std::string buffer;
  Serializer serializer = make_serializer(buffer);

  const std::string& encode(const nlohmann::json& value) {
    buffer.clear();
    serializer.dump(value, false, false, 0);
    return buffer;
  }
};

TopicWriter::TopicWriter(kafka::Producer& producer, std::string topic, std::string key_field)
    : producer_(&producer),
      topic_(std::move(topic)),
      key_field_(std::move(key_field)),
      encoder_(std::make_unique<Encoder>()) {
  producer_->prepare_topic(topic_);
}

TopicWriter::~TopicWriter() = default;
TopicWriter::TopicWriter(TopicWriter&&) noexcept = default;

std::string key_for(const Record& record, const std::string& field) {
  if (field.empty() || !record.value.is_object()) return record.key;
  auto it = record.value.find(field);
  if (it == record.value.end() || it->is_null()) return record.key;
  if (it->is_string()) return it->get<std::string>();
  std::string key;
  serialize(*it, key);
  return key;
}

kafka::ProduceResult TopicWriter::write(Record& record, kafka::DeliveryTarget* target,
                                        const std::stop_token& stop,
                                        kafka::WaitListener* listener) {
  if (record.timestamp_ms == 0) record.timestamp_ms = now_ms();
  if (!key_field_.empty()) {
    if (!record.json.empty()) record.value = nlohmann::json::parse(record.json);  // slow path: for the key only
    record.key = key_for(record, key_field_);
  }
  return producer_->produce({.topic = topic_,
                             .key = record.key,
                             .value = record.json.empty() ? encoder_->encode(record.value) : record.json,
                             .timestamp_ms = record.timestamp_ms,
                             .headers = &record.headers,
                             .target = target},
                            stop, listener);
}

}  // namespace streamweaver::pipeline
