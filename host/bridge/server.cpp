#include "bridge/server.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "bridge/hub.hpp"
#include "bridge/io_shard.hpp"
#include "bridge/listener.hpp"
#include "bridge/session_context.hpp"
#include "bridge/static_files.hpp"

namespace streamweaver::bridge {

struct Server::Impl {
  BridgeSettings settings;
  Hub& hub;
  HttpHandlers handlers;
  std::optional<StaticFiles> static_files;
  std::optional<SessionContext> context;
  // Declared after what sessions refer to, so they are destroyed first.
  std::vector<std::unique_ptr<IoShard>> shards;
  std::uint16_t port = 0;
};

namespace {

std::string url_host(const net::ip::address& address) {
  return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

}  // namespace

Server::Server(BridgeSettings settings, Hub& hub, HttpHandlers handlers)
    : impl_(
          new Impl{.settings = std::move(settings), .hub = hub, .handlers = std::move(handlers)}) {}

Server::~Server() { stop(); }

void Server::start() {
  auto& s = *impl_;
  if (!s.shards.empty()) throw std::logic_error("bridge server already started");
  if (!s.settings.web_root.empty()) s.static_files.emplace(s.settings.web_root);
  s.context.emplace(SessionContext{.settings = s.settings,
                                   .hub = s.hub,
                                   .handlers = s.handlers,
                                   .static_files = s.static_files ? &*s.static_files : nullptr});
  std::vector<std::unique_ptr<IoShard>> shards;
  std::vector<IoShard*> shard_list;
  for (int i = 0; i < std::max(1, s.settings.threads); ++i)
    shard_list.push_back(shards.emplace_back(std::make_unique<IoShard>()).get());
  auto listener = std::make_shared<Listener>(shard_list, s.settings.listen, *s.context);  // may throw
  auto endpoint = listener->local_endpoint();
  listener->run();  // the pending accept owns the listener from here on
  s.shards = std::move(shards);
  s.port = endpoint.port();
  for (auto& shard : s.shards) shard->start();
  spdlog::info("[bridge] dashboard on http://{}:{}/", url_host(endpoint.address()), s.port);
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  auto& s = *impl_;
  if (s.shards.empty()) return;
  for (auto& shard : s.shards) shard->stop();
  // No delivery may start once the io_contexts are being destroyed.
  s.hub.leave_all();
  s.shards.clear();  // destroys the pending handlers, and with them the sessions
}

}  // namespace streamweaver::bridge
