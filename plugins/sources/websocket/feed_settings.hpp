#pragma once
#include <chrono>
#include <string>
#include <vector>

#include <streamweaver/options.hpp>

#include "records_path.hpp"

namespace streamweaver::sources::websocket {

struct FeedUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path and query, "/" at least
};

// ws://host[:port]/path?query or wss://...; throws std::invalid_argument naming `option`.
FeedUrl parse_url(const std::string& text, const char* option);

// The websocket source's options, checked once when the source is made.
struct FeedSettings {
  FeedUrl url;
  std::vector<std::string> subscribe;  // sent as text messages after each connect
  RecordsPath records_path{""};
  bool tls_verify = true;
  std::chrono::milliseconds reconnect_min{500};
  std::chrono::milliseconds reconnect_max{30'000};
  std::size_t max_queue_records = 10'000;

  static FeedSettings from(const Options& options);
};

}  // namespace streamweaver::sources::websocket
