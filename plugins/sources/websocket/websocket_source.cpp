// websocket: follows a WebSocket feed (ws:// or wss://) and turns its messages into records.
#include <streamweaver/sdk.hpp>

#include "common/bounded_queue.hpp"
#include "common/io_thread.hpp"
#include "feed_client.hpp"
#include "feed_settings.hpp"

namespace streamweaver::sources::websocket {
namespace {

class WebSocketSource {
 public:
  explicit WebSocketSource(const Options& options)
      : settings_(FeedSettings::from(options)), queue_(settings_.max_queue_records), client_(settings_, queue_, figures_) {}

  ~WebSocketSource() { io_.stop(); }

  Status next(Record& out) {
    if (!io_.started()) io_.start([this] { client_.start(io_.context()); });
    auto value = queue_.pop();
    if (!value) return Status::idle();
    out.value = std::move(*value);
    return Status::ok();
  }

  std::vector<StageCounter> counters() const {
    return {{"messages", figures_.messages.load()},
            {"records", figures_.records.load()},
            {"skipped_messages", figures_.skipped_messages.load()},
            {"parse_errors", figures_.parse_errors.load()},
            {"reconnects", figures_.reconnects.load()}};
  }

  std::string condition() const { return io_.started() ? client_.condition() : "not started"; }

 private:
  FeedSettings settings_;
  BoundedQueue<nlohmann::json> queue_;
  FeedFigures figures_;
  FeedClient client_;
  IoThread io_;  // last: stopped first, before what its handlers use
};

}  // namespace
}  // namespace streamweaver::sources::websocket

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::websocket::WebSocketSource, {
    .name = "websocket",
    .version = "1.0.0",
    .description = "Follows a WebSocket feed (ws:// or wss://): sends the subscribe messages after "
                   "each connect and turns each text message, or each element of an array at "
                   "records_path, into a record; reconnects with backoff and counts reconnects. "
                   "Key: the pipeline's `key` field",
    .options = {
        {.name = "url", .type = streamweaver::OptionType::string, .required = true,
         .description = "The feed, e.g. wss://ws-feed.exchange.coinbase.com or ws://127.0.0.1:9000/feed"},
        {.name = "subscribe", .type = streamweaver::OptionType::string_list, .default_value = nlohmann::json::array(),
         .description = "Text messages sent after every connect, in order (e.g. a JSON subscribe request)"},
        {.name = "records_path", .type = streamweaver::OptionType::string, .default_value = "",
         .description = "Where the records are in a message, fields separated by dots: \"data[]\" takes "
                        "each element of `data`; \"\" the message itself. Messages without it (heartbeats, "
                        "acks) are skipped and counted"},
        {.name = "tls_verify", .type = streamweaver::OptionType::boolean, .default_value = true,
         .description = "For wss://: check the server's certificate and name against the system's CAs"},
        {.name = "reconnect_min_ms", .type = streamweaver::OptionType::integer, .default_value = 500,
         .description = "First wait before reconnecting; it doubles after each failed attempt"},
        {.name = "reconnect_max_ms", .type = streamweaver::OptionType::integer, .default_value = 30000,
         .description = "Longest wait between reconnect attempts"},
        {.name = "max_queue_records", .type = streamweaver::OptionType::integer, .default_value = 10000,
         .description = "Records waiting for the host at most; when full the source reads no further"},
    },
    .display = {.title = "Live feed"},
})
