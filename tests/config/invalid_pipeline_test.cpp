// Broken pipeline files: each row is one file with exactly one problem, and the one error
// the loader must report for it, as FILE:LINE:COL: message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"
#include "config_test_support.hpp"

namespace streamweaver::config {
namespace {

using testing::ErrorCase;

const ErrorCase kLoaderCases[] = {
    // TOML syntax: toml++'s own message, at its position.
    {"SyntaxBareWordValue", R"(
[kafka]
brokers = embedded
)", 2, 11, "Error while parsing value: could not determine value type"},
    {"SyntaxTableDefinedTwice", R"(
[topics.a]
partitions = 3
[topics.a]
)", 3, 1, "Error while parsing table header: cannot redefine existing table 'topics.a'"},
    {"SyntaxUnterminatedArray", R"(
[bridge]
topics = ["a",
)", 2, 16, "Error while parsing array: encountered end-of-file"},

    // Unknown keys, with a suggestion when one is close.
    {"UnknownTopLevelKey", R"(
[topic.stock_trades]
partitions = 3
)", 1, 2, "pipeline: unknown key 'topic' (did you mean 'topics'?)"},
    {"UnknownTopLevelKeyWithoutSuggestion", R"(
verbose = true
)", 1, 1, "pipeline: unknown key 'verbose'"},
    {"UnknownKafkaKey", R"(
[kafka]
brokres = "kafka:9092"
)", 2, 1, "[kafka]: unknown key 'brokres' (did you mean 'brokers'?)"},
    {"UnknownTopicKey", R"(
[topics.stock_trades]
partition = 3
)", 2, 1, "[topics.stock_trades]: unknown key 'partition' (did you mean 'partitions'?)"},
    {"UnknownSourceKey", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
rates = 5
)", 5, 1, "[sources.s]: unknown key 'rates' (did you mean 'rate'?)"},
    {"UnknownProcessorKey", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
dead_letters = "p.dlq"
)", 6, 1, "[processors.p]: unknown key 'dead_letters' (did you mean 'dead_letter'?)"},
    {"UnknownTransformKey", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "filter"
option = { expression = "x > 1" }
)", 8, 1, "[processors.p].transforms[0]: unknown key 'option' (did you mean 'options'?)"},
    {"UnknownBridgeKey", R"(
[topics.t]
[bridge]
topic = ["t"]
)", 3, 1, "[bridge]: unknown key 'topic' (did you mean 'topics'?)"},

    // Wrong types.
    {"RateAsString", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
rate = "200"
)", 5, 8, "[sources.s]: 'rate' must be a number"},
    {"PartitionsAsFloat", R"(
[topics.t]
partitions = 1.5
)", 2, 14, "[topics.t]: 'partitions' must be an integer"},
    {"BridgeTopicsNotAnArray", R"(
[topics.t]
[bridge]
topics = "t"
)", 3, 10, "[bridge]: 'topics' must be an array of strings"},
    {"BridgeTopicsHoldANumber", R"(
[topics.t]
[bridge]
topics = ["t", 3]
)", 3, 16, "[bridge]: 'topics' must hold only strings"},
    {"KafkaNotATable", R"(
kafka = "embedded"
)", 1, 9, "pipeline: 'kafka' must be a table"},
    {"ProducerPropertyIsAnArray", R"(
[kafka.producer]
"linger.ms" = ["5"]
)", 2, 15, "[kafka.producer]: 'linger.ms' must be a string, number or boolean"},
    {"SourcesEntryNotATable", R"(
[topics.t]
[sources]
stock = "t"
)", 3, 9, "[sources]: 'stock' must be a table ([sources.stock])"},
    {"TransformsNotAnArray", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
transforms = "filter"
)", 6, 14, "[processors.p]: 'transforms' must be an array of tables ([[processors.p.transforms]])"},
    {"TransformsAnArrayOfStrings", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
transforms = ["filter"]
)", 5, 14, "[sources.s]: 'transforms' must be an array of tables ([[sources.s.transforms]])"},

    // Out of range.
    {"PartitionsZero", R"(
[topics.t]
partitions = 0
)", 2, 14, "[topics.t]: 'partitions' must be between 1 and 10000, got 0"},
    {"NegativeRate", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
rate = -5
)", 5, 8, "[sources.s]: 'rate' must be at least 0"},
    {"BridgeThreadsZero", R"(
[bridge]
threads = 0
)", 2, 11, "[bridge]: 'threads' must be between 1 and 64, got 0"},
    {"MessageTimeoutWouldDropRecords", R"(
[kafka.producer]
"message.timeout.ms" = "30000"
)", 2, 24,
     "[kafka.producer]: 'message.timeout.ms' would drop records that wait longer than that for Kafka; "
     "StreamWeaver keeps them until Kafka takes them (remove the setting)"},
    {"ShutdownTimeoutNegative", R"(
[kafka]
shutdown_timeout_ms = -1
)", 2, 23, "[kafka]: 'shutdown_timeout_ms' must be at least 0, got -1"},
    {"ViewOfATopicThatIsNotBridged", R"(
[topics.trades]
[bridge]
topics = ["trades"]
[bridge.views.trade]
title = "Trades"
)", 4, 1, "[bridge.views.trade]: 'trade' is not bridged (did you mean 'trades'?); add it to [bridge] topics or remove the view"},
    {"ViewWithAnUnknownKey", R"(
[topics.trades]
[bridge]
topics = ["trades"]
[bridge.views.trades]
chrat = ["price"]
)", 5, 1, "[bridge.views.trades]: unknown key 'chrat' (did you mean 'chart'?)"},
    {"ViewChartNotStrings", R"(
[topics.trades]
[bridge]
topics = ["trades"]
[bridge.views.trades]
chart = ["price", 3]
)", 5, 19, "[bridge.views.trades]: 'chart' must hold only strings"},
    {"EmptyBrokers", R"(
[kafka]
brokers = ""
)", 2, 11, "[kafka]: 'brokers' must not be empty"},
    {"ListenWithoutPort", R"(
[bridge]
listen = "127.0.0.1"
)", 2, 10, "[bridge]: 'listen' must be HOST:PORT with PORT in 0..65535, got '127.0.0.1'"},
    {"ListenWithEmptyPort", R"(
[bridge]
listen = "localhost:"
)", 2, 10, "[bridge]: 'listen' must be HOST:PORT with PORT in 0..65535, got 'localhost:'"},
    {"ListenWithPortTooLarge", R"(
[bridge]
listen = "0.0.0.0:70000"
)", 2, 10, "[bridge]: 'listen' must be HOST:PORT with PORT in 0..65535, got '0.0.0.0:70000'"},

    // Missing required keys: reported at the table.
    {"SourceWithoutPlugin", R"(
[topics.t]
[sources.s]
topic = "t"
)", 2, 1, "[sources.s]: missing required key 'plugin'"},
    {"SourceWithoutTopic", R"(
[sources.s]
plugin = "stock"
)", 1, 1, "[sources.s]: missing required key 'topic'"},
    {"ProcessorWithoutInput", R"(
[topics.b]
[processors.p]
output = "b"
)", 2, 1, "[processors.p]: missing required key 'input'"},
    {"TransformWithoutPlugin", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
options = { expression = "x > 1" }
)", 6, 1, "[processors.p].transforms[0]: missing required key 'plugin'"},

    // Topic references: at the name that does not resolve.
    {"SourceUsesUnknownTopic", R"(
[topics.stock_trades]
[sources.stock]
plugin = "stock"
topic = "stock_trade"
)", 4, 9, "[sources.stock] uses unknown topic 'stock_trade' (did you mean 'stock_trades'?); "
          "declare it as [topics.stock_trade]"},
    {"ProcessorReadsUnknownTopic", R"(
[topics.stock_trades]
[topics.stock_metrics]
[processors.vwap]
input = "stock_trade"
output = "stock_metrics"
)", 4, 9, "[processors.vwap] input uses unknown topic 'stock_trade' (did you mean "
          "'stock_trades'?); declare it as [topics.stock_trade]"},
    {"ProcessorWritesUnknownTopic", R"(
[topics.stock_trades]
[topics.stock_metrics]
[processors.vwap]
input = "stock_trades"
output = "metrics"
)", 5, 10, "[processors.vwap] output uses unknown topic 'metrics'; declare it as [topics.metrics]"},
    {"BridgeServesUnknownTopic", R"(
[topics.social_feed]
[bridge]
topics = ["social_feed", "social_fed"]
)", 3, 26, "[bridge] topics uses unknown topic 'social_fed' (did you mean 'social_feed'?); "
           "declare it as [topics.social_fed]"},
};

class InvalidPipeline : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(InvalidPipeline, ReportsOneErrorAtItsPosition) {
  const ErrorCase& c = GetParam();
  testing::expect_only_error(parse_pipeline(testing::file_text(c.toml), testing::kFile).errors, c);
}

INSTANTIATE_TEST_SUITE_P(Loader, InvalidPipeline, ::testing::ValuesIn(kLoaderCases),
                         testing::case_name);

TEST(InvalidPipeline, ReportsEveryProblemOfAFileNotOnlyTheFirst) {
  auto result = parse_pipeline(testing::file_text(R"(
[kafka]
broker = "kafka:9092"
[topics.t]
partitions = 0
[sources.s]
plugin = "stock"
topic = "missing"
rate = "fast"
[bridge]
listen = "8080"
)"), "multi.toml");
  std::vector<std::string> lines;
  for (const auto& e : result.errors) lines.push_back(e.to_string());
  EXPECT_THAT(lines, ::testing::UnorderedElementsAre(
                         "multi.toml:2:1: [kafka]: unknown key 'broker' (did you mean 'brokers'?)",
                         "multi.toml:4:14: [topics.t]: 'partitions' must be between 1 and 10000, got 0",
                         "multi.toml:7:9: [sources.s] uses unknown topic 'missing'; declare it as [topics.missing]",
                         "multi.toml:8:8: [sources.s]: 'rate' must be a number",
                         "multi.toml:10:10: [bridge]: 'listen' must be HOST:PORT with PORT in "
                         "0..65535, got '8080'"));
}

}  // namespace
}  // namespace streamweaver::config
