#include "ws_load_client.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string_view>

namespace streamweaver::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kParallelHandshakes = 64;
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
  void run_until(std::chrono::steady_clock::time_point deadline, const std::function<bool()>& done);
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(LoadState& state) : state_(state), ws_(state.ioc) {}

  void start() {
    ++state_.live;
    beast::get_lowest_layer(ws_).expires_after(30s);
    beast::get_lowest_layer(ws_).async_connect(
        state_.endpoint, beast::bind_front_handler(&Connection::on_connect, shared_from_this()));
  }

  void close() {
    if (open_) ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](auto) {});
  }

 private:
  void on_connect(beast::error_code ec) {
    if (ec) return fail_to_open();
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.async_handshake("127.0.0.1", state_.target,
                        beast::bind_front_handler(&Connection::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec) return fail_to_open();
    open_ = true;
    state_.start_next();
    read();
  }

  void fail_to_open() {
    --state_.live;
    ++state_.stats.failed;
    state_.start_next();
  }

  void read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) {
      open_ = false;
      --state_.live;
      if (!state_.closing) ++state_.stats.disconnected;
      return;
    }
    auto data = buffer_.cdata();  // a flat_buffer is contiguous
    state_.on_message({static_cast<const char*>(data.data()), data.size()}, subscribed_);
    buffer_.clear();
    read();
  }

  LoadState& state_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
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
  if (text.starts_with(kDataPrefix)) {
    std::int64_t timestamp_ms = 0;
    if (!counting || !frame_timestamp_ms(text, timestamp_ms)) return;
    ++stats.frames;
    stats.latency_ms.push_back(
        static_cast<float>(wall_clock_ms() - static_cast<double>(timestamp_ms)));
    return;
  }
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
