#include <gtest/gtest.h>

#include <streamweaver/testkit.hpp>

namespace sw = streamweaver;

TEST(Testkit, LoadsPluginAndReadsDescriptor) {
  auto plugin = sw::testkit::load(FIXTURE_COUNTER_PLUGIN_PATH);
  EXPECT_EQ(plugin.descriptor().info.name, "counter");
  EXPECT_EQ(plugin.descriptor().kind, sw::PluginKind::source);
  EXPECT_EQ(plugin.descriptor().info.options.size(), 2u);
}

TEST(Testkit, SourceRunsUntilEnd) {
  auto plugin = sw::testkit::load(FIXTURE_COUNTER_PLUGIN_PATH);
  auto source = plugin.make_source({{"limit", 5}});
  auto records = sw::testkit::take(*source, 100);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[4].value["n"], 4);
  EXPECT_EQ(records[4].key, "k1");
}

TEST(Testkit, ExceptionInPluginBecomesErrorStatus) {
  auto plugin = sw::testkit::load(FIXTURE_COUNTER_PLUGIN_PATH);
  auto source = plugin.make_source({{"throw_at", 2}});
  sw::Record record;
  EXPECT_TRUE(source->next(record).is_ok());
  EXPECT_TRUE(source->next(record).is_ok());
  auto status = source->next(record);
  EXPECT_EQ(status.code(), sw::Status::Code::error);
  EXPECT_EQ(status.message(), "counter asked to throw");
  EXPECT_TRUE(source->next(record).is_ok());  // the source goes on after an error
}

TEST(Testkit, FactoryErrorIsReportedNotThrownAcrossBoundary) {
  auto plugin = sw::testkit::load(FIXTURE_COUNTER_PLUGIN_PATH);
  std::string error;
  auto made = plugin.descriptor().make_source(sw::Options({{"limit", -1}, {"throw_at", -1}}), error);
  EXPECT_EQ(made, nullptr);
  EXPECT_EQ(error, "limit must be >= 0");
}
