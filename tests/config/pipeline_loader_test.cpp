// Valid pipeline files become the expected typed config.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"
#include "config_test_support.hpp"

namespace streamweaver::config {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using testing::file_text;
using testing::kFile;
using testing::listing;

// The sketch from DESIGN.md, with a processor and every optional key of [bridge].
constexpr const char* kFullPipeline = R"(
plugin_dirs = ["plugins", "../shared/plugins"]
[kafka]
brokers = "kafka:9092"
[kafka.producer]
"linger.ms" = "5"
"batch.num.messages" = 1000
"enable.idempotence" = true
[kafka.consumer]
"fetch.wait.max.ms" = 50

[topics.stock_trades]
partitions = 3
replication_factor = 2
[topics.stock_metrics]

[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 200
key = "symbol"
[sources.stock.options]
symbols = ["AAPL", "MSFT"]

[processors.stock_vwap]
input = "stock_trades"
output = "stock_metrics"
[[processors.stock_vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10 }
[[processors.stock_vwap.transforms]]
plugin = "filter"
options = { expression = "count > 1" }

[bridge]
enabled = false
listen = "0.0.0.0:9000"
topics = ["stock_trades", "stock_metrics"]
web_root = "web"
replay_records = 50
max_queue_bytes = 100000
slow_client_timeout_ms = 250
threads = 4
[bridge.views.stock_metrics]
title = "VWAP"
chart = ["vwap", "volume"]
units = { vwap = "USD" }
series = "symbol"
breakdown = "side"
text = "note"
hide = ["window"]
)";

PipelineConfig parse_ok(const char* toml, const std::string& file = kFile) {
  auto result = parse_pipeline(file_text(toml), file);
  EXPECT_TRUE(result.errors.empty()) << listing(result.errors);
  return result.config;
}

TEST(PipelineLoader, ReadsKafkaWithClientPropertiesAsStrings) {
  auto config = parse_ok(kFullPipeline);
  EXPECT_EQ(config.kafka.brokers, "kafka:9092");
  EXPECT_FALSE(config.kafka.embedded());
  EXPECT_THAT(config.kafka.producer,
              ElementsAre(Pair("batch.num.messages", "1000"), Pair("enable.idempotence", "true"),
                          Pair("linger.ms", "5")));
  EXPECT_THAT(config.kafka.consumer, ElementsAre(Pair("fetch.wait.max.ms", "50")));
}

TEST(PipelineLoader, ReadsTopicsAndAddsTheImpliedDeadLetterTopic) {
  auto config = parse_ok(kFullPipeline);
  ASSERT_EQ(config.topics.size(), 3u);
  const TopicConfig* trades = config.topic("stock_trades");
  ASSERT_NE(trades, nullptr);
  EXPECT_EQ(trades->partitions, 3);
  EXPECT_EQ(trades->replication_factor, 2);
  const TopicConfig* metrics = config.topic("stock_metrics");
  ASSERT_NE(metrics, nullptr);
  EXPECT_EQ(metrics->partitions, 1);  // default
  ASSERT_NE(config.topic("stock_vwap.dlq"), nullptr);
  EXPECT_EQ(config.topic("missing"), nullptr);
}

TEST(PipelineLoader, ReadsSourcesWithTheirOptionsAndPositions) {
  auto config = parse_ok(kFullPipeline);
  ASSERT_EQ(config.sources.size(), 1u);
  const SourceConfig& s = config.sources[0];
  EXPECT_EQ(s.name, "stock");
  EXPECT_EQ(s.stage.plugin, "stock");
  EXPECT_EQ(s.topic, "stock_trades");
  EXPECT_DOUBLE_EQ(s.rate, 200);  // an integer is a fine rate
  EXPECT_EQ(s.key_field, "symbol");
  EXPECT_TRUE(s.transforms.empty());
  const toml::array* symbols = s.stage.options["symbols"].as_array();
  ASSERT_NE(symbols, nullptr);
  EXPECT_EQ(symbols->size(), 2u);
  EXPECT_EQ(s.where.line, 16);
  EXPECT_EQ(s.stage.plugin_where.line, 17);
  EXPECT_EQ(s.stage.plugin_where.column, 10);
  EXPECT_EQ(s.topic_where.line, 18);
  EXPECT_EQ(s.topic_where.column, 9);
  EXPECT_EQ(s.stage.where.line, 21);  // option errors point into [sources.stock.options]
  EXPECT_EQ(s.stage.where.file, kFile);
}

TEST(PipelineLoader, ReadsProcessorsWithDefaultsAndTransformChain) {
  auto config = parse_ok(kFullPipeline);
  ASSERT_EQ(config.processors.size(), 1u);
  const ProcessorConfig& p = config.processors[0];
  EXPECT_EQ(p.name, "stock_vwap");
  EXPECT_EQ(p.input, "stock_trades");
  EXPECT_EQ(p.output, "stock_metrics");
  EXPECT_EQ(p.dead_letter, "stock_vwap.dlq");
  EXPECT_EQ(p.group, "streamweaver-stock_vwap");
  ASSERT_EQ(p.transforms.size(), 2u);
  EXPECT_EQ(p.transforms[0].plugin, "window_aggregate");
  EXPECT_EQ(p.transforms[0].options["window"].value<int>(), 20);
  EXPECT_EQ(p.transforms[0].plugin_where.line, 28);
  EXPECT_EQ(p.transforms[1].plugin, "filter");
  EXPECT_EQ(p.transforms[1].options["expression"].value<std::string>(), "count > 1");
}

TEST(PipelineLoader, ReadsEveryBridgeKey) {
  auto config = parse_ok(kFullPipeline);
  const BridgeConfig& b = config.bridge;
  EXPECT_FALSE(b.enabled);
  EXPECT_EQ(b.listen, "0.0.0.0:9000");
  EXPECT_THAT(b.topics, ElementsAre("stock_trades", "stock_metrics"));
  EXPECT_EQ(b.web_root, "web");  // relative to the file's folder, which is ""
  EXPECT_EQ(b.replay_records, 50u);
  EXPECT_EQ(b.max_queue_bytes, 100000u);
  EXPECT_EQ(b.slow_client_timeout_ms, 250);
  EXPECT_EQ(b.threads, 4);
  ASSERT_TRUE(b.views.contains("stock_metrics"));
  const ViewConfig& v = b.views.at("stock_metrics");
  EXPECT_EQ(v.title, "VWAP");
  EXPECT_THAT(*v.chart, ElementsAre("vwap", "volume"));
  EXPECT_EQ(v.units.at("vwap"), "USD");
  EXPECT_EQ(v.series, "symbol");
  EXPECT_EQ(v.breakdown, "side");
  EXPECT_EQ(v.text, "note");
  EXPECT_THAT(*v.hide, ElementsAre("window"));
}

TEST(PipelineLoader, ResolvesDirectoriesAgainstTheFilesFolder) {
  auto config = parse_ok(kFullPipeline, "/etc/streamweaver/pipeline.toml");
  EXPECT_THAT(config.plugin_dirs,
              ElementsAre("/etc/streamweaver/plugins", "/etc/shared/plugins"));
  EXPECT_EQ(config.bridge.web_root, "/etc/streamweaver/web");
}

TEST(PipelineLoader, AnEmptyFileGivesTheDefaults) {
  auto config = parse_ok("");
  EXPECT_TRUE(config.kafka.embedded());
  EXPECT_TRUE(config.topics.empty());
  EXPECT_TRUE(config.sources.empty());
  EXPECT_TRUE(config.processors.empty());
  EXPECT_TRUE(config.bridge.enabled);
  EXPECT_EQ(config.bridge.listen, "127.0.0.1:8080");
  EXPECT_EQ(config.bridge.threads, 2);
}

TEST(PipelineLoader, AcceptsEdgeValues) {
  auto config = parse_ok(R"(
[topics.t]
[topics.out]
[topics.dlq]
[sources.s]
plugin = "stock"
topic = "t"
rate = 0
transforms = []
[processors.p]
input = "t"
output = "out"
dead_letter = "dlq"
group = "shared"
transforms = [{ plugin = "filter", options = { expression = "a > 1" } }]
[processors.reprocess]
input = "dlq"
output = "out"
[bridge]
listen = "[::1]:0"
topics = ["out", "reprocess.dlq"]
)");
  ASSERT_EQ(config.sources.size(), 1u);
  EXPECT_DOUBLE_EQ(config.sources[0].rate, 0);  // 0: as fast as possible
  EXPECT_TRUE(config.sources[0].transforms.empty());
  ASSERT_EQ(config.processors.size(), 2u);
  EXPECT_EQ(config.processors[0].dead_letter, "dlq");
  EXPECT_EQ(config.processors[0].group, "shared");
  ASSERT_EQ(config.processors[0].transforms.size(), 1u);  // inline tables work too
  EXPECT_EQ(config.processors[0].transforms[0].plugin, "filter");
  EXPECT_EQ(config.topics.size(), 4u);  // + reprocess.dlq, implied
  EXPECT_EQ(config.bridge.listen, "[::1]:0");
}

TEST(PipelineLoader, TheRepositoryPipelineLoadsWithoutErrors) {
  auto result = load_pipeline(STREAMWEAVER_SOURCE_DIR "/config/pipeline.toml");
  ASSERT_TRUE(result.errors.empty()) << listing(result.errors);
  EXPECT_TRUE(result.config.kafka.embedded());
  EXPECT_GE(result.config.sources.size(), 3u);
  for (const auto& s : result.config.sources)
    EXPECT_NE(result.config.topic(s.topic), nullptr) << s.name;
  EXPECT_FALSE(result.config.bridge.topics.empty());
}

TEST(PipelineLoader, AMissingFileIsOneErrorNamingIt) {
  auto result = load_pipeline("/nonexistent/pipeline.toml");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "/nonexistent/pipeline.toml:0:0: cannot read the pipeline file");
}

}  // namespace
}  // namespace streamweaver::config
