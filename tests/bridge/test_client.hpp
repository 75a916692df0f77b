#pragma once
// Blocking Beast clients for the server tests. Every operation has a deadline and throws
// std::runtime_error when it passes, so a broken server fails a test instead of hanging it.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace test {

using namespace std::chrono_literals;

struct HttpResponse {
  unsigned status = 0;
  std::string content_type;
  std::string body;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection; the target is sent exactly as given.
HttpResponse http_request(std::uint16_t port, const std::string& target,
                          boost::beast::http::verb verb = boost::beast::http::verb::get,
                          const Headers& headers = {});
// A WebSocket upgrade request as a plain HTTP request: the status the bridge answers with
// (101 when it accepts).
unsigned upgrade_status(std::uint16_t port, const std::string& target, const Headers& headers = {});

struct WsOptions {
  std::string target = "/ws";
  int receive_buffer_bytes = 0;
  Headers headers;           // added to the upgrade request (Authorization, Origin, ...)
  std::string bind_address;  // e.g. "127.0.0.2": connect from another loopback address
};

class WsClient {
 public:
  // receive_buffer_bytes > 0 shrinks the socket's receive buffer (set before connecting).
  // Connecting reads the topics frame the bridge sends first (throws when it does not).
  explicit WsClient(std::uint16_t port, const std::string& target = "/ws",
                    int receive_buffer_bytes = 0);
  WsClient(std::uint16_t port, const WsOptions& options);

  // {"op":"topics","topics":[...]}: what the bridge said it bridges on connect.
  const nlohmann::json& topics_on_connect() const { return topics_; }

  void send(const std::string& text);
  // Sends one message as `pieces` frames.
  void send_fragmented(const std::string& text, std::size_t pieces);

  std::string read(std::chrono::milliseconds timeout = 10s);
  nlohmann::json read_json(std::chrono::milliseconds timeout = 10s) {
    return nlohmann::json::parse(read(timeout));
  }

  // Reads (and discards) until the connection fails or closes; returns that error.
  // Throws if it is still open at the deadline.
  boost::beast::error_code read_until_closed(std::chrono::milliseconds timeout = 10s);
  // The close frame the server sent, once closed.
  boost::beast::websocket::close_reason close_reason() const { return ws_.reason(); }

 private:
  template <class Start>
  boost::beast::error_code run(std::chrono::milliseconds timeout, Start start);

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  nlohmann::json topics_;
};

// A Server-Sent Events client: GET with optional Last-Event-ID, then one event at a time.
struct SseEvent {
  std::string event;  // "message" unless named
  std::string id;
  std::string data;
};

class SseClient {
 public:
  // Reads the response head; status() says how the server answered.
  SseClient(std::uint16_t port, const std::string& target, const std::string& last_event_id = "");
  unsigned status() const { return status_; }
  std::string content_type() const { return content_type_; }
  const std::string& body_so_far() const { return buffer_; }
  // A refusal's whole body, as its Content-Length says (it may come after the head).
  const std::string& error_body();
  SseEvent next(std::chrono::milliseconds timeout = 10s);

 private:
  void read_more(std::chrono::milliseconds timeout);

  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  std::string buffer_;
  unsigned status_ = 0;
  std::string content_type_;
  std::size_t content_length_ = 0;
};

}  // namespace test
