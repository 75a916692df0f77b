#include "ws_load_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string_view>

namespace streamweaver::bench {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kParallelHandshakes = 64;
constexpr std::size_t kReadBufferBytes = 16 * 1024;  // grows for a larger frame
constexpr std::string_view kDataPrefix = R"({"topic":)";
constexpr std::string_view kTimestampField = R"("timestamp":)";

double wall_clock_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The envelope's "timestamp" (it comes before "value", so the first match is the envelope's).
bool frame_timestamp_ms(std::string_view text, std::int64_t& out) {
  auto at = text.find(kTimestampField);
  if (at == std::string_view::npos) return false;
  auto begin = text.data() + at + kTimestampField.size();
  return std::from_chars(begin, text.data() + text.size(), out).ec == std::errc();
}

// A client frame (RFC 6455 5.2): FIN, `opcode`, masked with a zero key, short payload.
std::string client_frame(std::uint8_t opcode, std::string_view payload) {
  std::string frame = {static_cast<char>(0x80 | opcode), static_cast<char>(0x80 | payload.size()),
                       0, 0, 0, 0};
  frame.append(payload);
  return frame;
}

}  // namespace

class Connection;

struct LoadState {
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
  tcp::endpoint endpoint;
  std::string target;
  std::vector<std::shared_ptr<Connection>> connections;
  std::size_t not_started = 0;
  std::size_t live = 0;  // connections with a read or handshake pending
  bool counting = false;
  bool closing = false;
  LoadStats stats;

  void start_next();
  void on_message(std::string_view text, bool& subscribed);
  void on_data(std::string_view text);
  void on_batch(std::string_view text);
  void run_until(std::chrono::steady_clock::time_point deadline, const std::function<bool()>& done);
};

// One connection. The WebSocket protocol is spoken directly on the socket (the upgrade
// request, then frame parsing), so that the client costs as little CPU as it can: on a
// small machine it shares the cores with the host it measures.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(LoadState& state) : state_(state), socket_(state.ioc), buffer_(kReadBufferBytes) {}

  void start() {
    ++state_.live;
    socket_.async_connect(state_.endpoint, [self = shared_from_this()](error_code ec) { self->on_connect(ec); });
  }

  // Ends an open connection; its pending read completes with an error and counts it down.
  void close() {
    if (!open_) return;
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void on_connect(error_code ec) {
    if (ec) return fail_to_open();
    request_ = "GET " + state_.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n";
    net::async_write(socket_, net::buffer(request_), [self = shared_from_this()](error_code e, std::size_t) {
      if (e) return self->fail_to_open();
      net::async_read_until(self->socket_, net::dynamic_buffer(self->response_), "\r\n\r\n",
                            [self](error_code e2, std::size_t header_bytes) { self->on_upgrade(e2, header_bytes); });
    });
  }

  void on_upgrade(error_code ec, std::size_t header_bytes) {
    if (ec || !response_.starts_with("HTTP/1.1 101")) return fail_to_open();
    // Bytes past the response header are the first frames: the server sends them at once.
    used_ = response_.size() - header_bytes;
    std::memcpy(buffer_.data(), response_.data() + header_bytes, used_);
    response_.clear();
    open_ = true;
    state_.start_next();
    parse_frames();
    read();
  }

  void fail_to_open() {
    --state_.live;
    ++state_.stats.failed;
    state_.start_next();
  }

  void read() {
    if (used_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    socket_.async_read_some(net::buffer(buffer_.data() + used_, buffer_.size() - used_),
                            [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(error_code ec, std::size_t bytes) {
    if (ec) {
      open_ = false;
      --state_.live;
      if (!state_.closing) ++state_.stats.disconnected;
      return;
    }
    used_ += bytes;
    parse_frames();
    read();
  }

  // Handles every complete frame in the buffer and keeps the incomplete rest at its start.
  void parse_frames() {
    std::size_t at = 0;
    while (used_ - at >= 2) {
      auto* head = reinterpret_cast<const unsigned char*>(buffer_.data() + at);
      bool fin = head[0] & 0x80;
      unsigned opcode = head[0] & 0x0F;
      std::size_t header = 2, length = head[1] & 0x7F;
      std::size_t extra = length == 126 ? 2 : length == 127 ? 8 : 0;
      if (used_ - at < header + extra) break;
      if (extra > 0) {
        length = 0;
        for (std::size_t i = 0; i < extra; ++i) length = (length << 8) | head[2 + i];
        header += extra;
      }
      if (used_ - at < header + length) break;  // read() grows the buffer when it is full
      on_frame(fin, opcode, std::string_view(buffer_.data() + at + header, length));
      at += header + length;
    }
    std::memmove(buffer_.data(), buffer_.data() + at, used_ - at);
    used_ -= at;
  }

  void on_frame(bool fin, unsigned opcode, std::string_view payload) {
    if (opcode == 0x9) return send(client_frame(0xA, payload));  // ping: pong
    if (opcode == 0x8) return close();
    if (opcode > 0x2) return;  // pong
    if (fin && message_.empty()) return state_.on_message(payload, subscribed_);
    message_.append(payload);  // a fragment
    if (fin) {
      state_.on_message(message_, subscribed_);
      message_.clear();
    }
  }

  void send(std::string frame) {
    auto owned = std::make_shared<std::string>(std::move(frame));
    net::async_write(socket_, net::buffer(*owned), [owned](error_code, std::size_t) {});
  }

  LoadState& state_;
  tcp::socket socket_;
  std::string request_;
  std::string response_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::string message_;  // a fragmented message so far
  bool open_ = false;
  bool subscribed_ = false;
};

void LoadState::start_next() {
  if (not_started == 0 || closing) return;
  --not_started;
  connections.push_back(std::make_shared<Connection>(*this));
  connections.back()->start();
}

void LoadState::on_message(std::string_view text, bool& subscribed) {
  if (text.starts_with('[')) return on_batch(text);
  if (text.starts_with(kDataPrefix)) return on_data(text);
  auto control = nlohmann::json::parse(text, nullptr, false);  // rare: parse fully
  auto op = control.is_object() ? control.value("op", "") : "";
  if (op == "subscribed" && !subscribed) {
    subscribed = true;
    ++stats.subscribed;
  } else if (op == "dropped") {
    ++stats.dropped_notices;
    stats.dropped_frames += control.value("count", std::uint64_t{0});
  } else if (op == "error") {
    ++stats.errors;
  }
}

void LoadState::on_data(std::string_view text) {
  std::int64_t timestamp_ms = 0;
  if (!counting || !frame_timestamp_ms(text, timestamp_ms)) return;
  ++stats.frames;
  stats.latency_ms.push_back(static_cast<float>(wall_clock_ms() - static_cast<double>(timestamp_ms)));
}

// A batch (batch_ms): an array of data frames, and a dropped notice where frames were lost.
// Scanned, not parsed, so that the load client keeps up with a million records a second.
void LoadState::on_batch(std::string_view text) {
  for (auto at = text.find(kDataPrefix); at != std::string_view::npos; at = text.find(kDataPrefix, at + 1))
    on_data(text.substr(at));
  constexpr std::string_view kDropped = R"({"op":"dropped","count":)";
  for (auto at = text.find(kDropped); at != std::string_view::npos; at = text.find(kDropped, at + 1)) {
    std::uint64_t count = 0;
    auto begin = text.data() + at + kDropped.size();
    std::from_chars(begin, text.data() + text.size(), count);
    ++stats.dropped_notices;
    stats.dropped_frames += count;
  }
}

void LoadState::run_until(std::chrono::steady_clock::time_point deadline,
                          const std::function<bool()>& done) {
  while (!done() && std::chrono::steady_clock::now() < deadline) ioc.run_one_until(deadline);
}

LoadClient::LoadClient(std::uint16_t port, std::string target)
    : state_(std::make_unique<LoadState>()) {
  state_->endpoint = {net::ip::make_address("127.0.0.1"), port};
  state_->target = std::move(target);
}

LoadClient::~LoadClient() = default;

void LoadClient::open(std::size_t n, std::chrono::seconds deadline) {
  auto& s = *state_;
  s.not_started = n;
  s.connections.reserve(n);
  for (std::size_t i = 0; i < std::min(n, kParallelHandshakes); ++i) s.start_next();
  s.run_until(std::chrono::steady_clock::now() + deadline, [&s] {
    return s.not_started == 0 &&
           s.stats.subscribed + s.stats.failed + s.stats.disconnected >= s.connections.size();
  });
}

void LoadClient::idle(std::chrono::duration<double> span) {
  state_->ioc.run_for(std::chrono::duration_cast<std::chrono::nanoseconds>(span));
}

void LoadClient::measure(std::chrono::duration<double> span,
                         const std::function<void()>& each_second) {
  auto& s = *state_;
  auto end =
      std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::nanoseconds>(span);
  s.counting = true;
  for (auto now = std::chrono::steady_clock::now(); now < end;
       now = std::chrono::steady_clock::now()) {
    s.ioc.run_until(std::min(end, now + 1s));
    each_second();
  }
  s.counting = false;
}

void LoadClient::close_all(std::chrono::seconds deadline) {
  auto& s = *state_;
  s.closing = true;
  for (auto& c : s.connections) c->close();
  s.run_until(std::chrono::steady_clock::now() + deadline, [&s] { return s.live == 0; });
}

const LoadStats& LoadClient::stats() const { return state_->stats; }

}  // namespace streamweaver::bench
