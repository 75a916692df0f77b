#pragma once
// Follows one WebSocket feed on the plugin's io_context: connects (TLS for wss://), sends the
// subscribe messages, turns every text message into records and queues them; when the
// connection fails or drops it reconnects with backoff (doubling from reconnect_min_ms to
// reconnect_max_ms, back to the minimum after a connection that delivered messages). A full
// queue stops reading, so TCP pushes back on the feed.
#include <atomic>
#include <mutex>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "common/bounded_queue.hpp"
#include "feed_settings.hpp"

namespace streamweaver::sources::websocket {

struct FeedFigures {
  std::atomic<std::int64_t> messages{0}, records{0}, skipped_messages{0}, parse_errors{0}, reconnects{0};
};

class FeedClient {
 public:
  FeedClient(const FeedSettings& settings, BoundedQueue<nlohmann::json>& queue, FeedFigures& figures);
  // Starts following on `io` (call on its thread).
  void start(boost::asio::io_context& io);
  std::string condition() const;

 private:
  boost::asio::awaitable<void> follow(boost::asio::io_context& io);
  template <class Stream>
  boost::asio::awaitable<void> talk(Stream& stream, bool& delivered);
  void set_condition(std::string text);

  const FeedSettings& settings_;
  BoundedQueue<nlohmann::json>& queue_;
  FeedFigures& figures_;
  mutable std::mutex condition_mutex_;
  std::string condition_ = "connecting";
};

}  // namespace streamweaver::sources::websocket
