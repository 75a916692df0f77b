#include "http_server.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "body_parser.hpp"

namespace streamweaver::sources::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kReadTimeout = std::chrono::seconds(30);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerSettings& settings, Intake& intake, std::shared_ptr<Gate> gate)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), settings_(settings), intake_(intake),
        gate_(std::move(gate)) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(settings_.max_body_bytes);
    stream_.expires_after(kReadTimeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

 private:
  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      keep_alive_ = false;
      return refuse(413, "the body is larger than max_body_bytes (" + std::to_string(settings_.max_body_bytes) +
                             ")");
    }
    if (ec) return;  // closed, timed out or not HTTP: nothing to answer
    const auto& request = parser_->get();
    keep_alive_ = request.keep_alive();
    if (request.method() != bhttp::verb::post) return refuse(405, "only POST is accepted");
    if (!settings_.token.empty() && request[bhttp::field::authorization] != "Bearer " + settings_.token)
      return refuse(401, "a valid 'Authorization: Bearer <token>' header is required");
    std::vector<nlohmann::json> records;
    BodyError error;
    if (!parse_body(request.body(), records, error)) {
      auto body = nlohmann::json{{"error", error.message}};
      if (error.byte > 0) body.update({{"line", error.line}, {"column", error.column}, {"byte", error.byte}});
      intake_.refused(400);
      return answer({400, std::move(body)});
    }
    std::weak_ptr<Session> weak = shared_from_this();
    auto reply = [weak, gate = gate_, request = ++requests_](Answer a) {
      gate->pass([&] {
        if (auto self = weak.lock())
          asio::post(self->stream_.get_executor(), [self, request, a = std::move(a)]() mutable {
            if (request == self->requests_) self->answer(std::move(a));  // not a late one for an earlier request
          });
      });
    };
    if (auto now = intake_.take(records, std::move(reply))) return answer(std::move(*now));
    // Held by this wait until the answer comes (or the delivery timeout does).
    timer_.expires_after(settings_.delivery_timeout);
    timer_.async_wait([self = shared_from_this()](beast::error_code timer_error) {
      if (timer_error) return;
      self->answer({504, {{"error", "Kafka has not acknowledged the records within delivery_timeout_ms; "
                                    "they stay queued and will be delivered"}}});
    });
    waiting_ = true;
  }

  void refuse(unsigned status, const std::string& why) {
    intake_.refused(status);
    answer({status, {{"error", why}}});
  }

  void answer(Answer a) {
    if (answered_) return;  // the delivery timeout answered first
    answered_ = true;
    if (waiting_) timer_.cancel();
    response_ = {};
    response_.version(11);
    response_.result(a.status);
    response_.set(bhttp::field::content_type, "application/json");
    if (a.status == 401) response_.set(bhttp::field::www_authenticate, "Bearer");
    if (a.status == 429) response_.set(bhttp::field::retry_after, "1");
    response_.keep_alive(keep_alive_);
    response_.body() = a.body.dump() + "\n";
    response_.prepare_payload();
    stream_.expires_after(kReadTimeout);
    bhttp::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        return;
      }
      self->answered_ = self->waiting_ = false;
      self->read();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  asio::steady_timer timer_;
  ServerSettings settings_;
  Intake& intake_;
  std::shared_ptr<Gate> gate_;
  bool keep_alive_ = true;
  bool waiting_ = false;
  bool answered_ = false;
  std::uint64_t requests_ = 0;  // read on this connection so far
};

}  // namespace

Listener::Listener(asio::io_context& io, const tcp::endpoint& endpoint, ServerSettings settings, Intake& intake,
                   std::shared_ptr<Gate> gate)
    : io_(io), acceptor_(io), settings_(std::move(settings)), intake_(intake), gate_(std::move(gate)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void Listener::run() { accept(); }

void Listener::accept() {
  acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<Session>(std::move(socket), self->settings_, self->intake_, self->gate_)->read();
    self->accept();
  });
}

}  // namespace streamweaver::sources::http
