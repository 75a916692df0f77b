#include "bridge/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bridge/auth/credentials.hpp"
#include "bridge/auth/subscribe_guard.hpp"
#include "bridge/protocol.hpp"
#include "bridge/send_queue.hpp"
#include "bridge/url.hpp"

namespace streamweaver::bridge {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};

std::string describe(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("?")
            : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class WebSocketSession final : public Subscriber,
                               public Wakeable,
                               public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(tcp::socket&& socket, const SessionContext& context, IoShard& shard,
                   auth::Admission admission)
      : ws_(std::move(socket)),
        shard_(shard),
        slow_timer_(ws_.get_executor()),
        expiry_timer_(ws_.get_executor()),
        admission_(std::move(admission)),
        guard_(admission_.grant, context.settings.access.max_subscribes_per_s, context.access.metrics()),
        context_(context),
        metrics_(context.hub.metrics()),
        queue_(context.settings.max_queue_bytes),
        peer_(describe(ws_.next_layer())),
        batch_timer_(ws_.get_executor()) {}

  void run(http::request<http::string_body> upgrade) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [bearer = auth::offers_bearer_subprotocol(upgrade)](websocket::response_type& res) {
          res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
          if (bearer) res.set(http::field::sec_websocket_protocol, auth::bearer_subprotocol);
        }));
    ws_.text(true);
    if (context_.settings.permessage_deflate) {
      websocket::permessage_deflate deflate;
      deflate.server_enable = true;  // used only with a client that asks for it
      ws_.set_option(deflate);
    }
    auto query = std::string(split_target(upgrade.target()).query);
    ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept,
                                                        shared_from_this(), std::move(query)));
  }

  // From the hub, on the publisher's thread or ours: queue, and wake what needs waking.
  void deliver(const FramePtr& frame) override { queued(queue_.push(frame)); }
  void deliver_all(std::span<const FramePtr> frames) override { queued(queue_.push_all(frames)); }

  bool wait_for_room(std::chrono::milliseconds timeout) override {
    return queue_.wait_for_room(timeout);
  }

  // On our shard, once the queue has frames for an idle writer.
  void on_wake() override { write_next(); }

 private:
  void queued(const SendQueue::PushResult& result) {
    if (result.dropped > 0) metrics_.frames_dropped.inc(result.dropped);
    if (result.wake_writer) shard_.wake(shared_from_this());
    if (result.fell_behind) post(&WebSocketSession::watch_slowness);
    if (result.control_overflow) post(&WebSocketSession::abort_for_unread_replies);
  }

  void post(void (WebSocketSession::*member)()) {
    net::post(ws_.get_executor(), beast::bind_front_handler(member, shared_from_this()));
  }

  void on_accept(const std::string& query, beast::error_code ec) {
    if (ec) return log_failure(ec, "websocket accept");
    context_.hub.join(shared_from_this());
    watch_expiry();
    if (auto request = parse_subscribe_query(query))
      std::visit(
          overloaded{[this](const SubscribeRequest& r) { subscribe(r); },
                     [this](const ProtocolError& e) { deliver(error_frame(e)); }},
          *request);
    read_next();
  }

  // --- Reading: in chunks, so an oversize message is skipped without being buffered.
  void read_next() {
    ws_.async_read_some(net::buffer(chunk_),
                        beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t bytes) {
    if (ec) {
      log_failure(ec, "websocket read");
      return end();
    }
    const auto limit = context_.settings.max_message_bytes;
    if (!oversize_ && message_.size() + bytes > limit) {
      oversize_ = true;
      message_.clear();
    }
    if (!oversize_) message_.append(chunk_.data(), bytes);
    if (ws_.is_message_done()) {
      if (oversize_)
        deliver(error_frame("message exceeds " + std::to_string(limit) + " bytes"));
      else
        handle_message(message_);
      message_.clear();
      oversize_ = false;
    }
    read_next();
  }

  void handle_message(std::string_view text) {
    std::visit(
        overloaded{
            [this](const SubscribeRequest& r) { subscribe(r); },
            [this](const UnsubscribeRequest& r) { reply(context_.hub.unsubscribe(*this, r)); },
            [this](const ProtocolError& e) { deliver(error_frame(e)); }},
        parse_client_message(text));
  }

  // Only topics the grant allows, at most max_subscribes_per_s requests a second.
  void subscribe(const SubscribeRequest& request) {
    auto outcome = guard_.check(request);
    if (outcome.error) deliver(error_frame(*outcome.error));
    if (!outcome.allowed) return;
    auto answer = context_.hub.subscribe(*this, *outcome.allowed);
    if (request.batch_ms && std::holds_alternative<std::vector<std::string>>(answer))
      batch_interval_ = std::chrono::milliseconds(*request.batch_ms);
    reply(answer);
  }

  // --- Token expiry: a clean close the client can read (1008, "token expired").
  void watch_expiry() {
    if (!admission_.grant.expires_at) return;
    auto left = *admission_.grant.expires_at - auth::Grant::Clock::now();
    expiry_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    expiry_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->close_expired();
    });
  }

  void close_expired() {
    spdlog::info("[bridge] closing WebSocket client {} ({}): token expired", peer_, admission_.grant.subject);
    context_.access.metrics().expired_disconnects.inc();
    context_.hub.leave(*this);
    queue_.close();  // nothing more is written; the close waits for a write in flight
    ws_.async_close(websocket::close_reason(websocket::close_code::policy_error, "token expired"),
                    [self = shared_from_this()](beast::error_code) { self->end(); });
  }

  void reply(const Hub::Reply& answer) {
    std::visit(overloaded{[this](const std::vector<std::string>& topics) {
                            deliver(subscribed_frame(topics));
                          },
                          [this](const ProtocolError& e) { deliver(error_frame(e)); }},
               answer);
  }

  // --- Writing: one message in flight; the queue decides what goes next. With batching,
  // data frames wait for the interval and go as one JSON array; replies never wait.
  void write_next() {
    if (batch_interval_.count() == 0) {
      in_flight_ = queue_.pop();
      if (in_flight_) write_one();
      return;
    }
    auto now = SendQueue::Clock::now();
    auto next = queue_.pop_batch(batch_, now >= next_batch_at_);
    if (next.control) {
      in_flight_ = std::move(next.control);
      return write_one();
    }
    if (!batch_.empty()) {
      next_batch_at_ = SendQueue::next_batch_boundary(now, batch_interval_);
      return write_batch();
    }
    if (next.data_waiting) {
      batch_timer_.expires_at(next_batch_at_);
      batch_timer_.async_wait(
          beast::bind_front_handler(&WebSocketSession::on_batch_timer, shared_from_this()));
    }
  }

  void on_batch_timer(beast::error_code ec) {
    if (!ec) write_next();
  }

  void write_one() {
    ws_.async_write(net::buffer(in_flight_->text),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
  }

  // The array is copied into one buffer: a gather list of thousands of frames (a client
  // that fell behind) makes Beast's frame writer walk the list over and over.
  void write_batch() {
    std::size_t bytes = batch_.size() + 1;  // the brackets and commas
    for (const auto& frame : batch_) bytes += frame->text.size();
    batch_text_.clear();
    batch_text_.reserve(bytes);
    batch_text_ += '[';
    for (const auto& frame : batch_) {
      if (batch_text_.size() > 1) batch_text_ += ',';
      batch_text_ += frame->text;
    }
    batch_text_ += ']';
    ws_.async_write(net::buffer(batch_text_),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) {
      log_failure(ec, "websocket write");
      return end();
    }
    // One clock read and one counter update per write: a batch holds thousands of frames a
    // second per client, and these counters are shared by every io thread.
    auto sent_ms = now_ms();
    std::uint64_t data_frames = 0;
    if (in_flight_) {
      data_frames += count_sent(*in_flight_, sent_ms);
      in_flight_.reset();
    }
    for (const auto& frame : batch_) data_frames += count_sent(*frame, sent_ms);
    if (data_frames > 0) metrics_.frames_sent.inc(data_frames);
    batch_.clear();
    if (batch_text_.capacity() > kKeptBatchCapacity) std::string().swap(batch_text_);
    write_next();
  }

  // Observes a sent data frame's latency; 1 if it was a data frame, else 0.
  int count_sent(const Frame& frame, std::int64_t sent_ms) {
    if (frame.kind != Frame::Kind::data) return 0;
    metrics_.send_latency_ms.observe(
        static_cast<double>(std::max<std::int64_t>(0, sent_ms - frame.timestamp_ms)));
    return 1;
  }

  // --- Slow-client policy: a timer runs while the queue says we are behind.
  void watch_slowness() {
    if (watching_) return;
    auto since = queue_.behind_since();
    if (!since) return;
    watching_ = true;
    slow_timer_.expires_at(*since + context_.settings.slow_client_timeout);
    slow_timer_.async_wait(
        beast::bind_front_handler(&WebSocketSession::on_slow_timer, shared_from_this()));
  }

  void on_slow_timer(beast::error_code ec) {
    watching_ = false;
    if (ec) return;
    auto since = queue_.behind_since();
    if (!since) return;  // caught up in time
    if (SendQueue::Clock::now() - *since < context_.settings.slow_client_timeout)
      return watch_slowness();  // caught up, then fell behind again later
    metrics_.slow_disconnects.inc();
    abort_connection("behind for more than " +
                     std::to_string(context_.settings.slow_client_timeout.count()) + " ms");
  }

  void abort_for_unread_replies() { abort_connection("too many unread replies"); }

  // A client that does not read cannot take part in a close handshake: reset instead, so
  // the kernel does not keep its unread backlog either.
  void abort_connection(const std::string& reason) {
    spdlog::info("[bridge] disconnecting WebSocket client {}: {}", peer_, reason);
    beast::error_code ec;
    ws_.next_layer().set_option(net::socket_base::linger(true, 0), ec);
    end();
  }

  // Pending operations complete with operation_aborted; the last one frees the session.
  void end() {
    context_.hub.leave(*this);
    queue_.close();
    slow_timer_.cancel();
    batch_timer_.cancel();
    expiry_timer_.cancel();
    beast::error_code ec;
    ws_.next_layer().close(ec);
  }

  websocket::stream<tcp::socket> ws_;
  IoShard& shard_;
  net::steady_timer slow_timer_;
  net::steady_timer expiry_timer_;
  auth::Admission admission_;  // holds the connection slot until the session is freed
  auth::SubscribeGuard guard_;
  const SessionContext& context_;
  BridgeMetrics& metrics_;
  SendQueue queue_;
  const std::string peer_;
  // Shard thread only.
  std::array<char, 4096> chunk_;
  std::string message_;
  bool oversize_ = false;
  FramePtr in_flight_;
  bool watching_ = false;
  net::steady_timer batch_timer_;
  std::chrono::milliseconds batch_interval_{0};  // 0: one message per frame
  SendQueue::Clock::time_point next_batch_at_;
  std::vector<FramePtr> batch_;                  // in flight
  std::string batch_text_;                       // their JSON array
  // A catch-up burst can make one batch large; an idle session keeps no more than this.
  static constexpr std::size_t kKeptBatchCapacity = 64 * 1024;
};

}  // namespace

void run_websocket_session(tcp::socket socket, http::request<http::string_body> upgrade,
                           const SessionContext& context, IoShard& shard, auth::Admission admission) {
  std::make_shared<WebSocketSession>(std::move(socket), context, shard, std::move(admission))
      ->run(std::move(upgrade));
}

}  // namespace streamweaver::bridge
