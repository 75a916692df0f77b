// Plugin names and options are checked against the loaded plugins (bind_pipeline): each row
// is a file that parses cleanly but has one plugin problem.
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"
#include "config_test_support.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "plugin/plugin_registry.hpp"

namespace streamweaver::config {
namespace {

using testing::ErrorCase;
using testing::file_text;
using testing::kFile;
using testing::listing;

// Every real plugin, from the directory they are built into (<build>/plugins).
const plugin::PluginRegistry& real_plugins() {
  static const plugin::PluginRegistry registry = [] {
    plugin::PluginRegistry r;
    r.load_directory(std::filesystem::path(STOCK_PLUGIN_PATH).parent_path());
    return r;
  }();
  return registry;
}

struct Bound {
  PipelineConfig config;  // the binding points into it
  pipeline::BoundPipeline pipeline;
  ConfigErrors errors;
};

// Parses (which must succeed) and binds; the result owns the config the binding points into.
std::unique_ptr<Bound> bind(const char* toml, const std::string& file = kFile) {
  auto parsed = parse_pipeline(file_text(toml), file);
  EXPECT_TRUE(parsed.errors.empty()) << listing(parsed.errors);
  auto bound = std::make_unique<Bound>();
  bound->config = std::move(parsed.config);
  bound->pipeline = pipeline::bind_pipeline(bound->config, real_plugins(), bound->errors);
  return bound;
}

TEST(PluginOptions, TheTestRegistryHoldsTheRealPlugins) {
  ASSERT_TRUE(real_plugins().problems().empty()) << real_plugins().problems()[0].message;
  for (const char* name : {"stock", "social", "server_logs", "filter", "window_aggregate"})
    EXPECT_NE(real_plugins().find(name), nullptr) << name;
}

TEST(PluginOptions, TheRepositoryPipelineBindsWithoutErrors) {
  auto parsed = load_pipeline(STREAMWEAVER_SOURCE_DIR "/config/pipeline.toml");
  ASSERT_TRUE(parsed.errors.empty()) << listing(parsed.errors);
  ConfigErrors errors;
  auto bound = pipeline::bind_pipeline(parsed.config, real_plugins(), errors);
  EXPECT_TRUE(errors.empty()) << listing(errors);
  EXPECT_EQ(bound.sources.size(), parsed.config.sources.size());
}

TEST(PluginOptions, BindingFillsDefaultsAndKeepsGivenValues) {
  auto b = bind(R"(
[topics.trades]
[topics.metrics]
[sources.stock]
plugin = "stock"
topic = "trades"
options = { symbols = ["AAPL", "MSFT"], max_quantity = 10 }
[processors.vwap]
input = "trades"
output = "metrics"
[[processors.vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10 }
)");
  ASSERT_TRUE(b->errors.empty()) << listing(b->errors);
  ASSERT_EQ(b->pipeline.sources.size(), 1u);
  const auto& stock = b->pipeline.sources[0].source;
  EXPECT_EQ(stock.plugin->name(), "stock");
  EXPECT_EQ(stock.options.get<std::vector<std::string>>("symbols"),
            (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(stock.options.get<std::int64_t>("max_quantity"), 10);
  EXPECT_DOUBLE_EQ(stock.options.get<double>("annual_volatility"), 0.3);  // the default
  ASSERT_EQ(b->pipeline.processors.size(), 1u);
  ASSERT_EQ(b->pipeline.processors[0].transforms.size(), 1u);
  EXPECT_EQ(b->pipeline.processors[0].transforms[0].options.get<std::int64_t>("window"), 20);
}

const ErrorCase kPluginCases[] = {
    {"UnknownSourcePlugin", R"(
[topics.t]
[sources.s]
plugin = "stocks"
topic = "t"
)", 3, 10, "[sources.s]: unknown source plugin 'stocks' (did you mean 'stock'?); "
           "`streamweaver plugins` lists the loaded ones"},
    {"UnknownTransformPlugin", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "filtr"
options = { expression = "x > 1" }
)", 7, 10, "[processors.p].transforms[0]: unknown transform plugin 'filtr' (did you mean "
           "'filter'?); `streamweaver plugins` lists the loaded ones"},
    {"TransformUsedAsSource", R"(
[topics.t]
[sources.s]
plugin = "filter"
topic = "t"
)", 3, 10, "[sources.s]: plugin 'filter' is a transform plugin, not a source plugin"},
    {"SourceUsedAsTransform", R"(
[topics.t]
[sources.s]
plugin = "social"
topic = "t"
[[sources.s.transforms]]
plugin = "stock"
)", 6, 10, "[sources.s].transforms[0]: plugin 'stock' is a source plugin, not a transform plugin"},
    {"UnknownOption", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
options = { symbol = ["AAPL"] }
)", 5, 13, "[sources.s]: unknown option 'symbol' for plugin 'stock' (did you mean 'symbols'?)"},
    {"StringForAStringList", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
[sources.s.options]
symbols = "AAPL"
)", 6, 1, "[sources.s]: option 'symbols' must be a string list, got string"},
    {"FloatForAnInteger", R"(
[topics.t]
[sources.s]
plugin = "server_logs"
topic = "t"
options = { burst_length_records = 1.5 }
)", 5, 13, "[sources.s]: option 'burst_length_records' must be an integer, got number"},
    {"StringForANumber", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "window_aggregate"
options = { window = "20" }
)", 8, 13, "[processors.p].transforms[0]: option 'window' must be an integer, got string"},
    {"MissingRequiredOption", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "filter"
)", 6, 1, "[processors.p].transforms[0]: missing required option 'expression' for plugin 'filter'"},
    {"FactoryRefusesAnOutOfRangeValue", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
[sources.s.options]
annual_volatility = 0
)", 5, 1, "[sources.s]: plugin 'stock' refused its options: option 'annual_volatility' must be "
          "in (0, 5], got 0"},
    {"FactoryRefusesInconsistentValues", R"(
[topics.t]
[sources.s]
plugin = "stock"
topic = "t"
options = { min_quantity = 10, max_quantity = 5 }
)", 5, 11, "[sources.s]: plugin 'stock' refused its options: option 'max_quantity' must be "
           ">= min_quantity (10), got 5"},
    {"FactoryRefusesABadExpression", R"(
[topics.a]
[topics.b]
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "filter"
options = { expression = "status = 500" }
)", 8, 11, "[processors.p].transforms[0]: plugin 'filter' refused its options: "
           "expression: '=' is not an operator, use '==' at position 7: status = 500\n"
           "  status = 500\n"
           "         ^"},
};

class InvalidPluginUse : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(InvalidPluginUse, ReportsOneErrorAtItsPosition) {
  const ErrorCase& c = GetParam();
  testing::expect_only_error(bind(c.toml)->errors, c);
}

INSTANTIATE_TEST_SUITE_P(Binding, InvalidPluginUse, ::testing::ValuesIn(kPluginCases),
                         testing::case_name);

TEST(InvalidPluginUse, ReportsEveryStageNotOnlyTheFirst) {
  auto b = bind(R"(
[topics.a]
[topics.b]
[sources.s]
plugin = "stok"
topic = "a"
[[sources.s.transforms]]
plugin = "filter"
[processors.p]
input = "a"
output = "b"
[[processors.p.transforms]]
plugin = "window_aggregate"
options = { windows = 3, by = 1 }
)", "multi.toml");
  std::vector<std::string> lines;
  for (const auto& e : b->errors) lines.push_back(e.to_string());
  EXPECT_THAT(lines, ::testing::UnorderedElementsAre(
      "multi.toml:4:10: [sources.s]: unknown source plugin 'stok' (did you mean 'stock'?); "
      "`streamweaver plugins` lists the loaded ones",
      "multi.toml:6:1: [sources.s].transforms[0]: missing required option 'expression' for "
      "plugin 'filter'",
      "multi.toml:13:13: [processors.p].transforms[0]: unknown option 'windows' for plugin "
      "'window_aggregate' (did you mean 'window'?)",
      "multi.toml:13:26: [processors.p].transforms[0]: option 'by' must be a string, got number"));
  EXPECT_TRUE(b->pipeline.sources.empty());
}

}  // namespace
}  // namespace streamweaver::config
