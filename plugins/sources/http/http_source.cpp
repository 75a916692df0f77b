// http: receives records by HTTP POST on a listener of its own (webhooks, scripts).
#include <atomic>

#include <streamweaver/sdk.hpp>

#include "batch_receipt.hpp"
#include "common/bounded_queue.hpp"
#include "common/io_thread.hpp"
#include "http_server.hpp"
#include "http_settings.hpp"

namespace streamweaver::sources::http {
namespace {

struct Pending {
  nlohmann::json value;
  std::shared_ptr<BatchReceipt> batch;
};

class HttpSource final : Intake {
 public:
  explicit HttpSource(const Options& options)
      : settings_(HttpSettings::from(options)), queue_(settings_.max_queue_records) {}

  ~HttpSource() {
    gate_->close();  // no answer is posted to the io_context from now on
    io_.stop();
  }

  Status next(Record& out) {
    if (!listener_) listen();
    auto pending = queue_.pop();
    if (!pending) return Status::idle();
    out.value = std::move(pending->value);
    out.receipt = std::move(pending->batch);  // ack = "delivered": answers once Kafka settled the batch
    return Status::ok();
  }

  std::vector<StageCounter> counters() const {
    return {{"requests", requests_.load()}, {"records", records_.load()}, {"throttled", throttled_.load()},
            {"refused", refused_.load()}};
  }

  std::string condition() const { return condition_; }

 private:
  // First use: bind here, so that a taken port shows as this source's error; serve on the
  // plugin's own thread.
  void listen() {
    try {
      Intake& intake = *this;
      listener_ = std::make_shared<Listener>(io_.context(), settings_.listen, settings_.server, intake, gate_);
    } catch (const std::exception& e) {
      condition_ = "cannot listen";
      throw std::runtime_error("cannot listen on " + settings_.listen.address().to_string() + ":" +
                               std::to_string(settings_.listen.port()) + ": " + e.what());
    }
    auto at = listener_->local_endpoint();
    condition_ = "listening on " + at.address().to_string() + ":" + std::to_string(at.port());
    io_.start([listener = listener_] { listener->run(); });
  }

  std::optional<Answer> take(std::vector<nlohmann::json>& records, Reply reply) override {
    ++requests_;
    if (records.size() > queue_.capacity()) {
      ++refused_;
      return Answer{413, {{"error", std::to_string(records.size()) + " records are more than max_queue_records (" +
                                        std::to_string(queue_.capacity()) + ")"}}};
    }
    std::shared_ptr<BatchReceipt> batch;
    if (settings_.ack_delivered) batch = std::make_shared<BatchReceipt>(records.size(), std::move(reply));
    std::vector<Pending> pending;
    pending.reserve(records.size());
    for (auto& r : records) pending.push_back({std::move(r), batch});
    if (!queue_.push_all(pending)) {
      ++throttled_;
      if (batch) batch->withdraw();
      return Answer{429, {{"error", "the source is back-pressured (Kafka is slower than the senders); retry later"}}};
    }
    auto count = static_cast<std::int64_t>(records.size());
    records_ += count;
    if (!batch) return Answer{202, {{"accepted", count}}};  // in the source's queue: the host takes it from here
    return std::nullopt;
  }

  void refused(unsigned) override { ++refused_; }

  HttpSettings settings_;
  BoundedQueue<Pending> queue_;
  std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();
  std::string condition_;  // source thread only
  std::atomic<std::int64_t> requests_{0}, records_{0}, throttled_{0}, refused_{0};
  IoThread io_;  // last: stopped first, before what its handlers use
  std::shared_ptr<Listener> listener_;
};

}  // namespace
}  // namespace streamweaver::sources::http

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::http::HttpSource, {
    .name = "http",
    .version = "1.0.0",
    .description = "Receives records by HTTP POST on a listener of its own: one JSON object, an "
                   "array of objects or one object per line (NDJSON). Answers 202 (or, with ack = "
                   "\"delivered\", 200 once Kafka has them), 400 with the position of a JSON "
                   "mistake, 401, 413 over the size limit, 429 when back-pressured. Key: the "
                   "pipeline's `key` field",
    .options = {
        {.name = "listen", .type = streamweaver::OptionType::string, .default_value = "127.0.0.1:8090",
         .description = "HOST:PORT to listen on; 0.0.0.0 for every interface, port 0 picks a free port "
                        "(shown in /health as the source's condition)"},
        {.name = "ack", .type = streamweaver::OptionType::string, .default_value = "accepted",
         .description = "\"accepted\": answer 202 once the records are queued for the host; "
                        "\"delivered\": answer 200 only once Kafka acknowledged every one of them"},
        {.name = "max_body_bytes", .type = streamweaver::OptionType::integer, .default_value = 1048576,
         .description = "Largest body accepted; a larger one is answered 413"},
        {.name = "max_queue_records", .type = streamweaver::OptionType::integer, .default_value = 10000,
         .description = "Records waiting for the host at most; a POST that does not fit is answered 429"},
        {.name = "delivery_timeout_ms", .type = streamweaver::OptionType::integer, .default_value = 30000,
         .description = "With ack = \"delivered\": answer 504 when Kafka has not acknowledged the records "
                        "by then (they stay queued and are delivered later)"},
        {.name = "token_env", .type = streamweaver::OptionType::string, .default_value = "",
         .description = "Name of an environment variable holding a token; when set, requests need "
                        "'Authorization: Bearer <token>' (401 otherwise)"},
    },
    .display = {.title = "Webhooks"},
})
