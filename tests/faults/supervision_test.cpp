// A processor whose transform fails (throws) stops without committing and is restarted by
// supervision with backoff, visibly in /health; a record it keeps failing on is
// dead-lettered after three attempts, so that one record cannot stop it for good.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fault_support.hpp"
#include "pipeline/restart_backoff.hpp"

namespace streamweaver::faults {
namespace {

using ::testing::HasSubstr;

TEST(Supervision, AProcessorWhoseTransformThrowsIsRestartedAndGoesOn) {
  test_support::RunningHost running(copy_pipeline());
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  std::vector<std::string> inputs;
  for (int n = 0; n < 20; ++n)
    inputs.push_back(n == 10 ? R"({"n":10,"fail":true})" : nlohmann::json{{"n", n}}.dump());
  produce_raw(bootstrap, "in", inputs);

  // It fails on record 10, restarts (1 s, then 2 s later), fails twice more, then
  // dead-letters it and goes on.
  ASSERT_TRUE(eventually([&] { return running.health()["processors"]["copy"]["restarts"] >= 1; }, 60s))
      << running.health().dump(2);
  auto failing = running.health();
  EXPECT_THAT(failing["processors"]["copy"]["last_error"].get<std::string>(), HasSubstr("echo asked to fail"));

  auto dead = test_support::read_topics(bootstrap, {"copy.dlq"}, 1, 120s);
  ASSERT_EQ(dead.size(), 1u) << running.health().dump(2);
  EXPECT_EQ(header(dead[0], "streamweaver.error.stage"), "0:echo");
  EXPECT_EQ(header(dead[0], "streamweaver.error.reason"), "echo asked to fail (failed 3 times)");
  std::set<std::int64_t> seen;  // records before 10 come out once per attempt
  ASSERT_TRUE(eventually([&] {
    auto size = test_support::topic_size(bootstrap, "out");
    seen.clear();
    for (const auto& r : test_support::read_topics(bootstrap, {"out"}, size, 10s))
      seen.insert(r.json()["n"].get<std::int64_t>());
    return seen.size() == 19;
  }, 60s)) << seen.size() << " of 19 distinct outputs";
  EXPECT_FALSE(seen.contains(10));

  auto health = running.health();
  EXPECT_EQ(health["processors"]["copy"]["restarts"], 2) << health.dump(2);
  EXPECT_EQ(health["processors"]["copy"]["state"], "running");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_NE(test::http_request(running.port(), "/metrics")
                .body.find("streamweaver_processor_restarts_total{processor=\"copy\"} 2\n"),
            std::string::npos);
  EXPECT_EQ(running.stop(), 0u);
}

TEST(Supervision, RestartsBackOffFromOneToThirtySeconds) {
  pipeline::RestartBackoff backoff;
  EXPECT_EQ(backoff.next(false), 1000ms);
  EXPECT_EQ(backoff.next(false), 2000ms);
  EXPECT_EQ(backoff.next(false), 4000ms);
  for (int i = 0; i < 10; ++i) backoff.next(false);
  EXPECT_EQ(backoff.next(false), 30000ms);  // capped
  EXPECT_EQ(backoff.next(true), 1000ms);    // it did useful work since: a first failure again
}

}  // namespace
}  // namespace streamweaver::faults
