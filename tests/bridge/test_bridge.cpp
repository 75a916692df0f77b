#include "test_bridge.hpp"

namespace test {

using namespace streamweaver::bridge;

BridgeSettings test_settings() { return {.listen = "127.0.0.1:0", .topics = {"trades", "logs"}}; }

TestBridge::TestBridge(BridgeSettings s, HttpHandlers handlers)
    : settings(std::move(s)), hub(settings, registry), server(settings, hub, std::move(handlers)) {
  server.start();
}

void TestBridge::publish(const std::string& topic, std::int64_t offset,
                         std::optional<std::string> key, const std::string& value) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  hub.publish({.topic = topic,
               .partition = 0,
               .offset = offset,
               .key = key ? std::optional<std::string_view>(*key) : std::nullopt,
               .timestamp_ms = now.count(),
               .value = value});
}

}  // namespace test
