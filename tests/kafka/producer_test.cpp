// The producer against the embedded broker: records are never given up, a full queue is
// back-pressure that ends with the next delivery, and a fatal error (as the idempotent
// producer raises when it loses its sequence) is survived with every record delivered.
#include "kafka/producer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "kafka/embedded_broker.hpp"
#include "support/topic_reader.hpp"

namespace streamweaver::kafka {
namespace {

using namespace std::chrono_literals;

class CountingHandler final : public DeliveryHandler {
 public:
  void on_delivery(std::uint32_t, rd_kafka_resp_err_t error) noexcept override {
    (error ? failed : delivered).fetch_add(1);
  }
  std::atomic<int> delivered{0};
  std::atomic<int> failed{0};
};

struct ProducerTest : ::testing::Test {
  ProducerTest() { broker.create_topic(topic, 3); }

  // Produces {"n": from..to-1}, keyed k0..k9; returns how many calls had to wait for room.
  int produce_range(Producer& producer, int from, int to) {
    int waited = 0;
    std::stop_source never;
    for (int n = from; n < to; ++n) {
      auto value = nlohmann::json{{"n", n}}.dump();
      auto key = "k" + std::to_string(n % 10);
      auto result = producer.produce({.topic = topic, .key = key, .value = value, .target = &target},
                                     never.get_token());
      EXPECT_TRUE(result.queued()) << rd_kafka_err2str(result.error);
      if (result.paused > 0ns) ++waited;
    }
    return waited;
  }

  // 10,000 records, a fatal error after the first 5,000: all are delivered, through a
  // replacement producer.
  void expect_a_fatal_error_survived(Producer& producer);

  // Every record the topic holds (some may be there twice), by value.
  std::set<int> numbers_in_topic() {
    auto size = static_cast<std::size_t>(test_support::topic_size(broker.bootstrap_servers(), topic));
    std::set<int> out;
    for (const auto& r : test_support::read_topics(broker.bootstrap_servers(), {topic}, size, 30s))
      out.insert(r.json()["n"].get<int>());
    return out;
  }

  EmbeddedBroker broker;
  const std::string topic = "t";
  boost::intrusive_ptr<CountingHandler> handler{new CountingHandler};
  DeliveryTarget target{handler.get()};
};

TEST_F(ProducerTest, AFullQueueWaitsForDeliveriesAndLosesNothing) {
  broker.set_round_trip(1, 20ms);  // deliveries take a while, so the tiny queue fills
  Producer producer({{"bootstrap.servers", broker.bootstrap_servers()},
                     {"queue.buffering.max.messages", "20"}});
  int waited = produce_range(producer, 0, 500);
  ASSERT_EQ(producer.flush(30s), 0);
  EXPECT_GT(waited, 0) << "the queue never filled: the test proves nothing";
  EXPECT_EQ(handler->delivered, 500);
  EXPECT_EQ(handler->failed, 0);
  EXPECT_EQ(numbers_in_topic().size(), 500u);
}

TEST_F(ProducerTest, AFatalErrorIsSurvivedWithEveryRecordDelivered) {
  Producer producer({{"bootstrap.servers", broker.bootstrap_servers()}});
  expect_a_fatal_error_survived(producer);
}

// A prepared topic's records go through librdkafka's handle of the topic, which the
// replacement producer must make anew.
TEST_F(ProducerTest, AFatalErrorIsSurvivedByAPreparedTopic) {
  Producer producer({{"bootstrap.servers", broker.bootstrap_servers()}});
  producer.prepare_topic(topic);
  expect_a_fatal_error_survived(producer);
}

void ProducerTest::expect_a_fatal_error_survived(Producer& producer) {
  produce_range(producer, 0, 5000);
  producer.inject_fatal_error(RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, "test: sequence lost");
  produce_range(producer, 5000, 10000);
  ASSERT_EQ(producer.flush(60s), 0);
  EXPECT_EQ(handler->delivered, 10000);
  EXPECT_EQ(handler->failed, 0);
  auto health = producer.health()->state();
  EXPECT_EQ(health.producer_replacements, 1u);
  EXPECT_TRUE(health.producer_usable);
  EXPECT_NE(health.fatal_error.find("test: sequence lost"), std::string::npos) << health.fatal_error;
  // At-least-once across the replacement: every record is there, some perhaps twice.
  EXPECT_EQ(numbers_in_topic().size(), 10000u);
}

TEST_F(ProducerTest, ARecordTooLargeIsRefusedAtOnceWithTheReason) {
  Producer producer({{"bootstrap.servers", broker.bootstrap_servers()}, {"message.max.bytes", "1000"}});
  std::string big(5000, 'x');
  std::stop_source never;
  auto result = producer.produce({.topic = topic, .value = big, .target = &target}, never.get_token());
  EXPECT_TRUE(result.refused());
  EXPECT_EQ(result.error, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  EXPECT_TRUE(is_record_error(result.error));
  EXPECT_EQ(handler->use_count(), 1);  // the refused message holds no reference
}

TEST_F(ProducerTest, StoppingWhileWaitingForRoomGivesTheRecordBack) {
  broker.set_down(1);  // nothing is delivered, the queue of 5 fills and stays full
  Producer producer({{"bootstrap.servers", broker.bootstrap_servers()},
                     {"queue.buffering.max.messages", "5"}});
  std::stop_source stop;
  std::atomic<int> queued = 0;
  std::thread writer([&] {
    for (int n = 0; n < 100; ++n) {
      auto result = producer.produce({.topic = topic, .value = "{}", .target = &target}, stop.get_token());
      if (!result.queued()) {
        EXPECT_EQ(result.outcome, ProduceResult::Outcome::stopped);
        return;
      }
      ++queued;
    }
  });
  while (queued < 5) std::this_thread::yield();  // the sixth waits for room that never comes
  stop.request_stop();
  writer.join();
  EXPECT_EQ(queued, 5);
  EXPECT_EQ(producer.purge(), 5);
  EXPECT_EQ(handler->failed, 5);  // given up at shutdown, and told so
}

}  // namespace
}  // namespace streamweaver::kafka
