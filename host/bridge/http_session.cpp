#include "bridge/http_session.hpp"

#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "bridge/router.hpp"
#include "bridge/sse_session.hpp"
#include "bridge/url.hpp"
#include "bridge/websocket_session.hpp"

namespace streamweaver::bridge {

namespace {

constexpr auto request_timeout = std::chrono::seconds(30);
constexpr std::uint64_t request_body_limit = 16 * 1024;  // only GET and HEAD are served

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, const SessionContext& context, IoShard& shard, auth::ConnectionSlot slot)
      : stream_(std::move(socket)), context_(context), shard_(shard), slot_(std::move(slot)) {
    beast::error_code ec;
    client_ = stream_.socket().remote_endpoint(ec).address();
  }

  void read_request() {
    parser_.emplace();
    parser_->body_limit(request_body_limit);
    stream_.expires_after(request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

 private:
  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return shut_down();
    if (ec) return log_failure(ec, "http read");

    auto request = parser_->release();
    auto path = split_target(request.target()).path;
    bool websocket_upgrade = websocket::is_upgrade(request) && path == "/ws";
    bool event_stream = path == "/sse" && request.method() == http::verb::get;
    if (websocket_upgrade || event_stream) {
      auto admitted = context_.access.admit_stream(request, context_.role, client_);
      if (auto* refusal = std::get_if<auth::Refusal>(&admitted))
        return respond(auth::refusal_response(*refusal, request));
      auth::Admission admission{std::move(slot_), std::move(std::get<auth::Grant>(admitted))};
      stream_.expires_never();  // a stream: open as long as the client wants
      if (event_stream)
        return run_sse_session(stream_.release_socket(), std::move(request), context_, shard_,
                               std::move(admission));
      return run_websocket_session(stream_.release_socket(), std::move(request), context_, shard_,
                                   std::move(admission));
    }
    if (auto refusal = context_.access.check_plain(request, context_.role, client_))
      return respond(auth::refusal_response(*refusal, request));
    respond(route(std::move(request), context_));
  }

  void respond(http::message_generator response) {
    bool keep_alive = response.keep_alive();
    beast::async_write(
        stream_, std::move(response),
        beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return log_failure(ec, "http write");
    if (!keep_alive) return shut_down();
    read_request();
  }

  void shut_down() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  const SessionContext& context_;
  IoShard& shard_;
  auth::ConnectionSlot slot_;  // held until the connection ends or moves to a WebSocket session
  net::ip::address client_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void run_http_session(tcp::socket socket, const SessionContext& context, IoShard& shard,
                      auth::ConnectionSlot slot) {
  std::make_shared<HttpSession>(std::move(socket), context, shard, std::move(slot))->read_request();
}

}  // namespace streamweaver::bridge
