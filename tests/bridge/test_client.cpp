#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
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

// Runs one async operation to completion; the stream's timer cancels it at the deadline.
template <class Start>
beast::error_code run(net::io_context& ioc, beast::tcp_stream& stream,
                      std::chrono::milliseconds timeout, Start start) {
  beast::error_code result;
  bool finished = false;
  stream.expires_after(timeout);
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    finished = true;
  });
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

}  // namespace test
