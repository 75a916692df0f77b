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

  // A stage of a plugin loaded from `path` on first use.
  pipeline::TransformChain::Stage stage(const std::string& plugin, const char* path,
                                        toml::table options = {}) {
    if (!registry_.find(plugin)) {
      EXPECT_TRUE(registry_.load_file(path));
    }
    config::ConfigErrors errors;
    auto bound = plugin::bind_stage(registry_, {.plugin = plugin, .options = options},
                                    PluginKind::transform, "test", errors);
    EXPECT_TRUE(errors.empty());
    std::string error;
    return {plugin, plugin::make_transform(*bound, error)};
  }
  // Reads records as JSON text, and tells in a header how it got them.
  pipeline::TransformChain::Stage probe() { return stage("text_probe", FIXTURE_TEXT_PROBE_PLUGIN_PATH); }
  // The real window_aggregate, which reads JSON text: each trade gives its symbol's VWAP over
  // the last 2 trades.
  pipeline::TransformChain::Stage vwap() {
    return stage("window_aggregate", WINDOW_AGGREGATE_PLUGIN_PATH,
                 toml::table{{"by", "symbol"}, {"window", 2}, {"metrics", toml::array{"vwap"}}});
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

TEST_F(ChainTest, AStageThatReadsTextGetsTheTextAndTheNextStageAValue) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(probe());
  stages.push_back(echo("a", 1));
  auto c = chain(std::move(stages));
  EXPECT_FALSE(c.process({.json = R"({"n":1})"}, collect));
  ASSERT_EQ(out_.size(), 1u);
  ASSERT_NE(out_[0].header("probe"), nullptr);
  EXPECT_EQ(*out_[0].header("probe"), "text");  // no value was built for the probe
  EXPECT_EQ(out_[0].value["n"], 1);              // but for echo, which reads values
  EXPECT_EQ(out_[0].value["path"], "a");
  EXPECT_TRUE(out_[0].json.empty());
}

TEST_F(ChainTest, ARecordAStageReadsAsTextKeepsItsTextToTheOutput) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(probe());
  auto c = chain(std::move(stages));
  const std::string text = R"({"b": 2, "a": 1})";  // not as nlohmann would write it
  EXPECT_FALSE(c.process({.json = text}, collect));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].json, text);
  EXPECT_TRUE(out_[0].value.is_null());
}

TEST_F(ChainTest, TextThatIsNoObjectIsRejectedWhereAValueIsFirstNeeded) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(echo("a", 1));
  auto first = chain(std::move(stages));
  for (const std::string text : {"[1]", "{\"a\":", "42"}) {
    auto rejection = first.process({.json = text}, collect);
    ASSERT_TRUE(rejection) << text;
    EXPECT_EQ(rejection->stage, "input");
    EXPECT_EQ(rejection->reason, "value is not a JSON object");
    EXPECT_FALSE(rejection->stage_failed);
  }
  auto deep = first.process({.json = R"({"a":)" + std::string(300, '[') + std::string(300, ']') + "}"}, collect);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->reason, "value nests deeper than 256 levels");

  stages.clear();
  stages.push_back(probe());  // passes any text on
  stages.push_back(echo("b", 1));
  auto later = chain(std::move(stages));
  auto rejection = later.process({.json = "[1]"}, collect);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->stage, "echo-b");
  EXPECT_TRUE(out_.empty());
}

TEST_F(ChainTest, TextNoStageReadAsAValueIsCheckedAtTheEnd) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(probe());  // passes any text on, unread
  auto c = chain(std::move(stages));
  for (const std::string& text : std::vector<std::string>{"[1]", "not json", std::string(300, '[') + std::string(300, ']')}) {
    auto rejection = c.process({.json = text}, collect);
    ASSERT_TRUE(rejection) << text;
    EXPECT_EQ(rejection->stage, "text_probe");
    EXPECT_FALSE(rejection->stage_failed);
  }
  EXPECT_TRUE(out_.empty());
  EXPECT_FALSE(c.process({.json = R"({"a":[1]})"}, collect));
  EXPECT_EQ(out_.size(), 1u);
}

TEST_F(ChainTest, AChainWithoutStagesStillOutputsOnlyObjects) {
  auto c = chain({});
  EXPECT_FALSE(c.process({.json = R"({"a":1})"}, collect));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].value["a"], 1);
  auto rejection = c.process({.json = "[1]"}, collect);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->stage, "input");
}

TEST_F(ChainTest, WindowAggregateReadsTradesFromTheirText) {
  std::vector<pipeline::TransformChain::Stage> stages;
  stages.push_back(vwap());
  auto c = chain(std::move(stages));
  for (const char* trade : {R"({"symbol":"X","price":2,"quantity":1})", R"({"symbol":"X","price":5,"quantity":2})"})
    EXPECT_FALSE(c.process({.json = trade}, collect));
  ASSERT_EQ(out_.size(), 2u);
  auto vwap = nlohmann::json::parse(out_[1].json);  // it writes its output as text
  EXPECT_EQ(vwap["symbol"], "X");
  EXPECT_EQ(vwap["vwap"], 4.0);  // (2*1 + 5*2) / 3
  auto rejection = c.process({.json = "[1]"}, collect);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->stage, "window_aggregate");
  EXPECT_EQ(rejection->reason, "value is not a JSON object (or nests deeper than 256 levels)");
}
