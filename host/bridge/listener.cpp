#include "bridge/listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <charconv>
#include <stdexcept>

#include "bridge/auth/busy_response.hpp"
#include "bridge/http_session.hpp"

namespace streamweaver::bridge {

tcp::endpoint parse_listen_address(net::io_context& ioc, const std::string& listen) {
  auto fail = [&listen](const std::string& why) {
    return std::runtime_error("cannot listen on " + listen + ": " + why);
  };
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw fail("expected host:port");
  auto host = listen.substr(0, colon);
  auto port_text = std::string_view(listen).substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);

  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
    throw fail("bad port '" + std::string(port_text) + "'");

  beast::error_code resolve_ec;
  auto results = tcp::resolver(ioc).resolve(host, "", tcp::resolver::numeric_service, resolve_ec);
  if (resolve_ec || results.empty())
    throw fail("cannot resolve '" + host + "': " + resolve_ec.message());
  return {results.begin()->endpoint().address(), static_cast<unsigned short>(port)};
}

Listener::Listener(std::vector<IoShard*> shards, const std::string& listen,
                   const SessionContext& context)
    : shards_(std::move(shards)), acceptor_(shards_.front()->context()), context_(context) {
  auto endpoint = parse_listen_address(shards_.front()->context(), listen);
  beast::error_code ec;
  auto check = [&] {
    if (ec) throw std::runtime_error("cannot listen on " + listen + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  check();
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);  // restart despite TIME_WAIT
  check();
  acceptor_.bind(endpoint, ec);
  check();
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  check();
}

void Listener::run() { accept(); }

std::optional<auth::ConnectionSlot> Listener::admit(const tcp::socket& socket) {
  beast::error_code ec;
  auto peer = socket.remote_endpoint(ec);
  if (ec) return std::nullopt;  // already gone
  return context_.limits.try_admit(peer.address());
}

void Listener::accept() {
  // The new socket lives on the next shard: all of its handlers run on that shard's thread.
  IoShard& shard = *shards_[next_shard_++ % shards_.size()];
  acceptor_.async_accept(shard.context(), beast::bind_front_handler(&Listener::on_accept,
                                                                     shared_from_this(), std::ref(shard)));
}

void Listener::on_accept(IoShard& shard, beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;  // stopping
  if (ec)
    spdlog::warn("[bridge] accept failed: {}", ec.message());
  else if (auto slot = admit(socket))
    // Started on the shard's own thread, like everything else the connection does.
    net::post(shard.context(), [socket = std::move(socket), &context = context_, &shard, slot = *slot]() mutable {
      run_http_session(std::move(socket), context, shard, std::move(slot));
    });
  else
    net::post(shard.context(), [socket = std::move(socket)]() mutable { auth::answer_busy(std::move(socket)); });
  accept();
}

}  // namespace streamweaver::bridge
