// Processors on the embedded broker: transforms applied topic to topic, poison records to the
// dead-letter topic with headers, partitions shared in a group, nothing lost on restart.
#include <gtest/gtest.h>

#include <set>

#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"

using namespace streamweaver;
using namespace std::chrono_literals;
using test_support::eventually;
using test_support::RunningPipeline;

// A broker shared by several pipelines (host instances), which connect to it as to real
// brokers. The mock cluster has no CreateTopics API, so the topics are made here.
struct SharedBroker {
  SharedBroker() {
    for (const auto* topic : {"in", "out"}) broker.create_topic(topic, 3);
    broker.create_topic("copy.dlq", 1);
  }
  kafka::EmbeddedBroker broker;
};

namespace {

nlohmann::json processor_health(RunningPipeline& p, const std::string& name) {
  return p.pipeline().health()["processors"][name];
}

// Writes raw values into a topic, keyed k0..k9, and waits until Kafka has them all.
void produce_raw(const std::string& bootstrap, const std::string& topic,
                 const std::vector<std::string>& values) {
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  std::stop_source never;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string key = "k" + std::to_string(i % 10);
    auto result = producer.produce({.topic = topic, .key = key, .value = values[i]}, never.get_token());
    ASSERT_TRUE(result.queued()) << rd_kafka_err2str(result.error);
  }
  ASSERT_EQ(producer.flush(10s), 0);
}

std::vector<std::string> numbered(int from, int to) {
  std::vector<std::string> out;
  for (int n = from; n < to; ++n) out.push_back(nlohmann::json{{"n", n}}.dump());
  return out;
}

std::string processor_pipeline(const std::string& brokers, const std::string& transforms) {
  // The mock broker lets a new member join only once the members it knew have timed out,
  // even after they left the group: a short session keeps restart tests short.
  return "[kafka]\nbrokers = \"" + brokers + R"("
[kafka.consumer]
"session.timeout.ms" = "6000"
[topics.in]
partitions = 3
[topics.out]
partitions = 3
[processors.copy]
input = "in"
output = "out"
)" + transforms;
}

const char* kEcho = "[[processors.copy.transforms]]\nplugin = \"echo\"\n";

std::set<int> numbers_in(const std::vector<test_support::ReadRecord>& records) {
  std::set<int> out;
  for (const auto& r : records) out.insert(r.json()["n"].get<int>());
  return out;
}

}  // namespace

TEST(Processor, OutputHoldsWhatTheTransformsImply) {
  RunningPipeline running(processor_pipeline("embedded", R"toml(
[[processors.copy.transforms]]
plugin = "filter"
options = { expression = "n < 50 and not (n in [3, 4])" }
[[processors.copy.transforms]]
plugin = "echo"
options = { copies = 2 }
)toml"));
  produce_raw(running.bootstrap(), "in", numbered(0, 100));
  ASSERT_TRUE(eventually([&] { return processor_health(running, "copy")["received"] == 100; }, 30s));
  ASSERT_EQ(running.stop(), 0);
  EXPECT_EQ(test_support::topic_size(running.bootstrap(), "out"), 96);  // 48 kept, 2 copies each
  auto out = test_support::read_topics(running.bootstrap(), {"out"}, 96, 20s);
  ASSERT_EQ(out.size(), 96u);
  auto seen = numbers_in(out);
  EXPECT_EQ(seen.size(), 48u);
  EXPECT_FALSE(seen.contains(3));
  EXPECT_FALSE(seen.contains(50));
  EXPECT_EQ(out.front().json()["path"], "e");  // went through echo
}

TEST(Processor, PoisonRecordsGoToTheDeadLetterTopicWithHeaders) {
  RunningPipeline running(processor_pipeline("embedded", kEcho));
  produce_raw(running.bootstrap(), "in",
              {R"({"n":1})", "not json at all", R"({"poison":true})", R"({"n":2})", "[1,2]", ""});
  ASSERT_TRUE(eventually([&] { return processor_health(running, "copy")["received"] == 6; }, 30s));
  ASSERT_EQ(running.stop(), 0);
  EXPECT_EQ(numbers_in(test_support::read_topics(running.bootstrap(), {"out"}, 2, 20s)), (std::set<int>{1, 2}));

  auto dead = test_support::read_topics(running.bootstrap(), {"copy.dlq"}, 4, 20s);
  ASSERT_EQ(dead.size(), 4u);
  std::map<std::string, test_support::ReadRecord> by_value;
  for (const auto& r : dead) by_value[r.value] = r;
  auto header = [](const test_support::ReadRecord& r, const std::string& name) {
    for (const auto& h : r.headers)
      if (h.name == name) return h.value;
    return std::string("<missing>");
  };
  ASSERT_TRUE(by_value.contains("not json at all"));
  EXPECT_EQ(header(by_value["not json at all"], "streamweaver.error.stage"), "input");
  EXPECT_EQ(header(by_value["not json at all"], "streamweaver.error.reason"), "value is not a JSON object");
  EXPECT_EQ(header(by_value["not json at all"], "streamweaver.source.topic"), "in");
  ASSERT_TRUE(by_value.contains(R"({"poison":true})"));
  EXPECT_EQ(header(by_value[R"({"poison":true})"], "streamweaver.error.stage"), "0:echo");
  EXPECT_EQ(header(by_value[R"({"poison":true})"], "streamweaver.error.reason"), "poison field present");
  EXPECT_TRUE(by_value.contains("[1,2]"));
  ASSERT_TRUE(by_value.contains(""));  // an empty value (a tombstone's) is no object either
  EXPECT_EQ(header(by_value[""], "streamweaver.error.stage"), "input");
  EXPECT_EQ(processor_health(running, "copy")["dead_lettered"], 4);
}

TEST(Processor, TwoInstancesInOneGroupSplitThePartitions) {
  SharedBroker shared;
  auto& broker = shared.broker;
  RunningPipeline first(processor_pipeline(broker.bootstrap_servers(), kEcho));
  RunningPipeline second(processor_pipeline(broker.bootstrap_servers(), kEcho));
  auto assigned = [](RunningPipeline& p) {
    return processor_health(p, "copy")["assigned_partitions"].get<std::vector<int>>();
  };
  ASSERT_TRUE(eventually([&] {
    auto a = assigned(first), b = assigned(second);
    return !a.empty() && !b.empty() && a.size() + b.size() == 3;
  }, 60s)) << "assignments never settled";
  std::set<int> all;
  for (int p : assigned(first)) all.insert(p);
  for (int p : assigned(second)) all.insert(p);
  EXPECT_EQ(all, (std::set<int>{0, 1, 2}));

  produce_raw(broker.bootstrap_servers(), "in", numbered(0, 300));
  auto received = [&](RunningPipeline& p) { return processor_health(p, "copy")["received"].get<int>(); };
  ASSERT_TRUE(eventually([&] { return received(first) + received(second) >= 300; }, 30s));
  EXPECT_GT(received(first), 0);
  EXPECT_GT(received(second), 0);
  first.stop();
  second.stop();
  EXPECT_EQ(numbers_in(test_support::read_topics(broker.bootstrap_servers(), {"out"}, 300, 20s)).size(), 300u);
}

TEST(Processor, RestartLosesNothing) {
  SharedBroker shared;
  auto& broker = shared.broker;
  produce_raw(broker.bootstrap_servers(), "in", numbered(0, 2000));
  {
    RunningPipeline first(processor_pipeline(broker.bootstrap_servers(), kEcho));
    ASSERT_TRUE(eventually([&] { return processor_health(first, "copy")["received"] > 0; }, 30s));
    first.stop();  // possibly mid-batch: what was not acknowledged is not committed
  }
  RunningPipeline second(processor_pipeline(broker.bootstrap_servers(), kEcho));
  produce_raw(broker.bootstrap_servers(), "in", numbered(2000, 2100));
  // Every input number reaches the output; re-processed ones may appear twice.
  std::size_t distinct = 0, total = 0;
  auto all_there = [&] {
    auto size = test_support::topic_size(broker.bootstrap_servers(), "out");
    if (size < 2100) return false;
    auto out = test_support::read_topics(broker.bootstrap_servers(), {"out"}, size, 20s);
    total = out.size();
    distinct = numbers_in(out).size();
    return distinct == 2100;
  };
  EXPECT_TRUE(eventually(all_there, 60s)) << distinct << " distinct of 2100, " << total << " read";
}
