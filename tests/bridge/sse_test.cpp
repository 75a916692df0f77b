// GET /sse: the same data frames as Server-Sent Events, with the resume position as id.
#include <gtest/gtest.h>

#include "test_bridge.hpp"
#include "test_client.hpp"

using nlohmann::json;
using test::SseClient;
using test::TestBridge;

TEST(BridgeSse, StreamsDataFramesWithTheirResumePositionAsId) {
  TestBridge bridge;
  SseClient sse(bridge.port(), "/sse?topics=trades,logs&where=price%20%3E%201");
  EXPECT_EQ(sse.status(), 200u);
  EXPECT_EQ(sse.content_type(), "text/event-stream; charset=utf-8");
  EXPECT_EQ(sse.next().event, "topics");
  auto subscribed = sse.next();
  EXPECT_EQ(subscribed.event, "subscribed");
  EXPECT_EQ(json::parse(subscribed.data)["topics"], (json{"logs", "trades"}));
  bridge.publish("trades", 7, "AAPL", R"({"price":2})");
  bridge.publish("trades", 8, "AAPL", R"({"price":1})");  // filtered out
  bridge.hub.publish({.topic = "logs", .partition = 3, .offset = 40, .value = R"({"price":5})"});
  auto first = sse.next();
  EXPECT_EQ(first.event, "message");
  EXPECT_EQ(first.id, "trades:0:7");
  EXPECT_EQ(json::parse(first.data)["value"]["price"], 2);
  auto second = sse.next();
  EXPECT_EQ(second.id, "logs:3:40,trades:0:7");  // every partition seen so far
  EXPECT_EQ(json::parse(second.data)["offset"], 40);
}

TEST(BridgeSse, ABadRequestIsAnsweredWithWhatToFix) {
  TestBridge bridge;
  SseClient none(bridge.port(), "/sse");
  EXPECT_EQ(none.status(), 400u);
  SseClient unknown(bridge.port(), "/sse?topics=nope");
  EXPECT_EQ(unknown.status(), 400u);
  SseClient bad_id(bridge.port(), "/sse?topics=trades", "trades:x");
  EXPECT_EQ(bad_id.status(), 400u);
  SseClient bad_where(bridge.port(), "/sse?topics=trades&where=(a");
  EXPECT_EQ(bad_where.status(), 400u);
}
