#pragma once
// The WebSocket protocol: what clients may ask (as a message or in the /ws query) and the
// frames we send back. Pure functions: no I/O, no state.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <streamweaver/expression/predicate.hpp>

#include "bridge/frame.hpp"
#include "bridge/settings.hpp"

namespace streamweaver::bridge {

// Per partition, the offset of the last record a client saw.
using PartitionOffsets = std::map<std::int32_t, std::int64_t>;

// Where the named topics start, instead of the live stream: older records are read from
// Kafka first, then the client joins the live stream with no gap and no duplicate.
struct StartAt {
  std::map<std::string, PartitionOffsets> resume;  // after these offsets, per topic
  std::optional<std::int64_t> since_ms;  // records with timestamp >= this (partitions not
                                         // named in `resume`, when both are given)
  bool earliest = false;                 // everything Kafka still has
  bool live() const { return resume.empty() && !since_ms && !earliest; }
};

// Longest `batch_ms` a client may ask for.
inline constexpr std::uint32_t kMaxBatchMs = 1000;

// {"op":"subscribe","topics":[...],"keys":[...],"replay":N,"where":"...","batch_ms":N,
//  "resume":{topic:{partition:offset}} | "since_ms":T | "from":"earliest"}
struct SubscribeRequest {
  std::vector<std::string> topics;               // added to the current subscription
  std::optional<std::vector<std::string>> keys;  // present: replaces the key filter ([] = all)
  std::size_t replay = 0;                        // recent frames per named topic to send first
  StartAt start;                                 // topics named in `resume` are added
  // Keeps only the named topics' records that match (the filter transform's language).
  std::shared_ptr<const expression::Predicate> where;
  std::optional<std::uint32_t> batch_ms;  // present: this client's data frames go as one
                                          // JSON array per interval (0: one per frame)
};

// {"op":"unsubscribe","topics":[...]}
struct UnsubscribeRequest {
  std::optional<std::vector<std::string>> topics;  // absent: every topic
};

// Why a request was refused; becomes {"op":"error","message":...}.
struct ProtocolError {
  std::string message;
  std::optional<std::size_t> position = std::nullopt;  // of the mistake in a `where`
};

using ClientMessage = std::variant<SubscribeRequest, UnsubscribeRequest, ProtocolError>;

ClientMessage parse_client_message(std::string_view text);

// The query of `/ws?topics=a,b&keys=AAPL,MSFT&replay=50` (also where, batch_ms, since_ms,
// from=earliest, and resume=topic:partition:offset,...). Comma-separated lists,
// percent-decoded. No topics and no keys: nullopt, the client subscribes later.
std::optional<std::variant<SubscribeRequest, ProtocolError>> parse_subscribe_query(
    std::string_view query);

// {"topic":…,"partition":…,"offset":…,"key":…,"timestamp":…,"value":…}: the value is
// embedded as is when it is valid JSON, else as a JSON string; a missing key is null.
FramePtr data_frame(const BridgedRecord& record);
FramePtr subscribed_frame(const std::vector<std::string>& topics);
FramePtr error_frame(std::string_view message);
FramePtr error_frame(const ProtocolError& error);  // with "position" when it has one
FramePtr dropped_frame(std::uint64_t count);
// {"op":"topics","topics":[…]}: what is bridged, see topic_catalog.hpp.
FramePtr topics_frame(const nlohmann::json& topics);

// Resume positions as text, `topic:partition:offset,...`: the query form of `resume` and
// the SSE event id. Throws std::invalid_argument saying what is wrong.
std::map<std::string, PartitionOffsets> parse_positions(std::string_view text);
std::string format_positions(const std::map<std::string, PartitionOffsets>& positions);

}  // namespace streamweaver::bridge
