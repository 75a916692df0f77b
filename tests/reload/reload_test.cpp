// Live reload of a running host: a new pipeline adds a topic and a source and removes one;
// the unchanged source keeps running, and a connected WebSocket client keeps its connection
// and can subscribe to the newly bridged topic.
#include <gtest/gtest.h>

#include "runtime/host_runtime.hpp"
#include "config/pipeline_loader.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "plugin/plugin_registry.hpp"
#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"
#include "test_client.hpp"

using namespace streamweaver;
using namespace std::chrono_literals;

namespace {

const char* kBefore = R"(
[topics.a]
[topics.c]
[sources.kept]
plugin = "counter"
topic = "a"
rate = 200
[sources.removed]
plugin = "counter"
topic = "c"
rate = 200
[bridge]
listen = "127.0.0.1:0"
topics = ["a"]
)";

const char* kAfter = R"(
[topics.a]
[topics.b]
[topics.c]
[sources.kept]
plugin = "counter"
topic = "a"
rate = 200
[sources.added]
plugin = "counter"
topic = "b"
rate = 200
[bridge]
listen = "127.0.0.1:0"
topics = ["a", "b"]
)";

// A checked pipeline: the config and its binding to the loaded plugins.
struct Checked {
  config::PipelineConfig config;
  pipeline::BoundPipeline bound;
};

Checked check(const std::string& text, const plugin::PluginRegistry& registry) {
  auto loaded = config::parse_pipeline(text, "reload.toml");
  Checked checked{std::move(loaded.config), {}};
  checked.bound = pipeline::bind_pipeline(checked.config, registry, loaded.errors);
  EXPECT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
  return checked;
}

nlohmann::json read_until(test::WsClient& client, const std::function<bool(const nlohmann::json&)>& wanted) {
  for (int i = 0; i < 5000; ++i) {
    auto frame = client.read_json(10s);
    if (wanted(frame)) return frame;
  }
  throw std::runtime_error("no such frame");
}

}  // namespace

TEST(Reload, AddsAndRemovesSourcesWhileTheWebSocketClientStaysConnected) {
  plugin::PluginRegistry registry;
  registry.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  auto before = check(kBefore, registry);
  runtime::HostRuntime host(before.config, std::move(before.bound));
  host.start();

  test::WsClient client(host.http_port(), "/ws?topics=a");
  auto before_topics = client.topics_on_connect()["topics"];
  ASSERT_EQ(before_topics.size(), 1u);
  EXPECT_EQ(before_topics[0]["name"], "a");
  EXPECT_EQ(before_topics[0]["writers"][0]["name"], "kept");
  read_until(client, [](const auto& f) { return f.value("op", "") == "subscribed"; });
  auto last_before = read_until(client, [](const auto& f) {
    return f.value("topic", "") == "a" && f["value"]["n"].template get<int>() >= 50;
  })["value"]["n"].get<int>();

  auto after = check(kAfter, registry);
  ASSERT_TRUE(host.reload(after.config, after.bound));

  auto health = host.health();
  EXPECT_FALSE(health["sources"].contains("removed"));
  ASSERT_TRUE(health["sources"].contains("added"));

  // The open connection hears of the new topic, and who writes it.
  auto after_topics = read_until(client, [](const auto& f) { return f.value("op", "") == "topics"; })["topics"];
  ASSERT_EQ(after_topics.size(), 2u);
  EXPECT_EQ(after_topics[1]["name"], "b");
  EXPECT_EQ(after_topics[1]["writers"], nlohmann::json::parse(
                                            R"([{"kind":"source","name":"added","plugin":"counter","role":"output"}])"));

  // The same connection is still receiving; the unchanged source was not restarted (its
  // counter goes on instead of starting again at 0).
  auto next_a = read_until(client, [](const auto& f) { return f.value("topic", "") == "a"; });
  EXPECT_GT(next_a["value"]["n"].get<int>(), last_before);
  client.send(R"({"op":"subscribe","topics":["b"]})");
  auto subscribed = read_until(client, [](const auto& f) { return f.value("op", "") == "subscribed"; });
  EXPECT_EQ(subscribed["topics"], nlohmann::json({"a", "b"}));
  auto from_b = read_until(client, [](const auto& f) { return f.value("topic", "") == "b"; });
  EXPECT_TRUE(from_b["value"].contains("n"));

  auto bootstrap = host.health()["kafka"]["bootstrap"].get<std::string>();
  auto removed_size = test_support::topic_size(bootstrap, "c");
  ASSERT_TRUE(test_support::eventually([&] { return test_support::topic_size(bootstrap, "b") > 0; }, 10s));
  EXPECT_EQ(test_support::topic_size(bootstrap, "c"), removed_size);  // the removed source is gone
  EXPECT_EQ(host.stop(), 0);
}

TEST(Reload, RefusesAKafkaChangeAndKeepsRunning) {
  plugin::PluginRegistry registry;
  registry.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  auto before = check(kBefore, registry);
  runtime::HostRuntime host(before.config, std::move(before.bound));
  host.start();
  auto other = check(std::string("[kafka]\nbrokers = \"elsewhere:9092\"\n") + kAfter, registry);
  EXPECT_FALSE(host.reload(other.config, other.bound));
  auto health = host.health();
  EXPECT_TRUE(health["sources"].contains("removed"));
  EXPECT_FALSE(health["sources"].contains("added"));
  EXPECT_EQ(host.stop(), 0);
}

// Tokens, origins and limits are fixed for the life of the process: a reload that changes
// them is refused as a whole (the running pipeline and its auth stay).
TEST(Reload, RefusesAnAuthChangeAndKeepsRunning) {
  plugin::PluginRegistry registry;
  registry.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  auto before = check(kBefore, registry);
  runtime::HostRuntime host(before.config, std::move(before.bound));
  host.start();
  auto other = check(std::string(kAfter) + "max_connections_per_ip = 5\n", registry);
  EXPECT_FALSE(host.reload(other.config, other.bound));
  auto health = host.health();
  EXPECT_FALSE(health["sources"].contains("added"));
  EXPECT_EQ(health["auth"], "none");
  EXPECT_EQ(host.stop(), 0);
}
