#include <gtest/gtest.h>

#include <memory>
#include <numeric>
#include <vector>

#include "test_bridge.hpp"
#include "test_client.hpp"

using namespace streamweaver::bridge;
using nlohmann::json;
using test::TestBridge;
using test::WsClient;

namespace {

json subscribed(std::vector<std::string> topics) {
  return {{"op", "subscribed"}, {"topics", topics}};
}

void expect_error(WsClient& ws, const std::string& fragment) {
  auto frame = ws.read_json();
  EXPECT_EQ(frame["op"], "error") << frame;
  EXPECT_NE(frame.value("message", "").find(fragment), std::string::npos) << frame;
}

// The connection still works: a subscribe is answered.
void expect_usable(WsClient& ws) {
  ws.send(R"({"op":"subscribe","topics":["logs"]})");
  EXPECT_EQ(ws.read_json()["op"], "subscribed");
}

}  // namespace

TEST(BridgeWebSocket, SubscribeByQueryGetsExactDataFrames) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades");
  EXPECT_EQ(ws.read_json(), subscribed({"trades"}));
  bridge.hub.publish({.topic = "trades",
                      .partition = 1,
                      .offset = 7,
                      .key = "AAPL",
                      .timestamp_ms = 1700000000000,
                      .value = R"({"price":187.5})"});
  EXPECT_EQ(ws.read(), R"({"topic":"trades","partition":1,"offset":7,"key":"AAPL",)"
                       R"("timestamp":1700000000000,"value":{"price":187.5}})");
}

TEST(BridgeWebSocket, SubscribeByMessage) {
  TestBridge bridge;
  WsClient ws(bridge.port());
  ws.send(R"({"op":"subscribe","topics":["trades","logs"]})");
  EXPECT_EQ(ws.read_json(), subscribed({"logs", "trades"}));
  bridge.publish("logs", 3, std::nullopt, "disk almost full");
  auto frame = ws.read_json();
  EXPECT_EQ(frame["key"], nullptr);
  EXPECT_EQ(frame["value"], "disk almost full");
  EXPECT_EQ(frame["offset"], 3);
}

TEST(BridgeWebSocket, UnsubscribeStopsFrames) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades,logs");
  ws.read_json();
  ws.send(R"({"op":"unsubscribe","topics":["trades"]})");
  EXPECT_EQ(ws.read_json(), subscribed({"logs"}));
  bridge.publish("trades", 1);
  bridge.publish("logs", 2);  // the next frame must be this one: trades 1 never comes
  auto frame = ws.read_json();
  EXPECT_EQ(frame["topic"], "logs");
  EXPECT_EQ(frame["offset"], 2);
}

TEST(BridgeWebSocket, KeysFilter) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades&keys=AAPL,MSFT");
  ws.read_json();
  bridge.publish("trades", 1, "GOOG");
  bridge.publish("trades", 2);
  bridge.publish("trades", 3, "MSFT");
  EXPECT_EQ(ws.read_json()["offset"], 3);
}

TEST(BridgeWebSocket, ReplayReturnsTheLastNInOrderThenLiveFrames) {
  auto settings = test::test_settings();
  settings.replay_records = 5;
  TestBridge bridge(settings);
  for (int i = 0; i < 10; ++i) bridge.publish("trades", i);

  WsClient by_query(bridge.port(), "/ws?topics=trades&replay=3");
  EXPECT_EQ(by_query.read_json(), subscribed({"trades"}));
  for (int expected : {7, 8, 9}) EXPECT_EQ(by_query.read_json()["offset"], expected);

  WsClient by_message(bridge.port());
  by_message.send(R"({"op":"subscribe","topics":["trades"],"replay":100})");
  EXPECT_EQ(by_message.read_json(), subscribed({"trades"}));
  for (int expected : {5, 6, 7, 8, 9}) EXPECT_EQ(by_message.read_json()["offset"], expected);

  bridge.publish("trades", 10);
  EXPECT_EQ(by_query.read_json()["offset"], 10);
  EXPECT_EQ(by_message.read_json()["offset"], 10);
}

TEST(BridgeWebSocket, ErrorFramesLeaveTheConnectionUsable) {
  auto settings = test::test_settings();
  settings.max_message_bytes = 1024;
  TestBridge bridge(settings);
  WsClient ws(bridge.port());

  ws.send(R"({"op":"subscribe","topics":["secret"]})");
  expect_error(ws, "topic 'secret' is not bridged");
  expect_usable(ws);

  ws.send("{not json");
  expect_error(ws, "malformed JSON");
  expect_usable(ws);

  ws.send(R"({"op":"dance"})");
  expect_error(ws, "unknown op 'dance'");
  expect_usable(ws);

  auto oversize = R"({"op":"subscribe","topics":["logs"],"pad":")" + std::string(4000, 'x') + "\"}";
  ws.send(oversize);
  expect_error(ws, "message exceeds 1024 bytes");
  expect_usable(ws);

  ws.send_fragmented(oversize, 5);  // over the limit only after several frames
  expect_error(ws, "message exceeds 1024 bytes");
  expect_usable(ws);

  auto at_limit = R"({"op":"subscribe","topics":["trades"],"pad":")";
  ws.send(at_limit + std::string(1024 - std::string(at_limit).size() - 2, 'x') + "\"}");
  EXPECT_EQ(ws.read_json(), subscribed({"logs", "trades"}));
}

TEST(BridgeWebSocket, BadQueryGetsAnErrorFrameAndTheConnectionStays) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades,secret");
  expect_error(ws, "topic 'secret' is not bridged");
  expect_usable(ws);
}

TEST(BridgeWebSocket, CountsClientsFramesAndLatency) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades");
  ws.read_json();
  EXPECT_EQ(bridge.hub.client_count(), 1u);
  EXPECT_EQ(bridge.registry.gauge("streamweaver_ws_clients", "").value(), 1);
  bridge.publish("trades", 1);
  ws.read_json();
  // One write in flight: the reply is written only after the data frame's write has
  // completed and been counted.
  expect_usable(ws);
  EXPECT_EQ(bridge.counter("streamweaver_ws_frames_sent_total"), 1u);
  EXPECT_EQ(bridge.registry.counter("streamweaver_bridge_records_total", "", {{"topic", "trades"}})
                .value(),
            1u);
  auto text = bridge.registry.prometheus_text();
  EXPECT_NE(text.find("streamweaver_ws_send_latency_ms_count 1\n"), std::string::npos) << text;
}

TEST(BridgeWebSocket, StopClosesClients) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades");
  ws.read_json();
  bridge.server.stop();
  EXPECT_TRUE(ws.read_until_closed());
  EXPECT_EQ(bridge.hub.client_count(), 0u);
  bridge.publish("trades", 1);  // harmless after stop
}

TEST(BridgeWebSocket, SeveralIoThreadsEachClientGetsEveryFrameInOrder) {
  auto settings = test::test_settings();
  settings.threads = 3;
  TestBridge bridge(settings);
  // Connections go to the io threads in turn: seven clients cover all three, twice.
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < 7; ++i) {
    clients.push_back(std::make_unique<WsClient>(bridge.port(), "/ws?topics=trades"));
    EXPECT_EQ(clients.back()->read_json(), subscribed({"trades"}));
  }
  constexpr int kFrames = 300;
  for (int i = 0; i < kFrames; ++i) bridge.publish("trades", i);
  for (auto& client : clients)
    for (int expected = 0; expected < kFrames; ++expected)
      ASSERT_EQ(client->read_json()["offset"], expected);
  EXPECT_EQ(bridge.counter("streamweaver_ws_frames_sent_total"), 7u * kFrames);
}

TEST(BridgeWebSocket, TheFirstFrameSaysWhatIsBridgedAndAChangeIsSentToOpenConnections) {
  TestBridge bridge;
  bridge.hub.set_catalog({{.name = "trades", .partitions = 3, .view = {{"title", "Trades"}}},
                          {.name = "logs"}});
  WsClient ws(bridge.port(), "/ws?topics=trades");
  const auto& first = ws.topics_on_connect();
  ASSERT_EQ(first["topics"].size(), 2u);
  EXPECT_EQ(first["topics"][0]["name"], "trades");
  EXPECT_EQ(first["topics"][0]["partitions"], 3);
  EXPECT_EQ(first["topics"][0]["view"], json({{"title", "Trades"}}));
  EXPECT_EQ(ws.read_json(), subscribed({"trades"}));

  bridge.hub.set_catalog({{.name = "trades"}});  // as a reload does
  auto changed = ws.read_json();
  EXPECT_EQ(changed["op"], "topics");
  ASSERT_EQ(changed["topics"].size(), 1u);
  EXPECT_EQ(changed["topics"][0]["view"], json::object());
}

TEST(BridgeWebSocket, BatchedFramesAreArraysWithExactlyEveryRecordInOrder) {
  TestBridge bridge;
  WsClient ws(bridge.port(), "/ws?topics=trades&batch_ms=50");
  EXPECT_EQ(ws.read_json(), subscribed({"trades"}));
  constexpr int kRecords = 2000;
  for (int offset = 0; offset < kRecords; ++offset) bridge.publish("trades", offset);
  std::vector<std::int64_t> offsets;
  int messages = 0;
  while (offsets.size() < kRecords) {
    auto batch = ws.read_json();
    ASSERT_TRUE(batch.is_array()) << batch;
    ++messages;
    for (const auto& frame : batch) offsets.push_back(frame["offset"]);
  }
  std::vector<std::int64_t> expected(kRecords);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(offsets, expected);
  EXPECT_LT(messages, kRecords / 10);  // many records per write
  EXPECT_EQ(bridge.counter("streamweaver_ws_frames_sent_total"), kRecords);
  // Replies are never batched.
  ws.send(R"({"op":"unsubscribe"})");
  EXPECT_EQ(ws.read_json(), subscribed({}));
}

TEST(BridgeWebSocket, AWhereFilterByMessageAndItsMistakeWithThePosition) {
  TestBridge bridge;
  WsClient filtered(bridge.port()), everything(bridge.port(), "/ws?topics=trades");
  EXPECT_EQ(everything.read_json(), subscribed({"trades"}));
  filtered.send(R"({"op":"subscribe","topics":["trades"],"where":"price >"})");
  auto error = filtered.read_json();
  EXPECT_EQ(error["op"], "error");
  EXPECT_EQ(error["position"], 7);
  filtered.send(R"({"op":"subscribe","topics":["trades"],"where":"price >= 190"})");
  EXPECT_EQ(filtered.read_json(), subscribed({"trades"}));
  bridge.publish("trades", 1, std::nullopt, R"({"price":189})");
  bridge.publish("trades", 2, std::nullopt, R"({"price":190})");
  EXPECT_EQ(filtered.read_json()["offset"], 2);
  EXPECT_EQ(everything.read_json()["offset"], 1);
  EXPECT_EQ(everything.read_json()["offset"], 2);
}
