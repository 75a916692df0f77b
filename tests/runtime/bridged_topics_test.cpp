// The bridge's topic catalog from a pipeline and its plugins: who writes each bridged topic,
// and the display hints: the writing plugin's own, with [bridge.views.TOPIC] over them.
#include "runtime/bridged_topics.hpp"

#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"

namespace streamweaver::runtime {
namespace {

struct Catalog : ::testing::Test {
  Catalog() {
    registry.load_directory(STREAMWEAVER_BINARY_DIR "/plugins");
    registry.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  }

  bridge::TopicCatalog of(const std::string& toml) {
    auto loaded = config::parse_pipeline(toml, "test.toml");
    config = std::move(loaded.config);
    auto bound = pipeline::bind_pipeline(config, registry, loaded.errors);
    EXPECT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
    return bridged_topics(config, bound);
  }

  plugin::PluginRegistry registry;
  config::PipelineConfig config;
};

const char* kPipeline = R"(
[topics.trades]
partitions = 3
[topics.copies]
[topics.plain]
[sources.stock]
plugin = "stock"
topic = "trades"
[processors.copy]
input = "trades"
output = "copies"
[[processors.copy.transforms]]
plugin = "echo"
[bridge]
topics = ["trades", "copies", "copy.dlq"]
)";

TEST_F(Catalog, NamesTheWritersOfEachBridgedTopicWithTheirPluginsHints) {
  auto catalog = of(kPipeline);
  ASSERT_EQ(catalog.size(), 3u);
  const auto& trades = catalog[0];
  EXPECT_EQ(trades.name, "trades");
  EXPECT_EQ(trades.partitions, 3);
  ASSERT_EQ(trades.writers.size(), 1u);
  EXPECT_EQ(trades.writers[0].kind, "source");
  EXPECT_EQ(trades.writers[0].plugin, "stock");
  // The stock plugin's own hints, as its descriptor declares them.
  EXPECT_EQ(trades.view["series"], "symbol");
  EXPECT_EQ(trades.view["chart"][0], nlohmann::json({{"field", "price"}, {"unit", "USD"}}));

  const auto& copies = catalog[1];  // the echo fixture declares no hints
  ASSERT_EQ(copies.writers.size(), 1u);
  EXPECT_EQ(copies.writers[0].kind, "processor");
  EXPECT_EQ(copies.writers[0].plugin, "echo");
  EXPECT_EQ(copies.view, nlohmann::json::object());

  const auto& dead = catalog[2];
  ASSERT_EQ(dead.writers.size(), 1u);
  EXPECT_EQ(dead.writers[0].role, "dead_letter");
}

TEST_F(Catalog, AViewSetsOrOverridesHints) {
  auto catalog = of(std::string(kPipeline) + R"(
[bridge.views.trades]
title = "Trades"
chart = ["quantity", "notional"]
units = { notional = "USD" }
hide = ["trade_id"]
[bridge.views.copies]
series = "n"
)");
  const auto& trades = catalog[0].view;
  EXPECT_EQ(trades["title"], "Trades");
  // quantity keeps the plugin's unit; notional gets the view's.
  EXPECT_EQ(trades["chart"], nlohmann::json::parse(
                                 R"([{"field":"quantity","unit":"shares"},{"field":"notional","unit":"USD"}])"));
  EXPECT_EQ(trades["series"], "symbol");   // not overridden: the plugin's
  EXPECT_EQ(trades["breakdown"], "side");
  EXPECT_EQ(trades["hide"], nlohmann::json({"trade_id"}));
  EXPECT_EQ(catalog[1].view, nlohmann::json({{"series", "n"}}));  // a topic without plugin hints
}

}  // namespace
}  // namespace streamweaver::runtime
