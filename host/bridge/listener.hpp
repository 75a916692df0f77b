#pragma once
// Accepts connections and starts an HTTP session for each, spreading them over the shards.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridge/beast.hpp"
#include "bridge/io_shard.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

// "host:port" or "[v6]:port" to an endpoint; throws std::runtime_error.
tcp::endpoint parse_listen_address(net::io_context& ioc, const std::string& listen);

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens now, on the first shard; throws std::runtime_error "cannot listen on
  // LISTEN: reason". The shards outlive the listener.
  Listener(std::vector<IoShard*> shards, const std::string& listen, const SessionContext& context);

  void run();
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  void accept();
  void on_accept(IoShard& shard, beast::error_code ec, tcp::socket socket);
  // A slot under the connection caps, or nullopt: answer 503.
  std::optional<auth::ConnectionSlot> admit(const tcp::socket& socket);

  const std::vector<IoShard*> shards_;
  std::size_t next_shard_ = 0;  // round robin
  tcp::acceptor acceptor_;
  const SessionContext& context_;
};

}  // namespace streamweaver::bridge
