#include <gtest/gtest.h>

#include "pipeline/transform_chain.hpp"
#include "plugin/option_binding.hpp"
#include "plugin/plugin_registry.hpp"

using namespace streamweaver;

namespace {

class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(registry_.load_file(FIXTURE_ECHO_PLUGIN_PATH)); }

  pipeline::TransformChain::Stage echo(const std::string& tag, int copies, int interval_ms = 0) {
    toml::table options{{"tag", tag}, {"copies", copies}, {"interval_ms", interval_ms}};
    config::ConfigErrors errors;
    auto bound = plugin::bind_stage(registry_, {.plugin = "echo", .options = options},
                                    PluginKind::transform, "test", errors);
    EXPECT_TRUE(errors.empty());
    std::string error;
    return {"echo-" + tag, plugin::make_transform(*bound, error)};
  }

  // The real window_aggregate, a stage that reads JSON text: each trade gives its symbol's
  // VWAP over the last 2 trades.
  pipeline::TransformChain::Stage vwap() {
    if (!registry_.find("window_aggregate")) {
      EXPECT_TRUE(registry_.load_file(WINDOW_AGGREGATE_PLUGIN_PATH));
    }
    toml::table options{{"by", "symbol"}, {"window", 2}, {"metrics", toml::array{"vwap"}}};
    config::ConfigErrors errors;
    auto bound = plugin::bind_stage(registry_, {.plugin = "window_aggregate", .options = options},
                                    PluginKind::transform, "test", errors);
    EXPECT_TRUE(errors.empty());
    std::string error;
    return {"vwap", plugin::make_transform(*bound, error)};
  }

  pipeline::TransformChain chain(std::vector<pipeline::TransformChain::Stage> stages) {
    return pipeline::TransformChain(std::move(stages), 1000);
  }

  std::vector<Record> out_;
  pipeline::TransformChain::Output collect = [this](Record&& r) { out_.push_back(std::move(r)); };
  plugin::PluginRegistry registry_;
};

}  // namespace

TEST_F(ChainTest, RecordsFlowThroughStagesInOrderAndFanOut) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(echo("a", 2));
  stages.push_back(echo("b", 3));
  auto c = chain(std::move(stages));
  EXPECT_FALSE(c.process({.value = {{"n", 1}}}, collect));
  ASSERT_EQ(out_.size(), 6u);
  for (const auto& r : out_) EXPECT_EQ(r.value["path"], "ab");
}

TEST_F(ChainTest, RejectionNamesTheStageAndStopsOnlyThatRecord) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(echo("a", 1));
  auto c = chain(std::move(stages));
  auto rejection = c.process({.value = {{"poison", true}}}, collect);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->stage, "echo-a");
  EXPECT_EQ(rejection->reason, "poison field present");
  EXPECT_TRUE(out_.empty());
  EXPECT_FALSE(c.process({.value = {{"n", 2}}}, collect));
  EXPECT_EQ(out_.size(), 1u);
}

TEST_F(ChainTest, TimerOutputContinuesFromTheNextStage) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(echo("a", 1, 100));
  stages.push_back(echo("b", 1));
  auto c = chain(std::move(stages));
  EXPECT_EQ(c.next_timer_ms(), 1100);
  EXPECT_FALSE(c.run_timers(1099, collect));
  EXPECT_TRUE(out_.empty());
  EXPECT_FALSE(c.run_timers(1100, collect));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].value["path"], "ab");  // made by a's timer, then through b
  EXPECT_EQ(out_[0].value["tick"], 1100);
  EXPECT_EQ(c.next_timer_ms(), 1200);
}

TEST_F(ChainTest, AStageThatReadsTextGetsTextAndTheNextOneAValue) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(vwap());
  stages.push_back(echo("a", 1));
  auto c = chain(std::move(stages));
  EXPECT_TRUE(c.reads_json_text());
  for (const char* trade : {R"({"symbol":"X","price":2,"quantity":1})", R"({"symbol":"X","price":5,"quantity":2})"})
    EXPECT_FALSE(c.process({.json = trade}, collect));
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(out_[1].value["symbol"], "X");
  EXPECT_EQ(out_[1].value["vwap"], 4.0);  // (2*1 + 5*2) / 3
  EXPECT_EQ(out_[1].value["path"], "a");  // echo read it as a value
  auto rejection = c.process({.json = "[1]"}, collect);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->reason, "value is not a JSON object");
}

TEST_F(ChainTest, ARecordsTextIsParsedForAStageThatReadsValues) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(echo("a", 1));
  stages.push_back(vwap());
  auto c = chain(std::move(stages));
  EXPECT_FALSE(c.reads_json_text());
  EXPECT_FALSE(c.process({.json = R"({"symbol":"Y","price":3,"quantity":2})"}, collect));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].value["vwap"], 3.0);
  EXPECT_EQ(out_[0].value["symbol"], "Y");
}
