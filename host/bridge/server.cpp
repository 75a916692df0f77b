#include "bridge/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bridge/hub.hpp"
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
  // Declared after what sessions refer to, so it is destroyed first.
  std::unique_ptr<net::io_context> ioc;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;

  void run_io() {
    for (;;) {
      try {
        ioc->run();
        return;
      } catch (const std::exception& e) {  // a handler threw: log it, keep serving
        spdlog::error("[bridge] unexpected exception: {}", e.what());
      }
    }
  }
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
  if (s.ioc) throw std::logic_error("bridge server already started");
  if (!s.settings.web_root.empty()) s.static_files.emplace(s.settings.web_root);
  s.context.emplace(SessionContext{.settings = s.settings,
                                   .hub = s.hub,
                                   .handlers = s.handlers,
                                   .static_files = s.static_files ? &*s.static_files : nullptr});
  const int threads = std::max(1, s.settings.threads);
  auto ioc = std::make_unique<net::io_context>(threads);
  auto listener = std::make_shared<Listener>(*ioc, s.settings.listen, *s.context);  // may throw
  auto endpoint = listener->local_endpoint();
  listener->run();  // the pending accept owns the listener from here on
  s.ioc = std::move(ioc);
  s.port = endpoint.port();
  for (int i = 0; i < threads; ++i) s.threads.emplace_back([&s] { s.run_io(); });
  spdlog::info("[bridge] dashboard on http://{}:{}/", url_host(endpoint.address()), s.port);
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  auto& s = *impl_;
  if (!s.ioc) return;
  s.ioc->stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  // No delivery may start once the io_context is being destroyed.
  s.hub.leave_all();
  s.ioc.reset();  // destroys the pending handlers, and with them the sessions
}

}  // namespace streamweaver::bridge
