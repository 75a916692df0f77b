// Records a processor cannot pass on go to the dead-letter topic with the reason, and the
// processor goes on with the next ones: an output Kafka refuses as too large, and an input
// nested so deep that anything recursive done with it would overflow the stack.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fault_support.hpp"

namespace streamweaver::faults {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> numbered_with(int count, int special, const std::string& special_value) {
  std::vector<std::string> out;
  for (int n = 0; n < count; ++n)
    out.push_back(n == special ? special_value : nlohmann::json{{"n", n}}.dump());
  return out;
}

std::set<std::int64_t> numbers(const std::vector<test_support::ReadRecord>& records) {
  std::set<std::int64_t> out;
  for (const auto& r : records) out.insert(r.json()["n"].get<std::int64_t>());
  return out;
}

TEST(DeadLetters, AnOutputKafkaRefusesAsTooLargeIsDeadLetteredAndTheNextOnesArrive) {
  // The echo stage pads records with a "big" field by 200 kB; Kafka takes at most 100 kB.
  test_support::RunningHost running(
      copy_pipeline("[kafka.producer]\n\"message.max.bytes\" = \"100000\"\n", "{ big_bytes = 200000 }"));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  produce_raw(bootstrap, "in", numbered_with(10, 5, R"({"n":5,"big":true})"));

  auto out = test_support::read_topics(bootstrap, {"out"}, 9, 30s);
  EXPECT_EQ(numbers(out), (std::set<std::int64_t>{0, 1, 2, 3, 4, 6, 7, 8, 9}));
  auto dead = test_support::read_topics(bootstrap, {"copy.dlq"}, 1, 30s);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].value, R"({"n":5,"big":true})");  // the input, as it came
  EXPECT_EQ(header(dead[0], "streamweaver.error.stage"), "output");
  EXPECT_THAT(header(dead[0], "streamweaver.error.reason"), HasSubstr("too large"));
  auto health = running.health()["processors"]["copy"];
  EXPECT_EQ(health["state"], "running");
  EXPECT_EQ(health["dead_lettered"], 1);
  EXPECT_EQ(running.stop(), 0u);
}

TEST(DeadLetters, AnInputNestedTooDeepIsDeadLetteredNotACrash) {
  test_support::RunningHost running(copy_pipeline());
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  std::string deep = R"({"n":3,"a":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  produce_raw(bootstrap, "in", numbered_with(6, 3, deep));

  EXPECT_EQ(numbers(test_support::read_topics(bootstrap, {"out"}, 5, 30s)), (std::set<std::int64_t>{0, 1, 2, 4, 5}));
  auto dead = test_support::read_topics(bootstrap, {"copy.dlq"}, 1, 30s);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(header(dead[0], "streamweaver.error.stage"), "input");
  EXPECT_EQ(header(dead[0], "streamweaver.error.reason"), "value nests deeper than 256 levels");
  EXPECT_EQ(running.stop(), 0u);
}

}  // namespace
}  // namespace streamweaver::faults
