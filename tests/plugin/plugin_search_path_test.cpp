// Where plugins are looked for: next to the binary, the file's plugin_dirs, then
// STREAMWEAVER_PLUGIN_PATH (colon-separated).
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures/scoped_env.hpp"
#include "plugin/plugin_registry.hpp"

namespace streamweaver::plugin {
namespace {

namespace fs = std::filesystem;
using streamweaver::testing::ScopedEnv;
using ::testing::ElementsAre;

constexpr const char* kVariable = "STREAMWEAVER_PLUGIN_PATH";

std::vector<fs::path> tail(const std::vector<fs::path>& dirs, std::size_t n) {
  return {dirs.end() - static_cast<std::ptrdiff_t>(std::min(n, dirs.size())), dirs.end()};
}

TEST(PluginSearchPath, StartsNextToTheBinaryThenTheConfigDirectories) {
  ScopedEnv env(kVariable, nullptr);
  auto dirs = plugin_search_path({"/etc/sw/plugins", "/opt/sw/../sw/plugins"});
  ASSERT_EQ(dirs.size(), 4u);
  // The test binary lives in <build>/tests, so "next to the binary" is <build>/plugins.
  EXPECT_EQ(fs::weakly_canonical(dirs[0]), fs::weakly_canonical(STREAMWEAVER_BINARY_DIR "/plugins"));
  EXPECT_THAT(tail(dirs, 2), ElementsAre("/etc/sw/plugins", "/opt/sw/plugins"));
}

TEST(PluginSearchPath, AppendsTheEnvironmentDirectoriesInOrderSkippingEmptyOnes) {
  ScopedEnv env(kVariable, "/opt/one::relative/two:/opt/three/");
  auto dirs = plugin_search_path({"/etc/sw/plugins"});
  ASSERT_EQ(dirs.size(), 6u);
  EXPECT_THAT(tail(dirs, 4),
              ElementsAre("/etc/sw/plugins", "/opt/one", "relative/two", "/opt/three/"));
}

TEST(PluginSearchPath, AnEmptyVariableAddsNothing) {
  ScopedEnv env(kVariable, "");
  EXPECT_EQ(plugin_search_path({}).size(), 2u);
}

TEST(PluginSearchPath, TheEnvironmentMakesFixturePluginsLoadable) {
  std::string extra = fs::path(FIXTURE_COUNTER_PLUGIN_PATH).parent_path().string();
  ScopedEnv env(kVariable, ("/nonexistent:" + extra).c_str());
  PluginRegistry registry;
  for (const auto& dir : plugin_search_path({})) registry.load_directory(dir);
  ASSERT_NE(registry.find("counter"), nullptr);
  EXPECT_EQ(registry.find("counter")->file, fs::path(FIXTURE_COUNTER_PLUGIN_PATH));
}

}  // namespace
}  // namespace streamweaver::plugin
