#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <streamweaver/options.hpp>

#include "http_server.hpp"

namespace streamweaver::sources::http {

// The http source's options, checked once when the source is made.
struct HttpSettings {
  boost::asio::ip::tcp::endpoint listen;
  bool ack_delivered = false;
  std::size_t max_queue_records = 10'000;
  ServerSettings server;

  static HttpSettings from(const Options& options);
};

// "127.0.0.1:8090" -> endpoint; throws std::invalid_argument naming `option`.
boost::asio::ip::tcp::endpoint parse_listen(const std::string& text, const char* option);

}  // namespace streamweaver::sources::http
