#include "bridge/protocol.hpp"

#include <gtest/gtest.h>

using namespace streamweaver::bridge;

namespace {

BridgedRecord record(std::optional<std::string_view> key, std::string_view value) {
  return {.topic = "stock_trades",
          .partition = 2,
          .offset = 41,
          .key = key,
          .timestamp_ms = 1700000000123,
          .value = value};
}

template <class T, class V>
const T& as(const V& v) {
  EXPECT_TRUE(std::holds_alternative<T>(v));
  return std::get<T>(v);
}

std::string error_of(std::string_view message) {
  auto parsed = parse_client_message(message);
  return std::holds_alternative<ProtocolError>(parsed) ? std::get<ProtocolError>(parsed).message
                                                       : "<accepted>";
}

}  // namespace

TEST(DataFrame, EmbedsJsonValueRawWithKeyAndMetadata) {
  auto frame = data_frame(record("AAPL", R"({"price": 1.5, "qty": [1,2]})"));
  EXPECT_EQ(frame->text, R"({"topic":"stock_trades","partition":2,"offset":41,"key":"AAPL",)"
                         R"("timestamp":1700000000123,"value":{"price": 1.5, "qty": [1,2]}})");
  EXPECT_EQ(frame->kind, Frame::Kind::data);
  EXPECT_EQ(frame->key, "AAPL");
  EXPECT_EQ(frame->timestamp_ms, 1700000000123);
}

TEST(DataFrame, MissingKeyIsNullAndNonJsonValueIsAString) {
  auto frame = data_frame(record(std::nullopt, "GET /index \"ok\""));
  EXPECT_EQ(frame->text, R"({"topic":"stock_trades","partition":2,"offset":41,"key":null,)"
                         R"("timestamp":1700000000123,"value":"GET /index \"ok\""})");
  EXPECT_FALSE(frame->key);
}

TEST(DataFrame, InvalidUtf8IsReplacedNotThrown) {
  auto frame = data_frame(record("k\xff", "\xff\xfe"));
  EXPECT_NE(frame->text.find("\"key\":\"k\xEF\xBF\xBD\""), std::string::npos)
      << frame->text;  // U+FFFD
  EXPECT_TRUE(data_frame(record(std::nullopt, ""))->text.ends_with(R"("value":""})"));
}

TEST(ControlFrames, HaveOpFirst) {
  EXPECT_EQ(subscribed_frame({"a", "b"})->text, R"({"op":"subscribed","topics":["a","b"]})");
  EXPECT_EQ(error_frame("bad \"x\"")->text, R"({"op":"error","message":"bad \"x\""})");
  EXPECT_EQ(dropped_frame(12)->text, R"({"op":"dropped","count":12})");
  EXPECT_EQ(dropped_frame(12)->kind, Frame::Kind::control);
}

TEST(ClientMessage, ParsesSubscribe) {
  auto parsed =
      parse_client_message(R"({"op":"subscribe","topics":["a","b"],"keys":["AAPL"],"replay":50})");
  const auto& s = as<SubscribeRequest>(parsed);
  EXPECT_EQ(s.topics, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.keys, (std::vector<std::string>{"AAPL"}));
  EXPECT_EQ(s.replay, 50u);

  auto bare = parse_client_message(R"({"op":"subscribe"})");
  EXPECT_TRUE(as<SubscribeRequest>(bare).topics.empty());
  EXPECT_FALSE(as<SubscribeRequest>(bare).keys);  // absent: keep the current key filter
  EXPECT_EQ(as<SubscribeRequest>(bare).replay, 0u);
}

TEST(ClientMessage, ParsesUnsubscribe) {
  auto some = parse_client_message(R"({"op":"unsubscribe","topics":["a"]})");
  EXPECT_EQ(as<UnsubscribeRequest>(some).topics, (std::vector<std::string>{"a"}));
  auto all = parse_client_message(R"({"op":"unsubscribe"})");
  EXPECT_FALSE(as<UnsubscribeRequest>(all).topics);
}

TEST(ClientMessage, RefusesBadInputWithReasons) {
  EXPECT_EQ(error_of("{nope"), "malformed JSON at byte 3");
  EXPECT_EQ(error_of("[1]"), "message must be a JSON object");
  EXPECT_EQ(error_of("{}"), R"(message needs "op": "subscribe" or "unsubscribe")");
  EXPECT_EQ(error_of(R"({"op":"dance"})"), "unknown op 'dance'");
  EXPECT_EQ(error_of(R"({"op":"subscribe","topics":"a"})"),
            R"("topics" must be a list of strings)");
  EXPECT_EQ(error_of(R"({"op":"subscribe","keys":[1]})"), R"("keys" must be a list of strings)");
  EXPECT_EQ(error_of(R"({"op":"subscribe","replay":-1})"),
            R"("replay" must be a non-negative integer)");
  EXPECT_EQ(error_of(R"({"op":"subscribe","replay":1.5})"),
            R"("replay" must be a non-negative integer)");
  EXPECT_EQ(error_of(R"({"op":")" + std::string(100, 'x') + R"("})"),
            "unknown op '" + std::string(64, 'x') + "...'");
}

TEST(SubscribeQuery, ParsesListsAndReplay) {
  auto q = parse_subscribe_query("topics=a,b&keys=AAPL,MSFT&replay=50&other=1");
  ASSERT_TRUE(q);
  const auto& s = as<SubscribeRequest>(*q);
  EXPECT_EQ(s.topics, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.keys, (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(s.replay, 50u);

  auto encoded = parse_subscribe_query("topics=a%2Cb,,c&keys=BRK%20B");
  EXPECT_EQ(as<SubscribeRequest>(*encoded).topics, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(as<SubscribeRequest>(*encoded).keys, (std::vector<std::string>{"BRK B"}));
}

TEST(SubscribeQuery, NothingAskedOrBadInput) {
  EXPECT_FALSE(parse_subscribe_query(""));
  EXPECT_FALSE(parse_subscribe_query("replay=5"));
  EXPECT_EQ(as<ProtocolError>(*parse_subscribe_query("topics=a&replay=x")).message,
            "replay must be a non-negative integer");
  EXPECT_EQ(as<ProtocolError>(*parse_subscribe_query("topics=%zz")).message,
            "malformed query string");
}

TEST(SubscribeOptions, WhereBatchAndStartPositionsAreParsed) {
  auto parsed = parse_client_message(
      R"({"op":"subscribe","topics":["t"],"where":"price > 190 and side == 'BUY'","batch_ms":20,)"
      R"("resume":{"u":{"0":1234,"2":99}},"since_ms":1700000000000})");
  const auto& s = as<SubscribeRequest>(parsed);
  EXPECT_EQ(s.topics, (std::vector<std::string>{"t", "u"}));  // resume names a topic: added
  ASSERT_TRUE(s.where);
  EXPECT_TRUE(s.where->matches({{"price", 191}, {"side", "BUY"}}));
  EXPECT_FALSE(s.where->matches({{"price", 191}, {"side", "SELL"}}));
  EXPECT_EQ(s.batch_ms, 20u);
  EXPECT_EQ(s.start.resume.at("u"), (PartitionOffsets{{0, 1234}, {2, 99}}));
  EXPECT_EQ(s.start.since_ms, 1700000000000);
  EXPECT_FALSE(s.start.live());
  EXPECT_TRUE(as<SubscribeRequest>(parse_client_message(R"({"op":"subscribe","topics":["t"]})")).start.live());
  EXPECT_TRUE(as<SubscribeRequest>(parse_client_message(
                  R"({"op":"subscribe","topics":["t"],"from":"earliest"})")).start.earliest);
}

TEST(SubscribeOptions, MistakesAreNamed) {
  auto bad_where = parse_client_message(R"({"op":"subscribe","topics":["t"],"where":"price >"})");
  const auto& error = as<ProtocolError>(bad_where);
  EXPECT_EQ(error.message, "where: expected a value at position 7");
  EXPECT_EQ(error.position, 7u);
  EXPECT_EQ(error_frame(error)->text,
            R"({"op":"error","message":"where: expected a value at position 7","position":7})");
  EXPECT_EQ(error_of(R"({"op":"subscribe","batch_ms":1001})"), "batch_ms must be from 0 to 1000");
  EXPECT_EQ(error_of(R"({"op":"subscribe","batch_ms":-1})"), "batch_ms must be from 0 to 1000");
  EXPECT_EQ(error_of(R"({"op":"subscribe","from":"start"})"),
            "from must be \"earliest\" or \"latest\", got 'start'");
  EXPECT_EQ(error_of(R"({"op":"subscribe","from":"earliest","since_ms":5})"),
            "from=earliest cannot be combined with resume or since_ms");
  EXPECT_EQ(error_of(R"({"op":"subscribe","resume":{"t":{"x":1}}})"),
            "a partition must be an integer, got 'x'");
  EXPECT_EQ(error_of(R"({"op":"subscribe","resume":{"t":{"0":-2}}})"),
            "resume.t.0 must be an offset (-1: none seen)");
}

TEST(SubscribeOptions, QueryFormTakesTheSameOptions) {
  auto q = parse_subscribe_query(
      "topics=t&where=price%20%3E%20190&batch_ms=50&resume=t:0:1234,t:2:99,u:1:-1");
  const auto& s = as<SubscribeRequest>(*q);
  EXPECT_EQ(s.topics, (std::vector<std::string>{"t", "u"}));
  EXPECT_TRUE(s.where->matches({{"price", 200}}));
  EXPECT_EQ(s.batch_ms, 50u);
  EXPECT_EQ(s.start.resume.at("t"), (PartitionOffsets{{0, 1234}, {2, 99}}));
  EXPECT_EQ(s.start.resume.at("u"), (PartitionOffsets{{1, -1}}));
  EXPECT_TRUE(as<SubscribeRequest>(*parse_subscribe_query("topics=t&from=earliest")).start.earliest);
  EXPECT_EQ(as<SubscribeRequest>(*parse_subscribe_query("topics=t&since_ms=17")).start.since_ms, 17);
  EXPECT_EQ(as<ProtocolError>(*parse_subscribe_query("topics=t&resume=t:0")).message,
            "resume: expected topic:partition:offset, got 't:0'");
  EXPECT_EQ(as<ProtocolError>(*parse_subscribe_query("topics=t&where=(a")).position, 2u);
}

TEST(SubscribeOptions, PositionsRoundTripAsText) {
  std::map<std::string, PartitionOffsets> positions{{"a.b-c", {{0, 5}, {3, 7}}}, {"z", {{1, 0}}}};
  auto text = format_positions(positions);
  EXPECT_EQ(text, "a.b-c:0:5,a.b-c:3:7,z:1:0");
  EXPECT_EQ(parse_positions(text), positions);
  EXPECT_THROW(parse_positions("t:x:1"), std::invalid_argument);
}
