#include "cli/plugin_templates.hpp"

namespace streamweaver::cli {
namespace {

constexpr std::string_view kCMakeLists = R"~~(# @name@: a StreamWeaver @kind@ plugin, built out of tree against the installed plugin SDK.
#   cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH=<where StreamWeaver is installed>
#   cmake --build build && ctest --test-dir build
#   streamweaver run --config pipeline.toml     # finds build/lib@name@.so via plugin_dirs
# Use the compiler the SDK was built with: the host refuses plugins built against another C++
# standard library or nlohmann_json (find_package warns when the compiler differs).
cmake_minimum_required(VERSION 3.25)
project(@name@ VERSION 0.1.0 LANGUAGES CXX)

find_package(StreamWeaverSDK @sdk_version@ REQUIRED)

# build/lib@name@.so; `cmake --install build` puts it in <prefix>/lib/streamweaver/plugins,
# where the host installed in that prefix looks.
streamweaver_add_plugin(@name@ SOURCES @name@.cpp)

# Loads the built plugin with streamweaver/testkit.hpp: no Kafka, no host. Needs GoogleTest
# (Debian: libgtest-dev); -DBUILD_TESTING=OFF skips it.
include(CTest)
if(BUILD_TESTING)
  streamweaver_add_plugin_test(@name@_test SOURCES @name@_test.cpp PLUGINS @name@)
endif()
)~~";

constexpr std::string_view kSource = R"~~(// @name@: a StreamWeaver source plugin. One class and one macro at the bottom.
// The host makes one object per [sources.*] table that names this plugin and calls next() from
// that source's own thread, as often as the table's `rate` allows: no locks needed here.
// The plugin author's guide: <prefix>/share/doc/StreamWeaver/plugin-sdk.md.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <streamweaver/sdk.hpp>

namespace {

class @Class@ {
 public:
  // `options` has every option declared at the bottom, type-checked, defaults filled in.
  // Throw on a bad value: the host prints the message and does not start the pipeline.
  explicit @Class@(const streamweaver::Options& options)
      : symbols_(streamweaver::checked_names(options, "symbols")),  // not empty, no duplicates
        step_(options.get<double>("step")) {}

  // Fill `out` and return ok(); idle() when there is nothing yet, end() when done for good.
  // Do not block for long: stop() waits for this call to return. An exception becomes an
  // error status (logged and counted) and the source goes on.
  streamweaver::Status next(streamweaver::Record& out) {
    const std::string& symbol = symbols_[count_ % symbols_.size()];
    std::int64_t now = streamweaver::now_ms();
    out.value = {{"symbol", symbol},
                 {"seq", count_},
                 {"value", step_ * static_cast<double>(count_)},
                 {"timestamp", streamweaver::iso8601_utc(now * 1000)}};
    out.key = symbol;  // the Kafka key, unless the pipeline names a field: key = "symbol"
    out.timestamp_ms = now;
    ++count_;
    return streamweaver::Status::ok();
  }

 private:
  std::vector<std::string> symbols_;
  double step_;
  std::int64_t count_ = 0;
};

}  // namespace

// What the host reads before it creates anything: the name used in pipeline files, the
// options it validates (unknown key, wrong type, missing required: an error at file:line:col)
// and, optionally, how the dashboard best shows the records (all hints are optional).
STREAMWEAVER_SOURCE_PLUGIN(@Class@, {
    .name = "@name@",
    .version = "0.1.0",
    .description = "Cycles through symbols: {symbol, seq, value = seq * step, timestamp}",
    .options = {
        {.name = "symbols", .type = streamweaver::OptionType::string_list,
         .default_value = {"AAA", "BBB", "CCC"},
         .description = "Symbols to cycle through, one per record; also the record key"},
        {.name = "step", .type = streamweaver::OptionType::number, .default_value = 1.5,
         .description = "Increment of value per record"},
    },
    .display = {.title = "@name@",
                .chart = {{"value", ""}},  // numeric fields to chart, each with its unit
                .series = "symbol"},       // one line per symbol
})
)~~";

constexpr std::string_view kSourceTest = R"~~(// Tests @name@ in-process with the SDK's test kit: no Kafka, no host. The plugin is loaded
// from the built .so as the host loads it (CMakeLists.txt passes @NAME@_PLUGIN_PATH).
#include <gtest/gtest.h>

#include <streamweaver/testkit.hpp>

namespace testkit = streamweaver::testkit;

TEST(@Class@, DeclaresItself) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  EXPECT_EQ(plugin.descriptor().info.name, "@name@");
  EXPECT_EQ(plugin.descriptor().kind, streamweaver::PluginKind::source);
}

TEST(@Class@, CyclesThroughSymbols) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  auto source = plugin.make_source({{"symbols", {"X", "Y"}}, {"step", 2}});
  auto records = testkit::take(*source, 3);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].key, "Y");
  EXPECT_EQ(records[2].key, "X");
  EXPECT_EQ(records[2].value["seq"], 2);
  EXPECT_DOUBLE_EQ(records[2].value["value"].get<double>(), 4.0);
}

TEST(@Class@, RefusesBadOptions) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  EXPECT_THROW(plugin.make_source({{"symbols", nlohmann::json::array()}}), std::invalid_argument);
  EXPECT_THROW(plugin.make_source({{"step", "fast"}}), std::invalid_argument);  // wrong type
}
)~~";

constexpr std::string_view kSourcePipeline = R"~~(# Runs the @name@ source on the embedded Kafka broker, after building (see CMakeLists.txt):
#   streamweaver run --config pipeline.toml
# then open http://127.0.0.1:8080: the @name@ panel charts `value` per symbol, as the
# plugin's display hints say. Or: streamweaver tap @name@ --brokers 127.0.0.1:PORT
# To use @name@ in another pipeline, copy [topics.@name@] and [sources.@name@] into it.
plugin_dirs = ["build"]          # relative to this file; or set STREAMWEAVER_PLUGIN_PATH

[kafka]
brokers = "embedded"             # in-process Kafka; or "host:9092"

[topics.@name@]
partitions = 1

[sources.@name@]
plugin = "@name@"
topic = "@name@"
rate = 5                         # records per second
# key = "symbol"                 # take the Kafka key from this field instead of record.key
[sources.@name@.options]
symbols = ["AAA", "BBB", "CCC"]
step = 1.5

[bridge]
listen = "127.0.0.1:8080"
topics = ["@name@"]
# [bridge.views.@name@]          # set or override the plugin's display hints for this topic
# title = "My @name@"
# chart = ["value"]
# units = { value = "°C" }
)~~";

constexpr std::string_view kTransform = R"~~(// @name@: a StreamWeaver transform plugin. One class and one macro at the bottom.
// The host makes one object per stage that names this plugin and calls process() (and
// on_timer(), if defined) from one thread per object: members need no locks.
// The plugin author's guide: <prefix>/share/doc/StreamWeaver/plugin-sdk.md.
#include <cstdint>
#include <stdexcept>
#include <string>

#include <streamweaver/sdk.hpp>

namespace {

class @Class@ {
 public:
  // `options` has every option declared at the bottom, type-checked, defaults filled in.
  // Throw on a bad value: the host prints the message and does not start the pipeline.
  explicit @Class@(const streamweaver::Options& options)
      : field_(options.get<std::string>("field")), factor_(options.get<double>("factor")) {
    if (field_.empty()) streamweaver::refuse_option("field", "must not be empty");
  }

  // Emit zero, one or many records per input. rejected(why) sends the input to the
  // processor's dead-letter topic; an exception becomes an error status (logged, counted).
  streamweaver::Status process(streamweaver::Record in, streamweaver::Emitter& out) {
    auto it = in.value.find(field_);
    if (it == in.value.end() || !it->is_number())
      return streamweaver::Status::rejected("no number in field '" + field_ + "'");
    double scaled = it->get<double>() * factor_;
    in.value[field_ + "_scaled"] = scaled;
    in.value["@name@_seen"] = ++seen_;  // state lives in the object, one per stage
    out.emit(std::move(in));            // key, timestamp and headers pass through
    return streamweaver::Status::ok();
  }

  // For output on a clock (windows, flushes) also define both:
  //   std::int64_t timer_interval_ms() const;
  //   streamweaver::Status on_timer(std::int64_t now_ms, streamweaver::Emitter& out);
  // A transform that only reads a few fields can skip the JSON value the host builds for
  // each record: see "Fast transforms" in the plugin author's guide (streamweaver::JsonFields).

 private:
  std::string field_;
  double factor_;
  std::int64_t seen_ = 0;
};

}  // namespace

// What the host reads before it creates anything: the name used in pipeline files and the
// options it validates (unknown key, wrong type, missing required: an error at file:line:col).
STREAMWEAVER_TRANSFORM_PLUGIN(@Class@, {
    .name = "@name@",
    .version = "0.1.0",
    .description = "Adds <field>_scaled = field * factor; rejects records without the field",
    .options = {
        {.name = "field", .type = streamweaver::OptionType::string, .default_value = "value",
         .description = "Numeric field to scale"},
        {.name = "factor", .type = streamweaver::OptionType::number, .default_value = 2.0,
         .description = "Multiplier"},
    },
})
)~~";

constexpr std::string_view kTransformTest = R"~~(// Tests @name@ in-process with the SDK's test kit: no Kafka, no host. The plugin is loaded
// from the built .so as the host loads it (CMakeLists.txt passes @NAME@_PLUGIN_PATH).
#include <gtest/gtest.h>

#include <streamweaver/testkit.hpp>

namespace testkit = streamweaver::testkit;

TEST(@Class@, DeclaresItself) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  EXPECT_EQ(plugin.descriptor().info.name, "@name@");
  EXPECT_EQ(plugin.descriptor().kind, streamweaver::PluginKind::transform);
}

TEST(@Class@, ScalesTheField) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  auto transform = plugin.make_transform({{"field", "price"}, {"factor", 10}});
  streamweaver::Record in;
  in.key = "AAPL";
  in.value = {{"price", 1.5}};
  auto out = testkit::run(*transform, {in, in});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "AAPL");
  EXPECT_DOUBLE_EQ(out[0].value["price_scaled"].get<double>(), 15.0);
  EXPECT_EQ(out[1].value["@name@_seen"], 2);
}

TEST(@Class@, RejectsRecordsWithoutTheField) {
  auto plugin = testkit::load(@NAME@_PLUGIN_PATH);
  auto transform = plugin.make_transform();  // defaults: field = "value", factor = 2
  streamweaver::Record in;
  in.value = {{"price", 1.5}};
  testkit::CapturingEmitter out;
  auto status = transform->process(in, out);
  EXPECT_EQ(status.code(), streamweaver::Status::Code::rejected);
  EXPECT_TRUE(out.records.empty());
}
)~~";

constexpr std::string_view kTransformPipeline = R"~~(# Runs the @name@ transform on the embedded Kafka broker, after building (see CMakeLists.txt):
#   streamweaver run --config pipeline.toml
# The bundled stock source feeds it; records it rejects go to the topic @name@.dlq.
# To use @name@ in another pipeline, copy [[processors.@name@.transforms]] into a processor.
plugin_dirs = ["build"]          # relative to this file; or set STREAMWEAVER_PLUGIN_PATH

[kafka]
brokers = "embedded"             # in-process Kafka; or "host:9092"

[topics.stock_trades]
partitions = 1
[topics.@name@_out]
partitions = 1

[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 5
key = "symbol"

[processors.@name@]
input = "stock_trades"
output = "@name@_out"
[[processors.@name@.transforms]]
plugin = "@name@"
options = { field = "price", factor = 2.0 }

[bridge]
listen = "127.0.0.1:8080"
topics = ["stock_trades", "@name@_out"]
)~~";

}  // namespace

std::vector<TemplateFile> plugin_project_templates(std::string_view kind) {
  if (kind == "source")
    return {{"CMakeLists.txt", kCMakeLists},
            {"@name@.cpp", kSource},
            {"@name@_test.cpp", kSourceTest},
            {"pipeline.toml", kSourcePipeline}};
  if (kind == "transform")
    return {{"CMakeLists.txt", kCMakeLists},
            {"@name@.cpp", kTransform},
            {"@name@_test.cpp", kTransformTest},
            {"pipeline.toml", kTransformPipeline}};
  return {};
}

}  // namespace streamweaver::cli
