#include "feed_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace streamweaver::sources::websocket {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

constexpr auto kConnectTimeout = std::chrono::seconds(10);
constexpr auto kFullQueueWait = std::chrono::milliseconds(5);

}  // namespace

FeedClient::FeedClient(const FeedSettings& settings, BoundedQueue<nlohmann::json>& queue,
                       FeedFigures& figures)
    : settings_(settings), queue_(queue), figures_(figures) {}

std::string FeedClient::condition() const {
  std::lock_guard lock(condition_mutex_);
  return condition_;
}

void FeedClient::set_condition(std::string text) {
  std::lock_guard lock(condition_mutex_);
  condition_ = std::move(text);
}

// One connection: handshake, subscribe, read until it fails (the exception ends it).
template <class Stream>
asio::awaitable<void> FeedClient::talk(Stream& stream, bool& delivered) {
  const auto& url = settings_.url;
  beast::get_lowest_layer(stream).expires_never();
  stream.set_option(ws::stream_base::timeout::suggested(beast::role_type::client));
  co_await stream.async_handshake(url.host + ":" + url.port, url.target, use_awaitable);
  set_condition("connected");
  for (const auto& message : settings_.subscribe)
    co_await stream.async_write(asio::buffer(message), use_awaitable);
  beast::flat_buffer buffer;
  asio::steady_timer wait(co_await asio::this_coro::executor);
  for (;;) {
    buffer.clear();
    co_await stream.async_read(buffer, use_awaitable);
    ++figures_.messages;
    delivered = true;
    std::vector<nlohmann::json> records;
    auto text = beast::buffers_to_string(buffer.data());
    auto message = nlohmann::json::parse(text, nullptr, false);
    if (message.is_discarded()) {
      ++figures_.parse_errors;
      records.push_back({{"message", text}, {"parse_error", "not JSON"}});
    } else if (!settings_.records_path.extract(message, records)) {
      ++figures_.skipped_messages;
      continue;
    }
    while (!queue_.push_all(records)) {  // back-pressure: read no further until there is room
      wait.expires_after(kFullQueueWait);
      co_await wait.async_wait(use_awaitable);
    }
    figures_.records += static_cast<std::int64_t>(records.size());
  }
}

asio::awaitable<void> FeedClient::follow(asio::io_context& io) {
  const auto& url = settings_.url;
  tcp::resolver resolver(io);
  asio::steady_timer backoff_timer(io);
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(settings_.tls_verify ? asio::ssl::verify_peer : asio::ssl::verify_none);
  auto backoff = settings_.reconnect_min;
  for (bool first = true;; first = false) {
    if (!first) ++figures_.reconnects;
    bool delivered = false;
    std::string why;
    try {
      auto endpoints = co_await resolver.async_resolve(url.host, url.port, use_awaitable);
      if (url.tls) {
        ws::stream<beast::ssl_stream<beast::tcp_stream>> stream(io, tls);
        beast::get_lowest_layer(stream).expires_after(kConnectTimeout);
        co_await beast::get_lowest_layer(stream).async_connect(endpoints, use_awaitable);
        if (!SSL_set_tlsext_host_name(stream.next_layer().native_handle(), url.host.c_str()))
          throw std::runtime_error("cannot set the TLS server name");
        if (settings_.tls_verify)
          stream.next_layer().set_verify_callback(asio::ssl::host_name_verification(url.host));
        co_await stream.next_layer().async_handshake(asio::ssl::stream_base::client, use_awaitable);
        co_await talk(stream, delivered);
      } else {
        ws::stream<beast::tcp_stream> stream(io);
        beast::get_lowest_layer(stream).expires_after(kConnectTimeout);
        co_await beast::get_lowest_layer(stream).async_connect(endpoints, use_awaitable);
        co_await talk(stream, delivered);
      }
    } catch (const std::exception& e) {
      why = e.what();
    }
    if (delivered) backoff = settings_.reconnect_min;  // it worked for a while: start over quickly
    set_condition("reconnecting in " + std::to_string(backoff.count()) + " ms: " + why);
    backoff_timer.expires_after(backoff);
    co_await backoff_timer.async_wait(use_awaitable);
    backoff = std::min(backoff * 2, settings_.reconnect_max);
  }
}

void FeedClient::start(asio::io_context& io) { asio::co_spawn(io, follow(io), asio::detached); }

}  // namespace streamweaver::sources::websocket
