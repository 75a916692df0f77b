#include "pipeline/topic_writer.hpp"

#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {

std::string key_for(const Record& record, const std::string& field) {
  if (field.empty() || !record.value.is_object()) return record.key;
  auto it = record.value.find(field);
  if (it == record.value.end() || it->is_null()) return record.key;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool TopicWriter::write(Record& record, kafka::DeliveryHandler* handler,
                        const std::stop_token& stop, std::string& error) {
  if (record.timestamp_ms == 0) record.timestamp_ms = now_ms();
  if (!key_field_.empty()) record.key = key_for(record, key_field_);
  buffer_.clear();
  nlohmann::detail::serializer<nlohmann::json> serializer(
      nlohmann::detail::output_adapter<char>(buffer_), ' ', nlohmann::json::error_handler_t::replace);
  serializer.dump(record.value, false, false, 0);
  return producer_->produce({.topic = topic_,
                             .key = record.key,
                             .value = buffer_,
                             .timestamp_ms = record.timestamp_ms,
                             .headers = &record.headers,
                             .handler = handler},
                            stop, error);
}

}  // namespace streamweaver::pipeline
