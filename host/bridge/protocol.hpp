#pragma once
// The WebSocket protocol: what clients may ask (as a message or in the /ws query) and the
// frames we send back. Pure functions: no I/O, no state.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "bridge/frame.hpp"
#include "bridge/settings.hpp"

namespace streamweaver::bridge {

// {"op":"subscribe","topics":[...],"keys":[...],"replay":N}
struct SubscribeRequest {
  std::vector<std::string> topics;               // added to the current subscription
  std::optional<std::vector<std::string>> keys;  // present: replaces the key filter ([] = all)
  std::size_t replay = 0;                        // recent frames per named topic to send first
};

// {"op":"unsubscribe","topics":[...]}
struct UnsubscribeRequest {
  std::optional<std::vector<std::string>> topics;  // absent: every topic
};

// Why a request was refused; becomes {"op":"error","message":...}.
struct ProtocolError {
  std::string message;
};

using ClientMessage = std::variant<SubscribeRequest, UnsubscribeRequest, ProtocolError>;

ClientMessage parse_client_message(std::string_view text);

// The query of `/ws?topics=a,b&keys=AAPL,MSFT&replay=50`. Comma-separated lists,
// percent-decoded. No topics and no keys: nullopt, the client subscribes later.
std::optional<std::variant<SubscribeRequest, ProtocolError>> parse_subscribe_query(
    std::string_view query);

// {"topic":…,"partition":…,"offset":…,"key":…,"timestamp":…,"value":…}: the value is
// embedded as is when it is valid JSON, else as a JSON string; a missing key is null.
FramePtr data_frame(const BridgedRecord& record);
FramePtr subscribed_frame(const std::vector<std::string>& topics);
FramePtr error_frame(std::string_view message);
FramePtr dropped_frame(std::uint64_t count);
// {"op":"topics","topics":[…]}: what is bridged, see topic_catalog.hpp.
FramePtr topics_frame(const nlohmann::json& topics);

}  // namespace streamweaver::bridge
