#include "bridge/protocol.hpp"

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "bridge/url.hpp"

namespace streamweaver::bridge {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;  // control frames keep "op" first, as documented

// A refused request, thrown inside this file only and returned as ProtocolError.
struct Refused {
  std::string message;
};

// Client-supplied bytes may be any encoding: replace invalid UTF-8 rather than throw.
template <class Json>
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string json_string(std::string_view s) { return dump(json(s)); }

// Keep echoed client text short in error frames.
std::string quoted_excerpt(std::string_view s) {
  constexpr std::size_t max = 64;
  return "'" + std::string(s.substr(0, max)) + (s.size() > max ? "...'" : "'");
}

std::optional<std::vector<std::string>> string_list(const json& msg, const char* field) {
  auto it = msg.find(field);
  if (it == msg.end()) return std::nullopt;
  if (!it->is_array()) throw Refused{std::string("\"") + field + "\" must be a list of strings"};
  std::vector<std::string> list;
  for (const auto& item : *it) {
    if (!item.is_string())
      throw Refused{std::string("\"") + field + "\" must be a list of strings"};
    list.push_back(item.get<std::string>());
  }
  return list;
}

std::size_t replay_count(const json& msg) {
  auto it = msg.find("replay");
  if (it == msg.end()) return 0;
  if (!it->is_number_unsigned()) throw Refused{"\"replay\" must be a non-negative integer"};
  auto n = it->get<std::uint64_t>();
  return n > std::numeric_limits<std::size_t>::max() ? std::numeric_limits<std::size_t>::max()
                                                     : static_cast<std::size_t>(n);
}

ClientMessage parse_request(const json& msg) {
  if (!msg.is_object()) throw Refused{"message must be a JSON object"};
  auto op = msg.find("op");
  if (op == msg.end() || !op->is_string())
    throw Refused{"message needs \"op\": \"subscribe\" or \"unsubscribe\""};
  const auto& name = op->get_ref<const std::string&>();
  if (name == "subscribe")
    return SubscribeRequest{
        .topics = string_list(msg, "topics").value_or(std::vector<std::string>{}),
        .keys = string_list(msg, "keys"),
        .replay = replay_count(msg)};
  if (name == "unsubscribe") return UnsubscribeRequest{.topics = string_list(msg, "topics")};
  throw Refused{"unknown op " + quoted_excerpt(name)};
}

void append_list(std::vector<std::string>& list, std::string_view commas) {
  while (!commas.empty()) {
    auto comma = commas.find(',');
    auto item = commas.substr(0, comma);
    if (!item.empty()) list.emplace_back(item);
    commas = comma == std::string_view::npos ? std::string_view{} : commas.substr(comma + 1);
  }
}

std::size_t parse_replay(std::string_view text) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::size_t>::max();
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw Refused{"replay must be a non-negative integer"};
  return n;
}

FramePtr control_frame(const ordered_json& body) {
  return std::make_shared<const Frame>(Frame{.kind = Frame::Kind::control, .text = dump(body)});
}

}  // namespace

ClientMessage parse_client_message(std::string_view text) {
  try {
    return parse_request(json::parse(text));
  } catch (const json::parse_error& e) {
    return ProtocolError{"malformed JSON at byte " + std::to_string(e.byte)};
  } catch (const Refused& r) {
    return ProtocolError{r.message};
  }
}

std::optional<std::variant<SubscribeRequest, ProtocolError>> parse_subscribe_query(
    std::string_view query) {
  auto params = parse_query(query);
  if (!params) return ProtocolError{"malformed query string"};
  SubscribeRequest request;
  bool asked = false;
  try {
    for (const auto& [name, value] : *params) {
      if (name == "topics") {
        append_list(request.topics, value);
        asked = true;
      } else if (name == "keys") {
        if (!request.keys) request.keys.emplace();
        append_list(*request.keys, value);
        asked = true;
      } else if (name == "replay") {
        request.replay = parse_replay(value);
      }
    }
  } catch (const Refused& r) {
    return ProtocolError{r.message};
  }
  if (!asked) return std::nullopt;
  return request;
}

FramePtr data_frame(const BridgedRecord& r) {
  std::string text;
  text.reserve(r.value.size() + r.topic.size() + 128);
  text += "{\"topic\":" + json_string(r.topic);
  text += ",\"partition\":" + std::to_string(r.partition);
  text += ",\"offset\":" + std::to_string(r.offset);
  text += ",\"key\":" + (r.key ? json_string(*r.key) : std::string("null"));
  text += ",\"timestamp\":" + std::to_string(r.timestamp_ms);
  text += ",\"value\":";
  // Valid JSON is embedded as is (no re-serialization); anything else becomes a string.
  if (json::accept(r.value.begin(), r.value.end()))
    text += r.value;
  else
    text += json_string(r.value);
  text += '}';
  return std::make_shared<const Frame>(
      Frame{.kind = Frame::Kind::data,
            .text = std::move(text),
            .key = r.key ? std::optional<std::string>(*r.key) : std::nullopt,
            .timestamp_ms = r.timestamp_ms});
}

FramePtr subscribed_frame(const std::vector<std::string>& topics) {
  return control_frame({{"op", "subscribed"}, {"topics", topics}});
}

FramePtr error_frame(std::string_view message) {
  return control_frame({{"op", "error"}, {"message", message}});
}

FramePtr dropped_frame(std::uint64_t count) {
  return control_frame({{"op", "dropped"}, {"count", count}});
}

FramePtr topics_frame(const nlohmann::json& topics) {
  return control_frame({{"op", "topics"}, {"topics", topics}});
}

}  // namespace streamweaver::bridge
