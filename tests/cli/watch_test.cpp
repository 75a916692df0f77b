// `run --watch` as a user sees it: saving the pipeline file reloads it in the running host;
// saving a broken one is refused with its errors while the old pipeline keeps running.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/host_process.hpp"
#include "test_client.hpp"

namespace streamweaver::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using test_support::HostProcess;

constexpr auto kReloadTimeout = 20s;

const std::string kOneSource = R"([kafka]
brokers = "embedded"
[topics.trades]
partitions = 1
[sources.stock]
plugin = "stock"
topic = "trades"
rate = 20
[bridge]
listen = "127.0.0.1:0"
topics = ["trades"]
)";

const std::string kTwoSources = R"([kafka]
brokers = "embedded"
[topics.trades]
partitions = 1
[topics.posts]
partitions = 1
[sources.stock]
plugin = "stock"
topic = "trades"
rate = 20
[sources.social]
plugin = "social"
topic = "posts"
rate = 20
[bridge]
listen = "127.0.0.1:0"
topics = ["trades", "posts"]
)";

// As editors save: a whole new file renamed over the old one, so the watcher never sees
// half of it.
void save(const std::filesystem::path& file, const std::string& text) {
  auto temporary = file;
  temporary += ".saving";
  std::ofstream(temporary) << text;
  std::filesystem::rename(temporary, file);
}

nlohmann::json health(const HostProcess& host) {
  auto response = test::http_request(host.port(), "/health");
  EXPECT_EQ(response.status, 200u) << response.body;
  return nlohmann::json::parse(response.body);
}

TEST(CliWatch, SavingThePipelineReloadsItAndABrokenSaveIsRefused) {
  HostProcess host(STREAMWEAVER_BIN, kOneSource, 60s, {"--watch"});
  ASSERT_TRUE(health(host)["sources"].contains("stock"));
  EXPECT_EQ(health(host)["auth"], "none");  // says so when the bridge is open to anyone who reaches it

  save(host.config_file(), kTwoSources);
  auto reloaded = host.wait_for_line("reloaded ", kReloadTimeout);
  ASSERT_THAT(reloaded, HasSubstr("started [social]")) << host.output();
  auto after_reload = health(host);
  EXPECT_TRUE(after_reload["sources"].contains("stock")) << after_reload;
  EXPECT_TRUE(after_reload["sources"].contains("social")) << after_reload;
  EXPECT_EQ(after_reload["bridge"]["topics"], nlohmann::json({"trades", "posts"}));

  save(host.config_file(), kTwoSources + "[sources.broken\n");
  auto broken_line = std::count(kTwoSources.begin(), kTwoSources.end(), '\n') + 1;
  auto error = host.wait_for_line("pipeline.toml:", kReloadTimeout);
  EXPECT_THAT(error, HasSubstr(host.config_file().string() + ":" + std::to_string(broken_line) + ":"))
      << host.output();
  ASSERT_THAT(host.wait_for_line("reload refused", kReloadTimeout),
              HasSubstr("the running pipeline is unchanged"))
      << host.output();
  auto after_refusal = health(host);
  EXPECT_EQ(after_refusal["sources"].size(), 2u) << after_refusal;
  EXPECT_EQ(after_refusal["status"], "ok");

  EXPECT_EQ(host.stop(), 0) << host.output();
}

}  // namespace
}  // namespace streamweaver::testing
