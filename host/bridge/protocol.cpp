#include "bridge/protocol.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <streamweaver/expression/parser.hpp>

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

template <class Int>
Int parse_integer(std::string_view text, const char* what) {
  Int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw Refused{std::string(what) + " must be an integer, got " + quoted_excerpt(text)};
  return n;
}

std::shared_ptr<const expression::Predicate> parse_where(const std::string& text) {
  try {
    return expression::parse_expression(text);
  } catch (const expression::SyntaxError& e) {
    throw ProtocolError{"where: " + std::string(e.what()) + " at position " +
                            std::to_string(e.position()),
                        e.position()};
  }
}

std::uint32_t parse_batch_ms(std::int64_t n) {
  if (n < 0 || n > kMaxBatchMs)
    throw Refused{"batch_ms must be from 0 to " + std::to_string(kMaxBatchMs)};
  return static_cast<std::uint32_t>(n);
}

void parse_from(StartAt& start, std::string_view from) {
  if (from == "earliest")
    start.earliest = true;
  else if (from != "latest")
    throw Refused{"from must be \"earliest\" or \"latest\", got " + quoted_excerpt(from)};
}

PartitionOffsets partition_offsets(const std::string& topic, const json& offsets) {
  if (!offsets.is_object())
    throw Refused{"resume." + topic + " must be an object of partition: offset"};
  PartitionOffsets out;
  for (const auto& [partition, offset] : offsets.items()) {
    if (!offset.is_number_integer() || offset.get<std::int64_t>() < -1)
      throw Refused{"resume." + topic + "." + partition + " must be an offset (-1: none seen)"};
    out[parse_integer<std::int32_t>(partition, "a partition")] = offset.get<std::int64_t>();
  }
  return out;
}

StartAt start_at(const json& msg) {
  StartAt start;
  if (auto it = msg.find("resume"); it != msg.end()) {
    if (!it->is_object()) throw Refused{"\"resume\" must be an object of topic: {partition: offset}"};
    for (const auto& [topic, offsets] : it->items())
      start.resume[topic] = partition_offsets(topic, offsets);
  }
  if (auto it = msg.find("since_ms"); it != msg.end()) {
    if (!it->is_number_integer()) throw Refused{"\"since_ms\" must be a timestamp in ms"};
    start.since_ms = it->get<std::int64_t>();
  }
  if (auto it = msg.find("from"); it != msg.end()) {
    if (!it->is_string()) throw Refused{"\"from\" must be \"earliest\" or \"latest\""};
    parse_from(start, it->get_ref<const std::string&>());
  }
  return start;
}

// Checks what only makes sense together, and adds the topics `resume` names.
SubscribeRequest completed(SubscribeRequest request) {
  if (request.start.earliest && (request.start.since_ms || !request.start.resume.empty()))
    throw Refused{"from=earliest cannot be combined with resume or since_ms"};
  for (const auto& [topic, offsets] : request.start.resume)
    if (std::find(request.topics.begin(), request.topics.end(), topic) == request.topics.end())
      request.topics.push_back(topic);
  return request;
}

ClientMessage parse_request(const json& msg) {
  if (!msg.is_object()) throw Refused{"message must be a JSON object"};
  auto op = msg.find("op");
  if (op == msg.end() || !op->is_string())
    throw Refused{"message needs \"op\": \"subscribe\" or \"unsubscribe\""};
  const auto& name = op->get_ref<const std::string&>();
  if (name == "subscribe") {
    SubscribeRequest request{
        .topics = string_list(msg, "topics").value_or(std::vector<std::string>{}),
        .keys = string_list(msg, "keys"),
        .replay = replay_count(msg),
        .start = start_at(msg)};
    if (auto it = msg.find("where"); it != msg.end()) {
      if (!it->is_string()) throw Refused{"\"where\" must be an expression in a string"};
      request.where = parse_where(it->get<std::string>());
    }
    if (auto it = msg.find("batch_ms"); it != msg.end()) {
      if (!it->is_number_integer()) throw Refused{"batch_ms must be an integer"};
      request.batch_ms = parse_batch_ms(it->get<std::int64_t>());
    }
    return completed(std::move(request));
  }
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
  } catch (const ProtocolError& e) {
    return e;
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
      } else if (name == "where") {
        request.where = parse_where(value);
      } else if (name == "batch_ms") {
        request.batch_ms = parse_batch_ms(parse_integer<std::int64_t>(value, "batch_ms"));
      } else if (name == "since_ms") {
        request.start.since_ms = parse_integer<std::int64_t>(value, "since_ms");
      } else if (name == "from") {
        parse_from(request.start, value);
      } else if (name == "resume") {
        try {
          request.start.resume = parse_positions(value);
        } catch (const std::invalid_argument& e) {
          throw Refused{std::string("resume: ") + e.what()};
        }
        asked = true;
      }
    }
    if (!asked) return std::nullopt;
    return completed(std::move(request));
  } catch (const Refused& r) {
    return ProtocolError{r.message};
  } catch (const ProtocolError& e) {
    return e;
  }
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
  auto value_at = text.size();
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
            .timestamp_ms = r.timestamp_ms,
            .partition = r.partition,
            .offset = r.offset,
            .value_at = value_at});
}

FramePtr subscribed_frame(const std::vector<std::string>& topics) {
  return control_frame({{"op", "subscribed"}, {"topics", topics}});
}

FramePtr error_frame(std::string_view message) {
  return control_frame({{"op", "error"}, {"message", message}});
}

FramePtr error_frame(const ProtocolError& error) {
  ordered_json body{{"op", "error"}, {"message", error.message}};
  if (error.position) body["position"] = *error.position;
  return control_frame(body);
}

FramePtr dropped_frame(std::uint64_t count) {
  return control_frame({{"op", "dropped"}, {"count", count}});
}

FramePtr topics_frame(const nlohmann::json& topics) {
  return control_frame({{"op", "topics"}, {"topics", topics}});
}

std::map<std::string, PartitionOffsets> parse_positions(std::string_view text) {
  std::map<std::string, PartitionOffsets> out;
  std::vector<std::string> items;
  append_list(items, text);
  for (const auto& item : items) {
    // Kafka topic names have no ':', so the last two fields are partition and offset.
    auto second = item.rfind(':');
    auto first = second == std::string::npos || second == 0 ? std::string::npos
                                                             : item.rfind(':', second - 1);
    if (first == std::string::npos || first == 0)
      throw std::invalid_argument("expected topic:partition:offset, got " + quoted_excerpt(item));
    try {
      auto partition = parse_integer<std::int32_t>(
          std::string_view(item).substr(first + 1, second - first - 1), "a partition");
      out[item.substr(0, first)][partition] =
          parse_integer<std::int64_t>(std::string_view(item).substr(second + 1), "an offset");
    } catch (const Refused& r) {
      throw std::invalid_argument(r.message + " in " + quoted_excerpt(item));
    }
  }
  return out;
}

std::string format_positions(const std::map<std::string, PartitionOffsets>& positions) {
  std::string out;
  for (const auto& [topic, offsets] : positions)
    for (const auto& [partition, offset] : offsets) {
      if (!out.empty()) out += ',';
      out += topic + ':' + std::to_string(partition) + ':' + std::to_string(offset);
    }
  return out;
}

}  // namespace streamweaver::bridge
