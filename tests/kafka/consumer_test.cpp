// The group consumer against the embedded broker: its assignment is known without asking
// librdkafka, pausing keeps it in its group without losing records, and closing it while
// Kafka is away does not hang the thread that closes it.
#include "kafka/consumer.hpp"

#include <gtest/gtest.h>

#include <set>

#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_pipeline.hpp"

namespace streamweaver::kafka {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct ConsumerTest : ::testing::Test {
  ConsumerTest() { broker.create_topic("t", 2); }

  void produce(int from, int to) {
    Producer producer({{"bootstrap.servers", broker.bootstrap_servers()}});
    std::stop_source never;
    for (int n = from; n < to; ++n) {
      auto value = std::to_string(n);
      ASSERT_TRUE(producer.produce({.topic = topic, .key = "k" + std::to_string(n % 4), .value = value},
                                   never.get_token())
                      .queued());
    }
    ASSERT_EQ(producer.flush(10s), 0);
  }

  ConfigMap group_settings() const {
    return {{"bootstrap.servers", broker.bootstrap_servers()}, {"group.id", "g"},
            {"session.timeout.ms", "6000"}, {"fetch.wait.max.ms", "20"}};
  }

  // Polls until `count` records arrived (or 30 s passed); returns their values.
  std::multiset<int> read(Consumer& consumer, std::size_t count) {
    std::multiset<int> out;
    for (auto deadline = Clock::now() + 30s; out.size() < count && Clock::now() < deadline;)
      if (auto m = consumer.poll(100ms); m && !m->is_error()) out.insert(std::stoi(std::string(m->value())));
    return out;
  }

  EmbeddedBroker broker;
  const std::string topic = "t";
};

TEST_F(ConsumerTest, KnowsItsAssignmentFromTheRebalance) {
  Consumer consumer(group_settings());
  EXPECT_TRUE(consumer.assignment().empty());
  consumer.subscribe({topic});
  ASSERT_TRUE(test_support::eventually([&] {
    consumer.poll(50ms);
    return consumer.assignment() == std::vector<std::int32_t>{0, 1};
  }, 30s));
  consumer.close();
  EXPECT_TRUE(consumer.assignment().empty());
}

// A second member takes half: the first one's assignment shrinks to what it still owns, both
// with the eager protocol (all revoked, then reassigned) and the cooperative one (only the
// moved partition revoked).
TEST_F(ConsumerTest, KnowsItsAssignmentWhenASecondMemberJoins) {
  for (std::string strategy : {"range", "cooperative-sticky"}) {
    SCOPED_TRACE(strategy);
    auto settings = group_settings();
    settings["group.id"] = "g-" + strategy;
    settings["partition.assignment.strategy"] = strategy;
    // The first member hears of the join sooner, and the embedded broker waits for members
    // to rejoin for the session timeout less a second (5 s per round with 6 s).
    settings["heartbeat.interval.ms"] = "200";
    settings["session.timeout.ms"] = "3000";
    Consumer first(settings);
    first.subscribe({topic});
    ASSERT_TRUE(test_support::eventually([&] {
      first.poll(50ms);
      return first.assignment() == std::vector<std::int32_t>{0, 1};
    }, 30s));
    Consumer second(settings);
    second.subscribe({topic});
    ASSERT_TRUE(test_support::eventually([&] {
      first.poll(20ms);
      second.poll(20ms);
      auto a = first.assignment(), b = second.assignment();
      return a.size() == 1 && b.size() == 1 && a != b;
    }, 30s));
    first.close();
    EXPECT_TRUE(first.assignment().empty());
  }
}

TEST_F(ConsumerTest, PausedItFetchesNothingAndAfterResumeItLosesNothing) {
  produce(0, 200);
  Consumer consumer(group_settings());
  consumer.subscribe({topic});
  auto seen = read(consumer, 50);  // more than these are fetched already, but not polled
  ASSERT_EQ(seen.size(), 50u);
  consumer.pause();
  produce(200, 300);
  std::size_t while_paused = 0;
  for (auto until = Clock::now() + 2s; Clock::now() < until;)
    if (auto m = consumer.poll(100ms); m && !m->is_error()) ++while_paused;
  EXPECT_EQ(while_paused, 0u);
  consumer.resume();
  seen.merge(read(consumer, 250));
  std::multiset<int> every_record_once;
  for (int n = 0; n < 300; ++n) every_record_once.insert(n);
  EXPECT_EQ(seen, every_record_once);
}

// librdkafka 2.0 stops fetching at queued.min.messages and, left alone, looks again only up
// to a second later. The consumer wakes it once the queue is drained, by seeking to where it
// is: that must neither skip nor repeat a record, also across a pause and with records
// arriving meanwhile. A queue of 50 is below any fetch the embedded broker answers.
TEST_F(ConsumerTest, WakesFetchingStoppedAtTheQueueLimitAndLosesNothing) {
  produce(0, 6000);
  auto settings = group_settings();
  settings["queued.min.messages"] = "50";
  Consumer consumer(settings);
  consumer.subscribe({topic});
  auto seen = read(consumer, 3000);
  consumer.pause();  // a processor waiting for Kafka does this; records go on arriving
  produce(6000, 8000);
  consumer.resume();
  seen.merge(read(consumer, 5000));
  std::multiset<int> every_record_once;
  for (int n = 0; n < 8000; ++n) every_record_once.insert(n);
  EXPECT_EQ(seen, every_record_once);
  std::size_t more = 0;  // a repeat after the last one
  for (auto until = Clock::now() + 1s; Clock::now() < until;)
    if (auto m = consumer.poll(100ms); m && !m->is_error()) ++more;
  EXPECT_EQ(more, 0u);
  EXPECT_GT(consumer.fetch_wakes(), 0u);
}

TEST_F(ConsumerTest, ClosingWhileKafkaIsAwayReturns) {
  Consumer consumer(group_settings());
  consumer.subscribe({topic});
  ASSERT_TRUE(test_support::eventually([&] {
    consumer.poll(50ms);
    return !consumer.assignment().empty();
  }, 30s));
  broker.set_down(1);
  auto start = Clock::now();
  consumer.close();
  auto took = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("close() with the broker down took %.1f s\n", took);
  EXPECT_LT(took, 15.0) << "a reload or shutdown during an outage would hang this long";
}

}  // namespace
}  // namespace streamweaver::kafka
