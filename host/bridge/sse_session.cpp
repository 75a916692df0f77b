#include "bridge/sse_session.hpp"

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/version.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bridge/auth/subscribe_guard.hpp"
#include "bridge/hub.hpp"
#include "bridge/protocol.hpp"
#include "bridge/send_queue.hpp"
#include "bridge/url.hpp"

namespace streamweaver::bridge {

namespace {

// Data frames start {"topic":"NAME", and Kafka topic names need no escaping.
std::string_view topic_of(const Frame& frame) {
  constexpr std::string_view prefix = R"({"topic":")";
  std::string_view text = frame.text;
  auto end = text.find('"', prefix.size());
  return text.substr(prefix.size(), end - prefix.size());
}

std::string_view op_of(const Frame& frame) {
  constexpr std::string_view prefix = R"({"op":")";
  std::string_view text = frame.text;
  if (!text.starts_with(prefix)) return "message";
  auto end = text.find('"', prefix.size());
  return text.substr(prefix.size(), end - prefix.size());
}

std::string response_head(std::string_view status, std::string_view type) {
  return "HTTP/1.1 " + std::string(status) + "\r\nServer: " BOOST_BEAST_VERSION_STRING
         "\r\nContent-Type: " + std::string(type) +
         "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
}

// The request: the /ws query options, with Last-Event-ID as where to resume.
std::variant<SubscribeRequest, ProtocolError> sse_request(const http::request<http::string_body>& req) {
  auto parsed = parse_subscribe_query(split_target(req.target()).query);
  if (!parsed) return ProtocolError{"name the topics: /sse?topics=a,b"};
  if (std::holds_alternative<ProtocolError>(*parsed)) return std::get<ProtocolError>(*parsed);
  auto request = std::get<SubscribeRequest>(*parsed);
  if (auto last_id = req.find("Last-Event-ID"); last_id != req.end()) {
    try {
      for (auto& [topic, offsets] : parse_positions(last_id->value()))
        request.start.resume[topic] = std::move(offsets);
    } catch (const std::invalid_argument& e) {
      return ProtocolError{std::string("Last-Event-ID: ") + e.what()};
    }
  }
  return request;
}

class SseSession final : public Subscriber,
                         public Wakeable,
                         public std::enable_shared_from_this<SseSession> {
 public:
  SseSession(tcp::socket&& socket, const SessionContext& context, IoShard& shard,
             auth::Admission admission)
      : socket_(std::move(socket)),
        context_(context),
        shard_(shard),
        queue_(context.settings.max_queue_bytes),
        admission_(std::move(admission)),
        expiry_timer_(socket_.get_executor()) {}

  void run(const http::request<http::string_body>& request) {
    auto parsed = sse_request(request);
    if (auto* error = std::get_if<ProtocolError>(&parsed)) return refuse(error->message);
    auth::SubscribeGuard guard(admission_.grant, context_.settings.access.max_subscribes_per_s,
                               context_.access.metrics());
    auto checked = guard.check(std::get<SubscribeRequest>(parsed));
    if (!checked.allowed) return refuse(checked.error.value_or("nothing to subscribe to"), "403 Forbidden");
    context_.hub.join(shared_from_this());
    if (checked.error) deliver(error_frame(*checked.error));  // some topics only
    auto reply = context_.hub.subscribe(*this, *checked.allowed);
    if (auto* error = std::get_if<ProtocolError>(&reply)) {
      context_.hub.leave(*this);
      return refuse(error->message);
    }
    deliver(subscribed_frame(std::get<std::vector<std::string>>(reply)));
    // Events go after this head; a read only notices the client leaving.
    pending_ = response_head("200 OK", "text/event-stream; charset=utf-8");
    write_pending();
    watch_for_close();
    watch_expiry();
  }

  void deliver(const FramePtr& frame) override {
    auto result = queue_.push(frame);
    if (result.dropped > 0) context_.hub.metrics().frames_dropped.inc(result.dropped);
    if (result.wake_writer) shard_.wake(shared_from_this());
  }

  bool wait_for_room(std::chrono::milliseconds timeout) override {
    return queue_.wait_for_room(timeout);
  }

  void on_wake() override {
    if (!writing_) write_next();
  }

 private:
  void refuse(const std::string& message, std::string_view status = "400 Bad Request") {
    pending_ = response_head(status, "text/plain; charset=utf-8") + message + "\n";
    ending_ = true;
    write_pending();
  }

  void write_next() {
    std::vector<FramePtr> batch;
    auto next = queue_.pop_batch(batch, true);
    if (next.control) batch.push_back(std::move(next.control));
    for (const auto& frame : batch) append_event(*frame);
    if (!pending_.empty()) write_pending();
  }

  void append_event(const Frame& frame) {
    if (frame.kind == Frame::Kind::data) {
      seen_[std::string(topic_of(frame))][frame.partition] = frame.offset;
      pending_ += "id: " + format_positions(seen_) + "\n";
      context_.hub.metrics().frames_sent.inc();
    } else {
      pending_ += "event: ";
      pending_ += op_of(frame);
      pending_ += '\n';
    }
    pending_ += "data: " + frame.text + "\n\n";
  }

  void write_pending() {
    writing_ = true;
    in_flight_.swap(pending_);
    pending_.clear();
    net::async_write(socket_, net::buffer(in_flight_),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_write(ec);
                     });
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    if (ec || ending_) {
      if (ec) log_failure(ec, "sse write");
      return end();
    }
    write_next();
  }

  void watch_for_close() {
    socket_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->end();
                              self->watch_for_close();
                            });
  }

  // The stream ends when its token does, with an error event saying so.
  void watch_expiry() {
    if (!admission_.grant.expires_at) return;
    auto left = *admission_.grant.expires_at - auth::Grant::Clock::now();
    expiry_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    expiry_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->context_.access.metrics().expired_disconnects.inc();
      self->context_.hub.leave(*self);
      self->queue_.close();
      self->pending_ += "event: error\ndata: " + error_frame("token expired")->text + "\n\n";
      self->ending_ = true;
      if (!self->writing_) self->write_pending();
    });
  }

  void end() {
    expiry_timer_.cancel();
    context_.hub.leave(*this);
    queue_.close();
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  tcp::socket socket_;
  const SessionContext& context_;
  IoShard& shard_;
  SendQueue queue_;
  // Shard thread only.
  std::map<std::string, PartitionOffsets> seen_;  // the resume position, as in `id:`
  std::string pending_, in_flight_;
  bool writing_ = false;
  bool ending_ = false;
  std::array<char, 512> discard_;
  auth::Admission admission_;  // holds the connection slot until the session is freed
  net::steady_timer expiry_timer_;
};

}  // namespace

void run_sse_session(tcp::socket socket, http::request<http::string_body> request,
                     const SessionContext& context, IoShard& shard, auth::Admission admission) {
  std::make_shared<SseSession>(std::move(socket), context, shard, std::move(admission))->run(request);
}

}  // namespace streamweaver::bridge
