// The streamweaver binary as users and scripts see it: exit codes, and what goes to stdout
// and stderr.
#include <regex>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <streamweaver/version.hpp>

#include "child_process.hpp"

namespace streamweaver::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::StartsWith;

constexpr int kConfigError = 2;

ChildResult streamweaver(std::vector<std::string> args) {
  args.insert(args.begin(), STREAMWEAVER_BIN);
  return run_child(args);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(Cli, HelpExitsZeroAndPrintsUsage) {
  auto r = streamweaver({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Usage:"));
  for (const char* word : {"run", "check", "plugins", "tap", "--config", "--version"})
    EXPECT_THAT(r.out, HasSubstr(word));
}

TEST(Cli, VersionExitsZeroAndPrintsVersionAndAbi) {
  auto r = streamweaver({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith(std::string("streamweaver ") + STREAMWEAVER_VERSION + " "));
  EXPECT_THAT(r.out, HasSubstr("plugin SDK ABI " + std::to_string(kSdkAbiVersion)));
}

TEST(Cli, AnUnknownOptionFailsNamingIt) {
  auto r = streamweaver({"--no-such-option"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--no-such-option"));
}

TEST(Cli, CheckAcceptsTheRepositoryPipeline) {
  std::string file = STREAMWEAVER_SOURCE_DIR "/config/pipeline.toml";
  auto r = streamweaver({"check", "--config", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith(file + ": ok ("));
}

struct BadFile {
  const char* name;
  std::vector<std::string> stderr_lines;  // "@" stands for the file's path
};

class CheckBadFile : public ::testing::TestWithParam<BadFile> {};

TEST_P(CheckBadFile, ExitsTwoAndPrintsFileLineColumn) {
  std::string file = std::string(CLI_PIPELINES_DIR "/") + GetParam().name + ".toml";
  std::vector<std::string> expected;
  for (auto line : GetParam().stderr_lines) {
    if (line.starts_with('@')) line.replace(0, 1, file);
    expected.push_back(line);
  }
  auto r = streamweaver({"check", "--config", file});
  EXPECT_EQ(r.exit_code, kConfigError);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err), IsSupersetOf(expected)) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cli, CheckBadFile,
    ::testing::Values(
        BadFile{"syntax_error",
                {"@:2:11: Error while parsing value: could not determine value type",
                 "1 error in the pipeline"}},
        BadFile{"loader_errors",
                {"@:3:1: [kafka]: unknown key 'brokres' (did you mean 'brokers'?)",
                 "@:6:14: [topics.stock_trades]: 'partitions' must be between 1 and 10000, got 0",
                 "2 errors in the pipeline"}},
        BadFile{"plugin_errors",
                {"@:8:1: [sources.stock]: unknown option 'symbol' for plugin 'stock' (did you "
                 "mean 'symbols'?)",
                 "@:11:10: [sources.logs]: unknown source plugin 'server_log' (did you mean "
                 "'server_logs'?); `streamweaver plugins` lists the loaded ones",
                 "2 errors in the pipeline"}}),
    [](const ::testing::TestParamInfo<BadFile>& param) { return std::string(param.param.name); });

TEST(Cli, CheckOfAMissingFileExitsTwo) {
  auto r = streamweaver({"check", "--config", "/nonexistent/pipeline.toml"});
  EXPECT_EQ(r.exit_code, kConfigError);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/pipeline.toml:0:0: cannot read the pipeline file"));
}

TEST(Cli, RunWithAMissingFileExitsTwoBeforeStartingAnything) {
  auto r = streamweaver({"--config", "/nonexistent/pipeline.toml"});
  EXPECT_EQ(r.exit_code, kConfigError);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/pipeline.toml: no such pipeline file"));
}

nlohmann::json plugins_json() {
  auto r = streamweaver({"plugins", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto list = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_TRUE(list.is_array()) << "stdout is not a JSON array:\n" << r.out;
  return list.is_array() ? list : nlohmann::json::array();
}

const nlohmann::json* find_plugin(const nlohmann::json& list, const std::string& name) {
  for (const auto& p : list)
    if (p.value("name", "") == name) return &p;
  return nullptr;
}

TEST(Cli, PluginsJsonListsTheSourcePluginsWithTheirOptions) {
  auto list = plugins_json();
  const std::pair<const char*, const char*> sources[] = {
      {"stock", "symbols"}, {"social", "users"}, {"server_logs", "hosts"}};
  for (const auto& [name, list_option] : sources) {
    SCOPED_TRACE(name);
    const nlohmann::json* p = find_plugin(list, name);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->at("kind"), "source");
    EXPECT_FALSE(p->at("version").get<std::string>().empty());
    EXPECT_FALSE(p->at("description").get<std::string>().empty());
    EXPECT_THAT(p->at("file").get<std::string>(), ::testing::EndsWith(std::string("/lib") + name + ".so"));
    ASSERT_TRUE(p->at("options").is_array());
    bool found = false;
    for (const auto& o : p->at("options")) {
      for (const char* key : {"name", "type", "default", "required", "description"})
        EXPECT_TRUE(o.contains(key)) << o.dump();
      if (o.at("name") == list_option) {
        found = true;
        EXPECT_EQ(o.at("type"), "string list");
        EXPECT_EQ(o.at("required"), false);
        EXPECT_TRUE(o.at("default").is_array());
      }
    }
    EXPECT_TRUE(found) << list_option;
  }
}

TEST(Cli, PluginsShowTheDisplayHintsTheirDescriptorsDeclare) {
  auto list = plugins_json();
  const nlohmann::json* stock = find_plugin(list, "stock");
  ASSERT_NE(stock, nullptr);
  EXPECT_EQ(stock->at("display"), nlohmann::json::parse(R"({"title":"Stock trades",
      "chart":[{"field":"price","unit":"USD"},{"field":"quantity","unit":"shares"}],
      "series":"symbol","breakdown":"side"})"));
  const nlohmann::json* filter = find_plugin(list, "filter");
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(filter->at("display"), nlohmann::json::object());  // declares none

  auto r = streamweaver({"plugins"});
  EXPECT_THAT(r.out, HasSubstr("    display: title \"Stock trades\"; chart price (USD), quantity (shares); "
                               "series symbol; breakdown side\n"));
}

TEST(Cli, PluginsTextShowsEveryOptionWithItsType) {
  auto list = plugins_json();
  auto r = streamweaver({"plugins"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(list.empty());
  for (const auto& p : list) {
    EXPECT_THAT(r.out, HasSubstr(p.at("kind").get<std::string>() + " " +
                                 p.at("name").get<std::string>() + " " +
                                 p.at("version").get<std::string>() + "\n"));
    for (const auto& o : p.at("options")) {
      std::regex row("\n +" + o.at("name").get<std::string>() + " +" +
                     o.at("type").get<std::string>() + " ");
      EXPECT_TRUE(std::regex_search(r.out, row)) << p.at("name") << "." << o.at("name");
    }
  }
}

}  // namespace
}  // namespace streamweaver::testing
