// Loading plugin libraries: the good fixture loads; an ABI mismatch, a duplicate name, a file
// that is no library and a library that is no plugin are refused with a clear message.
#include <algorithm>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/plugin_registry.hpp"

namespace streamweaver::plugin {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const fs::path kCounter = FIXTURE_COUNTER_PLUGIN_PATH;
const fs::path kAbiMismatch = FIXTURE_ABI_MISMATCH_PLUGIN_PATH;
const fs::path kDuplicate = FIXTURE_DUPLICATE_PLUGIN_PATH;
const fs::path kForeign = FIXTURE_FOREIGN_PLUGIN_PATH;

// A fresh, empty directory for one test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sw-plugin-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

TEST(PluginRegistry, LoadsTheGoodFixture) {
  PluginRegistry registry;
  ASSERT_TRUE(registry.load_file(kCounter));
  EXPECT_TRUE(registry.problems().empty());
  const LoadedPlugin* counter = registry.find("counter");
  ASSERT_NE(counter, nullptr);
  EXPECT_EQ(counter->kind(), PluginKind::source);
  EXPECT_EQ(counter->file, kCounter);
  EXPECT_EQ(counter->descriptor->abi_version, kSdkAbiVersion);
  EXPECT_EQ(counter->descriptor->info.version, "0.0.1");
  ASSERT_EQ(counter->descriptor->info.options.size(), 2u);
  EXPECT_EQ(counter->descriptor->info.options[0].name, "limit");
  EXPECT_EQ(registry.find("stock"), nullptr);
}

TEST(PluginRegistry, ALoadedPluginMakesWorkingSources) {
  PluginRegistry registry;
  ASSERT_TRUE(registry.load_file(kCounter));
  std::string error;
  auto source = registry.find("counter")->descriptor->make_source(
      Options({{"limit", 2}, {"throw_at", -1}}), error);
  ASSERT_NE(source, nullptr) << error;
  Record record;
  ASSERT_TRUE(source->next(record).is_ok());
  EXPECT_EQ(record.value["n"], 0);
  ASSERT_TRUE(source->next(record).is_ok());
  EXPECT_EQ(record.value["n"], 1);
  EXPECT_EQ(source->next(record).code(), Status::Code::end);
}

TEST(PluginRegistry, LoadsEveryPluginOfADirectorySortedByName) {
  PluginRegistry registry;
  registry.load_directory(kCounter.parent_path());
  EXPECT_TRUE(registry.problems().empty());
  std::vector<std::string> names;
  for (const auto* p : registry.all()) names.push_back(p->name());
  EXPECT_THAT(names, ::testing::IsSupersetOf({"counter", "echo"}));
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(registry.find("echo")->kind(), PluginKind::transform);
}

TEST(PluginRegistry, LoadingTheSameFileAgainIsHarmless) {
  PluginRegistry registry;
  registry.load_directory(kCounter.parent_path());
  auto loaded = registry.all().size();
  EXPECT_TRUE(registry.load_file(kCounter.parent_path() / "." / kCounter.filename()));
  registry.load_directory(kCounter.parent_path());  // as a reload does
  EXPECT_TRUE(registry.problems().empty());
  EXPECT_EQ(registry.all().size(), loaded);
}

TEST(PluginRegistry, AMissingDirectoryIsNotAnError) {
  PluginRegistry registry;
  registry.load_directory("/nonexistent/streamweaver/plugins");
  EXPECT_TRUE(registry.problems().empty());
  EXPECT_TRUE(registry.all().empty());
}

TEST(PluginRegistry, RefusesAnotherAbiNamingTheFileAndBothVersions) {
  PluginRegistry registry;
  EXPECT_FALSE(registry.load_file(kAbiMismatch));
  ASSERT_EQ(registry.problems().size(), 1u);
  const auto& problem = registry.problems()[0];
  EXPECT_EQ(problem.file, kAbiMismatch);
  EXPECT_THAT(problem.message, StartsWith(kAbiMismatch.string() + ": "));
  EXPECT_THAT(problem.message, HasSubstr("plugin built for SDK ABI 999 ("));
  EXPECT_THAT(problem.message,
              HasSubstr("this host has SDK ABI " + std::to_string(kSdkAbiVersion) + " ("));
  EXPECT_THAT(problem.message, HasSubstr("rebuild the plugin"));
  EXPECT_FALSE(problem.fatal);
  EXPECT_TRUE(registry.all().empty());
}

TEST(PluginRegistry, RefusesADuplicateNameAsFatalNamingBothFiles) {
  PluginRegistry registry;
  ASSERT_TRUE(registry.load_file(kCounter));
  EXPECT_FALSE(registry.load_file(kDuplicate));
  ASSERT_EQ(registry.problems().size(), 1u);
  const auto& problem = registry.problems()[0];
  EXPECT_TRUE(problem.fatal);
  EXPECT_TRUE(registry.has_fatal_problem());
  EXPECT_EQ(problem.message, kDuplicate.string() + ": duplicate plugin name 'counter', already "
                                                   "loaded from " + kCounter.string() +
                                 "; remove one of the two files");
  EXPECT_EQ(registry.find("counter")->file, kCounter);  // the first one stays
}

TEST(PluginRegistry, RefusesAFileThatIsNotALibrary) {
  TempDir dir;
  auto broken = dir.write("libbroken.so", "this is a text file, not an ELF library\n");
  PluginRegistry registry;
  registry.load_directory(dir.path());
  ASSERT_EQ(registry.problems().size(), 1u);
  const auto& problem = registry.problems()[0];
  EXPECT_EQ(problem.file, broken);
  EXPECT_THAT(problem.message, StartsWith(broken.string() + ": cannot load library: "));
  EXPECT_FALSE(problem.fatal);  // a stray file does not stop the host
  EXPECT_FALSE(registry.has_fatal_problem());
}

TEST(PluginRegistry, RefusesALibraryWithoutTheDescriptorExport) {
  PluginRegistry registry;
  EXPECT_FALSE(registry.load_file(kForeign));
  ASSERT_EQ(registry.problems().size(), 1u);
  EXPECT_THAT(registry.problems()[0].message,
              StartsWith(kForeign.string() + ": not a StreamWeaver plugin: no "
                                             "streamweaver_descriptor export"));
  EXPECT_FALSE(registry.problems()[0].fatal);
}

TEST(PluginRegistry, ADirectoryScanConsidersOnlyLibStarDotSoFiles) {
  TempDir dir;
  dir.write("broken.so", "no lib prefix");
  dir.write("libnotes.txt", "not .so");
  dir.write("libbroken.so.1", "versioned name");
  PluginRegistry registry;
  registry.load_directory(dir.path());
  EXPECT_TRUE(registry.problems().empty());
}

}  // namespace
}  // namespace streamweaver::plugin
