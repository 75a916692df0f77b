#include "pipeline/topic_writer.hpp"

#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {
namespace {

// Invalid UTF-8 becomes U+FFFD, as in the value: a record is never refused for it.
void serialize(const nlohmann::json& value, std::string& out) {
  nlohmann::detail::serializer<nlohmann::json> serializer(
      nlohmann::detail::output_adapter<char>(out), ' ', nlohmann::json::error_handler_t::replace);
  serializer.dump(value, false, false, 0);
}

}  // namespace

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
  if (!key_field_.empty()) record.key = key_for(record, key_field_);
  buffer_.clear();
  serialize(record.value, buffer_);
  return producer_->produce({.topic = topic_,
                             .key = record.key,
                             .value = buffer_,
                             .timestamp_ms = record.timestamp_ms,
                             .headers = &record.headers,
                             .target = target},
                            stop, listener);
}

}  // namespace streamweaver::pipeline
