#include "bridge/hub.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace streamweaver;
using namespace streamweaver::bridge;

namespace {

// Keeps data frames in `frames` and the topics frames apart.
struct FakeSubscriber : Subscriber {
  void deliver(const FramePtr& frame) override {
    (nlohmann::json::parse(frame->text).value("op", "") == "topics" ? topics : frames).push_back(frame);
  }
  void deliver_all(std::span<const FramePtr> batch) override {
    deliveries.emplace_back(batch.size());
    Subscriber::deliver_all(batch);
  }
  bool wait_for_room(std::chrono::milliseconds) override { return true; }
  std::vector<std::int64_t> offsets() const {
    std::vector<std::int64_t> out;
    for (const auto& f : frames) out.push_back(nlohmann::json::parse(f->text)["offset"]);
    return out;
  }
  std::vector<FramePtr> frames;
  std::vector<FramePtr> topics;
  std::vector<std::size_t> deliveries;  // frames per deliver_all()
};

class HubTest : public ::testing::Test {
 protected:
  BridgeSettings settings{.topics = {"trades", "logs"}, .replay_records = 4};
  metrics::Registry registry;
  Hub hub{settings, registry};

  std::shared_ptr<FakeSubscriber> joined() {
    auto s = std::make_shared<FakeSubscriber>();
    hub.join(s);
    return s;
  }
  void publish(std::string_view topic, std::int64_t offset,
               std::optional<std::string_view> key = std::nullopt) {
    hub.publish({.topic = topic, .offset = offset, .key = key, .value = "{}"});
  }
  std::vector<std::string> topics(const Hub::Reply& reply) {
    EXPECT_TRUE(std::holds_alternative<std::vector<std::string>>(reply));
    return std::get<std::vector<std::string>>(reply);
  }
  std::string error(const Hub::Reply& reply) {
    EXPECT_TRUE(std::holds_alternative<ProtocolError>(reply));
    return std::get<ProtocolError>(reply).message;
  }
};

}  // namespace

TEST_F(HubTest, DeliversToSubscribersOfTheTopicOnly) {
  auto a = joined(), b = joined();
  EXPECT_EQ(topics(hub.subscribe(*a, {.topics = {"trades", "logs"}})),
            (std::vector<std::string>{"logs", "trades"}));
  hub.subscribe(*b, {.topics = {"logs"}});
  publish("trades", 1);
  publish("logs", 2);
  publish("unbridged", 3);  // ignored
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(b->offsets(), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(a->frames[1], b->frames[0]);  // one serialized frame, shared
}

TEST_F(HubTest, FiltersByKey) {
  auto a = joined();
  hub.subscribe(*a, {.topics = {"trades"}, .keys = std::vector<std::string>{"AAPL", "MSFT"}});
  publish("trades", 1, "GOOG");
  publish("trades", 2);  // no key: filtered out too
  publish("trades", 3, "MSFT");
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{3}));
  hub.subscribe(*a, {.keys = std::vector<std::string>{}});  // [] means every key again
  publish("trades", 4, "GOOG");
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{3, 4}));
}

TEST_F(HubTest, ReplaysTheNewestMatchingFramesOldestFirst) {
  for (int i = 0; i < 10; ++i) publish("trades", i, i % 2 ? "odd" : "even");
  auto a = joined();
  hub.subscribe(*a, {.topics = {"trades"}, .replay = 100});
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{6, 7, 8, 9}));  // ring of 4

  auto b = joined();
  hub.subscribe(*b, {.topics = {"trades"}, .keys = std::vector<std::string>{"odd"}, .replay = 1});
  EXPECT_EQ(b->offsets(), (std::vector<std::int64_t>{9}));
  publish("trades", 10, "even");
  publish("trades", 11, "odd");
  EXPECT_EQ(b->offsets(), (std::vector<std::int64_t>{9, 11}));
}

TEST_F(HubTest, RefusesTopicsThatAreNotBridgedAndChangesNothing) {
  auto a = joined();
  EXPECT_EQ(error(hub.subscribe(*a, {.topics = {"trades", "secret"}})),
            "topic 'secret' is not bridged");
  publish("trades", 1);
  EXPECT_TRUE(a->frames.empty());
}

TEST_F(HubTest, Unsubscribes) {
  auto a = joined();
  hub.subscribe(*a, {.topics = {"trades", "logs"}});
  EXPECT_EQ(topics(hub.unsubscribe(*a, {.topics = std::vector<std::string>{"trades", "nope"}})),
            (std::vector<std::string>{"logs"}));
  EXPECT_TRUE(topics(hub.unsubscribe(*a, {})).empty());
  publish("logs", 1);
  EXPECT_TRUE(a->frames.empty());
}

TEST_F(HubTest, CountsClientsAndRecords) {
  auto& clients = registry.gauge("streamweaver_ws_clients", "");
  auto a = joined();
  auto b = joined();
  EXPECT_EQ(hub.client_count(), 2u);
  EXPECT_EQ(clients.value(), 2);
  hub.leave(*a);
  hub.leave(*a);  // idempotent
  EXPECT_EQ(clients.value(), 1);

  hub.subscribe(*b, {.topics = {"logs"}});
  b.reset();  // gone without leaving: forgotten at the next delivery
  publish("logs", 1);
  publish("logs", 2);
  EXPECT_EQ(hub.client_count(), 0u);
  EXPECT_EQ(clients.value(), 0);
  EXPECT_EQ(registry.counter("streamweaver_bridge_records_total", "", {{"topic", "logs"}}).value(),
            2u);
}

TEST_F(HubTest, ABatchReachesEachClientInOrderInOneDeliveryPerRunOfATopic) {
  auto a = joined(), b = joined();
  hub.subscribe(*a, {.topics = {"trades", "logs"}});
  hub.subscribe(*b, {.topics = {"trades"}, .keys = std::vector<std::string>{"x"}});
  std::vector<BridgedRecord> batch{
      {.topic = "trades", .offset = 1, .value = "{}"}, {.topic = "trades", .offset = 2, .key = "x", .value = "{}"},
      {.topic = "unbridged", .offset = 9, .value = "{}"}, {.topic = "logs", .offset = 3, .value = "{}"},
      {.topic = "trades", .offset = 4, .key = "x", .value = "{}"}};
  hub.publish(batch);
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(a->deliveries, (std::vector<std::size_t>{2, 1, 1}));
  EXPECT_EQ(b->offsets(), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(b->deliveries, (std::vector<std::size_t>{1, 1}));
  // The ring holds the batch's frames in order: a late subscriber's replay shows them.
  auto c = joined();
  hub.subscribe(*c, {.topics = {"trades"}, .replay = 10});
  EXPECT_EQ(c->offsets(), (std::vector<std::int64_t>{1, 2, 4}));
}

// publish() visits a per-topic list of subscribers; every change to who subscribes must
// reach it (a stale entry would deliver to a client that left, or read freed memory).
TEST_F(HubTest, DeliversToWhoSubscribesNowAfterEveryKindOfChange) {
  auto a = joined(), b = joined(), c = joined();
  hub.subscribe(*a, {.topics = {"trades"}});
  hub.subscribe(*b, {.topics = {"trades"}});
  publish("trades", 1);
  hub.leave(*a);
  publish("trades", 2);
  hub.subscribe(*c, {.topics = {"trades"}});
  hub.unsubscribe(*b, {.topics = std::vector<std::string>{"trades"}});
  publish("trades", 3);
  hub.set_topics({"logs"});  // a reload drops the topic...
  publish("trades", 4);
  hub.set_topics({"logs", "trades"});  // ...and the next bridges it again
  publish("trades", 5);
  EXPECT_EQ(c->offsets(), (std::vector<std::int64_t>{3, 5}));
  c.reset();  // gone without leaving
  hub.subscribe(*b, {.topics = {"trades"}});
  publish("trades", 6);
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(b->offsets(), (std::vector<std::int64_t>{1, 2, 6}));
  EXPECT_EQ(hub.client_count(), 1u);  // b: a left, c was forgotten at publish 6
}

// A session that ended without leaving, and a new one at the same address.
TEST_F(HubTest, ANewSubscriberWhereAnEndedOneWasStartsAfresh) {
  FakeSubscriber slot;
  auto no_delete = [](FakeSubscriber*) {};
  {
    std::shared_ptr<FakeSubscriber> ended(&slot, no_delete);
    hub.join(ended);
    hub.subscribe(*ended, {.topics = {"trades"}});
  }
  std::shared_ptr<FakeSubscriber> next(&slot, no_delete);
  hub.join(next);
  hub.subscribe(*next, {.topics = {"logs"}});
  publish("trades", 1);
  publish("logs", 2);
  EXPECT_EQ(next->offsets(), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(hub.client_count(), 1u);
}

TEST_F(HubTest, RefusesSubscribersThatHaveNotJoined) {
  FakeSubscriber stranger;
  EXPECT_EQ(error(hub.subscribe(stranger, {.topics = {"logs"}})), "not connected");
}

TEST_F(HubTest, TellsEachClientWhatIsBridgedOnJoinAndAfterEveryChange) {
  hub.set_catalog({{.name = "trades",
                    .partitions = 3,
                    .writers = {{"source", "stock", "stock", "output"}},
                    .view = {{"title", "Trades"}, {"series", "symbol"}}}});
  auto a = joined();
  ASSERT_EQ(a->topics.size(), 1u);
  auto on_join = nlohmann::json::parse(a->topics[0]->text);
  EXPECT_EQ(on_join["op"], "topics");
  ASSERT_EQ(on_join["topics"].size(), 1u);
  EXPECT_EQ(on_join["topics"][0]["name"], "trades");
  EXPECT_EQ(on_join["topics"][0]["partitions"], 3);
  EXPECT_EQ(on_join["topics"][0]["writers"][0]["name"], "stock");
  EXPECT_EQ(on_join["topics"][0]["view"]["series"], "symbol");
  EXPECT_EQ(on_join["topics"][0]["records_per_s"], 0.0);

  hub.set_catalog({{.name = "trades"}, {.name = "logs"}});  // a reload: every client hears it
  ASSERT_EQ(a->topics.size(), 2u);
  auto after = nlohmann::json::parse(a->topics[1]->text)["topics"];
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[1]["name"], "logs");
  EXPECT_TRUE(a->frames.empty());  // control frames only
}

TEST_F(HubTest, MeasuresRecordsPerSecondPerTopic) {
  hub.set_catalog({{.name = "trades"}, {.name = "logs"}});
  auto start = std::chrono::steady_clock::now();
  hub.measure_rates(start + std::chrono::seconds(1));  // a first second with nothing
  for (int i = 0; i < 30; ++i) publish("trades", i);
  hub.measure_rates(start + std::chrono::seconds(3));  // 30 records over 2 s
  auto topics = hub.topics_json();
  EXPECT_DOUBLE_EQ(topics[0]["records_per_s"].get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(topics[1]["records_per_s"].get<double>(), 0.0);
}

namespace {

// Records what the hub asks of it; the test plays the catch-up's part.
struct RecordingCatchUps : CatchUps {
  std::size_t room() override { return 8; }
  void start(CatchUpRequest request) override { started.push_back(std::move(request)); }
  std::vector<CatchUpRequest> started;
};

void publish_value(Hub& hub, std::int32_t partition, std::int64_t offset, std::string_view value) {
  hub.publish({.topic = "trades", .partition = partition, .offset = offset, .value = value});
}

}  // namespace

TEST_F(HubTest, AWhereFilterKeepsExactlyTheMatchingRecordsForThatClientOnly) {
  auto filtered = joined(), everything = joined();
  auto request = std::get<SubscribeRequest>(parse_client_message(
      R"({"op":"subscribe","topics":["trades"],"where":"price > 190 and side == 'BUY'"})"));
  topics(hub.subscribe(*filtered, request));
  hub.subscribe(*everything, {.topics = {"trades"}});
  publish_value(hub, 0, 1, R"({"price":191,"side":"BUY"})");
  publish_value(hub, 0, 2, R"({"price":189,"side":"BUY"})");
  publish_value(hub, 0, 3, R"({"price":200,"side":"SELL"})");
  publish_value(hub, 0, 4, "not json");
  publish_value(hub, 0, 5, R"({"price":250.5,"side":"BUY"})");
  EXPECT_EQ(filtered->offsets(), (std::vector<std::int64_t>{1, 5}));
  EXPECT_EQ(everything->offsets(), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
}

TEST_F(HubTest, AStartPositionBeginsACatchUpAndIsRefusedWithoutAReader) {
  auto a = joined();
  SubscribeRequest request{.topics = {"trades"}, .start = {.earliest = true}};
  EXPECT_EQ(error(hub.subscribe(*a, request)), "this bridge cannot read older records from Kafka");
  RecordingCatchUps catch_ups;
  hub.set_catch_ups(&catch_ups);
  request.start = {.resume = {{"trades", {{0, 4}}}, {"logs", {{1, 9}}}}};
  request.topics = {"trades", "logs"};
  EXPECT_EQ(topics(hub.subscribe(*a, request)), (std::vector<std::string>{"logs", "trades"}));
  ASSERT_EQ(catch_ups.started.size(), 2u);
  EXPECT_EQ(catch_ups.started[0].topic, "trades");
  EXPECT_EQ(catch_ups.started[0].start.resume, (std::map<std::string, PartitionOffsets>{{"trades", {{0, 4}}}}));
  EXPECT_EQ(hub.catch_up_state(*a, "trades"), Hub::CatchUpStep::reading);
  publish("trades", 1);  // not live for this client until it joins
  EXPECT_TRUE(a->frames.empty());
  hub.unsubscribe(*a, {.topics = std::vector<std::string>{"trades"}});
  EXPECT_EQ(hub.catch_up_state(*a, "trades"), Hub::CatchUpStep::abandoned);
  hub.set_catch_ups(nullptr);
}

TEST_F(HubTest, ACatchUpJoinsFromTheRingWithNoGapAndNoDuplicate) {
  RecordingCatchUps catch_ups;
  hub.set_catch_ups(&catch_ups);
  for (int offset = 0; offset < 10; ++offset) publish_value(hub, 0, offset, "{}");  // ring: 6..9
  auto a = joined();
  hub.subscribe(*a, {.topics = {"trades"}, .start = {.earliest = true}});
  // The catch-up has sent 0..4 itself: 5 is older than the ring, so it must read on.
  EXPECT_EQ(hub.try_join(*a, "trades", {{0, 5}}), Hub::CatchUpStep::reading);
  // Having sent 0..6: the ring holds 7..9, sent now, then live.
  EXPECT_EQ(hub.try_join(*a, "trades", {{0, 7}}), Hub::CatchUpStep::joined);
  publish_value(hub, 0, 10, "{}");
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{7, 8, 9, 10}));
  EXPECT_EQ(hub.try_join(*a, "trades", {{0, 11}}), Hub::CatchUpStep::abandoned);  // done already
  hub.set_catch_ups(nullptr);
}

TEST_F(HubTest, ACatchUpAheadOfTheLiveStreamSkipsWhatItAlreadySent) {
  RecordingCatchUps catch_ups;
  hub.set_catch_ups(&catch_ups);
  publish_value(hub, 0, 0, "{}");
  auto a = joined();
  hub.subscribe(*a, {.topics = {"trades"}, .start = {.earliest = true}});
  // The catch-up's own consumer got to 0..3 before the bridge's live one did.
  EXPECT_EQ(hub.try_join(*a, "trades", {{0, 4}, {1, 0}}), Hub::CatchUpStep::joined);
  for (int offset = 1; offset < 6; ++offset) publish_value(hub, 0, offset, "{}");
  publish_value(hub, 1, 0, "{}");  // a partition live had not seen yet
  EXPECT_EQ(a->offsets(), (std::vector<std::int64_t>{4, 5, 0}));
  hub.set_catch_ups(nullptr);
}
