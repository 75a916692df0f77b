#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <stdexcept>

namespace test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

tcp::endpoint local(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

void check(const beast::error_code& ec, const char* what) {
  if (ec) throw std::runtime_error(std::string(what) + ": " + ec.message());
}

// Every operation completes into this one handler type, so each Beast operation is compiled
// once, not once per call site (which made this file the slowest of the build).
struct Completion {
  beast::error_code* result;
  bool* finished;
  void operator()(beast::error_code ec, std::size_t = 0) const {
    *result = ec;
    *finished = true;
  }
};

// Runs one async operation to completion; the stream's timer cancels it at the deadline.
template <class Start>
beast::error_code run(net::io_context& ioc, beast::tcp_stream& stream,
                      std::chrono::milliseconds timeout, Start start) {
  beast::error_code result;
  bool finished = false;
  stream.expires_after(timeout);
  start(Completion{&result, &finished});
  ioc.restart();
  ioc.run();
  if (!finished) throw std::logic_error("operation did not complete");
  return result;
}

}  // namespace

HttpResponse http_request(std::uint16_t port, const std::string& target, http::verb verb,
                          const Headers& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  check(run(ioc, stream, 10s, [&](auto done) { stream.async_connect(local(port), done); }),
        "connect");
  http::request<http::empty_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  check(run(ioc, stream, 10s, [&](auto done) { http::async_write(stream, req, done); }), "write");
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(verb == http::verb::head);  // a HEAD response has a length but no body
  check(run(ioc, stream, 10s, [&](auto done) { http::async_read(stream, buffer, parser, done); }),
        "read");
  auto& res = parser.get();
  return {res.result_int(), std::string(res[http::field::content_type]), res.body()};
}

unsigned upgrade_status(std::uint16_t port, const std::string& target, const Headers& headers) {
  Headers upgrade{{"Connection", "Upgrade"},
                  {"Upgrade", "websocket"},
                  {"Sec-WebSocket-Version", "13"},
                  {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
  upgrade.insert(upgrade.end(), headers.begin(), headers.end());
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  check(run(ioc, stream, 10s, [&](auto done) { stream.async_connect(local(port), done); }), "connect");
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [name, value] : upgrade) req.set(name, value);
  check(run(ioc, stream, 10s, [&](auto done) { http::async_write(stream, req, done); }), "write");
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(true);  // a 101 has no body; a refusal's body is not needed
  check(run(ioc, stream, 10s, [&](auto done) { http::async_read_header(stream, buffer, parser, done); }), "read");
  return parser.get().result_int();
}

template <class Start>
beast::error_code WsClient::run(std::chrono::milliseconds timeout, Start start) {
  return test::run(ioc_, beast::get_lowest_layer(ws_), timeout, start);
}

WsClient::WsClient(std::uint16_t port, const std::string& target, int receive_buffer_bytes)
    : WsClient(port, WsOptions{.target = target, .receive_buffer_bytes = receive_buffer_bytes}) {}

WsClient::WsClient(std::uint16_t port, const WsOptions& options) : ws_(ioc_) {
  auto& socket = beast::get_lowest_layer(ws_).socket();
  socket.open(tcp::v4());
  if (options.receive_buffer_bytes > 0)
    socket.set_option(net::socket_base::receive_buffer_size(options.receive_buffer_bytes));
  if (!options.bind_address.empty()) socket.bind({net::ip::make_address(options.bind_address), 0});
  check(run(10s, [&](auto done) { beast::get_lowest_layer(ws_).async_connect(local(port), done); }),
        "connect");
  ws_.set_option(beast::websocket::stream_base::decorator([headers = options.headers](auto& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  check(run(10s, [&](auto done) { ws_.async_handshake("127.0.0.1", options.target, done); }), "handshake");
  topics_ = read_json();
  if (topics_.value("op", "") != "topics")
    throw std::runtime_error("the first frame was not the topics frame: " + topics_.dump());
}

void WsClient::send(const std::string& text) {
  check(run(10s, [&](auto done) { ws_.async_write(net::buffer(text), done); }), "write");
}

void WsClient::send_fragmented(const std::string& text, std::size_t pieces) {
  auto size = text.size() / pieces + 1;
  for (std::size_t at = 0; at < text.size(); at += size) {
    bool last = at + size >= text.size();
    auto piece = net::buffer(text.data() + at, std::min(size, text.size() - at));
    check(run(10s, [&](auto done) { ws_.async_write_some(last, piece, done); }), "write");
  }
}

std::string WsClient::read(std::chrono::milliseconds timeout) {
  beast::flat_buffer buffer;
  check(run(timeout, [&](auto done) { ws_.async_read(buffer, done); }), "read");
  return beast::buffers_to_string(buffer.data());
}

beast::error_code WsClient::read_until_closed(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    beast::flat_buffer buffer;
    auto ec = run(std::max(left, 1ms), [&](auto done) { ws_.async_read(buffer, done); });
    if (ec == beast::error::timeout)
      throw std::runtime_error("connection still open at the deadline");
    if (ec) return ec;
  }
}

SseClient::SseClient(std::uint16_t port, const std::string& target, const std::string& last_event_id)
    : stream_(ioc_) {
  check(run(ioc_, stream_, 10s, [&](auto done) { stream_.async_connect(local(port), done); }),
        "connect");
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::accept, "text/event-stream");
  if (!last_event_id.empty()) req.set("Last-Event-ID", last_event_id);
  check(run(ioc_, stream_, 10s, [&](auto done) { http::async_write(stream_, req, done); }), "write");
  while (buffer_.find("\r\n\r\n") == std::string::npos) read_more(10s);
  auto head_end = buffer_.find("\r\n\r\n");
  auto head = buffer_.substr(0, head_end);
  buffer_.erase(0, head_end + 4);
  status_ = static_cast<unsigned>(std::stoul(head.substr(head.find(' ') + 1, 3)));
  if (auto at = head.find("Content-Type: "); at != std::string::npos)
    content_type_ = head.substr(at + 14, head.find("\r\n", at) - at - 14);
  if (auto at = head.find("Content-Length: "); at != std::string::npos)
    content_length_ = std::stoul(head.substr(at + 16));
}

const std::string& SseClient::error_body() {
  while (buffer_.size() < content_length_) read_more(10s);
  return buffer_;
}

void SseClient::read_more(std::chrono::milliseconds timeout) {
  std::array<char, 65536> chunk;
  std::size_t got = 0;
  auto ec = run(ioc_, stream_, timeout, [&](auto done) {
    stream_.async_read_some(net::buffer(chunk), [&, done](beast::error_code e, std::size_t n) {
      got = n;
      done(e);
    });
  });
  check(ec, "read");
  buffer_.append(chunk.data(), got);
}

SseEvent SseClient::next(std::chrono::milliseconds timeout) {
  while (buffer_.find("\n\n") == std::string::npos) read_more(timeout);
  auto end = buffer_.find("\n\n");
  std::string block = buffer_.substr(0, end);
  buffer_.erase(0, end + 2);
  SseEvent event{.event = "message"};
  std::size_t at = 0;
  while (at < block.size()) {
    auto line_end = std::min(block.find('\n', at), block.size());
    std::string_view line(block.data() + at, line_end - at);
    auto colon = line.find(": ");
    auto field = line.substr(0, colon), value = line.substr(colon + 2);
    if (field == "event") event.event = value;
    if (field == "id") event.id = value;
    if (field == "data") event.data = value;
    at = line_end + 1;
  }
  return event;
}

}  // namespace test
