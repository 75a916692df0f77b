#pragma once
// A real Hub and Server on 127.0.0.1 with a free port, for the server tests.

#include <chrono>
#include <optional>
#include <string>

#include "bridge/hub.hpp"
#include "bridge/server.hpp"
#include "metrics/registry.hpp"

namespace test {

streamweaver::bridge::BridgeSettings test_settings();  // port 0, topics "trades" and "logs"

struct TestBridge {
  explicit TestBridge(streamweaver::bridge::BridgeSettings s = test_settings(),
                      streamweaver::bridge::HttpHandlers handlers = {});

  void publish(const std::string& topic, std::int64_t offset,
               std::optional<std::string> key = std::nullopt, const std::string& value = "{}");
  std::uint16_t port() const { return server.port(); }
  std::uint64_t counter(const std::string& name) { return registry.counter(name, "").value(); }

  streamweaver::metrics::Registry registry;
  streamweaver::bridge::BridgeSettings settings;
  streamweaver::bridge::Hub hub;
  streamweaver::bridge::Server server;
};

}  // namespace test
