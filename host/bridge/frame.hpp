#pragma once
// A WebSocket message serialized once and shared, immutable, by every session that sends it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace streamweaver::bridge {

struct Frame {
  enum class Kind { data, control };
  Kind kind = Kind::control;
  std::string text;                // the message as sent
  std::optional<std::string> key;  // data: the Kafka key, for key filters on replay
  std::int64_t timestamp_ms = 0;   // data: record time, for produce-to-send latency
  std::int32_t partition = 0;      // data: where the record is in Kafka, for resuming
  std::int64_t offset = -1;
  std::size_t value_at = 0;        // data: where the record's value starts in `text`
};

using FramePtr = std::shared_ptr<const Frame>;

}  // namespace streamweaver::bridge
