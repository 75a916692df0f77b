// The bundled sources write their records as JSON text (Record::json): byte for byte what
// the host would have serialized from the same values, so the records are exactly as before.
#include <gtest/gtest.h>

#include "source_test_support.hpp"

using namespace sources_test;

TEST(SourceJsonText, IsWhatNlohmannWritesForTheSameValues) {
  for (const char* path : {STOCK_PLUGIN_PATH, SOCIAL_PLUGIN_PATH, SERVER_LOGS_PLUGIN_PATH}) {
    SCOPED_TRACE(path);
    auto plugin = sw::testkit::load(path);
    for (const auto& record : take(plugin, {{"seed", 3}}, 2000)) {
      ASSERT_FALSE(record.json.empty());
      ASSERT_EQ(record.json, record.value.dump(-1, ' ', false, json::error_handler_t::replace));
    }
  }
}
