#pragma once
// What the bridge is configured with, and what it is fed.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/auth/access_settings.hpp"

namespace streamweaver::bridge {

struct BridgeSettings {
  std::string listen = "127.0.0.1:8080";                // host:port; port 0 = pick a free port
  std::vector<std::string> topics;                      // bridged topics; others are refused
  std::size_t replay_records = 200;                     // per-topic ring of recent frames
  std::size_t max_queue_bytes = 1024 * 1024;            // per-session send queue
  std::chrono::milliseconds slow_client_timeout{5000};  // dropping for longer => disconnect
  std::size_t max_message_bytes = 64 * 1024;            // client->server message limit
  std::filesystem::path web_root;                       // static files; empty = no dashboard
  int threads = 2;                                      // io threads, one io_context each
  bool permessage_deflate = false;                      // offered to clients that ask
  std::size_t max_catchup_records = 100'000;            // per catch-up from Kafka
  auth::AccessSettings access;                          // auth, origins, admin endpoints, limits
};

// One Kafka record as read by the bridge consumer. Views: valid only during publish().
struct BridgedRecord {
  std::string_view topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::optional<std::string_view> key;
  std::int64_t timestamp_ms = 0;
  std::string_view value;  // raw bytes, normally JSON
};

}  // namespace streamweaver::bridge
