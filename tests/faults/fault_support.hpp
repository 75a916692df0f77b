#pragma once
// Shared by the fault tests: a Kafka cluster in this process that a test can take away and
// bring back, pipelines that write numbered records, and reading them back.
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_host.hpp"
#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"
#include "test_client.hpp"

namespace streamweaver::faults {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test_support::eventually;

// "[kafka]" naming `bootstrap` as real brokers, with a short consumer session: the mock
// cluster lets a new group member in only once the old one's session has expired.
inline std::string kafka_section(const std::string& bootstrap, const std::string& extra = "") {
  return "[kafka]\nbrokers = \"" + bootstrap + "\"\n" + extra +
         "[kafka.consumer]\n\"session.timeout.ms\" = \"6000\"\n";
}

inline std::string topic_section(const std::string& name, int partitions) {
  return "[topics." + name + "]\npartitions = " + std::to_string(partitions) + "\n";
}

// The "n" of each record, by Kafka key, in the order the topic holds them per key.
struct Numbered {
  std::map<std::string, std::vector<std::int64_t>> by_key;
  std::set<std::int64_t> distinct;
  std::size_t total = 0;
};

inline Numbered read_numbered(const std::string& bootstrap, const std::string& topic, std::size_t count) {
  Numbered out;
  for (const auto& r : test_support::read_topics(bootstrap, {topic}, count, 60s)) {
    auto n = r.json()["n"].get<std::int64_t>();
    out.by_key[r.key].push_back(n);  // one key, one partition: read in offset order
    out.distinct.insert(n);
    ++out.total;
  }
  return out;
}

// Checks that `topic` holds every one of 0..produced-1, in order per key, and returns how
// many records it holds twice. With a real broker that is 0: the idempotent producer's
// retries are deduplicated. librdkafka's mock cluster deduplicates only transactional
// producers (rdkafka_mock.c), so against it a batch that was in flight when the broker
// went away can be written twice: the retry of a request whose answer was lost. Such a
// repeat is a run of records already seen; a record seen for the first time after a later
// one of its key would be disorder, and fails.
inline std::size_t expect_complete_in_order(const std::string& bootstrap, const std::string& topic,
                                            std::uint64_t produced) {
  auto size = test_support::topic_size(bootstrap, topic);
  auto read = read_numbered(bootstrap, topic, static_cast<std::size_t>(size));
  EXPECT_EQ(read.total, static_cast<std::size_t>(size)) << "records read back from '" << topic << "'";
  EXPECT_EQ(read.distinct.size(), produced) << "distinct records in '" << topic << "'";
  if (!read.distinct.empty()) {
    EXPECT_EQ(*read.distinct.begin(), 0);
    EXPECT_EQ(*read.distinct.rbegin(), static_cast<std::int64_t>(produced) - 1);
  }
  for (const auto& [key, numbers] : read.by_key) {
    std::set<std::int64_t> seen;
    std::int64_t highest = -1;
    for (auto n : numbers) {
      bool repeat = !seen.insert(n).second;
      EXPECT_TRUE(repeat || n > highest) << "key " << key << ": " << n << " first seen after " << highest;
      highest = std::max(highest, n);
    }
  }
  return read.total - read.distinct.size();
}

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace streamweaver::faults

namespace streamweaver::faults {

// Writes raw values into `topic` (keyed k0..k9) and waits until Kafka has them all.
inline void produce_raw(const std::string& bootstrap, const std::string& topic,
                        const std::vector<std::string>& values) {
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  std::stop_source never;
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto key = "k" + std::to_string(i % 10);
    auto result = producer.produce({.topic = topic, .key = key, .value = values[i]}, never.get_token());
    ASSERT_TRUE(result.queued()) << rd_kafka_err2str(result.error);
  }
  ASSERT_EQ(producer.flush(30s), 0);
}

inline std::string header(const test_support::ReadRecord& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return "<missing>";
}

// A processor `copy` from "in" to "out" through the echo fixture, on the embedded broker.
inline std::string copy_pipeline(const std::string& extra_kafka = "", const std::string& echo_options = "{}") {
  return "[kafka]\nbrokers = \"embedded\"\n" + extra_kafka + topic_section("in", 1) + topic_section("out", 1) + R"(
[processors.copy]
input = "in"
output = "out"
[[processors.copy.transforms]]
plugin = "echo"
options = )" + echo_options + R"(
[bridge]
listen = "127.0.0.1:0"
topics = []
)";
}

}  // namespace streamweaver::faults
