#include "bridge/server.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "bridge/auth/exposure_warning.hpp"
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
  auth::AccessMetrics access_metrics{hub.metrics().registry};
  std::shared_ptr<auth::ConnectionLimits> limits;
  std::optional<auth::AccessGate> access;
  std::optional<SessionContext> context;
  std::optional<SessionContext> admin_context;  // [bridge] admin_listen
  // Declared after what sessions refer to, so they are destroyed first.
  std::vector<std::unique_ptr<IoShard>> shards;
  std::uint16_t port = 0;
  std::uint16_t admin_port = 0;
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
  const auto& access = s.settings.access;
  s.access.emplace(access, s.access_metrics);  // may throw: an unusable JWT key
  s.limits = std::make_shared<auth::ConnectionLimits>(access.max_connections, access.max_connections_per_ip,
                                                      s.access_metrics);
  s.context.emplace(SessionContext{.settings = s.settings,
                                   .hub = s.hub,
                                   .handlers = s.handlers,
                                   .static_files = s.static_files ? &*s.static_files : nullptr,
                                   .access = *s.access,
                                   .limits = *s.limits});
  s.admin_context.emplace(SessionContext{.settings = s.settings,
                                         .hub = s.hub,
                                         .handlers = s.handlers,
                                         .static_files = nullptr,
                                         .access = *s.access,
                                         .limits = *s.limits,
                                         .role = auth::ListenerRole::admin});
  std::vector<std::unique_ptr<IoShard>> shards;
  std::vector<IoShard*> shard_list;
  for (int i = 0; i < std::max(1, s.settings.threads); ++i)
    shard_list.push_back(shards.emplace_back(std::make_unique<IoShard>()).get());
  auto listener = std::make_shared<Listener>(shard_list, s.settings.listen, *s.context);  // may throw
  auto endpoint = listener->local_endpoint();
  std::shared_ptr<Listener> admin_listener;
  if (!access.admin_listen.empty()) {
    admin_listener = std::make_shared<Listener>(shard_list, access.admin_listen, *s.admin_context);
    s.admin_port = admin_listener->local_endpoint().port();
    spdlog::info("[bridge] /health and /metrics on http://{}:{}/ only", url_host(admin_listener->local_endpoint().address()),
                 s.admin_port);
    admin_listener->run();
  }
  listener->run();  // the pending accept owns the listener from here on
  auth::warn_if_open(endpoint, access);
  s.shards = std::move(shards);
  s.port = endpoint.port();
  for (auto& shard : s.shards) shard->start();
  spdlog::info("[bridge] dashboard on http://{}:{}/", url_host(endpoint.address()), s.port);
}

std::uint16_t Server::port() const { return impl_->port; }
std::uint16_t Server::admin_port() const { return impl_->admin_port; }

void Server::stop() {
  auto& s = *impl_;
  if (s.shards.empty()) return;
  for (auto& shard : s.shards) shard->stop();
  // No delivery may start once the io_contexts are being destroyed.
  s.hub.leave_all();
  s.shards.clear();  // destroys the pending handlers, and with them the sessions
}

}  // namespace streamweaver::bridge
