#include <gtest/gtest.h>

#include "pipeline/topic_writer.hpp"

using streamweaver::Record;
using streamweaver::pipeline::key_for;

TEST(KeyFor, TakesTheConfiguredFieldAsText) {
  Record r{.key = "own", .value = {{"symbol", "AAPL"}, {"n", 42}}};
  EXPECT_EQ(key_for(r, "symbol"), "AAPL");
  EXPECT_EQ(key_for(r, "n"), "42");
}

TEST(KeyFor, FallsBackToTheRecordsOwnKey) {
  Record r{.key = "own", .value = {{"symbol", nullptr}}};
  EXPECT_EQ(key_for(r, ""), "own");
  EXPECT_EQ(key_for(r, "missing"), "own");
  EXPECT_EQ(key_for(r, "symbol"), "own");
}

TEST(KeyFor, InvalidUtf8InAStructuredKeyIsReplacedNotAnError) {
  Record r{.value = {{"device", {{"id", std::string("\xff\xfe")}}}}};
  EXPECT_EQ(key_for(r, "device"), "{\"id\":\"\xEF\xBF\xBD\xEF\xBF\xBD\"}");
}
