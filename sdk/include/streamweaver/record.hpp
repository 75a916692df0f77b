#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streamweaver/delivery.hpp"

namespace streamweaver {

struct Header {
  std::string name;
  std::string value;
};

// One event. The host serializes `value` as the Kafka message value.
struct Record {
  std::string key;                 // Kafka key; the host fills it from the configured key field
  nlohmann::json value;            // the event itself, a JSON object
  std::int64_t timestamp_ms = 0;   // event time in ms since the epoch; 0 means "now"
  std::vector<Header> headers;
  // The event already written as JSON text (see json_writer.hpp), instead of `value`: the
  // host sends it as it is. When a stage needs the object (a transform, a key field) the
  // host parses it into `value` first. Empty: the host serializes `value`.
  std::string json;
  // Set by a source that wants to know when Kafka has this record (see delivery.hpp);
  // transforms pass it on with the record. Empty: nobody asks.
  std::shared_ptr<DeliveryReceipt> receipt;

  const std::string* header(std::string_view name) const {
    for (const auto& h : headers)
      if (h.name == name) return &h.value;
    return nullptr;
  }
};

}  // namespace streamweaver
