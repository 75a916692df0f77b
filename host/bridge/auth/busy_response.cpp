#include "bridge/auth/busy_response.hpp"

#include <array>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <memory>

namespace streamweaver::bridge::auth {

namespace {

constexpr std::string_view busy =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 49\r\n"
    "Retry-After: 5\r\n"
    "Connection: close\r\n"
    "\r\n"
    "too many connections: try again in a few seconds\n";
static_assert(busy.size() - busy.find("\r\n\r\n") - 4 == 49, "Content-Length");

constexpr auto drain_timeout = std::chrono::seconds(2);

struct Drain : std::enable_shared_from_this<Drain> {
  explicit Drain(tcp::socket&& s) : stream(std::move(s)) {}

  void start() {
    stream.expires_after(drain_timeout);
    net::async_write(stream, net::buffer(busy), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      beast::error_code ignored;
      self->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->read();
    });
  }

  // Until the client closes (or the timeout): closing with its request unread would reset.
  void read() {
    stream.async_read_some(net::buffer(scratch), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->read();
    });
  }

  beast::tcp_stream stream;
  std::array<char, 1024> scratch;
};

}  // namespace

void answer_busy(tcp::socket socket) { std::make_shared<Drain>(std::move(socket))->start(); }

}  // namespace streamweaver::bridge::auth
